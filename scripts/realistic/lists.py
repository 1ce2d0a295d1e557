"""The region the benchmark invents: schools (ОО), auditoriums, participants who sat (each gets a
sheet), distractors on the list (3 per participant: near-duplicate names, the same name in
another school, one letter different) and the experts (3 per school). Written in the formats of
docs/formats.md."""
import random

from . import names

REGION = "37"
EXAM_DATE = "2023-02-08"
CATEGORIES_SPECIAL = ["deaf-written", "low-vision", "zpr", "severe-speech"]


def build(sheets, seed, per_room=22):
    """Returns dict(schools, rooms, sitting, participants, experts). `sitting` is the list of
    participants that have a sheet, in room order."""
    rng = random.Random(f"lists-{seed}")
    n_rooms = max(1, round(sheets / per_room))
    n_schools = max(1, round(n_rooms * 0.95))
    schools = []
    used_codes = set()
    for s in range(n_schools):
        msu = f"{rng.randint(1, 40):03d}"
        while True:
            oo = REGION + f"{rng.randint(1, 9999):04d}"
            if oo not in used_codes:
                used_codes.add(oo)
                break
        schools.append({"oo": oo, "msu": msu, "rooms": []})
    rooms = []
    for r in range(n_rooms):
        school = schools[r % n_schools]
        code = f"{(r % n_schools) + 1:02d}{len(school['rooms']) + 1:02d}"
        room = {"oo": school["oo"], "msu": school["msu"], "auditorium": code, "size": 0}
        school["rooms"].append(code)
        rooms.append(room)
    # Spread the sheets over the rooms (sizes differ by at most one).
    for i in range(sheets):
        rooms[i % n_rooms]["size"] += 1

    participants, sitting = [], []
    next_id = [1]
    seen_docs = set()

    def new_id():
        pid = f"P{next_id[0]:06d}"
        next_id[0] += 1
        return pid

    def document():
        if rng.random() < 0.12:
            return "", ""
        while True:
            series, number = f"{rng.randint(1000, 9999)}", f"{rng.randint(0, 999999):06d}"
            if (series, number) not in seen_docs:
                seen_docs.add((series, number))
                return series, number

    def row(surname, name, patronymic, school, auditorium, cls, category="standard"):
        series, number = document()
        return {"id": new_id(), "surname": surname, "name": name, "patronymic": patronymic, "class": cls,
                "document_series": series, "document_number": number, "region": REGION, "msu": school["msu"],
                "oo": school["oo"], "auditorium": auditorium, "category": category, "exam_date": EXAM_DATE}

    school_of = {s["oo"]: s for s in schools}
    for room in rooms:
        school = school_of[room["oo"]]
        for _ in range(room["size"]):
            surname, name, patronymic, gender = names.person(rng)
            category = rng.choice(CATEGORIES_SPECIAL) if rng.random() < 0.04 else "standard"
            cls = "9" + rng.choice(names.CLASS_LETTERS[:4])
            p = row(surname, name, patronymic, school, room["auditorium"], cls, category)
            p["gender"] = gender
            participants.append(p)
            sitting.append(p)

    # Distractors: never sitting here today (auditoriums with no packet, or «Н» in this room).
    for p in list(sitting):
        school = school_of[p["oo"]]
        other_school = rng.choice(schools) if len(schools) > 1 else school
        elsewhere = f"{99:02d}{rng.randint(1, 9):02d}"          # a room of that school with no packet
        cls = "9" + rng.choice(names.CLASS_LETTERS)
        # 1. near-duplicate: same surname and name, another patronymic (or the name one letter off).
        patronymic = rng.choice(names.PATRONYMICS)[0 if p["gender"] == "m" else 1]
        if patronymic == p["patronymic"]:
            patronymic = ""
        near = row(p["surname"], p["name"], patronymic, school, elsewhere, cls)
        # 2. the very same ФИО in another school.
        same = row(p["surname"], p["name"], p["patronymic"], other_school, elsewhere, cls)
        # 3. surname one letter different, same name; a few of them absent («Н») in this very room.
        absent_here = rng.random() < 0.15
        one_off = row(names.one_letter_apart(p["surname"], rng), p["name"], p["patronymic"], school,
                      "Н" if absent_here else elsewhere, p["class"] if absent_here else cls)
        participants += [near, same, one_off]
    rng.shuffle(participants)

    experts = []
    for i, school in enumerate(schools):
        for k in range(3):
            surname, name, patronymic, _ = names.person(rng)
            experts.append({"id": f"E{i + 1:02d}-{k + 1}", "surname": surname, "name": name,
                            "patronymic": patronymic, "oo": school["oo"]})
    return {"schools": schools, "rooms": rooms, "sitting": sitting, "participants": participants, "experts": experts}


PARTICIPANT_COLUMNS = ["id", "surname", "name", "patronymic", "class", "document_series", "document_number",
                       "region", "msu", "oo", "auditorium", "category", "exam_date"]
EXPERT_COLUMNS = ["id", "surname", "name", "patronymic", "oo"]


def write_csv(rows, columns, path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(";".join(columns) + "\n")
        for r in rows:
            f.write(";".join(str(r.get(c, "")) for c in columns) + "\n")
