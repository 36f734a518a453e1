"""Clean scraped article text and segment it into sentences and words.

Method
------
*Cleaning* is line based and only ever removes whole lines or trims
whitespace: the words of the article are never rewritten.  Each removed line
is recorded as a :class:`Removal` (kind, raw offsets, text) so the cleaning
can be audited, and :meth:`Cleaned.to_raw` maps any offset in the cleaned
text back to the raw file.  The one in-line change is the replacement of
no-break spaces by plain spaces, which keeps every offset.

Kinds of debris recognised (the first corpus shows each of them):

``widget``       a page widget line such as ``date 2024-04-07 + ↺ − 16 px``
``masthead``     a bare site name at the top (``Politicon.co``)
``repeated-title`` the headline repeated on the next line
``byline``       ``By NAME, …`` lines at the top
``signature``    name/outlet sign-off lines at the end (``Sabina Alizade``, ``News.Az``)
``footer``       ``SIMILAR ARTICLES``-style blocks and everything after them
``blank``        runs of blank lines (collapsed into paragraph breaks)
``boilerplate``  lines learned as repeated across many articles of the same outlet (see
                 :mod:`analysis.boilerplate`); only when the caller passes them

*Headlines* are kept, not removed: a short first line without final punctuation (after any widget
or masthead lines) is the headline and becomes the first paragraph of the cleaned text;
:attr:`Cleaned.headline_end` is the offset where it ends (0 when the text has none).  A text's only
line is never a headline (it is the text: a sentence, a snippet) and cleaning never removes a text's
only line.  When the raw text has no headline line but the article's metadata states or supplies a
title (``clean(raw, title=...)``), that title is put in front as the headline paragraph; it has no
raw counterpart, so :attr:`Cleaned.headline_in_raw` is ``False`` and :meth:`Cleaned.to_raw` maps
offsets inside it to the start of the first kept raw line (a zero-width point).

Paragraphs are joined with one blank line (``"\\n\\n"``).  A line is a paragraph of its own (as
copied web text usually is) unless it is hard-wrapped: a line without closing punctuation followed,
with no blank line between, by a line that starts in lower case continues the same paragraph and is
joined with a single ``"\\n"``.  Line endings may be ``\\n``, ``\\r\\n`` or ``\\r``.

*Sentence segmentation* uses NLTK's Punkt tokenizer (Kiss & Strunk 2006,
"Unsupervised multilingual sentence boundary detection", Computational
Linguistics 32(4)) with an abbreviation list shipped in this module instead
of the downloadable ``punkt`` model, so nothing is fetched at run time.
Paragraph breaks are always sentence breaks, so headings stand alone.

Known limits: a headline line that ends in a full stop is taken for body
text (unless it equals the title given with the article); a signature is recognised only when it looks like a short name or a
site name; Punkt may split after an abbreviation that is not in the list.
"""
from __future__ import annotations

import bisect
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "Cleaned",
    "Removal",
    "Sentence",
    "clean",
    "paragraphs",
    "sentences",
    "voice",
    "word_spans",
    "words",
    "count_words",
    "normalise_for_hash",
    "fold",
]

#: A word: letters/digits with inner apostrophes or hyphens, or a number with separators.
WORD_RE = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)

