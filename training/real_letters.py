#!/usr/bin/env python3
"""The real handwritten letters (../shared/data/handwritten-letters) and their fixed split.

One rule decides, for every image, whether it may be learnt from or is kept back for measuring:
the SHA-256 of "<letter>/<file name>" (UTF-8), its first 8 hex digits as a number, modulo 10.
  0, 1  -> "test": held back. Only measurements use it (the realistic benchmark's names, the
           recogniser's reported accuracy). Never trained or calibrated on.
  2     -> "calibration": fits the recogniser's softmax temperature and accept threshold.
  3..9  -> "train".
The file names say nothing about the writer (README of the data set), so the split is by image,
not by writer; figures on it are somewhat optimistic, and the benchmark says so.

Licence: the letters are CC BY-SA 4.0 (QazaqMNIST, from CoMNIST); a model trained on them
carries the same licence and credits both (see training/README.md).

    python3 training/real_letters.py            # prints the size of each part
"""
import hashlib
import os
import sys

DEFAULT_ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "handwritten-letters")
LETTERS = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"


def part_of(letter, file_name):
    """'test', 'calibration' or 'train' for one image, by the fixed hash rule above."""
    digest = hashlib.sha256(f"{letter}/{file_name}".encode("utf-8")).hexdigest()
    bucket = int(digest[:8], 16) % 10
    if bucket < 2:
        return "test"
    if bucket == 2:
        return "calibration"
    return "train"


def letters_root(root=None):
    root = root or os.environ.get("IS03_REAL_LETTERS") or DEFAULT_ROOT
    return os.path.normpath(root)


def images(part, root=None):
    """Every (letter, path) of one part, in a stable order."""
    root = letters_root(root)
    found = []
    for letter in LETTERS:
        folder = os.path.join(root, letter)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".png") and part_of(letter, name) == part:
                found.append((letter, os.path.join(folder, name)))
    return found


if __name__ == "__main__":
    root = letters_root(sys.argv[1] if len(sys.argv) > 1 else None)
    for part in ("train", "calibration", "test"):
        print(part, len(images(part, root)))
