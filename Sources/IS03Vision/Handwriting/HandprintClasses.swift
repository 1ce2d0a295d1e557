/// The characters the hand-print model distinguishes, in the order of its outputs: the 33
/// Russian capitals and the hyphen (what a `letters` box with alphabet `ru` may hold).
/// Changing this list means retraining the model.
public enum HandprintClasses {
    public static let characters: [Character] = Array("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ-")
}
