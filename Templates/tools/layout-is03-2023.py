#!/usr/bin/env python3
"""Authoring aid: lays out Templates/is03-2023.json on a grid so positions stay consistent.

The JSON it writes is the template; the program reads only the JSON. Edit this script and
re-run it (python3 Templates/tools/layout-is03-2023.py) or edit the JSON by hand; either way
`is03 template check Templates/is03-2023.json` validates the result.
"""
import json, pathlib

r1 = lambda v: round(v, 2)
fields, labels, lines = [], [], []

def label(text, x, y, size=None, bold=None):
    d = {"text": text, "x": r1(x), "y": r1(y)}
    if size: d["size"] = size
    if bold: d["bold"] = True
    labels.append(d)

def digits(fid, lab, role, x, y, columns, col_pitch=4.2, row_pitch=3.9):
    fields.append({"id": fid, "label": lab, "kind": "digits", "role": role, "x": r1(x), "y": r1(y),
                   "columns": columns, "columnPitch": col_pitch, "rowPitch": row_pitch})
    label(lab, x - 1.6, y - 4.2, size=6)
    return x + (columns - 1) * col_pitch

def letters(fid, lab, role, x, y, count, label_x=14):
    fields.append({"id": fid, "label": lab, "kind": "letters", "role": role, "x": r1(x), "y": r1(y),
                   "count": count, "alphabet": "ru"})
    label(lab, label_x, y + 5, size=8)

def choice(fid, lab, role, x, y, values, step, **extra):
    d = {"id": fid, "label": lab, "kind": "choice", "x": r1(x), "y": r1(y), "values": values,
         "step": {"x": step[0], "y": step[1]}}
    if role: d["role"] = role
    d.update(extra)
    fields.append(d)

def flag(fid, lab, role, x, y, **extra):
    d = {"id": fid, "label": lab, "kind": "flag", "role": role, "x": r1(x), "y": r1(y)}
    d.update(extra)
    fields.append(d)

# Title
label("ИТОГОВОЕ СОБЕСЕДОВАНИЕ ПО РУССКОМУ ЯЗЫКУ — 2023", 26, 21, size=11, bold=True)
label("Протокол эксперта для оценивания ответа участника (форма ИС-03)", 26, 27, size=8.5)
label("Заполняйте чёрной ручкой: закрашивайте кружки полностью, буквы пишите печатными заглавными.", 26, 32, size=6.5)

# Band 1: header digit columns
y0 = 42
x = 16
x = digits("examDate", "Дата (ДД ММ ГГ)", "examDate", x, y0, 6) + 6.5
x = digits("region", "Регион", "region", x, y0, 2) + 6.5
x = digits("msu", "МСУ", "msu", x, y0, 3) + 6.5
x = digits("oo", "Код ОО", "oo", x, y0, 6) + 6.5
x = digits("classNumber", "Класс", "classNumber", x, y0, 2) + 4.5
fields.append({"id": "classLetter", "label": "Буква", "kind": "letters", "role": "classLetter",
               "x": r1(x - 2.5), "y": r1(y0 - 1.6), "count": 1, "alphabet": "ru"})
label("Буква", x - 3, y0 - 4.2, size=6)
x += 9
x = digits("auditorium", "Аудитория", "auditorium", x, y0, 4)

# Band 2
y0 = 91
x = 16
x = digits("variant", "Вариант", "variant", x, y0, 2) + 6.5
x = digits("kim", "Номер КИМ", "kim", x, y0, 6) + 6.5
x = digits("documentSeries", "Серия документа", "documentSeries", x, y0, 4) + 6.5
x = digits("documentNumber", "Номер документа", "documentNumber", x, y0, 6)
label("Участник:", 150, 95, size=8, bold=True)
label("пишите в клетках", 150, 100, size=6.5)
label("печатными буквами", 150, 104, size=6.5)

# Names
label("Сведения об участнике итогового собеседования", 14, 133, size=8, bold=True)
letters("surname", "Фамилия", "surname", 38, 136, 28)
letters("name", "Имя", "name", 38, 145, 20)
letters("patronymic", "Отчество", "patronymic", 38, 154, 24)

