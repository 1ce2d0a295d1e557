/// Realistic Russian full names with gender agreement, for synthetic participants and experts.
///
/// Surnames are stored as stems with their declension class, so the feminine form always
/// agrees (Королёв → Королёва, Преображенский → Преображенская, Черных → Черных). About 4 %
/// of surnames are hyphenated double surnames; the lists include Ё and long names so that box
/// fields get exercised at their edges.
public enum RussianNames {
    public enum Gender: String, Codable, Sendable { case male, female }

    public struct FullName: Sendable, Hashable {
        public var surname: String
        public var name: String
        public var patronymic: String?
        public var gender: Gender
    }

    /// Draws one name; `patronymicShare` of people have a patronymic.
    public static func random(using rng: inout SeededRandom, patronymicShare: Double = 0.97) -> FullName {
        let gender: Gender = Bool.random(using: &rng) ? .male : .female
        var surname = surname(gender, using: &rng)
        if Double.random(in: 0..<1, using: &rng) < 0.04 {
            surname += "-" + Self.surname(gender, using: &rng)
        }
        let name = (gender == .male ? maleNames : femaleNames).randomElement(using: &rng)!
        var patronymic: String?
        if Double.random(in: 0..<1, using: &rng) < patronymicShare {
            let father = fathers.randomElement(using: &rng)!
            patronymic = gender == .male ? father.son : father.daughter
        }
        return FullName(surname: surname, name: name, patronymic: patronymic, gender: gender)
    }

    static func surname(_ gender: Gender, using rng: inout SeededRandom) -> String {
        let (stem, kind) = surnames.randomElement(using: &rng)!
        switch (kind, gender) {
        case (.ov, .male), (.inv, _): return stem
        case (.ov, .female): return stem + "а"
        case (.sky, .male): return stem + "ий"
        case (.sky, .female): return stem + "ая"
        case (.oy, .male): return stem + "ой"
        case (.oy, .female): return stem + "ая"
        }
    }

    enum SurnameKind { case ov, sky, oy, inv }

    /// Stems: `.ov` takes -а in the feminine (Иванов, Ёлкин); `.sky` ends -ий/-ая;
    /// `.oy` ends -ой/-ая; `.inv` does not change (Черных, Шевченко, Гусейн-заде style).
    static let surnames: [(String, SurnameKind)] = [
        ("Иванов", .ov), ("Смирнов", .ov), ("Кузнецов", .ov), ("Попов", .ov), ("Васильев", .ov),
        ("Петров", .ov), ("Соколов", .ov), ("Михайлов", .ov), ("Новиков", .ov), ("Фёдоров", .ov),
        ("Морозов", .ov), ("Волков", .ov), ("Алексеев", .ov), ("Лебедев", .ov), ("Семёнов", .ov),
        ("Егоров", .ov), ("Павлов", .ov), ("Козлов", .ov), ("Степанов", .ov), ("Николаев", .ov),
        ("Орлов", .ov), ("Андреев", .ov), ("Макаров", .ov), ("Никитин", .ov), ("Захаров", .ov),
        ("Зайцев", .ov), ("Соловьёв", .ov), ("Борисов", .ov), ("Яковлев", .ov), ("Григорьев", .ov),
        ("Романов", .ov), ("Воробьёв", .ov), ("Сергеев", .ov), ("Кузьмин", .ov), ("Фролов", .ov),
        ("Александров", .ov), ("Дмитриев", .ov), ("Королёв", .ov), ("Гусев", .ov), ("Киселёв", .ov),
        ("Ильин", .ov), ("Максимов", .ov), ("Поляков", .ov), ("Сорокин", .ov), ("Виноградов", .ov),
        ("Ковалёв", .ov), ("Белов", .ov), ("Медведев", .ov), ("Антонов", .ov), ("Тарасов", .ov),
        ("Жуков", .ov), ("Баранов", .ov), ("Филиппов", .ov), ("Комаров", .ov), ("Давыдов", .ov),
        ("Беляев", .ov), ("Герасимов", .ov), ("Богданов", .ov), ("Осипов", .ov), ("Сидоров", .ov),
        ("Матвеев", .ov), ("Титов", .ov), ("Марков", .ov), ("Миронов", .ov), ("Крылов", .ov),
        ("Куликов", .ov), ("Карпов", .ov), ("Власов", .ov), ("Мельников", .ov), ("Денисов", .ov),
        ("Гаврилов", .ov), ("Тихонов", .ov), ("Казаков", .ov), ("Афанасьев", .ov), ("Ёлкин", .ov),
        ("Ёжиков", .ov), ("Щукин", .ov), ("Пчёлкин", .ov), ("Шмелёв", .ov), ("Хрущёв", .ov),
        ("Артёмов", .ov), ("Чернышёв", .ov), ("Толстопятов", .ov), ("Верещагин", .ov),
        ("Добронравов", .ov), ("Ахмедзянов", .ov), ("Гарипов", .ov), ("Хабибуллин", .ov),
        ("Мухаметшин", .ov), ("Цыганков", .ov), ("Эйдельман", .inv), ("Юдин", .ov), ("Ющенко", .inv),
        ("Преображенск", .sky), ("Вознесенск", .sky), ("Кржижановск", .sky), ("Ковальск", .sky),
        ("Заболоцк", .sky), ("Рождественск", .sky), ("Белозерск", .sky), ("Покровск", .sky),
        ("Достоевск", .sky), ("Высоцк", .sky), ("Новицк", .sky), ("Жуковск", .sky),
        ("Толст", .oy), ("Трубецк", .oy), ("Лановск", .oy), ("Полев", .oy), ("Донск", .oy),
        ("Черных", .inv), ("Седых", .inv), ("Белых", .inv), ("Шевченко", .inv), ("Бондаренко", .inv),
        ("Коваленко", .inv), ("Ткаченко", .inv), ("Дурново", .inv), ("Ли", .inv), ("Цой", .inv),
        ("Ким", .inv), ("Шульц", .inv), ("Гогоберидзе", .inv), ("Абрамян", .inv), ("Оганесян", .inv),
    ]