_WIDGET_RE = re.compile(
    r"(?:\b\d{1,3}\s*px\b|[↺↻⟳⤾]|\bfont\s*size\b|^\s*(?:date|posted|published)\s+\d{4}-\d{2}-\d{2}\s*[+\-−]?)",
    re.IGNORECASE,
)
_SITE_RE = re.compile(r"^(?:www\.)?[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z]{2,})+$")
_FOOTER_RE = re.compile(
    r"^(?:similar articles|related articles|related stories|related posts|read more|read also|"
    r"more stories|you may also like|recommended|share this( article)?|tags?:.*|comments?)\s*:?$",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(r"^[Bb]y\s+[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,4}\b", re.UNICODE)
_NAME_RE = re.compile(r"^[A-Z][a-z'’\-]+(?:\s+(?:[A-Z]\.|[A-Z][a-z'’\-]+)){1,3}$")
_INITIALS_RE = re.compile(r"^[A-Z]{2,3}$")
_END_PUNCT = tuple(".!?…:;\"”’)")


@dataclass(frozen=True)
class Removal:
    """A line removed by :func:`clean`, with its offsets in the raw text."""

    kind: str
    raw_start: int
    raw_end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence with character offsets into the cleaned text."""

    index: int
    start: int
    end: int
    text: str


@dataclass
class Cleaned:
    """The cleaned body text, what was removed, and the offset map to the raw text."""

    text: str
    removed: list[Removal] = field(default_factory=list)
    #: (clean_start, raw_start, length) for every kept piece of text, in order.
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    #: Offset in :attr:`text` where the headline paragraph ends (0: no headline).
    headline_end: int = 0
    #: False when the headline was taken from the metadata title (it is not in the raw text).
    headline_in_raw: bool = True

    @property
    def headline(self) -> str:
        """The headline paragraph ("" when there is none)."""
        return self.text[:self.headline_end]

    @property
    def body_start(self) -> int:
        """Offset where the body begins (after the headline and its paragraph break)."""
        if not self.headline_end:
            return 0
        return min(self.headline_end + 2, len(self.text))

    @property
    def body(self) -> str:
        """The text without its headline paragraph."""
        return self.text[self.body_start:]

    def to_raw(self, offset: int) -> int:
        """Map an offset in :attr:`text` to the matching offset in the raw text."""
        if not self.segments:
            return offset
        starts = [s[0] for s in self.segments]
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        c0, r0, n = self.segments[i]
        return r0 + min(max(offset - c0, 0), n)

    def removed_of(self, kind: str) -> list[Removal]:
        return [r for r in self.removed if r.kind == kind]


_LINE_END = re.compile(r"\r\n|\r|\n")


def _lines(raw: str) -> list[tuple[int, int]]:
    """(start, end) of every line in ``raw``, line ending excluded (``\\n``, ``\\r\\n`` or ``\\r``)."""
    out, pos = [], 0
    for m in _LINE_END.finditer(raw):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(raw)))
    return out


def _wrapped(line: str, next_line: str) -> bool:
    """True when ``next_line`` continues ``line`` (a hard-wrapped paragraph), not a new paragraph."""
    return not line.endswith(_END_PUNCT) and next_line[:1].islower()


def _strip_span(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return start, end


def _looks_like_title(line: str, next_line: str | None) -> bool:
    n = len(WORD_RE.findall(line))
    if not 2 <= n <= 25 or line.endswith((".", "!", ";", ",")):
        return False
    if next_line is not None and _wrapped(line, next_line):
        return False
    return next_line is None or len(next_line) > len(line) or bool(_BYLINE_RE.match(next_line))


def _headline_form(title: str | None) -> str:
    """A metadata title as one headline line (whitespace collapsed)."""
    return " ".join(str(title or "").split())


@lru_cache(maxsize=256)
def clean(raw: str, *, title: str | None = None, boilerplate: frozenset[str] = frozenset()) -> Cleaned:
    """Remove scraping debris from ``raw`` and return the :class:`Cleaned` text.

    The headline (a title line of the raw text, or else ``title``, the
    article's stated or supplied title) opens the text as its own paragraph;
    see the module docstring.  Results are cached (the same raw text is
    validated, hashed and read for metadata during an import); treat the
    returned object as read-only.  ``boilerplate`` holds the :func:`normalise_for_hash` forms of
    lines learned as boilerplate of the article's outlet (:mod:`analysis.boilerplate`); such lines
    are removed as ``boilerplate``.

    Works on any plain text; an article without debris comes back with its
    paragraphs separated by one blank line and nothing removed but blank runs.
    """
    raw = raw.replace("\u00a0", " ")
    spans = [_strip_span(raw, a, b) for a, b in _lines(raw)]
    content = [(a, b) for a, b in spans if b > a]
    kind: dict[int, str] = {}  # index into `content` -> removal kind ("title" is kept as the headline)
    wanted = _headline_form(title)

    def text_of(i: int) -> str:
        a, b = content[i]
        return raw[a:b]

    # Footer: the first footer heading in the last third and everything after it.
    for i in range(len(content)):
        if i >= max(1, len(content) * 2 // 3) and _FOOTER_RE.match(text_of(i)):
            for j in range(i, len(content)):
                kind[j] = "footer"
            break
    # Lines learned as the outlet's boilerplate (newsletter footers, share prompts), anywhere.
    if boilerplate:
        for k in range(len(content)):
            if k not in kind and normalise_for_hash(text_of(k)) in boilerplate:
                kind[k] = "boilerplate"
    # Top of the article: widgets, masthead, title (+ repeats), bylines.
    i = 0
    seen_title: str | None = None
    while i < len(content) and i < 8:
        t = text_of(i)
        if kind.get(i) == "boilerplate":
            i += 1
            continue
        nxt = text_of(i + 1) if i + 1 < len(content) else None
        if _WIDGET_RE.search(t) and len(t) < 80:
            kind[i] = "widget"
        elif seen_title is None and _SITE_RE.match(t):
            kind[i] = "masthead"
        elif seen_title is not None and t.casefold() == seen_title.casefold():
            kind[i] = "repeated-title"
        elif _BYLINE_RE.match(t) and len(t) < 300:
            kind[i] = "byline"
        elif seen_title is None and nxt is not None and nxt.casefold() == t.casefold():
            kind[i] = "title"
            seen_title = t
        elif seen_title is None and nxt is not None \
                and i == sum(1 for k in kind.values() if k in ("widget", "masthead", "boilerplate")) \
                and (_looks_like_title(t, nxt) or (wanted and t.casefold() == wanted.casefold())):
            kind[i] = "title"
            seen_title = t
        else:
            break
        i += 1
    # Bottom: signature lines (a name, initials or a site name), at most three.
    j = len(content) - 1
    while j >= 0 and kind.get(j) in ("footer", "boilerplate"):
        j -= 1
    n_sig = 0
    while j > i and n_sig < 3:
        t = text_of(j)
        if kind.get(j) == "boilerplate":
            j -= 1
            continue
        if _SITE_RE.match(t) or _NAME_RE.match(t) or _INITIALS_RE.match(t):
            kind[j] = "signature"
            n_sig += 1
            j -= 1
        else:
            break

    if len(content) == 1:
        kind = {}  # never remove a text's only line

    removed: list[Removal] = []
    pieces: list[str] = []
    segments: list[tuple[int, int, int]] = []
    headline_end = 0
    pos = 0
    prev_end = 0
    prev_kept: str | None = None  # the last kept line, and whether a blank line followed it
    blank_since = False
    for idx, (a, b) in enumerate(content):
        gap = raw[prev_end:a]
        breaks = len(_LINE_END.findall(gap))
        if breaks > 2:  # a run of blank lines
            removed.append(Removal("blank", prev_end, a, gap))
        blank_since = blank_since or breaks > 1
        prev_end = b
        if idx in kind and kind[idx] != "title":
            removed.append(Removal(kind[idx], a, b, raw[a:b]))
            continue
        line = raw[a:b]
        if prev_kept is not None:
            # a hard-wrapped line continues its paragraph; anything else (and the headline) ends one
            wrapped = not blank_since and not (headline_end and pos == headline_end) and _wrapped(prev_kept, line)
            sep = "\n" if wrapped else "\n\n"
            pieces.append(sep)
            pos += len(sep)
        prev_kept, blank_since = line, False
        pieces.append(raw[a:b])
        segments.append((pos, a, b - a))
        pos += b - a
        if kind.get(idx) == "title":
            headline_end = pos
    removed.sort(key=lambda r: r.raw_start)
    text = "".join(pieces)
    if not headline_end and wanted and text:
        first = text.split("\n\n", 1)[0]
        if first.casefold() == wanted.casefold():  # the title is the first paragraph: it is the headline
            headline_end = len(first)
        elif not segments or segments[0][0] == 0:
            shift = len(wanted) + 2
            return Cleaned(text=f"{wanted}\n\n{text}", removed=removed,
                           segments=[(c0 + shift, r0, n) for c0, r0, n in segments],
                           headline_end=len(wanted), headline_in_raw=False)
    return Cleaned(text=text, removed=removed, segments=segments, headline_end=headline_end)


_ABBREVIATIONS = (
    "prof dr mr mrs ms mx sr jr st mt ft gen lt col maj capt cmdr adm sgt cpl pvt gov sen rep rev "
    "pres amb hon supt insp det sec dept univ assn bros co corp inc ltd llc no nos vol vols fig figs "
    "approx est etc vs cf al e.g i.e a.m p.m u.s u.k u.n e.u u.s.a u.a.e d.c "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb "
    "nev okla ore pa tenn tex va vt wash wis wyo"
).split()


def _import_punkt():
    """NLTK's ``punkt`` module without running ``nltk/__init__.py`` (nor ``nltk/tokenize/__init__.py``).

    ``import nltk.tokenize.punkt`` first executes the package's ``__init__``, which imports nearly all of
    NLTK, SciPy's statistics (``nltk.collocations``) and scikit-learn: about 2 s of CPU in every worker
    process, for a module that needs only ``nltk.probability``, ``nltk.tokenize.api`` and a few small
    helpers.  When NLTK is not imported yet, the two packages are stood in for by empty modules with the
    same ``__path__`` while ``punkt`` and its dependencies load (the same files, so the same code and
    results); then every ``nltk`` module loaded so is taken out of ``sys.modules`` again (the tokenizer
    keeps its own references), so a later ``import nltk`` elsewhere loads the real package as usual.
    """
    import sys

    if "nltk.tokenize.punkt" in sys.modules or "nltk" in sys.modules:
        import nltk.tokenize.punkt as punkt

        return punkt
    import importlib.util
    import types

    spec = importlib.util.find_spec("nltk")
    root = spec.submodule_search_locations[0] if spec and spec.submodule_search_locations else None
    if root is None:  # not a plain package on disk: import it the ordinary way
        import nltk.tokenize.punkt as punkt

        return punkt
    before = set(sys.modules)
    try:
        for name, path in (("nltk", root), ("nltk.tokenize", os.path.join(root, "tokenize"))):
            stub = types.ModuleType(name)
            stub.__path__ = [path]
            sys.modules[name] = stub
        import nltk.tokenize.punkt as punkt
    finally:
        for name in [m for m in sys.modules if m not in before and (m == "nltk" or m.startswith("nltk."))]:
            del sys.modules[name]
    return punkt


def _unguarded(pattern):
    """The compiled pattern inside NLTK's ReDoS guard (``nltk.redos.TimedPattern``, NLTK >= 3.9.3), or
    ``pattern`` itself when it is not wrapped."""
    return getattr(pattern, "_rx", pattern)


@lru_cache(maxsize=2)
def _punkt(*, stock: bool = False):
    """The Punkt sentence tokenizer with the shipped abbreviations (``stock``: as NLTK builds it, guard and
    all; the benchmarks' floor, "bare VADER over Punkt", is timed with it).

    Its regular expressions are NLTK's own, compiled by NLTK with the same engine (``regex``), but matched
    without the per-call wall-clock guard NLTK wraps them in (``nltk.redos``: a Python-level wrapper and a
    timer on every call, which cost about as much as Punkt's own matching): the guard protects NLTK's
    callers from patterns *they* supply, and these patterns are fixed; the matches, so the sentences, are
    the same."""
    punkt = _import_punkt()
    PunktParameters, PunktSentenceTokenizer = punkt.PunktParameters, punkt.PunktSentenceTokenizer
    params = PunktParameters()
    params.abbrev_types = set(_ABBREVIATIONS)
    if stock:
        return PunktSentenceTokenizer(params)
    base_token, base_vars = punkt.PunktToken, punkt.PunktLanguageVars
    non_punct = _unguarded(getattr(punkt, "_re_non_punct", None))

    class Token(base_token):
        __slots__ = ()
        _RE_ELLIPSIS = _unguarded(base_token._RE_ELLIPSIS)
        _RE_NUMERIC = _unguarded(base_token._RE_NUMERIC)
        _RE_INITIAL = _unguarded(base_token._RE_INITIAL)
        _RE_ALPHA = _unguarded(base_token._RE_ALPHA)

        if non_punct is not None:
            @property
            def is_non_punct(self):
                return non_punct.search(self.type)

    class LanguageVars(base_vars):
        __slots__ = ()
        re_boundary_realignment = _unguarded(base_vars.re_boundary_realignment)

    lang = LanguageVars()
    lang._re_word_tokenizer = _unguarded(lang._word_tokenizer_re())
    lang._re_period_context = _unguarded(lang.period_context_re())
    return PunktSentenceTokenizer(params, lang_vars=lang, token_cls=Token)


_PARA_RE = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph of cleaned ``text``: runs of non-blank lines, edges trimmed.

    A blank line (or a line of spaces) separates paragraphs; a single line break does not (a
    hard-wrapped paragraph, see :func:`clean`).
    """
    out = []
    for m in _PARA_RE.finditer(text):
        a, b = _strip_span(text, m.start(), m.end())
        if b > a:
            out.append((a, b))
    return out


#: A sentence end with the space after it missing ("… Trump said.Trump claimed that …", a typo Punkt reads as
#: one token): a full stop, ! or ? (and a closing quote) after a lower-case word of two or more letters, then a
#: capitalised word; not after a capitalised word ("Caliber.Az", a site's name), not inside a web address or
#: e-mail ("www.example.Com", "news@Site.org"), nor when the capitalised word goes on with a dot or is a
#: domain ending ("yahoo.Com").
_GLUED_END = re.compile(r"(?<![\w./@:-])[a-z]{2,}[.!?][”\"’']?(?=[A-Z][a-z]+\b(?![.@/]\w))(?!(?:Com|Org|Net|Gov|Edu|Info|Co|Uk)\b)")


def _glued_splits(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """(a, b) cut after every glued sentence end inside it (see :data:`_GLUED_END`)."""
    out = []
    for m in _GLUED_END.finditer(text, a, b):
        if m.end() < b:
            out.append((a, m.end()))
            a = m.end()
    out.append((a, b))
    return out


@lru_cache(maxsize=128)
def _punkt_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    """Punkt's sentence spans in one paragraph (a pure function of its text: the tokenizer learns nothing
    while it splits), remembered for the last 128 paragraphs: the attribution step splits the article again
    with its quotations masked (:func:`analysis.sources.quotes._units`), and every paragraph without a
    quotation, parenthesis or dash is then the same string as in the article, split a moment before."""
    return tuple(_punkt().span_tokenize(paragraph))


def sentences(text: str, *, tokenizer=None) -> list[Sentence]:
    """Split cleaned ``text`` into sentences with offsets (paragraph breaks always split).

    Punkt (with the shipped abbreviation list) finds the sentence ends; a sentence end whose space is missing
    ("it.Trump", see :data:`_GLUED_END`) splits too.  ``tokenizer``: another Punkt tokenizer to split the
    paragraphs with (the benchmarks time NLTK's stock one, ``_punkt(stock=True)``: the same sentences).
    """
    out: list[Sentence] = []
    split = _punkt_spans if tokenizer is None else tokenizer.span_tokenize
    for pa, pb in paragraphs(text):
        base = pa
        for a0, b0 in split(text[pa:pb]):
            for a, b in _glued_splits(text, base + a0, base + b0):
                a, b = _strip_span(text, a, b)
                if b > a:
                    out.append(Sentence(len(out), a, b, text[a:b]))
    return out


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word in ``text``."""
    return [m.span() for m in WORD_RE.finditer(text)]


def words(text: str) -> list[str]:
    """The words of ``text`` as written."""
    return WORD_RE.findall(text)


def count_words(text: str) -> int:
    return len(WORD_RE.findall(text))


_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"',
                       "‐": "-", "‑": "-", "–": "-", "—": "-"})


def fold(text: str, *, casefold: bool = True) -> str:
    """NFKC-normalised text with curly quotes and dashes made plain (and case-folded): for comparing words."""
    t = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return t.casefold() if casefold else t


def normalise_for_hash(text: str) -> str:
    """Unicode-normalised, case-folded text with whitespace collapsed: the basis of article ids."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = t.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(t.split())


def voice(start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """Whose words [start, end) are: "quoted" when most of the span lies inside ``spans``, else "author".

    ``spans`` are the merged (sorted, non-overlapping) spans of an article's attributed speech (direct, mixed and indirect
    content: :func:`analysis.sources.quoted_spans`), so reported speech counts for its speaker, not for
    the journalist.  An empty span is "quoted" when it sits inside one.
    """
    # ``spans`` are merged (sorted, non-overlapping), so a binary search finds the first span that can
    # reach ``start``: cost O(log spans + overlapping spans), not O(spans) per call, which made long
    # articles quadratic (every sentence against every quotation).
    i = max(0, bisect.bisect_right(spans, (start, float("inf"))) - 1)
    n = end - start
    if n <= 0:
        inside = any(a <= start < b for a, b in spans[i:i + 1])
        return "quoted" if inside else "author"
    covered = 0
    for a, b in spans[i:]:
        if a >= end:
            break
        covered += max(0, min(end, b) - max(start, a))
    return "quoted" if covered * 2 > n else "author"
