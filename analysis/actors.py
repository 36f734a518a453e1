"""Actor portrayal: where countries, leaders and institutions are mentioned and in what light.

Method
------
Framing is partly a matter of which actors are made salient and how they
are characterised (Entman 1993, "Framing: toward clarification of a
fractured paradigm", *Journal of Communication* 43(4):51–58).  This module
measures two observable traces of it for each *actor*:

1. **Salience** — how often and in how many articles and sentences an actor
   is mentioned.  Actors and the names that refer to them (aliases,
   demonyms, metonyms such as a capital city for its government) are read
   from a user-editable file kept with the corpus, ``corpus/actors.yaml``
   (header: ``source``, ``licence``, ``version``; entries: ``name``,
   ``aliases``, ``type`` = country | leader | institution | group, ``side``).
   Aliases are matched case-sensitively as whole words; where aliases
   overlap the longest wins ("Azerbaijani Jews" before "Azerbaijani").
2. **Portrayal** — the sentiment and loaded language *of the sentences that
   mention the actor*: mean VADER compound of those sentences, the shares
   that are positive (compound ≥ 0.05) or negative (≤ −0.05) following
   Hutto & Gilbert (2014), and the loaded-language hits
   (:mod:`analysis.loaded`) inside them, by category.

Caveat: this is sentence-level co-occurrence, not entity-level (targeted)
sentiment.  A sentence's tone is credited to every actor it names, whoever
the tone is about: "Armenia's occupation army smashed" is negative and
counts against both Armenia and Azerbaijan if both are named.  Targeted
sentiment needs aspect/entity-level models (Pontiki et al. 2014, SemEval
task 4; Balahur et al. 2010, "Sentiment analysis in the news", LREC):
:mod:`analysis.portrayal` labels each mention with one (``portrayal.csv``;
prefer it for stance).  Read the evidence rows
(:func:`actor_mentions`) before citing a portrayal score, and keep ``n``
(sentences) in view: a mean over three sentences is an anecdote.

When no actors file exists, :func:`propose_actors` suggests candidates from
the corpus: runs of capitalised words (e.g. "Ilham Aliyev", "Tel Aviv")
that occur at least ``min_count`` times in at least ``min_articles``
articles, excluding a list of function words, words that occur more
often in lower case than capitalised (sentence-initial "The", "Today"),
and anything that is not shaped like a name: contractions ("I'm",
"Don't"), single letters, digits (:func:`_is_name`).
The proposal has ``type`` and ``side`` unknown; edit it into an actors file.
"""
from __future__ import annotations

import bisect
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from . import paths
from .errors import InputError

log = logging.getLogger(__name__)

__all__ = ["ACTOR_TYPES", "Actor", "ActorList", "MENTION_COLUMNS", "load_actors", "propose_actors",
           "actors_for", "actors_of", "name_stats", "propose_from_stats", "Matcher", "actor_mentions", "actor_portrayal", "assign_sentences", "voices_by_side"]

ACTOR_TYPES = ("country", "leader", "institution", "group", "unknown")
MENTION_COLUMNS = ["article_id", "actor", "alias", "start", "end", "sentence", "type", "side"]
#: VADER class thresholds (Hutto & Gilbert 2014).
POS, NEG = 0.05, -0.05


@dataclass(frozen=True)
class Actor:
    """An actor and the aliases that refer to it."""

    name: str
    aliases: tuple[str, ...]
    type: str = "unknown"
    side: str = ""


@dataclass
class ActorList:
    """Actors with the header of the file they came from (or ``proposed`` provenance)."""

    actors: list[Actor]
    source: str = ""
    licence: str = ""
    version: str = ""
    path: Path | None = None
    proposed: bool = False
    extra: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.actors)

    def __len__(self) -> int:
        return len(self.actors)

    def frame(self) -> pd.DataFrame:
        """One row per actor: name, type, side, aliases (joined by ``; ``)."""
        return pd.DataFrame([{"actor": a.name, "type": a.type, "side": a.side, "aliases": "; ".join(a.aliases)}
                             for a in self.actors], columns=["actor", "type", "side", "aliases"])

    def sides(self) -> list[str]:
        return sorted({a.side for a in self.actors if a.side})

    def record(self) -> dict:
        """The list as a run's manifest keeps it (:func:`actors_of` reads it back)."""
        return {"source": self.source, "licence": self.licence, "version": self.version,
                "proposed": self.proposed, "actors": [[a.name, list(a.aliases), a.type, a.side] for a in self.actors]}


