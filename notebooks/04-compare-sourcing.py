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
# attribution verb (cue) and the rule that found it (see `docs/sources.md`).

# %% tags=["parameters"]
# Parameters (the report passes folders; None means the project default:
# corpus/, results/ and figures/ under the project root).
corpus_dir = None
results_dir = None
figures_dir = None

# %%
from analysis import actors, findings, plots, stats
from analysis.figures import display_label, table
from analysis.report import open_notebook, plural, prose_list

nb = open_notebook("04-compare-sourcing", corpus_dir=corpus_dir, results_dir=results_dir, figures_dir=figures_dir)
t = nb.tables
A, T, SRC, M = t.articles, t.attributions, t.sources, t.actor_mentions
labels = plots.article_labels(A)
ids = A["article_id"].astype(str).tolist()
actor_list = actors.actors_of(t, nb.corpus_dir)  # the run's actors: the corpus's actors.yaml, or proposed names
sides = [] if actor_list.proposed else actor_list.sides()
voices = findings.mentioned_vs_quoted(M, SRC, articles=ids, actor_sides=sides)
one = findings.one_sidedness(voices, sources=SRC, mentions=M, articles=len(A))
align = findings.speaker_alignment(SRC, attributions=T, registry=t.manifest.get("registry"))
stance = ""
if align is not None:  # the registry records stance (alignment) beside nationality (side)
    SA = SRC.assign(alignment=align)
    by_align = findings.mentioned_vs_quoted(M.iloc[0:0], SA, articles=ids, by="alignment")
    stance = findings.one_sidedness(by_align, sources=SA, mentions=M.iloc[0:0], articles=len(A), key="alignment")["sentence"]
nb.md("**Main finding.** " + (stance + " " if stance else "")
      + (one["sentence"] if not actor_list.proposed else
         "No actors file in the corpus folder: actors were *proposed* from frequent names and have no side, so "
         "whose voices are missing cannot be computed; add an `actors.yaml` with sides."))

# %% [markdown]
# <a id="mentioned-vs-quoted"></a>
# ## Mentioned vs quoted
#
# For every side of the actors file: its share of the mentions of sided actors (`actor_mentions.csv`)
# against its share of the attributions whose speaker's side is known (`sources.csv`), zeros shown.
# Intervals resample articles (bootstrap, `analysis.stats`), so they widen when few articles carry a side.
# A side is a speaker's nationality or affiliation (registry and cue words), not their stance.

# %%
fig, shown = plots.mentioned_vs_quoted(voices)
nb.save(fig, "mentioned-vs-quoted", data=shown,
        caption=f"Share of mentions vs share of attributions for each side, with 95% intervals from resampling "
                f"articles (n={int(voices['mentions'].sum())} mentions of sided actors, "
                f"{int(voices.loc[voices['side'] != 'unknown', 'attributions'].sum())} attributions with a known side, "
                f"{len(A):,} articles).")
table(voices, n=20, percent=["mention_share", "mention_share_low", "mention_share_high", "attribution_share",
                             "attribution_share_low", "attribution_share_high"])

# %%
if align is not None:
    nb.md("**Side and alignment.** The registry records each speaker's *alignment* (stance on the question at hand) "
          "beside their side (nationality or affiliation); attributions by both:")
    display(table(SA.groupby(["side", "alignment"], as_index=False)
                  .agg(speakers=("speaker", "nunique"), attributions=("attributions", "sum")), n=30))
else:
    nb.md("The speaker registry has no `alignment` column, so only sides (nationality or affiliation) are shown: "
          "an analyst who argues another country's case still counts under their own nationality.")

# %% [markdown]
# Per actor: how often it is named, how often it speaks itself (a speaker with its name or an alias) and how
# many attributions come from its side.

# %%
table(findings.actors_mentioned_vs_quoted(M, SRC, actors=None if actor_list.proposed else actor_list), n=20)

# %% [markdown]
# <a id="most-quoted"></a>
# ## Most quoted
#
# Ranked two ways, by number of attributions and by quoted words; only speakers with at least
# the minimum number of attributions are ranked.

# %%
kinds = T["kind"].value_counts()
mq = findings.most_quoted(SRC)
ranked = mq[mq["ranked"]]
no_quotes = A[A["attributions"].fillna(0) == 0]
text = (f"The articles contain **{plural(len(T), 'attribution')}** "
        f"({prose_list([f'{n} {k}' for k, n in kinds.items()]) or 'none'}) to **{plural(SRC['speaker'].nunique(), 'distinct source')}**. ")
if len(ranked):
    by_a = ranked.sort_values(["attributions", "quoted_words"], ascending=False).iloc[0]
    by_w = ranked.sort_values(["quoted_words", "attributions"], ascending=False).iloc[0]
    text += (f"By attributions the most quoted is {by_a['speaker']} ({plural(int(by_a['attributions']), 'attribution')} "
             f"in {plural(int(by_a['articles']), 'article')}); by quoted words "
             + ("the same speaker" if by_a["speaker"] == by_w["speaker"] else
                f"{by_w['speaker']} ({int(by_w['quoted_words']):,} words against {int(by_a['quoted_words']):,})")
             + f". {plural(len(ranked), 'speaker')} {'has' if len(ranked) == 1 else 'have'} at least "
               f"{stats.MIN_COUNT} attributions. ")
else:
    text += f"No speaker has {stats.MIN_COUNT} or more attributions, so none is ranked. "
text += (f"{plural(len(no_quotes), 'article')} {'attributes' if len(no_quotes) == 1 else 'attribute'} nothing to "
         f"anyone: {prose_list([labels[str(a)] for a in no_quotes['article_id']][:10])}"
         + (f" and {len(no_quotes) - 10:,} more" if len(no_quotes) > 10 else "") + "."
         if len(no_quotes) else "Every article quotes or cites at least one source.")
