"""Scores `is03 process` outputs against the truth: review load, silent errors, lost sheets,
matches, letters. Definitions (docs/recognition.md, "Realistic benchmark"):

- a sheet is *refused* when its file was not taken or its page failed / was classed unreadable;
- *lost* when it is not refused, has no result, and either no review item at all or was
  classed blank/foreign (its participant then shows as missing);
- a *silent error* is a result value that differs from the truth while no review item covers
  that value (an item on the field itself, a sheet-wide score item for criteria and totals,
  an `@participant` item for the match, the expert's surname item for the expert)."""
import csv
import os
from collections import Counter, defaultdict

from .outputs import Outputs

NAME_FIELDS = ("surname", "name", "patronymic", "expertSurname", "expertInitials", "classLetter")
NAME_REASONS = {"unreadableName", "noParticipant", "ambiguousMatch"}
HEADER_DIGITS = ("examDate", "region", "msu", "oo", "classNumber", "auditorium", "variant", "kim",
                 "documentSeries", "documentNumber")
SCORE_SHEET_REASONS = {"totalMismatch", "verdictMismatch", "ruleViolation", "outsideCategory", "unknownCategory"}


def fold(text):
    return (text or "").strip().upper().replace("Ё", "Е")


def short_name(expert):
    initials = "".join(p[0] + "." for p in (expert["name"], expert["patronymic"]) if p)
    return f"{expert['surname']} {initials}".strip()


def covered(items, field, kind):
    """Whether any review item on the page speaks for `field` (a template field id or a value kind)."""
    for it in items:
        f, reason = it["field"], it["reason"]
        if f in ("@page",) or f == field:
            return True
        if kind == "score" and (f == "@sheet" or reason in SCORE_SHEET_REASONS):
            return True
        if kind == "participant" and f == "@participant":
            return True
        if kind == "expert" and f in ("expertSurname", "expertInitials"):
            return True
    return False


