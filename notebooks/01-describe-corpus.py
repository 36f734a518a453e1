# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 1 · Describe the corpus
#
# What the corpus holds before any measurement: the articles with outlet, genre, date, length and
# readability; where each metadata value comes from; and what the text cleaning removed from the raw
# files. Every number below is computed from the result tables (`framing analyze`), so this page
# describes whichever corpus it is run on.

# %% tags=["parameters"]
# Parameters (the report passes folders; None means the project default:
# corpus/, results/ and figures/ under the project root).
corpus_dir = None
results_dir = None
figures_dir = None

# %%
from analysis import plots
from analysis.figures import table
from analysis.report import open_notebook, plural, prose_list

nb = open_notebook("01-describe-corpus", corpus_dir=corpus_dir, results_dir=results_dir, figures_dir=figures_dir)
t = nb.tables
A = t.articles
labels = plots.article_labels(A)

# %%
outlets = A["outlet"].dropna()
genres = A["genre"].fillna("unknown").value_counts()
dated = A["published"].dropna().astype(str)
nb.md(
    f"The corpus has **{len(A):,} articles** and **{int(A['words'].sum()):,} words** after cleaning "
    f"(median {int(A['words'].median()):,} words per article, range {int(A['words'].min()):,}–{int(A['words'].max()):,}). "
    f"{len(outlets):,} of {len(A):,} articles name their outlet ("
    + (prose_list(sorted(outlets.unique())) if outlets.nunique() <= 10 else f"{outlets.nunique():,} outlets")
    + (f"; the other {len(A) - len(outlets):,} are left out of every by-outlet comparison" if len(outlets) < len(A) else "")
    + "); "
    f"genres: {prose_list([f'{g} ({n})' for g, n in genres.items()])}. "
    + (f"Publication dates run from {min(dated)} to {max(dated)}"
       + (f"; {plural(len(A) - len(dated), 'article')} undated." if len(dated) < len(A) else "; every article is dated.")
       if len(dated) else "No article is dated.")
)

# %% [markdown]
# ## The articles
#
# Figures label articles by short title, or by outlet and date (genre and date when the outlet is
# unknown); the article id is in every figure's CSV and in the table below.

# %%
cols = ["article_id", "title", "outlet", "author", "published", "genre", "words", "sentences",
        "flesch_reading_ease", "flesch_kincaid_grade"]
overview = A[cols].assign(label=labels.to_numpy())
table(overview[["label", *cols]], n=30, digits=1)

# %% [markdown]
# ## Where the metadata comes from
#
# Each metadata value is *stated* in the text, *inferred* from it (with the reasoning recorded),
# *supplied* at import, or *unknown*. The count per field:

# %%
prov = t.metadata.pivot_table(index="field", columns="status", values="article_id", aggfunc="count", fill_value=0)
unknown = prov["unknown"] if "unknown" in prov else prov.iloc[:, 0] * 0
nb.md(
    f"Of {int(prov.to_numpy().sum())} metadata values, {int(prov.get('stated', unknown * 0).sum())} are stated, "
    f"{int(prov.get('inferred', unknown * 0).sum())} inferred, {int(prov.get('supplied', unknown * 0).sum())} supplied "
    f"and {int(unknown.sum())} unknown. Fields unknown for at least half the articles: "
    f"{prose_list([f for f, n in unknown.items() if n >= len(A) / 2]) or 'none'}."
)
table(prov.reset_index(), n=30)

# %% [markdown]
# ## Length

# %%
fig, data = plots.article_length(A)
nb.save(fig, "article-length", data=data,
        caption=f"Length of each article in words after cleaning (n={len(A):,} articles), coloured by genre; "
                f"labels give the number of sentences." + plots.scale_note(len(A)))

# %% [markdown]
# ## Readability
#
# Three grade-level formulas (Flesch–Kincaid, Gunning fog, SMOG) estimate the US school grade needed
# to read the text; they agree on order more than on level, and all were built for general prose,
# not for texts dense with proper names, so read them as relative.

# %%
fk = A.set_index(A["article_id"].astype(str))["flesch_kincaid_grade"].dropna()
if len(fk):
    nb.md(
        f"Flesch–Kincaid grades range from {fk.min():.1f} (*{labels[fk.idxmin()]}*) to {fk.max():.1f} "
        f"(*{labels[fk.idxmax()]}*); the median is {fk.median():.1f}. "
        f"{int((fk >= 13).sum()):,} of {len(fk):,} articles need college-level reading (grade 13 or above)."
    )
fig, data = plots.readability_by_article(A)
nb.save(fig, "readability-by-article", data=data,
        caption=f"Grade-level readability (Flesch–Kincaid, Gunning fog, SMOG; US school grade) of each article "
                f"(n={len(A):,} articles)." + plots.scale_note(len(A)))

# %% [markdown]
# ## What the cleaning removed
#
# The raw files keep their scraping debris (widgets, repeated titles, bylines, sign-offs, footers).
# The cleaning removes whole lines only and records each removal with its offsets in the raw file,
# so it can be audited here.

# %%
C = t.cleaning.assign(chars=t.cleaning["raw_end"] - t.cleaning["raw_start"])
if len(C):
    kinds = C.groupby("kind")["chars"].agg(["size", "sum"]).sort_values("sum", ascending=False)
    nb.md(
        f"The cleaning removed **{plural(len(C), 'line')}** ({int(C['chars'].sum()):,} characters) from "
        f"{C['article_id'].nunique():,} of {len(A):,} articles: "
        + prose_list([f"{k} ({plural(int(r['size']), 'line')}, {int(r['sum']):,} characters)" for k, r in kinds.iterrows()])
        + "."
    )
else:
    nb.md("The cleaning removed nothing from these articles.")
fig, data = plots.cleaning_removed(t.cleaning, A)
nb.save(fig, "cleaning-removed", data=data,
        caption=f"Characters of raw text removed by the cleaning, by kind of debris, per article "
                f"(n={len(C):,} removed lines in {len(A):,} articles)." + plots.scale_note(len(A)))

# %%
table(C[C["kind"] != "blank"].assign(article=lambda d: d["article_id"].astype(str).map(labels))
      [["article", "kind", "raw_start", "raw_end", "text"]], n=15)
