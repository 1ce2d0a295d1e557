/// The engine version recorded as provenance with every result and used by `is03 reprocess`
/// to find pages read by an older engine. Bump it when reading behaviour changes.
public enum EngineVersion {
    public static let current = "0.5.0"
}
