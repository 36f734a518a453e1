"""The result sink of an analysis run: per-article results streamed to the staging folder, chunk by chunk.

Method
------
Every 256 results, each table of the chunk is appended to its file in the staging folder and the cleaned
texts go to ``clean/<id>.txt``.  A CSV row depends only on its values and its columns' dtypes, so when every
article of a chunk has the same columns and dtypes in a table, the chunk's file is the articles' CSV rows one
after another (rendered by the workers, or kept in the result cache for cached articles); otherwise the
chunk's table is built whole, as ``pd.concat`` would.  Texts carried over from the previous results are
rewritten only when they changed (docs/scale.md, "Incremental analysis").  Engineering, no published method.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd

from .stages import ArticleResult, _concat, reduce_chunk

__all__: list[str] = []


def _render_rows(results: list[ArticleResult], name: str) -> None:
    """Render table ``name`` of ``results`` (same columns and dtypes) as CSV once and keep each article's rows
    in ``r.csv[name]`` = (columns, :func:`_dtypes_key` of the dtypes, number of rows, bytes)."""
    from .io import csv_bytes
    from .stages import concat_packed

    parts = [r.packed_tables()[name] for r in results]
    if not any(p[3] for p in parts):  # no rows at all (a table most articles leave empty)
        for r, p in zip(results, parts):
            r.csv[name] = (p[0], _dtypes_key(p[1]), 0, b"")
        return
    kinds = _plain_kinds(parts[0][1])
    if kinds is not None:
        rendered = [_plain_rows(p, kinds) for p in parts]
        if all(x is not None for x in rendered):
            for r, p, rows in zip(results, parts, rendered):
                r.csv[name] = (p[0], _dtypes_key(p[1]), p[3], rows)
            return
    data = csv_bytes(concat_packed(parts))
    body = data.split(b"\n", 1)[1]
    for r, p, rows in zip(results, parts, _split_rows(body, [p[3] for p in parts])):
        r.csv[name] = (p[0], _dtypes_key(p[1]), p[3], rows)


def _plain_kinds(dtypes) -> list[str] | None:
    """Each column's kind for :func:`_plain_rows` (``f`` float64, ``i`` int64, ``b`` bool, ``s`` pandas' str
    dtype, ``I`` Int64), or None when a column has another dtype (then pandas renders the table)."""
    import numpy as np

    kinds = []
    for d in dtypes:
        if isinstance(d, pd.StringDtype):
            kinds.append("s")
        elif isinstance(d, pd.Int64Dtype):
            kinds.append("I")
        elif isinstance(d, np.dtype) and d in _NUMPY_KINDS:
            kinds.append(_NUMPY_KINDS[d])
        else:
            return None
    return kinds


_NUMPY_KINDS = {__import__("numpy").dtype(t): k for t, k in (("float64", "f"), ("int64", "i"), ("bool", "b"))}


def _plain_rows(p, kinds: list[str]) -> bytes | None:
    """The CSV rows of packed table ``p`` exactly as :func:`analysis.io.csv_bytes` writes them (without the
    header), from its lists, without building a DataFrame; None when a value is not what its dtype holds.

    What pandas' ``to_csv`` does per column (``pandas.core.indexes.base.get_values_for_csv`` with minimal
    quoting and an empty ``na_rep``), done the same way: float64 values rounded to 6 digits by NumPy
    (``csv_bytes``'s ``Series.round``) and turned into text by NumPy's ``astype(str)``, missing ones empty;
    int64, Int64 and bool values and strings handed to the same ``csv.writer`` (missing ones empty)."""
    import csv
    import io

    import numpy as np

    cols, _, data, n = p
    if not n:
        return b""
    out = []
    for kind, values in zip(kinds, data):
        if kind == "f":
            arr = np.asarray(values, dtype=np.float64).round(_FLOAT_DIGITS)
            text = arr.astype(str).astype(object)
            text[np.isnan(arr)] = ""
            out.append(text.tolist())
        elif kind in "sI":  # strings (pandas' str dtype) or nullable whole numbers (Int64); missing ones empty
            want = str if kind == "s" else int
            if not all(type(v) is want for v in values):
                values = [v if type(v) is want else ("" if v is None or v is pd.NA or v != v else None) for v in values]
                if any(v is None for v in values):
                    return None
            out.append(values)
        else:
            want = int if kind == "i" else bool
            if not all(type(v) is want for v in values):
                return None
            out.append(values)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(zip(*out))
    return buf.getvalue().encode("utf-8")


#: Digits :func:`analysis.io.csv_bytes` rounds floats to (its default, which the sink uses).
_FLOAT_DIGITS = 6


def _dtypes_key(dtypes) -> tuple[str, ...]:
    """The column dtypes of rendered CSV rows as plain strings (stored with the rows, compared when a chunk's
    rows are joined: dtype objects are slow to unpickle and to compare, thousands of times a re-run)."""
    return tuple(f"{type(d).__name__}:{d!r}:{getattr(d, 'storage', '')}" for d in dtypes)


class _Sink:
    """Collects per-article results chunk by chunk: evidence tables streamed to CSV parts (or kept)."""

    def __init__(self, folder: Path | None, *, fmt: str = "csv", carried: bool = False):
        self.folder = folder
        self.fmt = fmt
        #: ``clean/`` holds hard links to the previous results' texts (made by :func:`analyze`; the previous
        #: results stay whole): a text that is already there with the same bytes is kept, not written again
        #: (see :meth:`prune_texts`)
        self.carried = carried
        self.text_ids: set[str] = set()
        self.written_texts = 0  # new or changed texts
        self.kept_texts = 0
        self.frames: dict[str, list[pd.DataFrame]] = {}
        self.written: set[str] = set()
        self.article_rows: list[pd.DataFrame] = []
        self.texts: dict[str, str] = {}
        self.sketches: dict = {}
        self._buffer: list[ArticleResult] = []
        self.cache = None  # the result cache, which keeps each article's CSV rows
        self.tokens: dict[str, tuple[int, int]] = {}  # article id -> (offset, length) in the tokens file
        self._tok = None
        if folder is not None:
            (folder / "clean").mkdir(parents=True, exist_ok=True)

    TOKENS = ".reuse-tokens"  # in the staging folder, removed before it becomes the results folder

    def add(self, r: ArticleResult) -> None:
        data = r.private.pop("tokens", None)
        if data and self.folder is not None:
            if self._tok is None:
                self._tok = open(self.folder / self.TOKENS, "wb")
            self.tokens[r.article_id] = (self._tok.tell(), len(data))
            self._tok.write(data)
        self._buffer.append(r)
        if self.folder is not None:  # bytes: no newline translation, offsets stay exact
            self._write_text(r.article_id, r.text.encode("utf-8"))
        else:
            self.texts[r.article_id] = r.text
        if "reuse" in r.private:
            self.sketches[r.article_id] = r.private["reuse"]
        if len(self._buffer) >= 256:
            self.flush()

    def _write_text(self, article_id: str, data: bytes) -> None:
        """Write ``clean/<id>.txt``, unless the previous results left the same bytes there (a re-run creates,
        and later removes, only the files of what changed: thousands of small files cost seconds)."""
        path = self.folder / "clean" / f"{article_id}.txt"
        self.text_ids.add(article_id)
        if self.carried:
            try:
                old = path.read_bytes()
            except FileNotFoundError:
                pass
            else:
                if old == data:
                    self.kept_texts += 1
                    return
                path.unlink()  # only this folder's link: the previous results keep their text
        self.written_texts += 1
        path.write_bytes(data)

    def prune_texts(self) -> int:
        """Before the staging folder becomes the results: remove the carried texts of articles no longer
        analysed; returns how many texts were removed."""
        if not self.carried:
            return 0
        clean = self.folder / "clean"
        names = {f"{a}.txt" for a in self.text_ids}
        gone = [n for n in os.listdir(clean) if n not in names]
        for n in gone:
            (clean / n).unlink()
        return len(gone)

    def close_tokens(self, *, remove: bool = False) -> None:
        """Close the tokens file (``remove``: and delete it, when text reuse is done)."""
        if self._tok is not None:
            self._tok.close()
            self._tok = None
        if remove and self.folder is not None:
            (self.folder / self.TOKENS).unlink(missing_ok=True)
            self.tokens = {}

    def flush(self) -> None:
        if self._tok is not None:
            self._tok.flush()
        if not self._buffer:
            return
        if self.folder is not None and self.fmt == "csv":
            self._flush_csv(self._buffer)
        else:
            chunk, rows = reduce_chunk(self._buffer)
            for name, df in chunk.items():
                self.write(name, df)
            self.article_rows.append(rows)
        self._buffer = []

    def _flush_csv(self, results: list[ArticleResult]) -> None:
        """Write a chunk's CSV tables from each article's CSV rows, rendering only the articles without them.

        A CSV row depends only on its values and its columns' dtypes (:func:`analysis.io.csv_bytes`), so
        when every article of the chunk has the same columns and dtypes in a table (the usual case), the
        chunk's file is the articles' rows one after another: cached articles bring theirs (no DataFrame
        is built for them), new ones are rendered together and their rows kept for the cache.  Otherwise
        the chunk's table is built and written as a whole (what ``pd.concat`` gives).
        """
        from .io import csv_bytes
        from .stages import concat_packed

        names = list(dict.fromkeys(n for r in results for n in (r.csv or r.packed_tables())))
        changed: set[int] = set()  # results whose CSV rows are new (stored in the cache after the chunk)
        for name in names:
            parts = []  # (result, columns, dtypes, rows) of each article having the table
            for r in results:
                if name in r.csv:
                    cols, dtypes, n, _ = r.csv[name]
                    parts.append((r, cols, dtypes, n))
                elif name in r.packed_tables():
                    p = r.packed_tables()[name]
                    parts.append((r, p[0], _dtypes_key(p[1]), p[3]))
            full = [p for p in parts if p[3]]
            same = all(p[1] == full[0][1] and p[2] == full[0][2] for p in full[1:])
            if not same:
                self._write_csv(name, csv_bytes(concat_packed([r.packed_tables()[name] for r, *_ in parts])))
                continue
            todo = [p[0] for p in parts if name not in p[0].csv]
            if todo:
                _render_rows(todo, name)
                changed.update(id(r) for r in todo)
            if full:
                header = _csv_header(full[0][1])
            else:  # every article's table is empty: the first one's header
                header = _csv_header(parts[0][1])
            self._write_csv(name, header + b"".join(r.csv[name][3] for r, *_ in full))
        for r in results:
            if self.cache is not None and id(r) in changed:
                self.cache.put_rendered(r)
        self.article_rows.append(pd.DataFrame([r.article_row() for r in results]))

    def _write_csv(self, name: str, data: bytes) -> None:
        from . import tablefmt

        tablefmt.append_csv(self.folder, name, data, first=name not in self.written)
        self.written.add(name)

    def write(self, name: str, df: pd.DataFrame) -> None:
        if self.folder is None:
            self.frames.setdefault(name, []).append(df)
            return
        from . import tablefmt

        tablefmt.append(self.folder, name, df, fmt=self.fmt, first=name not in self.written)
        self.written.add(name)

    def table(self, name: str) -> pd.DataFrame:
        return _concat(self.frames.get(name, []))


_HEADERS: dict[tuple, bytes] = {}


def _csv_header(columns: list) -> bytes:
    """The header line :func:`analysis.io.csv_bytes` writes for ``columns``."""
    key = tuple(columns)
    if key not in _HEADERS:
        from .io import csv_bytes

        _HEADERS[key] = csv_bytes(pd.DataFrame(columns=list(columns))).split(b"\n", 1)[0] + b"\n"
    return _HEADERS[key]


def _split_rows(body: bytes, counts: list[int]) -> list[bytes]:
    """CSV ``body`` (rows only, each ending in ``\\n``) cut into consecutive pieces of ``counts`` rows.

    A line break inside a quoted field (an odd number of quote marks so far in the record) continues the
    record: with minimal quoting and doubled quote marks, quote marks come in pairs in a whole record.
    """
    lines = body.split(b"\n")
    out, i = [], 0
    for n in counts:
        start = i
        for _ in range(n):
            q = lines[i].count(b'"')
            i += 1
            while q % 2:
                q += lines[i].count(b'"')
                i += 1
        out.append(b"\n".join(lines[start:i]) + b"\n" if n else b"")
    if i != len(lines) - 1 or lines[-1]:
        raise ValueError(f"CSV rows do not add up: {i} lines used of {len(lines) - 1}")
    return out


def _text_reader(folder: Path):
    class Texts(dict):
        def __missing__(self, key):
            return (folder / "clean" / f"{key}.txt").read_bytes().decode("utf-8")
    return Texts()
