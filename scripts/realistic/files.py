"""Packets as РЦОИ scanners write them: one per auditorium, 20–25 sheets with a blank page
(some with scanner dirt) and a foreign page among them, scanned at one dpi and mode per packet
and written as a folder of JPEGs, one multi-page TIFF (LZW grey or CCITT G4 1-bit) or one
multi-page image PDF (img2pdf embeds the JPEG or G4 streams as they are, like scanner
software does)."""
import contextlib
import io
import os

import numpy as np
from PIL import Image, ImageDraw, ImageFont, TiffImagePlugin

# One strip per page: img2pdf embeds a G4 TIFF's CCITT stream as it is only when the page is a
# single strip (PIL's default cuts it into strips, and img2pdf then re-encodes it as Flate).
TiffImagePlugin.STRIP_SIZE = 1 << 30

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def foreign_page(rng, dpi):
    """A printed page that is not an ИС-03 sheet: a register table with text (darkness)."""
    w, h = int(210 / 25.4 * dpi), int(297 / 25.4 * dpi)
    img = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(img)
    big = ImageFont.truetype(FONT, int(dpi * 0.18))
    small = ImageFont.truetype(FONT, int(dpi * 0.11))
    d.text((int(dpi * 0.8), int(dpi * 0.8)), "Ведомость учёта проведения итогового собеседования", fill=255, font=big)
    d.text((int(dpi * 0.8), int(dpi * 1.2)), f"Аудитория № {rng.randint(1, 30)}   Форма ИС-05", fill=255, font=small)
    top, rows, cols = int(dpi * 1.7), rng.randint(18, 28), [0.8, 1.6, 4.6, 6.2, 7.6]
    for r in range(rows + 1):
        y = top + int(r * dpi * 0.32)
        d.line([(int(dpi * 0.8), y), (int(dpi * 7.6), y)], fill=255, width=max(1, dpi // 150))
        if r < rows:
            d.text((int(dpi * 0.9), y + int(dpi * 0.06)), str(r + 1), fill=255, font=small)
            d.text((int(dpi * 1.7), y + int(dpi * 0.06)), rng.choice(["Иванов И.И.", "Петрова А.С.", "Смирнов Д.К.",
                                                                    "Орлова Е.В.", "Никитин П.Р."]), fill=200, font=small)
    for c in cols:
        d.line([(int(dpi * c), top), (int(dpi * c), top + int(rows * dpi * 0.32))], fill=255, width=max(1, dpi // 150))
    return np.asarray(img, np.float32) / 255.0


def blank_page(rng, dpi, dirty):
    """An empty sheet of paper; with `dirty`, a few scanner-glass specks and a hair."""
    page = np.zeros((int(297 / 25.4 * dpi), int(210 / 25.4 * dpi)), np.float32)
    if dirty:
        import cv2
        for _ in range(rng.randint(3, 12)):
            x, y = rng.randint(50, page.shape[1] - 50), rng.randint(50, page.shape[0] - 50)
            s = rng.uniform(1, 4) * dpi / 300
            cv2.ellipse(page, (x, y), (int(s) + 1, int(s * 0.7) + 1), 0, 0, 360, rng.uniform(0.3, 0.9), -1)
        x, y = rng.randint(100, page.shape[1] - 300), rng.randint(100, page.shape[0] - 300)
        pts = np.array([[x + i * 8, y + int(30 * np.sin(i / 5))] for i in range(30)], np.int32)
        cv2.polylines(page, [pts], False, 0.6, 1, cv2.LINE_AA)
    return page


def _pil(img, bilevel, dpi):
    im = Image.fromarray(img)
    if bilevel:
        im = im.convert("1", dither=Image.NONE)
    im.info["dpi"] = (dpi, dpi)
    return im


def write_packet(folder, fmt, pages, dpi, bilevel, quality):
    """Writes `pages` (uint8 arrays) to `folder` as `fmt`; returns [(file name, page index)]."""
    os.makedirs(folder, exist_ok=True)
    where = []
    if fmt == "jpeg":
        for i, img in enumerate(pages):
            name = f"page-{i + 1:04d}.jpg"
            _pil(img, False, dpi).save(os.path.join(folder, name), quality=quality, dpi=(dpi, dpi))
            where.append((name, 0))
    elif fmt == "tiff":
        ims = [_pil(img, bilevel, dpi) for img in pages]
        name = "packet.tif"
        ims[0].save(os.path.join(folder, name), save_all=True, append_images=ims[1:], dpi=(dpi, dpi),
                    compression="group4" if bilevel else "tiff_lzw")
        where = [(name, i) for i in range(len(pages))]
    elif fmt == "pdf":
        import img2pdf
        streams = []
        for img in pages:
            buf = io.BytesIO()
            if bilevel:
                _pil(img, True, dpi).save(buf, format="TIFF", compression="group4", dpi=(dpi, dpi))
            else:
                _pil(img, False, dpi).save(buf, format="JPEG", quality=quality, dpi=(dpi, dpi))
            streams.append(buf.getvalue())
        name = "packet.pdf"
        with open(os.path.join(folder, name), "wb") as f, contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):   # img2pdf chats about TIFF strip sizes
            # No date, and img2pdf's own writer (pikepdf's adds a random /ID): the same seed, the same bytes.
            f.write(img2pdf.convert(streams, nodate=True, engine=img2pdf.Engine.internal))
        where = [(name, i) for i in range(len(pages))]
    else:
        raise ValueError(fmt)
    return where
