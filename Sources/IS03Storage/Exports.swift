// The storage interface lives in IS03Store (no engine import); callers that open the SQLite
// store have always written `import IS03Storage` and keep seeing the interface through it.
// A transition aid: new code imports IS03Store for the interface.
@_exported import IS03Store
