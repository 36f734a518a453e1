"""Reading import files: plain text, saved HTML pages, CSV/TSV, JSONL and JSON, streamed one record at a time.

A text or HTML file is one record; every CSV/TSV row, JSONL line and element of a JSON array is its
own record.  Compressed files, ``;``-delimited CSV and folders are opened by :mod:`.streams`.  Files are read
as UTF-8 (a byte-order mark is dropped); empty, binary (NUL bytes or control characters) and
non-UTF-8 input is refused with one line naming the file, and the row for tables.  Tables are read
row by row, so memory does not grow with the file: ``\\n``, ``\\r\\n`` and ``\\r`` all end a JSONL line,
and a CSV field may hold a 10 MB article.  A problem with the file as a whole (missing, binary, no
header, no text column) raises :class:`~analysis.errors.InputError`; a problem with one row is
yielded in its place: a row whose mapped values hold a lone surrogate (``"\\ud800"`` in JSON is
valid JSON but not Unicode text) is refused naming the field and the offset.
"""
from __future__ import annotations

import csv
import json
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

from ..errors import InputError
from .columns import resolve_columns
from .streams import (DECOMPRESS_ERRORS, JsonLines, decompress_error, delimiter, json_elements, open_binary, open_text,
                      split_suffix)

log = logging.getLogger(__name__)

__all__ = ["TEXT_SUFFIXES", "HTML_SUFFIXES", "TABLE_SUFFIXES", "Row", "Page", "decode", "records"]

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DELIMITED_SUFFIXES = {".csv", ".tsv", ".tab"}
TABLE_SUFFIXES = DELIMITED_SUFFIXES | {".jsonl", ".ndjson", ".json"}
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE_RE = re.compile(r"[\udc80-\udcff]")
_LONE_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
_SURROGATE_ESCAPE_RE = re.compile(rb"\\u[dD][89a-fA-F]")


@dataclass(frozen=True)
class Row:
    """One table row: its values by column and which column fills which field."""

    path: Path
    origin: str  # "<file>:<row>"
    line: str
    values: dict
    cols: dict


@dataclass(frozen=True)
class Page:
    """One text or HTML file, decoded."""

    path: Path
    text: str
    html: bool


def check_blob(blob: bytes, origin: str) -> None:
    if blob.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text", Windows tools
        raise InputError(origin, "text is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8; "
                                 "re-save it as UTF-8 (in Excel: 'CSV UTF-8')")
    if not blob.strip():
        raise InputError(origin, "file is empty")
    if b"\x00" in blob[:8192]:
        raise InputError(origin, "looks like a binary file (contains NUL bytes), not text")


def decode(blob: bytes, origin: str) -> str:
    """Decode ``blob`` as UTF-8 (a byte-order mark is dropped), refusing empty, binary and non-UTF-8 input."""
    check_blob(blob, origin)
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"text is not UTF-8 (invalid byte at offset {exc.start}); re-save it as UTF-8") from None
    if len(CONTROL_RE.findall(text[:8192])) > 8:
        raise InputError(origin, "looks like a binary file (control characters), not text")
    return text


_FIELD_LIMIT_SET = False


def _csv_rows(path: Path, delim: str) -> Iterator[tuple[int, list[str] | InputError]]:
    """(record number, values) of a CSV/TSV file, streamed; record 1 is the header."""
    global _FIELD_LIMIT_SET
    if not _FIELD_LIMIT_SET:  # a 10 MB article is one field
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        _FIELD_LIMIT_SET = True
    with open_text(path, errors="surrogateescape") as fh:
        reader = csv.reader(fh, delimiter=delim)
        n = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                n += 1
                yield n, InputError(f"{path}:{n}", f"malformed {'TSV' if delim == chr(9) else 'CSV'} ({exc})")
                return
            except DECOMPRESS_ERRORS as exc:
                raise decompress_error(path, exc) from None
            n += 1
            yield n, values


def _jsonl_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes) of a JSONL file, streamed; ``\\n``, ``\\r\\n`` and ``\\r`` all end a line."""
    n = 0
    with open_binary(path) as fh:
        for chunk in _safe(fh, path):
            chunk = chunk.rstrip(b"\n")
            if chunk.endswith(b"\r"):
                chunk = chunk[:-1]
            for part in chunk.split(b"\r"):
                n += 1
                if n == 1 and part.startswith(b"\xef\xbb\xbf"):
                    part = part[3:]
                yield n, part


def _safe(fh, path: Path) -> Iterator[bytes]:
    try:
        yield from fh
    except DECOMPRESS_ERRORS as exc:
        raise decompress_error(path, exc) from None


def _bad_character(row: Mapping, cols: Mapping[str, str]) -> str | None:
    """Why a row's mapped values cannot be stored as text (a lone surrogate), or None."""
    def find(value):
        if isinstance(value, str):
            m = _LONE_SURROGATE_RE.search(value)
            return (m.group(), m.start()) if m else None
        if isinstance(value, dict):
            value = list(value.keys()) + list(value.values())
        if isinstance(value, list):
            for v in value:
                hit = find(v)
                if hit:
                    return hit
        return None

    for field, col in cols.items():
        try:
            hit = find(row.get(col))
        except RecursionError:
            return f"{field} is nested too deeply"
        if hit:
            return (f"{field} holds an invalid character (lone surrogate U+{ord(hit[0]):04X} at offset {hit[1]}); "
                    f"fix or remove it in the export")
    return None


