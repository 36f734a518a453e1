"""Exact and near-duplicate articles at import: body hashes and MinHash signatures kept beside the corpus.

Method
------
*Exact duplicates* share the hash of their cleaned body (:func:`analysis.corpus.body_hash`, headline
excluded).  *Near duplicates* (lightly edited reprints: an interview republished by a second outlet
with a new introduction, a wire story with a changed headline and a few words cut) are found by the
Jaccard similarity of the articles' sets of word 3-shingles (three consecutive words of
:func:`analysis.text.words`, folded with :func:`analysis.text.fold`), estimated with MinHash (Broder
1997, "On the resemblance and containment of documents", SEQUENCES) over 128 permutations (the
values of the ``datasketch`` library's MinHash, computed in numpy), and looked up with
locality-sensitive hashing (32 bands of 4 rows; Leskovec, Rajaraman & Ullman, *Mining of Massive
Datasets*, ch. 3).  A new article whose estimated Jaccard with
an article already in the corpus (or earlier in the same batch) reaches :data:`NEAR_THRESHOLD` (0.5)
is a near duplicate: the importer records the similarity and the earlier article's id in its
metadata and warns (or drops it with ``--drop-near-duplicates``).  At 0.5 the banding finds a pair
with probability 0.87, at 0.6 with 0.99; the estimate's standard error is about 0.04.

Cost: the store is a small SQLite file, ``<corpus>/.index/dedup.sqlite`` (body hash, signature and
band keys per article).  An import looks up each new article (32 indexed band look-ups), so it costs
what is added, not what is already there; articles added to ``articles/`` by other means are indexed
the next time (:meth:`SignatureStore.sync`).  The store is a cache: deleting it only costs one
re-indexing.  Writes to it are one transaction, committed only when the import commits.
"""
from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .text import fold, words

log = logging.getLogger(__name__)

__all__ = ["NEAR_THRESHOLD", "NUM_PERM", "SHINGLE", "Match", "SignatureStore", "signature", "similarity",
           "store_path"]

NEAR_THRESHOLD = 0.5
NUM_PERM = 128
BANDS, ROWS = 32, 4
SHINGLE = 3
_SEED = 1
_SCHEMA_VERSION = "2"


def store_path(corpus_dir: str | Path) -> Path:
    """Where the duplicate store of a corpus lives (the one place that names it)."""
    return Path(corpus_dir) / ".index" / "dedup.sqlite"


def _folded_words(text: str) -> list[str]:
    """:func:`analysis.text.fold` of every word of ``text``, folded in one call when that is the same."""
    w = words(text)
    joined = fold(" ".join(w))
    out = joined.split(" ")
    # folding is per character (NFKC, a translation table, case folding), and no word starts with a
    # combining mark, so folding the words joined by spaces gives each word's fold, unless a
    # character's NFKC form itself holds a space (then the count differs): fold them one by one
    return out if len(out) == len(w) else [fold(x) for x in w]


