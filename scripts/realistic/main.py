"""bench-realistic: make the realistic packets, run `is03 process` on them, score the outputs.

    scripts/bench-realistic [--sheets N] [--seed S] [--out DIR] [--keep]
                            [--formats jpeg,tiff,pdf] [--bilevel-share X] [--dpi 200,300]
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import time

import cv2

from . import evaluate, generate, lists, report
from .form import Form, check_marks
from .letters import LetterBank

FILL_DPI = 300


def options_from(argv):
    p = argparse.ArgumentParser(prog="bench-realistic", description=__doc__.splitlines()[0])
    p.add_argument("--sheets", type=int, default=350, help="sheets to fill (default 350)")
    p.add_argument("--seed", type=int, default=1, help="seed: the same seed makes the same packets")
    p.add_argument("--out", default="/tmp/bench-realistic", help="working folder (emptied first)")
    p.add_argument("--keep", action="store_true", help="keep scans and is03 outputs (else only the report and summary)")
    p.add_argument("--formats", default="jpeg,tiff,pdf", help="packet formats to write (jpeg, tiff, pdf)")
    p.add_argument("--bilevel-share", type=float, default=0.3, help="share of TIFF/PDF packets scanned 1-bit")
    p.add_argument("--turned-share", type=float, default=0.17, help="share of pages fed turned 90/180/270°")
    p.add_argument("--dpi", default="200,300", help="scan resolutions to choose from, per packet")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes filling sheets")
    p.add_argument("--workers", type=int, default=None, help="is03 process --workers (default: its own)")
    p.add_argument("--accept-confidence", type=float, default=None,
                   help="a letter counts as accepted at this confidence (default: HandprintReaderConfig's "
                        "acceptConfidence in the source, else 0.991)")
    p.add_argument("--no-run", action="store_true", help="only make the packets and lists")
    p.add_argument("--evaluate-only", action="store_true", help="score an existing --out folder again")
    o = p.parse_args(argv)
    o.formats = [f.strip() for f in o.formats.split(",") if f.strip()]
    bad = [f for f in o.formats if f not in generate.FORMAT_WEIGHTS]
    if bad or not o.formats:
        p.error(f"--formats takes jpeg, tiff, pdf (got {','.join(bad) or 'nothing'})")
    o.dpis = [int(d) for d in o.dpi.split(",")]
    o.out = os.path.abspath(o.out)
    return o


def print_blanks(binary, out, count):
    folder = os.path.join(out, "forms")
    subprocess.run([binary, "print", "--template", "is03-2023", "--png", "--dpi", str(FILL_DPI), "--count", str(count),
                    "--out", folder], check=True, stdout=subprocess.DEVNULL)
    return [cv2.imread(p, cv2.IMREAD_GRAYSCALE) for p in sorted(glob.glob(os.path.join(folder, "*.png")))]


def model_threshold(repo):
    """The hand-print reader's accept threshold as the source this binary is built from sets it
    (`HandprintReaderConfig.acceptConfidence`); 0.991 when it cannot be found."""
    import re
    path = os.path.join(repo, "Sources", "IS03Vision", "Handwriting", "HandprintReaderConfig.swift")
    try:
        with open(path, encoding="utf-8") as f:
            found = re.search(r"var acceptConfidence\s*=\s*([0-9.]+)", f.read())
        return float(found.group(1)) if found else 0.991
    except OSError:
        return 0.991


def main(argv=None):
    o = options_from(argv if argv is not None else sys.argv[1:])
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    binary = os.path.abspath(os.environ.get("IS03_BIN") or os.path.join(repo, ".build", "release", "is03"))
    if not os.access(binary, os.X_OK):
        sys.exit(f"bench-realistic: no is03 binary at {binary}: build it (swift build -c release --product is03) or set IS03_BIN")
    form = Form.locate(repo)
    if o.accept_confidence is None:
        o.accept_confidence = model_threshold(repo)
    with open(os.path.join(repo, "Templates", "categories-2023.json"), encoding="utf-8") as f:
        categories = {c["id"]: c for c in json.load(f)["categories"]}
    env = dict(os.environ, OMP_THREAD_LIMIT="1", OPENCV_LOG_LEVEL="ERROR")
    out_dir = os.path.join(o.out, "is03-out")

    if not o.evaluate_only:
        shutil.rmtree(o.out, ignore_errors=True)
        os.makedirs(o.out)
        t0 = time.time()
        blanks = print_blanks(binary, o.out, min(8, o.sheets))
        offset = check_marks(form, blanks[0], FILL_DPI)
        bank = LetterBank(repo)
        region = lists.build(o.sheets, o.seed)
        lists.write_csv(region["participants"], lists.PARTICIPANT_COLUMNS, os.path.join(o.out, "participants.csv"))
        lists.write_csv(region["experts"], lists.EXPERT_COLUMNS, os.path.join(o.out, "experts.csv"))
        packets, records = generate.run(form, categories, bank, region, o, blanks, FILL_DPI)
        print(f"made {sum(r['class'] == 'sheet' for r in records)} sheets in {len(packets)} packets "
              f"({len(records)} pages; {bank.count()} test-part letter images; marks {offset:.2f} px from the template) "
              f"in {time.time() - t0:.0f} s", flush=True)
        if o.no_run:
            return 0
        command = [binary, "process", *[os.path.join(o.out, "packets", p["name"]) for p in packets],
                   "--participants", os.path.join(o.out, "participants.csv"),
                   "--experts", os.path.join(o.out, "experts.csv"), "--out", out_dir, "--plain"]
        if o.workers:
            command += ["--workers", str(o.workers)]
        t1 = time.time()
        run = subprocess.run(command, env=env, capture_output=True, text=True)
        seconds = time.time() - t1
        with open(os.path.join(o.out, "process.log"), "w", encoding="utf-8") as f:
            f.write(" ".join(command) + "\n\n" + run.stdout + "\n--- stderr ---\n" + run.stderr)
        if run.returncode not in (0, 3):
            print(run.stderr[-3000:], file=sys.stderr)
            sys.exit(f"bench-realistic: is03 process exited {run.returncode} (log: {o.out}/process.log)")
        with open(os.path.join(o.out, "run.json"), "w") as f:
            json.dump({"seconds": seconds, "exit": run.returncode, "command": command}, f)
    with open(os.path.join(o.out, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    with open(os.path.join(o.out, "run.json")) as f:
        run_info = json.load(f)
    figures = evaluate.evaluate(truth, out_dir, form, o)
    taken = figures["counts"]["pagesTaken"]
    figures["run"] = {"seconds": round(run_info["seconds"], 2), "pagesTaken": taken,
                      "pagesPerSecond": round(taken / run_info["seconds"], 2), "exit": run_info["exit"]}
    figures["options"] = {"acceptConfidence": o.accept_confidence, "sheets": o.sheets, "seed": o.seed, "formats": o.formats, "bilevelShare": o.bilevel_share,
                          "turnedShare": o.turned_share, "dpi": o.dpis, "binary": binary}
    text = report.render(figures)
    print(text)
    with open(os.path.join(o.out, "report.txt"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    with open(os.path.join(o.out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(figures, f, ensure_ascii=False, indent=1)
    if not o.keep:
        for name in ("packets", "forms", "is03-out"):
            shutil.rmtree(os.path.join(o.out, name), ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
