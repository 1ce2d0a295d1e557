"""Fills one blank printed form as a participant and an expert would, and says what is on it.

Participant (one writer): header digit columns and the ФИО and class letter in real letters.
Expert (one writer, the same hand on all their sheets): criteria, their own total (always the
criteria sum) and verdict, their surname and initials, a signature. Marks come in every style
of `pens.STYLES`; a few values are corrected (the first mark struck out by an X, one slash or
a scribble, then the right bubble marked); a few stray specks land on empty paper."""
import math
import random

import cv2
import numpy as np

from . import pens
from .form import px

CORRECTIONS = [("x", 0.45), ("slash", 0.30), ("scribble", 0.25)]


class Writer:
    """How one person prints letters in boxes."""

    def __init__(self, rng, dpi):
        self.hand = pens.Hand(rng, dpi)
        self.height = rng.uniform(0.6, 0.86)       # letter height as a share of the box
        self.slant = rng.uniform(-0.18, 0.12)
        self.jitter = rng.uniform(0.03, 0.09)
        self.overshoot = rng.uniform(0.0, 0.18)    # share of letters crossing a box line
        self.weight = rng.choice([-1, 0, 0, 1])    # thinner / as drawn / thicker pen


def draw_letter(page, bank, letter, box, writer, rng, dpi):
    """One real letter image in the box (x, y, w, h mm); returns the image file used."""
    crop, path = bank.sample(letter, rng)
    x, y, w, h = (px(v, dpi) for v in box)
    img = crop
    if writer.weight:
        kernel = np.ones((3, 3), np.uint8)
        img = (cv2.dilate if writer.weight > 0 else cv2.erode)(img, kernel)
    ch, cw = img.shape
    slant = writer.slant + rng.gauss(0, 0.04)
    if abs(slant) > 0.01:
        pad = int(abs(slant) * ch) + 1
        m = np.float32([[1, -slant, pad if slant > 0 else 0], [0, 1, 0]])
        img = cv2.warpAffine(img, m, (cw + pad, ch), flags=cv2.INTER_LINEAR, borderValue=0)
        ch, cw = img.shape
    th = h * writer.height * rng.uniform(0.92, 1.08)
    tw = cw * th / ch
    if tw > w * 1.1:                     # wide letters (Ж, Ш, Щ, Ю) are squeezed, as people do
        tw = w * 1.1
        th = min(th, ch * tw / cw * 1.25)
    tw, th = max(4, int(round(tw))), max(6, int(round(th)))
    img = cv2.resize(img, (tw, th), interpolation=cv2.INTER_AREA)
    cx = x + w / 2 + rng.gauss(0, w * writer.jitter)
    cy = y + h / 2 + rng.gauss(0, h * writer.jitter)
    if rng.random() < writer.overshoot:
        cy += rng.choice([-1, 1]) * h * rng.uniform(0.12, 0.22)
    x0, y0 = int(round(cx - tw / 2)), int(round(cy - th / 2))
    ink = writer.hand.ink * rng.uniform(0.9, 1.0)
    win = page[y0:y0 + th, x0:x0 + tw]
    win[...] = 1.0 - (1.0 - win) * (1.0 - np.clip(img[:win.shape[0], :win.shape[1]] * ink, 0, 1))
    return path


def write_field(page, form, field, text, bank, writer, rng, dpi, used):
    for i, letter in enumerate(text[:field["count"]]):
        if letter == " ":
            continue
        used.append(draw_letter(page, bank, letter, form.box_rect(field, i), writer, rng, dpi))


def scores_for(form, category, rng):
    """Criterion values an expert gives (None for criteria outside the category: left blank)."""
    values = {}
    for c in form.criteria():
        if c["id"] not in category["criteria"]:
            values[c["id"]] = None
        elif c["max"] == 2:
            values[c["id"]] = rng.choices([0, 1, 2], [0.1, 0.3, 0.6])[0]
        else:
            values[c["id"]] = 1 if rng.random() < 0.78 else 0
    for rule in form.scoring.get("rules", []):
        if rule["kind"] == "onlyIf" and values.get(rule["criterion"]) == rule["value"] \
                and values.get(rule["requires"]) is not None and values[rule["requires"]] != rule["requiredValue"]:
            values[rule["criterion"]] = 0
    return values


