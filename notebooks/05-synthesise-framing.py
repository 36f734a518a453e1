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
# # 5 · Synthesise the framing
#
# Three views that cut across the measures of notebooks 1–4:
#
# 1. **Article profiles** — every article across length, readability, sentiment, loaded language and
#    sourcing, z-scored within the corpus so different units share one colour scale (the cells show the
#    raw values). A z-score compares an article with *this* corpus only; with few articles it is a
#    ranking aid, not a test.
# 2. **Actor portrayal** — how often each actor is named and the tone and loaded language of the
#    sentences naming it (Entman 1993: framing selects and makes salient). This is sentence-level
#    co-occurrence, not targeted sentiment: a sentence's tone counts for every actor it names
#    (see `docs/actors.md`).
# 3. **Text reuse** — passages shared word for word (or nearly) between articles, from shared word
#    4-grams merged into passages (Broder 1997; Smith, Cordell & Mullen 2015; see `docs/reuse.md`).
#    Shared wording shows a common source or copying, not who copied whom.

# %% tags=["parameters"]
# Parameters (the report passes folders; None means the project default:
# corpus/, results/ and figures/ under the project root).
corpus_dir = None
results_dir = None
figures_dir = None

# %%
from analysis import actors, plots, reuse
from analysis.report import open_notebook, plural, prose_list, signed

nb = open_notebook("05-synthesise-framing", corpus_dir=corpus_dir, results_dir=results_dir, figures_dir=figures_dir)
t = nb.tables
A = t.articles
labels = plots.article_labels(A)

# %% [markdown]
# ## Article profiles

# %%
fig, profile = plots.article_profile(A)
nb.save(fig, "article-profile", data=profile,
        caption=f"Profile of each article across {profile['measure'].nunique()} measures, z-scored within the corpus "
                f"(colour, clipped at ±2; n={len(A)} articles); cell text is the raw value.")

# %%
notes = []
for aid, g in profile.groupby("article_id", sort=False):
    hi = g[g["z"] >= 1].sort_values("z", ascending=False)["measure_label"].tolist()
    lo = g[g["z"] <= -1].sort_values("z")["measure_label"].tolist()
    if hi or lo:
        notes.append(f"- *{labels[aid]}*: " + "; ".join(
            x for x in (f"high on {prose_list(hi)}" if hi else "", f"low on {prose_list(lo)}" if lo else "") if x))
nb.md(f"Measures at least one standard deviation from the corpus mean (n={len(A)} articles):\n\n" + "\n".join(notes)
      if notes else "No article is a standard deviation or more from the corpus mean on any measure.")

# %% [markdown]
# ## Actor portrayal

# %%
actor_list = actors.actors_for(nb.corpus_dir)
mentions = t.actor_mentions  # evidence rows: results/actor_mentions.csv
portrayal = actors.actor_portrayal(mentions, t.sentences, t.loaded_terms)
fig, shown = plots.actor_portrayal(portrayal)
nb.save(fig, "actor-portrayal", data=shown,
        caption=f"Mentions of each actor ({'from ' + actor_list.path.name if actor_list.path else 'proposed actors'}) "
                f"and the VADER tone of the sentences naming it: mean compound and shares of negative and positive "
                f"sentences (n = sentences naming the actor; top {len(shown)} actors by mentions).")

# %%
solid = portrayal[portrayal["sentences"] >= 5]
if len(solid):
    neg = solid.sort_values("compound_mean").iloc[0]
    pos = solid.sort_values("compound_mean").iloc[-1]
    nb.md(
        f"{len(mentions)} mentions of {mentions['actor'].nunique()} actors. Among actors named in at least five "
        f"sentences, the sentences naming **{neg['actor']}** are the most negative (mean compound "
        f"{signed(neg['compound_mean'])}, {neg['share_negative']:.0%} negative, n={int(neg['sentences'])}) and those naming "
        f"**{pos['actor']}** the most positive ({signed(pos['compound_mean'])}, n={int(pos['sentences'])}). "
        "Remember that the tone of a sentence is credited to every actor in it."
    )
else:
    nb.md(f"{len(mentions)} mentions; no actor is named in five or more sentences, too few to compare tone.")
nb.table(portrayal, n=12)

# %% [markdown]
# Evidence: the mentions behind the portrayal of the most negatively portrayed actor.

# %%
if len(solid):
    ev = mentions[mentions["actor"] == neg["actor"]].merge(
        t.sentences[["article_id", "sentence", "compound", "text"]], on=["article_id", "sentence"], how="left")
    display(nb.table(ev.sort_values("compound", kind="stable")[["article_id", "alias", "compound", "text"]], n=5))

# %% [markdown]
# ## Text reuse

# %%
passages = t.passages  # evidence rows: results/passages.csv
matrix = reuse.reuse_matrix(t.texts)  # the cleaned texts the analysis wrote
fig, reuse_data = plots.text_reuse(matrix, passages, A)
nb.save(fig, "text-reuse", data=reuse_data,
        caption=f"Share of each article's 4-word shingles found in each other article (containment, row in column) "
                f"with the number of shared passages of 8+ matched words (n={len(A)} articles, "
                f"{len(passages)} passages).")

# %%
pairs = passages.groupby(["article_a", "article_b"]).agg(passages=("text", "size"), words=("words", "sum"))
nb.md(
    (f"**{plural(len(passages), 'shared passage')}** between {plural(len(pairs), 'pair')} of articles. "
     + prose_list([f"*{labels[a]}* and *{labels[b]}* share {plural(r.passages, 'passage')}, {r.words} words"
                   for (a, b), r in pairs.sort_values("words", ascending=False).iterrows()]) + ". "
     "The longest is shown in both wordings below; offsets point into each article's cleaned text "
     "(`results/clean/<id>.txt`).")
    if len(passages) else "No passage of eight or more matched words is shared between any two articles."
)
show = passages.sort_values("words", ascending=False, kind="stable").assign(
    a=lambda d: d["article_a"].map(labels), b=lambda d: d["article_b"].map(labels),
    text_a=lambda d: d["text"].map(reuse.preview), text_b=lambda d: d["b_text"].map(reuse.preview))
nb.table(show[["a", "b", "words", "matched_words", "a_start", "b_start", "text_a", "text_b"]], n=10)
