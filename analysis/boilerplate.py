"""Boilerplate lines learned per outlet: newsletter footers and share prompts repeated across its articles.

Method
------
At import, every line of an article (up to :data:`MAX_LINE` characters, compared in the
:func:`analysis.text.normalise_for_hash` form) is counted per outlet in the corpus's duplicate store
(:mod:`analysis.dedup`).  A line that occurs in at least :data:`MIN_ARTICLES` (5) articles of one
outlet *and* in at least :data:`MIN_SHARE` (half) of that outlet's articles is boilerplate of that
outlet (the document-frequency rule of boilerplate removal, e.g. Kohlschütter, Fankhauser & Nejdl
2010, "Boilerplate detection using shallow text features", WSDM, who note that template text recurs
across a site's pages).  After each import the learned lists are written to ``<corpus>/boilerplate.yaml``,
a readable file that the loader passes to :func:`analysis.text.clean`, which removes such lines as
``boilerplate`` (so they appear in ``cleaning.csv`` with their raw offsets).  Per-article analysis
stays per-article: the cleaning of an article depends only on its raw text, its title and its
outlet's list.  Lines listed under an outlet's ``keep:`` are never removed (edit the file to keep a
line; the importer preserves ``keep``).  Articles without a known outlet are not counted.

Known limits: a refrain that an outlet really prints in half its articles (a standing disclosure, a
recurring column heading) is removed as boilerplate; a footer that changes a word each time is not
learned.
"""
from __future__ import annotations

import logging
from pathlib import Path

import yaml

from .text import normalise_for_hash

log = logging.getLogger(__name__)

__all__ = ["MIN_ARTICLES", "MIN_SHARE", "MAX_LINE", "FILE_NAME", "lines_of", "outlet_key", "load_boilerplate",
           "write_boilerplate"]

MIN_ARTICLES = 5
MIN_SHARE = 0.5
MAX_LINE = 200
FILE_NAME = "boilerplate.yaml"

_HEADER = ("# Boilerplate lines learned per outlet by 'framing add' (see analysis/boilerplate.py and docs/text.md):\n"
           "# a line in at least 5 articles and half of an outlet's articles is removed from them by the\n"
           "# cleaning (kind 'boilerplate' in cleaning.csv). Rewritten after each import; move a line to\n"
           "# 'keep' to stop its removal.\n")


def outlet_key(outlet: str | None) -> str | None:
    """The outlet as counted (normalised), or None when unknown."""
    key = normalise_for_hash(outlet or "")
    return key or None


def lines_of(raw: str) -> dict[str, str]:
    """normalised form -> first text of every distinct non-blank line of ``raw`` (up to MAX_LINE characters)."""
    out: dict[str, str] = {}
    for line in raw.splitlines():
        t = line.replace("\u00a0", " ").strip()
        if t and len(t) <= MAX_LINE:
            out.setdefault(normalise_for_hash(t), t)
    return out


def load_boilerplate(corpus_dir: str | Path) -> dict[str, frozenset[str]]:
    """outlet key -> normalised boilerplate lines (``keep`` lines excluded), from ``<corpus>/boilerplate.yaml``."""
    path = Path(corpus_dir) / FILE_NAME
    if not path.is_file():
        return {}
    from .errors import InputError

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        raise InputError(path, "malformed boilerplate file (YAML expected)") from None
    outlets = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(outlets, dict):
        raise InputError(path, "boilerplate file needs an 'outlets' mapping")
    out: dict[str, frozenset[str]] = {}
    for name, entry in outlets.items():
        if not isinstance(entry, dict):
            raise InputError(path, f"outlet {name!r}: expected a mapping with 'lines'")
        keep = {normalise_for_hash(str(k)) for k in entry.get("keep") or []}
        lines = {normalise_for_hash(str(x["text"] if isinstance(x, dict) else x)) for x in entry.get("lines") or []}
        key = outlet_key(str(name))
        if key and lines - keep:
            out[key] = frozenset(lines - keep)
    return out


def write_boilerplate(corpus_dir: str | Path, learned: dict[str, dict]) -> Path | None:
    """Merge ``learned`` (outlet name -> {"articles": n, "lines": [{"text", "articles"}]}) into the file.

    Outlets not in ``learned`` keep their entries; every outlet keeps its ``keep`` list.  Returns the
    path when the file changed.
    """
    from .io import write_bytes

    path = Path(corpus_dir) / FILE_NAME
    old = {}
    if path.is_file():
        try:
            old = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("outlets") or {}
        except (yaml.YAMLError, UnicodeDecodeError, AttributeError):
            old = {}
    merged = {k: v for k, v in old.items() if isinstance(v, dict)}
    for name, entry in learned.items():
        keep = (merged.get(name) or {}).get("keep") or []
        new = {"articles": entry["articles"], "lines": entry["lines"]}
        if keep:
            new["keep"] = keep
        if entry["lines"] or keep:
            merged[name] = new
        else:
            merged.pop(name, None)
    if merged == old or (not merged and not path.exists()):
        return None
    text = _HEADER + yaml.safe_dump({"outlets": dict(sorted(merged.items()))}, sort_keys=False,
                                    allow_unicode=True, width=100)
    write_bytes(path, text.encode("utf-8"))
    return path
