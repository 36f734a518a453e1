"""Source attribution: direct, mixed and indirect quotes, their speakers, and per-article sourcing ratios.

Method (rule based, regular expressions and lexicons; nothing is downloaded)
-----------------------------------------------------------------------------
An *attribution* links a source (speaker), a cue (reporting verb, "according to" or a colon) and the
content, following the attribution-relation model of Pareti (2015, PARC 3.0: "Attribution: a computational
approach", PhD thesis, University of Edinburgh) as used for political news by PolNeAR (Newell, Margolin &
Ruths 2018, "An attribution relations corpus for political news", LREC).  The rules are those of
sieve-style rule-based quote attribution (Muzny, Fang, Chang & Jurafsky 2017, "A two-stage sieve approach
for quote attribution", EACL) and of the GenderGapTracker's syntactic quote patterns (Asr et al. 2021,
"The Gender Gap Tracker", PLOS ONE 16(1)), written over surface patterns instead of a parser:

1. *Quote spans.*  Curly and straight double quote marks are paired within a paragraph.  A paragraph that
   leaves a quote open continues it when the next paragraph opens with a quote mark (the multi-paragraph
   convention) or closes a quote it never opened; otherwise the quote is capped at the paragraph end, so
   an unbalanced mark never swallows the rest of the article.
2. *Units.*  Quote interiors are masked and the text is split into sentences outside quotes, so a quote
   of several sentences and its attribution form one unit.
3. *Cues.*  Every reporting verb from ``analysis/data/attribution_verbs.yaml`` (inflected), "according
   to" and a colon before a quote is a candidate cue.  Rules, tried in order (the ``rule`` column):
   ``post-subject``   CONTENT, SPEAKER CUE.            (“…,” Gut said. / …, officials said.)
   ``post-inverted``  CONTENT, CUE SPEAKER.            (“…,” said Prof. Gut.)
   ``pre-subject``    SPEAKER CUE [RECIPIENT] [that|:] CONTENT  (Gut told me that … / X stated: “…”)
   ``according-pre``  According to SPEAKER, CONTENT.   ``according-post``  CONTENT, according to SPEAKER.
   ``participle``     …, CUE-ing CONTENT (the clause's subject)   ``coordinated``  X did …, and CUE CONTENT
   ``passive``        CONTENT, CUE-ed by SPEAKER, …    ``agentless``  X was asked whether …; Asked about …, X said
   ``colon``          SPEAKER: “…” (and transcript lines)    ``+continuation``  a quote-only sentence right
   after an attributed quote in the same paragraph joins it (``merge_continuations``; else a separate row
   with rule ``continuation``).  ``floating``  a quote-only paragraph right after a paragraph that
   attributes speech, given to that paragraph's last speaker.
   A speaker must be a noun phrase: a pronoun, a capitalised name, or a determiner phrase whose head is a
   person, group or document noun; negated ("declined to comment", "did not say") and hypothetical ("can
   confirm") cues are dropped.  ``content`` leaves out a tag that interrupts a quotation; ``quote`` is
   always the verbatim ``text[start:end]``.
4. *Kinds.*  ``direct``: the content is one quote (or quote parts around the attribution); ``mixed``:
   reported speech containing a quoted fragment; ``indirect``: no quote marks.  Quoted phrases with no cue
   (organisation names, nicknames, scare quotes such as “strategic partnership”) are not attributions.
5. *Speakers* (see :mod:`analysis.speakers`): names are merged per article into one canonical speaker
   (registry first, then the longest variant in the text); pronouns resolve to the most recent named
   speaker; definite descriptions ("the senior Azerbaijani official") to the most recent named speaker
   whose role and side fit; indefinite or unmatched descriptions ("a government official", "sources")
   stay anonymous with their description as the mention.

Measured accuracy, commands and known limits: docs/sources.md.  In short: no parser, so long subjects,
passive attributions ("…, was told") and speakers named only in another sentence are often missed; the
content of an indirect attribution runs to the end of its sentence; English only.

Layout (one job per module): :mod:`.quotes` (quote spans, masking, units), :mod:`.cues` (cue lexicon and
cue detection), :mod:`.phrases` (speaker noun phrases), :mod:`.content` (content boundaries), :mod:`.rules`
(rules across candidates), :mod:`.extract` (the per-article driver), :mod:`.resolve` (speaker resolution),
:mod:`.speakers` (registry, names, classification) and :mod:`.tables` (tables and ratios).
"""
from __future__ import annotations

from ..text import voice  # noqa: F401  (re-exported: the one definition of voice lives in analysis.text)
from .cues import cue_classes
from .extract import extract
from .model import COLUMNS, EXTRA_COLUMNS, Attribution
from .quotes import GAP, quote_spans
from .speakers import Registry, load_registry
from .tables import attributions_table, quoted_spans, sources_table, sourcing_ratios, speaker_summary, speech_spans

__all__ = [
    "Attribution",
    "COLUMNS",
    "EXTRA_COLUMNS",
    "GAP",
    "Registry",
    "extract",
    "attributions_table",
    "sources_table",
    "sourcing_ratios",
    "speaker_summary",
    "quoted_spans",
    "speech_spans",
    "voice",
    "load_registry",
    "quote_spans",
    "cue_classes",
]
