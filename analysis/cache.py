"""Per-article result cache: re-analysing a corpus recomputes only the articles whose result can change.

Method
------
Each article's partial results (:class:`analysis.stages.ArticleResult`) are stored under a key that
hashes everything its result depends on:

* the article: its raw text's SHA-256, its id, every metadata value with status and evidence, the
  import record (flags) and the boilerplate lines learned for its outlet (they change its cleaning);
* the run (:func:`method_fingerprint`): the package version, the source of every module of the
  ``analysis`` package and every method-data file shipped with it (lexicons, word lists, models),
  the extra lexicon files, the speaker registry and the actors (file contents, or the proposed list),
  and the options of the per-article stage.

So adding articles recomputes only the new ones; editing a lexicon, the registry, the actors or the
code recomputes everything (the per-article key changes); nothing stale is ever reused.  The cache
is one SQLite file in a hidden folder inside the results folder (``<results>/.cache/``, carried
over when a run replaces the folder; see :func:`analysis.pipeline.cache_dir`), never inside the corpus, which is only read.  Entries of
other runs' keys are dropped after a successful run, so the cache holds one run's results.
Delete the folder at any time, or run with ``--no-cache``.
"""
from __future__ import annotations

import hashlib
import json
import logging
import pickle
import sqlite3
import zlib
from functools import lru_cache
from pathlib import Path

from . import __version__

log = logging.getLogger(__name__)

__all__ = ["ResultCache", "method_fingerprint", "code_fingerprint", "article_key"]

_PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 over the package version, every ``analysis`` module and every shipped method-data file."""
    h = hashlib.sha256(__version__.encode())
    files = sorted(p for p in _PKG.rglob("*") if p.is_file() and p.suffix in (
        ".py", ".yaml", ".yml", ".csv", ".txt", ".json", ".tsv", ".pkl", ".joblib", ".npz", ".gz")
        and "__pycache__" not in p.parts)
    for p in files:
        h.update(p.relative_to(_PKG).as_posix().encode())
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def _file_digest(path) -> str:
    if not path:
        return ""
    p = Path(path)
    return hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else f"missing:{p}"


def method_fingerprint(spec) -> str:
    """16 hex digits identifying the code, method data and options of a run (:class:`~analysis.stages.RunSpec`)."""
    h = hashlib.sha256(code_fingerprint().encode())
    for p in sorted(set(spec.lexicon_paths) | set(getattr(spec, "lexicon_files", ()))):
        h.update(b"lexicon:" + _file_digest(p).encode())
    h.update(b"registry:" + _file_digest(spec.registry_path).encode())
    actors = spec.actors
    if actors is not None:
        if getattr(actors, "path", None):
            h.update(b"actors:" + _file_digest(actors.path).encode())
        h.update(json.dumps([[a.name, list(a.aliases), a.type, a.side] for a in actors], sort_keys=True).encode())
    h.update(json.dumps({k: v for k, v in vars(spec).items()
                         if k not in ("lexicon_paths", "lexicon_files", "corpus_path", "registry_path", "actors")},
                        sort_keys=True, default=str).encode())
    return h.hexdigest()[:16]


def article_key(article, run_key: str) -> str:
    """The cache key of ``article`` in a run: its text and metadata hash plus the run's fingerprint."""
    h = hashlib.sha256(run_key.encode())
    h.update(article.id.encode())
    h.update((article.sha256 or hashlib.sha256(article.raw.encode("utf-8")).hexdigest()).encode())
    h.update(json.dumps({k: f.as_dict() for k, f in sorted(article.fields.items())}, sort_keys=True).encode())
    h.update(json.dumps(sorted(getattr(article, "boilerplate", ()) or ()), default=str).encode())  # cleaning input
    h.update(json.dumps(getattr(article, "extra", {}) or {}, sort_keys=True, default=str).encode())  # import flags
    return h.hexdigest()


