"""Per-article result cache: re-analysing a corpus recomputes only the articles whose result can change.

Method
------
Each article's partial results (:class:`analysis.stages.ArticleResult`) are stored under a key that
hashes everything its result depends on:

* the article: its raw text's SHA-256, its id, every metadata value with status and evidence, the
  import record (flags) and the boilerplate lines learned for its outlet (they change its cleaning);
* the run (:func:`method_fingerprint`): the package version, the source of every module of the
  ``analysis`` package and every method-data file shipped with it (lexicons, word lists, models),
  the extra lexicon files, the speaker registry, and the options of the per-article stage;
* the actors *that can occur in the article*: an actor's mentions and their stance
  (``actor_mentions``, ``portrayal``) are the only results that depend on the actor list, and an
  alias can match only where each of its words with a capital letter or digit is a word of the text
  (aliases are matched case-sensitively as whole words, :class:`analysis.actors.Matcher`).  The
  article's words with a capital (:func:`name_words`) are stored with its first result, so a later
  run keys the article by the actors whose aliases it could hold, in list order.

So adding articles recomputes only the new ones, even when the actors are proposed from the corpus
(a larger corpus proposes a slightly different list: only the articles that could mention an actor
that came or went are recomputed); editing an actor recomputes the articles that could mention it;
editing a lexicon, the registry or the code recomputes everything; nothing stale is ever reused.  The cache
is one SQLite file in a hidden folder inside the results folder (``<results>/.cache/``, carried
over when a run replaces the folder; see :func:`analysis.pipeline.cache_dir`), never inside the corpus, which is only read.  Entries of
other runs, and of articles no longer in the corpus, are dropped after a successful run, so the cache
holds one run's results.
Delete the folder at any time, or run with ``--no-cache``.
"""
from __future__ import annotations

import hashlib
import json
import logging
import pickle
import re
import sqlite3
import zlib
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from . import __version__

log = logging.getLogger(__name__)

__all__ = ["ResultCache", "method_fingerprint", "code_fingerprint", "article_key", "name_words", "ActorKeys"]

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


def method_fingerprint(spec, *, actors: bool = True) -> str:
    """16 hex digits identifying the code, method data and options of a run (:class:`~analysis.stages.RunSpec`);
    without ``actors``, everything but the actor list (the result cache keys articles by their own actors)."""
    h = hashlib.sha256(code_fingerprint().encode())
    for p in sorted(set(spec.lexicon_paths) | set(getattr(spec, "lexicon_files", ()))):
        h.update(b"lexicon:" + _file_digest(p).encode())
    h.update(b"registry:" + _file_digest(spec.registry_path).encode())
    actors = spec.actors if actors else None
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


_WORD_RUN = re.compile(r"\w+")  # as analysis.actors.Matcher reads the words of a text and of an alias


def _named(run: str) -> bool:
    return run != run.lower() or run.isdigit()


def name_words(text: str) -> set[str]:
    """The distinct words (``\\w+`` runs) of ``text`` that hold a capital letter or are digits: an actor alias
    can match the text only if each of its own such words is among them (:class:`ActorKeys`)."""
    return {w for w in _WORD_RUN.findall(text) if _named(w)}


class ActorKeys:
    """Which actors of a list could be mentioned in a text, as a short signature for the cache key.

    An alias is matched case-sensitively as a whole word (:class:`analysis.actors.Matcher`), so each of its
    ``\\w+`` runs is a run of the text where it matches; the runs with a capital letter or digits are
    checked (:func:`name_words`), the others assumed present.  The signature lists the actors that pass, in
    list order where two actors share an alias (the first one's mentions win), else sorted, so it changes
    only when an actor the text could mention is added, removed or edited.
    """

    def __init__(self, actors):
        self.actors = list(actors or ())
        self.always: list[int] = []  # actors with an alias of lowercase words only: in every signature
        self.first: dict[str, list[tuple[int, frozenset]]] = defaultdict(list)
        for i, a in enumerate(self.actors):
            for alias in a.aliases:
                named = frozenset(w for w in _WORD_RUN.findall(alias) if _named(w))
                if not named:
                    self.always.append(i)
                    break
                self.first[min(named)].append((i, named))
        self.rows = [json.dumps([a.name, list(a.aliases), a.type, a.side]) for a in self.actors]
        aliases = [al for a in self.actors for al in dict.fromkeys(a.aliases)]
        # no alias shared by two actors: the order of the list changes no mention (a proposed list is ordered
        # by frequency, which a few more articles reshuffle)
        self.ordered = len(aliases) != len(set(aliases))

    def signature(self, words: set[str]) -> str:
        found = set(self.always)
        for w in words & self.first.keys():
            for i, named in self.first[w]:
                if i not in found and named <= words:
                    found.add(i)
        rows = [self.rows[i] for i in sorted(found)]
        return "[" + ",".join(rows if self.ordered else sorted(rows)) + "]"


