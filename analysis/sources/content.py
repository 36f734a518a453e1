"""Content boundaries: where the reported content before or after a cue starts and ends.

Part of :mod:`analysis.sources` (method and citations there).
"""
from __future__ import annotations

import re

from .model import _WORD, _Raw
from .quotes import _CLOSE, _is_quote, _overlapping, _starting_at
from .cues import _COMMIT, _TELL


_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|this\s+week|last\s+week|last\s+month|last\s+year|earlier\s+this\s+\w+|recently|afterward|afterwards|later|earlier)"


_TIME_ADV = (r"(?:\s+" + _DAYS + r")?(?:\s+for\s+(?:months|weeks|years|days|decades))?(?:\s+(?:on|in|at|during|last|late|early|earlier|later|before|after|via|through|to|with|of|about|"
             r"over|from|by)\b[^,;:“”\"]{0,60}?)?"
             # a state after a place or a parenthetical before "that": "said Sunday in Madison, Wisconsin, that",
             # "also said, without evidence, that"
             r"(?:,\s+(?:[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?|(?:without|with|in|at|on|during|after|before|however|though|too|again)\b"
             r"[^,;:“”\"]{0,40}),(?=\s+that\b))?")


_RECIPIENT = re.compile(
    r"\s+(?:me|him|her|us|them|you|reporters|journalists|the\s+media|the\s+press|lawmakers|supporters|audiences|crowds|"
    r"voters|listeners|viewers|followers|donors|friends|colleagues|aides|allies|delegates|students|workers|"
    r"(?:host|anchor|moderator|interviewer|reporter|columnist)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*|"
    # a description before a capitalised name, so that "told a Senate panel" is not "told a Senate" + "panel"
    r"(?:the|a|an|his|her|their)\s+(?:[\w'’-]+\s+){0,3}?(?:audience|crowd|committee|group|panel|newspaper|paper|"
    r"station|network|magazine|agency|gathering|conference|forum|meeting|assembly|interviewer|host|radio|"
    r"television|program|programme|show)\b|"
    r"(?:the\s+|a\s+)?[A-Z][\w.&'’-]*(?:\s+(?:of\s+|for\s+|and\s+|the\s+)?[A-Z][\w.&'’-]*)*)")


_LEAD_ADV = re.compile(r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:night|"
                       r"morning|afternoon|evening))?|\s+(?:yesterday|today|tonight|recently|earlier|later|last\s+"
                       r"(?:week|month|year|night)|this\s+(?:week|month|year)|in\s+(?:a|an|his|her|their)\s+"
                       r"(?:statement|interview|email|e-mail|speech|letter|tweet|post|op-ed|phone\s+interview|"
                       r"telephone\s+interview|news\s+conference|press\s+conference))|\s+for\s+(?:months|weeks|years|"
                       r"days|decades|some\s+time|a\s+long\s+time|a\s+while)|\s+(?:repeatedly|publicly|privately|often))+"
                       r"(?=\s+[a-zA-Z])")


_AUX_START = re.compile(r"(?:was|were|is|are|would|could|will|had|has|have|should|might|must|did|does|came|"
                        r"wasn[’']t|isn[’']t|weren[’']t|won[’']t|wouldn[’']t)\b")


#: "about" opening the content, not the topic: "said about half of the adjustment reflected …".
_ABOUT_NUMBER = re.compile(r"about\s+(?:half|a\s+third|a\s+quarter|a\s+dozen|\d[\d,.]*|one|two|three|four|five|six|"
                           r"seven|eight|nine|ten|twenty|thirty|forty|fifty|a\s+hundred|a\s+thousand)\b")


#: A recipient (a pronoun, "the …", a name, a plural noun: "urged conservatives") before a question word or an
#: infinitive ("asked whether …", "urged voters to …", "urged people not to …").
_WH_RECIPIENT = re.compile(
    r"(?:\s+(?:me|him|her|us|them|you|people|Americans|the\s+\w+(?:\s+of\s+the\s+\w+)?|(?:both|all|its|his|her|their)"
    r"\s+\w+|(?:(?:former|then|new)\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}|"
    r"women|men|children|(?!(?:reports|records|documents|details|results)\b)[a-z]{3,}s))?"
    r"\s+(?=(?:whether|if|why|how|what|who|when|where|which)\b|(?:not\s+)?to\s+[a-z]+\b)")


