"""Opening import files as people export them: compressed, delimited by ``;`` or tabs, JSON arrays, folders.

* **Compression.** ``.gz``, ``.bz2`` and ``.xz`` files (``export.csv.gz``, ``articles.jsonl.xz``...)
  are decompressed while they are read, with the standard library's :mod:`gzip`, :mod:`bz2` and
  :mod:`lzma`; the format is the suffix before the compression suffix, and the provenance keeps
  the file's own name.
* **Delimiters.** ``.tsv`` and ``.tab`` files are tab-separated.  For ``.csv`` the delimiter is
  the one of ``,`` ``;`` tab ``|`` that occurs most often outside quotes in the header line
  (Excel in European locales writes ``;``); a comma wins a tie and an undecided header.
* **JSON documents.** A ``.json`` file holding an array of objects is streamed element by element
  (:meth:`json.JSONDecoder.raw_decode` over a growing buffer, so memory holds one article at a
  time); an object holding exactly one list of objects (``{"articles": [...]}``, as scrapers and
  APIs export) is read whole, up to :data:`JSON_OBJECT_LIMIT` characters; one object with a text
  field is one article.  Row numbers are the 1-based position in the list.
* **Folders.** A folder stands for every supported file inside it, recursively, in sorted order;
  hidden files and folders are skipped, and so are files of other types (counted in a log note).
"""
from __future__ import annotations

import bz2
import gzip
import io
import json
import logging
import lzma
from pathlib import Path
from typing import IO, Iterable, Iterator

from ..errors import InputError

log = logging.getLogger(__name__)

__all__ = ["COMPRESSED", "JSON_OBJECT_LIMIT", "DELIMITERS", "split_suffix", "open_binary", "open_text",
           "delimiter", "json_elements", "expand_inputs", "DECOMPRESS_ERRORS"]

#: Compression suffixes and the standard-library module that reads them.
COMPRESSED = {".gz": gzip, ".bz2": bz2, ".xz": lzma}
#: Errors a damaged compressed file raises while it is read.
DECOMPRESS_ERRORS = (OSError, EOFError, lzma.LZMAError)
#: Largest JSON document (in characters) read whole: an object that holds the list of articles.
JSON_OBJECT_LIMIT = 1 << 30
#: Delimiters a ``.csv`` file may use, comma first (it wins ties).
DELIMITERS = (",", ";", "\t", "|")
_CHUNK = 1 << 20


def split_suffix(path: Path) -> tuple[str, str | None]:
    """(format suffix, compression suffix or None) of ``path``: ``a.csv.gz`` -> ``(".csv", ".gz")``."""
    suffix = path.suffix.lower()
    if suffix in COMPRESSED:
        return Path(path.stem).suffix.lower(), suffix
    return suffix, None


def open_binary(path: Path) -> IO[bytes]:
    """``path`` opened for reading bytes, decompressed when its suffix says it is compressed."""
    comp = split_suffix(path)[1]
    if comp is None:
        return open(path, "rb")
    return COMPRESSED[comp].open(path, "rb")


def open_text(path: Path, *, errors: str = "strict") -> IO[str]:
    """``path`` as UTF-8 text (a byte-order mark dropped, newlines untranslated), decompressed if need be."""
    return io.TextIOWrapper(open_binary(path), encoding="utf-8-sig", errors=errors, newline="")


def decompress_error(path: Path, exc: BaseException) -> InputError:
    comp = split_suffix(path)[1] or "compressed"
    return InputError(path, f"cannot decompress this {comp} file ({exc}); is it damaged or not really {comp}?")


def _outside_quotes(line: str, char: str) -> int:
    n, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            n += 1
    return n


