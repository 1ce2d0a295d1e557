"""Pens on paper: bubble marks of every kind people make, corrections, specks and signatures,
drawn into a darkness page (float32, 0 paper … 1 ink) at the fill resolution."""
import math

import cv2
import numpy as np

SHIFT = 4                      # cv2 sub-pixel bits
ONE = 1 << SHIFT

# How experts and participants mark a bubble, with their share among marks.
STYLES = [("solid", 0.50), ("scribble", 0.16), ("tick", 0.09), ("cross", 0.08), ("pale", 0.08), ("half", 0.09)]


def pick_style(rng, favourite=None):
    """A mark style: mostly the hand's favourite, sometimes any other."""
    if favourite and rng.random() < 0.75:
        return favourite
    r, acc = rng.random(), 0.0
    for style, share in STYLES:
        acc += share
        if r < acc:
            return style
    return "solid"


class Hand:
    """One person's pen: ink darkness, line width (px) and how unsteady they are."""

    def __init__(self, rng, dpi):
        self.ink = rng.uniform(0.72, 1.0)
        self.width = max(1.5, rng.uniform(0.28, 0.5) * dpi / 25.4)
        self.wobble = rng.uniform(0.03, 0.12)
        self.favourite = pick_style(rng)
        self.dpi = dpi


class Layer:
    """Draws into a window of the page and composes it as ink: D = 1 − (1 − D)(1 − ink·coverage)."""

    def __init__(self, page, cx, cy, half):
        h, w = page.shape
        self.x0, self.y0 = max(0, int(cx - half)), max(0, int(cy - half))
        self.x1, self.y1 = min(w, int(cx + half) + 1), min(h, int(cy + half) + 1)
        self.page = page
        self.mask = np.zeros((self.y1 - self.y0, self.x1 - self.x0), np.uint8)

    def p(self, x, y):
        return (int(round((x - self.x0) * ONE)), int(round((y - self.y0) * ONE)))

    def line(self, a, b, width):
        cv2.line(self.mask, self.p(*a), self.p(*b), 255, max(1, int(round(width))), cv2.LINE_AA, SHIFT)

    def polyline(self, pts, width):
        for a, b in zip(pts, pts[1:]):
            self.line(a, b, width)

    def ellipse(self, c, rx, ry, angle=0.0, start=0, end=360):
        cv2.ellipse(self.mask, self.p(*c), (int(rx * ONE), int(ry * ONE)), angle, start, end, 255, -1, cv2.LINE_AA, SHIFT)

    def compose(self, ink, texture=None):
        cover = self.mask.astype(np.float32) / 255.0 * ink
        if texture is not None:
            cover *= texture(cover.shape)
        win = self.page[self.y0:self.y1, self.x0:self.x1]
        win[...] = 1.0 - (1.0 - win) * (1.0 - cover)


def _jit(rng, r, k):
    return rng.gauss(0, r * k)