def shingles(text: str) -> set[bytes]:
    """The set of word 3-shingles of ``text`` (the whole text when it has fewer words)."""
    w = _folded_words(text)
    if len(w) < SHINGLE:
        return {" ".join(w).encode("utf-8")} if w else set()
    return {f"{a} {b} {c}".encode("utf-8") for a, b, c in zip(w, w[1:], w[2:])}


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch 2's ``affine32`` permutations for (NUM_PERM, seed): ``a`` odd, ``b`` any, uint32."""
    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer (a bijection), as datasketch applies it before the permutations."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signature(text: str) -> np.ndarray:
    """The MinHash signature (NUM_PERM uint32 values) of ``text``'s shingles.

    The values of datasketch 2's ``MinHash(num_perm=128, seed=1)`` (scheme ``affine32``, default hash:
    the first 4 bytes of SHA-1, little-endian) updated with the shingles, computed here in numpy for
    all shingles at once (``tests/test_importers.py`` checks them against datasketch): the same
    values whatever datasketch version is installed, and no import of datasketch (and SciPy) per run.
    """
    a, b = _permutations()
    out = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    sh = list(shingles(text))
    sha1 = hashlib.sha1
    for i in range(0, len(sh), 20000):  # in chunks: a batch costs len x NUM_PERM x 4 bytes
        hv = np.frombuffer(b"".join([sha1(x).digest()[:4] for x in sh[i:i + 20000]]), dtype="<u4")
        hv = _fmix32(hv.astype(np.uint32)).reshape(-1, 1)
        out = np.minimum(out, (hv * a + b).min(axis=0))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal values)."""
    return float(np.mean(a == b))


def _band_keys(sig: np.ndarray) -> list[int]:
    out = []
    for b in range(BANDS):
        chunk = sig[b * ROWS:(b + 1) * ROWS].tobytes()
        out.append(struct.unpack("<q", hashlib.blake2b(chunk, digest_size=8).digest())[0])
    return out


@dataclass(frozen=True)
class Match:
    """The earlier article a new one duplicates (similarity 1.0 for an exact duplicate)."""

    id: str
    similarity: float
    origin: str = ""


class SignatureStore:
    """Body hashes and MinHash signatures of a corpus's articles, in ``<corpus>/.index/dedup.sqlite``."""

    def __init__(self, corpus_dir: str | Path):
        self.corpus_dir = Path(corpus_dir)
        self.path = store_path(corpus_dir)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=DELETE")
        self.db.executescript(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);"
            "CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, body_hash TEXT, origin TEXT, sig BLOB);"
            "CREATE INDEX IF NOT EXISTS articles_hash ON articles (body_hash);"
            "CREATE TABLE IF NOT EXISTS bands (band INTEGER, key INTEGER, id TEXT,"
            " PRIMARY KEY (band, key, id)) WITHOUT ROWID;"
            "CREATE TABLE IF NOT EXISTS outlets (outlet TEXT PRIMARY KEY, name TEXT, n INTEGER);"
            "CREATE TABLE IF NOT EXISTS lines (outlet TEXT, line TEXT, text TEXT, n INTEGER,"
            " PRIMARY KEY (outlet, line)) WITHOUT ROWID;")
        row = self.db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        if row is None or row[0] != f"{_SCHEMA_VERSION}/{NUM_PERM}/{SHINGLE}":
            self.db.executescript("DELETE FROM articles; DELETE FROM bands; DELETE FROM outlets; DELETE FROM lines;")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)",
                            (f"{_SCHEMA_VERSION}/{NUM_PERM}/{SHINGLE}",))
        self._in_tx = False

    # -- transactions -------------------------------------------------------------------------------------
    def begin(self) -> None:
        if not self._in_tx:
            self.db.execute("BEGIN")
            self._in_tx = True

    def commit(self) -> None:
        if self._in_tx:
            self.db.execute("COMMIT")
            self._in_tx = False

    def rollback(self) -> None:
        if self._in_tx:
            self.db.execute("ROLLBACK")
            self._in_tx = False

    def close(self) -> None:
        self.rollback()
        self.db.close()

    # -- content ------------------------------------------------------------------------------------------
    def ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM articles")}

    def sync(self) -> int:
        """Index the corpus articles the store does not know and forget vanished ones; return how many changed."""
        from .corpus import read_article

        folder = self.corpus_dir / "articles"
        # the names only (os.listdir: about 7 times faster than Path.glob on 100,000 files)
        names = [n for n in os.listdir(folder) if n.endswith(".yaml") and not n.startswith(".")] \
            if folder.is_dir() else []
        on_disk = {n[:-5]: n for n in names}
        known = self.ids()
        missing = [folder / on_disk[i] for i in sorted(set(on_disk) - known)]
        gone = known - set(on_disk)
        if not missing and not gone:
            return 0
        self.begin()
        try:
            if gone:  # line counts cannot be taken back article by article: recount them all
                for i in gone:
                    self.db.execute("DELETE FROM articles WHERE id=?", (i,))
                    self.db.execute("DELETE FROM bands WHERE id=?", (i,))
                self.db.execute("DELETE FROM outlets")
                self.db.execute("DELETE FROM lines")
                self.db.execute("DELETE FROM articles")
                self.db.execute("DELETE FROM bands")
                missing = [folder / on_disk[i] for i in sorted(on_disk)]
            for meta_path in missing:
                art = read_article(meta_path)
                self.add(art.id, art.body_hash, signature(art.cleaned.body or art.text),
                         origin=art.meta.get("source") or "")
                self.count_lines(art.meta.get("outlet"), art.raw)
            self.commit()
        except BaseException:
            self.rollback()
            raise
        if missing:
            log.info("indexed %d article(s) for duplicate detection", len(missing))
        return len(missing) + len(gone)

    def add(self, art_id: str, body_hash: str, sig: np.ndarray, *, origin: str = "") -> None:
        self.begin()
        self.db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?)",
                        (art_id, body_hash, origin, sig.astype(np.uint32).tobytes()))
        self.db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?, ?)",
                            [(b, k, art_id) for b, k in enumerate(_band_keys(sig))])

    def count_lines(self, outlet: str | None, raw: str, *, lines: dict | None = None) -> None:
        """Count the distinct lines of one article of ``outlet`` (boilerplate learning); ``lines`` is
        ``lines_of(raw)`` when already known."""
        from .boilerplate import lines_of, outlet_key

        key = outlet_key(outlet)
        if key is None:
            return
        self.begin()
        self.db.execute("INSERT INTO outlets VALUES (?, ?, 1) ON CONFLICT(outlet) DO UPDATE SET n = n + 1",
                        (key, outlet))
        self.db.executemany("INSERT INTO lines VALUES (?, ?, ?, 1) ON CONFLICT(outlet, line) DO UPDATE SET n = n + 1",
                            [(key, norm, text) for norm, text in (lines if lines is not None else lines_of(raw)).items()])

    def boilerplate(self, outlets: set[str], *, min_articles: int, min_share: float) -> dict[str, dict]:
        """outlet name -> {"articles": n, "lines": [{"text", "articles"}]} for the outlets (names) given."""
        from .boilerplate import outlet_key

        out: dict[str, dict] = {}
        for name in sorted(o for o in outlets if outlet_key(o)):
            row = self.db.execute("SELECT name, n FROM outlets WHERE outlet=?", (outlet_key(name),)).fetchone()
            if row is None:
                continue
            display, total = row
            lines = [{"text": t, "articles": n} for t, n in self.db.execute(
                "SELECT text, n FROM lines WHERE outlet=? AND n >= ? AND n >= ? ORDER BY n DESC, text",
                (outlet_key(name), min_articles, min_share * total))]
            out[display] = {"articles": total, "lines": lines}
        return out

    def exact(self, body_hash: str) -> Match | None:
        row = self.db.execute("SELECT id, origin FROM articles WHERE body_hash=? LIMIT 1", (body_hash,)).fetchone()
        return Match(row[0], 1.0, row[1] or "") if row else None

    def near(self, sig: np.ndarray, *, threshold: float = NEAR_THRESHOLD) -> Match | None:
        """The most similar indexed article at or above ``threshold`` (ties: the smaller id)."""
        cands: set[str] = set()
        for b, k in enumerate(_band_keys(sig)):
            cands.update(r[0] for r in self.db.execute("SELECT id FROM bands WHERE band=? AND key=?", (b, k)))
        best: Match | None = None
        for cid in sorted(cands):
            row = self.db.execute("SELECT sig, origin FROM articles WHERE id=?", (cid,)).fetchone()
            if row is None:
                continue
            s = similarity(sig, np.frombuffer(row[0], dtype=np.uint32))
            if s >= threshold and (best is None or s > best.similarity):
                best = Match(cid, round(s, 3), row[1] or "")
        return best
