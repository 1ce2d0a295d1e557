#!/usr/bin/env python3
"""Authoring aid for Templates/is03-2018.json: the 2018 federal sheet (seed 004, Приложение 3)
with 1/0 boxes per criterion and no QR code. A different year's form is a different data
file; nothing in the program changes for it."""
import json, pathlib

fields, labels = [], []
def label(text, x, y, size=None, bold=None):
    d = {"text": text, "x": round(x, 2), "y": round(y, 2)}
    if size: d["size"] = size
    if bold: d["bold"] = True
    labels.append(d)
def digits(fid, lab, role, x, y, columns, cp=4.4, rp=4.0):
    fields.append({"id": fid, "label": lab, "kind": "digits", "role": role, "x": round(x, 2), "y": y,
                   "columns": columns, "columnPitch": cp, "rowPitch": rp})
    label(lab, x - 1.6, y - 4.4, size=6)
    return x + (columns - 1) * cp

label("ИТОГОВОЕ УСТНОЕ СОБЕСЕДОВАНИЕ ПО РУССКОМУ ЯЗЫКУ — 2018", 14, 24, size=11, bold=True)
label("БЛАНК ИТОГОВОГО СОБЕСЕДОВАНИЯ", 14, 30, size=9, bold=True)
y0 = 42; x = 16
x = digits("examDate", "Дата (ДД ММ ГГ)", "examDate", x, y0, 6) + 7
x = digits("region", "Район", "msu", x, y0, 2) + 7
x = digits("oo", "Код ОО", "oo", x, y0, 6) + 7
x = digits("classNumber", "Класс", "classNumber", x, y0, 2) + 7
x = digits("auditorium", "Аудитория", "auditorium", x, y0, 4) + 7
x = digits("variant", "Вариант", "variant", x, y0, 2) + 7
label("Сведения об участнике", 14, 88, size=8, bold=True)
for i, (fid, lab, n) in enumerate([("surname", "Фамилия", 26), ("name", "Имя", 20), ("patronymic", "Отчество", 24)]):
    fields.append({"id": fid, "label": lab, "kind": "letters", "role": fid, "x": 40, "y": 91 + 9 * i, "count": n, "alphabet": "ru"})
    label(lab, 14, 96 + 9 * i, size=8)
# «Номер КИМ» and «Документ: Серия … Номер» (seed 004, Приложение 3): the rest of the header row
# is the personalisation strip (FormStyle), so these digit grids stand in the free middle of the
# criteria block, clear of its labels and bubbles.
digits("documentSeries", "Серия документа", "documentSeries", 80, 137, 4)
digits("documentNumber", "Номер документа", "documentNumber", 102.4, 137, 6)
digits("kim", "Номер КИМ", "kim", 80, 187, 6)
label("Баллы (1 / 0) по критериям оценивания", 14, 124, size=8, bold=True)
label("1", 150, 124, size=6.5); label("0", 157, 124, size=6.5)
blocks = [
    ("Задание 1. Чтение вслух", 1, [("ИЧ", "ИЧ", "Интонация"), ("ТЧ", "ТЧ", "Темп чтения")]),
    ("Задание 2. Пересказ текста", 2, [("П1", "П1", "Микротемы"), ("П2", "П2", "Фактические ошибки"), ("П3", "П3", "Высказывание"), ("П4", "П4", "Цитирование")]),
    ("Грамотность речи (задания 1 и 2)", 2, [("Р1.Г", "Г", "Грамматика"), ("Р1.О", "О", "Орфоэпия"), ("Р1.Р", "Р", "Речевые ошибки"), ("Р1.Иск", "Иск", "Искажения слов")]),
    ("Задание 3. Монолог", 3, [("М1", "М1", "10 фраз по теме"), ("М2", "М2", "Речевая ситуация"), ("М3", "М3", "Цельность и логика")]),
    ("Задание 4. Диалог", 4, [("Д1", "Д1", "Ответы на вопросы"), ("Д2", "Д2", "Речевая ситуация")]),
    ("Грамотность речи (задания 3 и 4)", 3, [("Р2.Г", "Г", "Грамматика"), ("Р2.О", "О", "Орфоэпия"), ("Р2.Р", "Р", "Речевые ошибки"), ("Р2.РО", "РО", "Богатство речи")]),
]
criteria = []; groups = []; y = 129
for heading, task, rows in blocks:
    label(heading, 14, y + 1.2, size=7, bold=True); y += 4.4
    ids = []
    for cid, code, title in rows:
        label(code, 16, y + 1.2, size=7.5, bold=True); label(title, 28, y + 1.2, size=6.5)
        fields.append({"id": "crit." + cid, "label": cid, "kind": "choice", "role": "criterion", "x": 151, "y": round(y, 2),
                       "values": ["1", "0"], "step": {"x": 7, "y": 0}})
        criteria.append({"id": cid, "code": code, "title": title, "task": task, "max": 1, "field": "crit." + cid})
        ids.append(cid); y += 4.5
    groups.append({"id": {"Задание 1. Чтение вслух": "task1", "Задание 2. Пересказ текста": "task2", "Задание 3. Монолог": "task3",
                          "Задание 4. Диалог": "task4"}.get(heading, "Р1" if task == 2 else "Р2"), "title": heading, "criteria": ids})