def draw_mark(page, cx, cy, r, style, hand, rng):
    """One mark in the bubble of radius `r` px centred at (cx, cy) (page pixels)."""
    layer = Layer(page, cx, cy, r * 2.2)
    ox, oy = _jit(rng, r, hand.wobble), _jit(rng, r, hand.wobble)
    c = (cx + ox, cy + oy)
    w = hand.width
    ink = hand.ink
    texture = None
    if style == "solid":
        layer.ellipse(c, r * rng.uniform(0.8, 1.05), r * rng.uniform(0.8, 1.05), rng.uniform(0, 180))
    elif style == "pale":
        layer.ellipse(c, r * rng.uniform(0.75, 1.0), r * rng.uniform(0.75, 1.0), rng.uniform(0, 180))
        ink = rng.uniform(0.3, 0.5)                                  # pencil or a dry pen
        texture = lambda shape: np.clip(np.random.default_rng(rng.randrange(1 << 30)).normal(1.0, 0.15, shape), 0.5, 1.3).astype(np.float32)
    elif style == "half":
        start = rng.uniform(0, 360)
        layer.ellipse(c, r * 0.95, r * 0.95, 0, start, start + rng.uniform(170, 240))
    elif style == "scribble":
        n = rng.randint(4, 8)
        pts = []
        for i in range(n + 1):
            t = -0.75 + 1.5 * i / n
            side = 1 if i % 2 == 0 else -1
            pts.append((c[0] + side * r * rng.uniform(0.55, 0.85), c[1] + t * r + rng.gauss(0, r * 0.05)))
        layer.polyline(pts, w * rng.uniform(1.0, 1.4))
    elif style == "tick":
        a = (c[0] - r * 0.6, c[1] + rng.uniform(-0.1, 0.15) * r)
        b = (c[0] - r * 0.1, c[1] + r * rng.uniform(0.45, 0.65))
        e = (c[0] + r * rng.uniform(0.55, 0.8), c[1] - r * rng.uniform(0.55, 0.8))
        layer.polyline([a, b, e], w * 1.2)
    elif style == "cross":
        k = rng.uniform(0.5, 0.7)
        layer.line((c[0] - r * k, c[1] - r * k), (c[0] + r * k, c[1] + r * k), w * 1.2)
        layer.line((c[0] - r * k, c[1] + r * k), (c[0] + r * k, c[1] - r * k), w * 1.2)
    else:
        raise ValueError(style)
    layer.compose(ink, texture)


def draw_correction(page, cx, cy, r, kind, hand, rng):
    """Strikes out a bubble that was marked first (the wrong value), as people do."""
    layer = Layer(page, cx, cy, r * 2.4)
    w = hand.width * 1.1
    if kind == "x":             # an X through the ring, past its outline
        k = rng.uniform(1.3, 1.7) / math.sqrt(2) * 1.0
        layer.line((cx - r * k, cy - r * k), (cx + r * k, cy + r * k), w)
        layer.line((cx - r * k, cy + r * k), (cx + r * k, cy - r * k), w)
    elif kind == "slash":       # one stroke across
        k = rng.uniform(1.2, 1.6) / math.sqrt(2)
        sign = rng.choice([-1, 1])
        layer.line((cx - r * k, cy + sign * r * k), (cx + r * k, cy - sign * r * k), w)
    elif kind == "scribble":    # dense zig-zag over and around the filled bubble
        pts = []
        n = rng.randint(8, 12)
        for i in range(n + 1):
            t = -1.2 + 2.4 * i / n
            side = 1 if i % 2 == 0 else -1
            pts.append((cx + side * r * rng.uniform(1.1, 1.4), cy + t * r))
        layer.polyline(pts, w)
    else:
        raise ValueError(kind)
    layer.compose(hand.ink)


def speck(page, rng, x, y, dpi):
    """A stray dot or short line (pen touch, crumb) of under a millimetre or two."""
    layer = Layer(page, x, y, dpi / 25.4 * 2)
    if rng.random() < 0.6:
        s = rng.uniform(0.15, 0.4) * dpi / 25.4
        layer.ellipse((x, y), s, s * rng.uniform(0.6, 1.0), rng.uniform(0, 180))
    else:
        a = rng.uniform(0, math.pi)
        length = rng.uniform(0.6, 1.8) * dpi / 25.4
        layer.line((x, y), (x + math.cos(a) * length, y + math.sin(a) * length), rng.uniform(1, 2.5))
    layer.compose(rng.uniform(0.4, 0.95))


def signature(page, x, y, w, h, hand, rng):
    """A looping scrawl inside the signature area (x, y, w, h in px)."""
    layer = Layer(page, x + w / 2, y + h / 2, max(w, h) / 2 + 4)
    pts = []
    n = rng.randint(14, 26)
    for i in range(n):
        t = i / (n - 1)
        pts.append((x + w * (0.05 + 0.6 * t) + rng.gauss(0, w * 0.02),
                    y + h * (0.5 + 0.35 * math.sin(t * rng.uniform(8, 14))) + rng.gauss(0, h * 0.05)))
    layer.polyline(pts, hand.width)
    layer.compose(hand.ink)