# Criteria
left = [
    ("Задание 1. Чтение вслух", None, [("ИЧ", "ИЧ", "Интонация", 1), ("ТЧ", "ТЧ", "Темп чтения", 1)]),
    ("Задание 2. Пересказ", 2, [("П1", "П1", "Микротемы", 2), ("П2", "П2", "Фактологическая точность", 1),
                                 ("П3", "П3", "Работа с высказыванием", 1), ("П4", "П4", "Способы цитирования", 1)]),
    ("Правильность речи (задания 1–2)", None, [("Р1.Г", "Г", "Грамматические нормы", 1), ("Р1.О", "О", "Орфоэпические нормы", 1),
                                              ("Р1.Р", "Р", "Речевые нормы", 1), ("Р1.Иск", "Иск", "Искажения слов", 1)]),
]
right = [
    ("Задание 3. Монолог", 3, [("М1", "М1", "Коммуникативная задача", 1), ("М2", "М2", "Речевая ситуация", 1),
                                ("М3", "М3", "Речевое оформление", 1)]),
    ("Задание 4. Диалог", None, [("Д1", "Д1", "Коммуникативная задача", 1), ("Д2", "Д2", "Речевая ситуация", 1)]),
    ("Правильность речи (задания 3–4)", None, [("Р2.Г", "Г", "Грамматические нормы", 1), ("Р2.О", "О", "Орфоэпические нормы", 1),
                                              ("Р2.Р", "Р", "Речевые нормы", 1), ("Р2.РО", "РО", "Речевое оформление", 1)]),
]
criteria = []
label("Заполняется экспертом: баллы по критериям оценивания", 14, 166, size=8, bold=True)
def column(blocks, x_text, x_bubble, y):
    label("0", x_bubble - 1, y - 1, size=6); label("1", x_bubble + 5, y - 1, size=6); label("2", x_bubble + 11, y - 1, size=6)
    y += 3.5
    for heading, task, rows in blocks:
        label(heading, x_text, y + 1.2, size=7, bold=True)
        if task:
            label("не приступал", x_bubble - 1, y + 1.2, size=5.5)
            flag(f"task{task}NotAttempted", f"Не приступал к заданию {task}", "taskNotAttempted", x_bubble + 12 + 6, y, task=task)
        y += 4.8
        for cid, code, title, mx in rows:
            label(code, x_text, y + 1.2, size=7.5, bold=True)
            label(title, x_text + 9, y + 1.2, size=6.5)
            values = [str(v) for v in range(mx + 1)]
            fid = "crit." + cid
            choice(fid, cid, "criterion", x_bubble, y, values, (6, 0))
            criteria.append({"id": cid, "code": code, "title": title, "task": task_of[cid], "max": mx, "field": fid})
            y += 5.0
        y += 0.6
task_of = {c: t for t, cs in {1: ["ИЧ", "ТЧ"], 2: ["П1", "П2", "П3", "П4", "Р1.Г", "Р1.О", "Р1.Р", "Р1.Иск"],
                               3: ["М1", "М2", "М3", "Р2.Г", "Р2.О", "Р2.Р", "Р2.РО"], 4: ["Д1", "Д2"]}.items() for c in cs}
column(left, 14, 78, 171)
column(right, 106, 170, 171)
lines.append({"x1": 102, "y1": 168, "x2": 102, "y2": 236, "width": 0.3})

# Expert block
label("Общий балл (ставит эксперт)", 14, 243, size=7, bold=True)
choice("expertTotal", "Общий балл", "expertTotal", 16, 248, [str(v) for v in range(21)], (4.5, 0))
label("Отметка:", 120, 243, size=7, bold=True)
choice("expertVerdict", "Зачёт / незачёт", "expertVerdict", 124, 248, ["зачёт", "незачёт"], (30, 0))
label("зачёт", 127.5, 249.2, size=7); label("незачёт", 157.5, 249.2, size=7)
flag("notCompleted", "Не завершил по объективным причинам", "notCompleted", 16, 256)
label("не завершил по объективным причинам", 19.5, 257.2, size=6.5)
flag("removed", "Удалён", "removed", 96, 256)
label("удалён", 99.5, 257.2, size=6.5)
flag("notAdmitted", "Не допущен", "notAdmitted", 126, 256)
label("не допущен", 129.5, 257.2, size=6.5)
label("ФИО эксперта", 14, 266, size=7, bold=True)
fields.append({"id": "expertSurname", "label": "Фамилия эксперта", "kind": "letters", "role": "expertSurname",
               "x": 38, "y": 261, "count": 20, "alphabet": "ru"})
