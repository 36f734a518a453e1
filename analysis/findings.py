"""Key findings as a table: what the corpus shows, with its number, its interval and its evidence.

Method
------
The notebooks and the report index state a handful of claims computed from
the result tables (:mod:`analysis.pipeline`), never typed by hand:

* **Mentioned vs quoted** (the GenderGapTracker's "people mentioned vs
  people quoted", Asr et al. 2021, *PLoS ONE* 16(1):e0245533, applied to
  sides instead of gender): for every side and actor, how often it is
  mentioned (``actor_mentions.csv``) and how often it speaks
  (``sources.csv``), zeros kept.
* **One-sidedness**: the sides (and, when the speaker registry has an
  ``alignment`` column, the stances) of the quoted sources, with
  article-bootstrap intervals (:mod:`analysis.stats`), and the sides that are
  mentioned but never quoted.  The claim is withheld, with the reason, when
  it cannot be made honestly: too few attributions, most speakers' side
  unknown, or an actors file whose sides never occur among the speakers
  (an actors file written for another topic).
* **Most quoted**, by number of attributions and by quoted words (they can
  disagree), ranked only above :data:`analysis.stats.MIN_COUNT` attributions.
* **Authors who are also sources**: a person who writes one article and is
  quoted in another (names compared after :func:`analysis.text.fold`).
* **Recycled text**: shared passages (``passages.csv``) where one side lies
  inside a quotation attributed to a person who is the *author* of the other
  article — a quote that repeats the speaker's own published text — with the
  earlier article named when both are dated.

:func:`key_findings` returns them as one table (``claim``, ``value``,
``low``, ``high``, ``n``, ``evidence``, ``kind``), with rows of ``kind``
"limit" stating what the data cannot say.
"""
from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd

from . import stats
from .text import fold

log = logging.getLogger(__name__)

__all__ = ["FINDING_COLUMNS", "speaker_alignment", "mentioned_vs_quoted", "actors_mentioned_vs_quoted",
           "one_sidedness", "most_quoted", "author_source_links", "recycled_passages", "portrayal_intervals", "portrayal_extremes", "stance_extremes", "key_findings",
           "findings_markdown", "findings_html", "readable"]

FINDING_COLUMNS = ["id", "kind", "claim", "value", "low", "high", "n", "unit", "evidence"]
_UNKNOWN = {"", "unknown", "nan", "none"}


def _name_key(name: object) -> str:
    return " ".join(fold(str(name)).replace(".", " ").split())


def _side(s: pd.Series) -> pd.Series:
    return s.fillna("unknown").astype(str).str.strip().replace("", "unknown")


def _label(value: object) -> str:
    from .figures import display_label

    text = str(value)
    for prefix in ("pro-", "anti-"):
        if text.startswith(prefix) and len(text) > len(prefix):
            return prefix + display_label(text[len(prefix):])
    return display_label(value)


# ---------------------------------------------------------------------------
# alignment (stance), when the registry has it


def speaker_alignment(sources: pd.DataFrame, *, attributions: pd.DataFrame | None = None,
                      registry: str | Path | None = None) -> pd.Series | None:
    """The alignment (stance) of each row of ``sources``, or None when no alignment is recorded.

    Taken from ``sources["alignment"]``, else ``attributions["speaker_alignment"]``
    (by article and speaker), else the ``alignment`` column of the speaker
    registry CSV at ``registry`` (by name or alias).  Missing values are
    ``"unknown"``; when every value is unknown, None.
    """
    def known(a: pd.Series) -> pd.Series | None:
        return a if (~a.isin(_UNKNOWN)).any() else None  # a column of "unknown" records no alignment

    if "alignment" in sources:
        return known(_side(sources["alignment"]))
    if attributions is not None and "speaker_alignment" in attributions and len(attributions):
        m = (attributions.assign(article_id=attributions["article_id"].astype(str))
             .groupby(["article_id", "speaker"])["speaker_alignment"].first())
        keys = list(zip(sources["article_id"].astype(str), sources["speaker"]))
        return known(_side(pd.Series([m.get(k) for k in keys], index=sources.index)))
    if registry is None or not Path(registry).is_file():
        return None
    try:
        reg = pd.read_csv(registry, comment="#", dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, OSError):
        return None
    if "alignment" not in reg:
        return None
    table: dict[str, str] = {}
    for r in reg.itertuples(index=False):
        for n in [r.name, *str(getattr(r, "aliases", "") or "").split("|")]:
            if n.strip():
                table.setdefault(_name_key(n), r.alignment)
    return known(_side(sources["speaker"].map(lambda s: table.get(_name_key(s), "unknown"))))


# ---------------------------------------------------------------------------
# mentioned vs quoted


