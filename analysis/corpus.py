"""Load and validate a corpus of articles, with per-field metadata provenance.

A corpus is a folder (see ``corpus/README.md``)::

    corpus/
      articles/<id>.txt    the article text, byte for byte as imported (immutable input)
      articles/<id>.yaml   its metadata: every field has a value, a status and evidence
      articles/<id>.html   (HTML imports only) the page as saved
      speakers.csv         speaker registry (see analysis.sources)
      actors.yaml          actors and aliases (see analysis.actors)

Every metadata field records *where its value came from*:

``stated``    the article text itself states it (the evidence quotes where);
``inferred``  derived from the text by a stated reasoning or method;
``supplied``  given with the import (CSV/JSONL column, HTML page metadata,
              a command-line option, or a provider's notes);
``unknown``   not known; the value is empty.  Nothing is invented.

Article ids are content hashes (the first 12 hex digits of SHA-256 over the
case-folded, whitespace-normalised text), so the same text always gets the
same id and a duplicate is caught whatever its file name.  The cleaned body
(:func:`analysis.text.clean`) is always derived from the stored raw text by
code, never stored in the corpus.

Loading never writes to the corpus.
"""
from __future__ import annotations

import hashlib
import logging
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterator

import yaml

from . import paths
from .dates import is_iso_date
from .errors import InputError
from .text import Cleaned, Sentence, clean, count_words, normalise_for_hash, sentences

log = logging.getLogger(__name__)

__all__ = [
    "FIELDS",
    "STATUSES",
    "Field",
    "Article",
    "Corpus",
    "load_corpus",
    "text_id",
    "body_hash",
    "corpus_fingerprint",
    "LazyArticle",
]

#: Metadata fields every article has, in table order.
FIELDS = ("title", "outlet", "author", "published", "url", "language", "genre", "source")
STATUSES = ("stated", "inferred", "supplied", "unknown")
_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,63}$")


@dataclass(frozen=True, slots=True)
class Field:
    """One metadata value with its provenance."""

    value: str | None
    status: str = "unknown"
    evidence: str = ""

    def as_dict(self) -> dict:
        return {"value": self.value, "status": self.status, "evidence": self.evidence}


