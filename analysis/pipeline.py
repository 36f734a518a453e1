"""The analysis pipeline: corpus in, tidy tables out.

``analyze`` runs every per-article method on a corpus and writes the result
tables (UTF-8 CSV, one row per observation) to a results folder:

================  ==============================================================
articles.csv      one row per article: metadata, length, sentiment aggregates,
                  readability, sourcing ratios and loaded-language rates
sentences.csv     one row per sentence: offsets, text, VADER scores, voice
attributions.csv  one row per attribution (evidence: offsets, cue, rule)
sources.csv       one row per source per article
loaded_terms.csv  one row per loaded-term hit (evidence: offsets, lexicon entry)
cleaning.csv      one row per line the cleaning removed (raw offsets)
actor_mentions.csv one row per mention of an actor (corpus actors.yaml, or proposed)
portrayal.csv     one row per actor mention: stance towards the actor (TSC model), voice, speaker
passages.csv      one row per passage shared by two articles (text reuse)
metadata.csv      metadata provenance: article_id, field, value, status, evidence
clean/<id>.txt    the cleaned text every offset points into
manifest.json     corpus fingerprint, software and method-data versions
================  ==============================================================

The corpus is only read.  All tables are computed before anything is written
and each file is replaced atomically, so results are whole or absent.
"""
from __future__ import annotations

import json
import logging
import os
import platform
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import pandas as pd

from . import __version__, paths
from .corpus import FIELDS, Corpus, corpus_fingerprint, load_corpus
from .errors import InputError
from .io import csv_bytes
from .readability import MEASURES, readability
from .sentiment import article_sentiment, sentence_table

log = logging.getLogger(__name__)

__all__ = ["Tables", "build_tables", "analyze", "write_tables", "load_tables", "TABLE_FILES"]

TABLE_FILES = {
    "articles": "articles.csv",
    "sentences": "sentences.csv",
    "attributions": "attributions.csv",
    "sources": "sources.csv",
    "loaded_terms": "loaded_terms.csv",
    "cleaning": "cleaning.csv",
    "metadata": "metadata.csv",
    "actor_mentions": "actor_mentions.csv",
    "passages": "passages.csv",
    "portrayal": "portrayal.csv",
}