def delimiter(path: Path) -> str:
    """The delimiter of a delimited table: tab for ``.tsv``/``.tab``, else sniffed from the header line."""
    if split_suffix(path)[0] in (".tsv", ".tab"):
        return "\t"
    try:
        with open_text(path, errors="surrogateescape") as fh:
            line = fh.readline(_CHUNK)
    except DECOMPRESS_ERRORS as exc:
        raise decompress_error(path, exc) from None
    counts = {d: _outside_quotes(line, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


class _Buffer:
    """A text stream read in chunks, with a position; grows on demand."""

    def __init__(self, fh: IO[str]):
        self.fh, self.buf, self.pos, self.eof = fh, "", 0, False

    def more(self) -> bool:
        if self.eof:
            return False
        if self.pos > len(self.buf) // 2:  # drop what was consumed before growing
            self.buf, self.pos = self.buf[self.pos:], 0
        chunk = self.fh.read(max(_CHUNK, len(self.buf)))  # doubling: a long element is parsed O(log n) times
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def peek(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos:self.pos + 1]

    def value(self, decoder: json.JSONDecoder):
        """The next JSON value (raises json.JSONDecodeError when it is malformed)."""
        self.peek()
        while True:
            try:
                obj, end = decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if self.more():
                    continue
                raise
            if end == len(self.buf) and self.more():  # a number may go on in the next chunk
                continue
            self.pos = end
            return obj


def _malformed(path: Path | str, where: str, exc: BaseException) -> InputError:
    msg = getattr(exc, "msg", None) or ("too deeply nested" if isinstance(exc, RecursionError) else str(exc))
    return InputError(path, f"malformed JSON {where} ({msg})")


def json_elements(path: Path) -> Iterator[tuple[int, object]]:
    """(1-based position, value) of the articles of a ``.json`` document, streamed for a top-level array.

    A problem with the document as a whole raises :class:`InputError`; a malformed element is
    raised naming its position, after the elements before it.
    """
    decoder = json.JSONDecoder()
    try:
        with open_text(path) as fh:
            buf = _Buffer(fh)
            first = buf.peek()
            if first == "[":
                buf.pos += 1
                yield from _array(path, buf, decoder)
                return
            if first != "{":
                raise InputError(path, "a .json file must hold an array of objects (or an object with one "
                                       "list of objects); for one object per line use .jsonl")
            text = buf.buf[buf.pos:] + fh.read(JSON_OBJECT_LIMIT + 1 - (len(buf.buf) - buf.pos))
            if len(text) > JSON_OBJECT_LIMIT:
                raise InputError(path, f"JSON object larger than {JSON_OBJECT_LIMIT:,} characters; save the "
                                       f"articles as a top-level array or as JSON Lines (.jsonl), which are streamed")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"text is not UTF-8 (invalid byte at offset {exc.start} of a block); "
                               f"re-save it as UTF-8") from None
    except DECOMPRESS_ERRORS as exc:
        raise decompress_error(path, exc) from None
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise _malformed(path, "document", exc) from None
    lists = [k for k, v in doc.items() if isinstance(v, list) and v and all(isinstance(e, dict) for e in v)]
    if len(lists) > 1:
        raise InputError(path, f"the object holds {len(lists)} lists of objects ({', '.join(map(repr, lists))}); "
                               f"save the list of articles on its own")
    if lists:
        log.info("%s: reading the articles in %r", path, lists[0])
        yield from enumerate(doc[lists[0]], start=1)
    else:
        yield 1, doc  # one article (or the row error says which field is missing)


def _array(path: Path, buf: _Buffer, decoder: json.JSONDecoder) -> Iterator[tuple[int, object]]:
    n = 0
    if buf.peek() == "]":
        buf.pos += 1
    else:
        while True:
            n += 1
            try:
                obj = buf.value(decoder)
            except (json.JSONDecodeError, RecursionError) as exc:
                raise _malformed(f"{path}:{n}", f"in element {n}", exc) from None
            yield n, obj
            c = buf.peek()
            buf.pos += 1
            if c == "]":
                break
            if c != ",":
                raise InputError(f"{path}:{n}", f"malformed JSON after element {n} (expected ',' or ']', "
                                       f"found {c or 'the end of the file'!r})")
    if buf.peek():
        raise InputError(path, "malformed JSON (extra data after the array)")


def supported(path: Path) -> bool:
    from .formats import HTML_SUFFIXES, TABLE_SUFFIXES, TEXT_SUFFIXES

    return split_suffix(path)[0] in TABLE_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """The input files: a folder stands for every supported file inside it (recursively, sorted, no hidden files)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append(p)
            continue
        found, skipped = [], 0
        for f in sorted(p.rglob("*")):
            rel = f.relative_to(p).parts
            if any(part.startswith(".") for part in rel) or not f.is_file():
                continue
            if supported(f):
                found.append(f)
            else:
                skipped += 1
        if skipped:
            log.warning("%s: skipped %d file(s) of unsupported types (not .txt, .html, .csv, .tsv, .json, "
                        ".jsonl or these compressed)", p, skipped)
        if not found:
            raise InputError(p, "folder holds no file to import (.txt, .md, .html, .csv, .tsv, .json, .jsonl, "
                                "or these as .gz/.bz2/.xz)")
        log.info("%s: %d file(s) to import", p, len(found))
        out.extend(found)
    return out