def text_id(text: str) -> str:
    """The stable id of an article text: 12 hex digits of SHA-256 of the normalised text."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()[:12]


def _body_key(cleaned_text: str) -> str:
    return hashlib.sha256(normalise_for_hash(cleaned_text).encode("utf-8")).hexdigest()[:16]


def body_hash(text: str) -> str:
    """Hash of the cleaned body of a raw ``text`` (headline excluded): catches the same article saved
    with different debris or with and without its headline line."""
    return _body_key(clean(text).body)


@dataclass
class Article:
    """An article: its raw text, cleaned body and metadata with provenance."""

    id: str
    raw: str
    fields: dict[str, Field]
    path: Path | None = None
    sha256: str = ""
    extra: dict = field(default_factory=dict)
    #: Lines learned as its outlet's boilerplate (analysis.boilerplate), removed by the cleaning.
    boilerplate: frozenset = frozenset()

    @cached_property
    def cleaned(self) -> Cleaned:
        return clean(self.raw, title=self.headline_title, boilerplate=self.boilerplate)

    @property
    def headline_title(self) -> str | None:
        """The title that may serve as headline when the raw text has none: a stated or supplied title."""
        f = self.fields.get("title")
        return f.value if f is not None and f.status in ("stated", "supplied") else None

    @property
    def text(self) -> str:
        """The analysed text (headline paragraph, then the cleaned body); all offsets in result tables point into it."""
        return self.cleaned.text

    @property
    def headline_end(self) -> int:
        """Offset in :attr:`text` where the headline ends (0 when the article has none)."""
        return self.cleaned.headline_end

    @cached_property
    def sentences(self) -> list[Sentence]:
        return sentences(self.text)

    @cached_property
    def words(self) -> int:
        return count_words(self.text)

    @property
    def body_hash(self) -> str:
        """:func:`body_hash` of this article (from the cached cleaning)."""
        return _body_key(clean(self.raw, title=self.headline_title).body)  # learned boilerplate not involved

    @property
    def import_flags(self) -> dict:
        """What the importer flagged (a column each in articles.csv): near duplicate, mixed languages."""
        nd = self.extra.get("near_duplicate") or {}
        mixed = self.extra.get("mixed_language") or {}
        return {"near_duplicate_of": nd.get("of"), "near_duplicate_similarity": nd.get("similarity"),
                "mixed_language": ";".join(sorted(mixed.get("languages") or {})) or None}

    @property
    def meta(self) -> dict[str, str | None]:
        """Plain metadata values (field -> value)."""
        return {k: self.fields.get(k, Field(None)).value for k in FIELDS}

    def __repr__(self) -> str:  # pragma: no cover - cosmetic
        return f"Article({self.id!r}, title={self.meta['title']!r}, words={self.words})"


class Corpus:
    """An ordered collection of :class:`Article` read from a corpus folder."""

    def __init__(self, articles: list[Article], *, path: Path | None = None):
        self.articles = articles
        self.path = path
        self._by_id = {a.id: a for a in articles}

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, key: int | str) -> Article:
        if isinstance(key, str):
            return self._by_id[key]
        return self.articles[key]

    def __contains__(self, key: str) -> bool:
        return key in self._by_id

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.articles]

    def metadata(self):
        """Metadata as a tidy DataFrame: one row per article, one column per field."""
        import pandas as pd

        return pd.DataFrame(
            [{"article_id": a.id, **a.meta} for a in self.articles],
            columns=["article_id", *FIELDS],
        )

    def provenance(self):
        """Metadata provenance in long form: article_id, field, value, status, evidence."""
        import pandas as pd

        rows = [
            {"article_id": a.id, "field": k, **a.fields.get(k, Field(None)).as_dict()}
            for a in self.articles
            for k in FIELDS
        ]
        return pd.DataFrame(rows, columns=["article_id", "field", "value", "status", "evidence"])

    def __repr__(self) -> str:  # pragma: no cover - cosmetic
        return f"Corpus({len(self)} articles from {self.path})"


def _parse_fields(data: dict, path: Path) -> dict[str, Field]:
    raw_fields = data.get("fields")
    if not isinstance(raw_fields, dict):
        raise InputError(path, "metadata has no 'fields' mapping")
    out: dict[str, Field] = {}
    for name in FIELDS:
        entry = raw_fields.get(name)
        if entry is None:
            out[name] = Field(None, "unknown", "")
            continue
        if not isinstance(entry, dict):
            raise InputError(path, f"field '{name}' must be a mapping with value, status, evidence")
        value = entry.get("value")
        status = entry.get("status", "unknown" if value in (None, "") else "supplied")
        if status not in STATUSES:
            raise InputError(path, f"field '{name}' has status {status!r}; expected one of {', '.join(STATUSES)}")
        if value is not None and not isinstance(value, (str, int, float)):
            raise InputError(path, f"field '{name}' value must be text, got {type(value).__name__}")
        value = None if value in (None, "") else str(value)
        if status == "unknown" and value is not None:
            raise InputError(path, f"field '{name}' has a value but status 'unknown'")
        if status != "unknown" and value is None:
            raise InputError(path, f"field '{name}' is {status} but has no value")
        if name == "published" and value is not None and not is_iso_date(value):
            raise InputError(path, f"field 'published' must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}"
                                   f"; 'framing add' reads other forms and records the original as evidence")
        out[name] = Field(value, status, str(entry.get("evidence") or ""))
    unknown = set(raw_fields) - set(FIELDS)
    if unknown:
        raise InputError(path, f"unknown metadata field(s): {', '.join(sorted(unknown))}")
    return out


#: The YAML loader of article metadata: libyaml's safe loader when PyYAML was built with it (about 10x faster than
#: the pure-Python one on the metadata files, same values: tested on the seeds), else PyYAML's own.
YAML_LOADER = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


def load_yaml(text: str, *, loader=None):
    """``yaml.safe_load(text)``, through :data:`YAML_LOADER` (or ``loader``)."""
    return yaml.load(text, Loader=loader or YAML_LOADER)


def read_article(meta_path: Path, *, verify: bool = True) -> Article:
    """Read one article from its ``<id>.yaml`` and the text file it names."""
    try:
        data = load_yaml(meta_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise InputError(meta_path, f"malformed YAML metadata{where}") from None
    except UnicodeDecodeError:
        raise InputError(meta_path, "metadata is not UTF-8 text") from None
    if not isinstance(data, dict):
        raise InputError(meta_path, "metadata must be a YAML mapping")
    art_id = data.get("id")
    if not isinstance(art_id, str) or not _ID_RE.match(art_id):
        raise InputError(meta_path, f"metadata has no valid 'id' (got {art_id!r})")
    if art_id != meta_path.stem:
        raise InputError(meta_path, f"id {art_id!r} does not match the file name")
    text_file = meta_path.with_name(str(data.get("text_file") or f"{art_id}.txt"))
    if not text_file.is_file():
        raise InputError(meta_path, f"text file {text_file.name} is missing")
    blob = text_file.read_bytes()
    digest = hashlib.sha256(blob).hexdigest()
    if verify and data.get("sha256") and data["sha256"] != digest:
        raise InputError(text_file, "raw text differs from the SHA-256 recorded at import; the corpus is immutable")
    try:
        raw = blob.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(text_file, "text is not UTF-8") from None
    extra = {k: v for k, v in data.items() if k not in ("id", "text_file", "sha256", "fields")}
    return Article(id=art_id, raw=raw, fields=_parse_fields(data, meta_path), path=text_file,
                   sha256=digest, extra=extra)


class LazyArticle(Article):
    """An :class:`Article` whose raw text is read from its file when first used (and may be dropped again).

    Built from the corpus index (:func:`load_corpus`) without opening the text; reading it checks the
    SHA-256 recorded at import, as :func:`read_article` does.
    """

    def __init__(self, id: str, path: Path, fields: dict[str, Field], sha256: str, extra: dict, body_key: str,
                 verify: bool = True):
        self.id, self.path, self.fields, self.sha256, self.extra = id, path, fields, sha256, extra
        self._raw: str | None = None
        self.boilerplate: frozenset = frozenset()
        self._body_key = body_key
        self._verify = verify

    @property
    def raw(self) -> str:
        if self._raw is None:
            blob = self.path.read_bytes()
            if self._verify and self.sha256 and hashlib.sha256(blob).hexdigest() != self.sha256:
                raise InputError(self.path, "raw text differs from the SHA-256 recorded at import; "
                                            "the corpus is immutable")
            try:
                self._raw = blob.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(self.path, "text is not UTF-8") from None
        return self._raw

    @raw.setter
    def raw(self, value: str) -> None:
        self._raw = value

    def release(self) -> None:
        """Forget the text and everything derived from it (read again when needed)."""
        self._raw = None
        for k in ("cleaned", "sentences", "words"):
            self.__dict__.pop(k, None)

    @property
    def body_hash(self) -> str:
        return self._body_key


def _index_file(root: Path) -> Path | None:
    """The load index of corpus ``root`` in the user cache dir (never inside the corpus), or None."""
    import os

    base = os.environ.get("FRAMING_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return Path(base) / "framing-analysis" / "corpora" / f"{key}.sqlite"


@lru_cache(maxsize=1)
def _index_version() -> str:
    """Changes whenever the code that reads, validates or cleans articles changes."""
    h = hashlib.sha256(b"corpus-index-1")
    here = Path(__file__).resolve().parent
    for name in ("corpus.py", "text.py", "dates.py"):
        p = here / name
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


class _Index:
    """What :func:`load_corpus` learnt about each metadata file, keyed by its name, size and mtime.

    Each corpus folder has its own index file; every entry is also kept, for :data:`SHARED_DAYS` days, in
    one index shared by all corpora and keyed by the metadata file's name and content hash
    (:meth:`shared_get`), so a copied or moved corpus (same files, same times: ``cp -a``, ``shutil.copytree``)
    loads from the index too instead of parsing every file again.
    """

    def __init__(self, root: Path):
        import sqlite3

        self.db = None
        self.shared = None
        self._queued: list[tuple] = []  # new entries for the shared index, written on close
        path = _index_file(root)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path)
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            self.db.execute("CREATE TABLE IF NOT EXISTS articles (name TEXT PRIMARY KEY, stamp TEXT, id TEXT, "
                            "text_name TEXT, sha256 TEXT, body_key TEXT, fields TEXT, extra TEXT)")
            row = self.db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
            if row is None or row[0] != _index_version():
                self.db.execute("DELETE FROM articles")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (_index_version(),))
            self.rows = {r[0]: r[1:] for r in self.db.execute("SELECT * FROM articles")}
        except Exception as exc:  # no usable cache dir: load without an index
            log.debug("corpus index unavailable (%s)", exc)
            self.db, self.rows = None, {}
            return
        try:
            self.shared = sqlite3.connect(path.with_name(self.SHARED), timeout=2)
            self.shared.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, day INTEGER, stamp TEXT, "
                                "id TEXT, text_name TEXT, sha256 TEXT, body_key TEXT, fields TEXT, extra TEXT)")
        except Exception as exc:
            log.debug("shared corpus index unavailable (%s)", exc)
            self.shared = None

    SHARED = "shared.sqlite"
    #: Entries of the shared index are dropped this many days after they were written.
    SHARED_DAYS = 30

    @staticmethod
    def _key(name: str, stamp: str) -> str:
        return f"{_index_version()}:{name}:{stamp.split(':', 1)[0]}"

    def shared_get(self, meta_path: Path) -> tuple | None:
        """The shared index's entry for this metadata file's name and content, as ``rows`` holds entries
        (stamp first), or None.  The caller checks the stamp (the text file's size and time) as usual."""
        if self.shared is None:
            return None
        try:
            meta = hashlib.sha256(meta_path.read_bytes()).hexdigest()[:24]
            row = self.shared.execute("SELECT stamp, id, text_name, sha256, body_key, fields, extra FROM entries "
                                      "WHERE key=?", (self._key(meta_path.name, meta),)).fetchone()
        except Exception as exc:  # pragma: no cover - an unreadable index is only a missing cache
            log.debug("shared corpus index not read (%s)", exc)
            return None
        return tuple(row) if row is not None else None

    def put_row(self, name: str, row: tuple) -> None:
        """Record an entry (``stamp, id, text_name, sha256, body_key, fields, extra``) for ``name``."""
        if self.db is None:
            return
        self.db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (name, *row))

    def put(self, name: str, stamp: str, art: Article, body_key: str) -> None:
        import json

        if self.db is None:
            return
        row = (stamp, art.id, art.path.name, art.sha256, body_key,
               json.dumps({k: f.as_dict() for k, f in art.fields.items()}), json.dumps(art.extra, default=str))
        self.put_row(name, row)
        self._queued.append((self._key(name, stamp), *row))

    def close(self, keep: set[str]) -> None:
        if self.db is None:
            return
        try:
            for name in set(self.rows) - keep:
                self.db.execute("DELETE FROM articles WHERE name=?", (name,))
            self.db.commit()
            self.db.close()
        except Exception as exc:  # pragma: no cover - a full disk: the index is only a cache
            log.debug("corpus index not saved (%s)", exc)
        if self.shared is None:
            return
        try:  # one short transaction: other processes may share this file
            import time

            day = int(time.time() // 86400)
            if self._queued:
                self.shared.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                        [(k, day, *rest) for k, *rest in self._queued])
            self.shared.execute("DELETE FROM entries WHERE day < ?", (day - self.SHARED_DAYS,))
            self.shared.commit()
            self.shared.close()
        except Exception as exc:  # pragma: no cover - locked or full: the index is only a cache
            log.debug("shared corpus index not saved (%s)", exc)