def mentioned_vs_quoted(mentions: pd.DataFrame, sources: pd.DataFrame, *, articles=None,
                        actor_sides=(), by: str = "side", reps: int = stats.REPS) -> pd.DataFrame:
    """Per side: how often it is mentioned and how often it speaks, zeros shown.

    ``mentions``: ``actor_mentions.csv``; ``sources``: ``sources.csv`` (with an
    ``alignment`` column when ``by="alignment"``).  ``actor_sides`` lists the
    sides of the actors file, so that a side defined but never mentioned
    still gets its row of zeros.  Columns: ``side``, ``actors``,
    ``mentions``, ``articles_mentioning``, ``mention_share`` (of all
    mentions with a side), ``speakers``, ``attributions``, ``quoted_words``,
    ``attribution_share`` (of attributions whose speaker's side is known),
    with ``_low``/``_high`` article-bootstrap bounds for both shares, and
    ``absent`` (mentioned, never quoted).
    """
    key = "side" if by == "side" else by
    m = mentions.assign(side=_side(mentions["side"])) if len(mentions) else mentions.assign(side=[])
    m = m[~m["side"].isin(_UNKNOWN)]
    s = sources.assign(side=_side(sources[key])) if len(sources) else sources.assign(side=[])
    arts = [str(a) for a in articles] if articles is not None else None
    ms = stats.share_by_group(m, group="side", articles=arts, reps=reps) if len(m) else None
    known = s[~s["side"].isin(_UNKNOWN)]
    ss = stats.share_by_group(known, group="side", value="attributions", articles=arts, reps=reps) if len(known) else None
    sides = sorted(set(m["side"]) | set(s["side"]) | {str(x) for x in actor_sides if str(x) not in _UNKNOWN})
    rows = []
    for sd in sides:
        mg, sg = m[m["side"] == sd], s[s["side"] == sd]
        mr = ms[ms["side"] == sd].iloc[0] if ms is not None and (ms["side"] == sd).any() else None
        sr = ss[ss["side"] == sd].iloc[0] if ss is not None and (ss["side"] == sd).any() else None
        rows.append({
            "side": sd,
            "actors": "; ".join(sorted(set(mg["actor"]))) if len(mg) else "",
            "mentions": len(mg), "articles_mentioning": int(mg["article_id"].nunique()) if len(mg) else 0,
            "mention_share": mr["share"] if mr is not None else (0.0 if len(m) and sd not in _UNKNOWN else np.nan),
            "mention_share_low": mr["ci_low"] if mr is not None else np.nan,
            "mention_share_high": mr["ci_high"] if mr is not None else np.nan,
            "speakers": int(sg["speaker"].nunique()) if len(sg) else 0,
            "attributions": int(pd.to_numeric(sg["attributions"]).sum()) if len(sg) else 0,
            "quoted_words": int(pd.to_numeric(sg["quoted_words"]).sum()) if len(sg) else 0,
            "attribution_share": (sr["share"] if sr is not None
                                  else (0.0 if len(known) and sd not in _UNKNOWN else np.nan)),
            "attribution_share_low": sr["ci_low"] if sr is not None else np.nan,
            "attribution_share_high": sr["ci_high"] if sr is not None else np.nan,
        })
    cols = ["side", "actors", "mentions", "articles_mentioning", "mention_share", "mention_share_low",
            "mention_share_high", "speakers", "attributions", "quoted_words", "attribution_share",
            "attribution_share_low", "attribution_share_high", "absent"]
    out = pd.DataFrame(rows, columns=cols[:-1])
    out["absent"] = (out["mentions"] > 0) & (out["attributions"] == 0) & (out["side"] != "unknown")
    out = out.rename(columns={"side": key}) if key != "side" else out
    return out[[key, *cols[1:]]].sort_values(["mentions", "attributions", key], ascending=[False, False, True],
                                             kind="stable").reset_index(drop=True)