class ResultCache:
    """A SQLite store of per-article results keyed by :func:`article_key` (used by the parent process only)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.run_key = ""
        self._db = None
        self.hits = self.misses = 0
        self.keys: dict[str, str] = {}  # article id -> its key in this run (for the text-reuse pair cache)
        self._pairs_used: set[str] = set()  # text-reuse pair keys used by this run, not yet in the ``used`` table
        self._used_table = False

    def open(self, spec) -> None:
        self.run_key = method_fingerprint(spec)
        self.keys = {}
        self._used_table = False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.folder / "results.sqlite")
            self._db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, run TEXT, blob BLOB)")
            self._db.execute("CREATE TABLE IF NOT EXISTS pairs (key TEXT PRIMARY KEY, run TEXT, blob BLOB)")
            # what a cached article needs when its tables are written as before: row, text, sketch, CSV rows
            self._db.execute("CREATE TABLE IF NOT EXISTS rendered (key TEXT PRIMARY KEY, run TEXT, blob BLOB)")
        except (OSError, sqlite3.Error) as exc:  # an unwritable place: run without a cache
            log.warning("result cache unavailable (%s); every article is computed", exc)
            self._db = None

    def key(self, article) -> str:
        """:func:`article_key` of ``article`` in this run (computed once per article and run)."""
        key = self.keys.get(article.id)
        if key is None:
            key = self.keys[article.id] = article_key(article, self.run_key)
        return key

    def get_many(self, articles) -> dict:
        """``{article id: cached result}`` for those of ``articles`` that have one (a few queries for all)."""
        if self._db is None or not articles:
            return {}
        keys = {self.key(a): a for a in articles}
        marks = ",".join("?" * len(keys))
        have = {k for (k,) in self._db.execute(f"SELECT key FROM results WHERE key IN ({marks})", list(keys))}
        light = dict(self._db.execute(f"SELECT key, blob FROM rendered WHERE key IN ({marks})", list(keys))) \
            if have else {}
        out = {}
        for key, a in keys.items():
            if key not in have:
                self.misses += 1
                continue
            result = None
            if key in light:
                try:
                    result = self._lighten(light[key], key)
                    self.hits += 1
                except Exception:  # a damaged entry: read the whole result (get counts it)
                    result = None
            if result is None:
                result = self.get(a)
            if result is not None:
                out[a.id] = result
        return out

    def get(self, article):
        if self._db is None:
            return None
        key = self.key(article)
        light = self._db.execute("SELECT blob FROM rendered WHERE key = ?", (key,)).fetchone()
        if light is not None:
            try:
                result = self._light(light[0], key)
            except Exception:  # a damaged entry: read the whole result below
                result = None
            if result is not None:
                self.hits += 1
                return result
        row = self._db.execute("SELECT blob FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        try:
            result = pickle.loads(zlib.decompress(row[0]))
        except Exception:  # a damaged entry is recomputed
            self.misses += 1
            return None
        self.hits += 1
        return result

    def count_missing(self, articles) -> int:
        """How many of ``articles`` have no cached result in this run (keys only; nothing is unpickled)."""
        return len(self.missing(articles))

    def missing(self, articles) -> list:
        """The ``articles`` that have no cached result in this run, in their order (keys only)."""
        if self._db is None:
            return list(articles)
        keys = [self.key(a) for a in articles]
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            batch = keys[i:i + 500]
            marks = ",".join("?" * len(batch))
            found.update(k for (k,) in self._db.execute(f"SELECT key FROM results WHERE key IN ({marks})", batch))
        return [a for a, k in zip(articles, keys) if k not in found]

    def put(self, article, result) -> None:
        if self._db is None:
            return
        blob = zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1)
        key = self.key(article)
        self._db.execute("INSERT OR REPLACE INTO results (key, run, blob) VALUES (?, ?, ?)", (key, self.run_key, blob))

    def put_blobs(self, article, tables: bytes, rendered: bytes | None) -> None:
        """Store a result whose entries were pickled and compressed elsewhere (by a worker): ``tables`` as
        :meth:`put` stores the result, ``rendered`` as :meth:`put_rendered` stores its CSV rows."""
        if self._db is None:
            return
        key = self.key(article)
        self._db.execute("INSERT OR REPLACE INTO results (key, run, blob) VALUES (?, ?, ?)", (key, self.run_key, tables))
        if rendered is not None:
            self._db.execute("INSERT OR REPLACE INTO rendered (key, run, blob) VALUES (?, ?, ?)",
                             (key, self.run_key, rendered))

    def _light(self, blob: bytes, key: str):
        """A cached result from its rendered entry; its tables are read from ``results`` only if asked for."""
        if self._db.execute("SELECT 1 FROM results WHERE key = ?", (key,)).fetchone() is None:
            return None
        return self._lighten(blob, key)

    def _lighten(self, blob: bytes, key: str):
        """:meth:`_light` once the ``results`` entry is known to exist."""
        from .stages import ArticleResult

        d = pickle.loads(zlib.decompress(blob))
        r = ArticleResult(d["article_id"], row=d["row"], text=d["text"], private=d["private"])
        r.csv = d["csv"]
        db = self._db

        def tables():
            got = db.execute("SELECT blob FROM results WHERE key = ?", (key,)).fetchone()
            return pickle.loads(zlib.decompress(got[0])).packed_tables()
        r._loader = tables
        return r

    def put_rendered(self, result) -> None:
        """Store the CSV rows of a result written by the pipeline (after its chunk is written)."""
        key = self.keys.get(result.article_id)
        if self._db is None or key is None or not result.csv:
            return
        d = {"article_id": result.article_id, "row": result.row, "text": result.text, "private": result.private,
             "csv": result.csv}
        blob = zlib.compress(pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self._db.execute("INSERT OR REPLACE INTO rendered (key, run, blob) VALUES (?, ?, ?)", (key, self.run_key, blob))

    # text reuse: the passages of a pair of articles depend only on their two texts and the windows compared
    def pair_key(self, a: str, b: str, windows) -> str | None:
        """The key of the passages of articles ``a`` and ``b`` compared over ``windows`` (None: not cacheable)."""
        if self._db is None or a not in self.keys or b not in self.keys:
            return None
        h = hashlib.sha256(self.run_key.encode())
        for part in (self.keys[a], self.keys[b], json.dumps(sorted(windows))):
            h.update(b"\0" + part.encode())
        return h.hexdigest()

    def get_pair(self, key: str | None):
        """The cached passage rows of a pair (a list of dicts, maybe empty), or None."""
        if key is None or self._db is None:
            return None
        row = self._db.execute("SELECT blob FROM pairs WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            rows = pickle.loads(zlib.decompress(row[0]))
        except Exception:
            return None
        self._use_pair(key)
        return rows

    def get_pairs(self, keys) -> dict:
        """``{key: cached passage rows}`` of the pairs of ``keys`` that have an entry (as :meth:`get_pair`)."""
        keys = [k for k in keys if k is not None]
        out = {}
        if self._db is None:
            return out
        for i in range(0, len(keys), 500):
            batch = keys[i:i + 500]
            marks = ",".join("?" * len(batch))
            for key, blob in self._db.execute(f"SELECT key, blob FROM pairs WHERE key IN ({marks})", batch):
                try:
                    out[key] = pickle.loads(zlib.decompress(blob))
                except Exception:
                    continue
                self._use_pair(key)
        return out

    def put_pair(self, key: str | None, rows: list[dict]) -> None:
        if key is None or self._db is None:
            return
        blob = zlib.compress(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self._db.execute("INSERT OR REPLACE INTO pairs (key, run, blob) VALUES (?, ?, ?)", (key, self.run_key, blob))
        self._use_pair(key)

    USED_BATCH = 100_000

    def _use_pair(self, key: str) -> None:
        """Remember that this run used pair ``key`` (kept at :meth:`close`); millions of pair keys go to a
        temporary table of the database, 100,000 at a time, instead of staying in memory."""
        self._pairs_used.add(key)
        if len(self._pairs_used) >= self.USED_BATCH:
            self._flush_used()

    def _flush_used(self) -> None:
        if not self._used_table:
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            self._used_table = True
        self._db.executemany("INSERT OR IGNORE INTO used (key) VALUES (?)", [(k,) for k in self._pairs_used])
        self._pairs_used = set()

    def commit(self) -> None:
        if self._db is not None:
            self._db.commit()

    def abandon(self) -> None:
        """After a failure: keep what was stored, close."""
        if self._db is not None:
            try:
                self._db.commit()
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None

    def close(self) -> None:
        """After a successful run: drop other runs' entries and close."""
        if self._db is None:
            return
        self._db.execute("DELETE FROM results WHERE run != ?", (self.run_key,))
        self._db.execute("DELETE FROM rendered WHERE run != ?", (self.run_key,))
        # pairs of this run only: compared windows change as the corpus grows, and stale pairs would pile up
        self._flush_used()
        self._db.execute("DELETE FROM pairs WHERE key NOT IN (SELECT key FROM used)")
        self._db.commit()
        self._db.close()
        self._db = None
