"""Loaded language: lexicons with provenance, evidence rows, per-article rates, KWIC.

Method
------
Loaded wording is found by matching curated lexicons (YAML files, see
``docs/loaded.md``) against the cleaned article text.  Every hit becomes one
evidence row naming the article, the words as written, the lexicon entry,
its category, character offsets into the cleaned text, the sentence and the
voice (the author's own wording or wording inside a quotation).  Rates are
hits per 1,000 words (``analysis.text.count_words``).

Categories follow the propaganda-technique inventory of Da San Martino et al.
(2019, "Fine-grained analysis of propaganda in news articles", EMNLP-IJCNLP;
PTC corpus; SemEval-2020 Task 11): *loaded language, name calling,
exaggeration, flag-waving, doubt, causal oversimplification*; the
epistemological-bias cues of Recasens, Danescu-Niculescu-Mizil & Jurafsky
(2013, "Linguistic models for analyzing and detecting biased language",
ACL): factive/assertive verbs and certainty markers (*certainty*), and
all-or-nothing quantifiers (*absolutes*); the conflict news frame of
Semetko & Valkenburg (2000, J. of Communication 50(2)) (*conflict-framing*);
dehumanising metaphor (Haslam 2006, "Dehumanization: an integrative review",
PSPR 10(3)) (*dehumanising*); and atrocity and glorification vocabulary of
war reporting (*violence-atrocity*, *glorification*).  See :data:`CATEGORIES`.

Matching rules
--------------
* The text is split into word tokens (letters/digits with inner apostrophes);
  a lexicon term is a sequence of tokens.  Case-insensitive unless the entry
  says ``case_sensitive: true``; curly and straight apostrophes are the same.
* Between the words of a phrase the text may have whitespace (not a
  paragraph break) or one hyphen: ``peace-loving`` = ``peace loving``.
* Never inside another word, and never inside a hyphenated compound: ``war``
  does not match ``warm``, ``toward`` or ``anti-war`` (list the compound if
  it is loaded).  A possessive ``'s`` after the last word is allowed.
* ``inflect: true`` adds simple English inflections of the last word (noun
  plural, verb -s/-ed/-ing with e-dropping, y→i and consonant doubling,
  adjective -ly/-er/-est); ``inflect: noun|verb|adj`` restricts them and
  ``forms:`` lists further forms explicitly.
* ``exceptions:`` lists phrases inside which the entry does not count
  (``regime`` is not counted inside ``visa regime``).  ``neutral: true``
  entries are matched but never reported: they claim their span so that a
  neutral name (``Second Karabakh War``) wins over a shorter loaded entry.
* Overlaps: the longest match wins; ties go to the earlier start.  If the
  very same span is claimed by entries of different categories, one row per
  category is reported, unless one of them is ``neutral`` (then none is).
* ``pattern:`` entries are regular expressions (case-insensitive unless told),
  anchored at word boundaries, and take part in the same overlap resolution.

Lexicon precedence: the bundled files in ``analysis/lexicons`` are read first
(``general.yaml``, then the others by name), then user files in the order
given.  A later entry with the same term (or pattern) and category replaces
the earlier one; ``disable: true`` removes it.

Known limits: no negation scope ("not a massacre" is still a hit; the
``negated`` column flags a negator among the eight words before the hit in
the same clause), no word-sense
disambiguation beyond ``exceptions``, and quoted wording is reported as
such only when the caller passes the quoted spans.
"""
from __future__ import annotations

import bisect
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd
import yaml

from . import paths as _paths
from .errors import InputError
from .sources import voice  # one definition of voice: most of the span inside a quotation
from .text import count_words, fold
from .text import sentences as _sentences

log = logging.getLogger(__name__)

__all__ = [
    "CATEGORIES",
    "Category",
    "Entry",
    "LexiconFile",
    "Lexicon",
    "Hit",
    "HIT_COLUMNS",
    "load_lexicon",
    "find_loaded",
    "loaded_table",
    "loaded_rates",
    "kwic",
    "inflections",
    "tokens",
]


@dataclass(frozen=True)
class Category:
    """A loaded-language category: id, definition, examples and its literature grounding."""

    id: str
    definition: str
    examples: tuple[str, ...]
    source: str