y += 3
label("Общее количество баллов", 14, y + 1.5, size=7, bold=True)
fields.append({"id": "expertTotal", "label": "Общее количество баллов", "kind": "choice", "role": "expertTotal",
               "x": 16, "y": round(y + 6, 2), "values": [str(v) for v in range(20)], "step": {"x": 4.6, "y": 0}})
fields.append({"id": "expertVerdict", "label": "Зачёт / незачёт", "kind": "choice", "role": "expertVerdict",
               "x": 130, "y": round(y + 14, 2), "values": ["зачёт", "незачёт"], "step": {"x": 30, "y": 0}})
label("Зачёт", 133.5, y + 15.2, size=7); label("Незачёт", 163.5, y + 15.2, size=7)
fields.append({"id": "removed", "label": "Удалён", "kind": "flag", "role": "removed", "x": 16, "y": round(y + 14, 2)})
label("Удалён с итогового собеседования", 19.5, y + 15.2, size=6.5)
fields.append({"id": "notAdmitted", "label": "Не допущен", "kind": "flag", "role": "notAdmitted", "x": 80, "y": round(y + 14, 2)})
label("Не допущен", 83.5, y + 15.2, size=6.5)
label("ФИО эксперта", 14, y + 26, size=7, bold=True)
fields.append({"id": "expertSurname", "label": "Фамилия эксперта", "kind": "letters", "role": "expertSurname",
               "x": 40, "y": round(y + 21, 2), "count": 20, "alphabet": "ru"})
fields.append({"id": "expertInitials", "label": "Инициалы эксперта", "kind": "letters", "role": "expertInitials",
               "x": 158, "y": round(y + 21, 2), "count": 2, "alphabet": "ru"})
fields.append({"id": "expertSignature", "label": "Подпись эксперта", "kind": "area", "role": "expertSignature",
               "x": 40, "y": round(y + 31, 2), "width": 60, "height": 9})
label("Подпись", 14, y + 37, size=7)
template = {
    "format": 1, "id": "is03-2018",
    "title": "Бланк итогового собеседования 2018 (ФЦТ, письмо 4848/02, приложение 3), баллы 1/0",
    "year": 2018, "page": {"width": 210, "height": 297},
    "registration": {"marks": [{"id": "TL", "x": 8, "y": 8, "size": 7}, {"id": "TR", "x": 195, "y": 8, "size": 7},
                               {"id": "BL", "x": 8, "y": 282, "size": 7}, {"id": "BR", "x": 195, "y": 282, "size": 7}],
                     "orientationCue": {"id": "cue", "x": 9.75, "y": 18, "size": 3.5}},
    "qr": None,
    "defaults": {"bubbleDiameter": 3.4, "boxWidth": 5.0, "boxHeight": 7.0, "boxGap": 0.6, "fontSize": 7},
    "labels": labels, "lines": [], "fields": fields,
    "scoring": {"criteria": criteria, "groups": groups,
                "parts": [{"id": "tasks12", "title": "Задания 1–2", "groups": ["task1", "task2", "Р1"], "max": 10},
                          {"id": "tasks34", "title": "Задания 3–4", "groups": ["task3", "task4", "Р2"], "max": 9}],
                "totalMax": 19, "passMark": 10, "verdictPass": "зачёт", "verdictFail": "незачёт",
                # The 2018 sheet's own rules only: «РО only if Р = 1» belongs to the 2023 criteria,
                # and with no «не приступал» flags there is nothing for a cap to read.
                "rules": []},
}
out = pathlib.Path(__file__).resolve().parent.parent / "is03-2018.json"
out.write_text(json.dumps(template, ensure_ascii=False, indent=1) + "\n")
print(f"wrote {out}: {len(fields)} fields, {len(criteria)} criteria, last y {y:.1f}")
