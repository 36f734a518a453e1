"""Well-formedness checks for the hand-made gold annotations in ``tests/gold``.

The gold files (``attributions.csv`` and ``loaded_terms.csv``) annotate the five
seed articles in ``SEEDS``.  Every span must be an exact slice of the raw text
as read with ``open(path, encoding="utf-8").read()``.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.paths import SEEDS

GOLD = Path(__file__).resolve().parent
ATTRIBUTIONS = GOLD / "attributions.csv"
LOADED = GOLD / "loaded_terms.csv"

ATTR_COLUMNS = ["source", "kind", "quote", "speaker", "speaker_mention", "cue", "role", "side", "start", "end"]
LOADED_COLUMNS = ["source", "start", "end", "text", "category", "voice", "note"]
KINDS = {"direct", "indirect", "mixed"}
ROLES = {"government", "diplomat", "military", "legislator", "analyst", "journalist", "ngo", "business",
         "citizen", "organisation", "anonymous", "unknown"}
CATEGORIES = {"emotive", "name-calling", "delegitimising", "derision", "exaggeration", "flag-waving", "doubt",
              "causal-oversimplification", "conflict-framing", "dehumanising", "violence-atrocity",
              "glorification", "absolutes", "boosters"}
VOICES = {"author", "quoted"}


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed folder {SEEDS} is absent")
    texts = {p.name: open(p, encoding="utf-8").read() for p in sorted(SEEDS.glob("*.txt"))}
    if not texts:
        pytest.skip(f"no seed articles in {SEEDS}")
    return texts


def _check_span(row: dict[str, str], field: str, seeds: dict[str, str]) -> None:
    assert row["source"] in seeds, f"unknown source {row['source']!r}"
    start, end = int(row["start"]), int(row["end"])
    assert 0 <= start < end <= len(seeds[row["source"]]), row
    assert seeds[row["source"]][start:end] == row[field], (
        f"{row['source']}[{start}:{end}] is {seeds[row['source']][start:end]!r}, not {row[field]!r}")


def test_attributions_header_and_values() -> None:
    columns, rows = _read(ATTRIBUTIONS)
    assert columns == ATTR_COLUMNS
    assert rows, "no attribution rows"
    for row in rows:
        assert row["kind"] in KINDS, row
        assert row["role"] in ROLES, row
        for field in ("quote", "speaker", "speaker_mention", "cue", "side"):
            assert row[field].strip(), f"empty {field}: {row}"
        if row["kind"] == "mixed":
            assert any(q in row["quote"] for q in "“”\""), f"mixed row without a partial quote: {row}"


def test_attributions_no_duplicates() -> None:
    _, rows = _read(ATTRIBUTIONS)
    keys = [tuple(row[c] for c in ATTR_COLUMNS) for row in rows]
    assert len(keys) == len(set(keys)), "duplicate attribution rows"
    spans = [(row["source"], row["start"], row["end"], row["speaker"]) for row in rows]
    assert len(spans) == len(set(spans)), "same span attributed twice to the same speaker"


def test_attribution_offsets(seeds: dict[str, str]) -> None:
    _, rows = _read(ATTRIBUTIONS)
    for row in rows:
        _check_span(row, "quote", seeds)


def test_loaded_header_and_values() -> None:
    columns, rows = _read(LOADED)
    assert columns == LOADED_COLUMNS
    assert rows, "no loaded-term rows"
    for row in rows:
        assert row["category"] in CATEGORIES, row
        assert row["voice"] in VOICES, row
        assert row["text"].strip() == row["text"] and row["text"], f"untrimmed or empty span: {row}"
        assert row["note"].strip(), f"missing note: {row}"


def test_loaded_no_duplicates() -> None:
    _, rows = _read(LOADED)
    keys = [(row["source"], row["start"], row["end"]) for row in rows]
    assert len(keys) == len(set(keys)), "duplicate loaded-term spans"


def test_loaded_offsets(seeds: dict[str, str]) -> None:
    _, rows = _read(LOADED)
    for row in rows:
        _check_span(row, "text", seeds)


def test_loaded_voice_matches_quotations(seeds: dict[str, str]) -> None:
    """A term is ``quoted`` exactly when it lies inside a direct or mixed attribution's span."""
    _, attrs = _read(ATTRIBUTIONS)
    quoted = [(a["source"], int(a["start"]), int(a["end"])) for a in attrs if a["kind"] in {"direct", "mixed"}]
    _, rows = _read(LOADED)
    for row in rows:
        s, e = int(row["start"]), int(row["end"])
        inside = any(src == row["source"] and qs <= s and e <= qe for src, qs, qe in quoted)
        assert (row["voice"] == "quoted") == inside, row
