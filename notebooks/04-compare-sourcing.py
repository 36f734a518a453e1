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
# # 4 · Compare sourcing
#
# **Who speaks, and who is only spoken about.** Every attribution (a direct quotation, an indirect
# "X said that…", or a mix) is an evidence row with its speaker, the speaker's role and side, the
# attribution verb (cue) and the rule that found it (see `docs/sources.md`). Per article the tables give
# the share of words inside quotations, named versus anonymous sources, how much one source dominates,
# and how often the verb itself evaluates ("claimed", "admitted", "stressed") rather than reports
# ("said", "told").
#
# The last section sets the *sides* of the actors the articles talk about (from the corpus's actors
# file) against the sides of the people they quote, to show whose voices are absent.
#
# **Limits.** Attribution is found with rules and cue lists, not a trained parser: speakers introduced
# far from their quotes, or quoted without a verb, can be missed; role and side come from cue words
# next to the name and from the speaker registry (`corpus/speakers.csv`).

# %% tags=["parameters"]
# Parameters (the report passes folders; None means the project default:
# corpus/, results/ and figures/ under the project root).
corpus_dir = None
results_dir = None
figures_dir = None

# %%
from analysis import actors, plots, sources
from analysis.figures import display_label
from analysis.report import open_notebook, plural, prose_list

nb = open_notebook("04-compare-sourcing", corpus_dir=corpus_dir, results_dir=results_dir, figures_dir=figures_dir)
t = nb.tables
A, T, SRC = t.articles, t.attributions, t.sources
labels = plots.article_labels(A)

# %%
kinds = T["kind"].value_counts()
speakers = sources.speaker_summary(SRC)
no_quotes = A[A["attributions"].fillna(0) == 0]
nb.md(
    f"The articles contain **{len(T)} attributions** ({prose_list([f'{n} {k}' for k, n in kinds.items()]) or 'none'}) "
    f"to **{SRC['speaker'].nunique()} distinct sources**. "
    + (f"The most quoted is {speakers.iloc[0]['speaker']} ({speakers.iloc[0]['role']}, {display_label(speakers.iloc[0]['side'])}; "
       f"{plural(int(speakers.iloc[0]['attributions']), 'attribution')} in {plural(int(speakers.iloc[0]['articles']), 'article')}). "
       if len(speakers) else "")
    + (f"{plural(len(no_quotes), 'article')} {'attributes' if len(no_quotes) == 1 else 'attribute'} nothing to anyone: {prose_list([labels[str(a)] for a in no_quotes['article_id']])}."
       if len(no_quotes) else "Every article quotes or cites at least one source.")
)
nb.table(speakers, n=12)

# %% [markdown]
# ## Sides and roles

# %%
fig, by_side = plots.sources_by_side(SRC)
nb.save(fig, "sources-by-side", data=by_side,
        caption=f"Attributions by the speaker's side, stacked by role, over all articles "
                f"(n={int(SRC['attributions'].sum())} attributions to {SRC['speaker'].nunique()} sources).")
side_tot = by_side.groupby("side")["attributions"].sum().sort_values(ascending=False)
if len(side_tot):
    nb.md(
        "Attributions by side: "
        + prose_list([f"{display_label(s)} {n} ({n / side_tot.sum():.0%})" for s, n in side_tot.items()]) + ". "
        + "By role: " + prose_list([f"{r} {n}" for r, n in by_side.groupby("role")["attributions"].sum()
                                   .sort_values(ascending=False).items()]) + "."
    )

# %% [markdown]
# ## Sourcing per article

# %%
fig, shares = plots.sourcing_by_article(A)
nb.save(fig, "sourcing-by-article", data=shares,
        caption=f"Per article: share of words inside quotations, share of anonymous attributions, the top "
                f"source's share of attributions (dominance) and the share of evaluative attribution verbs "
                f"(n = attributions per article; {len(A)} articles).")
cols = ["article_id", "attributions", "direct", "indirect", "mixed", "named_sources", "anonymous_share",
        "quoted_word_share", "dominant_source", "dominance", "evaluative_verb_share"]
q = A.set_index(A["article_id"].astype(str))["quoted_word_share"].fillna(0)
dom = A[A["dominance"].fillna(0) >= 0.5]
nb.md(
    f"Quoted words make up between {q.min():.0%} and {q.max():.0%} of an article (highest: *{labels[q.idxmax()]}*). "
    + (f"In {plural(len(dom), 'article')} a single source carries half or more of the attributions: "
       + prose_list([f"{r.dominant_source} in *{labels[str(r.article_id)]}* ({r.dominance:.0%} of "
                     f"{plural(int(r.attributions), 'attribution')})" for r in dom.itertuples()])
       + "." if len(dom) else "No single source carries half of any article's attributions.")
)
nb.table(A[cols], n=30, digits=2)

# %% [markdown]
# ## Attribution verbs

# %%
fig, verbs = plots.attribution_verbs(T)
nb.save(fig, "attribution-verbs", data=verbs,
        caption=f"The most frequent attribution cues, coloured by class (evaluative vs neutral reporting verbs; "
                f"n={len(T)} attributions).")
ev = T[T["cue_class"] == "evaluative"] if "cue_class" in T else T.iloc[0:0]
nb.md(
    f"{len(ev)} of {len(T)} attributions ({len(ev) / max(len(T), 1):.0%}) use an evaluative verb"
    + (f", most often {prose_list([f'“{c}” ({n})' for c, n in ev['cue'].str.lower().value_counts().head(3).items()])}."
       if len(ev) else ".")
)

# %% [markdown]
# ## Whose voices are absent?
#
# Sides of the actors the articles *mention* (from `actors.yaml` in the corpus folder) against the sides
# of the sources they *quote*. A side that is mentioned but has no attribution is talked about without
# being heard.

# %%
actor_list = actors.actors_for(nb.corpus_dir)  # the corpus's actors.yaml (or actors proposed from it)
mentions = t.actor_mentions  # evidence rows: results/actor_mentions.csv
voices = actors.voices_by_side(mentions, SRC)
absent = voices[voices["absent"]]
nb.md(
    (f"Actors file: `{actor_list.path.name}` ({actor_list.source}; version {actor_list.version or 'n/a'}). "
     if not actor_list.proposed else
     "No actors file in the corpus folder: actors were *proposed* from frequent capitalised names and have no "
     "side, so absent voices cannot be computed; add an `actors.yaml`. ")
    + ("" if actor_list.proposed else
       f"**{plural(len(absent), 'side')} {'is' if len(absent) == 1 else 'are'} mentioned but never quoted:** "
       + prose_list([f"{display_label(r.side)} ({plural(r.mentions, 'mention')} in {plural(r.articles_mentioning, 'article')}: {r.actors})"
                     for r in absent.itertuples()]) + "."
       if len(absent) else "Every side that is mentioned is also quoted at least once.")
)
nb.table(voices, n=20)
