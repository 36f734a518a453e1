"""The report's figures: one function per figure, from the result tables.

Every function takes result tables (see :mod:`analysis.pipeline`) and
returns ``(fig, data)``, where ``data`` is a DataFrame holding exactly the
values drawn (it becomes ``<name>.csv`` through
:func:`analysis.figures.save_figure`).  Styling, palette and sizes come from
:mod:`analysis.figures`; this module only decides what to draw.  Group
summaries state their ``n`` in the labels; axes name the quantity and its
unit.  Per-article means come with 95 % confidence intervals from the t
distribution (sentences are not independent draws, so read them as
descriptive bands, not tests); corpus-level shares use the article
bootstrap of :mod:`analysis.stats`.

Scale: every figure stays legible from 2 to 10,000+ articles.  Up to
:data:`MAX_ROWS` articles, per-article charts draw one labelled row per
article; above it they switch to distributions (histograms, box plots),
top-N or by-outlet views (``fig.framing_view`` records which).  Articles
are labelled by short title, or outlet and date (:func:`article_labels`);
the id stays in the CSV.  Articles without a stated outlet are never pooled
into an outlet of their own.

:data:`FIGURES` maps each figure name to its function, for the notebooks,
the docs and the tests.
"""
from __future__ import annotations

from .base import (
    GRADE_MEASURES, MAX_ROWS, PROFILE_MEASURES, TOP_N, article_labels, mean_ci, per_article, scale_note,
)
from .corpus import article_length, readability_by_article, cleaning_removed
from .sentiment import sentiment_by_article, sentiment_shares, sentiment_by_voice, sentiment_by_outlet
from .loaded import loaded_rate_by_category, loaded_rate_by_article
from .sourcing import role_colours, sources_by_side, mentioned_vs_quoted, sourcing_by_article, attribution_verbs
from .actors import actor_portrayal, actor_stance
from .synthesis import article_profile, text_reuse

__all__ = [
    "article_labels", "mean_ci", "article_length", "readability_by_article", "cleaning_removed",
    "sentiment_by_article", "sentiment_shares", "sentiment_by_voice", "sentiment_by_outlet",
    "loaded_rate_by_category", "loaded_rate_by_article", "sources_by_side", "sourcing_by_article",
    "attribution_verbs", "article_profile", "actor_portrayal", "text_reuse", "actor_stance", "mentioned_vs_quoted", "role_colours",
    "per_article", "scale_note", "GRADE_MEASURES", "MAX_ROWS", "TOP_N", "PROFILE_MEASURES", "FIGURES",
]


#: Figure name -> function (names are the exported file stems).
FIGURES = {
    "article-length": article_length,
    "readability-by-article": readability_by_article,
    "cleaning-removed": cleaning_removed,
    "sentiment-by-article": sentiment_by_article,
    "sentiment-shares": sentiment_shares,
    "sentiment-by-voice": sentiment_by_voice,
    "sentiment-by-outlet": sentiment_by_outlet,
    "loaded-rate-by-category": loaded_rate_by_category,
    "loaded-rate-by-article": loaded_rate_by_article,
    "mentioned-vs-quoted": mentioned_vs_quoted,
    "sources-by-side": sources_by_side,
    "sourcing-by-article": sourcing_by_article,
    "attribution-verbs": attribution_verbs,
    "article-profile": article_profile,
    "actor-portrayal": actor_portrayal,
    "text-reuse": text_reuse,
}
