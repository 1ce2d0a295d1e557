"""A scanner's and a copier's damage, then the scan itself: the filled page (darkness at the
fill resolution) is resampled onto the scanner's grid at 200 or 300 dpi with skew and scale
error, blurred, lit unevenly, given the scanner's black and white levels, gamma and noise, and
turned as it was fed. 1-bit pages are thresholded as scanner firmware does."""
import math

import cv2
import numpy as np

A4_MM = (210.0, 297.0)


def mild_damage(page, rng, nrng, dpi):
    """Printer/copier damage on the darkness page, in place. Returns what was applied."""
    applied = {}
    if rng.random() < 0.5:                                    # ink bleed: strokes swell a little
        bleed = cv2.GaussianBlur(page, (0, 0), rng.uniform(0.6, 1.2) * dpi / 300)
        np.maximum(page, bleed * rng.uniform(0.8, 0.95), out=page)
        applied["inkBleed"] = True
    if rng.random() < 0.35:                                   # low-ink lines along the feed
        n = rng.randint(1, 3)
        for _ in range(n):
            x = rng.randint(0, page.shape[1] - 40)
            w = rng.randint(3, int(0.25 * page.shape[1] / 21))
            page[:, x:x + w] *= rng.uniform(0.55, 0.85)
        applied["lowInkLines"] = n
    if rng.random() < 0.3:                                    # drum dirt: a speck every drum turn
        period = int(rng.uniform(75, 95) / 25.4 * dpi)
        x = rng.randint(40, page.shape[1] - 40)
        y0 = rng.randint(0, period)
        for y in range(y0, page.shape[0] - 4, period):
            s = rng.uniform(1.0, 2.5) * dpi / 300
            cv2.ellipse(page, (x, y), (max(1, int(s)), max(1, int(s * 0.7))), 0, 0, 360, rng.uniform(0.4, 0.8), -1)
        applied["drumDirt"] = True
    if rng.random() < 0.4:                                    # light photocopy toner noise
        k = int(page.size * rng.uniform(2e-5, 8e-5))
        ys = nrng.integers(0, page.shape[0], k)
        xs = nrng.integers(0, page.shape[1], k)
        page[ys, xs] = np.maximum(page[ys, xs], nrng.uniform(0.25, 0.7, k).astype(np.float32))
        applied["tonerNoise"] = k
    return applied


def scan(page, fill_dpi, rng, nrng, dpi, bilevel, turn):
    """Resamples the darkness page onto a `dpi` scan of an A4 bed and returns uint8 (grey) or a
    0/255 uint8 image (1-bit), turned clockwise by `turn` degrees, with the parameters used."""
    w, h = int(round(A4_MM[0] / 25.4 * dpi)), int(round(A4_MM[1] / 25.4 * dpi))
    skew = rng.uniform(-3.0, 3.0)
    scale = 1.0 + rng.uniform(-0.015, 0.015)
    shift = (rng.uniform(-2.5, 2.5) / 25.4 * dpi, rng.uniform(-2.5, 2.5) / 25.4 * dpi)
    k = dpi / fill_dpi * scale
    a = math.radians(skew)
    cx, cy = page.shape[1] / 2, page.shape[0] / 2
    m = np.float32([[k * math.cos(a), -k * math.sin(a), 0], [k * math.sin(a), k * math.cos(a), 0]])
    m[:, 2] = np.float32([w / 2 + shift[0], h / 2 + shift[1]]) - m[:, :2] @ np.float32([cx, cy])
    # Sample in the pixel-centre convention: the fill page's continuous coords map linearly.
    m[:, 2] += m[:, :2] @ np.float32([0.5, 0.5]) - 0.5
    inter = cv2.INTER_AREA if k < 0.9 else cv2.INTER_LINEAR
    if k < 0.9:   # warpAffine has no area filter: pre-blur to avoid aliasing thin rings away
        page = cv2.GaussianBlur(page, (0, 0), 0.45 / k)
        inter = cv2.INTER_LINEAR
    dark = cv2.warpAffine(page, m, (w, h), flags=inter, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    sigma = rng.uniform(0.3, 0.9)
    dark = cv2.GaussianBlur(dark, (0, 0), sigma)
    paper = rng.uniform(222, 250)
    black = rng.uniform(8, 45)
    gamma = rng.uniform(0.8, 1.3)
    # Lighting: a linear fall-off of up to 12% across the bed in a random direction.
    ang = rng.uniform(0, 2 * math.pi)
    depth = rng.uniform(0.0, 0.12)
    xs = (np.arange(w, dtype=np.float32) / w - 0.5) * math.cos(ang)
    ys = (np.arange(h, dtype=np.float32) / h - 0.5) * math.sin(ang)
    ramp = ys[:, None] + xs[None, :]
    light = 1.0 - depth * (ramp - ramp.min()) / max(1e-6, float(ramp.max() - ramp.min()))
    level = cv2.pow(np.clip(1.0 - dark, 0.0, 1.0), gamma)
    grey = black + (paper - black) * level * light
    noise = rng.uniform(1.5, 5.0)
    grey += nrng.standard_normal(grey.shape, dtype=np.float32) * noise
    out = np.clip(grey, 0, 255).astype(np.uint8)
    params = {"dpi": dpi, "skewDeg": round(skew, 3), "scale": round(scale, 4), "blurSigma": round(sigma, 2),
              "paper": round(paper), "black": round(black), "gamma": round(gamma, 2), "lightDepth": round(depth, 3),
              "noise": round(noise, 2)}
    if bilevel:
        threshold = rng.uniform(0.5, 0.62) * paper + 0.0
        out = np.where(out > threshold, 255, 0).astype(np.uint8)
        params["bilevelThreshold"] = round(threshold)
    if turn:
        out = np.ascontiguousarray(np.rot90(out, k=-(turn // 90)))   # clockwise
    params["turn"] = turn
    return out, params
