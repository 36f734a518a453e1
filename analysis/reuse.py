"""Text reuse between articles: shared passages and pairwise containment.

Method
------
Each cleaned article text is split into words (:data:`analysis.text.WORD_RE`)
that are normalised for comparison (Unicode NFKC, case-folded, typographic
apostrophes and dashes unified); the character offsets of every word in the
cleaned text are kept.  A *shingle* is a run of ``n`` consecutive normalised
words (Broder 1997, "On the resemblance and containment of documents",
*Compression and Complexity of Sequences*, IEEE, pp. 21–29).

*Shared passages* follow the seed-and-extend approach of Smith, Cordell &
Mullen (2015, "Computational methods for uncovering reprinted texts in
antebellum newspapers", *American Literary History* 27(3):E1–E15): every
shingle that occurs in two articles is a seed; seeds on the same diagonal
(consecutive positions in both texts) merge into an exact run, and runs that
follow each other in *both* texts with at most ``max_gap`` unmatched words
between them merge into one passage, so a talking point reused with a few
words changed ("closer, warmer, more sincere, and friendlier relations" /
"closer or friendlier ties") is reported once, as one passage.  A passage is
kept when at least ``min_words`` of its words are covered by exact shared
shingles.  Offsets (``a_start``/``a_end``, ``b_start``/``b_end``) are
character offsets into each article's cleaned text, so
``text_a[a_start:a_end]`` is the passage as printed in article A.

*Containment* of A in B is ``|S(A) ∩ S(B)| / |S(A)|`` over the sets of
shingles; *resemblance* is the Jaccard coefficient ``|S(A) ∩ S(B)| / |S(A) ∪
S(B)|`` (Broder 1997).  Containment is asymmetric: a short piece wholly
reprinted inside a long one has containment 1 in it, but not the reverse.

Limits
------
Shared passages show that two texts share wording, not who copied whom, nor
whether both quote a third source (a press release, an interview): read the
passages.  Formulaic phrases of the genre ("the two countries") are too short
to pass ``min_words`` with the defaults but can join a passage through the
gap rule when they sit next to a real match.  Paraphrase without shared
word runs is not detected.  Very common shingles (present in more than
``max_df`` of the articles) are ignored as boilerplate when the corpus has at
least ten articles.
"""
from __future__ import annotations

import hashlib
import logging
import sys
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from .text import WORD_RE, fold

log = logging.getLogger(__name__)

__all__ = ["PASSAGE_COLUMNS", "Tokens", "tokens", "shingles", "shared_passages", "reuse_matrix", "reuse_pairs",
           "article_texts", "Sketch", "sketch", "candidate_pairs", "candidates", "Candidates", "align", "find_passages", "packed_tokens",
           "StoredTokens", "word_hashes"]

#: Columns of :func:`shared_passages`.
PASSAGE_COLUMNS = ["article_a", "article_b", "text", "a_start", "a_end", "b_start", "b_end", "words",
                   "matched_words", "b_text"]

_norm = fold  # compare words with quotes, dashes, case and Unicode forms folded


@dataclass(frozen=True)
class Tokens:
    """Normalised words of a text with their (start, end) character offsets."""

    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


#: Distinct words remembered by the memo tables of folded words and word hashes (each cleared when full):
#: about 130 and 80 bytes a word (measured), so at most about 9 + 5 MB in every process (was 500,000:
#: the tables then grew with the corpus's vocabulary up to about 100 MB in every worker).
_MEMO = 65_536
_folded: dict[str, str] = {}


def _fold_word(w: str) -> str:
    f = _folded.get(w)
    if f is None:
        if len(_folded) > _MEMO:  # bounded memory in long runs
            _folded.clear()
        f = _folded[w] = sys.intern(_norm(w))
    return f


def tokens(text: str) -> Tokens:
    """Normalised words of ``text`` and their offsets."""
    ms = list(WORD_RE.finditer(text))
    return Tokens(tuple(_fold_word(m.group()) for m in ms), tuple(m.span() for m in ms))


def shingles(words: tuple[str, ...] | list[str], n: int) -> list[tuple[str, ...]]:
    """The ``n``-word shingles of ``words`` in order (one per start position)."""
    return [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]


