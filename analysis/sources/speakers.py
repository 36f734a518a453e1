"""Speaker registry, name matching and role/side classification for source attribution.

Method
------
*Registry.*  ``corpus/speakers.csv`` (columns ``name,aliases,role,side,note``, optional ``alignment``: the
speaker's stance towards the question at hand, kept apart from ``side``; aliases ``|``-separated;
lines starting with ``#`` are comments) lists the people and bodies a corpus quotes, with the role and
side (country or camp) the texts give them.  :func:`load_registry` validates it and reports the file and
line of every problem as an :class:`~analysis.errors.InputError`.

*Name matching.*  A mention is reduced to its name (the trailing run of capitalised words that are not
titles or demonyms: "Israeli political analyst Prof. Arye Gut" -> "Arye Gut").  Two names are variants of
one person when their surnames are equal or nearly equal (difflib ratio >= 0.8: Jabarov/Jabbarov) and
their first names, when both are given, are nearly equal too (>= 0.65: Mikael/Mikayil).  A surname
alone, or a title plus surname ("Prof. Gut"), joins the full name it matches.  This is the usual
string-similarity treatment of name variants in quote attribution pipelines (GenderGapTracker, Asr et
al. 2021, PLOS ONE 16(1): e0245533, merges coreferent name mentions on surname match).

*Classification.*  Role and side come first from the registry, then from title cues around the speaker's
name anywhere in the article (pre-modifiers such as "Azerbaijani Economy Minister", appositions such as
", a professor at Bar-Ilan University,") looked up in ``analysis/data/speaker_cues.yaml``.  The nearest
cue to the name wins (the rightmost pre-modifier, the leftmost apposition word).  Nothing found leaves
``unknown``; ``class_rule`` records the registry entry or the cue that decided.
"""
from __future__ import annotations

import csv
import difflib
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..inflection import lemmas
from .words import words
from ..errors import InputError
from ..paths import CORPUS, PACKAGE_DATA

log = logging.getLogger(__name__)

__all__ = [
    "ROLES",
    "Speaker",
    "Registry",
    "load_registry",
    "name_of",
    "same_person",
    "classify",
    "slug",
]

CUES_FILE = PACKAGE_DATA / "speaker_cues.yaml"
REGISTRY_FILE = CORPUS / "speakers.csv"
ROLES = ("government", "diplomat", "military", "legislator", "analyst", "journalist", "ngo", "business",
         "citizen", "organisation", "anonymous", "unknown")

#: Titles and honorifics that precede a name but are not part of it.
TITLES = words("titles")
ORG_WORDS = words("organisation_words")


def slug(value: str) -> str:
    """snake_case slug of a side or role ("United States" -> "united_states")."""
    s = re.sub(r"[^0-9a-z]+", "_", (value or "").casefold()).strip("_")
    return s or "unknown"