def _csv_table(path: Path, mapping: Mapping[str, str]) -> Iterator[tuple[str, Row | InputError]]:
    delim = delimiter(path)
    rows = _csv_rows(path, delim)
    first = next(rows, None)
    if first is None or isinstance(first[1], InputError) or not any(v.strip() for v in first[1]):
        raise InputError(path, "CSV has no header row")
    if delim != "," and split_suffix(path)[0] == ".csv":
        log.info("%s: columns are separated by %r", path, delim)
    header = first[1]
    if any(_SURROGATE_RE.search(h) for h in header):
        raise InputError(path, "text is not UTF-8; re-save it as UTF-8")
    cols = resolve_columns(header, mapping, str(path))
    unknown = [h for h in header if h not in cols.values()]
    if unknown:
        log.warning("%s: ignoring column(s) %s", path, ", ".join(unknown))
    for n, values in rows:
        origin = f"{path}:{n}"
        if isinstance(values, InputError):
            yield origin, values
            return
        if not values or (len(values) == 1 and not values[0].strip()):
            continue  # a blank line
        if len(values) > len(header):
            yield origin, InputError(origin, "row has more values than the header has columns")
            continue
        if any(_SURROGATE_RE.search(v) for v in values):
            yield origin, InputError(origin, "text is not UTF-8; re-save the file as UTF-8")
            continue
        yield origin, Row(path, origin, str(n), dict(zip(header, values)), cols)


class _Objects:
    """Rows from JSON objects: the columns of each set of keys resolved once, unknown keys noted once."""

    def __init__(self, path: Path, mapping: Mapping[str, str], what: str):
        self.path, self.mapping, self.what = path, mapping, what
        self.cache: dict[frozenset, dict[str, str] | InputError] = {}
        self.warned: set = set()

    def row(self, n: int, row, *, escapes: bool = True) -> Row | InputError:
        origin = f"{self.path}:{n}"
        if not isinstance(row, dict):
            return InputError(origin, f"each {self.what} must be an object with a 'text' field")
        key = frozenset(row)
        if key not in self.cache:
            try:
                self.cache[key] = resolve_columns(list(row), self.mapping, origin)
            except InputError as exc:
                self.cache[key] = exc
        cols = self.cache[key]
        if isinstance(cols, InputError):
            return InputError(origin, cols.message)
        unknown = key - set(cols.values())
        if unknown and key not in self.warned:
            self.warned.add(key)
            log.warning("%s: ignoring field(s) %s", origin, ", ".join(sorted(map(str, unknown))))
        bad = _bad_character(row, cols) if escapes else None
        if bad:
            return InputError(origin, bad)
        return Row(self.path, origin, str(n), row, cols)


def _jsonl_table(path: Path, mapping: Mapping[str, str]) -> Iterator[tuple[str, Row | InputError]]:
    objects = _Objects(path, mapping, "JSONL line")
    for n, line in _jsonl_lines(path):
        origin = f"{path}:{n}"
        if not line.strip():
            continue
        try:
            row = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield origin, InputError(origin, f"text is not UTF-8 (invalid byte at offset {exc.start} of the line)")
            continue
        except (json.JSONDecodeError, RecursionError) as exc:
            msg = getattr(exc, "msg", "too deeply nested")
            yield origin, InputError(origin, f"malformed JSON ({msg}); each line must be one JSON object")
            continue
        # strict UTF-8 gives no surrogates: only a \\uD800-\\uDFFF escape in the line can (a quick test first)
        yield origin, objects.row(n, row, escapes=_SURROGATE_ESCAPE_RE.search(line) is not None)


def _json_table(path: Path, mapping: Mapping[str, str]) -> Iterator[tuple[str, Row | InputError]]:
    objects = _Objects(path, mapping, "element of the JSON list")
    try:
        for n, obj in json_elements(path):
            yield f"{path}:{n}", objects.row(n, obj)
    except JsonLines:  # raised before the first element
        log.info("%s: one JSON object per line; read as JSON Lines", path)
        yield from _jsonl_table(path, mapping)


def records(path: str | Path, *, mapping: Mapping[str, str] | None = None) -> Iterator[tuple[str, Row | Page | InputError]]:
    """(origin, record or the row's error) for every record of one input file, streamed."""
    path = Path(path)
    mapping = mapping or {}
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder; pass the files inside it")
    suffix, comp = split_suffix(path)
    if suffix in TABLE_SUFFIXES:
        try:
            with open_binary(path) as fh:
                check_blob(fh.read(8192), str(path))
        except DECOMPRESS_ERRORS as exc:
            raise decompress_error(path, exc) from None
        seen = 0
        table = (_csv_table if suffix in DELIMITED_SUFFIXES else _json_table if suffix == ".json"
                 else _jsonl_table)
        for origin, item in table(path, mapping):
            seen += 1
            yield origin, item
        if not seen:
            raise InputError(path, "no articles in this file")
        return
    if comp is not None:
        try:
            with open_binary(path) as fh:
                blob = fh.read()
        except DECOMPRESS_ERRORS as exc:
            raise decompress_error(path, exc) from None
    else:
        blob = path.read_bytes()
    text = decode(blob, str(path))
    if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES and (suffix != "" or comp is not None):
        raise InputError(path, f"unsupported file type {path.suffix.lower() if comp is None else suffix + comp!r}; "
                               f"use .txt, .html, .csv, .tsv, .json or .jsonl (or these as .gz, .bz2, .xz)")
    yield str(path), Page(path, text, suffix in HTML_SUFFIXES)