def actors_mentioned_vs_quoted(mentions: pd.DataFrame, sources: pd.DataFrame, *, actors=None) -> pd.DataFrame:
    """Per actor: mentions, and attributions *by* the actor (a speaker with its name or an alias)
    and *from its side* (speakers whose side is the actor's side), zeros shown.

    ``actors``: an :class:`analysis.actors.ActorList` (for aliases and actors never
    mentioned); without it, actors come from ``mentions``.
    """
    info: dict[str, dict] = {}
    if actors is not None:
        for a in actors:
            info[a.name] = {"type": a.type, "side": a.side, "aliases": set(a.aliases) | {a.name}}
    for r in mentions[["actor", "type", "side", "alias"]].drop_duplicates().itertuples(index=False) if len(mentions) else []:
        d = info.setdefault(r.actor, {"type": r.type, "side": r.side, "aliases": {r.actor}})
        d["aliases"].add(r.alias)
    src = sources.assign(person_key=sources["speaker"].map(_name_key), side=_side(sources["side"]))
    by_key = src.groupby("person_key").agg(a=("attributions", "sum"), w=("quoted_words", "sum"))
    by_side = src.groupby("side").agg(a=("attributions", "sum"), w=("quoted_words", "sum"))
    mc = mentions.groupby("actor").agg(mentions=("actor", "size"), articles=("article_id", "nunique")) \
        if len(mentions) else pd.DataFrame(columns=["mentions", "articles"])
    rows = []
    for name, d in info.items():
        keys = {_name_key(x) for x in d["aliases"]}
        own = by_key.loc[by_key.index.intersection(list(keys))]
        sd = str(d["side"] or "")
        rows.append({"actor": name, "type": d["type"], "side": sd or "unknown",
                     "mentions": int(mc["mentions"].get(name, 0)) if len(mc) else 0,
                     "articles_mentioning": int(mc["articles"].get(name, 0)) if len(mc) else 0,
                     "attributions_by_actor": int(own["a"].sum()), "quoted_words_by_actor": int(own["w"].sum()),
                     "attributions_from_side": int(by_side["a"].get(sd, 0)) if sd else 0})
    cols = ["actor", "type", "side", "mentions", "articles_mentioning", "attributions_by_actor",
            "quoted_words_by_actor", "attributions_from_side"]
    return pd.DataFrame(rows, columns=cols).sort_values(["mentions", "actor"], ascending=[False, True],
                                                        kind="stable").reset_index(drop=True)


def one_sidedness(table: pd.DataFrame, *, sources: pd.DataFrame, mentions: pd.DataFrame, articles: int,
                  key: str = "side", min_count: int = stats.MIN_COUNT) -> dict:
    """The one-sidedness finding from :func:`mentioned_vs_quoted`, as a plain sentence, or the reason it is withheld.

    Returns ``{"sentence", "supported", "absent", "quoted", "known", "total"}``.
    A side counts as *absent* only with at least ``min_count`` mentions.  The
    claim is withheld when there are fewer than ``min_count`` attributions,
    when fewer than half of them have a known side, or when none of the
    quoted sides is a side of the actors file (the actors file and the
    registry then describe different conflicts).
    """
    noun = "side" if key == "side" else "alignment"
    tot = int(pd.to_numeric(sources["attributions"]).sum()) if len(sources) else 0
    known_side = _side(sources[key]) if len(sources) else pd.Series(dtype=str)
    known = int(pd.to_numeric(sources.loc[~known_side.isin(_UNKNOWN), "attributions"]).sum()) if len(sources) else 0
    quoted = table[(table["attributions"] > 0) & ~table[key].astype(str).isin(_UNKNOWN)].sort_values(
        "attributions", ascending=False, kind="stable")
    absent = table[table["absent"] & (table["mentions"] >= min_count)
                   & (table["articles_mentioning"] >= min(2, max(articles, 1)))]
    mentioned_sides = set(table.loc[table["mentions"] > 0, key])
    res = {"supported": False, "absent": absent, "quoted": quoted, "known": known, "total": tot}
    if tot < min_count:
        res["sentence"] = (f"Too few attributions ({tot}) to say whose voices the coverage carries "
                           f"(at least {min_count} needed).")
        return res
    if known < tot / 2:
        res["sentence"] = (f"The {noun} of the quoted sources is unknown for {tot - known} of {tot} attributions "
                           f"(the speaker registry does not cover them), so whose voices are missing cannot be judged.")
        return res
    if mentioned_sides and not (set(quoted[key]) & mentioned_sides):
        res["sentence"] = (f"None of the quoted sources' {noun}s ({', '.join(_label(x) for x in quoted[key])}) is a "
                           f"{noun} of the actors file, so the actors file does not fit these articles; "
                           "absent voices are not computed. Write an actors file for this corpus.")
        return res
    res["supported"] = True
    parts = [f"{_label(getattr(r, key))} {int(r.attributions):,}" for r in quoted.itertuples()]
    n_q = len(quoted)
    from .report import plural, prose_list

    head = (f"All {known:,} attributions whose speaker's {noun} is known ({known:,} of {tot:,}) come from "
            f"{'speakers of one ' + noun if n_q == 1 else plural(n_q, noun)}: {prose_list(parts)}.")
    if key != "side":
        res["sentence"] = head
        return res
    if len(absent):
        head += (" " + prose_list([f"{_label(getattr(r, key))} ({plural(int(r.mentions), 'mention')} in "
                                   f"{plural(int(r.articles_mentioning), 'article')})" for r in absent.itertuples()])
                 + f" {'is' if len(absent) == 1 else 'are'} mentioned but never quoted.")
    else:
        head += (f" Every {noun} mentioned at least {min_count} times"
                 + (" in two or more articles" if articles > 1 else "") + " is also quoted.")
    res["sentence"] = head
    return res


# ---------------------------------------------------------------------------
# who is quoted, who writes


