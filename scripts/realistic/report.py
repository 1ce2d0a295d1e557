"""The benchmark's printed report (the same figures are in summary.json)."""


def pct(a, b):
    return f"{100.0 * a / b:.1f}%" if b else "–"


def render(s, listed=8):
    c = s["counts"]
    n, read = c.get("sheets", 0), c.get("read", 0)
    refused, lost = s["refused"], s["lost"]
    L = []
    o = s["options"]
    L.append(f"realistic benchmark: {n} sheets, seed {o['seed']}, formats {','.join(o['formats'])}, "
             f"1-bit share {o['bilevelShare']}, dpi {','.join(map(str, o['dpi']))}")
    L.append(f"  is03 process: {s['run']['seconds']:.1f} s for {c.get('pagesTaken', 0)} pages taken: "
             f"{s['run']['pagesPerSecond']:.2f} pages/s (exit {s['run']['exit']})")
    L.append(f"refused or unreadable sheets: {len(refused)} of {n} ({pct(len(refused), n)})")
    L += _by_kind(refused, "why")
    with_items = c.get("withItems", 0)
    L.append(f"sheets with any review item: {with_items} of {read} read ({pct(with_items, read)}); "
             f"counting refused ones: {with_items + len(refused)} of {n} ({pct(with_items + len(refused), n)})")
    for reason, k in s["reasonsSheets"].items():
        L.append(f"    {reason:18s} {k:4d} sheets ({pct(k, read)}), {s['reasonsItems'][reason]} items")
    L.append(f"  items about names: {s['nameItemSheets']} sheets ({pct(s['nameItemSheets'], read)})")
    L.append(f"  list items (not on a sheet): {s['listItems'] or 'none'}")
    L.append(f"results: {c.get('results', 0)} ({c.get('auto', 0)} auto), read sheets without a result: {c.get('noResult', 0)}")
    L.append(f"SILENT ERRORS (wrong result value, no review item covering it): {len(s['silent'])}")
    for e in s["silent"][:listed]:
        L.append(f"    {e['sheet']}  {e['field']}: truth «{e['truth']}» got «{e['got']}»"
                 f"{'' if e['sheetHasItems'] else '  (sheet auto)'}")
    if len(s["silent"]) > listed:
        L.append(f"    … {len(s['silent']) - listed} more in summary.json")
    uncovered = [g for g in s["digitGaps"] if not g["covered"]]
    L.append(f"results with '?' or a gap in a digit field: {len(s['digitGaps'])} ({len(uncovered)} with no item on it)")
    for e in s["digitGaps"][:4]:
        L.append(f"    {e['sheet']}  {e['field']}: «{e['got']}»")
    L.append(f"LOST SHEETS (no result, no item, or classed blank/foreign): {len(lost)}")
    L += _by_kind(lost, "class")
    for e in lost[:4]:
        L.append(f"    e.g. {e['sheet']}  class {e['class']}, items {e['items']}  {e['why'][:110]}")
    L.append(f"WRONG AUTOMATIC MATCHES: {len(s['wrongAutoMatches'])}; right automatic matches: {c.get('rightAuto', 0)} "
             f"of {read} ({pct(c.get('rightAuto', 0), read)}); wrong matches proposed with an item: {c.get('wrongMatchQueued', 0)}")
    for e in s["wrongAutoMatches"][:listed]:
        L.append(f"    {e['sheet']}  truth {e['truth']} got {e['got']}")
    hw = s["headerWrongButSure"]
    L.append(f"header digit columns read wrong at status ok ≥ 0.9: {len(hw)} fields "
             f"({sum(not h['covered'] for h in hw)} without an item on the field)")
    for e in hw[:4]:
        L.append(f"    {e['sheet']}  {e['field']}: truth «{e['truth']}» read «{e['got']}» at {e['confidence']}")
    L.append(f"orientation read differently from how the page was fed: {len(s['orientationWrong'])}")
    L.append(f"letters: a letter is accepted at confidence ≥ {o['acceptConfidence']}; Ё counts as Е")
    for group, a in s["letters"].items():
        w = a.get("written", 0)
        L.append(f"letters ({group}): {a.get('right', 0)} of {w} right ({pct(a.get('right', 0), w)}); "
                 f"accepted {a.get('accepted', 0)} ({pct(a.get('accepted', 0), w)}) at {pct(a.get('acceptedRight', 0), a.get('accepted', 0))} right; "
                 f"read as blank {pct(a.get('readBlank', 0), w)}; last letter right {pct(a.get('lastRight', 0), a.get('lastWritten', 0))}, "
                 f"blank {pct(a.get('lastBlank', 0), a.get('lastWritten', 0))}; whole names right {a.get('fieldsRight', 0)} of {a.get('fields', 0)}; "
                 f"letters in empty boxes {a.get('inkInEmptyBox', 0)}")
    if s["otherPages"]:
        L.append("other pages: " + ", ".join(f"{k} {v}" for k, v in sorted(s["otherPages"].items())))
    return "\n".join(L)


def _by_kind(entries, what):
    """Counts per packet format, mode, dpi and `what` (the reason or the class given)."""
    kinds = {}
    for r in entries:
        k = f"{r['format']}{' 1-bit' if r['bilevel'] else ''} {r['dpi']} dpi: {r[what][:80]}"
        kinds[k] = kinds.get(k, 0) + 1
    return [f"    {v:4d}  {k}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])]