nb.md(text)
table(mq, n=15)

# %% [markdown]
# <a id="authors-who-are-also-sources"></a>
# ## Authors who are also sources
#
# A person who writes one article and is quoted in another speaks twice: names of authors and speakers are
# compared across articles.

# %%
links = findings.author_source_links(A, SRC)
if len(links):
    def arts(ids, n):
        shown = [labels.get(a, a) for a in ids.split(";")]
        return prose_list(shown[:3]) + (f" and {n - 3:,} more" if n > 3 else "")

    nb.md(prose_list([f"**{r.person}** wrote {arts(r.authored, r.authored_articles)} ({r.corpus_word_share:.0%} of "
                      f"the corpus's words) and is quoted {plural(int(r.attributions), 'time')} in "
                      f"{arts(r.quoted_in, r.quoted_articles)}" for r in links.head(5).itertuples()])
          + "." + (f" {len(links) - 5:,} more people are both authors and sources." if len(links) > 5 else ""))
    display(table(links.drop(columns=["authored", "quoted_in"]), n=20, percent=["corpus_word_share"]))
else:
    nb.md("No author of an article is quoted as a source in the corpus.")

# %% [markdown]
# ## Sides and roles

# %%
fig, by_side = plots.sources_by_side(SRC, mentioned=voices)
nb.save(fig, "sources-by-side", data=by_side,
        caption=f"Attributions by the speaker's side, stacked by role, over all articles; sides that are mentioned "
                f"but never quoted are drawn at zero (n={int(SRC['attributions'].sum())} attributions to "
                f"{SRC['speaker'].nunique()} sources).")
nb.md("By role: " + prose_list([f"{r} {n}" for r, n in by_side[by_side['role'] != ''].groupby("role")["attributions"]
                                .sum().sort_values(ascending=False).items()]) + ".")

# %% [markdown]
# <a id="sourcing-per-article"></a>
# ## Sourcing per article
#
# Per article: the share of words inside quotations, of anonymous attributions, the top source's share of
# attributions (dominance) and of evaluative verbs. Shares of attributions are read only for articles with
# at least the minimum number of attributions.

# %%
fig, shares = plots.sourcing_by_article(A)
nb.save(fig, "sourcing-by-article", data=shares,
        caption=f"Per article: share of words inside quotations, share of anonymous attributions, the top "
                f"source's share of attributions (dominance) and the share of evaluative attribution verbs "
                f"(n = attributions per article; {len(A):,} articles)." + plots.scale_note(len(A)))
q = A.set_index(A["article_id"].astype(str))["quoted_word_share"].fillna(0)
w = A.set_index(A["article_id"].astype(str))["words"]
qe = stats.bootstrap_ratio(q * w, w)
dom = A[(A["dominance"].fillna(0) >= 0.5) & (A["attributions"].fillna(0) >= stats.MIN_COUNT)]
few = int(((A["attributions"].fillna(0) > 0) & (A["attributions"].fillna(0) < stats.MIN_COUNT)).sum())
nb.md(
    f"Corpus-wide, {stats.format_share(qe.value, qe.low, qe.high)} of {int(w.sum()):,} words are inside quotations; "
    f"per article between {q.min():.0%} and {q.max():.0%} (highest: *{labels[q.idxmax()]}*). "
    + (f"In {plural(len(dom), 'article')} with at least {stats.MIN_COUNT} attributions a single source carries half or "
       "more of them: " + prose_list([f"{r.dominant_source} in *{labels[str(r.article_id)]}* ({r.dominance:.0%} of "
                                       f"{plural(int(r.attributions), 'attribution')})" for r in dom.head(10).itertuples()])
       + "." if len(dom) else f"No article with at least {stats.MIN_COUNT} attributions is dominated by one source.")
    + (f" {plural(few, 'article')} {'has' if few == 1 else 'have'} fewer than {stats.MIN_COUNT} attributions; "
       "their shares are shown but not ranked." if few else "")
)
cols = ["article_id", "attributions", "direct", "indirect", "mixed", "named_sources", "anonymous_share",
        "quoted_word_share", "dominant_source", "dominance", "evaluative_verb_share"]
table(A[cols].assign(article=A["article_id"].astype(str).map(labels))[["article", *cols]], n=30,
      percent=["anonymous_share", "quoted_word_share", "dominance", "evaluative_verb_share"])

# %% [markdown]
# <a id="attribution-verbs"></a>
# ## Attribution verbs

# %%
fig, verbs = plots.attribution_verbs(T)
nb.save(fig, "attribution-verbs", data=verbs,
        caption=f"The most frequent attribution cues, coloured by class (evaluative vs neutral reporting verbs; "
                f"n={len(T):,} attributions).")
ev = T[T["cue_class"] == "evaluative"] if "cue_class" in T else T.iloc[0:0]
e = stats.bootstrap_ratio(stats.per_article(ev), stats.per_article(T).reindex(ids, fill_value=0))
nb.md(
    f"{stats.format_share(e.value, e.low, e.high, count=len(ev), total=len(T), unit='attribution')} use an evaluative verb"
    + (f", most often {prose_list([f'“{c}” ({n})' for c, n in ev['cue'].str.lower().value_counts().head(3).items()])}."
       if len(ev) else ".")
)

# %% [markdown]
# **Limits.** Attribution is found with rules and cue lists, not a trained parser: speakers introduced
# far from their quotes, or quoted without a verb, can be missed; role and side come from cue words
# next to the name and from the speaker registry (`corpus/speakers.csv`). Every count above is a set of
# rows in `attributions.csv` that can be read one by one.