    static let maleNames = [
        "Александр", "Алексей", "Андрей", "Артём", "Богдан", "Владимир", "Владислав", "Глеб",
        "Даниил", "Денис", "Дмитрий", "Егор", "Иван", "Илья", "Кирилл", "Константин", "Лев",
        "Максим", "Марк", "Матвей", "Михаил", "Никита", "Николай", "Павел", "Пётр", "Роман",
        "Семён", "Сергей", "Станислав", "Тимофей", "Тимур", "Фёдор", "Ярослав", "Эмиль",
        "Святослав", "Всеволод", "Ринат", "Арсений",
    ]

    static let femaleNames = [
        "Алёна", "Александра", "Алиса", "Анастасия", "Анна", "Арина", "Валерия", "Варвара",
        "Вероника", "Виктория", "Дарья", "Диана", "Ева", "Екатерина", "Елизавета", "Злата",
        "Ксения", "Мария", "Милана", "Наталья", "Полина", "Софья", "Таисия", "Ульяна", "Фёкла",
        "Юлия", "Яна", "Василиса", "Ангелина", "Кристина", "Маргарита", "Серафима", "Эльвира",
        "Аглая", "Олёна",
    ]

    /// Fathers' names with the son's and daughter's patronymics (irregular ones spelt out).
    static let fathers: [(son: String, daughter: String)] = [
        ("Александрович", "Александровна"), ("Алексеевич", "Алексеевна"), ("Андреевич", "Андреевна"),
        ("Артёмович", "Артёмовна"), ("Владимирович", "Владимировна"), ("Викторович", "Викторовна"),
        ("Дмитриевич", "Дмитриевна"), ("Евгеньевич", "Евгеньевна"), ("Иванович", "Ивановна"),
        ("Игоревич", "Игоревна"), ("Ильич", "Ильинична"), ("Кузьмич", "Кузьминична"),
        ("Михайлович", "Михайловна"), ("Николаевич", "Николаевна"), ("Олегович", "Олеговна"),
        ("Павлович", "Павловна"), ("Петрович", "Петровна"), ("Романович", "Романовна"),
        ("Семёнович", "Семёновна"), ("Сергеевич", "Сергеевна"), ("Фёдорович", "Фёдоровна"),
        ("Юрьевич", "Юрьевна"), ("Яковлевич", "Яковлевна"), ("Константинович", "Константиновна"),
        ("Станиславович", "Станиславовна"), ("Вячеславович", "Вячеславовна"),
        ("Никитич", "Никитична"), ("Фомич", "Фоминична"), ("Тимурович", "Тимуровна"),
        ("Ринатович", "Ринатовна"), ("Всеволодович", "Всеволодовна"),
    ]
}