def load_actors(path: str | Path | None = None) -> ActorList:
    """Read an actors file (default ``corpus/actors.yaml``); a folder means ``<folder>/actors.yaml``.

    Raises :class:`~analysis.errors.InputError` naming the file when it is
    missing or malformed.
    """
    p = Path(path) if path is not None else paths.CORPUS / "actors.yaml"
    if p.is_dir():
        p = p / "actors.yaml"
    if not p.is_file():
        raise InputError(p, "actors file not found")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(p, f"malformed YAML{f' (line {mark.line + 1})' if mark else ''}") from None
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise InputError(p, "expected a mapping with an 'actors' list")
    actors, seen = [], set()
    for i, e in enumerate(data["actors"], 1):
        if not isinstance(e, dict) or not e.get("name"):
            raise InputError(p, f"actor #{i} needs a 'name'")
        name = str(e["name"])
        if name in seen:
            raise InputError(p, f"actor {name!r} is listed twice")
        seen.add(name)
        aliases = e.get("aliases") or [name]
        if not isinstance(aliases, list) or not all(isinstance(a, (str, int, float)) and str(a).strip()
                                                    for a in aliases):
            raise InputError(p, f"actor {name!r}: 'aliases' must be a list of names")
        typ = str(e.get("type") or "unknown")
        if typ not in ACTOR_TYPES:
            raise InputError(p, f"actor {name!r}: type {typ!r} is not one of {', '.join(ACTOR_TYPES)}")
        actors.append(Actor(name, tuple(dict.fromkeys(str(a).strip() for a in aliases)), typ,
                            str(e.get("side") or "")))
    head = {k: v for k, v in data.items() if k != "actors"}
    return ActorList(actors, source=str(head.pop("source", "") or ""), licence=str(head.pop("licence", "") or ""),
                     version=str(head.pop("version", "") or ""), path=p, extra=head)


# ---------------------------------------------------------------------------
# proposing actors

_CAP_RUN = re.compile(r"\b[A-Z][\w’'\-.]*[\w](?:\s+(?:of\s+)?[A-Z][\w’'\-]*[\w])*")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_STOP = set("""a an the this that these those there their they them then than it its in on at of for from by
with as to and or but if when while what which who whom whose why how where we our us you your he she his
her i my me not no yes all any each every some many most more much one two also after before during since
until despite however indeed today yesterday tomorrow according although though because so thus yet mr mrs
ms dr prof president minister prime foreign state republic january february march april may june july august
september october november december monday tuesday wednesday thursday friday saturday sunday""".split())