CATEGORIES: dict[str, Category] = {
    c.id: c
    for c in (
        Category(
            "loaded-language",
            "Words or phrases with strong emotional implications, positive or negative, "
            "used to influence the reader beyond what the facts described require.",
            ("heinous", "outrageous", "sham", "nightmare", "invaluable"),
            "Da San Martino et al. 2019 (PTC 'Loaded Language'); Recasens et al. 2013 (subjective intensifiers)",
        ),
        Category(
            "name-calling",
            "Labelling a person, group or state with a term the audience fears, hates or despises "
            "(or, less often, reveres) instead of naming it.",
            ("regime", "junta", "thugs", "puppet", "archrival", "fascists"),
            "Da San Martino et al. 2019 (PTC 'Name Calling, Labeling')",
        ),
        Category(
            "exaggeration",
            "Representing something as better, worse, larger or smaller than it is "
            "(exaggeration or minimisation).",
            ("unprecedented", "catastrophic", "of epic proportions", "merely"),
            "Da San Martino et al. 2019 (PTC 'Exaggeration, Minimisation')",
        ),
        Category(
            "flag-waving",
            "Appeals to national or group identity and patriotism to justify a position.",
            ("motherland", "patriotic duty", "our heroes", "sacred land"),
            "Da San Martino et al. 2019 (PTC 'Flag-Waving')",
        ),
        Category(
            "doubt",
            "Questioning the credibility or legitimacy of someone or something without evidence, "
            "including scare labels and non-factive report verbs.",
            ("so-called", "self-proclaimed", "baseless", "purported"),
            "Da San Martino et al. 2019 (PTC 'Doubt'); Recasens et al. 2013 (non-factive 'claim')",
        ),
        Category(
            "causal-oversimplification",
            "Assuming a single cause or culprit for an issue with multiple causes.",
            ("solely responsible", "the root of all", "single-handedly"),
            "Da San Martino et al. 2019 (PTC 'Causal Oversimplification')",
        ),
        Category(
            "conflict-framing",
            "Casting relations as a fight between adversaries (war and combat metaphors for "
            "non-military disputes), and one side's vocabulary for contested territory and "
            "responsibility for a war.",
            ("slams", "war of words", "showdown", "liberated", "occupation army"),
            "Semetko & Valkenburg 2000 (conflict frame); Da San Martino et al. 2019 (Black-and-White Fallacy)",
        ),
        Category(
            "dehumanising",
            "Describing people as animals, vermin, disease, vandals or objects, or denying them "
            "human qualities.",
            ("vermin", "subhuman", "infestation", "hordes", "vandals"),
            "Haslam 2006 (animalistic/mechanistic dehumanisation); Da San Martino et al. 2019 (Name Calling)",
        ),
        Category(
            "violence-atrocity",
            "Vocabulary that presents violence as an atrocity or crime, presupposing intent or scale "
            "(beyond a neutral 'killed', 'attacked').",
            ("massacre", "ethnic cleansing", "bloodbath", "wiped off the map"),
            "Da San Martino et al. 2019 (Loaded Language, Exaggeration); atrocity framing in war reporting",
        ),
        Category(
            "glorification",
            "Praise of an actor, action or relationship (heroism, glory, unbreakable friendship) "
            "beyond what description requires.",
            ("heroic", "glorious", "unwavering", "shining example"),
            "Da San Martino et al. 2019 (Loaded Language, Flag-Waving: positive side)",
        ),
        Category(
            "absolutes",
            "All-or-nothing quantifiers, adverbs and extreme-point claims that overgeneralise.",
            ("always", "never", "nobody", "not a single", "all-time high"),
            "Da San Martino et al. 2019 (Exaggeration; Black-and-White Fallacy); Recasens et al. 2013 (intensifiers)",
        ),
        Category(
            "certainty",
            "Markers that present a claim as certain, obvious or presupposed true "
            "(factive and assertive verbs, certainty adverbs).",
            ("undoubtedly", "it is clear that", "the fact that", "proved"),
            "Recasens et al. 2013 (factive verbs, assertives); Hyland 2005 (boosters)",
        ),
    )
}