class SheetFiller:
    def __init__(self, form, categories, bank, dpi):
        self.form, self.categories, self.bank, self.dpi = form, categories, bank, dpi

    def mark(self, page, centre_mm, diameter_mm, hand, rng, style=None):
        r = px(diameter_mm, self.dpi) / 2
        style = style or pens.pick_style(rng, hand.favourite)
        pens.draw_mark(page, px(centre_mm[0], self.dpi), px(centre_mm[1], self.dpi), r, style, hand, rng)
        return style

    def correct(self, page, centre_mm, diameter_mm, hand, rng):
        r = px(diameter_mm, self.dpi) / 2
        kind = rng.choices([k for k, _ in CORRECTIONS], [w for _, w in CORRECTIONS])[0]
        pens.draw_correction(page, px(centre_mm[0], self.dpi), px(centre_mm[1], self.dpi), r, kind, hand, rng)
        return kind

    def digits(self, page, field, value, hand, rng, correct_share, notes):
        d = self.form.bubble_diameter(field)
        for col, ch in enumerate(value):
            if ch == " ":
                continue
            centre = self.form.digit_centre(field, col, int(ch))
            if rng.random() < correct_share:
                wrong = rng.choice([k for k in range(10) if k != int(ch)])
                wc = self.form.digit_centre(field, col, wrong)
                self.mark(page, wc, d, hand, rng)
                notes.append({"field": field["id"], "column": col, "struck": str(wrong),
                              "kind": self.correct(page, wc, d, hand, rng)})
            notes.append({"field": field["id"], "column": col, "style": self.mark(page, centre, d, hand, rng)})

    def choice(self, page, field, value, hand, rng, correct_share, notes):
        d = self.form.bubble_diameter(field)
        if rng.random() < correct_share and len(field["values"]) > 1:
            wrong = rng.choice([v for v in field["values"] if v != value])
            wc = self.form.choice_centre(field, wrong)
            self.mark(page, wc, d, hand, rng)
            notes.append({"field": field["id"], "struck": wrong, "kind": self.correct(page, wc, d, hand, rng)})
        notes.append({"field": field["id"], "value": value,
                      "style": self.mark(page, self.form.choice_centre(field, value), d, hand, rng)})

    def fill(self, blank, person, expert, expert_writer, header, rng):
        """`blank`: the printed page (uint8). Returns (darkness page, truth fields, notes)."""
        f, dpi = self.form, self.dpi
        page = (1.0 - blank.astype(np.float32) / 255.0)
        writer = Writer(rng, dpi)
        truth, notes, used = {}, [], []
        header_fix = 0.004          # share of header digits corrected: about one sheet in seven has one
        for role, value in header.items():
            field = f.role(role)
            truth[field["id"]] = value
            if value.strip():
                self.digits(page, field, value, writer.hand, rng, header_fix, notes)
        for role, text in (("surname", person["surname"]), ("name", person["name"]),
                           ("patronymic", person["patronymic"]), ("classLetter", person["class"][1:])):
            field = f.role(role)
            truth[field["id"]] = text.upper()
            write_field(page, f, field, text.upper(), self.bank, writer, rng, dpi, used)

        category = self.categories[person["category"]]
        values = scores_for(f, category, rng)
        fix = 0.02 if rng.random() < 0.3 else 0.0        # some sheets get a corrected score: about one in ten
        ehand = expert_writer.hand
        for c in f.criteria():
            field = f.fields[c["field"]]
            v = values[c["id"]]
            truth[field["id"]] = "" if v is None else str(v)
            if v is not None:
                self.choice(page, field, str(v), ehand, rng, fix, notes)
        total = sum(v for v in values.values() if v is not None)
        verdict = f.scoring["verdictPass"] if total >= category["passMark"] else f.scoring["verdictFail"]
        for role, value in (("expertTotal", str(total)), ("expertVerdict", verdict)):
            field = f.role(role)
            truth[field["id"]] = value
            self.choice(page, field, value, ehand, rng, fix * 0.5, notes)
        for role in ("notCompleted", "removed", "notAdmitted", "taskNotAttempted"):
            for field in f.roles(role):
                truth[field["id"]] = "0"
        initials = (expert["name"][0] + (expert["patronymic"][:1] or "")).upper()
        for role, text in (("expertSurname", expert["surname"].upper()), ("expertInitials", initials)):
            field = f.role(role)
            truth[field["id"]] = text
            write_field(page, f, field, text, self.bank, expert_writer, rng, dpi, used)
        sig = f.role("expertSignature")
        if sig:
            pens.signature(page, px(sig["x"], dpi), px(sig["y"], dpi), px(sig["width"], dpi), px(sig["height"], dpi), ehand, rng)
        specks = self.specks(page, rng)
        return page, truth, {"marks": notes, "letters": used, "specks": specks,
                             "writer": {"height": writer.height, "slant": writer.slant, "ink": writer.hand.ink},
                             "scores": values, "category": person["category"]}

    def specks(self, page, rng):
        """0–4 specks on empty paper: never on a bubble or a letter box, where truth would blur."""
        f, dpi = self.form, self.dpi
        bubbles = f.all_bubbles()
        boxes = [f.box_rect(fl, i) for fl in f.t["fields"] if fl["kind"] == "letters" for i in range(fl["count"])]
        placed = []
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 4])):
            for _attempt in range(20):
                x, y = rng.uniform(20, 190), rng.uniform(20, 277)
                if any(math.hypot(x - bx, y - by) < d * 1.6 for bx, by, d in bubbles):
                    continue
                if any(bx - 1.5 < x < bx + bw + 1.5 and by - 1.5 < y < by + bh + 1.5 for bx, by, bw, bh in boxes):
                    continue
                pens.speck(page, rng, px(x, dpi), px(y, dpi), dpi)
                placed.append([round(x, 1), round(y, 1)])
                break
        return placed
