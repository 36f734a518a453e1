"""Columns of imported tables: which column fills which metadata field.

Columns are recognised by name (case, spaces, ``_`` and ``-`` ignored) from the common export names
(:data:`COLUMN_ALIASES`: ``content``/``body``/``article_text`` for the text, ``date``/``publish_date``/
``pub_date`` for the date, ``source``/``media_name`` for the outlet, ``authors``, ``headline``,
``link``...) or mapped explicitly (``mapping={"text": "story"}``, ``--map``, ``--mapping FILE``).  Two
columns that could both be a field are an error asking for ``--map``.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Mapping

import yaml

from ..errors import InputError

__all__ = ["COLUMN_ALIASES", "MAPPABLE", "resolve_columns", "load_mapping", "check_mapping"]

#: Column names recognised for each field (compared without case, spaces, '_' or '-'), in preference order.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article_text", "full_text", "fulltext", "maintext", "story_text",
             "article_body", "articleBody"),
    "title": ("title", "headline", "heading"),
    "outlet": ("outlet", "source", "media_name", "media", "publisher", "site_name", "sitename", "source_name",
               "media_outlet", "newspaper", "publication"),
    "author": ("author", "authors", "byline", "creator", "writer"),
    "published": ("published", "date", "publish_date", "pub_date", "publication_date", "published_at",
                  "date_published", "datePublished", "publishedAt", "published_date", "pubdate"),
    "url": ("url", "link", "article_url", "permalink", "canonical_url", "href", "uri"),
    "genre": ("genre",),
    "id": ("id", "article_id"),
}
#: Fields a column can fill (``source`` is always the imported file and ``language`` is identified).
MAPPABLE = ("text", "id", "title", "outlet", "author", "published", "url", "genre")


def _norm(name) -> str:
    return re.sub(r"[^0-9a-z]", "", str(name).casefold())


def load_mapping(path: str | Path) -> dict[str, str]:
    """A mapping file: YAML (or JSON) ``field: column`` pairs, e.g. ``text: story`` / ``published: date``."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "mapping file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        raise InputError(path, "mapping file must be YAML or JSON 'field: column' pairs") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise InputError(path, "mapping file must be YAML or JSON 'field: column' pairs")
    return check_mapping({str(k): v for k, v in data.items()}, origin=str(path))


def check_mapping(mapping: Mapping[str, str], *, origin: str = "--map") -> dict[str, str]:
    """``mapping`` as a dict, refusing a field that no column can fill."""
    out = {}
    for k, v in mapping.items():
        if k not in MAPPABLE:
            raise InputError(origin, f"cannot map {k!r}; fields that a column can fill: {', '.join(MAPPABLE)}")
        out[k] = v
    return out


def resolve_columns(columns: Iterable, mapping: Mapping[str, str] | None, origin: str) -> dict[str, str]:
    """field -> column name for a table's ``columns``: the explicit ``mapping`` first, then the aliases."""
    cols = [c for c in columns if c is not None]
    by_norm: dict[str, list] = {}
    for c in cols:
        by_norm.setdefault(_norm(c), []).append(c)
    out: dict[str, str] = {}
    mapping = dict(mapping or {})
    for f, col in mapping.items():
        if col not in cols:
            found = [c for c in cols if _norm(c) == _norm(col)]
            if len(found) != 1:
                raise InputError(origin, f"--map {f}={col}: no column {col!r}; columns found: {', '.join(map(str, cols))}")
            col = found[0]
        out[f] = col
    taken = set(out.values())
    for f in MAPPABLE:
        if f in out:
            continue
        hits = []
        for alias in COLUMN_ALIASES[f]:
            for c in by_norm.get(_norm(alias), []):
                if c not in taken and c not in hits:
                    hits.append(c)
        if not hits:
            continue
        exact = [c for c in hits if _norm(c) == f]
        if len(hits) > 1 and len(exact) != 1:
            raise InputError(origin, f"columns {', '.join(map(repr, hits))} could each be the {f}; "
                                     f"choose one with --map {f}=COLUMN")
        out[f] = exact[0] if exact else hits[0]
        taken.add(out[f])
    if "text" not in out:
        raise InputError(origin, f"needs a 'text' column (or --map text=COLUMN); columns found: "
                                 f"{', '.join(map(str, cols)) or '(none)'}")
    return out