#: Columns of :func:`loaded_table`, in order (extra columns follow).
HIT_COLUMNS = ["article_id", "text", "entry", "category", "start", "end", "sentence", "voice"]
EXTRA_COLUMNS = ["lexicon", "note", "negated"]

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
_SEP_OK = re.compile(r"[ \t]*\n?[ \t]*|[\-‐‑]")
_HYPHENS = "-‐‑"
_NEGATORS = {"not", "no", "never", "without", "nor", "neither", "hardly", "barely", "cannot"}


def _norm(tok: str, case_sensitive: bool = False) -> str:
    return fold(tok, casefold=not case_sensitive)


def tokens(text: str) -> list[str]:
    """The normalised tokens of a lexicon term (hyphens and spaces both split words)."""
    return [_norm(m.group()) for m in _TOKEN_RE.finditer(text)]


_VOWELS = "aeiou"


def _syllables(w: str) -> int:
    return len(re.findall(r"[aeiouy]+", w))


def inflections(word: str, kinds: Iterable[str] = ("noun", "verb", "adj")) -> set[str]:
    """Simple English inflections of ``word`` (plural, -s/-ed/-ing, -ly/-er/-est).

    Over-generation is harmless (a non-word never occurs in text); the rules
    avoid the usual collisions (``rat`` gives ``ratted``, not ``rated``).
    """
    w = word
    out = {w}
    kinds = set(kinds)
    if not w or not w[-1].isalpha():
        return out
    cvc = (len(w) >= 3 and w[-1] not in _VOWELS + "wxy" and w[-2] in _VOWELS and w[-3] not in _VOWELS)
    if kinds & {"noun", "verb"}:
        if w.endswith(("s", "x", "z", "ch", "sh")):
            out.add(w + "es")
        elif w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
            out.add(w[:-1] + "ies")
        else:
            out.add(w + "s")
            if w.endswith("o"):
                out.add(w + "es")
        if w.endswith("f"):
            out.add(w[:-1] + "ves")
        elif w.endswith("fe"):
            out.add(w[:-2] + "ves")
    if "verb" in kinds:
        if w.endswith("ie"):
            out |= {w + "d", w[:-2] + "ying"}
        elif w.endswith("e"):
            out |= {w + "d", w[:-1] + "ing"}
        elif w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
            out |= {w[:-1] + "ied", w + "ing"}
        elif w.endswith("c"):
            out |= {w + "ked", w + "king", w + "ed", w + "ing"}
        elif cvc:
            out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
            if _syllables(w) > 1:
                out |= {w + "ed", w + "ing"}
        else:
            out |= {w + "ed", w + "ing"}
    if "adj" in kinds:
        if w.endswith("le") and len(w) > 3 and w[-3] not in _VOWELS:
            out.add(w[:-1] + "y")  # terrible -> terribly
        elif w.endswith("ic"):
            out |= {w + "ally", w + "ly"}
        elif w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
            out |= {w[:-1] + "ily", w[:-1] + "ier", w[:-1] + "iest"}
        elif w.endswith("ll"):
            out.add(w + "y")
        else:
            out.add(w + "ly")
        if _syllables(w) <= 2 and not w.endswith(("ic", "ous", "ful", "ive", "al", "ed", "ing")):
            if w.endswith("e"):
                out |= {w + "r", w + "st"}
            elif not w.endswith("y"):
                out |= {w + "er", w + "est"}
    return out


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
    """The bundled lexicon files in precedence order (general first, then by name)."""
    files = sorted(_paths.LEXICONS.glob("*.yaml"), key=lambda p: (p.name != "general.yaml", p.name))
    return files


