"""Attribution records: the public :class:`Attribution` row and the internal :class:`_Raw` candidate.

Part of :mod:`analysis.sources` (method and citations there).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..text import WORD_RE


COLUMNS = ["article_id", "kind", "quote", "start", "end", "speaker", "speaker_mention", "speaker_role",
           "speaker_side", "cue", "rule"]


EXTRA_COLUMNS = ["sentence", "quoted_words", "cue_class", "speaker_rule", "class_rule", "anonymous", "content",
                 "cue_lemma", "speaker_alignment", "vague", "unbalanced_quote"]


_WORD = WORD_RE  # one definition of a word, so quoted-word shares and article word counts agree


@dataclass
class Attribution:
    """One attribution relation: who said what, with which cue, where (offsets into the text)."""

    kind: str
    quote: str
    start: int
    end: int
    speaker: str = ""
    speaker_mention: str = ""
    speaker_role: str = "unknown"
    speaker_side: str = "unknown"
    cue: str = ""
    rule: str = ""
    sentence: int = -1
    quoted_words: int = 0
    cue_class: str = ""
    speaker_rule: str = ""
    class_rule: str = ""
    anonymous: bool = False
    #: the content without an attribution tag inside it: “A,” she said, “B.” -> “A,” … “B.” (else = quote)
    content: str = ""
    mention_start: int = -1
    cue_start: int = -1
    #: the cue's lemma, spelling variants merged ("emphasised", "emphasized by" -> "emphasize")
    cue_lemma: str = ""
    #: stance towards the question at hand, from the registry's ``alignment`` column (else "unknown")
    speaker_alignment: str = "unknown"
    #: the source is vague ("reports of various international organizations", "foreign journalists")
    vague: bool = False
    #: the content holds a quotation mark that is never closed (the quote was cut at its sentence end)
    unbalanced_quote: bool = False


@dataclass
class _Raw:
    start: int
    end: int
    cue: str
    cue_start: int
    lemma: str
    mention: str
    m_start: int
    m_kind: str
    appos: str
    rule: str
    unit: int
    gap: tuple[int, int] | None = None  # the attribution tag inside a quotation interrupted by it
    antecedent: str = ""  # the subject of a clause this pronoun's clause is part of ("X highlighted … when he told")