def most_quoted(sources: pd.DataFrame, *, min_count: int = stats.MIN_COUNT) -> pd.DataFrame:
    """Speakers ranked by attributions and by quoted words (both ranks), with the articles they appear in.

    ``ranked`` is true for speakers with at least ``min_count`` attributions;
    only they get ranks (others keep NaN ranks), so one attribution never
    reads as dominance.
    """
    cols = ["speaker", "role", "side", "attributions", "quoted_words", "articles", "rank_attributions",
            "rank_words", "ranked"]
    if sources.empty:
        return pd.DataFrame(columns=cols)
    g = (sources.groupby("speaker", sort=True)
         .agg(role=("role", "first"), side=("side", "first"), attributions=("attributions", "sum"),
              quoted_words=("quoted_words", "sum"), articles=("article_id", "nunique")).reset_index())
    g["ranked"] = g["attributions"] >= min_count
    r = g[g["ranked"]]
    g["rank_attributions"] = r["attributions"].rank(ascending=False, method="min")
    g["rank_words"] = r["quoted_words"].rank(ascending=False, method="min")
    return g[cols].sort_values(["attributions", "quoted_words", "speaker"], ascending=[False, False, True],
                               kind="stable").reset_index(drop=True)


def author_source_links(articles: pd.DataFrame, sources: pd.DataFrame, *, list_max: int = 10) -> pd.DataFrame:
    """People who are the author of one article and a quoted source in another (or the same).

    Names are compared after :func:`analysis.text.fold` (case, accents,
    dots).  One row per person (linear in the tables): ``person``,
    ``authored`` (ids of the articles they wrote, ``;``-joined, at most
    ``list_max``), ``authored_articles``, ``authored_words``,
    ``corpus_word_share`` (their words as a share of the corpus's words),
    ``quoted_in`` (ids of the articles quoting them, at most ``list_max``),
    ``quoted_articles``, ``attributions``, ``quoted_words``.
    """
    cols = ["person", "authored", "authored_articles", "authored_words", "corpus_word_share", "quoted_in",
            "quoted_articles", "attributions", "quoted_words"]
    if articles.empty or sources.empty or "author" not in articles:
        return pd.DataFrame(columns=cols)
    a = articles[articles["author"].notna()].assign(person_key=lambda d: d["author"].map(_name_key))
    a = a[a["person_key"].str.len() > 0]
    s = sources.assign(person_key=sources["speaker"].map(_name_key))
    keys = set(a["person_key"]) & set(s["person_key"])
    if not keys:
        return pd.DataFrame(columns=cols)
    total_words = float(pd.to_numeric(articles["words"], errors="coerce").sum()) or 1.0
    a, s = a[a["person_key"].isin(keys)], s[s["person_key"].isin(keys)]
    wrote = a.groupby("person_key").agg(authored=("article_id", lambda x: ";".join(map(str, list(x)[:list_max]))),
                                        authored_articles=("article_id", "nunique"), authored_words=("words", "sum"))
    quoted = s.groupby("person_key").agg(person=("speaker", "first"),
                                         quoted_in=("article_id", lambda x: ";".join(map(str, list(dict.fromkeys(x))[:list_max]))),
                                         quoted_articles=("article_id", "nunique"),
                                         attributions=("attributions", "sum"), quoted_words=("quoted_words", "sum"))
    out = wrote.join(quoted, how="inner").reset_index(drop=True)
    out["corpus_word_share"] = out["authored_words"] / total_words
    return out[cols].sort_values(["attributions", "person"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _date(v) -> pd.Timestamp | None:
    t = pd.to_datetime(v, errors="coerce", utc=True, format="mixed") if isinstance(v, str) and v.strip() else None
    return None if t is None or pd.isna(t) else t


def recycled_passages(passages: pd.DataFrame, articles: pd.DataFrame,
                      attributions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Shared passages with what they are: which article is earlier, and whether a quote recycles published text.

    For each passage (``passages.csv``): the quoted speaker on each side (the
    attribution whose span overlaps the passage, if any), each article's
    author, ``earlier`` (the article id published first, when both dates are
    known and differ at the precision given; else empty) and ``kind``:

    * ``quote repeats the speaker's own article`` — one side is inside a
      quotation by a person who authored the other article;
    * ``quoted in both`` — inside a quotation in both articles;
    * ``shared wording`` — otherwise (common source, press release or copying).
    """
    cols = ["article_a", "article_b", "words", "a_start", "a_end", "b_start", "b_end", "speaker_a", "speaker_b",
            "author_a", "author_b", "published_a", "published_b", "earlier", "kind", "text", "b_text"]
    if passages.empty:
        return pd.DataFrame(columns=cols)
    aid = articles["article_id"].astype(str)
    author = {a: v for a, v in zip(aid, articles.get("author", pd.Series(index=articles.index, dtype=object)))
              if isinstance(v, str)}
    pub_raw = {a: v for a, v in zip(aid, articles.get("published", pd.Series(index=articles.index, dtype=object)))
               if isinstance(v, str) and v.strip()}
    parsed = pd.to_datetime(pd.Series(pub_raw, dtype=object), errors="coerce", utc=True, format="mixed") \
        if pub_raw else pd.Series(dtype="datetime64[ns, UTC]")
    pub = {a: (v, parsed[a]) for a, v in pub_raw.items() if pd.notna(parsed[a])}
    att = attributions if attributions is not None else pd.DataFrame(columns=["article_id", "start", "end", "speaker"])
    wanted = set(passages["article_a"].astype(str)) | set(passages["article_b"].astype(str))
    att = att[att["article_id"].astype(str).isin(wanted)]
    spans: dict[str, list] = {}
    for a, st, en, sp in zip(att["article_id"].astype(str), att["start"], att["end"], att["speaker"]):
        spans.setdefault(a, []).append((st, en, sp))

    def speaker(aid, s, e):
        for st, en, sp in spans.get(aid, ()):
            if st < e and s < en and isinstance(sp, str):
                return sp
        return ""

    def get(aid, col):
        return author.get(aid, "") if col == "author" else pub.get(aid, ("", None))[0]

    rows = []
    for p in passages.itertuples(index=False):
        a, b = str(p.article_a), str(p.article_b)
        sa, sb = speaker(a, p.a_start, p.a_end), speaker(b, p.b_start, p.b_end)
        ua, ub = get(a, "author"), get(b, "author")
        pa, pb = get(a, "published"), get(b, "published")
        da, db = pub.get(a, ("", None))[1], pub.get(b, ("", None))[1]
        earlier = ""
        if da is not None and db is not None and len(pa) == len(pb) and da != db:
            earlier = a if da < db else b
        if (sa and ub and _name_key(sa) == _name_key(ub)) or (sb and ua and _name_key(sb) == _name_key(ua)):
            kind = "quote repeats the speaker's own article"
        elif sa and sb:
            kind = "quoted in both"
        else:
            kind = "shared wording"
        rows.append({"article_a": a, "article_b": b, "words": int(p.words), "a_start": int(p.a_start),
                     "a_end": int(p.a_end), "b_start": int(p.b_start), "b_end": int(p.b_end), "speaker_a": sa,
                     "speaker_b": sb, "author_a": ua, "author_b": ub, "published_a": pa, "published_b": pb,
                     "earlier": earlier, "kind": kind, "text": p.text, "b_text": p.b_text})
    return pd.DataFrame(rows, columns=cols).sort_values(["words", "article_a", "a_start"], ascending=[False, True, True],
                                                        kind="stable").reset_index(drop=True)


def portrayal_intervals(portrayal: pd.DataFrame, mentions: pd.DataFrame, sentences: pd.DataFrame, *,
                        top: int | None = None, reps: int = stats.REPS) -> pd.DataFrame:
    """``portrayal`` with ``ci_low``/``ci_high`` for ``compound_mean``: article bootstrap over the naming sentences.

    The sentences naming an actor are those of its mentions (``article_id``,
    ``sentence``); their compound is averaged per article and the articles
    resampled (:func:`analysis.stats.bootstrap_ratio`).  Only the first
    ``top`` rows get intervals when ``top`` is given (the rest NaN).
    """
    out = portrayal.copy()
    out["ci_low"], out["ci_high"] = np.nan, np.nan
    if out.empty or mentions.empty or sentences.empty:
        return out
    sent = sentences[["article_id", "sentence", "compound"]].assign(article_id=sentences["article_id"].astype(str))
    m = (mentions[["actor", "article_id", "sentence"]].assign(article_id=mentions["article_id"].astype(str))
         .drop_duplicates().merge(sent, on=["article_id", "sentence"], how="inner"))
    grouped = dict(tuple(m.groupby("actor", sort=False)))
    for i in out.index[: top if top is not None else len(out)]:
        g = grouped.get(out.at[i, "actor"])
        if g is None:
            continue
        e = stats.mean_by_article(g, value="compound", reps=reps)
        out.at[i, "ci_low"], out.at[i, "ci_high"] = e.low, e.high
    return out


def portrayal_extremes(portrayal: pd.DataFrame, *, min_count: int = stats.MIN_COUNT) -> str:
    """One sentence naming the actors whose naming sentences are most negative and most positive.

    Only actors named in at least ``min_count`` sentences are compared.  The
    sentence never names one actor as both: with one eligible actor it
    describes that actor alone; when the extremes' intervals (``ci_low``,
    ``ci_high``, if present) overlap it says the difference is not clear.
    """
    solid = portrayal[(portrayal["sentences"] >= min_count) & portrayal["compound_mean"].notna()]
    if solid.empty:
        return (f"No actor is named in {min_count} or more sentences with a sentiment score: too few to compare "
                "how actors are portrayed.")

    def desc(r) -> str:
        ci = stats.format_interval(r.get("ci_low", np.nan), r.get("ci_high", np.nan), percent=False)
        return (f"mean compound {r['compound_mean']:+.2f}" + (f", {ci}" if ci else "")
                + f", {r['share_negative']:.0%} negative, n={int(r['sentences'])} sentences")

    srt = solid.sort_values(["compound_mean", "actor"], kind="stable")
    neg, pos = srt.iloc[0], srt.iloc[-1]
    if len(solid) == 1 or neg["actor"] == pos["actor"] or neg["compound_mean"] == pos["compound_mean"]:
        return (f"Only **{neg['actor']}** is named in {min_count} or more sentences ({desc(neg)}); there is "
                "nothing to compare it with.")
    text = (f"Among the {len(solid)} actors named in at least {min_count} sentences, the sentences naming "
            f"**{neg['actor']}** are the most negative ({desc(neg)}) and those naming **{pos['actor']}** the most "
            f"positive ({desc(pos)}).")
    lo, hi = pos.get("ci_low", np.nan), neg.get("ci_high", np.nan)
    if np.isfinite(lo) and np.isfinite(hi) and lo <= hi:
        text += " Their intervals overlap, so the corpus does not separate the two clearly."
    return text


def stance_extremes(summary: pd.DataFrame, *, min_count: int | None = None) -> str:
    """One sentence on the actors portrayed most negatively and most positively (target-dependent labels).

    ``summary``: :func:`analysis.portrayal.portrayal_summary` by actor.  Only
    actors with shares (enough mentions) are compared, by mean score
    (P(positive) − P(negative)); one actor is never named as both; when the
    two extremes' negative-share intervals overlap the sentence says so.
    """
    s = summary.dropna(subset=["share_negative"])
    if min_count is not None:
        s = s[s["mentions"] >= min_count]
    if s.empty:
        return "No actor is mentioned often enough for its portrayal to be given as shares."

    def desc(r) -> str:
        ci = stats.format_interval(r["share_negative_lo"], r["share_negative_hi"])
        return (f"{r['share_negative']:.0%} of {int(r['mentions'])} mentions labelled negative"
                + (f", {ci}" if ci else "") + f", {r['share_positive']:.0%} positive")

    srt = s.sort_values(["mean_score", "actor"], kind="stable")
    neg, pos = srt.iloc[0], srt.iloc[-1]
    if len(s) == 1 or neg["actor"] == pos["actor"] or neg["mean_score"] == pos["mean_score"]:
        return f"Only **{neg['actor']}** is mentioned often enough to compare ({desc(neg)})."
    text = (f"Of the {len(s)} actors mentioned often enough, **{neg['actor']}** is portrayed most negatively "
            f"({desc(neg)}) and **{pos['actor']}** most positively ({desc(pos)}).")
    if np.isfinite(neg["share_negative_lo"]) and np.isfinite(pos["share_negative_hi"]) \
            and neg["share_negative_lo"] <= pos["share_negative_hi"]:
        text += " Their intervals for the negative share overlap, so the difference is not clear."
    return text


# ---------------------------------------------------------------------------
# the summary


def key_findings(tables, *, actors=None, registry: str | Path | None = None, min_count: int = stats.MIN_COUNT,
                 reps: int = stats.REPS, link_base: str = "") -> pd.DataFrame:
    """The handful of claims the data support, each with its number, interval, ``n`` and evidence, and the limits.

    ``tables``: :class:`analysis.pipeline.Tables`.  ``actors``: the actors
    list (:func:`analysis.actors.actors_for`), for the sides defined there.
    ``registry``: the speaker registry CSV (for ``alignment``; default: the
    one recorded in the manifest).  ``link_base``: prefix for the evidence
    links to the notebook pages (``""`` for the report folder).
    Columns :data:`FINDING_COLUMNS`; ``kind`` is ``finding`` or ``limit``.
    """
    from .report import plural, prose_list

    A, S, T = tables.articles, tables.sources, tables.attributions
    M, P = tables.actor_mentions, tables.passages
    ids = A["article_id"].astype(str).tolist()
    n_art = len(A)
    nb4, nb5 = f"{link_base}04-compare-sourcing.html", f"{link_base}05-synthesise-framing.html"
    rows: list[dict] = []

    def add(kind, claim, value=np.nan, low=np.nan, high=np.nan, n="", unit="", evidence=""):
        rows.append({"id": f"F{len(rows) + 1}", "kind": kind, "claim": claim, "value": value, "low": low,
                     "high": high, "n": n, "unit": unit, "evidence": evidence})

    if registry is None:
        registry = (tables.manifest or {}).get("registry")
    align = speaker_alignment(S, attributions=T, registry=registry)
    sides = actors.sides() if actors is not None and not getattr(actors, "proposed", False) else []
    mvq = mentioned_vs_quoted(M, S, articles=ids, actor_sides=sides, reps=reps)
    one = one_sidedness(mvq, sources=S, mentions=M, articles=n_art, min_count=min_count)
    if align is not None:  # stance first: it is what "one-sided" means
        sa = S.assign(alignment=align)
        at = mentioned_vs_quoted(M.iloc[0:0], sa, articles=ids, by="alignment", reps=reps)
        oa = one_sidedness(at, sources=sa, mentions=M.iloc[0:0], articles=n_art, key="alignment",
                           min_count=min_count)
        if oa["supported"] and len(oa["quoted"]):
            top = oa["quoted"].iloc[0]
            add("finding", oa["sentence"] + " (Alignment is the speaker's stance recorded in the registry, "
                "separate from nationality.)", top["attribution_share"], top["attribution_share_low"],
                top["attribution_share_high"], f"{oa['known']} attributions in {n_art} articles",
                f"share of attributions aligned {_label(top['alignment'])}", f"{nb4}#mentioned-vs-quoted")
    if one["supported"] and len(one["quoted"]):
        top = one["quoted"].sort_values("attributions", ascending=False).iloc[0]
        add("finding", one["sentence"], top["attribution_share"], top["attribution_share_low"],
            top["attribution_share_high"], f"{one['known']} attributions in {n_art} articles",
            f"share of attributions from {_label(top['side'])}", f"{nb4}#mentioned-vs-quoted")
    else:
        add("limit", one["sentence"], n=f"{one['total']} attributions", evidence=f"{nb4}#mentioned-vs-quoted")
    mq = most_quoted(S, min_count=min_count)
    ranked = mq[mq["ranked"]]
    if len(ranked):
        by_a = ranked.sort_values(["attributions", "quoted_words"], ascending=False).iloc[0]
        by_w = ranked.sort_values(["quoted_words", "attributions"], ascending=False).iloc[0]
        tot_a, tot_w = int(S["attributions"].sum()), int(S["quoted_words"].sum())
        claim = (f"Most quoted by number of attributions: {by_a['speaker']} ({int(by_a['attributions'])} of {tot_a}); "
                 + ("also by quoted words" if by_a["speaker"] == by_w["speaker"]
                    else f"by quoted words: {by_w['speaker']} ({int(by_w['quoted_words']):,} of {tot_w:,} words)")
                 + f". Only speakers with at least {min_count} attributions are ranked.")
        e = stats.bootstrap_ratio(stats.per_article(S[S["speaker"] == by_a["speaker"]], value="attributions"),
                                  stats.per_article(S, value="attributions").reindex(ids, fill_value=0), reps=reps)
        add("finding", claim, e.value, e.low, e.high, f"{tot_a} attributions in {n_art} articles",
            f"share of attributions to {by_a['speaker']}", f"{nb4}#most-quoted")
    else:
        add("limit", f"No speaker has {min_count} or more attributions: no one can be called the most quoted.",
            n=f"{int(S['attributions'].sum()) if len(S) else 0} attributions", evidence=f"{nb4}#most-quoted")
    links = author_source_links(A, S)
    for r in links.head(3).itertuples():
        add("finding", f"{r.person} is both an author ({plural(int(r.authored_articles), 'article')}) and a quoted "
            f"source ({plural(int(r.attributions), 'attribution')} in {plural(int(r.quoted_articles), 'article')}); "
            f"the articles they wrote are {r.corpus_word_share:.0%} of the corpus's words.",
            r.corpus_word_share, n=f"{int(A['words'].sum()):,} words", unit="share of corpus words",
            evidence=f"{nb4}#authors-who-are-also-sources")
    rec = recycled_passages(P, A, T)
    own = rec[rec["kind"] == "quote repeats the speaker's own article"]
    if len(own):
        for (a, b), g in own.groupby(["article_a", "article_b"], sort=True):
            who = next(x for x in (*g["speaker_a"], *g["speaker_b"]) if x)
            earlier = g["earlier"].iloc[0]
            add("finding", f"Quotes of {who} repeat {int(g['words'].sum())} words of {who}'s own article "
                f"({plural(len(g), 'passage')}): recycled text presented as quotation"
                + (f"; the earlier article is {earlier}." if earlier else "; which came first is unknown (dates missing)."),
                float(g["words"].sum()), n=f"{len(g)} passages", unit="words", evidence=f"{nb5}#text-reuse")
    elif len(rec):
        add("finding", f"{plural(len(rec), 'passage')} ({int(rec['words'].sum())} words) are shared between "
            f"{plural(rec[['article_a', 'article_b']].drop_duplicates().shape[0], 'pair')} of articles.",
            float(rec["words"].sum()), n=f"{len(rec)} passages", unit="words", evidence=f"{nb5}#text-reuse")
    if len(T) >= min_count and "cue_class" in T:
        ev = stats.bootstrap_ratio(stats.per_article(T[T["cue_class"] == "evaluative"]),
                                   stats.per_article(T).reindex(ids, fill_value=0), reps=reps)
        add("finding", f"{int(ev.numerator)} of {len(T)} attributions use an evaluative verb "
            f"(“claimed”, “stressed”) rather than a neutral one.", ev.value, ev.low, ev.high,
            f"{len(T)} attributions in {n_art} articles", "share evaluative", f"{nb4}#attribution-verbs")
    if "quoted_word_share" in A and n_art:
        w = pd.to_numeric(A["words"], errors="coerce").fillna(0)
        q = pd.to_numeric(A["quoted_word_share"], errors="coerce").fillna(0) * w
        e = stats.bootstrap_ratio(pd.Series(q.to_numpy(), index=ids), pd.Series(w.to_numpy(), index=ids), reps=reps)
        add("finding", f"{e.value:.0%} of the corpus's words are inside quotations.", e.value, e.low, e.high,
            f"{int(w.sum()):,} words in {n_art} articles", "share of words", f"{nb4}#sourcing-per-article")
    add("limit", f"These are {plural(n_art, 'article')}: the figures describe them, not an outlet's or a country's "
        "coverage; intervals resample articles and grow wide when articles are few.", n=f"{n_art} articles")
    if align is None:
        add("limit", "A speaker's side is their nationality or affiliation from the registry and cue words, not "
            "their stance: an analyst who argues another country's case counts under their own nationality. "
            "The registry has no "
            "alignment column to say otherwise.", evidence=f"{nb4}#mentioned-vs-quoted")
    tsc = getattr(tables, "portrayal", None)
    if tsc is not None and len(tsc) and "label" in tsc:
        add("limit", "Portrayal labels come from a target-dependent sentiment model (about 0.66 macro-F1 on "
            "NewsMTSC, docs/sentiment.md): single labels are often wrong; shares over many mentions are "
            "more reliable than any one label.", evidence=f"{nb5}#actor-portrayal")
    else:
        add("limit", "Actor portrayal credits a sentence's tone to every actor named in it; it is not the stance "
            "towards that actor.", evidence=f"{nb5}#actor-portrayal")
    add("limit", "Attribution is rule-based: speakers far from their quotes or quotes without a cue can be "
        "missed; each count above can be checked row by row in attributions.csv.", evidence=f"{nb4}")
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def _fmt(r) -> str:
    if pd.isna(r.value):
        return ""
    if str(r.unit).startswith("share"):
        ci = stats.format_interval(r.low, r.high)
        return f"{100 * r.value:.0f} %" + (f" ({ci})" if ci else "")
    return f"{r.value:,.0f}"


def readable(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings as a reader sees them: claim, number with interval, what it rests on, evidence."""
    return pd.DataFrame({"": findings["kind"].map({"finding": "finding", "limit": "cannot say"}),
                         "claim": findings["claim"],
                         "number": [_fmt(r) for r in findings.itertuples()],
                         "measure": findings["unit"].fillna(""),
                         "rests on": findings["n"].fillna(""),
                         "evidence": findings["evidence"].fillna("")})


def findings_markdown(findings: pd.DataFrame) -> str:
    """Markdown bullets: findings first, then what the data cannot say; each with number, n and evidence link."""
    out = []
    for kind, head in (("finding", "**What the data show**"), ("limit", "**What they cannot say**")):
        sub = findings[findings["kind"] == kind]
        if not len(sub):
            continue
        out.append(head + "\n")
        for r in sub.itertuples():
            num = _fmt(r)
            extra = "; ".join(x for x in ((f"{num} {r.unit}".strip() if num else ""),
                                          (f"n = {r.n}" if r.n else "")) if x)
            link = f" [evidence]({r.evidence})" if r.evidence else ""
            out.append(f"- {r.claim}" + (f" *({extra})*" if extra else "") + link)
        out.append("")
    return "\n".join(out)


def findings_html(findings: pd.DataFrame) -> str:
    """An HTML section (escaped) for the report index: the findings and the limits, with evidence links."""
    import html

    parts = ['<section id="key-findings"><h2>Key findings</h2>']
    for kind, head in (("finding", "What the data show"), ("limit", "What they cannot say")):
        sub = findings[findings["kind"] == kind]
        if not len(sub):
            continue
        parts.append(f"<h3>{head}</h3><ul>")
        for r in sub.itertuples():
            num = _fmt(r)
            extra = "; ".join(x for x in ((f"{num} {r.unit}".strip() if num else ""),
                                          (f"n = {r.n}" if r.n else "")) if x)
            link = f' <a href="{html.escape(r.evidence)}">evidence</a>' if r.evidence else ""
            parts.append(f"<li>{html.escape(r.claim)}" + (f" <em>({html.escape(extra)})</em>" if extra else "")
                         + link + "</li>")
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)