@dataclass
class Speaker:
    """A registry entry."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str = "unknown"
    side: str = "unknown"
    note: str = ""
    line: int = 0
    #: stance towards the question the corpus is about (e.g. "pro-azerbaijan", "critical"), separate from
    #: ``side`` (nationality or affiliation); "unknown" unless the registry says
    alignment: str = "unknown"


@dataclass
class Registry:
    """Known speakers, looked up by name, alias or name variant."""

    speakers: list[Speaker] = field(default_factory=list)
    path: str = ""

    def __post_init__(self):
        self._by_key: dict[str, Speaker] = {}
        for sp in self.speakers:
            for n in (sp.name, *sp.aliases):
                self._by_key.setdefault(_key(n), sp)

    def __len__(self) -> int:
        return len(self.speakers)

    def lookup(self, name: str) -> Speaker | None:
        """The entry whose name or alias is ``name`` or a variant of it (see :func:`same_person`)."""
        if not name:
            return None
        hit = self._by_key.get(_key(name))
        if hit:
            return hit
        cands = [sp for sp in self.speakers if any(same_person(name, n) for n in (sp.name, *sp.aliases))]
        if len(cands) == 1:
            return cands[0]
        if len(cands) > 1:  # a surname shared by several entries: only a full-name match decides
            full = [sp for sp in cands if len(name.split()) > 1]
            return full[0] if len(full) == 1 else None
        return None


def _key(name: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", name.casefold()))


def load_registry(path: str | Path | None = None) -> Registry:
    """Read and validate a speaker registry CSV (default ``corpus/speakers.csv``).

    A missing default file gives an empty registry; a missing explicit path, a bad header, an empty name,
    a duplicate name or alias, or an unknown role raises :class:`InputError` naming the file and line.
    """
    explicit = path is not None
    p = Path(path) if explicit else REGISTRY_FILE
    if not p.exists():
        if explicit:
            raise InputError(p, "speaker registry not found")
        log.info("no speaker registry at %s; speakers are classified from the text only", p)
        return Registry([], str(p))
    try:
        raw_lines = p.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as e:
        raise InputError(p, f"not UTF-8 text ({e})") from None
    numbered = [(i + 1, ln) for i, ln in enumerate(raw_lines) if ln.strip() and not ln.lstrip().startswith("#")]
    if not numbered:
        raise InputError(p, "no header line (expected: name,aliases,role,side,note)")
    rows = list(csv.reader([ln for _, ln in numbered]))
    header = [h.strip().lower() for h in rows[0]]
    need = ["name", "aliases", "role", "side"]
    missing = [c for c in need if c not in header]
    if missing:
        raise InputError(p, f"line {numbered[0][0]}: header lacks column(s) {', '.join(missing)} "
                            "(expected: name,aliases,role,side,note)")
    idx = {h: i for i, h in enumerate(header)}
    speakers: list[Speaker] = []
    seen: dict[str, int] = {}
    for (lineno, _), row in zip(numbered[1:], rows[1:]):
        if len(row) > len(header):
            raise InputError(p, f"line {lineno}: {len(row)} fields, header has {len(header)} (quote fields with commas)")
        get = lambda c: row[idx[c]].strip() if c in idx and idx[c] < len(row) else ""  # noqa: E731
        name = get("name")
        if not name:
            raise InputError(p, f"line {lineno}: empty name")
        role = (get("role") or "unknown").lower()
        if role not in ROLES:
            raise InputError(p, f"line {lineno}: unknown role {role!r} (one of: {', '.join(ROLES)})")
        aliases = tuple(a.strip() for a in get("aliases").split("|") if a.strip())
        for n in (name, *aliases):
            k = _key(n)
            if k in seen and seen[k] != lineno:
                raise InputError(p, f"line {lineno}: name or alias {n!r} already used on line {seen[k]}")
            seen[k] = lineno
        speakers.append(Speaker(name, aliases, role, (get("side") or "unknown").lower(), get("note"), lineno,
                                (get("alignment") or "unknown").lower()))
    log.debug("loaded %d speakers from %s", len(speakers), p)
    return Registry(speakers, str(p))


# ----------------------------------------------------------------------------------------------- names
_TOKEN = re.compile(r"[^\s,;:()“”\"]+")


def _bare(tok: str) -> str:
    return tok.strip(".’'").casefold().removesuffix("’s").removesuffix("'s")


@lru_cache(maxsize=32768)
def name_of(mention: str) -> str:
    """The personal or organisation name in a mention, without titles, demonyms and appositions.

    "Israeli political analyst Prof. Arye Gut" -> "Arye Gut"; "Minister Mikael Jabbarov" -> "Mikael Jabbarov";
    "the senior official" -> "".  Sentence-initial conjunctions and adverbs, days, pronouns, caption words,
    a possessor ("Florida's Rubio" -> "Rubio"), wire-service debris glued to a name ("KilloughCNN") and a
    capitalised common word alone ("FACTS") are never names ("But Trump" -> "Trump", "As I've" -> "").
    """
    head = re.split(r",|\(|\s[-–—]\s", mention, maxsplit=1)[0]
    of = _OF_PLACE.match(head)
    if of:  # "Senator Marco Rubio of Florida", "Holger Schmieding of Berenberg": the person, not the place
        person = name_of(of.group(1))
        if len(person.split()) >= 2 and not any(_bare(t) in ORG_WORDS for t in person.split()):
            return person
    toks = _TOKEN.findall(head)
    out: list[str] = []
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i]
        b = _bare(tok)
        if out and (_POSSESSOR.search(tok) or _GLUED.search(tok)):
            break  # "Florida's Rubio", "KilloughCNN Florida's Rubio"
        surname = not out and i > 0 and _bare(toks[i - 1]) in _HONORIFICS  # "Mr. English": a surname
        if tok[:1].isupper() and b not in TITLES and (surname or b not in _demonyms()) and not _GLUED.search(tok):
            out.append(tok.rstrip(".") if len(tok) > 2 and not re.fullmatch(r"(?:[A-Z]\.)+", tok) else tok)
        elif out and (tok[:1].isupper() or b in {"of", "for", "and", "the", "de", "van", "von", "bin", "al", "el"}) \
                and any(_bare(t) in ORG_WORDS for t in out):
            out.append(tok)  # "Ministry of Foreign Affairs", "The Jewish News Syndicate"
        else:
            break
    while out and _bare(out[-1]) in {"of", "for", "and", "the"}:
        out.pop()
    if not out and toks and (_country(toks[-1].rstrip(".,")) or _place(toks[-1].rstrip(".,"))):
        return toks[-1].rstrip(".,")  # a state as speaker: "Azerbaijan pledged …", "Israel said …", "Baku says"
    name = " ".join(_without_debris(list(reversed(out))))
    return name.removesuffix("’s").removesuffix("'s")


_POSSESSOR = re.compile(r"[’']s$")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss"})
_OF_PLACE = re.compile(r"(.*?[A-Z][\w.’'-]*\s+[A-Z][\w.’'-]*)\s+of\s+(?:the\s+)?[A-Z][^,]*$")
_GLUED = re.compile(r"[a-z]{2,}[A-Z]{2,}")


def _without_debris(toks: list[str]) -> list[str]:
    """A name's tokens without leading/trailing non-name words and wire-service prefixes."""
    stop = words("not_name_words")
    wires = words("wire_services")
    while toks and (_bare(toks[0]) in stop or len(toks) > 1 and _bare(toks[0]) in wires):
        toks = toks[1:]
    while toks and _bare(toks[-1]) in stop:
        toks = toks[:-1]
    if len(toks) == 1 and len(toks[0].rstrip(".")) == 1:
        return []  # a letter alone is a transcript label ("Q:") or an initial, not a name
    if len(toks) == 1 and toks[0].isupper() and len(toks[0]) > 2 and _bare(toks[0]) not in ORG_WORDS \
            and lemmas(toks[0].lower(), "NOUN") != (toks[0].lower(),) or \
            len(toks) == 1 and toks[0].isupper() and lemmas(toks[0].lower(), "VERB") != (toks[0].lower(),):
        return []  # a capitalised common word ("FACTS", "BUSTED") is a label, not a name
    return toks


