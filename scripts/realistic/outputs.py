"""Reads what `is03 process` wrote: results.csv, review.json and the SQLite database of record
(pages with their stored readings, reconciliations, review items), keyed by
(packet, file name, page index) like the truth."""
import csv
import json
import os
import sqlite3


class Outputs:
    def __init__(self, out_dir):
        self.dir = out_dir
        self.pages = {}          # key -> dict(id, state, failure, page_class, reading)
        self.items = {}          # page id -> [dict(field, reason, machine_value)]
        self.recon = {}          # page id -> dict(participant, accepted, method)
        self.results = {}        # page id -> csv row
        self.list_items = []
        self.files_taken = set() # (packet, file name)
        db = os.path.join(out_dir, "is03.sqlite")
        if not os.path.exists(db):
            raise SystemExit(f"bench-realistic: {db} is missing: did is03 process run?")
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        by_sha = {}
        for pid, index, sha, state, failure, cls, reading, path, packet in con.execute(
                "SELECT p.id, p.page_index, p.sha256, p.state, p.failure_reason, p.page_class, p.reading_json, "
                "f.path, k.name FROM page p JOIN scan_file f ON f.id = p.file_id JOIN packet k ON k.id = f.packet_id"):
            key = (packet, os.path.basename(path), index)
            self.files_taken.add((packet, os.path.basename(path)))
            self.pages[key] = {"id": pid, "state": state, "failure": failure, "page_class": cls,
                               "reading": json.loads(reading) if reading else None}
            by_sha[(sha, index)] = pid
        for pid, field, reason, value in con.execute("SELECT page_id, field_id, reason, machine_value FROM review_item"):
            self.items.setdefault(pid, []).append({"field": field, "reason": reason, "value": value})
        for pid, participant, accepted, method in con.execute(
                "SELECT page_id, participant_code, accepted, method FROM reconciliation"):
            self.recon[pid] = {"participant": participant, "accepted": bool(accepted), "method": method}
        con.close()
        with open(os.path.join(out_dir, "results.csv"), encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f, delimiter=";"):
                pid = by_sha.get((row["sha256"], int(row["page"])))
                if pid is None:
                    raise SystemExit(f"bench-realistic: results.csv row for {row['scan_file']} page {row['page']} "
                                     "matches no page in the database")
                self.results[pid] = row
        with open(os.path.join(out_dir, "review.json"), encoding="utf-8") as f:
            queue = json.load(f)
        self.list_items = [i for i in queue["items"] if i.get("fieldID") == "@list"]
        page_items = sum(len(v) for v in self.items.values())
        file_items = len(queue["items"]) - len(self.list_items)
        if page_items != file_items:
            raise SystemExit(f"bench-realistic: review.json has {file_items} page items, the database {page_items}")
