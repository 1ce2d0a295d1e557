"""Real handwritten letters of the held-back TEST part only (training/real_letters.py decides the
split), cropped to their ink. The recogniser never trained or calibrated on these."""
import os
import sys
from collections import defaultdict

import cv2
import numpy as np


class LetterBank:
    def __init__(self, repo, root=None):
        sys.path.insert(0, os.path.join(repo, "training"))
        import real_letters  # the project's one split rule
        self.by_letter = defaultdict(list)
        for letter, path in real_letters.images("test", root):
            self.by_letter[letter].append(path)
        if not self.by_letter:
            raise SystemExit(f"bench-realistic: no real letters found under {real_letters.letters_root(root)} "
                             "(set IS03_REAL_LETTERS to the handwritten-letters folder)")
        self._cache = {}

    def count(self):
        return sum(len(v) for v in self.by_letter.values())

    def sample(self, letter, rng):
        """Darkness (0 paper … 1 ink) of one image of `letter`, cropped to its ink."""
        pool = self.by_letter.get(letter)
        if not pool:
            raise KeyError(f"no real image of «{letter}» in the test part")
        path = rng.choice(pool)
        if path not in self._cache:
            grey = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
            ink = 1.0 - grey.astype(np.float32) / 255.0
            ys, xs = np.nonzero(ink > 0.25)
            if len(ys) == 0:
                crop = ink
            else:
                crop = ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
            self._cache[path] = crop
        return self._cache[path], path