def article_texts(articles) -> dict[str, str]:
    """``{article_id: cleaned text}`` from a corpus, Article objects, a mapping or a DataFrame.

    Accepted: an iterable of objects with ``.id`` and ``.text`` (a
    :class:`analysis.corpus.Corpus`), a mapping of id to text, or a DataFrame
    with ``article_id`` and ``text`` columns.
    """
    if isinstance(articles, pd.DataFrame):
        return {str(i): str(t) for i, t in zip(articles["article_id"], articles["text"])}
    if isinstance(articles, Mapping):
        return {str(k): str(v) for k, v in articles.items()}
    return {str(a.id): str(a.text) for a in articles}


def _runs(pairs: list[tuple[int, int]], n: int) -> list[list[int]]:
    """Merge seed position pairs on the same diagonal into runs [a0, a1, b0, b1) in words."""
    by_diag: dict[int, list[int]] = defaultdict(list)
    for i, j in pairs:
        by_diag[j - i].append(i)
    runs = []
    for d, starts in by_diag.items():
        starts.sort()
        s = prev = starts[0]
        for i in starts[1:]:
            if i > prev + 1:
                runs.append([s, prev + n, s + d, prev + n + d])
                s = i
            prev = i
        runs.append([s, prev + n, s + d, prev + n + d])
    runs.sort(key=lambda r: (r[0], r[2]))
    return runs


_LOOKBACK = 256  # passages a run may extend: bounds the chaining cost when two texts share thousands


def _chain(runs: list[list[int]], max_gap: int) -> list[tuple[int, int, int, int, int]]:
    """Chain runs that follow each other in both texts; return (a0, a1, b0, b1, matched_words)."""
    passages: list[list] = []  # [a0, a1, b0, b1, covered_a_positions:set]
    for a0, a1, b0, b1 in runs:
        best = None
        for p in passages[-_LOOKBACK:]:  # runs come sorted by position: only recent passages can be near
            ga, gb = a0 - p[1], b0 - p[3]
            if a0 >= p[0] and b0 >= p[2] and -(a1 - a0) < ga <= max_gap and -(b1 - b0) < gb <= max_gap:
                if best is None or ga + gb < best[0]:
                    best = (ga + gb, p)
        if best is not None:
            p = best[1]
            p[1], p[3] = max(p[1], a1), max(p[3], b1)
            p[4].update(range(a0, a1))
        else:
            passages.append([a0, a1, b0, b1, set(range(a0, a1))])
    return [(p[0], p[1], p[2], p[3], len(p[4])) for p in passages]


# ------------------------------------------------------------------------------------- sketches and candidates
_MULT = np.uint64(1099511628211)  # FNV-1a prime: mixes word hashes into a shingle hash (mod 2**64)
_word_hashes: dict[str, int] = {}


def _word_hash(w: str) -> int:
    h = _word_hashes.get(w)
    if h is None:
        if len(_word_hashes) > _MEMO:  # bounded memory in long-lived workers
            _word_hashes.clear()
        h = _word_hashes[w] = int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little")
    return h


def word_hashes(words: Sequence[str]) -> np.ndarray:
    """64-bit hashes of the (normalised) ``words``, deterministic."""
    return np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))