fields.append({"id": "expertInitials", "label": "Инициалы эксперта", "kind": "letters", "role": "expertInitials",
               "x": 155, "y": 261, "count": 2, "alphabet": "ru"})
label("И. О.", 169, 266, size=6.5)
label("Подпись", 14, 276, size=7)
fields.append({"id": "expertSignature", "label": "Подпись эксперта", "kind": "area", "role": "expertSignature",
               "x": 38, "y": 270, "width": 60, "height": 9})

template = {
    "format": 1,
    "id": "is03-2023",
    "title": "ИС-03: протокол эксперта, автоматизированная обработка, критерии 2023 года",
    "year": 2023,
    "page": {"width": 210, "height": 297},
    "registration": {
        "marks": [{"id": "TL", "x": 8, "y": 8, "size": 7}, {"id": "TR", "x": 195, "y": 8, "size": 7},
                  {"id": "BL", "x": 8, "y": 282, "size": 7}, {"id": "BR", "x": 195, "y": 282, "size": 7}],
        "orientationCue": {"id": "cue", "x": 18, "y": 9.75, "size": 3.5},
    },
    "qr": {"x": 172, "y": 18, "width": 22, "height": 22},
    "defaults": {"bubbleDiameter": 3.4, "boxWidth": 5.0, "boxHeight": 7.0, "boxGap": 0.6, "fontSize": 7},
    "labels": labels,
    "lines": lines,
    "fields": fields,
    "scoring": {
        "criteria": criteria,
        "groups": [
            {"id": "task1", "title": "Задание 1. Чтение вслух", "criteria": ["ИЧ", "ТЧ"]},
            {"id": "task2", "title": "Задание 2. Пересказ", "criteria": ["П1", "П2", "П3", "П4"]},
            {"id": "Р1", "title": "Правильность речи, задания 1–2", "criteria": ["Р1.Г", "Р1.О", "Р1.Р", "Р1.Иск"]},
            {"id": "task3", "title": "Задание 3. Монолог", "criteria": ["М1", "М2", "М3"]},
            {"id": "task4", "title": "Задание 4. Диалог", "criteria": ["Д1", "Д2"]},
            {"id": "Р2", "title": "Правильность речи, задания 3–4", "criteria": ["Р2.Г", "Р2.О", "Р2.Р", "Р2.РО"]},
        ],
        "parts": [
            {"id": "tasks12", "title": "Задания 1–2", "groups": ["task1", "task2", "Р1"], "max": 11},
            {"id": "tasks34", "title": "Задания 3–4", "groups": ["task3", "task4", "Р2"], "max": 9},
        ],
        "totalMax": 20,
        "passMark": 10,
        "verdictPass": "зачёт",
        "verdictFail": "незачёт",
        "rules": [
            {"id": "Р1-cap", "kind": "capIfTaskNotAttempted", "task": 2, "group": "Р1", "max": 2,
             "description": "Если участник не приступал к заданию 2, по критериям Р1 ставится не более 2 баллов"},
            {"id": "Р2-cap", "kind": "capIfTaskNotAttempted", "task": 3, "group": "Р2", "max": 2,
             "description": "Если участник не приступал к заданию 3, по критериям Р2 ставится не более 2 баллов"},
            {"id": "РО-needs-Р", "kind": "onlyIf", "criterion": "Р2.РО", "value": 1, "requires": "Р2.Р", "requiredValue": 1,
             "description": "РО = 1 только если по критерию Р (задания 3–4) получен 1 балл"},
        ],
    },
}
out = pathlib.Path(__file__).resolve().parent.parent / "is03-2023.json"
out.write_text(json.dumps(template, ensure_ascii=False, indent=1) + "\n")
print(f"wrote {out}: {len(fields)} fields, {len(criteria)} criteria")
