"""Speaker resolution: names merged per article (registry first), pronouns and definite descriptions
resolved to earlier speakers, roles and sides classified from the text around each name.

Part of :mod:`analysis.sources` (method and citations there).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from dataclasses import field
import bisect
import re
from itertools import islice

from .words import head_roles, words
from . import speakers as spk
from .model import Attribution, _Raw, _WORD
from .quotes import GAP, Spans, _content_text, _kind, _overlapping, quote_spans
from .cues import cue_classes


_CAP_NAME = re.compile(r"(?<![\w.])(?:[A-Z][a-z]+\.?\s+)?[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\w’'-]+){1,2}")


_HEAD_ROLES = head_roles()

#: Characters before a pronoun searched for an antecedent name when no earlier speaker agrees (about
#: three pages of news text; PolNeAR's longest articles are shorter).
LOOK_BACK = 20_000

#: Besides the entities with the same surname, a name is compared with this many of the most recently
#: mentioned entities (spelling variants of a surname); more than any normal article has (PolNeAR's
#: 924 train and dev articles have at most 20).
RECENT_ENTITIES = 50

#: A one-word name looks for its full name among the text's full names with its surname and among all
#: full names within this many characters of it (spelling variants): a whole normal article.
NAME_WINDOW = 50_000

#: Pronouns and definite descriptions look for their speaker among this many of the latest resolved
#: speaker mentions (news articles have far fewer).
RECENT_MENTIONS = 2_000


def _mention_name(mention: str) -> tuple[str, str]:
    """(name, description) of a name mention: "Another pollster, David Woodard" -> ("David Woodard",
    "Another pollster"), a description with the name in apposition; otherwise (the mention's name, "")."""
    n = spk.name_of(mention)
    if n or "," not in mention:
        return n, ""
    desc, rest = mention.split(",", 1)
    desc, rest = desc.strip(), rest.strip()
    if spk.name_of(desc) or not rest[:1].isupper() or re.search(r"\band\b|&", rest) or \
            _OWNED_OBJECT.search(desc) and not _PARTITIVE.match(desc):
        # "the legendary activist, endorsed Sanders’": no name; "The candidates, Hillary Clinton and Bernie
        # Sanders": two people; "a supporter of Grayson’s opponent, Rep. Patrick Murphy": the name is the
        # opponent's, not the speaker's
        return "", ""
    n = spk.name_of(rest)
    return (n, desc) if n else ("", "")


#: A description ending in a possessed object of a preposition ("a supporter of Grayson’s opponent"), whose
#: apposed name may be that object's rather than the head's.
_OWNED_OBJECT = re.compile(r"\b(?:of|for|to|with)\s+(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)*[’']s\b")
#: "One of the university's top executives, Michael Sexton": the name is one of the group.
_PARTITIVE = re.compile(r"(?i)(?:one|another|two|three|some|many|several|most|none)\s+of\b")


def _one_name(a: str, b: str) -> bool:
    """Two full names of one person: variants (:func:`speakers.same_person`), or one ends with the other's
    last two words or more ("Evercore Mark Mahaney" / "Mark Mahaney": a capitalised word before a name)."""
    ta, tb = a.split(), b.split()
    k = min(len(ta), len(tb))
    return spk.same_person(a, b) or k >= 2 and ta[-k:] == tb[-k:]


def _full_names(cand) -> list[str]:
    """The names of a candidate of :meth:`_Resolver._titled`: an entity's variants, or a name of the text."""
    return cand.variants if isinstance(cand, _Entity) else [cand]


def _surname(name: str) -> str:
    toks = name.split()
    return spk._bare(toks[-1]) if toks else ""


@dataclass
class _Entity:
    name: str
    variants: list[str] = field(default_factory=list)
    org: bool = False
    role: str = "unknown"
    side: str = "unknown"
    class_rule: str = ""
    registry_name: str = ""
    index: int = -1  # position in the resolver's list of entities
    described: list[str] = field(default_factory=list)  # descriptions the name is apposed to ("Another pollster")
    titled: set[str] = field(default_factory=set)  # genders the titles of its surname mentions state ("Mrs. Clinton")


class _Occurrences(dict):
    """The contexts of each name variant in one text (a cache: variant -> contexts), and where the variants
    occur.  In a long text (over :data:`INDEX_FROM` characters) the occurrences come from an index of the
    text's capitalised words, built once, instead of a scan of the whole text per variant."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text
        self._index: dict[str, list[int]] | None = None

    def positions(self, variant: str):
        """Every offset at which ``variant`` occurs (as a substring; word boundaries are checked by the caller)."""
        text = self.text
        lead = _LEAD.match(variant)
        if len(text) <= INDEX_FROM or lead is None or not lead.group(0)[0].isupper():
            yield from _find_all(text, variant)
            return
        if self._index is None:
            self._index = {}
            for mm in _LEAD.finditer(text):  # maximal runs of letters and digits, so each starts a word
                if mm.group(0)[0].isupper():
                    self._index.setdefault(mm.group(0), []).append(mm.start())
        # an occurrence that starts a word starts a run equal to the variant's leading run
        for i in self._index.get(lead.group(0), ()):
            if text.startswith(variant, i):
                yield i


#: Texts longer than this get an index of their capitalised words for finding name variants.
INDEX_FROM = 100_000

_LEAD = re.compile(r"[^\W_]+")


def _find_all(text: str, variant: str):
    i = text.find(variant)
    while i >= 0:
        yield i
        i = text.find(variant, i + 1)


def _contexts(text: str, variant: str, _cache: dict | None = None) -> list[tuple[str, str]]:
    """Pre-modifiers and appositions of every occurrence of ``variant`` in the text."""
    if _cache is not None and variant in _cache:
        return _cache[variant]
    out = []
    found = _cache.positions(variant) if isinstance(_cache, _Occurrences) else _find_all(text, variant)
    for i in found:
        j = i + len(variant)
        ok = (i == 0 or not text[i - 1].isalnum()) and (j >= len(text) or not text[j].isalnum())
        if ok:
            pre = text[max(0, i - 120):i]
            pre = _ABBR_DOT.sub(r"\1", pre)
            pre = _PRE_SPLIT.split(pre)[-1]
            if pre.strip():
                out.append(("pre", pre))
            post = text[j:j + 160]
            am = _APPOS_RX.match(post)
            if am and not _APPOS_NOT.match(am.group(1)):
                out.append(("app", am.group(1)))
            elif post.startswith(" (") and ")" in post[:60]:
                out.append(("app", post[2:post.index(")")]))
    if _cache is not None:
        _cache[variant] = out
    return out


_ABBR_DOT = re.compile(r"\b(Prof|Dr|Mr|Mrs|Ms|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr)\.")


_PRE_SPLIT = re.compile(r"[.;:!?()“”\"\n]|,\s|\b(?:and|with|by|to|from|told|said|says|between|than|as)\s")


_APPOS_RX = re.compile(r",\s+((?:the\s+|a\s+|an\s+)?[a-z][^,.;:“”\"()]{2,140}|(?:the|a|an)\s+[^,.;:“”\"()]{2,140})")


_APPOS_NOT = re.compile(r"(?:who|which|that|and|but|said|says|told|added)\b")


class _Resolver:
    """Entities of one article: names merged (registry first), pronouns and descriptions resolved."""

    def __init__(self, text: str, raws: list[_Raw], registry, author: str, spans=()):
        self.text, self.registry, self.author = text, registry, author
        self.spans = spans if isinstance(spans, Spans) else Spans(spans)
        self.entities: list[_Entity] = []
        self.ctx_cache = _Occurrences(text)
        self.gender_cache: dict[str, str] = {}
        self.name_gender_cache: dict[str, str] = {}
        self.first_at: dict[str, int] = {}
        self.classes: dict[tuple, tuple[str, str, str]] = {}
        self.recent: list[tuple[int, _Entity]] = []  # (position, entity) of resolved speakers
        # indexes that keep resolution near-linear in the article's length: entities by the surnames of
        # their variants, entities by last mention, and the text's full names by surname and position
        self.by_surname: dict[str, set[int]] = {}
        self.touched: dict[int, None] = {}
        self.name_pos: list[int] = []
        self.name_at: list[str] = []
        self.name_rank: dict[str, int] = {}
        self.names_by_surname: dict[str, list[str]] = {}
        # full names from the whole text first, so "Gallant" finds "Yoav Gallant"
        for r in raws:
            n = _mention_name(r.mention)[0] if r.m_kind == "name" else ""
            if len(n.split()) > 1:
                self.add(n)
        self.text_names = self._names_in_text(raws)

    def _names_in_text(self, raws: list[_Raw]) -> list[str]:
        if not any(r.m_kind == "name" and len(spk.name_of(r.mention).split()) == 1 for r in raws):
            return []
        for mm in _CAP_NAME.finditer(self.text):
            n = spk.name_of(mm.group(0))
            if n and len(n.split()) > 1 and not spk.is_org(n):
                self.name_pos.append(mm.start())
                self.name_at.append(n)
                if n not in self.name_rank:
                    self.name_rank[n] = len(self.name_rank)
                    self.names_by_surname.setdefault(_surname(n), []).append(n)
        return list(self.name_rank)

    def _nearby_names(self, name: str, pos: int) -> list[str]:
        """The text's full names that may be ``name``'s: those with its surname anywhere, and every name
        within :data:`NAME_WINDOW` characters of ``pos`` (spelling variants), in order of first occurrence."""
        near = set(self.names_by_surname.get(_surname(name), ()))
        lo, hi = bisect.bisect_left(self.name_pos, pos - NAME_WINDOW), bisect.bisect_right(self.name_pos, pos + NAME_WINDOW)
        near.update(self.name_at[lo:hi])
        return sorted(near, key=self.name_rank.__getitem__)

    def find(self, name: str) -> _Entity | None:
        """The first entity (in order of creation) one of whose variants is ``name``'s (:func:`same_person`).
        Compared: the entities with a variant of the same surname, and the :data:`RECENT_ENTITIES` most
        recently mentioned ones (for spelling variants of a surname: Jabarov / Jabbarov)."""
        org = spk.is_org(name)
        cands = set(self.by_surname.get(_surname(name), ()))
        cands.update(islice(reversed(self.touched), RECENT_ENTITIES))
        for i in sorted(cands):
            ent = self.entities[i]
            if ent.org == org and any(spk.same_person(name, v) for v in ent.variants):
                self._touch(i)
                return ent
        return None

    def _touch(self, i: int) -> None:
        self.touched.pop(i, None)
        self.touched[i] = None

    def _variant(self, ent: _Entity, name: str) -> None:
        ent.variants.append(name)
        self.by_surname.setdefault(_surname(name), set()).add(ent.index)

    def add(self, name: str) -> _Entity:
        ent = self.find(name)
        if ent is None:
            ent = _Entity(name, [], spk.is_org(name), index=len(self.entities))
            self.entities.append(ent)
            self._touch(ent.index)
            self._variant(ent, name)
            sp = self.registry.lookup(name) if self.registry is not None else None
            if sp is not None:
                ent.name, ent.registry_name = sp.name, sp.name
                for v in (sp.name, *sp.aliases):
                    self._variant(ent, v)
        elif name not in ent.variants:
            self._variant(ent, name)
            if not ent.registry_name and len(name.split()) > len(ent.name.split()):
                ent.name = name
        return ent

    def resolve(self, r: _Raw, mention: str) -> tuple[_Entity | None, str, bool]:
        """(entity, speaker_rule, anonymous) for one candidate's speaker mention."""
        ent, rule, anonymous = None, "", False
        if r.m_kind == "name":
            ent, rule = self.name(r.mention, r.m_start)
        elif r.m_kind == "pronoun":
            ent, rule = self.pronoun(r, mention)
        elif r.m_kind in ("description", "anonymous"):
            if r.m_kind == "description":
                ent = _match_description(mention, self.recent, r.m_start, self.registry, self.text, self.ctx_cache,
                                         classes=self.classes)
                rule = "description:compatible-speaker" if ent is not None else ""
            if ent is None:
                anonymous, rule = True, "anonymous"
        elif r.m_kind == "agentless":
            rule = "agentless"
        if ent is not None and (r.m_kind != "pronoun" or rule.startswith("pronoun")):
            self.recent.append((r.m_start, ent))
        return ent, rule, anonymous

    def name(self, mention: str, pos: int) -> tuple[_Entity | None, str]:
        n, desc = _mention_name(mention)
        if not n:
            return None, ""
        said = _gender_of(mention[:mention.rfind(n)]) if len(n.split()) == 1 and n in mention else "unknown"
        ent = self._name(n, pos) if said == "unknown" else self._titled(n, pos, said)
        if desc and desc not in ent.described:
            ent.described.append(desc)
        rule = f"registry:{ent.registry_name}" if ent.registry_name else ("name" if n == ent.name else "name-variant")
        return ent, rule

    def _name(self, n: str, pos: int) -> _Entity:
        ent = self.find(n)
        if ent is not None and ent.described and n not in ent.variants:
            self._variant(ent, n)  # "Mr. Manafort" after "The chief, Paul Manafort": his contexts count too
        if ent is None and len(n.split()) == 1:
            full = [t for t in self._nearby_names(n, pos) if spk.same_person(n, t)]
            if full:
                ent = self.add(max(full, key=len))
                self._variant(ent, n)
        if ent is None:
            ent = self.add(n)
        return ent

    def _titled(self, n: str, pos: int, said: str) -> _Entity:
        """The entity of a surname whose mention states a gender ("Mrs. Clinton": female).  Its candidates are
        the entities with a variant of the surname and the text's full names with it; the title joins the
        candidate whose stated gender (:meth:`_full_gender`) agrees, else the only one whose gender is not
        stated; otherwise it stays its own speaker (two full names of unknown gender, or none that agrees)."""
        ents, names = [], []
        for i in sorted(set(self.by_surname.get(_surname(n), ())) | set(islice(reversed(self.touched), RECENT_ENTITIES))):
            ent = self.entities[i]
            if not ent.org and any(spk.same_person(n, v) for v in ent.variants):
                ents.append((ent, self._full_gender(ent)))
        for t in self._nearby_names(n, pos):
            if spk.same_person(n, t) and not any(_one_name(t, v) for e, _ in ents for v in e.variants
                                                 if len(v.split()) > 1) \
                    and not any(_one_name(t, u) for u, _ in names):
                names.append((t, self._name_gender(t)))
        if not ents and not names:
            ent = self._name(n, pos)
        else:
            every = ents + names
            exact = [c for c in every if any(_surname(v) == _surname(n) for v in _full_names(c[0]))]
            every = exact or every  # a spelling variant of the surname (Tchen / Cohen) only when nothing else
            unstated = [c for c in every if c[1] == "unknown"]
            cands = [c for c in every if c[1] == said] or (unstated if len(unstated) == 1 else [])
            if not cands:
                ent = self._own(n)
            elif isinstance(cands[0][0], _Entity):  # as in :meth:`_name`: the contexts of "Mr. Manafort"
                ent = cands[0][0]                     # count only for a described entity
                self._touch(ent.index)
                if ent.described and n not in ent.variants:
                    self._variant(ent, n)
            else:
                ent = self.add(max((c[0] for c in cands), key=len))
                self._variant(ent, n)
        ent.titled.add(said)
        return ent

    def _own(self, name: str) -> _Entity:
        """A new entity for ``name`` that joins no other (a titled surname whose full names disagree)."""
        ent = _Entity(name, [], False, index=len(self.entities))
        self.entities.append(ent)
        self._touch(ent.index)
        self._variant(ent, name)
        return ent

    def _full_gender(self, ent: _Entity) -> str:
        """The gender the text states for an entity's full names, its descriptions and the titles of the
        surname mentions that joined it ("unknown" when none or they conflict); the bare surname's own
        contexts are left out, as they may be another bearer's ("Mrs. Clinton" and "Mr. Clinton")."""
        found = {self._name_gender(v) for v in set(ent.variants) if len(v.split()) > 1} | \
            {_gender_of(d) for d in ent.described} | ent.titled
        found -= {"unknown"}
        return found.pop() if len(found) == 1 else "unknown"

    def _name_gender(self, variant: str) -> str:
        """The gender the text states for a full name itself: the word right before it ("Mrs", "wife",
        "Congresswoman") and its appositions without their titles ("her husband", but not "a senior adviser
        for Mr", whose "Mr" is the next name's).  Stricter than :meth:`_stated_gender`, whose contexts may hold
        another person's title."""
        hit = self.name_gender_cache.get(variant)
        if hit is None:
            cues = []
            for kind, c in _contexts(self.text, variant, self.ctx_cache):
                toks = re.findall(r"[a-z]+", c.casefold())
                cues += toks[-1:] if kind == "pre" else [t for t in toks if t not in spk.TITLES]
            hit = self.name_gender_cache[variant] = _gender_of(" ".join(cues))
        return hit

    def pronoun(self, r: _Raw, mention: str) -> tuple[_Entity | None, str]:
        low = mention.lower()
        if low == "i" and self.author:
            return self.add(self.author), "pronoun:author"
        if low not in ("he", "she", "him", "her"):
            return None, ""
        gender = "male" if low in ("he", "him") else "female"
        if r.antecedent and spk.name_of(r.antecedent):
            ent = self.add(spk.name_of(r.antecedent))
            if self.gender(ent) in (gender, "unknown"):
                return ent, "pronoun:clause-subject"
        any_cand = False
        for e in _before(self.recent, r.m_start):  # the most recent earlier speaker whose gender agrees
            if not e.org:
                any_cand = True
                if self.gender(e) in (gender, "unknown"):
                    return e, "pronoun:most-recent-speaker"
        if any_cand:
            return None, "pronoun:no-agreeing-speaker"
        # names the narration uses: a name only inside quotations is someone a speaker talks about
        prior = [n for n in self.text_names if 0 <= self._first_at(n) < r.m_start] or \
            [spk.name_of(mm.group(0)) for mm in _CAP_NAME.finditer(self.text, self._window(r.m_start), r.m_start)
             if not self._quoted(mm.start())]
        prior = [p for p in prior if p and not spk.is_org(p) and len(p.split()) > 1]
        for name in reversed(prior):
            ent = self.find(name)
            if ent is None or self.gender(ent) in (gender, "unknown"):
                if ent is None and self._stated_gender(name) not in (gender, "unknown"):
                    continue
                return self.add(name), "pronoun:most-recent-name"
        return None, ""

    def gender(self, ent: _Entity) -> str:
        """"male", "female" or "unknown": what the words around the entity's names state (titles, kinship,
        -man/-woman offices); conflicting or no evidence is "unknown", never a guess from the name."""
        found = {self._stated_gender(v) for v in set(ent.variants)} | {_gender_of(d) for d in ent.described}
        found -= {"unknown"}
        return found.pop() if len(found) == 1 else "unknown"

    def _stated_gender(self, variant: str) -> str:
        hit = self.gender_cache.get(variant)
        if hit is None:
            hit = self.gender_cache[variant] = _gender_of(" ".join(c for _, c in _contexts(self.text, variant,
                                                                                            self.ctx_cache)))
        return hit

    def _window(self, pos: int) -> int:
        """Start of the look-back window for a name before ``pos``: the paragraph start at or after
        ``pos - LOOK_BACK`` (a reader does not carry a pronoun's antecedent across pages)."""
        if pos <= LOOK_BACK:
            return 0
        nl = self.text.find("\n", pos - LOOK_BACK, pos)
        return nl + 1 if nl >= 0 else pos - LOOK_BACK

    def _first_at(self, name: str) -> int:
        """Offset of the first occurrence of a name in the text outside quotations, or -1 (memoised: one
        scan per name)."""
        hit = self.first_at.get(name)
        if hit is None:
            hit = self.first_at[name] = next((i for i in self.ctx_cache.positions(name) if not self._quoted(i)), -1)
        return hit

    def _quoted(self, i: int) -> bool:
        """Whether offset ``i`` is inside a quotation (quote marks included)."""
        return bool(self.spans.overlapping(i, i + 1))

    def classify(self, ent: _Entity) -> tuple[str, str, str]:
        return spk.classify(ent.name, _entity_contexts(self.text, ent, self.ctx_cache), registry=self.registry)


def _entity_contexts(text: str, ent: _Entity, ctx_cache) -> list[tuple[str, str]]:
    """The contexts of an entity's name variants (longest first), then the descriptions it was apposed to."""
    ctx = []
    for v in sorted(set(ent.variants), key=len, reverse=True):
        ctx.extend(_contexts(text, v, ctx_cache))
    return ctx + [("pre", d) for d in ent.described]


def _gender_of(context: str) -> str:
    """"male", "female" or "unknown": the gender cues (titles, kinship, -man/-woman offices) in a context."""
    toks = set(re.findall(r"[a-z]+", context.casefold()))
    male, female = bool(toks & words("male_cues")), bool(toks & words("female_cues"))
    return "male" if male and not female else "female" if female and not male else "unknown"


def _is_vague(mention: str) -> bool:
    """An anonymous source described only by vague words ("various international organizations", "the West")."""
    return bool(set(re.findall(r"[a-z]+", mention.casefold())) & words("vague_markers"))


def _attribution(text: str, r: _Raw, spans, sent_starts: list[int]) -> Attribution:
    """The output row of one candidate (speaker fields filled in later)."""
    forms = cue_classes()
    lemma, cls = forms.get(r.cue.lower()) or forms.get(r.cue.lower().split()[0] if r.cue.split() else "") \
        or (r.lemma, "")
    if r.cue == ":":
        cls = "neutral"
    content = _content_text(text, r, spans)
    inside = _overlapping(spans, r.start, r.end)
    if GAP in content and content != text[r.start:r.end] and inside:
        parts = content.split(GAP, 1)
        kind = "direct" if all(_kind(p, 0, len(p), quote_spans(p)) == "direct" for p in parts) else "mixed"
    else:
        kind = _kind(text, r.start, r.end, spans, f"{r.mention} {r.cue} {r.appos}")
    qwords = sum(len(_WORD.findall(text[max(a, r.start):min(b, r.end)])) for a, b, _ in inside)
    return Attribution(
        kind=kind, quote=text[r.start:r.end], start=r.start, end=r.end, content=content, cue=r.cue, rule=r.rule,
        sentence=(bisect.bisect_right(sent_starts, r.start) - 1) if sent_starts else -1,
        quoted_words=qwords, cue_class=cls, mention_start=r.m_start, cue_start=r.cue_start,
        cue_lemma=lemma if r.cue != ":" else ":")


def _finish(text, raws: list[_Raw], spans, sentences, registry, author) -> list[Attribution]:
    """Resolve every candidate's speaker and classify each speaker once, from all its mentions."""
    res = _Resolver(text, raws, registry, author, spans)
    sent_starts = [s.start for s in sentences] if sentences else []
    out: list[tuple[Attribution, _Entity | None]] = []
    for r in raws:
        mention = f"{r.mention.strip()}, {r.appos.strip()}" if r.appos else r.mention.strip()
        ent, rule, anonymous = res.resolve(r, mention)
        att = _attribution(text, r, spans, sent_starts)
        att.speaker, att.speaker_mention, att.speaker_rule, att.anonymous = \
            (ent.name if ent else ""), mention, rule, anonymous
        if anonymous and _is_vague(mention):
            att.vague, att.speaker_rule = True, "anonymous:vague"
        out.append((att, ent))
    _interviewee(text, out, res)
    classes: dict[int, tuple[str, str, str]] = {}
    for att, ent in out:
        if ent is not None:
            if id(ent) not in classes:
                classes[id(ent)] = res.classify(ent)
            att.speaker_role, att.speaker_side, att.class_rule = classes[id(ent)]
            att.speaker_alignment = spk.alignment(ent.name, res.registry)
        else:
            ctx = [("pre", att.speaker_mention)] if att.speaker_mention else []
            att.speaker_role, att.speaker_side, att.class_rule = spk.classify("", ctx, registry=None,
                                                                              anonymous=att.anonymous)
    return [att for att, _ in out]


_ANONYMITY = re.compile(r"\b(?:anonymity|anonymously|not\s+authorized|unnamed|declined\s+to\s+be\s+named|"
                        r"asked\s+not\s+to\s+be\s+(?:named|identified))\b", re.IGNORECASE)


def _interviewee(text: str, out: list, res: _Resolver) -> None:
    """An indefinite description is the interviewee of an interview article only when the text itself gives
    the interviewee that description: its head noun is in one of the interviewee's appositions or titles
    ("a senior Azerbaijani presidential representative" / "Elchin Amirbayov, representative of the
    president"), the sides agree, and the description does not say the source is anonymous ("A senior
    Israeli official, speaking on condition of anonymity, said Gallant …" stays anonymous)."""
    if not re.search(r"\binterview", text, re.IGNORECASE):
        return
    counts = Counter(id(e) for _, e in out if e is not None and not e.org)
    if not counts:
        return
    top_id = counts.most_common(1)[0][0]
    top = next(e for _, e in out if e is not None and id(e) == top_id)
    own = " ".join(c for v in set(top.variants) for _, c in _contexts(text, v, res.ctx_cache)).casefold()
    for i, (att, ent) in enumerate(out):
        desc = att.speaker_mention
        if not (att.anonymous and re.match(r"(?:a|an)\s", desc, re.IGNORECASE)) or _ANONYMITY.search(desc):
            continue
        heads = [w for w in re.findall(r"[a-z]+", desc.split(",")[0].casefold()) if w in _HEAD_ROLES]
        if heads and re.search(r"\b" + heads[-1] + r"\b", own) and \
                _match_description(desc, [(-1, top)], 10 ** 9, res.registry, text, res.ctx_cache, strict_side=True):
            att.speaker, att.anonymous, att.speaker_rule = top.name, False, "description:interviewee"
            out[i] = (att, top)


def _before(recent: list[tuple[int, _Entity]], pos: int):
    """The entities of the last :data:`RECENT_MENTIONS` resolved speaker mentions that precede ``pos``,
    most recent first."""
    for p, ent in islice(reversed(recent), RECENT_MENTIONS):
        if p < pos:
            yield ent


def _match_description(desc: str, recent, pos: int, registry, text, ctx_cache=None, *,
                       strict_side: bool = False, classes: dict | None = None) -> _Entity | None:
    low = [t.strip(".,").casefold() for t in desc.split()]
    heads = [t for t in low if t in _HEAD_ROLES]
    if not heads:
        return None
    roles = set().union(*(_HEAD_ROLES[h] for h in heads))
    sc = spk.side_cue(desc)
    seen = set()
    classes = {} if classes is None else classes
    for ent in _before(recent, pos):
        if id(ent) in seen or ent.org:
            continue
        seen.add(id(ent))
        # an entity's class changes only with its variants and descriptions
        key = (id(ent), ent.name, len(ent.variants), len(ent.described))
        if key not in classes:
            classes[key] = spk.classify(ent.name, _entity_contexts(text, ent, ctx_cache), registry=registry)
        role, side, _ = classes[key]
        if role in roles and (sc is None or side == sc[0] or side == "unknown" and not strict_side) \
                and (sc is not None or not strict_side):
            return ent
    return None
