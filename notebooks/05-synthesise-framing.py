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
# The key findings first: the handful of claims the tables support, each with its number, its 95 %
# interval (bootstrap over articles), what it rests on and a link to its evidence, followed by what the
# data cannot say. Then three views across the measures of notebooks 1–4: article profiles, actor
# portrayal and text reuse.

# %% tags=["parameters"]
# Parameters (the report passes folders; None means the project default:
# corpus/, results/ and figures/ under the project root).
corpus_dir = None
results_dir = None
figures_dir = None

# %%
from analysis import actors, findings, plots, reuse, stats
from analysis.figures import table
from analysis.report import open_notebook, plural, prose_list

nb = open_notebook("05-synthesise-framing", corpus_dir=corpus_dir, results_dir=results_dir, figures_dir=figures_dir)
t = nb.tables
A = t.articles
labels = plots.article_labels(A)
actor_list = actors.actors_of(t, nb.corpus_dir)  # the actors the tables were computed with

# %% [markdown]
# <a id="key-findings"></a>
# ## Key findings

# %%
key = findings.key_findings(t, actors=actor_list)
nb.md(findings.findings_markdown(key))

# %% [markdown]
# <a id="article-profiles"></a>
# ## Article profiles
#
# Every article across length, readability, sentiment, loaded language and sourcing, z-scored within the
# corpus so different units share one colour scale. A z-score compares an article with *this* corpus only;
# with few articles it is a ranking aid, not a test. Large corpora are shown by outlet.

# %%
fig, profile = plots.article_profile(A)
nb.save(fig, "article-profile", data=profile,
        caption=f"Profile of each article across {profile['measure'].nunique()} measures, z-scored within the corpus "
                f"(colour, clipped at ±2; n={len(A):,} articles)"
                + ("; cell text is the raw value." if len(A) <= 12 else
                   "; by outlet above 30 articles." if not plots.per_article(len(A)) else "."))

# %%
if plots.per_article(len(A)):
    notes = []
    for aid, g in profile.groupby("article_id", sort=False):
        hi = g[g["z"] >= 1].sort_values("z", ascending=False)["measure_label"].tolist()
        lo = g[g["z"] <= -1].sort_values("z")["measure_label"].tolist()
        if hi or lo:
            notes.append(f"- *{labels[aid]}*: " + "; ".join(
                x for x in (f"high on {prose_list(hi)}" if hi else "", f"low on {prose_list(lo)}" if lo else "") if x))
    nb.md(f"Measures at least one standard deviation from the corpus mean (n={len(A):,} articles):\n\n" + "\n".join(notes)
          if notes else "No article is a standard deviation or more from the corpus mean on any measure.")
else:
    nb.md(f"{len(A):,} articles are too many to describe one by one; the figure shows outlets (mean z-score of "
          "their articles) and `article-profile.csv` holds every article's values.")

# %% [markdown]
# <a id="actor-portrayal"></a>
# ## Actor portrayal
#
# How often each actor is named (Entman 1993: framing selects and makes salient) and how it is portrayed.
# When the analysis has the target-dependent labels (`portrayal.csv`: each mention labelled negative,
# neutral or positive *towards that actor* by a model trained on NewsMTSC; see `docs/sentiment.md`), the
# figure shows the shares of negative and positive mentions with intervals from resampling articles, and
# no share for actors with too few mentions. Otherwise it falls back to the tone of the sentences naming
# the actor (VADER), which credits a sentence's tone to every actor in it.

# %%
mentions = t.actor_mentions  # evidence rows: results/actor_mentions.csv
P = getattr(t, "portrayal", None)  # evidence rows: results/portrayal.csv (target-dependent labels)
if P is not None and len(P) and "label" in P:
    from analysis import portrayal as portrayal_mod

    summary = portrayal_mod.portrayal_summary(P, by=("actor",))
    fig, shown = plots.actor_stance(summary)
    nb.save(fig, "actor-portrayal", data=shown,
            caption=f"Mentions of each actor and the shares labelled negative and positive towards it by the "
                    f"target-dependent model, with 95% intervals from resampling articles (n = mentions; no share "
                    f"below {portrayal_mod.MIN_MENTIONS} mentions; {len(P):,} labelled mentions, top {len(shown)} "
                    f"actors).")
    nb.md(f"{plural(len(P), 'labelled mention')} of {plural(P['actor'].nunique(), 'actor')}. "
          + findings.stance_extremes(summary))
    table(summary.drop(columns=["interval"], errors="ignore"), n=12,
          percent=[c for c in summary.columns if c.startswith("share_")])
else:
    portrayal = actors.actor_portrayal(mentions, t.sentences, t.loaded_terms)
    portrayal = findings.portrayal_intervals(portrayal, mentions, t.sentences, top=12)
    fig, shown = plots.actor_portrayal(portrayal)
    nb.save(fig, "actor-portrayal", data=shown,
            caption=f"Mentions of each actor ({'from ' + actor_list.path.name if actor_list.path else 'proposed actors'}) "
                    f"and the VADER tone of the sentences naming it: mean compound with 95% interval (bootstrap over "
                    f"articles) and shares of negative and positive sentences (n = sentences naming the actor; hollow: "
                    f"fewer than {stats.MIN_COUNT}; top {len(shown)} actors by mentions).")
    nb.md(f"{plural(len(mentions), 'mention')} of {plural(mentions['actor'].nunique(), 'actor')}. "
          + findings.portrayal_extremes(portrayal)
          + " Remember that the tone of a sentence is credited to every actor in it.")
    table(portrayal[["actor", "type", "side", "mentions", "articles", "sentences", "compound_mean", "ci_low",
                     "ci_high", "share_negative", "share_positive", "loaded_hits"]], n=12,
          percent=["share_negative", "share_positive"])