_CONTRACTION = re.compile(r"['’](?:m|re|ve|ll|d|t|s)$|n['’]t$", re.I)
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*|[A-Z][a-z]*(?:[-'’][A-Z][a-z]+)+"
                        r"|[A-Z][a-z]*[A-Z][a-z]+|[A-Z]{2,6}|of)$")


def _is_name(words: list[str]) -> bool:
    """Whether capitalised words look like a name: no contractions ("I'm", "Don't"), no single letters,
    no digits; each word Capitalised, CamelCased (McCain) or an acronym (NATO), "of" inside."""
    if words[0] == "of" or words[-1] == "of":
        return False
    return all(_NAME_WORD.match(w) and not _CONTRACTION.search(w) for w in words)


def name_stats(text: str) -> tuple[dict[str, int], dict[str, int]]:
    """What :func:`propose_actors` reads in one text: its candidate names (capitalised runs, see the module
    docstring) with their counts, and the counts of its lowercase words.  Small, so a run keeps them per
    article (:meth:`analysis.cache.ResultCache.name_stats`) and proposes actors without reading texts again."""
    lower: Counter[str] = Counter(w for w in re.findall(r"[^\W\d_]+", text) if w.islower())
    names: Counter[str] = Counter()
    for m in _CAP_RUN.finditer(text):
        name = _POSSESSIVE.sub("", m.group()).rstrip(".")
        words = name.split()
        while words and words[0].lower() in _STOP:  # sentence-initial "The", titles like "President"
            words = words[1:]
        while words and words[-1].lower() in _STOP:
            words = words[:-1]
        if words and _is_name(words):
            names[" ".join(words)] += 1
    return dict(names), dict(lower)


def propose_actors(articles, *, min_count: int = 3, min_articles: int = 2, top: int = 30) -> ActorList:
    """Candidate actors from frequent capitalised names (see the module docstring for the heuristic).

    ``articles``: objects with ``.id`` and ``.text`` (a corpus), a mapping
    id → text or a DataFrame with ``article_id`` and ``text``.  With a
    single article ``min_articles`` is 1.
    """
    stats = ((aid, *name_stats(text)) for aid, text in _texts(articles))
    return propose_from_stats(stats, min_count=min_count, min_articles=min_articles, top=top)


def propose_from_stats(stats, *, min_count: int = 3, min_articles: int = 2, top: int = 30) -> ActorList:
    """:func:`propose_actors` from each article's :func:`name_stats`: ``stats`` yields ``(article id, names,
    lower)`` in corpus order, once (the texts are never needed).

    The articles are read in order, as a reader would: a one-word name is not counted in an article if,
    up to and including that article, its lowercase form has been seen more than twice and more often
    than the name itself ("Today", "House" at the start of sentences); at the end a name is proposed if it
    has at least ``min_count`` mentions in at least ``min_articles`` articles and more mentions than its
    lowercase form; the ``top`` most mentioned are kept.
    """
    caps: Counter[str] = Counter()
    docs: Counter[str] = Counter()  # articles counting the name (each article's names are distinct keys)
    lower: Counter[str] = Counter()  # bounded by the vocabulary, not the corpus
    n_articles = 0
    for _aid, names, low in stats:
        n_articles += 1
        lower.update(low)
        for name, k in names.items():
            if " " not in name:
                x = lower[name.lower()]
                if x >= caps[name] + 1 and x > 2:
                    continue
            caps[name] += k
            docs[name] += 1
    min_articles = min(min_articles, max(n_articles, 1))
    cands = [(n, c) for n, c in caps.items()
             if c >= min_count and docs[n] >= min_articles and lower[n.lower()] < c]
    cands.sort(key=lambda nc: (-nc[1], nc[0]))
    actors = [Actor(n, (n,), "unknown", "") for n, _ in cands[:top]]
    log.info("proposed %d actors from capitalised names", len(actors))
    return ActorList(actors, source="proposed by analysis.actors.propose_actors (capitalised names)",
                     licence="", version="", proposed=True)


def _texts(articles):
    """``(article id, cleaned text)`` of a corpus or Article objects one at a time (an article whose text can
    be read again, a :class:`~analysis.corpus.LazyArticle`, forgets it once read), or of a mapping or a
    DataFrame (:func:`analysis.reuse.article_texts`)."""
    if isinstance(articles, (pd.DataFrame, dict)) or hasattr(articles, "items"):
        from .reuse import article_texts

        yield from article_texts(articles).items()
        return
    for a in articles:
        yield str(a.id), str(a.text)
        if hasattr(a, "release"):
            a.release()


def actors_for(corpus_dir: str | Path | None = None, articles=None, *, stats=None) -> ActorList:
    """The corpus's ``actors.yaml`` if present, else actors proposed from ``articles`` (or from their
    :func:`name_stats`, ``stats``, as :func:`propose_from_stats` reads them)."""
    p = Path(corpus_dir) if corpus_dir is not None else paths.CORPUS
    if (p / "actors.yaml").is_file():
        return load_actors(p / "actors.yaml")
    log.warning("no actors file in %s; proposing actors from capitalised names", p)
    if stats is not None:
        return propose_from_stats(stats)
    if articles is None:
        from .corpus import load_corpus

        articles = load_corpus(p)
    return propose_actors(articles)


def actors_of(tables, corpus_dir: str | Path | None = None) -> ActorList:
    """The actors a run used, from its manifest (``tables``: :func:`analysis.pipeline.load_tables`): the
    notebooks read the list the tables were computed with, never propose it again from every text.  Results
    written before the manifest kept it: :func:`actors_for` on ``corpus_dir`` and the tables' texts."""
    manifest = getattr(tables, "manifest", None) or {}
    rec = manifest.get("actor_list")
    if not isinstance(rec, dict):
        return actors_for(corpus_dir, articles=tables.texts)
    items = [Actor(str(n), tuple(al), str(t), str(s)) for n, al, t, s in rec.get("actors", [])]
    proposed = bool(rec.get("proposed"))
    path = manifest.get("actors") if not proposed else None  # the file, as the manifest names it
    return ActorList(items, source=str(rec.get("source", "")), licence=str(rec.get("licence", "")),
                     version=str(rec.get("version", "")), proposed=proposed,
                     path=Path(path) if isinstance(path, str) and path else None)


# ---------------------------------------------------------------------------
# mentions and portrayal


def _alias_pattern(alias: str) -> str:
    body = re.escape(alias).replace(r"\ ", r"\s+")
    return rf"(?<![\w.]){body}(?![\w])" if alias[-1] == "." else rf"(?<![\w]){body}(?![\w])"


def _sentence_bounds(article) -> list[tuple[int, int, int]]:
    sents = getattr(article, "sentences", None)
    if sents is None:
        from .text import sentences as split

        sents = split(article.text)
    return [(s.start, s.end, s.index) for s in sents]


class Matcher:
    """Finds every mention of a list of actors in a text, fast.

    Same matches as one alternation of the alias patterns tried longest
    alias first at each position, left to right (see :func:`actor_mentions`),
    but found by looking up each word of the text in a table of the aliases'
    first words and trying only those aliases there: the cost is one pass over
    the words instead of one regex alternative per alias per position.
    """

    def __init__(self, actors: ActorList | Iterable[Actor]):
        self.alias_of: dict[str, Actor] = {}
        for a in actors:
            for al in a.aliases:
                self.alias_of.setdefault(al, a)
        self.ordered = sorted(self.alias_of, key=lambda s: (-len(s), s))  # longest alias first
        self._first: dict[str, list[tuple[str, re.Pattern]]] = defaultdict(list)
        self._slow = None
        for al in self.ordered:
            m = re.match(r"\w+", al)
            if m is None:  # an alias that starts with a non-word character: the plain alternation
                self._slow = re.compile("|".join(f"({_alias_pattern(a)})" for a in self.ordered))
                break
            self._first[m.group()].append((al, re.compile(_alias_pattern(al))))

    def finditer(self, text: str):
        """Yield ``(alias, start, end)`` for every mention in ``text``, in order."""
        if self._slow is not None:
            for m in self._slow.finditer(text):
                yield self.ordered[m.lastindex - 1], m.start(), m.end()
            return
        first, end = self._first, 0
        for w in _WORD_RUN.finditer(text):
            cands = first.get(w.group())
            if cands is None or w.start() < end:
                continue
            for alias, pat in cands:
                m = pat.match(text, w.start())
                if m is not None:
                    end = m.end()
                    yield alias, m.start(), m.end()
                    break

    def mentions(self, article) -> pd.DataFrame:
        """:data:`MENTION_COLUMNS` rows for one article (``.id``, ``.text``, optionally ``.sentences``)."""
        return mention_frame(self.mention_rows(article))

    def mention_rows(self, article) -> list[tuple]:
        """The rows of :meth:`mentions` (tuples in :data:`MENTION_COLUMNS` order)."""
        bounds = _sentence_bounds(article)
        starts = [b[0] for b in bounds]
        rows = []
        aid = str(article.id)
        for alias, s, e in self.finditer(article.text):
            actor = self.alias_of[alias]
            k = bisect.bisect_right(starts, s) - 1
            sent = bounds[k][2] if k >= 0 and s < bounds[k][1] else -1
            rows.append((aid, actor.name, alias, s, e, sent, actor.type, actor.side))
        return rows


def mention_frame(rows: list[tuple]) -> pd.DataFrame:
    """The ``actor_mentions`` table of :meth:`Matcher.mention_rows`."""
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


_WORD_RUN = re.compile(r"\w+")


def actor_mentions(articles, *, actors: ActorList | Iterable[Actor]) -> pd.DataFrame:
    """Every mention of every actor, one evidence row each.

    ``articles``: a corpus (objects with ``.id``, ``.text`` and, optionally,
    ``.sentences``), a mapping id → text or a DataFrame with ``article_id``
    and ``text``.  Returns :data:`MENTION_COLUMNS`: offsets into the cleaned
    text and the index of the sentence holding the mention (as in
    ``sentences.csv``), sorted by article and offset.
    """
    matcher = actors if isinstance(actors, Matcher) else Matcher(actors)
    if not matcher.alias_of:
        return pd.DataFrame(columns=MENTION_COLUMNS)
    if isinstance(articles, (pd.DataFrame, dict)):
        from types import SimpleNamespace

        from .reuse import article_texts

        items = [SimpleNamespace(id=k, text=v) for k, v in article_texts(articles).items()]
    else:
        items = list(articles)
    frames = [f for f in (matcher.mentions(art) for art in items) if len(f)]
    if not frames:
        return pd.DataFrame(columns=MENTION_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def assign_sentences(rows: pd.DataFrame, sentences_df: pd.DataFrame) -> pd.Series:
    """For each row (``article_id``, ``start``) the index label of the ``sentences_df`` row containing it.

    Rows outside any sentence get ``-1``.  Works on offsets, so it does not
    depend on how sentences are numbered; one sorted search over all
    articles at once (linear-logarithmic in the rows, not per article).
    """
    out = pd.Series(-1, index=rows.index, dtype="int64")
    if rows.empty or sentences_df.empty:
        return out
    s_art = sentences_df["article_id"].astype(str)
    codes = pd.Index(pd.unique(s_art))
    s = pd.DataFrame({"a": codes.get_indexer(s_art), "start": sentences_df["start"].to_numpy(dtype="int64"),
                      "end": sentences_df["end"].to_numpy(dtype="int64"), "label": sentences_df.index.to_numpy()})
    s = s.sort_values(["a", "start"], kind="stable")
    r_a = codes.get_indexer(rows["article_id"].astype(str))
    r_start = rows["start"].to_numpy(dtype="int64")
    big = int(max(s["end"].max(), r_start.max(initial=0))) + 1
    skey = s["a"].to_numpy() * big + s["start"].to_numpy()
    rkey = r_a.astype("int64") * big + r_start
    k = np.searchsorted(skey, rkey, side="right") - 1
    kk = np.clip(k, 0, None)
    ok = (r_a >= 0) & (k >= 0) & (s["a"].to_numpy()[kk] == r_a) & (r_start < s["end"].to_numpy()[kk])
    out[:] = np.where(ok, s["label"].to_numpy()[kk], -1)
    return out


def actor_portrayal(mentions: pd.DataFrame, sentences_df: pd.DataFrame, loaded_df: pd.DataFrame | None = None,
                    *, by: str = "actor") -> pd.DataFrame:
    """Salience and tone of the sentences mentioning each actor.

    ``by="actor"`` gives one row per actor; ``by="article"`` one row per
    actor and article.  Columns: ``actor``, [``article_id``], ``type``,
    ``side``, ``mentions``, ``articles``, ``sentences`` (distinct mentioning
    sentences, the ``n`` of the averages), ``compound_mean``,
    ``share_positive``, ``share_negative``, ``quoted_share`` (mentioning
    sentences in quoted speech, when ``sentences_df`` has ``voice``),
    ``loaded_hits`` and ``loaded_<category>`` (loaded terms inside those
    sentences), ``loaded_per_sentence``.  Sorted by mentions, then name.
    """
    if by not in ("actor", "article"):
        raise ValueError("by must be 'actor' or 'article'")
    keys = ["actor"] if by == "actor" else ["actor", "article_id"]
    sents = sentences_df.reset_index(drop=True)
    m = mentions.copy()
    m["_row"] = assign_sentences(m, sents) if not m.empty else pd.Series(dtype="int64")
    m = m[m["_row"] >= 0]
    loaded = loaded_df if loaded_df is not None else pd.DataFrame(columns=["article_id", "start", "category"])
    cats = sorted(str(c) for c in loaded["category"].dropna().unique()) if "category" in loaded else []
    if not loaded.empty:
        lrow = assign_sentences(loaded, sents)
        per_sent = pd.crosstab(lrow[lrow >= 0], loaded.loc[lrow >= 0, "category"].astype(str))
    else:
        per_sent = pd.DataFrame()
    rows = []
    for key, grp in m.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        idx = sorted(set(grp["_row"]))
        s = sents.loc[idx]
        comp = pd.to_numeric(s["compound"], errors="coerce") if "compound" in s else pd.Series(dtype=float)
        row = dict(zip(keys, key))
        row.update({
            "type": grp["type"].iloc[0] if "type" in grp else "",
            "side": grp["side"].iloc[0] if "side" in grp else "",
            "mentions": len(grp),
            "articles": grp["article_id"].nunique(),
            "sentences": len(idx),
            "compound_mean": float(comp.mean()) if comp.notna().any() else float("nan"),
            "share_positive": float((comp >= POS).mean()) if len(comp) else float("nan"),
            "share_negative": float((comp <= NEG).mean()) if len(comp) else float("nan"),
            "quoted_share": float((s["voice"] == "quoted").mean()) if "voice" in s and len(s) else float("nan"),
        })
        hits = per_sent.reindex(idx).fillna(0) if not per_sent.empty else None
        total = 0
        for c in cats:
            v = int(hits[c].sum()) if hits is not None and c in hits else 0
            row[f"loaded_{c.replace('-', '_')}"] = v
            total += v
        row["loaded_hits"] = total
        row["loaded_per_sentence"] = total / len(idx) if idx else float("nan")
        rows.append(row)
    cols = keys + ["type", "side", "mentions", "articles", "sentences", "compound_mean", "share_positive",
                   "share_negative", "quoted_share", "loaded_hits", "loaded_per_sentence"] + [f"loaded_{c.replace('-', '_')}" for c in cats]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["mentions", *keys], ascending=[False] + [True] * len(keys),
                           kind="stable").reset_index(drop=True)


def voices_by_side(mentions: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Who is talked about versus who talks, per side.

    For every side that appears among the actors mentioned (``mentions``,
    from :func:`actor_mentions`) or among the quoted sources (``sources``,
    the ``sources.csv`` table: ``side``, ``speaker``, ``attributions``,
    ``quoted_words``): the actors mentioned, mentions, articles mentioning
    the side, speakers, attributions and quoted words.  ``absent`` is true
    for a side that is mentioned but never quoted — a voice the coverage
    talks about without letting it speak.  Sorted by mentions.
    """
    m = mentions[mentions["side"].fillna("").astype(str) != ""] if len(mentions) else mentions
    ms = (m.groupby("side").agg(actors=("actor", lambda s: "; ".join(sorted(set(s)))), mentions=("actor", "size"),
                                articles_mentioning=("article_id", "nunique"))
          if len(m) else pd.DataFrame(columns=["actors", "mentions", "articles_mentioning"]))
    src = sources.assign(side=sources["side"].fillna("unknown").astype(str).replace("", "unknown"))
    ss = (src.groupby("side").agg(speakers=("speaker", "nunique"), attributions=("attributions", "sum"),
                                  quoted_words=("quoted_words", "sum"))
          if len(src) else pd.DataFrame(columns=["speakers", "attributions", "quoted_words"]))
    out = ms.join(ss, how="outer")
    out.index.name = "side"
    out = out.reset_index()
    out["actors"] = out["actors"].fillna("")
    for c in ("mentions", "articles_mentioning", "speakers", "attributions", "quoted_words"):
        out[c] = pd.to_numeric(out[c], errors="coerce").fillna(0).astype(int)
    out["absent"] = (out["mentions"] > 0) & (out["attributions"] == 0)
    cols = ["side", "actors", "mentions", "articles_mentioning", "speakers", "attributions", "quoted_words", "absent"]
    return out[cols].sort_values(["mentions", "attributions", "side"], ascending=[False, False, True],
                                 kind="stable").reset_index(drop=True)