def _country(token: str) -> str:
    """The side a bare country name stands for ("Azerbaijan" -> "azerbaijan"), else ""."""
    _, table = _side_rx()
    side = table.get(token, "")
    return side if side and slug(side) == slug(token) else ""


def _place(token: str) -> str:
    """The country a capital or seat of government stands for ("Baku" -> "azerbaijan", "Kremlin" -> "russia"):
    a side cue that is not a nationality adjective and whose side is not a party; else ""."""
    _, table = _side_rx()
    side = table.get(token, "")
    if not side or "party" in side or token.casefold() in words("demonyms") or not token[:1].isupper():
        return ""
    return side


@lru_cache(maxsize=16384)
def is_org(name: str) -> bool:
    return any(_bare(t) in ORG_WORDS for t in name.split())


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


@lru_cache(maxsize=16384)
def _close(a: str, b: str, least: float) -> bool:
    """Surnames nearly equal: both of 3 letters or more, lengths within ``least`` and difflib ratio >= ``least``.
    The ratio (2 x matches / total length) is bounded by the letters the two have in common, checked first."""
    la, lb = len(a), len(b)
    if min(la, lb) < 3 or 2 * min(la, lb) / (la + lb) < least:
        return False
    common = sum(min(a.count(c), b.count(c)) for c in set(a))
    return 2 * common / (la + lb) >= least and _ratio(a, b) >= least


@lru_cache(maxsize=16384)
def _bare_tokens(name: str) -> tuple[str, ...]:
    return tuple(_bare(t) for t in name.split())


@lru_cache(maxsize=16384)
def same_person(a: str, b: str) -> bool:
    """True when two names are variants of one name (see the module docstring)."""
    ta, tb = _bare_tokens(a), _bare_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if is_org(a) or is_org(b):
        return False
    if not _close(ta[-1], tb[-1], 0.8):
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    return _ratio(ta[0], tb[0]) >= 0.65 or ta[0][:1] == tb[0][:1] and (len(ta[0]) <= 2 or len(tb[0]) <= 2)


