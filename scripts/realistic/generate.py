"""Makes the packets: per auditorium, fills a sheet for each participant who sat, damages and
scans it, adds a blank and a foreign page, writes the packet and one truth record per page."""
import json
import os
import random
from multiprocessing import Pool

import cv2
import numpy as np

from . import damage, files, lists
from .fill import SheetFiller, Writer

FORMAT_WEIGHTS = {"jpeg": 0.45, "tiff": 0.30, "pdf": 0.25}
_STATE = {}


def plan(region, options):
    """One packet per auditorium: its format, dpi and mode, decided up front from the seed."""
    rng = random.Random(f"plan-{options.seed}")
    formats = options.formats
    weights = [FORMAT_WEIGHTS[f] for f in formats]
    packets = []
    for i, room in enumerate(region["rooms"]):
        fmt = rng.choices(formats, weights)[0]
        bilevel = fmt != "jpeg" and rng.random() < options.bilevel_share
        packets.append({"index": i, "room": room, "format": fmt, "dpi": rng.choice(options.dpis),
                        "bilevel": bilevel, "quality": rng.randint(60, 92),
                        "name": f"ВДП-{room['oo']}-{room['auditorium']}"})
    return packets


def _init(state):
    _STATE.update(state)


def make_packet(packet):
    s = _STATE
    form, filler, options, region = s["form"], s["filler"], s["options"], s["region"]
    rng = random.Random(f"packet-{options.seed}-{packet['index']}")
    nrng = np.random.default_rng(rng.randrange(1 << 32))
    room = packet["room"]
    people = [p for p in region["sitting"] if p["oo"] == room["oo"] and p["auditorium"] == room["auditorium"]]
    experts = [e for e in region["experts"] if e["oo"] == room["oo"]]
    room_experts = rng.sample(experts, k=min(len(experts), rng.choice([1, 2, 2])))
    ewriters = {e["id"]: Writer(random.Random(f"expert-{options.seed}-{e['id']}"), s["fill_dpi"]) for e in room_experts}
    variant_pool = [f"{v:02d}" for v in rng.sample(range(1, 31), 4)]
    dpi, bilevel = packet["dpi"], packet["bilevel"]

    pages, truths = [], []
    for person in people:
        expert = rng.choice(room_experts)
        header = {"examDate": "080223", "region": person["region"], "msu": person["msu"], "oo": person["oo"],
                  "classNumber": "09", "auditorium": person["auditorium"], "variant": rng.choice(variant_pool),
                  "kim": f"{rng.randint(0, 999999):06d}",
                  "documentSeries": person["document_series"] or "    ",
                  "documentNumber": person["document_number"] or "      "}
        blank = s["blanks"][rng.randrange(len(s["blanks"]))]
        page, fields, notes = filler.fill(blank, person, expert, ewriters[expert["id"]], header, rng)
        applied = damage.mild_damage(page, rng, nrng, s["fill_dpi"])
        turn = rng.choice([90, 180, 270]) if rng.random() < options.turned_share else 0
        img, params = damage.scan(page, s["fill_dpi"], rng, nrng, dpi, bilevel, turn)
        params["damage"] = applied
        fields = {k: v.strip() for k, v in fields.items()}
        pages.append(img)
        truths.append({"class": "sheet", "participantId": person["id"], "expertId": expert["id"],
                       "category": person["category"], "fields": fields, "scan": params, "notes": notes})
    # A blank page (some with scanner dirt) in most packets, a foreign page in some.
    extras = []
    if rng.random() < 0.7:
        extras.append(("blank", files.blank_page(rng, s["fill_dpi"], dirty=rng.random() < 0.5)))
    if rng.random() < 0.45:
        extras.append(("foreign", files.foreign_page(rng, s["fill_dpi"])))
    for kind, dark in extras:
        turn = rng.choice([90, 180, 270]) if rng.random() < options.turned_share else 0
        img, params = damage.scan(dark, s["fill_dpi"], rng, nrng, dpi, bilevel, turn)
        at = rng.randint(0, len(pages))
        pages.insert(at, img)
        truths.insert(at, {"class": kind, "scan": params})

    folder = os.path.join(options.out, "packets", packet["name"])
    where = files.write_packet(folder, packet["format"], pages, dpi, bilevel, packet["quality"])
    records = []
    for (file_name, index), truth in zip(where, truths):
        truth.update({"packet": packet["name"], "file": file_name, "page": index, "format": packet["format"],
                      "bilevel": bilevel, "jpegQuality": packet["quality"] if packet["format"] != "tiff" and not bilevel else None})
        records.append(truth)
    return records


def run(form, categories, bank, region, options, blanks, fill_dpi):
    packets = plan(region, options)
    filler = SheetFiller(form, categories, bank, fill_dpi)
    state = {"form": form, "filler": filler, "options": options, "region": region, "blanks": blanks,
             "fill_dpi": fill_dpi}
    records = []
    if options.jobs > 1:
        with Pool(options.jobs, initializer=_init, initargs=(state,)) as pool:
            for part in pool.imap(make_packet, packets):
                records += part
    else:
        _init(state)
        for packet in packets:
            records += make_packet(packet)
    with open(os.path.join(options.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump({"packets": packets, "pages": records}, f, ensure_ascii=False, indent=1)
    return packets, records