def _content_after(m: str, c_end: int, hi: int, lemma: str, *, parenthetical: bool = False) -> tuple[int, str] | None:
    """Start of the content after a cue ending at ``c_end`` (bounded by ``hi``) and its introducer."""
    rest = m[c_end:hi]
    pos = 0
    if lemma in _TELL:
        far = re.match(r"[^.;:“”\"]{1,100}?(?:\s(?=that\b)|(?=:)|,\s*(?=[“\"]))", rest)
        r = _RECIPIENT.match(rest)
        wh = _WH_RECIPIENT.match(rest)
        wh_ok = wh and lemma in ("ask", "urge", "warn", "tell", "remind") and (wh.group(0).strip() or lemma == "ask") \
            and not (not wh.group(0).strip() and rest[wh.end():].startswith("not to"))  # "asked not to be named"
        if far and not re.search(r"\b(?:said|says|told|and|but)\b", far.group(0)) and not (wh_ok and wh.end() < far.end()):
            pos = far.end() if rest[far.end():far.end() + 4] != "that" else far.end() - 1
        elif wh_ok:  # before a later "that": "urged people to seek shelter that way"
            return c_end + wh.end(), "wh"  # "asked whether …", "urged voters to …", "told him to …"
        elif r:
            pos = r.end()
    # optional adverbials up to "that" / ":" / a quote
    tm = re.match(r"(?:\s+(?:out|up|again|also|repeatedly|publicly|privately|later|then|firmly|flatly|"
                  r"bluntly|simply|clearly|strongly|emphatically|further|earlier))?" + _TIME_ADV +
                  r"(\s+that\b|\s*:|\s*,\s*(?=[“\"])|\s+(?=[“\"]))", rest[pos:])
    if tm:
        intro = tm.group(1).strip()
        start = c_end + pos + tm.end(1)
        if intro == "that":
            start = c_end + pos + tm.start(1) + len(tm.group(1)) - 4  # keep "that" in the content
        return start, intro or " "
    about = re.match(r"(?:\s+(?!(?:that|to|whether|if|and|but|for|on|in)\b)[\w’'.-]+){0,5}?\s+(?=about\s+[\w“\"])",
                     rest[pos:]) if lemma == "ask" else None
    if about:  # "asked (the mayor) about the cost of the bridge": the question's topic
        return c_end + pos + about.end(), "about"
    if lemma in _TELL and pos == 0:
        return None
    if re.match(r"\s+(?:on\s+|late\s+|early\s+|last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                r"yesterday|today|tonight|week|night|month|year)(?:\s+(?:night|morning|afternoon|evening))?\s*[,.;]",
                rest[pos:]):
        return None  # "…, a spokesman said Thursday, speaking of …": the content is before the cue
    adv = _LEAD_ADV.match(rest, pos)
    if adv:
        pos = adv.end()
    par = re.match(r",\s+(?!(?:adding|noting|saying|according|but|and|or|who|which|in|on|at|when|while|as|after|"
                   r"before|because|though|although|with|without|citing|calling|referring|speaking)\b)"
                   r"(?!(?!(?:no|some|every|any)thing)[a-z]{2,}ing\b)(?=\S)", rest[pos:])  # "…, clutching the lectern"
    if par and parenthetical and (pos == 0 or lemma in _TELL and not adv):  # "Trump told CNN, his policy …"
        return c_end + pos + par.end(), ","
    nxt = rest[pos:].lstrip()
    if lemma in _COMMIT and re.match(r"to\s+[a-z]+", nxt):
        return c_end + pos + (len(rest[pos:]) - len(rest[pos:].lstrip())), "to"  # "pledged to work to improve ties"
    if _ABOUT_NUMBER.match(nxt):
        return c_end + pos + (len(rest[pos:]) - len(rest[pos:].lstrip())), ""  # "said about half of the …"
    if not nxt or nxt[0] in ".,;!?)" or nxt.lower().startswith(("by ", "to ", "for ", "about ", "on ", "in ",
                                                                "as ", "and ", "or ", "of ",
                                                                "with ", "at ", "from ", "nothing", "something",
                                                                "during ", "ahead ", "after ", "before ", "while ",
                                                                "when ", "without ", "amid ", "following ", "this year",
                                                                "last year", "this week", "last week")):
        return None
    if _AUX_START.match(nxt):
        return None  # "… which she said was a question": the cue sits in a relative clause
    return c_end + pos + (len(rest[pos:]) - len(rest[pos:].lstrip())), ""


_TRAIL = re.compile(r"(?:,|[”\"])\s+(?:referring|citing|calling|speaking|in\s+reference|in\s+an\s+apparent\s+reference|"
                    r"an\s+apparent\s+reference|a\s+reference|alluding)\b")


def _content_end(m: str, s: int, hi: int) -> int:
    """End of content after its cue: the unit end, or before a trailing ", referring to …" comment."""
    t = _TRAIL.search(m, s, hi)
    if t is None:
        return hi
    return t.start() + (1 if m[t.start()] in "”\"" else 0)


def _title_case(unit: str) -> bool:
    """A headline in Title Case ("Clinton Says Russians Hacked DNC")."""
    ws = [w for w in re.findall(r"[A-Za-z][\w’'-]*", unit) if len(w) > 3]
    return len(ws) >= 3 and sum(w[0].isupper() for w in ws) >= 0.8 * len(ws)