def evaluate(truth, out_dir, form, options):
    out = Outputs(out_dir)
    experts = {}
    with open(os.path.join(os.path.dirname(out_dir), "experts.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            experts[row["id"]] = row
    crit_field = {c["id"]: c["field"] for c in form.criteria()}
    f = defaultdict(int)
    reasons_sheets, reasons_items, silent, gaps, wrong_auto, lost, refused = Counter(), Counter(), [], [], [], [], []
    header_wrong, orientation_wrong, extra_pages = [], [], Counter()
    letters = defaultdict(lambda: defaultdict(int))
    name_items_sheets = 0
    for page in truth["pages"]:
        key = (page["packet"], page["file"], page["page"])
        got = out.pages.get(key)
        if page["class"] != "sheet":
            seen = "not taken" if got is None else (got["page_class"] or got["state"])
            extra_pages[f"{page['class']} page → {seen}"] += 1
            continue
        f["sheets"] += 1
        where = f"{page['packet']}/{page['file']}#{page['page']}"
        if got is None or got["state"] == "failed" or got["page_class"] == "unreadable":
            why = "file not taken" if got is None else (got["failure"] or "unreadable page")
            refused.append({"sheet": where, "why": why[:160], "format": page["format"], "bilevel": page["bilevel"],
                            "dpi": page["scan"]["dpi"]})
            continue
        f["read"] += 1
        items = out.items.get(got["id"], [])
        result = out.results.get(got["id"])
        reading = got["reading"] or {}
        if items:
            f["withItems"] += 1
            for reason in {it["reason"] for it in items}:
                reasons_sheets[reason] += 1
            for it in items:
                reasons_items[it["reason"]] += 1
            if any(it["field"] in NAME_FIELDS or it["field"] == "@participant" and it["reason"] in NAME_REASONS
                   for it in items):
                name_items_sheets += 1
        if reading.get("orientation") is not None and reading.get("orientation") != page["scan"]["turn"]:
            orientation_wrong.append({"sheet": where, "fed": page["scan"]["turn"], "read": reading.get("orientation")})
        if result is None and (not items or got["page_class"] != "sheet"):
            lost.append({"sheet": where, "class": got["page_class"], "items": [i["reason"] for i in items],
                         "why": (reading.get("classReason") or "")[:160], "format": page["format"],
                         "bilevel": page["bilevel"], "dpi": page["scan"]["dpi"]})
        if result is None:
            f["noResult"] += 1
        _letters(reading, page["fields"], form, letters, options.accept_confidence)
        _header(reading, page["fields"], items, where, header_wrong)
        if result is None:
            continue
        f["results"] += 1
        if result["review_status"] == "auto":
            f["auto"] += 1
        matched_right = result["participant_id"] == page["participantId"]
        by_hand = covered(items, "@participant", "participant")
        if not matched_right:
            entry = {"sheet": where, "truth": page["participantId"], "got": result["participant_id"]}
            if by_hand:
                f["wrongMatchQueued"] += 1
            else:
                wrong_auto.append(entry)
        elif not by_hand:
            f["rightAuto"] += 1
        values = _expected(page, experts, form, crit_field)
        for column, (want, field, kind) in values.items():
            have = (result.get(column) or "").strip()
            if kind == "digits" and have and ("?" in have or " " in have):
                gaps.append({"sheet": where, "field": column, "got": have, "covered": covered(items, field, kind)})
            same = fold(have) == fold(want)
            if not same and not covered(items, field, kind):
                silent.append({"sheet": where, "field": column, "truth": want, "got": have,
                               "sheetHasItems": bool(items)})
    f["pagesTaken"] = len(out.pages)
    return {"counts": dict(f), "reasonsSheets": dict(reasons_sheets.most_common()),
            "reasonsItems": dict(reasons_items.most_common()), "nameItemSheets": name_items_sheets,
            "listItems": dict(Counter(i["reason"] for i in out.list_items)),
            "silent": silent, "digitGaps": gaps, "wrongAutoMatches": wrong_auto, "lost": lost, "refused": refused,
            "headerWrongButSure": header_wrong, "orientationWrong": orientation_wrong,
            "otherPages": dict(extra_pages), "letters": {k: dict(v) for k, v in letters.items()}}


def _expected(page, experts, form, crit_field):
    """results.csv column -> (true value, template field id, kind) for what a result reports."""
    fields = page["fields"]
    expert = experts[page["expertId"]]
    want = {"variant": (fields[form.role("variant")["id"]], form.role("variant")["id"], "digits"),
            "kim": (fields[form.role("kim")["id"]], form.role("kim")["id"], "digits"),
            "expert": (short_name(expert), form.role("expertSurname")["id"], "expert")}
    scored = {k: v for k, v in page["notes"]["scores"].items()}
    for cid, field in crit_field.items():
        if scored.get(cid) is None:
            continue
        want[cid] = (str(scored[cid]), field, "score")
    total = sum(v for v in scored.values() if v is not None)
    want["total"] = (str(total), form.role("expertTotal")["id"], "score")
    want["outcome"] = (fields[form.role("expertVerdict")["id"]], form.role("expertVerdict")["id"], "score")
    return want


def _letters(reading, fields, form, acc, accept):
    by_id = {fr["id"]: fr for fr in reading.get("fields", [])}
    for role in ("surname", "name", "patronymic", "classLetter", "expertSurname", "expertInitials"):
        field = form.role(role)
        if field is None:
            continue
        text = fields.get(field["id"], "")
        fr = by_id.get(field["id"])
        group = "expert" if role.startswith("expert") else "participant"
        a = acc[group]
        if fr is None:
            continue
        cells = {int(c["key"]): c for c in fr.get("cells", [])}
        for i in range(field["count"]):
            cell = cells.get(i, {})
            ch = cell.get("character")
            if i < len(text):
                a["written"] += 1
                right = ch is not None and fold(ch) == fold(text[i])
                a["right"] += right
                if ch is None:
                    a["readBlank"] += 1
                last = i == len(text) - 1
                if last:
                    a["lastWritten"] += 1
                    a["lastRight"] += right
                    a["lastBlank"] += ch is None
                if ch is not None and (cell.get("confidence") or 0) >= accept:
                    a["accepted"] += 1
                    a["acceptedRight"] += right
            elif ch is not None:
                a["inkInEmptyBox"] += 1
        if role in ("surname", "name", "patronymic", "expertSurname"):
            a["fields"] += 1
            a["fieldsRight"] += fold(fr.get("value")) == fold(text)


def _header(reading, fields, items, where, out):
    for fr in reading.get("fields", []):
        if fr["id"] in HEADER_DIGITS and fr["status"] == "ok" and fr.get("confidence", 0) >= 0.9:
            want = fields.get(fr["id"], "")
            if fold(fr.get("value")) != fold(want):
                out.append({"sheet": where, "field": fr["id"], "truth": want, "got": (fr.get("value") or "").strip(),
                            "confidence": round(fr["confidence"], 4),
                            "covered": any(i["field"] == fr["id"] for i in items)})
