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
# "liberation" has no valence in its lexicon). Confidence intervals treat sentences as independent,
# which they are not: read them as descriptive bands.

# %% tags=["parameters"]
# Parameters (the report passes folders; None means the project default:
# corpus/, results/ and figures/ under the project root).
corpus_dir = None
results_dir = None
figures_dir = None

# %%
from analysis import plots
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
                f"article, {len(S)} in all), and the saturating whole-text compound for contrast.")

# %%
ba = by_article.set_index("article_id")
hi, lo = ba["mean"].idxmax(), ba["mean"].idxmin()
overlap = not (ba.loc[lo, "ci_high"] < ba.loc[hi, "ci_low"])
whole = ba["compound_whole"].dropna()
nb.md(
    f"Mean sentence sentiment ranges from **{signed(ba.loc[lo, 'mean'])}** (*{labels[lo]}*, n={ba.loc[lo, 'n_sentences']} "
    f"sentences) to **{signed(ba.loc[hi, 'mean'])}** (*{labels[hi]}*, n={ba.loc[hi, 'n_sentences']}). "
    + ("Their 95% intervals overlap, so the corpus does not separate these articles clearly by tone. "
       if overlap else "Their 95% intervals do not overlap. ")
    + (f"The whole-text compound, by contrast, is beyond ±0.9 for {int((whole.abs() >= 0.9).sum())} of "
       f"{len(whole)} articles: it saturates, as expected." if len(whole) else "")
)

# %%
fig, shares = plots.sentiment_shares(A)
nb.save(fig, "sentiment-shares", data=shares,
        caption=f"Share of negative, neutral and positive sentences (VADER compound ±0.05) per article "
                f"(n = sentences per article; {len(A)} articles).")
neg = A.set_index(A["article_id"].astype(str))["share_negative"]
nb.md(
    f"The share of negative sentences runs from {neg.min():.0%} (*{labels[neg.idxmin()]}*) to "
    f"{neg.max():.0%} (*{labels[neg.idxmax()]}*); corpus-wide {float((S['compound'] <= -0.05).mean()):.0%} of "
    f"{len(S)} sentences are negative and {float((S['compound'] >= 0.05).mean()):.0%} positive."
)

# %% [markdown]
# ## Outlets
#
# With only a few articles per outlet this compares articles rather than editorial lines; the labels
# give the number of articles and sentences behind each mean.

# %%
fig, by_outlet = plots.sentiment_by_outlet(S, A)
nb.save(fig, "sentiment-by-outlet", data=by_outlet,
        caption=f"Mean VADER compound of sentences per outlet with 95% t-interval; articles without a stated outlet "
                f"are grouped (n = articles and sentences per outlet; {len(A)} articles).")
nb.table(by_outlet, n=20)

# %% [markdown]
# ## Sentence distributions
#
# The sentences at both ends of the scale, as evidence for the scores above.

# %%
cols = ["article_id", "sentence", "compound", "voice", "text"]
nb.md(f"The {min(3, len(S))} most negative and most positive of {len(S)} sentences:")
nb.table(S.sort_values("compound", kind="stable")[cols], n=3)

# %%
nb.table(S.sort_values("compound", ascending=False, kind="stable")[cols], n=3)

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
                f"t-interval (n = sentences per voice; {len(A)} articles).")

# %%
v = by_voice.pivot(index="article_id", columns="voice", values="mean")
both = v.dropna()
voice_counts = S["voice"].value_counts()
text = (f"Corpus-wide, {int(voice_counts.get('quoted', 0))} of {len(S)} sentences are quoted speech. ")
if len(both):
    warmer = both[both["quoted"] > both["author"]].index.tolist()
    text += (f"Of the {len(both)} articles with both voices, quoted speech is more positive than the author's own "
             f"sentences in {len(warmer)}" + (f" ({prose_list([labels[a] for a in warmer])})" if warmer else "") + ". ")
only_author = v[v["quoted"].isna()].index.tolist() if "quoted" in v else v.index.tolist()
if only_author:
    text += f"{plural(len(only_author), 'article')} quote nobody at sentence level: {prose_list([labels[a] for a in only_author])}."
nb.md(text)