def _sep_before(m: str, lo: int, pos: int) -> int | None:
    """Offset of the comma/quote/dash that closes the content before a post-posed attribution."""
    seg = m[lo:pos].rstrip()
    if not seg:
        return None
    k = lo + len(seg)
    ch = m[k - 1]
    if ch == ",":
        return k - 1 if k - 2 < lo or m[k - 2] not in (_CLOSE, '"') else k - 1
    if ch in (_CLOSE, '"'):
        return k
    if ch in "—–":
        return k - 1
    if seg.endswith(" -"):
        return k - 2
    return None


#: An -ly adverb of manner closing the tag ("sarcastically", "dryly", "matter-of-factly").
_MANNER_ADVERB_END = re.compile(r"[a-z][a-z-]{1,}ly\s*(?:[.,;!?—–:]|$)")


def _tail_ok(m: str, pos: int, hi: int) -> bool:
    """What follows a post-posed attribution: the unit end, or a trailing phrase, comma or second quote part."""
    rest = m[pos:hi].strip()
    if not rest or rest[0] in ".,;!?—–:" or rest.startswith("- "):
        return True
    if _MANNER_ADVERB_END.match(rest):  # "“…,” Trump said sarcastically." / "…, Jones said carefully, as …"
        return True
    return bool(re.match(r"(?:in|on|at|during|after|before|when|while|last|this|yesterday|today|to|of|from|via|"
                         r"through|as|with|about|earlier|later|recently|[A-Z]\w+day|\d+|one|two|three|four|five|"
                         r"several|a\s+few|a\s+day|shortly|moments|minutes|hours|days|weeks|months|years|just|soon|"
                         r"then|afterward|afterwards|again|twice|once|also|repeatedly|flatly|simply|quietly|softly|and|"
                         r"firmly|angrily|told|tells|adding|noting|saying|according|late|early|aboard|outside|inside|"
                         r"over|onstage|backstage|by\s+(?:tele)?phone|by\s+e-?mail|behind|near|introducing|answering|"
                         r"responding|"
                         r"January|February|March|April|May|June|July|August|September|October|November|December)\b|"
                         r"(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.\s", rest))


def _set_extension(r: "_Raw", new_end: int) -> None:
    """Extend a post-posed attribution over a second quote part; the tag between becomes a gap."""
    if new_end > r.end:
        r.gap = (r.end, -1)  # the second part starts at the first quote opening after the first part
        r.end = new_end


def _extend_after(text: str, m: str, spans, pos: int, hi: int, end: int) -> int:
    """“Part one,” he said, “part two.” — extend a direct quote over the second part."""
    rest = m[pos:hi]
    mm = re.match(r"[^“\"]{0,80}?,\s*(?=[“\"])", rest)
    if mm:
        q = pos + mm.end()
        hit = _starting_at(spans, q)
        if hit is not None:
            return hit[1]
    return end


_INTRO = re.compile(r"(?:At|In|On|During|After|Before|When|While|As|If|Despite|With|For|Since|Although|Though|"
                    r"Because|Asked|Speaking|Pressed|Writing|Like|Unlike|Under|Over|From|Through|Following|Amid|"
                    r"Among|Without|By|Earlier|Later|Separately|Meanwhile|However|Still|Yet)\b")


def _content_ok(text: str, s: int, e: int, spans) -> bool:
    """A span before a post-posed cue is content: two words or a quotation, not just an introduction."""
    return e > s and (len(_WORD.findall(text[s:e])) >= 2 or _is_quote(text, s, e, spans)) \
        and not _intro_only(text, s, e, spans)


def _intro_only(text: str, s: int, e: int, spans) -> bool:
    """True when post-posed "content" is only an introductory phrase ("At a rally in Modesto, Sanders promised …")."""
    if _overlapping(spans, s, e):
        return False
    return bool(_INTRO.match(text, s)) and len(_WORD.findall(text[s:e])) <= 12 and "," not in text[s:e]


def _skip_lead(text: str, s: int, e: int) -> int:
    """Start of post-posed content: after a leading conjunction, or at a quote introduced by a colon."""
    mm = re.match(r"(?:(?:And|But|So|Yet|Still|Then|Now|Also)\s+)(?=[“\"])", text[s:e])
    if mm:
        return s + mm.end()
    col = re.search(r":\s*(?=[“\"]|'')", text[s:e])
    if col and len(_WORD.findall(text[s + col.end():e])) >= 2:
        return s + col.end()
    return s


def _cut_back(text: str, lo: int, cut: int) -> int:
    """End of content before a following attribution: drop a trailing ", and" / "but"."""
    seg = text[lo:cut]
    mm = re.search(r"(?:[,;]?\s*\b(?:and|but|then|while|before|after|also)\b)?[\s,;]*$", seg)
    return lo + (mm.start() if mm else len(seg))