@dataclass
class Tables:
    """The result tables of one analysis run (pandas DataFrames) and its manifest."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    attributions: pd.DataFrame
    sources: pd.DataFrame
    loaded_terms: pd.DataFrame
    cleaning: pd.DataFrame
    metadata: pd.DataFrame
    actor_mentions: pd.DataFrame
    passages: pd.DataFrame
    portrayal: pd.DataFrame
    manifest: dict = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict, repr=False)

    def __iter__(self):
        for name in TABLE_FILES:
            yield name, getattr(self, name)


def _progress(iterable, *, enabled: bool, desc: str, total: int | None = None):
    if not enabled:
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, desc=desc, total=total, unit="article", leave=False)


def _cleaning_table(corpus: Corpus) -> pd.DataFrame:
    rows = [
        {"article_id": a.id, "kind": r.kind, "raw_start": r.raw_start, "raw_end": r.raw_end, "text": r.text}
        for a in corpus
        for r in a.cleaned.removed
    ]
    return pd.DataFrame(rows, columns=["article_id", "kind", "raw_start", "raw_end", "text"])


def _portable(path) -> str | None:
    """A path as recorded in the manifest: relative to the project root when inside it; elsewhere only its
    folder and file name (no absolute path of the user's machine in any output)."""
    if path is None:
        return None
    p = Path(path).resolve()
    if paths.IN_CHECKOUT:
        try:
            return p.relative_to(paths.ROOT).as_posix()
        except ValueError:
            pass
    return "/".join(p.parts[-2:]) if p.is_file() else p.name


def build_tables(corpus: Corpus, *, lexicon=None, registry=None, progress: bool = False) -> Tables:
    """Run every method on ``corpus`` and return the :class:`Tables` (nothing is written)."""
    from . import actors, loaded, portrayal, reuse, sources
    from .tsc import default_model

    arts = list(corpus)
    if not arts:
        raise InputError(corpus.path, "the corpus has no articles; add some with 'framing add'")
    log.info("analysing %d articles", len(arts))
    # Per-article basics: length, readability, sentence sentiment.
    meta_rows, read_rows, sent_frames = [], [], []
    for art in _progress(arts, enabled=progress, desc="sentiment and readability"):
        sent_frames.append(sentence_table([art]))
        meta_rows.append({"article_id": art.id, **art.meta, "words": art.words, "sentences": len(art.sentences),
                          **art.import_flags})
        read_rows.append({"article_id": art.id, **readability(art.text)})
    sentences_df = pd.concat(sent_frames, ignore_index=True) if sent_frames else sentence_table([])

    # Attribution, then the voice of every sentence.
    attributions_df = sources.attributions_table(
        _progress(arts, enabled=progress, desc="attributions"), registry=registry)
    # voice: reported speech (direct, mixed and indirect) is the speaker's, not the journalist's
    spans = {a.id: sources.speech_spans(attributions_df, a.id) for a in arts}
    sentences_df["voice"] = [
        sources.voice(int(s), int(e), spans.get(aid, []))
        for aid, s, e in zip(sentences_df["article_id"], sentences_df["start"], sentences_df["end"])
    ]
    sentences_df["news_score"] = sentences_df.pop("news_score")  # after voice: the table's first columns are fixed
    sources_df = sources.sources_table(attributions_df)
    ratios_df = sources.sourcing_ratios(attributions_df, arts)

    # Loaded language, marked by voice.
    if lexicon is None:
        lexicon = loaded.load_lexicon()
    loaded_df = loaded.loaded_table(_progress(arts, enabled=progress, desc="loaded language"),
                                    lexicon=lexicon, quoted_spans=spans)
    rates_df = loaded.loaded_rates(loaded_df, arts)

    # Actors (for portrayal and absent voices) and text reuse across articles.
    actor_list = actors.actors_for(corpus.path, arts)
    mentions_df = actors.actor_mentions(arts, actors=actor_list)
    passages_df = reuse.shared_passages(arts)
    portrayal_df = portrayal.portrayal_table(arts, mentions_df, attributions=attributions_df)

    sentiment_df = article_sentiment(sentences_df)
    articles_df = pd.DataFrame(meta_rows, columns=["article_id", *FIELDS, "words", "sentences",
                                                   "near_duplicate_of", "near_duplicate_similarity", "mixed_language"])
    for extra in (sentiment_df, pd.DataFrame(read_rows, columns=["article_id", *MEASURES]), ratios_df,
                  rates_df.drop(columns=["words"], errors="ignore")):
        articles_df = articles_df.merge(extra, on="article_id", how="left")
    for col in ("sentences_author", "sentences_quoted"):  # an article without sentences has 0 of each
        if col in articles_df:
            articles_df[col] = articles_df[col].fillna(0).astype(int)
    flags = ["near_duplicate_of", "near_duplicate_similarity", "mixed_language"]  # import flags, last
    articles_df = articles_df[[c for c in articles_df.columns if c not in flags] + flags]

    manifest = {
        "software": {"framing-analysis": __version__, "python": platform.python_version(),
                     "pandas": pd.__version__},
        "corpus": {"path": _portable(corpus.path), "articles": len(arts),
                   "fingerprint": corpus_fingerprint(corpus)},
        "lexicons": [{k: (_portable(v) if k == "path" else v)
                      for k, v in (dict(f) if isinstance(f, dict) else vars(f)).items()}
                     for f in getattr(lexicon, "files", [])],
        "loaded_model": loaded.load_model().label,  # the word model of loaded_terms rows with method=model
        "registry": _portable(getattr(registry, "path", None)),
        "actors": _portable(actor_list.path) if actor_list.path else "proposed from capitalised names",
        "models": {"target_sentiment": default_model().tag},
    }
    return Tables(articles=articles_df, sentences=sentences_df, attributions=attributions_df,
                  sources=sources_df, loaded_terms=loaded_df, cleaning=_cleaning_table(corpus),
                  metadata=corpus.provenance(), actor_mentions=mentions_df, passages=passages_df,
                  portrayal=portrayal_df,
                  manifest=manifest, texts={a.id: a.text for a in arts})


def _checked_out(out_dir: str | Path) -> Path:
    """``out_dir`` resolved, if it may be (re)written as a results folder."""
    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise InputError(out, "is a file, not a folder; choose another --out")
    if out.exists() and any(out.iterdir()) and not (out / "manifest.json").is_file():
        raise InputError(out, "is not a results folder (no manifest.json) and is not empty; choose another --out")
    return out


def write_tables(tables: Tables, out_dir: str | Path, *, checked: bool = False) -> Path:
    """Write ``tables`` to ``out_dir`` whole or not at all.

    Everything is written to a staging folder beside ``out_dir``, which then
    replaces ``out_dir`` by two renames; a failure leaves the previous results
    untouched.  An existing ``out_dir`` must be a results folder (it holds a
    ``manifest.json``) or empty, so a mistyped ``--out`` never replaces
    unrelated files.
    """
    out = Path(out_dir).resolve() if checked else _checked_out(out_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.staging-"))
    staging.chmod(0o755)
    try:
        for name, fname in TABLE_FILES.items():
            (staging / fname).write_bytes(csv_bytes(getattr(tables, name)))
        (staging / "clean").mkdir()
        for art_id, text in tables.texts.items():  # bytes: no newline translation, offsets stay exact
            (staging / "clean" / f"{art_id}.txt").write_bytes(text.encode("utf-8"))
        (staging / "manifest.json").write_text(
            json.dumps(tables.manifest, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}.old-{staging.name.rsplit('-', 1)[-1]}")
            os.replace(out, old)
        os.replace(staging, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("wrote %d tables and %d texts to %s", len(TABLE_FILES), len(tables.texts), out)
    return out


def analyze(corpus_dir: str | Path | None = None, out_dir: str | Path | None = None, *,
            lexicons: Sequence[str | Path] = (), registry_path: str | Path | None = None,
            progress: bool = False, write: bool = True) -> Tables:
    """Load the corpus, build every table and (unless ``write=False``) write them to ``out_dir``.

    ``lexicons`` are extra lexicon files that add to or override the shipped
    ones; ``registry_path`` defaults to ``<corpus>/speakers.csv`` when present.
    """
    from . import loaded, sources

    out = _checked_out(out_dir if out_dir is not None else paths.RESULTS) if write else None
    corpus = load_corpus(corpus_dir)
    lexicon = loaded.load_lexicon(list(lexicons), corpus=corpus.path)  # topic lexicons: <corpus>/lexicons/
    reg_file = Path(registry_path) if registry_path else (corpus.path / "speakers.csv")
    registry = sources.load_registry(reg_file) if reg_file.is_file() else None
    tables = build_tables(corpus, lexicon=lexicon, registry=registry, progress=progress)
    if out is not None:
        write_tables(tables, out, checked=True)
    return tables


def load_tables(results_dir: str | Path | None = None) -> Tables:
    """Read the tables written by :func:`analyze` back as DataFrames."""
    folder = Path(results_dir) if results_dir is not None else paths.RESULTS
    frames = {}
    for name, fname in TABLE_FILES.items():
        path = folder / fname
        if not path.is_file():
            raise InputError(path, "missing; run 'framing analyze' first")
        frames[name] = pd.read_csv(path, keep_default_na=False, na_values=[""],
                                   dtype={"article_id": str, "published": str})
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((folder / "clean").glob("*.txt"))}
    return Tables(**frames, manifest=manifest, texts=texts)
