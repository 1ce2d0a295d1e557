"""The template's geometry in millimetres and its mapping onto the printed PNG.

`is03 print --png --dpi D` draws with Cairo scaled by D / 25.4 from the page's top-left corner,
so a point at (x, y) mm lies at (x·D/25.4, y·D/25.4) in continuous pixel coordinates (pixel i
covers [i, i+1)). `check_marks` verifies this on the printed page."""
import json
import os

import numpy as np

MM_PER_INCH = 25.4


class Form:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.t = json.load(f)
        self.id = self.t["id"]
        self.d = self.t["defaults"]
        self.fields = {f["id"]: f for f in self.t["fields"]}
        self.scoring = self.t["scoring"]

    @staticmethod
    def locate(repo):
        return Form(os.path.join(repo, "Templates", "is03-2023.json"))

    def role(self, role):
        """The first field with `role` (None when the form has none)."""
        return next((f for f in self.t["fields"] if f.get("role") == role), None)

    def roles(self, role):
        return [f for f in self.t["fields"] if f.get("role") == role]

    def bubble_diameter(self, field):
        return field.get("bubbleDiameter", self.d["bubbleDiameter"])

    def digit_centre(self, field, column, digit):
        return (field["x"] + column * field["columnPitch"], field["y"] + digit * field["rowPitch"])

    def choice_centre(self, field, value):
        i = field["values"].index(value)
        return (field["x"] + i * field["step"]["x"], field["y"] + i * field["step"]["y"])

    def box_rect(self, field, index):
        pitch = self.d["boxWidth"] + self.d["boxGap"]
        return (field["x"] + index * pitch, field["y"], self.d["boxWidth"], self.d["boxHeight"])

    def all_bubbles(self):
        """(x, y, diameter) in mm of every bubble on the form."""
        out = []
        for f in self.t["fields"]:
            d = self.bubble_diameter(f)
            if f["kind"] == "digits":
                out += [(*self.digit_centre(f, c, k), d) for c in range(f["columns"]) for k in range(10)]
            elif f["kind"] == "choice":
                out += [(*self.choice_centre(f, v), d) for v in f["values"]]
            elif f["kind"] == "flag":
                out.append((f["x"], f["y"], d))
        return out

    def criteria(self):
        return self.scoring["criteria"]


def px(mm, dpi):
    return mm * dpi / MM_PER_INCH


def check_marks(form, page, dpi, tolerance_px=1.5):
    """Checks the four registration squares of a printed page sit where the template puts them.
    Returns the largest centre offset in pixels; raises when it exceeds `tolerance_px`."""
    worst = 0.0
    for mark in form.t["registration"]["marks"]:
        x0, y0, s = px(mark["x"], dpi), px(mark["y"], dpi), px(mark["size"], dpi)
        pad = int(s * 0.3)          # small: the orientation cue is 3 mm from the top-left mark
        window = page[int(y0) - pad:int(y0 + s) + pad, int(x0) - pad:int(x0 + s) + pad].astype(np.float64)
        ink = 255.0 - window
        ys, xs = np.mgrid[0:window.shape[0], 0:window.shape[1]]
        cy = (ink * (ys + 0.5)).sum() / ink.sum() + int(y0) - pad
        cx = (ink * (xs + 0.5)).sum() / ink.sum() + int(x0) - pad
        offset = float(np.hypot(cx - (x0 + s / 2), cy - (y0 + s / 2)))
        worst = max(worst, offset)
    if worst > tolerance_px:
        raise SystemExit(f"bench-realistic: the printed page's registration marks are {worst:.1f} px from where "
                         f"the template puts them at {dpi} dpi: the mm→px mapping is wrong")
    return worst