def load_lexicon(paths: Sequence[Path | str] | None = None, *, include_default: bool = True) -> Lexicon:
    """Load, validate and merge lexicon files.

    The bundled files come first (unless ``include_default=False``), then
    ``paths`` in order (a folder means every ``*.yaml`` in it).  A later
    entry with the same term/pattern and category overrides the earlier one;
    an entry with ``disable: true`` removes it.  Raises
    :class:`~analysis.errors.InputError` naming the file and entry on any
    problem.
    """
    files: list[Path] = list(default_lexicon_files()) if include_default else []
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


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One match of a lexicon entry in a text (offsets into that text)."""

    text: str
    entry: str
    category: str
    start: int
    end: int
    sentence: int | None
    voice: str
    lexicon: str
    note: str
    negated: bool = False


_GAP_CLASS: dict[str, tuple[bool, bool]] = {}


def _gap_class(gap: str) -> tuple[bool, bool]:
    """(joinable, hyphenated) for the characters between two tokens."""
    c = _GAP_CLASS.get(gap)
    if c is None:
        if len(gap) == 1 and gap in _HYPHENS:
            c = (True, True)
        else:
            c = (bool(gap) and _SEP_OK.fullmatch(gap) is not None, False)
        if len(_GAP_CLASS) < 10_000:
            _GAP_CLASS[gap] = c
    return c


def _apos(text: str) -> str:
    """Curly apostrophes to straight ones (one character for one: offsets are kept)."""
    if "’" in text:
        text = text.replace("’", "'")
    if "‘" in text:
        text = text.replace("‘", "'")
    if "ʼ" in text:
        text = text.replace("ʼ", "'")
    return text


class _Tokens:
    """Token spans of a text with normalised forms and validity of the gaps between them."""

    def __init__(self, text: str):
        self.text = text
        norm = _apos(text)
        ms = list(_TOKEN_RE.finditer(norm))
        self.spans = spans = [m.span() for m in ms]
        self.raw = raw = [m.group() for m in ms]
        folded = norm.casefold()
        if len(folded) == len(norm):
            self.low = [folded[a:b] for a, b in spans]
        else:  # casefolding changed lengths (e.g. ß): fold token by token
            self.low = [t.casefold() for t in raw]
        # joinable[i]: token i and i+1 may be part of one phrase (whitespace without a blank
        # line, or one hyphen); hyph[i]: token i and i+1 form one hyphenated compound
        get = _GAP_CLASS.get
        gaps = [norm[a[1]:b[0]] for a, b in zip(spans, spans[1:])]
        cls = [get(g) or _gap_class(g) for g in gaps]
        self.joinable = [c[0] for c in cls] + [False]
        self.hyph = [c[1] for c in cls] + [False]

    def __len__(self) -> int:
        return len(self.spans)


_INITIAL_BEFORE = set(".!?:;\"“”‘'(—–-\n")


def _sentence_initial(text: str, pos: int) -> bool:
    """True if ``pos`` starts a sentence, line or quotation (a capital there is not a name)."""
    k = pos - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in _INITIAL_BEFORE


def _strip_possessive(tok: str) -> str | None:
    if tok.endswith("'s") and len(tok) > 2:
        return tok[:-2]
    return None


class _Matcher:
    """Compiled form of a lexicon: token-sequence dictionaries plus regex patterns."""

    def __init__(self, entries: Sequence[Entry], *, name_guard: bool = True):
        self.index: dict[bool, dict[tuple[str, ...], list[Entry]]] = {False: {}, True: {}}
        self.first: dict[bool, dict[str, list[int]]] = {False: {}, True: {}}
        self.pairs: dict[bool, set[tuple[str, str]]] = {False: set(), True: set()}
        self.maxlen = 1
        self.patterns: list[tuple[re.Pattern, Entry]] = []
        self.exceptions: dict[int, list[tuple[str, ...]]] = {}
        self.proper_guard: dict[int, bool] = {}
        for e in entries:
            if name_guard and e.term is not None and e.term == e.term.lower() and len(tokens(e.term)) == 1:
                self.proper_guard[id(e)] = True
            if e.pattern is not None:
                flags = 0 if e.case_sensitive else re.IGNORECASE
                rx = re.compile(rf"(?<![^\W_])(?:{e.pattern})(?![^\W_])", flags)
                self.patterns.append((rx, e))
                continue
            cs = e.case_sensitive
            for key, sig in e.surface_keys().items():
                lst = self.index[cs].setdefault(key, [])
                if all(x is not e for x, _ in lst):
                    lst.append((e, sig if e.hyphen_only else None))
                self.first[cs].setdefault(key[0], []).append(len(key))
                if len(key) > 1:
                    self.pairs[cs].add(key[:2])
                self.maxlen = max(self.maxlen, len(key))
            if e.exceptions:
                self.exceptions[id(e)] = [tuple(tokens(x)) for x in e.exceptions]
        for d in self.first.values():  # phrase lengths to try for each first word, longest first
            for k, v in d.items():
                d[k] = sorted(set(v), reverse=True)

    def candidates(self, tk: _Tokens) -> list[tuple[int, int, Entry, tuple[int, int] | None]]:
        """All matches (start, end, entry, token range) before overlap resolution."""
        out = []
        n = len(tk)
        for cs, seq in ((False, tk.low), (True, tk.raw)):
            index, first = self.index[cs], self.first[cs]
            if not index:
                continue
            hyph, joinable, spans, pairs = tk.hyph, tk.joinable, tk.spans, self.pairs[cs]
            positions = [i for i, t in enumerate(seq) if t in first or (t[-2:] == "'s" and t[:-2] in first)]
            for i in positions:
                t = seq[i]
                lengths = first.get(t)
                if lengths is None:  # a possessive of a one-word entry
                    lengths = [1] if 1 in first[t[:-2]] else None
                    if lengths is None:
                        continue
                if i > 0 and hyph[i - 1]:
                    continue  # inside a hyphenated compound
                multi = joinable[i] and ((t, seq[i + 1]) in pairs or (
                    seq[i + 1][-2:] == "'s" and (t, seq[i + 1][:-2]) in pairs))
                for L in lengths:
                    if L > 1 and not multi:
                        continue
                    j = i + L - 1
                    if j >= n or (L > 2 and not all(joinable[i + 1:j])):
                        continue
                    if j + 1 < n and hyph[j]:
                        continue
                    key = tuple(seq[i:j + 1])
                    end = spans[j][1]
                    ents = index.get(key)
                    if ents is None:
                        last = seq[j]
                        if len(last) > 2 and last.endswith("'s"):
                            ents = index.get(key[:-1] + (last[:-2],))
                            end -= 2
                    if ents:
                        for e, sig in ents:
                            if sig is not None and tuple(tk.hyph[i:j]) != sig:
                                continue  # hyphen_only: the text must be hyphenated where the term is
                            if (L == 1 and not cs and self.proper_guard.get(id(e)) and tk.raw[i][:1].isupper()
                                    and not tk.raw[i].isupper() and not _sentence_initial(tk.text, tk.spans[i][0])):
                                continue  # a capitalised word mid-sentence is taken for a name (Gallant)
                            out.append((tk.spans[i][0], end, e, (i, j)))
        for rx, e in self.patterns:
            for m in rx.finditer(tk.text):
                if m.end() > m.start():
                    out.append((m.start(), m.end(), e, None))
        return out

    def _excepted(self, tk: _Tokens, e: Entry, rng: tuple[int, int] | None, start: int, end: int) -> bool:
        excs = self.exceptions.get(id(e))
        if not excs:
            return False
        if rng is None:
            i = bisect.bisect_left([s for s, _ in tk.spans], start)
            j = max(i, bisect.bisect_left([s for s, _ in tk.spans], end) - 1)
        else:
            i, j = rng
        for exc in excs:
            L = len(exc)
            for s in range(max(0, j - L + 1), i + 1):
                t = s + L - 1
                if t >= len(tk) or t < j:
                    continue
                if L > 1 and not all(tk.joinable[s:t]):
                    continue
                if tuple(tk.low[s:t + 1]) == exc or (
                    _strip_possessive(tk.low[t]) is not None
                    and tuple(tk.low[s:t]) + (_strip_possessive(tk.low[t]),) == exc
                ):
                    return True
        return False

    def match(self, text: str) -> list[tuple[int, int, Entry]]:
        """Resolved, non-overlapping matches (longest wins), neutral entries dropped, in text order."""
        tk = _Tokens(text)
        cands = [
            (s, e_, ent) for s, e_, ent, rng in self.candidates(tk)
            if not self._excepted(tk, ent, rng, s, e_)
        ]
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], not c[2].neutral))
        kept: list[tuple[int, int, Entry]] = []
        taken: list[tuple[int, int]] = []  # sorted spans
        for s, e_, ent in cands:
            k = bisect.bisect_left(taken, (s, e_))
            same = k < len(taken) and taken[k] == (s, e_)
            if same:
                if any(x[0] == s and x[1] == e_ and (x[2].category == ent.category or x[2].neutral or ent.neutral)
                       for x in kept):
                    continue
                kept.append((s, e_, ent))
                continue
            clash = (k > 0 and taken[k - 1][1] > s) or (k < len(taken) and taken[k][0] < e_)
            if clash:
                continue
            taken.insert(k, (s, e_))
            kept.append((s, e_, ent))
        kept = [k for k in kept if not k[2].neutral]
        kept.sort(key=lambda c: (c[0], c[1], c[2].category))
        return kept


_CLAUSE_BREAK = re.compile(r"[;:!?()\[\]—–]|\b(?:but|however|although|though|while|whereas)\b", re.IGNORECASE)


def _negated(text: str, start: int, sent_start: int) -> bool:
    """A negator among the (up to) eight words before ``start`` in the same clause."""
    before = _apos(text[max(sent_start, start - 120):start]).casefold()
    cut = None
    for cut in _CLAUSE_BREAK.finditer(before):
        pass
    if cut is not None:
        before = before[cut.end():]
    toks = _TOKEN_RE.findall(before)[-8:]
    return any(t in _NEGATORS or t.endswith("n't") for t in toks)


def find_loaded(
    text: str,
    *,
    lexicon: Lexicon,
    sentences: Sequence[Any] | None = None,
    quoted_spans: Sequence[tuple[int, int]] | None = None,
) -> list[Hit]:
    """All loaded-language hits in ``text`` (cleaned article text), in text order.

    ``sentences`` (as from :func:`analysis.text.sentences`) is computed when not
    given; ``quoted_spans`` are (start, end) offsets of quoted material in
    ``text`` — a hit whose middle lies inside one is ``voice="quoted"``.
    """
    if sentences is None:
        sentences = _sentences(text)
    starts = [s.start for s in sentences]
    hits: list[Hit] = []
    for s, e, ent in lexicon.matcher.match(text):
        k = bisect.bisect_right(starts, s) - 1
        sent = sentences[k].index if k >= 0 else None
        sent_start = sentences[k].start if k >= 0 else 0
        hits.append(Hit(
            text=text[s:e], entry=ent.label, category=ent.category, start=s, end=e,
            sentence=sent, voice=voice(s, e, list(quoted_spans or [])),
            lexicon=ent.file.label if ent.file else "", note=ent.note,
            negated=_negated(text, s, sent_start),
        ))
    return hits


def _article_sentences(article: Any):
    s = getattr(article, "sentences", None)
    if callable(s):
        s = s()
    return s


def loaded_table(
    articles: Iterable[Any],
    *,
    lexicon: Lexicon,
    quoted_spans: Mapping[str, Sequence[tuple[int, int]]] | None = None,
) -> pd.DataFrame:
    """One evidence row per hit for every article (``.id``, ``.text``, ``.sentences``).

    Columns: :data:`HIT_COLUMNS` then ``lexicon`` (file@version), ``note``,
    ``negated``.  Offsets are into the cleaned article text.
    """
    rows = []
    for a in articles:
        spans = (quoted_spans or {}).get(a.id)
        for h in find_loaded(a.text, lexicon=lexicon, sentences=_article_sentences(a), quoted_spans=spans):
            rows.append((a.id, h.text, h.entry, h.category, h.start, h.end, h.sentence, h.voice,
                         h.lexicon, h.note, h.negated))
    df = pd.DataFrame(rows, columns=HIT_COLUMNS + EXTRA_COLUMNS)
    df = df.astype({"start": "int64", "end": "int64", "negated": "bool"})
    df["sentence"] = df["sentence"].astype("Int64")
    return df


def rate_column(category: str) -> str:
    return "loaded_per_1000_" + category.replace("-", "_")


def loaded_rates(hits_df: pd.DataFrame, articles: Iterable[Any]) -> pd.DataFrame:
    """Per-article counts and rates per 1,000 words, overall, per category and per voice.

    Columns: ``article_id, words, loaded_hits, loaded_per_1000``, one
    ``loaded_per_1000_<category>`` for every category (0.0 where none), then
    ``loaded_per_1000_author`` and ``loaded_per_1000_quoted``.  All rates use
    the article's total word count as denominator, so the category rates and
    the two voice rates each sum to ``loaded_per_1000``.
    """
    rows = []
    by_article = {k: g for k, g in hits_df.groupby("article_id")} if len(hits_df) else {}
    for a in articles:
        words = count_words(a.text)
        g = by_article.get(a.id)
        n = 0 if g is None else len(g)
        per = (lambda k: 1000.0 * k / words if words else 0.0)
        row = {"article_id": a.id, "words": words, "loaded_hits": n, "loaded_per_1000": per(n)}
        cats = {} if g is None else g["category"].value_counts().to_dict()
        for c in CATEGORIES:
            row[rate_column(c)] = per(cats.get(c, 0))
        voices = {} if g is None else g["voice"].value_counts().to_dict()
        row["loaded_per_1000_author"] = per(voices.get("author", 0))
        row["loaded_per_1000_quoted"] = per(voices.get("quoted", 0))
        rows.append(row)
    cols = (["article_id", "words", "loaded_hits", "loaded_per_1000"]
            + [rate_column(c) for c in CATEGORIES] + ["loaded_per_1000_author", "loaded_per_1000_quoted"])
    return pd.DataFrame(rows, columns=cols)


def kwic(
    articles: Iterable[Any],
    term: str,
    *,
    width: int = 60,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """Keyword-in-context lines for ``term`` in every article.

    If ``lexicon`` has an entry with this term (or pattern) its matching rules
    apply (inflections, exceptions); otherwise ``term`` is a literal word or
    phrase, case-insensitive, word-bounded, hyphen = space.  Columns:
    ``article_id, start, end, left, match, right, sentence``.
    """
    if not term or not term.strip():
        raise InputError(None, "kwic: the term is empty")
    entry = lexicon.find(term) if lexicon is not None else None
    if entry is None:
        if not _TOKEN_RE.search(term):
            raise InputError(None, f"kwic: {term!r} has no words to match")
        entry = Entry(term=term, pattern=None, category="loaded-language")
    else:
        entry = Entry(**{**entry.__dict__, "neutral": False, "category": entry.category or "loaded-language"})
    matcher = _Matcher([entry], name_guard=False)
    rows = []
    for a in articles:
        text = a.text
        sents = _article_sentences(a) or []
        starts = [s.start for s in sents]
        for s, e, _ in matcher.match(text):
            k = bisect.bisect_right(starts, s) - 1
            left = text[max(0, s - width):s].replace("\n", " ")
            right = text[e:e + width].replace("\n", " ")
            rows.append((a.id, s, e, left, text[s:e], right, sents[k].index if k >= 0 else None))
    df = pd.DataFrame(rows, columns=["article_id", "start", "end", "left", "match", "right", "sentence"])
    df["sentence"] = df["sentence"].astype("Int64")
    return df


def hit_context(hits: pd.DataFrame, texts: Mapping[str, str], *, width: int = 60) -> pd.DataFrame:
    """Keyword-in-context lines for evidence rows of :func:`loaded_table`.

    Unlike :func:`kwic`, which searches the texts again, this shows exactly
    the hits that were counted (so a figure's numbers and its evidence agree).
    ``texts`` maps article id to the cleaned text the offsets point into.
    Adds ``left`` and ``right`` (``width`` characters, newlines as spaces).
    """
    left, right = [], []
    for aid, s, e in zip(hits["article_id"], hits["start"], hits["end"]):
        text = texts[str(aid)]
        left.append(text[max(0, int(s) - width):int(s)].replace("\n", " "))
        right.append(text[int(e):int(e) + width].replace("\n", " "))
    return hits.assign(left=left, right=right)


def top_entries(hits: pd.DataFrame) -> pd.DataFrame:
    """Lexicon entries by number of hits: ``entry, category, hits, articles, as_written`` (most first)."""
    cols = ["entry", "category", "hits", "articles", "as_written"]
    if hits.empty:
        return pd.DataFrame(columns=cols)
    out = (hits.groupby(["entry", "category"])
           .agg(hits=("text", "size"), articles=("article_id", "nunique"),
                as_written=("text", lambda s: "; ".join(sorted(set(s))[:3])))
           .reset_index()
           .sort_values(["hits", "entry"], ascending=[False, True], kind="stable"))
    return out[cols].reset_index(drop=True)


def category_label(column_or_id: str) -> str:
    """A category id from an id or a rate column name (``loaded_per_1000_name_calling`` -> ``name-calling``)."""
    c = column_or_id.removeprefix("loaded_per_1000_")
    return c.replace("_", "-")


# ---------------------------------------------------------------------------
# Evaluation against hand-annotated gold spans
# ---------------------------------------------------------------------------


def evaluate(
    gold_csv: str | Path,
    seeds_dir: str | Path,
    *,
    lexicon: Lexicon | None = None,
) -> dict[str, Any]:
    """Precision, recall and F1 of :func:`find_loaded` against gold spans, at span overlap.

    ``gold_csv`` has ``source,start,end,text,category`` with offsets into the
    raw seed file ``seeds_dir/source``; predicted hits (cleaned-text offsets)
    are mapped to raw offsets with :meth:`analysis.text.Cleaned.to_raw`.  A
    predicted span is correct if it overlaps a gold span (any category); a gold
    span is found if a predicted span overlaps it.  Per category, precision is
    over predicted spans of that category and recall over gold spans of that
    category, both ignoring the category of the other side; ``strict`` figures
    require the same category.  ``category_agreement`` is the share of
    overlapping (predicted, gold) pairs whose categories agree.
    """
    from .text import clean

    lexicon = lexicon or load_lexicon()
    gold = pd.read_csv(gold_csv)
    preds = []
    for source in sorted(set(gold["source"])):
        raw = (Path(seeds_dir) / source).read_bytes().decode("utf-8")  # line endings as the corpus keeps them
        c = clean(raw)
        for h in find_loaded(c.text, lexicon=lexicon):
            preds.append((source, c.to_raw(h.start), c.to_raw(h.end), h.text, h.category))
    pred = pd.DataFrame(preds, columns=["source", "start", "end", "text", "category"])

    def overlaps(row, other):
        o = other[other["source"] == row.source]
        return o[(o["start"] < row.end) & (o["end"] > row.start)]

    pred["hit"] = [len(overlaps(r, gold)) > 0 for r in pred.itertuples()]
    pred["strict"] = [(overlaps(r, gold)["category"] == r.category).any() for r in pred.itertuples()]
    gold = gold.copy()
    gold["found"] = [len(overlaps(r, pred)) > 0 for r in gold.itertuples()]
    gold["strict"] = [(overlaps(r, pred)["category"] == r.category).any() for r in gold.itertuples()]
    pairs = [(r.category, c) for r in gold.itertuples() for c in overlaps(r, pred)["category"]]

    def prf(p_ok, p_n, r_ok, r_n):
        p = p_ok / p_n if p_n else float("nan")
        r = r_ok / r_n if r_n else float("nan")
        f = 2 * p * r / (p + r) if p_n and r_n and (p + r) else float("nan") if not (p_n and r_n) else 0.0
        return {"precision": p, "recall": r, "f1": f, "predicted": p_n, "gold": r_n}

    overall = prf(pred["hit"].sum(), len(pred), gold["found"].sum(), len(gold))
    strict = prf(pred["strict"].sum(), len(pred), gold["strict"].sum(), len(gold))
    per_cat = {}
    for c in CATEGORIES:
        pc, gc = pred[pred["category"] == c], gold[gold["category"] == c]
        per_cat[c] = prf(pc["hit"].sum(), len(pc), gc["found"].sum(), len(gc))
    agreement = sum(g == p for g, p in pairs) / len(pairs) if pairs else float("nan")
    return {
        "overall": overall, "strict": strict, "per_category": per_cat,
        "category_agreement": agreement, "pairs": len(pairs), "predicted": pred, "gold": gold,
    }


def format_evaluation(result: Mapping[str, Any]) -> str:
    """A plain-text table of :func:`evaluate` results."""
    def row(name, d):
        return (f"{name:<27} {d['precision']:>6.2f} {d['recall']:>6.2f} {d['f1']:>6.2f} "
                f"{d['predicted']:>6} {d['gold']:>6}")

    lines = [f"{'':<27} {'P':>6} {'R':>6} {'F1':>6} {'pred':>6} {'gold':>6}",
             row("overall (span overlap)", result["overall"]),
             row("strict (same category)", result["strict"])]
    lines += [row(c, d) for c, d in result["per_category"].items()]
    lines.append(f"category agreement on overlapping pairs: {result['category_agreement']:.2f} "
                 f"({result['pairs']} pairs)")
    return "\n".join(lines)
