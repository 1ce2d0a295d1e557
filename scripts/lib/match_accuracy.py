#!/usr/bin/env python3
"""Matching accuracy of one `is03 process` run against the synthetic truth (issue 4's target).

Usage: match_accuracy.py DATABASE TRUTH_DIR PACKETS_DIR
Reads every reconciliation from the run's SQLite database, finds the truth file of each page
(TRUTH_DIR/<packet>/<file>.json as in SampleScans, or TRUTH_DIR/<packet number>/<file>.json as
scripts/bench-process lays them out) and prints one
line: sheets, matched automatically and right, wrong automatic matches (the number that must
be 0), sent to review, and the automatic share.
"""
import json
import os
import sqlite3
import sys

database, truth_dir, packets_dir = sys.argv[1:4]
db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
rows = db.execute("""
    SELECT f.path, p.page_index, p.page_class, r.participant_code, r.accepted
    FROM page p JOIN scan_file f ON f.id = p.file_id
    LEFT JOIN reconciliation r ON r.page_id = p.id
""").fetchall()

sheets = auto_right = auto_wrong = review = 0
wrong = []
for path, page_index, page_class, code, accepted in rows:
    packet = os.path.basename(os.path.dirname(path))          # vdp-0007 or packet-01
    stem = os.path.splitext(os.path.basename(path))[0]
    # SampleScans keeps truth/<packet>/; bench-process keeps truth/<packet number>/.
    candidates = [os.path.join(truth_dir, packet, stem + ".json"),
                  # a multi-page TIFF's pages: packet-p0001.json for its first page
                  os.path.join(truth_dir, packet, f"{stem}-p{page_index + 1:04d}.json")]
    if packet.split("-")[-1].isdigit():
        candidates.append(os.path.join(truth_dir, str(int(packet.split("-")[-1])), stem + ".json"))
    truth_file = next((c for c in candidates if os.path.exists(c)), None)
    if truth_file is None:
        continue
    truth = json.load(open(truth_file))
    if truth.get("pageClass") != "sheet":
        continue
    sheets += 1
    expected = truth.get("participantID")
    if accepted:
        if code == expected:
            auto_right += 1
        else:
            auto_wrong += 1
            wrong.append(f"{path}: matched {code}, truth {expected}")
    else:
        review += 1

share = 100.0 * auto_right / sheets if sheets else 0.0
print(f"match: {sheets} sheets, {auto_right} matched automatically and right ({share:.2f}%), "
      f"{auto_wrong} wrong automatic matches, {review} sent to review")
for line in wrong[:20]:
    print("  WRONG", line)
