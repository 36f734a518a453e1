"""Links from tables (notebooks, KWIC rows, top sentences) to the exact place on an evidence page.

Method: a page is ``<base>/<file>`` with :func:`analysis.pages.safe.file_name` of the article id; the
anchors are ``#a-N`` / ``#t-N`` / ``#m-N`` for the N-th row (from 0, in table order) of the article in
``attributions.csv`` / ``loaded_terms.csv`` / ``actor_mentions.csv``, and ``#s-N`` for sentence N, exactly
as :func:`analysis.pages.article.render_article` writes them.  From a rendered notebook in the report
folder the default ``base`` (``articles``) is the right relative path.
"""
from __future__ import annotations

from . import safe

__all__ = ["page_href", "evidence_hrefs", "PREFIX"]

#: table name -> anchor prefix on the page
PREFIX = {"attributions": "a", "loaded_terms": "t", "actor_mentions": "m", "sentences": "s"}


def page_href(article_id, anchor: str | None = None, *, base: str = "articles") -> str:
    """The relative link to an article's page (and an anchor on it, e.g. ``"a-3"``)."""
    href = f"{base.rstrip('/')}/{safe.file_name(article_id)}" if base else safe.file_name(article_id)
    return href + (f"#{anchor}" if anchor else "")


def evidence_hrefs(df, table: str, *, base: str = "articles"):
    """A Series of links, one per row of ``df`` (a whole table of that name, in its order), to the row's place.

    For page files that :func:`analysis.pages.write_pages` named by a hash (ids that are not plain tokens)
    the link is right too: both use :func:`~analysis.pages.safe.file_name`.
    """
    import pandas as pd

    if table not in PREFIX:
        raise ValueError(f"no evidence anchors for table {table!r}; choose one of {', '.join(PREFIX)}")
    ids = df["article_id"].astype(str)
    n = df["sentence"] if table == "sentences" else df.groupby(ids, sort=False).cumcount()
    return pd.Series([page_href(a, f"{PREFIX[table]}-{int(k)}", base=base) for a, k in zip(ids, n)],
                     index=df.index, name="evidence")
