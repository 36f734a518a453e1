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

from .categories import CATEGORIES, Category
from .context import hit_context, kwic
from .evaluate import evaluate, format_evaluation
from .find import EXTRA_COLUMNS, HIT_COLUMNS, Hit, find_loaded, loaded_table
from .lexicon import Entry, Lexicon, LexiconFile, default_lexicon_files, inflections, load_lexicon, tokens
from .rates import category_label, loaded_rates, rate_column, top_entries

__all__ = [
    "CATEGORIES", "Category", "Entry", "LexiconFile", "Lexicon", "Hit", "HIT_COLUMNS", "EXTRA_COLUMNS",
    "load_lexicon", "default_lexicon_files", "find_loaded", "loaded_table", "loaded_rates", "rate_column",
    "kwic", "hit_context", "top_entries", "category_label", "inflections", "tokens", "evaluate",
    "format_evaluation",
]
