"""Lexicon files: reading, validating and merging YAML lexicons with provenance.

Format: ``docs/loaded.md``.  A term is a sequence of word tokens; ``inflect``
adds simple English inflections of its last word; later files override
earlier ones entry by entry.
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import yaml

from .. import paths as _paths
from ..errors import InputError
from ..text import fold
from .categories import CATEGORIES

log = logging.getLogger(__name__)

_HEADER = ("name", "version", "date", "source", "licence", "description")
_ENTRY_KEYS = {
    "term", "pattern", "category", "note", "inflect", "forms", "case_sensitive",
    "exceptions", "neutral", "disable", "hyphen_only",
}
_INFLECT = {True: ("noun", "verb", "adj"), False: (), "noun": ("noun",), "verb": ("verb",),
            "adj": ("adj",), "all": ("noun", "verb", "adj")}

# ---------------------------------------------------------------------------
# Tokens and inflections
# ---------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’‘ʼ][^\W_]+)*", re.UNICODE)
_HYPHENS = "-‐‑"


def _norm(tok: str, case_sensitive: bool = False) -> str:
    return fold(tok, casefold=not case_sensitive)


def tokens(text: str) -> list[str]:
    """The normalised tokens of a lexicon term (hyphens and spaces both split words)."""
    return [_norm(m.group()) for m in _TOKEN_RE.finditer(text)]

def inflections(word: str, kinds: Iterable[str] = ("noun", "verb", "adj")) -> set[str]:
    """English inflections of ``word`` for the parts of speech in ``kinds``: the package's one
    definition (:func:`analysis.inflection.inflections`, LemmInflect's dictionary; rule-based forms only
    for words it does not know), so "massacre" never gives "massacrely"."""
    from ..inflection import inflections as _inflections

    return set(_inflections(word, tuple(kinds)))


# ---------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LexiconFile:
    """Provenance of one lexicon file."""

    path: str
    name: str
    version: str
    date: str
    source: str
    licence: str
    description: str

    @property
    def label(self) -> str:
        return f"{os.path.basename(self.path)}@{self.version}"


@dataclass(frozen=True)
class Entry:
    """One lexicon entry (a literal ``term`` or a regular-expression ``pattern``)."""

    term: str | None
    pattern: str | None
    category: str | None
    note: str = ""
    inflect: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    case_sensitive: bool = False
    exceptions: tuple[str, ...] = ()
    neutral: bool = False
    hyphen_only: bool = False
    file: LexiconFile | None = None
    line: int | None = None

    @property
    def label(self) -> str:
        """The entry as shown in evidence rows: its term or pattern."""
        return self.term if self.term is not None else str(self.pattern)

    @property
    def key(self) -> tuple[str, str, str | None]:
        kind = "term" if self.term is not None else "pattern"
        value = " ".join(tokens(self.term)) if self.term is not None else str(self.pattern)
        if self.case_sensitive and self.term is not None:
            value = " ".join(_norm(m.group(), True) for m in _TOKEN_RE.finditer(self.term))
        return (kind, value, "neutral" if self.neutral else self.category)

    def surface_keys(self) -> dict[tuple[str, ...], tuple[bool, ...]]:
        """Every token sequence this (term) entry matches, with where the term has hyphens."""
        if self.term is None:
            return {}

        def split(s: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
            ms = list(_TOKEN_RE.finditer(s))
            toks = tuple(_norm(m.group(), self.case_sensitive) for m in ms)
            gaps = (s[a.end():b.start()].strip() for a, b in zip(ms, ms[1:]))
            sig = tuple(len(g) == 1 and g in _HYPHENS for g in gaps)
            return toks, sig

        toks, sig = split(self.term)
        out = {toks: sig}
        if self.inflect and toks:
            for form in inflections(toks[-1], self.inflect):
                out.setdefault(toks[:-1] + (form,), sig)
        for f in self.forms:
            ft, fsig = split(f)
            if ft:
                out.setdefault(ft, fsig)
        return out


@dataclass
class Lexicon:
    """Entries from one or more lexicon files, with their provenance."""

    entries: list[Entry]
    files: list[LexiconFile]
    _matcher: Any = field(default=None, repr=False, compare=False)

    @property
    def categories(self) -> tuple[str, ...]:
        """All category ids (the fixed inventory of :data:`CATEGORIES`)."""
        return tuple(CATEGORIES)

    def by_category(self) -> dict[str, int]:
        """Number of (non-neutral) entries per category."""
        counts = {c: 0 for c in CATEGORIES}
        for e in self.entries:
            if not e.neutral:
                counts[e.category] += 1
        return counts

    def find(self, term: str) -> Entry | None:
        """The entry whose term (or pattern) is ``term``, if any."""
        t = " ".join(tokens(term))
        for e in self.entries:
            if (e.term is not None and " ".join(tokens(e.term)) == t) or e.pattern == term:
                return e
        return None

    @property
    def matcher(self) -> "_Matcher":
        if self._matcher is None:
            from .matcher import _Matcher

            self._matcher = _Matcher(self.entries)
        return self._matcher

    def __len__(self) -> int:
        return len(self.entries)


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(text: str) -> tuple[Any, list[int | None]]:
    """Parse ``text`` once; return the data and the line numbers (1-based) of the ``entries`` items."""
    loader = _YAML_LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines: list[int | None] = []
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == "entries" and isinstance(v, yaml.SequenceNode):
                lines = [item.start_mark.line + 1 for item in v.value]
    return data, lines


def _read_file(path: Path) -> tuple[LexiconFile, list[Entry], list[tuple[str, str, str | None]]]:
    """Parse and validate one lexicon file; returns provenance, entries and disabled keys."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(path, f"cannot read lexicon file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(path, "lexicon file is not UTF-8 text") from None
    try:
        data, lines = _parse_yaml(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputError(path, f"not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise InputError(path, "a lexicon file must be a mapping with a header and 'entries:'")
    if "license" in data and "licence" not in data:
        data["licence"] = data.pop("license")
    missing = [k for k in _HEADER if data.get(k) in (None, "")]
    if missing:
        raise InputError(path, f"lexicon header is missing {', '.join(missing)} "
                               f"(required: {', '.join(_HEADER)})")
    for k in _HEADER:
        if isinstance(data[k], (dict, list, bool)):
            raise InputError(path, f"header field '{k}' must be text")
    info = LexiconFile(str(path), *(str(data[k]) for k in _HEADER))
    items = data.get("entries")
    if not isinstance(items, list) or not items:
        raise InputError(path, "'entries:' must be a non-empty list")
    entries: list[Entry] = []
    disabled: list[tuple[str, str, str | None]] = []
    seen: dict[tuple[str, str], str] = {}
    for i, item in enumerate(items, 1):
        line = lines[i - 1] if i - 1 < len(lines) else None
        where = f"entry {i}" + (f" (line {line})" if line else "")

        def bad(msg: str) -> InputError:
            return InputError(path, f"{where}: {msg}")

        if not isinstance(item, dict):
            raise bad("must be a mapping with 'term' (or 'pattern') and 'category'")
        unknown = set(item) - _ENTRY_KEYS
        if unknown:
            raise bad(f"unknown field(s) {', '.join(sorted(map(str, unknown)))}; "
                      f"allowed: {', '.join(sorted(_ENTRY_KEYS))}")
        term, pattern = item.get("term"), item.get("pattern")
        if (term is None) == (pattern is None):
            raise bad("give exactly one of 'term' or 'pattern'")
        text = term if term is not None else pattern
        if not isinstance(text, str):
            raise bad(f"'{'term' if term is not None else 'pattern'}' must be text, got {type(text).__name__}")
        if not text.strip():
            raise bad("empty term" if term is not None else "empty pattern")
        where = f"{where}, {'term' if term is not None else 'pattern'} {text!r}"
        if term is not None and not _TOKEN_RE.search(term):
            raise bad("term has no words")
        for flag in ("case_sensitive", "neutral", "disable", "hyphen_only"):
            if flag in item and not isinstance(item[flag], bool):
                raise bad(f"'{flag}' must be true or false")
        neutral = bool(item.get("neutral", False))
        category = item.get("category")
        if neutral and category is not None and category not in CATEGORIES:
            raise bad(f"unknown category {category!r}")
        if not neutral:
            if category is None:
                raise bad("missing 'category'")
            if category not in CATEGORIES:
                raise bad(f"unknown category {category!r}; use one of {', '.join(CATEGORIES)}")
        note = item.get("note", "")
        if note is None:
            note = ""
        if not isinstance(note, str):
            raise bad("'note' must be text")
        inflect = item.get("inflect", False)
        if not isinstance(inflect, (bool, str)) or inflect not in _INFLECT:
            raise bad("'inflect' must be true, false, noun, verb, adj or all")
        if pattern is not None and (inflect or item.get("forms")):
            raise bad("'inflect'/'forms' apply to 'term' entries only")
        lists = {}
        for key in ("forms", "exceptions"):
            v = item.get(key, [])
            if v is None:
                v = []
            if isinstance(v, str):
                v = [v]
            if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
                raise bad(f"'{key}' must be a list of non-empty texts")
            lists[key] = tuple(v)
        case_sensitive = bool(item.get("case_sensitive", False))
        if pattern is not None:
            try:
                rx = re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)
            except re.error as exc:
                raise bad(f"bad regular expression: {exc}") from None
            if rx.match(""):
                raise bad("pattern matches the empty string")
        entry = Entry(
            term=term, pattern=pattern, category=category if not neutral else None,
            note=note.strip(), inflect=_INFLECT[inflect], forms=lists["forms"],
            case_sensitive=case_sensitive, exceptions=lists["exceptions"], neutral=neutral,
            hyphen_only=bool(item.get("hyphen_only", False)), file=info, line=line,
        )
        dup_key = entry.key[:2]
        if dup_key in seen:
            raise bad(f"duplicate of {seen[dup_key]} in the same file")
        seen[dup_key] = where.split(",")[0]
        if item.get("disable"):
            disabled.append(entry.key)
        else:
            entries.append(entry)
    log.debug("lexicon %s: %d entries", path, len(entries))
    return info, entries, disabled


def default_lexicon_files() -> list[Path]:
    """The bundled default: the general lexicon only (topic lexicons are opt-in, see :func:`load_lexicon`)."""
    return [_paths.LEXICONS / "general.yaml"]


def corpus_lexicon_files(corpus_dir: Path | str | None) -> list[Path]:
    """The topic lexicons a corpus keeps in its own ``lexicons/`` folder (by name), if any."""
    if corpus_dir is None:
        return []
    folder = Path(corpus_dir) / "lexicons"
    if not folder.is_dir():
        return []
    return sorted(list(folder.glob("*.yaml")) + list(folder.glob("*.yml")))


def load_lexicon(paths: Sequence[Path | str] | None = None, *, include_default: bool = True,
                 corpus: Path | str | None = None) -> Lexicon:
    """Load, validate and merge lexicon files.

    The bundled general lexicon comes first (unless ``include_default=False``);
    topic lexicons are opt-in: those in ``<corpus>/lexicons/`` when ``corpus``
    is given, then ``paths`` in order (a folder means every ``*.yaml`` in it).  A later
    entry with the same term/pattern and category overrides the earlier one;
    an entry with ``disable: true`` removes it.  Raises
    :class:`~analysis.errors.InputError` naming the file and entry on any
    problem.
    """
    files: list[Path] = list(default_lexicon_files()) if include_default else []
    files += corpus_lexicon_files(corpus)
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for p in paths or []:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml")))
        elif not p.exists():
            raise InputError(p, "lexicon file not found")
        else:
            files.append(p)
    if not files:
        raise InputError(None, "no lexicon files given")
    merged: dict[tuple, Entry] = {}
    infos: list[LexiconFile] = []
    for path in files:
        info, entries, disabled = _read_file(path)
        infos.append(info)
        for key in disabled:
            if merged.pop(key, None) is None:
                log.warning("%s: disabled entry %r not found in earlier lexicons", path, key[1])
        for e in entries:
            if e.key in merged:
                log.info("%s: %r (%s) overrides %s", path, e.label, e.category, merged[e.key].file.label)
                del merged[e.key]  # re-insert at the end: the later file's position
            merged[e.key] = e
    return Lexicon(entries=list(merged.values()), files=infos)

