"""Loaded language: lexicons and a learned word model, evidence rows, two per-article measures, KWIC.

Method (details in ``docs/loaded.md``; one job per module)
------
* :mod:`.lexicon` reads curated YAML lexicons with provenance: the general
  lexicon by default; topic lexicons only when asked (``<corpus>/lexicons/``
  or ``--lexicon``).  :mod:`.matcher` matches them (phrases across spaces or
  one hyphen, never inside words, longest match wins, exceptions, neutral
  names).
* :mod:`.model` adds words a logistic regression over word-in-context
  features (:mod:`.features`: VADER valence, bias-cue classes of Recasens et
  al. 2013, part of speech, rarity, shape) scores as loaded, outside the
  lexicon hits; trained by :mod:`.train` on the project's own annotations
  (:mod:`.devset`), card in ``docs/loaded-model.md``.
* :mod:`.find` makes every hit an evidence row: words as written, offsets
  into the cleaned text, sentence, voice (:mod:`.voice`: quoted and
  paraphrased speech count for the speaker), what fired (lexicon entry and
  file, or model score and the features that weighed most), negation
  (:mod:`.negation`) and target (:mod:`.targets`).
* :mod:`.categories` defines the categories (Da San Martino et al. 2019
  propaganda techniques; Semetko & Valkenburg 2000; Haslam 2006; Hyland
  2005; Recasens et al. 2013) and the two measures: ``loaded_per_1000`` and
  ``certainty_per_1000`` (absolutes and boosters), computed by :mod:`.rates`.
* :mod:`.context` (KWIC), :mod:`.candidates` (model hits for a user to
  accept into a corpus lexicon), :mod:`.evaluate` (seed gold).

Known limits: no word-sense disambiguation beyond ``exceptions`` and the
model's context features; the model was trained on a few hundred sentences
of US election news by one annotator; negation scope is a heuristic.
"""
from __future__ import annotations

from .candidates import candidate_kwic, candidate_terms, lexicon_yaml
from .categories import CATEGORIES, MEASURES, Category, categories_of, measure_of
from .context import hit_context, kwic
from .evaluate import evaluate, format_evaluation
from .find import BUNDLED, EXTRA_COLUMNS, HIT_COLUMNS, Hit, find_loaded, loaded_table
from .lexicon import (Entry, Lexicon, LexiconFile, corpus_lexicon_files, default_lexicon_files, inflections,
                      load_lexicon, tokens)
from .model import LoadedModel, load_model
from .rates import category_label, loaded_rates, rate_column, rate_columns, top_entries

__all__ = [
    "CATEGORIES", "Category", "Entry", "LexiconFile", "Lexicon", "Hit", "HIT_COLUMNS", "EXTRA_COLUMNS",
    "load_lexicon", "default_lexicon_files", "find_loaded", "loaded_table", "loaded_rates", "rate_column",
    "kwic", "hit_context", "top_entries", "category_label", "inflections", "tokens", "evaluate",
    "format_evaluation", "MEASURES", "measure_of", "categories_of", "BUNDLED", "corpus_lexicon_files", "LoadedModel",
    "load_model", "rate_columns", "candidate_terms", "candidate_kwic", "lexicon_yaml",
]
