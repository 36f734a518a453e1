"""The project's own annotated development set of news sentences (offsets only; texts read from ../shared).

Files (``tests/gold/``): ``loaded_dev_sentences.csv`` (``file, start, end,
split, loaded_spans``: every annotated sentence, with or without loaded
words) and ``loaded_dev_spans.csv`` (``file, start, end, split, label``:
the loaded words and phrases).  Offsets point into the PolNeAR article
``<polnear>/data/train/text/<file>`` read as UTF-8 without newline
translation.  The texts belong to their publishers and are never copied
into the repository; without ``../shared`` the set cannot be read and
:func:`read_devset` raises :class:`FileNotFoundError` naming the folder.
Guidelines: ``tests/gold/README.md`` (section "Loaded-language development set").
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths as _paths

GOLD = _paths.ROOT / "tests" / "gold"
SENTENCES_CSV = GOLD / "loaded_dev_sentences.csv"
SPANS_CSV = GOLD / "loaded_dev_spans.csv"


@dataclass
class DevSentence:
    """One annotated sentence: its article text, offsets, split and gold spans (offsets into ``text``)."""

    file: str
    text: str
    start: int
    end: int
    split: str
    spans: list[tuple[int, int]] = field(default_factory=list)


def read_devset(polnear_dir: str | Path | None = None, *, sentences_csv: str | Path = SENTENCES_CSV,
                spans_csv: str | Path = SPANS_CSV, split: str | None = None) -> list[DevSentence]:
    """The annotated sentences (all, or one ``split``: ``train`` / ``test``) with their texts."""
    folder = Path(polnear_dir if polnear_dir is not None else _paths.POLNEAR) / "data" / "train" / "text"
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: PolNeAR texts not found (the development set stores offsets only)")
    texts: dict[str, str] = {}
    out: list[DevSentence] = []
    index: dict[tuple[str, int], DevSentence] = {}
    with open(sentences_csv, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if split is not None and r["split"] != split:
                continue
            if r["file"] not in texts:
                with open(folder / r["file"], encoding="utf-8", newline="") as t:
                    texts[r["file"]] = t.read()
            s = DevSentence(r["file"], texts[r["file"]], int(r["start"]), int(r["end"]), r["split"])
            out.append(s)
            index[(s.file, s.start)] = s
    starts: dict[str, list[DevSentence]] = {}
    for s in out:
        starts.setdefault(s.file, []).append(s)
    with open(spans_csv, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            a, b = int(r["start"]), int(r["end"])
            for s in starts.get(r["file"], []):
                if s.start <= a and b <= s.end:
                    s.spans.append((a, b))
                    break
    return out
