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
# # 2 · Compare sentiment
#
# **Method.** Every sentence is scored with VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious
# Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM). Its *compound* score runs from
# −1 (most negative) to +1 (most positive); by VADER's convention a sentence is *positive* at ≥ 0.05,
# *negative* at ≤ −0.05 and *neutral* in between. An article is summarised by the mean, median and
# spread of its sentence scores and by the shares of the three classes.
#
# **Why not one score per article?** The compound is a normalised *sum*: the longer the text, the closer
# it gets to ±1, so whole-article compounds saturate and stop discriminating. They are shown below only
# to make that visible.
#
# **Limits.** VADER scores the tone of the *words*, not the stance towards anyone; it was built on
# social-media text and misses irony and domain terms (war vocabulary such as "occupation" or
# "liberation" has no valence in its lexicon). Per-article t-intervals treat an article's sentences as
# independent, which they are not: read them as descriptive bands, never as a test between articles.
# Corpus-level figures get intervals from resampling articles (`analysis.stats`).

# %% tags=["parameters"]
# Parameters (the report passes folders; None means the project default:
# corpus/, results/ and figures/ under the project root).
corpus_dir = None
results_dir = None
figures_dir = None

# %%
from analysis import plots, stats
from analysis.figures import table
from analysis.report import open_notebook, plural, prose_list, signed

nb = open_notebook("02-compare-sentiment", corpus_dir=corpus_dir, results_dir=results_dir, figures_dir=figures_dir)
t = nb.tables
A, S = t.articles, t.sentences
labels = plots.article_labels(A)

# %% [markdown]
# ## Articles

# %%
fig, by_article = plots.sentiment_by_article(S, A, texts=t.texts)
nb.save(fig, "sentiment-by-article", data=by_article,
        caption=f"Mean VADER compound of the sentences of each article with 95% t-interval (n = sentences per "
                f"article, {len(S):,} in all), and the saturating whole-text compound for contrast." + plots.scale_note(len(A)))

# %%
ba = by_article.set_index("article_id")
hi, lo = ba["mean"].idxmax(), ba["mean"].idxmin()
whole = ba["compound_whole"].dropna()
m = stats.mean_by_article(S, value="compound")
nb.md(
    f"Across the corpus the mean sentence compound is **{signed(m.value)}** "
    + (f"({stats.format_interval(m.low, m.high, percent=False)}, resampling articles; " if m.low == m.low else "(")
    + f"n={len(S):,} sentences in {len(A):,} articles). "
    f"Article means range from {signed(ba.loc[lo, 'mean'])} (*{labels[lo]}*, n={ba.loc[lo, 'n_sentences']} "
    f"sentences) to {signed(ba.loc[hi, 'mean'])} (*{labels[hi]}*, n={ba.loc[hi, 'n_sentences']}). "
    "The per-article intervals treat sentences as independent and are too narrow to separate articles. "
    + (f"The whole-text compound, by contrast, is beyond ±0.9 for {int((whole.abs() >= 0.9).sum())} of "
       f"{len(whole)} articles: it saturates, as expected." if len(whole) else "")
)

# %%
fig, shares = plots.sentiment_shares(A)
nb.save(fig, "sentiment-shares", data=shares,
        caption=f"Share of negative, neutral and positive sentences (VADER compound ±0.05) per article "
                f"(n = sentences per article; {len(A):,} articles)." + plots.scale_note(len(A)))
neg = A.set_index(A["article_id"].astype(str))["share_negative"]
all_s = stats.per_article(S).reindex(A["article_id"].astype(str), fill_value=0)
en = stats.bootstrap_ratio(stats.per_article(S[S["compound"] <= -0.05]), all_s)
ep = stats.bootstrap_ratio(stats.per_article(S[S["compound"] >= 0.05]), all_s)
nb.md(
    f"The share of negative sentences runs from {neg.min():.0%} (*{labels[neg.idxmin()]}*) to "
    f"{neg.max():.0%} (*{labels[neg.idxmax()]}*); corpus-wide "
    f"{stats.format_share(en.value, en.low, en.high, count=en.numerator, total=en.denominator, unit='sentence')} "
    f"are negative and {stats.format_share(ep.value, ep.low, ep.high)} positive."
)

# %% [markdown]
# ## Outlets
#
# With only a few articles per outlet this compares articles rather than editorial lines; the labels
# give the number of articles and sentences behind each mean. Articles without a stated outlet are left
# out (they are not an outlet); large corpora show the outlets with the most articles.

# %%
fig, by_outlet = plots.sentiment_by_outlet(S, A)
nb.save(fig, "sentiment-by-outlet", data=by_outlet,
        caption=f"Mean VADER compound of sentences per outlet with 95% t-interval; articles without a stated outlet "
                f"are left out (n = articles and sentences per outlet; {len(A):,} articles, "
                f"{int(A['outlet'].isna().sum())} without outlet).")
table(by_outlet, n=20)

# %% [markdown]
# ## Sentence distributions
#
# The sentences at both ends of the scale, as evidence for the scores above.

# %%
cols = ["article", "sentence", "compound", "voice", "text"]
S_l = S.assign(article=S["article_id"].astype(str).map(labels))
nb.md(f"The {min(3, len(S))} most negative and most positive of {len(S):,} sentences:")
table(S_l.sort_values("compound", kind="stable")[cols], n=3)

# %%
table(S_l.sort_values("compound", ascending=False, kind="stable")[cols], n=3)

# %% [markdown]
# ## The author's voice and quoted speech
#
# A sentence is *quoted* when it lies mostly inside a quotation attributed to a source
# (see notebook 4), otherwise it is the *author's* voice. Comparing the two separates the tone an
# article adopts from the tone of the people it quotes.

# %%
fig, by_voice = plots.sentiment_by_voice(S, A)
nb.save(fig, "sentiment-by-voice", data=by_voice,
        caption=f"Mean VADER compound of the author's sentences and of quoted sentences per article with 95% "
                f"t-interval (n = sentences per voice; {len(A):,} articles)." + plots.scale_note(len(A)))

# %%
v = by_voice.pivot(index="article_id", columns="voice", values="mean")
n = by_voice.pivot(index="article_id", columns="voice", values="n_sentences").fillna(0)
voice_counts = S["voice"].value_counts()
text = f"Corpus-wide, {int(voice_counts.get('quoted', 0)):,} of {len(S):,} sentences are quoted speech. "
both = v[(n.get("author", 0) >= stats.MIN_COUNT) & (n.get("quoted", 0) >= stats.MIN_COUNT)].dropna()
if len(both):
    warmer = both[both["quoted"] > both["author"]].index.tolist()
    text += (f"Of the {plural(len(both), 'article')} with at least {stats.MIN_COUNT} sentences in each voice, quoted "
             f"speech is more positive than the author's own sentences in {len(warmer)}"
             + (f" ({prose_list([labels[a] for a in warmer])})" if warmer and len(warmer) <= 10 else "") + ". ")
else:
    text += f"No article has {stats.MIN_COUNT} or more sentences in both voices, too few to compare them. "
only_author = n.index[n.get("quoted", 0) == 0].tolist()
if only_author:
    text += (f"{plural(len(only_author), 'article')} quote nobody at sentence level"
             + (f": {prose_list([labels[a] for a in only_author])}." if len(only_author) <= 10 else "."))
nb.md(text)