# %% [markdown]
# **Who says it.** The same labels split by voice: the journalist's own sentences (*author*) against
# quoted or paraphrased speech (*quoted*), for the most mentioned actors.

# %%
if P is not None and len(P) and "voice" in P:
    top_actors = summary["actor"].head(6).tolist()
    by_voice = portrayal_mod.portrayal_summary(P[P["actor"].isin(top_actors)], by=("actor", "voice"))
    display(table(by_voice.drop(columns=["interval"], errors="ignore"), n=12,
                  percent=[c for c in by_voice.columns if c.startswith("share_")]))
else:
    nb.md("No target-dependent labels in this analysis, so portrayal cannot be split by voice.")

# %% [markdown]
# Evidence: the mentions behind the portrayal of the most negatively portrayed actor.

# %%
if P is not None and len(P) and "label" in P:
    solid = summary.dropna(subset=["share_negative"])
    if len(solid):
        worst = solid.sort_values("mean_score", kind="stable").iloc[0]["actor"]
        ev = P[P["actor"] == worst].assign(article=lambda d: d["article_id"].astype(str).map(labels))
        display(table(ev.sort_values("score", kind="stable")[["article", "alias", "label", "probability", "voice",
                                                               "speaker", "sentence_text"]], n=5))
else:
    solid = portrayal[portrayal["sentences"] >= stats.MIN_COUNT].dropna(subset=["compound_mean"])
    if len(solid):
        neg = solid.sort_values("compound_mean", kind="stable").iloc[0]
        ev = mentions[mentions["actor"] == neg["actor"]].merge(
            t.sentences[["article_id", "sentence", "compound", "text"]], on=["article_id", "sentence"], how="left")
        ev = ev.assign(article=ev["article_id"].astype(str).map(labels))
        display(table(ev.sort_values("compound", kind="stable")[["article", "alias", "compound", "text"]], n=5))

# %% [markdown]
# <a id="text-reuse"></a>
# ## Text reuse
#
# Passages shared word for word (or nearly) between articles, from shared word 4-grams merged into passages
# (Broder 1997; Smith, Cordell & Mullen 2015; see `docs/reuse.md`). Each passage is classed: a quote that
# repeats its speaker's own article elsewhere in the corpus is *recycled text presented as a quotation*; the
# earlier article is named when both are dated.

# %%
passages = t.passages  # evidence rows: results/passages.csv
small = len(A) <= 12
matrix = reuse.reuse_matrix(t.texts) if small else None  # all pairs only for small corpora
fig, reuse_data = plots.text_reuse(matrix, passages, A)
nb.save(fig, "text-reuse", data=reuse_data,
        caption=(f"Share of each article's 4-word shingles found in each other article (containment, row in column) "
                 f"with the number of shared passages of 8+ matched words (n={len(A):,} articles, {len(passages):,} passages)."
                 if small else
                 f"The article pairs sharing the most words in passages of 8+ matched words (n={len(A):,} articles, "
                 f"{len(passages):,} passages)."))

# %%
rec = findings.recycled_passages(passages, A, t.attributions)
if len(rec):
    kinds = rec["kind"].value_counts()
    own = rec[rec["kind"] == "quote repeats the speaker's own article"]
    text = (f"**{plural(len(rec), 'shared passage')}** ({int(rec['words'].sum()):,} words) between "
            f"{plural(rec[['article_a', 'article_b']].drop_duplicates().shape[0], 'pair')} of articles: "
            + prose_list([f"{n} {k}" for k, n in kinds.items()]) + ". ")
    for (a, b), g in own.groupby(["article_a", "article_b"]):
        who = next(x for x in (*g["speaker_a"], *g["speaker_b"]) if x)
        first = g["earlier"].iloc[0]
        text += (f"In *{labels[a]}* and *{labels[b]}*, {plural(len(g), 'passage')} ({int(g['words'].sum())} words) "
                 f"quoted from {who} repeat {who}'s own article: **recycled text presented as a quotation**"
                 + (f"; *{labels[first]}* is the earlier. " if first else "; which came first cannot be told (dates missing). "))
    nb.md(text + "Offsets point into each article's cleaned text (`results/clean/<id>.txt`).")
    show = rec.assign(a=rec["article_a"].map(labels), b=rec["article_b"].map(labels),
                      earlier=rec["earlier"].map(lambda x: labels.get(x, "") if x else "unknown"),
                      text_a=rec["text"].map(reuse.preview), text_b=rec["b_text"].map(reuse.preview))
    display(table(show[["a", "b", "kind", "earlier", "words", "speaker_a", "author_b", "text_a", "text_b"]], n=10))
else:
    nb.md("No passage of eight or more matched words is shared between any two articles.")
