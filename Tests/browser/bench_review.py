"""Benchmark of the review station over its HTTP API (not a test: it prints figures).

1. Latency: with a 10,000-item queue, the time from sending a decision to having the next
   item (decision POST + lease POST, as the page does without prefetch), median and p95.
2. Load: 20 operators on loopback deciding as fast as they can for a bounded time; then the
   database must hold exactly the decisions the operators were told were saved, and no item
   may have been handed to two operators.

Run: python3 Tests/browser/bench_review.py [--seconds 20] [--operators 20]
"""
import argparse
import os
import sqlite3
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from station import Client, Station  # noqa: E402

# 25 criteria of the 2023 form × 400 sheets = 10,000 review items.
FIELDS = ",".join(["crit.ИЧ", "crit.ТЧ", "crit.П1", "crit.П2", "crit.П3", "crit.П4", "crit.Р1.Г", "crit.Р1.О",
                   "crit.Р1.Р", "crit.Р1.Иск", "crit.М1", "crit.М2", "crit.М3", "crit.Д1", "crit.Д2", "crit.Р2.Г",
                   "crit.Р2.О", "crit.Р2.Р", "crit.Р2.РО", "expertTotal", "expertVerdict", "notCompleted",
                   "removed", "notAdmitted", "task2NotAttempted"])


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=400)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--operators", type=int, default=20)
    parser.add_argument("--latency-samples", type=int, default=300)
    args = parser.parse_args()

    users = [(f"op{i:02d}", "operator") for i in range(args.operators)]
    started = time.time()
    station = Station(sheets=args.sheets, fields=FIELDS, users=users, share_one_image=True)
    print(f"queue filled in {time.time() - started:.1f} s")
    with station:
        con = sqlite3.connect(f"file:{station.database}?mode=ro", uri=True)
        total = con.execute("SELECT COUNT(*) FROM review_item WHERE state = 'open'").fetchone()[0]
        print(f"open review items: {total}")

        # 1. Decision → next item, one operator.
        client = Client(station.base, "op00")
        current = client.post("/api/queue/lease", {"count": 1})["items"][0]
        samples = []
        for _ in range(args.latency_samples):
            value = current.get("machineValue") or (current["values"] or ["1"])[0]
            t0 = time.perf_counter()
            client.post(f"/api/items/{current['id']}/decision", {"value": value})
            items = client.post("/api/queue/lease", {"count": 1})["items"]
            samples.append((time.perf_counter() - t0) * 1000)
            if not items:
                break
            current = items[0]
        print(f"decision → next item ({len(samples)} samples, {total} items queued): "
              f"median {statistics.median(samples):.1f} ms, p95 {percentile(samples, 0.95):.1f} ms, "
              f"max {max(samples):.1f} ms")
        client.post("/api/queue/release", {"ids": [current["id"]]})

        # 2. Many operators at once, bounded in time.
        clients = [Client(station.base, name) for name, _ in users]
        saved = {name: [] for name, _ in users}
        leased = {name: [] for name, _ in users}
        errors = []
        stop = time.time() + args.seconds

        def work(c, name):
            try:
                while time.time() < stop:
                    items = c.post("/api/queue/lease", {"count": 1})["items"]
                    if not items:
                        return
                    item = items[0]
                    leased[name].append(item["id"])
                    value = item.get("machineValue") or (item["values"] or ["1"])[0]
                    c.post(f"/api/items/{item['id']}/decision", {"value": value})
                    saved[name].append(item["id"])
            except Exception as error:  # noqa: BLE001 — reported below
                errors.append(f"{name}: {error}")

        last_before = con.execute("SELECT COALESCE(MAX(id), 0) FROM decision").fetchone()[0]
        threads = [threading.Thread(target=work, args=(c, name)) for c, (name, _) in zip(clients, users)]
        t0 = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.time() - t0
        all_leased = [i for ids in leased.values() for i in ids]
        all_saved = [i for ids in saved.values() for i in ids]
        rows = con.execute("SELECT item_id, operator FROM decision WHERE id > ?", (last_before,)).fetchall()
        stored = {(item, op) for item, op in rows}
        expected = {(i, name) for name, ids in saved.items() for i in ids}
        shared = len(all_leased) - len(set(all_leased))
        print(f"{args.operators} operators, {elapsed:.1f} s: {len(all_saved)} decisions "
              f"({len(all_saved) / elapsed:.0f}/s), errors {len(errors)}, items handed to two operators: {shared}, "
              f"decisions lost: {len(expected - stored)}, decisions not acknowledged but stored: {len(stored - expected)}")
        for error in errors[:5]:
            print("  ", error)
        if shared or expected - stored or errors:
            raise SystemExit("FAILED")


if __name__ == "__main__":
    main()
