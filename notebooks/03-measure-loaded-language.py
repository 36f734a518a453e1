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
# # 3 · Measure loaded language
#
# **Method.** Loaded wording is found by matching curated lexicons (`analysis/lexicons/*.yaml`, with
# source, licence and version; see `docs/loaded.md`) against the cleaned text. Categories follow the
# propaganda-technique inventory of Da San Martino et al. (2019, EMNLP), the epistemological-bias cues
# of Recasens et al. (2013, ACL), the conflict frame of Semetko & Valkenburg (2000) and war-reporting
# vocabulary. Every hit is an evidence row (article, words as written, lexicon entry, offsets,
# sentence, voice), and rates are hits per 1,000 words so articles of different length compare.
#
# **Limits.** A lexicon finds words, not meaning: no negation scope, little word-sense disambiguation,
# and it only knows the terms someone listed. Read the keyword-in-context lines before citing a rate.

# %% tags=["parameters"]
# Parameters (the report passes folders; None means the project default:
# corpus/, results/ and figures/ under the project root).
corpus_dir = None
results_dir = None
figures_dir = None

# %%
from types import SimpleNamespace

from analysis import keyness, loaded, plots
from analysis.figures import table
from analysis.report import open_notebook, plural, prose_list

nb = open_notebook("03-measure-loaded-language", corpus_dir=corpus_dir, results_dir=results_dir,
                   figures_dir=figures_dir)
t = nb.tables
A, L = t.articles, t.loaded_terms
labels = plots.article_labels(A)
lexicons = t.manifest.get("lexicons", [])
nb.md("Lexicons used: " + (prose_list([f"`{x.get('name')}` v{x.get('version')} ({x.get('licence')})" for x in lexicons])
                           or "(not recorded)") + ".")

# %% [markdown]
# ## Rates by category

# %%
fig, by_cat = plots.loaded_rate_by_category(L, A)
nb.save(fig, "loaded-rate-by-category", data=by_cat,
        caption=f"Loaded-language hits per 1,000 words by lexicon category over the whole corpus "
                f"(n={int(A['words'].sum()):,} words in {len(A):,} articles; bar labels give hit counts).")
top_cats = by_cat[by_cat["hits"] > 0]
nb.md(
    f"The lexicons flag **{len(L):,} terms** in {L['article_id'].nunique()} of {len(A):,} articles "
    f"({1000 * len(L) / max(int(A['words'].sum()), 1):.1f} per 1,000 words). "
    + (f"The most frequent categories are {prose_list([f'{loaded.category_label(c)} ({h})' for c, h in zip(top_cats['category'][:3], top_cats['hits'][:3])])}; "
       f"{(n0 := int((by_cat['hits'] == 0).sum()))} of {len(by_cat):,} categories {'has' if n0 == 1 else 'have'} no hit." if len(top_cats) else "")
)

# %% [markdown]
# ## Rates by article

# %%
fig, by_art = plots.loaded_rate_by_article(A)
nb.save(fig, "loaded-rate-by-article", data=by_art,
        caption=f"Loaded-language hits per 1,000 words, by article and lexicon category (n={len(A):,} articles)." + plots.scale_note(len(A)))
rate = A.set_index(A["article_id"].astype(str))["loaded_per_1000"]
nb.md(
    f"Overall rates run from {rate.min():.1f} (*{labels[rate.idxmin()]}*) to {rate.max():.1f} per 1,000 words "
    f"(*{labels[rate.idxmax()]}*). In the author's own voice the corpus has "
    f"{int((L['voice'] == 'author').sum())} hits, inside quotations {int((L['voice'] == 'quoted').sum())}; "
    f"{int(L['negated'].sum()) if 'negated' in L else 0} hits follow a negator and may be denied rather than asserted."
)

# %% [markdown]
# ## The most frequent terms, with evidence

# %%
top = loaded.top_entries(L)
table(top, n=12)

# %% [markdown]
# Keyword in context for the three most frequent entries: these are the very evidence rows counted above
# (`loaded_terms.csv`), with 50 characters on each side.

# %%
for term in top["entry"].head(3):
    lines = loaded.hit_context(L[L["entry"] == term], t.texts, width=50)
    nb.md(f"**{term}** — {plural(len(lines), 'hit')} in {plural(lines['article_id'].nunique(), 'article')}; first lines:")
    display(table(lines.assign(article=lines["article_id"].astype(str).map(labels))[["article", "left", "text", "right"]], n=4))

# %% [markdown]
# ## Distinctive words
#
# Words a group uses more than the rest of the corpus, by the weighted log-odds ratio with an informative
# Dirichlet prior (Monroe, Colaresi & Quinn 2008, *Political Analysis* 16(4)); `z` above about 2 marks a
# clear difference. Two comparisons that mean something: the journalist's own words against quoted and
# paraphrased speech, and genre against genre (op-ed vs news). Stop words are left out and names are
# ranked apart from other words (`kind`), so "said" or a speaker's surname does not top the list. This is
# exploratory: it is how candidate lexicon terms are found.

# %%
meta = A.set_index(A["article_id"].astype(str))
docs = [SimpleNamespace(id=a, text=txt, meta={k: meta.at[a, k] if k in meta and isinstance(meta.at[a, k], str) else None
                                              for k in ("outlet", "genre")})
        for a, txt in t.texts.items() if a in meta.index]
spans = {str(k): list(zip(g["start"], g["end"])) for k, g in t.attributions.groupby("article_id")} \
    if len(t.attributions) else {}
by_voice = keyness.distinctive_terms(docs, by="voice", quoted_spans=spans, top=8)
nb.md(f"**Author vs quoted speech**: {int((by_voice['z'] >= 2).sum())} of {len(by_voice)} listed terms have z ≥ 2.")
display(table(by_voice[["group", "kind", "term", "count", "log_odds", "z"]], n=16))

# %%
if A["genre"].dropna().nunique() >= 2:
    by_genre = keyness.distinctive_terms(docs, by="genre", top=5)
    nb.md(f"**By genre** ({prose_list(sorted(A['genre'].dropna().unique()))}): "
          f"{int((by_genre['z'] >= 2).sum())} of {len(by_genre)} listed terms have z ≥ 2.")
    display(table(by_genre[["group", "kind", "term", "count", "log_odds", "z"]], n=15))
else:
    nb.md("All articles share one genre (or none is known), so genres cannot be compared.")