def _field(d: dict) -> Field:
    """A :class:`Field` from its index entry, with its status interned (a corpus holds 8 fields an article)."""
    return Field(d["value"], sys.intern(d["status"]), d["evidence"])


def _stamp(meta_path: Path, text_path: Path) -> str | None:
    """The metadata file's content hash and the text file's size and time: an index entry is used only
    while both match (the text's SHA-256 is checked again when it is read)."""
    try:
        b = text_path.stat()
        meta = hashlib.sha256(meta_path.read_bytes()).hexdigest()[:24]
    except OSError:
        return None
    return f"{meta}:{b.st_size}:{b.st_mtime_ns}"


def load_corpus(path: str | Path | None = None, *, verify: bool = True, index: bool = True) -> Corpus:
    """Load the corpus folder ``path`` (default: the bundled ``corpus/``).

    Raises :class:`~analysis.errors.InputError` naming the file for a missing
    folder, malformed metadata, a changed raw text or a duplicate article.

    With ``index`` (the default), what was learnt from each metadata file (fields, hashes) is kept in
    a load index in the user cache dir (``~/.cache/framing-analysis/corpora/``, or
    ``$FRAMING_CACHE_DIR``; never in the corpus), keyed by the size and modification time of the
    metadata file's content and the text file's size and time: a corpus of 100,000 articles then loads
    without parsing 100,000 YAML files or reading 100,000 texts, and texts are read (and their SHA-256
    checked) only when an article is analysed.
    Files that changed are read and checked again.
    """
    root = Path(path) if path is not None else paths.CORPUS
    folder = root / "articles"
    if not folder.is_dir():
        raise InputError(root, "not a corpus folder (no articles/ inside); create one with 'framing add'")
    import json

    from .boilerplate import load_boilerplate, outlet_key

    learned = load_boilerplate(root)  # per-outlet boilerplate lines (analysis.boilerplate)
    idx = _Index(root) if index else None
    articles: list[Article] = []
    seen: dict[str, Path] = {}
    names: set[str] = set()
    for meta_path in sorted(folder.glob("*.yaml")):
        art = None
        stamp = None
        if idx is not None and idx.db is not None:
            row = idx.rows.get(meta_path.name)
            shared = False
            if row is not None:
                stamp = _stamp(meta_path, meta_path.with_name(row[2]))
            if row is None or stamp is None or stamp != row[0]:  # a copied or moved corpus: by content
                row, shared = idx.shared_get(meta_path), True
                if row is not None:
                    stamp = _stamp(meta_path, meta_path.with_name(row[2]))
            if row is not None and stamp is not None and stamp == row[0]:
                _, aid, text_name, sha, body_key, fields, extra = row
                art = LazyArticle(aid, meta_path.with_name(text_name),
                                  {k: _field(v) for k, v in json.loads(fields).items()}, sha,
                                  json.loads(extra), body_key, verify)
                if shared:
                    idx.put_row(meta_path.name, row)
        if art is None:
            art = read_article(meta_path, verify=verify)
            if idx is not None:
                stamp = _stamp(meta_path, art.path)
                if stamp is not None:
                    body_key = art.body_hash  # (cleans the text: computed once)
                    idx.put(meta_path.name, stamp, art, body_key)
                    # keep only what the index holds: the text is read again when analysed
                    art = LazyArticle(art.id, art.path, art.fields, art.sha256, art.extra, body_key, verify)
        names.add(meta_path.name)
        if learned:
            art.boilerplate = learned.get(outlet_key(art.meta.get("outlet")), frozenset())
        key = art.body_hash
        if key in seen:
            raise InputError(meta_path, f"duplicate article: same text as {seen[key].name}")
        seen[key] = meta_path
        articles.append(art)
    if idx is not None:
        idx.close(names)
    articles.sort(key=lambda a: ((a.meta.get("source") or ""), a.id))
    log.info("loaded %d articles from %s", len(articles), root)
    return Corpus(articles, path=root)


def corpus_fingerprint(corpus: Corpus, *, spec=None) -> str:
    """A short hash identifying an analysis: cite it with a figure (with the package version).

    It covers every article's raw text and metadata values and, with ``spec`` (the run's
    :class:`analysis.stages.RunSpec`), the method data that shape the results: the shipped lexicons,
    word lists and models (:func:`analysis.cache.code_fingerprint`, which also covers the code), the
    extra lexicon files, the speaker registry and the actors (file or proposed list).
    """
    h = hashlib.sha256()
    for a in sorted(corpus, key=lambda a: a.id):
        h.update(a.id.encode())
        h.update(a.sha256.encode())
        for k in FIELDS:
            h.update(f"{k}={a.fields[k].value}".encode())
    if spec is not None:
        from .cache import method_fingerprint

        h.update(b"methods:" + method_fingerprint(spec).encode())
    return h.hexdigest()[:12]
