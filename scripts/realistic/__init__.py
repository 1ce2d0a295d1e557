"""The realistic benchmark: ИС-03 sheets filled by a renderer of its own (real handwritten letters of
the held-back test split, pens of many kinds, corrections), scanned with scanner damage into
JPEG/TIFF/PDF packets, run through `is03 process` and scored against the truth. See
docs/recognition.md, "Realistic benchmark"."""