# ------------------------------------------------------------------------------------------ classification
@lru_cache(maxsize=None)
def _cues() -> tuple[list[tuple[str, re.Pattern]], list[tuple[re.Pattern, str, str]]]:
    data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    roles = []
    for role, cue_words in data["roles"].items():
        alts = sorted((re.escape(str(w)) for w in cue_words), key=len, reverse=True)
        roles.append((role, re.compile(r"(?<![\w.])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)))
    sides = []
    for cue, side in data["sides"].items():
        cue = str(cue)
        tail = "" if cue.endswith("-") else r"(?![\w])"
        sides.append((re.compile(r"(?<![\w])" + re.escape(cue) + tail), cue, str(side)))
    return roles, sides


@lru_cache(maxsize=None)
def _demonyms() -> frozenset[str]:
    _, sides = _cues()
    return frozenset(c.casefold().removesuffix("'s") for _, c, _ in sides if not c.endswith("-")) | words("demonyms")


def role_cue(text: str, *, nearest: str = "right") -> tuple[str, str] | None:
    """(role, cue word) for the role cue nearest one end of ``text`` ("right" for pre-modifiers)."""
    roles, _ = _cues()
    best = None
    for role, rx in roles:
        for m in rx.finditer(text):
            pos = m.end() if nearest == "right" else -m.start()
            if best is None or pos > best[0]:
                best = (pos, role, m.group(0))
    return (best[1], best[2]) if best else None


@lru_cache(maxsize=None)
def _side_rx() -> tuple[re.Pattern, dict[str, str]]:
    _, sides = _cues()
    table = {cue: side for _, cue, side in sides}
    alts = sorted(table, key=len, reverse=True)
    parts = [re.escape(c) + ("" if c.endswith("-") else r"(?![\w])") for c in alts]
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + ")"), table


def side_cue(text: str, *, nearest: str = "right") -> tuple[str, str] | None:
    """(side, cue) for the side cue nearest one end of ``text``."""
    rx, table = _side_rx()
    hits = list(rx.finditer(text))
    if not hits:
        return None
    m = hits[-1] if nearest == "right" else hits[0]
    return table[m.group(0)], m.group(0)


def classify(name: str, contexts: list[tuple[str, str]], *, registry: Registry | None = None,
             anonymous: bool = False) -> tuple[str, str, str]:
    """Role, side and the rule that decided, for a speaker.

    ``contexts`` is a list of (kind, text) with kind "pre" (words before the name) or "app" (an apposition
    after it).  The registry decides first; then the nearest title cue in the contexts, in the order given.
    """
    rules: list[str] = []
    role = side = "unknown"
    if registry is not None and name:
        sp = registry.lookup(name)
        if sp is not None:
            role, side = sp.role, sp.side
            rules.append(f"registry:{sp.name}")
    if name and (_country(name) or _place(name)) and (role == "unknown" or side == "unknown"):
        # a state (or its capital: "Baku says") as speaker: words around the name describe other people
        role = "government" if role == "unknown" else role
        side = (_country(name) or _place(name)) if side == "unknown" else side
        rules.append("name:country" if _country(name) else "name:capital")
    if role == "unknown" or side == "unknown":
        for kind, text in contexts:
            near = "right" if kind == "pre" else "left"
            if role == "unknown":
                rc = role_cue(text, nearest=near)
                if rc:
                    role = rc[0]
                    rules.append(f"title:{rc[1]}")
            if side == "unknown":
                sc = side_cue(text, nearest=near)
                if sc and sc[0] != slug(name):
                    side = sc[0]
                    rules.append(f"title:{sc[1]}")
            if role != "unknown" and side != "unknown":
                break
    if role == "unknown" and name and is_org(name):
        role = "organisation"
        rules.append("name:organisation")
    if role == "unknown" and anonymous:
        role = "anonymous"
    return role, side, ";".join(rules)


def alignment(name: str, registry: Registry | None) -> str:
    """The registry's alignment for a speaker ("unknown" when not registered or not given)."""
    sp = registry.lookup(name) if registry is not None and name else None
    return sp.alignment if sp is not None else "unknown"


def merge_variants(names) -> dict[str, str]:
    """Name -> the one fuller name it is a variant of across a corpus ("Trump" -> "Donald Trump"), for the
    names that have exactly one such fuller variant; other names map to themselves."""
    names = sorted({str(n) for n in names if n})
    full = [n for n in names if len(n.split()) > 1 and not is_org(n)]
    out = {}
    for n in names:
        cands = [f for f in full if f != n and len(f.split()) > len(n.split()) and same_person(n, f)]
        out[n] = cands[0] if len(cands) == 1 else n
    return out