def shingle_hashes(words: Sequence[str], n: int, *, hashed: np.ndarray | None = None) -> np.ndarray:
    """64-bit hashes of the ``n``-word shingles of ``words`` (one per start position), deterministic
    (``hashed``: the :func:`word_hashes` of ``words``, if known)."""
    if len(words) < n:
        return np.zeros(0, dtype=np.uint64)
    wh = word_hashes(words) if hashed is None else hashed
    h = np.zeros(len(words) - n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            h = h * _MULT + wh[k:len(words) - n + 1 + k]
    return h


def winnow(h: np.ndarray, w: int) -> np.ndarray:
    """Distinct fingerprints of ``h`` by winnowing with window ``w`` (Schleimer, Wilkerson & Aiken 2003).

    Any run of ``w`` consecutive shingles shared by two texts yields a fingerprint found in both.
    """
    if len(h) <= w:
        return np.unique(h[np.argmin(h):][:1]) if len(h) else h
    win = np.lib.stride_tricks.sliding_window_view(h, w)
    pos = np.argmin(win, axis=1) + np.arange(len(win))
    return np.unique(h[pos])


@dataclass(frozen=True)
class Sketch:
    """What the corpus-level reuse step needs of one article: fingerprints of each window of its words."""

    words: int
    windows: tuple[np.ndarray, ...]  # winnowed shingle fingerprints of each window of ``window_words`` words


def sketch(text: str, *, n: int = 4, min_words: int = 8, window_words: int = 20_000) -> Sketch:
    """The reuse :class:`Sketch` of one cleaned text (computed per article, in the pipeline's workers)."""
    t = tokens(text)
    words = t.words
    wh = word_hashes(words)
    _remember(text, t, wh)
    h = shingle_hashes(words, n, hashed=wh)
    w = max(1, min_words - n + 1)
    wins = tuple(winnow(h[i:i + window_words], w) for i in range(0, max(len(h), 1), window_words)) if len(h) else ()
    return Sketch(len(words), wins)


#: Fingerprints grouped at a time by :func:`candidate_pairs` (about 8 bytes x 5 each in memory).
_BUCKET = 2_000_000
#: Pairs generated at a time from the fingerprints of one bucket (8 bytes x about 6 each in memory).
_PAIRS = 1_000_000
#: Pair counts kept in memory before they are written to files (16 bytes each), and article windows per file.
_SPILL = 2_000_000
_UNITS_PER_PART = 1_024
#: Default number of candidate partners an article window keeps (``max_partners``).
MAX_PARTNERS = 50


class Candidates:
    """Candidate pairs of article windows as two sorted arrays of window numbers (``x < y``), not Python tuples.

    ``units[k]`` is ``(article id, window)`` of window number ``k`` (sorted), so the pairs in ``(x, y)`` order
    are the pairs ``(id_a, window_a, id_b, window_b)`` sorted; ``dropped``: pairs left out by ``max_partners``.
    """

    def __init__(self, units: list[tuple[str, int]], x: np.ndarray, y: np.ndarray, dropped: int = 0):
        self.units, self.x, self.y, self.dropped = units, x, y, dropped

    def __len__(self) -> int:
        return len(self.x)

    def tuples(self, lo: int = 0, hi: int | None = None) -> list[tuple[str, int, str, int]]:
        """Pairs ``lo:hi`` as ``(id_a, window_a, id_b, window_b)``."""
        u = self.units
        return [(*u[x], *u[y]) for x, y in zip(self.x[lo:hi].tolist(), self.y[lo:hi].tolist())]

    def parts(self, size: int):
        """``(lo, hi)`` bounds of consecutive parts of about ``size`` pairs; the windows of two articles stay
        in one part."""
        n, lo = len(self.x), 0
        art = None
        if n > size:
            ids = {}
            art_of = np.array([ids.setdefault(a, len(ids)) for a, _ in self.units], dtype=np.int64)
            art = art_of[self.x] * (len(ids) + 1) + art_of[self.y]
        while lo < n:
            hi = min(n, lo + size)
            while art is not None and hi < n and art[hi] == art[hi - 1]:
                hi += 1
            yield lo, hi
            lo = hi


def candidate_pairs(sketches: Mapping[str, Sketch], *, max_df: float = 0.5, max_df_count: int = 500,
                    max_partners: int = MAX_PARTNERS, all_pairs_below: int = 50) -> list[tuple[str, int, str, int]]:
    """Pairs of (article, window) that share at least one fingerprint: the only pairs aligned exactly.

    Fingerprints found in more than ``max_df`` of the articles (with ten or more articles) or in more
    than ``max_df_count`` windows are boilerplate and ignored.  Each article window keeps at most
    ``max_partners`` partners, those sharing the most fingerprints (a warning names the article when
    the cap bites; a pair is kept when either of its windows keeps it).  Corpora of fewer than
    ``all_pairs_below`` articles compare all pairs of windows.
    Returns ``(id_a, window_a, id_b, window_b)`` with ``id_a < id_b``, sorted (:func:`candidates` gives
    the same pairs as arrays, in bounded memory).
    """
    return candidates(sketches, max_df=max_df, max_df_count=max_df_count, max_partners=max_partners,
                      all_pairs_below=all_pairs_below).tuples()


def _group_pairs(owner: np.ndarray, starts: np.ndarray, ends: np.ndarray):
    """Every pair ``(owner[i], owner[j])``, ``i < j``, inside each group ``[starts[k], ends[k])``, generated in
    batches of about :data:`_PAIRS` pairs (a group larger than that is one batch)."""
    sizes = ends - starts
    npairs = sizes * (sizes - 1) // 2
    cum = np.cumsum(npairs)
    g = 0
    while g < len(sizes):
        base = cum[g - 1] if g else 0
        h = max(g + 1, int(np.searchsorted(cum, base + _PAIRS, side="right")))
        s, e = starts[g:h], ends[g:h]
        # each position p of a group pairs with the positions after it in the group
        sz = e - s
        pos = np.arange(int(sz.sum())) + np.repeat(s - (np.cumsum(sz) - sz), sz)
        gend = np.repeat(e, e - s)
        cnt = gend - 1 - pos
        total = int(cnt.sum())
        left = np.repeat(pos, cnt)
        first = np.repeat(np.cumsum(cnt) - cnt, cnt)
        right = left + 1 + (np.arange(total) - first)
        yield owner[left], owner[right]
        g = h


class _Spill:
    """Directed pair counts ``(first, second, count)`` collected by ranges of ``first``, in memory and then in
    files of ``folder`` when they grow past :data:`_SPILL` entries."""

    def __init__(self, n_units: int, folder):
        self.n = n_units
        self.nparts = max(1, -(-n_units // _UNITS_PER_PART))
        self.mem: list[list[tuple[np.ndarray, np.ndarray]]] = [[] for _ in range(self.nparts)]
        self.size = 0
        self.folder, self._tmp, self.files = folder, None, 0

    def add(self, first: np.ndarray, second: np.ndarray, count: np.ndarray) -> None:
        part = first // _UNITS_PER_PART
        order = np.argsort(part, kind="stable")
        code = (first * self.n + second)[order]
        count, part = count[order], part[order]
        cuts = np.searchsorted(part, np.arange(self.nparts + 1))
        for p in range(self.nparts):
            if cuts[p] < cuts[p + 1]:
                self.mem[p].append((code[cuts[p]:cuts[p + 1]], count[cuts[p]:cuts[p + 1]]))
        self.size += len(code)
        if self.size > _SPILL:
            self._write()

    def _path(self, p: int):
        import tempfile
        from pathlib import Path

        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix=".reuse-pairs-", dir=self.folder)
        return Path(self._tmp.name) / f"{p}"

    def _write(self) -> None:
        for p, lst in enumerate(self.mem):
            if lst:
                with open(self._path(p), "ab") as fh:
                    for code, count in lst:  # records: length, codes, counts
                        fh.write(np.int64(len(code)).tobytes())
                        fh.write(np.ascontiguousarray(code, dtype=np.int64).tobytes())
                        fh.write(np.ascontiguousarray(count, dtype=np.int64).tobytes())
                self.files += 1
        self.mem = [[] for _ in range(self.nparts)]
        self.size = 0

    def part(self, p: int) -> tuple[np.ndarray, np.ndarray]:
        """The distinct codes of part ``p`` and their summed counts."""
        codes = [c for c, _ in self.mem[p]]
        counts = [k for _, k in self.mem[p]]
        if self._tmp is not None:
            path = self._path(p)
            if path.exists():
                data = np.fromfile(path, dtype=np.int64)
                i = 0
                while i < len(data):
                    n = int(data[i])
                    codes.append(data[i + 1:i + 1 + n])
                    counts.append(data[i + 1 + n:i + 1 + 2 * n])
                    i += 1 + 2 * n
        self.mem[p] = []
        if not codes:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        code, inv = np.unique(np.concatenate(codes), return_inverse=True)
        return code, np.bincount(inv, weights=np.concatenate(counts)).astype(np.int64)

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


def candidates(sketches: Mapping[str, Sketch], *, max_df: float = 0.5, max_df_count: int = 500,
               max_partners: int = MAX_PARTNERS, all_pairs_below: int = 50, folder=None) -> Candidates:
    """The pairs of :func:`candidate_pairs` as :class:`Candidates`, found in bounded memory.

    The fingerprints are grouped in buckets (by hash modulo the number of buckets) of at most about
    :data:`_BUCKET` hashes, one bucket at a time; the pairs of windows sharing a fingerprint are generated
    as arrays, :data:`_PAIRS` at a time, counted, and kept by ranges of windows, in files of ``folder`` (a
    temporary folder inside it; default: the system's) beyond :data:`_SPILL` counts; then each range of
    windows keeps its ``max_partners`` closest partners.  Memory is bounded by these constants and by the
    pairs kept (at most ``max_partners`` per window), not by the pairs that share some wording.
    """
    ids = sorted(sketches)
    units = [(aid, k) for aid in ids for k in range(len(sketches[aid].windows))]
    none = np.zeros(0, np.int64)
    if len(ids) < 2:
        return Candidates(units, none, none)
    if len(ids) < all_pairs_below:
        xy = [(x, y) for x, y in combinations(range(len(units)), 2) if units[x][0] != units[y][0]]
        return Candidates(units, np.array([x for x, _ in xy], np.int64), np.array([y for _, y in xy], np.int64))
    art_index = {aid: k for k, aid in enumerate(ids)}
    unit_art = np.array([art_index[a] for a, _ in units], dtype=np.int64)
    windows = [sketches[a].windows[k] for a, k in units]
    limit = max_df_count
    if len(ids) >= 10:
        limit = min(limit, max(2, int(max_df * len(ids))))
    total = sum(len(w) for w in windows)
    buckets = max(1, -(-total // _BUCKET))
    spill = _Spill(len(units), folder)
    dropped = 0
    try:
        for b in range(buckets):
            if buckets == 1:
                parts = windows
            else:
                nb, bb = np.uint64(buckets), np.uint64(b)
                parts = [w[w % nb == bb] for w in windows]
            lens = [len(w) for w in parts]
            hashes = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
            owner = np.repeat(np.arange(len(units), dtype=np.int64), lens)
            del parts
            order = np.argsort(hashes, kind="stable")  # stable: owners ascending within a fingerprint
            hashes, owner = hashes[order], owner[order]
            del order
            if not len(hashes):
                continue
            bounds = np.flatnonzero(np.diff(hashes)) + 1
            del hashes
            starts = np.concatenate([[0], bounds])
            ends = np.concatenate([bounds, [len(owner)]])
            sizes = ends - starts
            keep = (sizes >= 2) & (sizes <= limit)
            dropped += int((sizes > limit).sum())
            for x, y in _group_pairs(owner, starts[keep], ends[keep]):
                other = unit_art[x] != unit_art[y]
                code, count = np.unique(x[other] * len(units) + y[other], return_counts=True)
                x, y = code // len(units), code % len(units)
                spill.add(np.concatenate([x, y]), np.concatenate([y, x]), np.concatenate([count, count]))
        if dropped:
            log.info("text reuse: %d fingerprints in more than %d articles ignored as boilerplate", dropped, limit)
        kept, capped, shared = [], 0, 0
        for p in range(spill.nparts):
            code, count = spill.part(p)
            if not len(code):
                continue
            first, second = code // len(units), code % len(units)
            shared += len(code)
            order = np.lexsort((second, -count, first))  # each window's partners, most shared first
            first, second = first[order], second[order]
            starts = np.flatnonzero(np.r_[True, first[1:] != first[:-1]])
            sizes = np.diff(np.r_[starts, len(first)])
            rank = np.arange(len(first)) - np.repeat(starts, sizes)
            for s, c in zip(starts[sizes > max_partners].tolist(), sizes[sizes > max_partners].tolist()):
                log.warning("text reuse: article %s shares wording with %d others; only the %d closest are aligned",
                            units[int(first[s])][0], c, max_partners)
                capped += 1
            sel = rank < max_partners
            a, b = first[sel], second[sel]
            kept.append(np.minimum(a, b) * len(units) + np.maximum(a, b))
    finally:
        spill.close()
    code = np.unique(np.concatenate(kept)) if kept else none
    out = Candidates(units, code // len(units), code % len(units), dropped=shared // 2 - len(code))
    if capped:
        log.info("text reuse: %d article windows have more than %d candidate partners: %d of %d candidate pairs "
                 "dropped (max_partners=%d)", capped, max_partners, out.dropped, shared // 2, max_partners)
    return out


# ------------------------------------------------------------------------------- tokens kept for alignment
# The workers tokenise every text for its sketch; the exact alignment needs the same tokens again for the
# articles of candidate pairs.  So the word offsets and word hashes (16 bytes a word) are packed per article
# (:func:`packed_tokens`), written beside the results by the pipeline, and read back (:class:`StoredTokens`)
# instead of tokenising the text again.
_recent: dict[int, tuple] = {}  # id(text) -> (text, Tokens, word hashes) of the last texts sketched


def _remember(text: str, t: Tokens, wh: np.ndarray) -> None:
    if len(_recent) >= 64:
        del _recent[next(iter(_recent))]
    _recent[id(text)] = (text, t, wh)


def packed_tokens(text: str) -> bytes:
    """The word offsets and word hashes of ``text`` as bytes (for :class:`StoredTokens`)."""
    got = _recent.get(id(text))
    if got is not None and got[0] is text:
        t, wh = got[1], got[2]
    else:
        t = tokens(text)
        wh = word_hashes(t.words)
    spans = np.asarray(t.spans, dtype=np.int64).reshape(-1, 2)
    if len(spans) and spans.max() >= 2 ** 31:  # offsets beyond int32: not packed (tokenised again)
        return b""
    return np.int64(len(wh)).tobytes() + spans.astype(np.int32).tobytes() + wh.astype(np.uint64).tobytes()


class _Spans:
    """``spans[i]`` -> (start, end) of word i, as Python ints, from an (n, 2) array."""

    __slots__ = ("a",)

    def __init__(self, a: np.ndarray):
        self.a = a

    def __len__(self) -> int:
        return len(self.a)

    def __getitem__(self, i: int) -> tuple[int, int]:
        s, e = self.a[i].tolist()
        return s, e


class _Words:
    """The normalised words of a text, folded from the text at the stored offsets only when sliced."""

    __slots__ = ("text", "a")

    def __init__(self, text: str, a: np.ndarray):
        self.text, self.a = text, a

    def __len__(self) -> int:
        return len(self.a)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return tuple(_fold_word(self.text[s:e]) for s, e in self.a[k].tolist())
        s, e = self.a[k].tolist()
        return _fold_word(self.text[s:e])


class StoredTokens:
    """The :class:`Tokens` of a text rebuilt from :func:`packed_tokens` (words folded from the text when used)."""

    def __init__(self, text: str, data: bytes):
        n = int(np.frombuffer(data[:8], dtype=np.int64)[0])
        a = np.frombuffer(data[8:8 + 8 * n], dtype=np.int32).reshape(n, 2)
        self.word_hashes = np.frombuffer(data[8 + 8 * n:8 + 16 * n], dtype=np.uint64)
        self.spans = _Spans(a)
        self.words = _Words(text, a)


# ------------------------------------------------------------------------------------------- exact alignment
def _hashes(t: "Tokens", n: int) -> np.ndarray:
    """Shingle hashes of a token list, computed once per (tokens, n)."""
    cache = t.__dict__.setdefault("_hashes", {})
    h = cache.get(n)
    if h is None:
        wh = getattr(t, "word_hashes", None)
        h = cache[n] = shingle_hashes(t.words, n, hashed=wh)
    return h


def _window(hashes: np.ndarray, lo: int, hi: int | None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Distinct shingle hashes starting in ``[lo, hi)``, their counts, and the positions grouped by hash
    (``order[starts[k]:starts[k] + counts[k]]`` are the positions of ``uniq[k]``, ascending)."""
    h = hashes[lo:len(hashes) if hi is None else min(hi, len(hashes))]
    order = np.argsort(h, kind="stable")
    uniq, starts, counts = np.unique(h[order], return_index=True, return_counts=True)
    return uniq, starts, counts, order + lo


def _seeds(ta: "Tokens", tb: "Tokens", ha: np.ndarray, hb: np.ndarray, n: int, a_window, b_window,
           max_repeats: int, ignore) -> tuple[list[tuple[int, int]], bool]:
    """Seed pairs (i, j): the same ``n`` words at word i of a and word j of b, both inside their windows,
    found through the shingle hashes and checked word by word.  Shingles repeated more than
    ``max_repeats`` times in either window are not seeds (second value: whether that happened)."""
    ua, sa, ca, oa = _window(ha, *a_window)
    ub, sb, cb, ob = _window(hb, *b_window)
    _, ia, ib = np.intersect1d(ua, ub, assume_unique=True, return_indices=True)
    seeds: list[tuple[int, int]] = []
    capped = False
    wa, wb = ta.words, tb.words
    for ka, kb in zip(ia.tolist(), ib.tolist()):
        is_ = oa[sa[ka]:sa[ka] + ca[ka]].tolist()
        js = ob[sb[kb]:sb[kb] + cb[kb]].tolist()
        sh = wa[is_[0]:is_[0] + n]
        if sh != wb[js[0]:js[0] + n] or sh in ignore:  # a hash collision (never seen) or an ignored shingle
            continue
        if len(is_) > max_repeats or len(js) > max_repeats:
            capped = True
            continue
        seeds.extend((i, j) for i in is_ for j in js)
    return seeds, capped


def _warn_once(warned: set | None, key: tuple, msg: str, *args) -> None:
    """Log a limit warning once per article pair and kind within one run (``warned``: the run's keys; a long
    article is aligned window by window); ``warned=None`` always logs."""
    if warned is not None:
        if key in warned:
            return
        warned.add(key)
    log.warning(msg, *args)


def align(ta: Tokens, tb: Tokens, *, n: int = 4, min_words: int = 8, max_gap: int = 8, a_window=(0, None),
          b_window=(0, None), max_repeats: int = 50, max_passages: int = 200, ignore=frozenset(),
          names=("", ""), warned: set | None = None) -> list[tuple[int, int, int, int, int]]:
    """Passages shared by two token lists (seed-and-extend, see the module docstring), in words.

    Only shingles starting inside the windows (``(start, end)`` word positions) are seeds.  A shingle
    repeated more than ``max_repeats`` times in either window is not a seed, and at most
    ``max_passages`` passages are kept (first by position); a warning names the articles when a limit
    is hit.  Returns ``(a0, a1, b0, b1, matched_words)``.
    """
    seeds, capped = _seeds(ta, tb, _hashes(ta, n), _hashes(tb, n), n, a_window, b_window, max_repeats, ignore)
    if capped:
        _warn_once(warned, ("repeats", *names), "text reuse: shingles repeated more than %d times in %s or %s are not "
                   "used as seeds", max_repeats, *names)
    if not seeds:
        return []
    found = [p for p in _chain(_runs(seeds, n), max_gap) if p[4] >= min_words]
    if len(found) > max_passages:
        _warn_once(warned, ("passages", *names), "text reuse: %s and %s share more than %d passages; only the first %d "
                   "are kept", names[0], names[1], max_passages, max_passages)
        found = sorted(found)[:max_passages]
    return found


def find_passages(texts: Mapping[str, str], pairs, *, n: int = 4, min_words: int = 8, max_gap: int = 8,
                  window_words: int = 20_000, max_repeats: int = 50, max_passages: int = 200,
                  stored=None) -> pd.DataFrame:
    """Exact passages for candidate ``pairs`` (from :func:`candidate_pairs`); ``texts`` may read lazily.

    ``stored``: a mapping of article id to its :func:`packed_tokens` bytes (or a callable returning them
    or None), used instead of tokenising the text again; same passages.
    """
    rows = []
    cache: dict[str, Tokens] = {}
    warned: set = set()  # limit warnings: once per pair, not once per window

    def toks(aid: str) -> Tokens:  # least recently used first out: an article has several partners
        t = cache.pop(aid, None)
        if t is None:
            if len(cache) >= 1024:
                del cache[next(iter(cache))]
            data = None
            if stored is not None:
                data = stored(aid) if callable(stored) else stored.get(aid)
            t = StoredTokens(texts[aid], data) if data else tokens(texts[aid])
        cache[aid] = t
        return t

    by_pair: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for a, i, b, j in pairs:
        by_pair[(a, b)].append((i, j))
    for (a, b), wins in sorted(by_pair.items()):
        ta, tb = toks(a), toks(b)
        found = []
        for i, j in wins:
            found.extend(align(ta, tb, n=n, min_words=min_words, max_gap=max_gap,
                               a_window=(i * window_words, (i + 1) * window_words),
                               b_window=(j * window_words, (j + 1) * window_words),
                               max_repeats=max_repeats, max_passages=max_passages, names=(a, b), warned=warned))
        if not found:
            continue
        text_a, text_b = texts[a], texts[b]
        for a0, a1, b0, b1, matched in sorted(found)[:max_passages]:
            s_a, e_a = ta.spans[a0][0], ta.spans[a1 - 1][1]
            s_b, e_b = tb.spans[b0][0], tb.spans[b1 - 1][1]
            rows.append({"article_a": a, "article_b": b, "text": text_a[s_a:e_a],
                         "a_start": s_a, "a_end": e_a, "b_start": s_b, "b_end": e_b,
                         "words": a1 - a0, "matched_words": matched, "b_text": text_b[s_b:e_b]})
    out = pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
    if not out.empty:
        out = out.sort_values(["article_a", "article_b", "a_start", "b_start"], kind="stable").reset_index(drop=True)
    return out


def shared_passages(articles, *, n: int = 4, min_words: int = 8, max_gap: int = 8, max_df: float = 0.5,
                    sketches: Mapping[str, Sketch] | None = None, **limits) -> pd.DataFrame:
    """Passages shared by pairs of articles, with offsets into both cleaned texts.

    ``articles``: see :func:`article_texts` (or a lazy mapping id -> text with ``sketches`` given).
    ``n``: shingle length in words; ``min_words``: minimum number of words covered by exact shared
    shingles; ``max_gap``: unmatched words allowed between two matching runs in either text for them
    to count as one passage (0: exact passages only); ``max_df``: fingerprints in more than this
    share of the articles are ignored (only with ten or more articles).  ``limits``: ``max_repeats``,
    ``max_passages``, ``window_words`` (see :func:`align`, :func:`find_passages`), ``max_df_count``,
    ``max_partners``, ``all_pairs_below`` (see :func:`candidate_pairs`).

    Returns one row per passage and pair (``article_a`` < ``article_b``):
    :data:`PASSAGE_COLUMNS`, where ``text`` is the passage as printed in A,
    ``b_text`` as printed in B, ``words`` the passage length in A in words and
    ``matched_words`` the words of A covered by exact shared shingles.  Sorted
    by pair and position.
    """
    if n < 1 or min_words < 1 or max_gap < 0:
        raise ValueError("n and min_words must be positive and max_gap non-negative")
    texts = articles if sketches is not None else article_texts(articles)
    window_words = limits.pop("window_words", 20_000)
    cand_opts = {k: limits.pop(k) for k in ("max_df_count", "max_partners", "all_pairs_below") if k in limits}
    if sketches is None:
        sketches = {aid: sketch(t, n=n, min_words=min_words, window_words=window_words) for aid, t in texts.items()}
    pairs = candidate_pairs(sketches, max_df=max_df, **cand_opts)
    out = find_passages(texts, pairs, n=n, min_words=min_words, max_gap=max_gap, window_words=window_words,
                        **limits)
    log.info("shared passages: %d across %d article pairs (%d candidate pairs; n=%d, min_words=%d, max_gap=%d)",
             len(out), out[["article_a", "article_b"]].drop_duplicates().shape[0], len(pairs), n, min_words,
             max_gap)
    return out


def reuse_pairs(articles, *, n: int = 4) -> pd.DataFrame:
    """Pairwise shingle overlap, one row per ordered pair of different articles.

    Columns: ``article_a``, ``article_b``, ``shingles_a`` (distinct shingles
    of A), ``shared`` (distinct shingles in both), ``containment`` (of A in
    B: ``shared / shingles_a``) and ``resemblance`` (Jaccard).
    """
    texts = article_texts(articles)
    sets = {aid: set(shingles(tokens(t).words, n)) for aid, t in texts.items()}
    rows = []
    for a in sorted(sets):
        for b in sorted(sets):
            if a == b:
                continue
            shared = len(sets[a] & sets[b])
            union = len(sets[a] | sets[b])
            rows.append({"article_a": a, "article_b": b, "shingles_a": len(sets[a]), "shared": shared,
                         "containment": shared / len(sets[a]) if sets[a] else 0.0,
                         "resemblance": shared / union if union else 0.0})
    return pd.DataFrame(rows, columns=["article_a", "article_b", "shingles_a", "shared", "containment",
                                       "resemblance"])


def reuse_matrix(articles, *, n: int = 4, measure: str = "containment") -> pd.DataFrame:
    """Square matrix of ``measure`` (``"containment"`` of row in column, or ``"resemblance"``).

    The diagonal is 1.0.  Index and columns are the sorted article ids.
    """
    if measure not in ("containment", "resemblance"):
        raise ValueError("measure must be 'containment' or 'resemblance'")
    pairs = reuse_pairs(articles, n=n)
    ids = sorted(article_texts(articles))
    m = pd.DataFrame(1.0, index=pd.Index(ids, name="article_a"), columns=pd.Index(ids, name="article_b"))
    for r in pairs.itertuples(index=False):
        m.loc[r.article_a, r.article_b] = getattr(r, measure)
    return m


_WS = re.compile(r"\s+")


def preview(text: str, *, width: int = 90) -> str:
    """One-line preview of a passage, shortened with an ellipsis."""
    t = _WS.sub(" ", text).strip()
    return t if len(t) <= width else t[: width - 1].rstrip() + "…"