class ResultCache:
    """A SQLite store of per-article results keyed by :func:`article_key` (used by the parent process only)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.run_key = ""
        self._db = None
        self.hits = self.misses = 0
        self.keys: dict[str, str] = {}  # article id -> its key in this run
        self.base: dict[str, str] = {}  # article id -> its key without the actors (text reuse, name words)
        self.actor_keys: ActorKeys | None = None
        self._pairs_used: set[str] = set()  # text-reuse pair keys used by this run, not yet in the ``used`` table
        self._used_table = False

    def open(self, spec) -> None:
        self.run_key = method_fingerprint(spec, actors=False)
        self.actor_keys = ActorKeys(spec.actors) if spec.actors is not None else None
        self.keys, self.base = {}, {}
        self._used_table = False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.folder / "results.sqlite")
            self._db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, run TEXT, blob BLOB)")
            self._db.execute("CREATE TABLE IF NOT EXISTS pairs (key TEXT PRIMARY KEY, run TEXT, blob BLOB)")
            # what a cached article needs when its tables are written as before: row, text, sketch, CSV rows
            self._db.execute("CREATE TABLE IF NOT EXISTS rendered (key TEXT PRIMARY KEY, run TEXT, blob BLOB)")
            # each article's words with a capital (name_words), under its key without the actors
            self._db.execute("CREATE TABLE IF NOT EXISTS names (key TEXT PRIMARY KEY, blob BLOB)")
            # each article's candidate actor names and lowercase word counts (analysis.actors.name_stats)
            self._db.execute("CREATE TABLE IF NOT EXISTS stats (key TEXT PRIMARY KEY, blob BLOB)")
        except (OSError, sqlite3.Error) as exc:  # an unwritable place: run without a cache
            log.warning("result cache unavailable (%s); every article is computed", exc)
            self._db = None

    def use_actors(self, actors) -> None:
        """Key this run's articles by the actors of ``actors`` they could mention (an
        :class:`~analysis.actors.ActorList`; None: the run has none): for a run opened before its actors
        were known (they are proposed from the corpus with :meth:`name_stats`)."""
        self.actor_keys = ActorKeys(actors) if actors is not None else None
        self.keys = {}

    def name_stats(self, articles):
        """Yield ``(article id, names, lower)`` (:func:`analysis.actors.name_stats`) for each of ``articles`` in
        order: stored ones from the cache, the others computed from the text (which is then forgotten) and
        stored.  Proposing actors for a re-run then reads no text but the new articles'."""
        from .actors import name_stats

        articles = list(articles)
        for i in range(0, len(articles), 500):
            batch = articles[i:i + 500]
            self._resolve_base(batch)
            found = {}
            if self._db is not None:
                keys = [self.base[a.id] for a in batch]
                marks = ",".join("?" * len(keys))
                for key, blob in self._db.execute(f"SELECT key, blob FROM stats WHERE key IN ({marks})", keys):
                    try:
                        found[key] = pickle.loads(zlib.decompress(blob))
                    except Exception:  # a damaged entry: computed again
                        continue
            for a in batch:
                base = self.base[a.id]
                got = found.pop(base, None)
                if got is None:
                    got = name_stats(a.text)
                    if hasattr(a, "release"):
                        a.release()
                    if self._db is not None:
                        self._db.execute("INSERT OR REPLACE INTO stats (key, blob) VALUES (?, ?)",
                                         (base, zlib.compress(pickle.dumps(got, protocol=pickle.HIGHEST_PROTOCOL), 1)))
                yield (a.id, *got)

    def _resolve_base(self, articles) -> None:
        for a in articles:
            if a.id not in self.base:
                self.base[a.id] = article_key(a, self.run_key)

    def _full(self, base: str, words: set[str]) -> str:
        return hashlib.sha256(f"{base}\0{self.actor_keys.signature(words)}".encode()).hexdigest()

    def _resolve(self, articles) -> None:
        """Compute the keys of ``articles`` not yet keyed (their name words read in batches of 500)."""
        todo = [a for a in articles if a.id not in self.keys]
        self._resolve_base(todo)
        if self.actor_keys is None:
            for a in todo:
                self.keys[a.id] = self.base[a.id]
            return
        if self._db is None:
            return
        for i in range(0, len(todo), 500):
            batch = {self.base[a.id]: a for a in todo[i:i + 500]}
            marks = ",".join("?" * len(batch))
            for base, blob in self._db.execute(f"SELECT key, blob FROM names WHERE key IN ({marks})", list(batch)):
                try:
                    words = set(zlib.decompress(blob).decode("utf-8").split("\n")) - {""}
                except Exception:  # a damaged entry: the article is computed again
                    continue
                self.keys[batch[base].id] = self._full(base, words)

    def key(self, article) -> str | None:
        """The key of ``article`` in this run (computed once per article and run); None while its name words
        are not known (it has never been analysed with this code and options: it is computed)."""
        self._resolve([article])
        return self.keys.get(article.id)

    def learn(self, article, text: str) -> str:
        """Key ``article`` by its analysed (cleaned) ``text`` and store its name words; returns the key."""
        self._resolve([article])
        base = self.base[article.id]
        if self.actor_keys is not None:
            words = name_words(text)
            if self._db is not None:
                blob = zlib.compress("\n".join(sorted(words)).encode("utf-8"), 1)
                self._db.execute("INSERT OR REPLACE INTO names (key, blob) VALUES (?, ?)", (base, blob))
            self.keys[article.id] = self._full(base, words)
        return self.keys[article.id]

    def get_many(self, articles) -> dict:
        """``{article id: cached result}`` for those of ``articles`` that have one (a few queries for all)."""
        if self._db is None or not articles:
            return {}
        self._resolve(articles)
        self.misses += sum(1 for a in articles if a.id not in self.keys)
        keys = {self.keys[a.id]: a for a in articles if a.id in self.keys}
        if not keys:
            return {}
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
        if key is None:
            self.misses += 1
            return None
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
        articles = list(articles)
        self._resolve(articles)
        keys = [self.keys.get(a.id) for a in articles]
        known = [k for k in keys if k is not None]
        found: set[str] = set()
        for i in range(0, len(known), 500):
            batch = known[i:i + 500]
            marks = ",".join("?" * len(batch))
            found.update(k for (k,) in self._db.execute(f"SELECT key FROM results WHERE key IN ({marks})", batch))
        return [a for a, k in zip(articles, keys) if k not in found]

    def put(self, article, result) -> None:
        """Store ``result`` (an :class:`~analysis.stages.ArticleResult`: its ``text`` keys it, :meth:`learn`)."""
        key = self.learn(article, result.text)
        if self._db is None:
            return
        blob = zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self._db.execute("INSERT OR REPLACE INTO results (key, run, blob) VALUES (?, ?, ?)", (key, self.run_key, blob))

    def put_blobs(self, article, tables: bytes, rendered: bytes | None, *, text: str) -> None:
        """Store a result whose entries were pickled and compressed elsewhere (by a worker): ``tables`` as
        :meth:`put` stores the result, ``rendered`` as :meth:`put_rendered` stores its CSV rows; ``text``
        (the analysed text) keys it (:meth:`learn`)."""
        key = self.learn(article, text)
        if self._db is None:
            return
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
        if self._db is None or a not in self.base or b not in self.base:
            return None
        h = hashlib.sha256(self.run_key.encode())
        for part in (self.base[a], self.base[b], json.dumps(sorted(windows))):
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
        """After a successful run: drop the entries of other runs and of articles no longer in the corpus
        (every key of this run's articles is kept), and close."""
        if self._db is None:
            return
        self._db.execute("CREATE TEMP TABLE current (key TEXT PRIMARY KEY)")
        self._db.executemany("INSERT OR IGNORE INTO current (key) VALUES (?)", [(k,) for k in self.keys.values()])
        self._db.execute("DELETE FROM results WHERE run != ? OR key NOT IN (SELECT key FROM current)", (self.run_key,))
        self._db.execute("DELETE FROM rendered WHERE run != ? OR key NOT IN (SELECT key FROM current)", (self.run_key,))
        self._db.execute("DELETE FROM current")
        self._db.executemany("INSERT OR IGNORE INTO current (key) VALUES (?)", [(k,) for k in self.base.values()])
        self._db.execute("DELETE FROM names WHERE key NOT IN (SELECT key FROM current)")
        self._db.execute("DELETE FROM stats WHERE key NOT IN (SELECT key FROM current)")
        # pairs of this run only: compared windows change as the corpus grows, and stale pairs would pile up
        self._flush_used()
        self._db.execute("DELETE FROM pairs WHERE key NOT IN (SELECT key FROM used)")
        self._db.commit()
        self._db.close()
        self._db = None
