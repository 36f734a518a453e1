"""The per-article stage's light tables and the workers' light imports (analysis.stages, analysis.text)."""
from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis import stages


def _same(p, q) -> bool:
    """Two packed tables hold the same columns, dtypes and values (NaN equal to NaN, pd.NA to itself, types
    compared)."""
    if p[0] != q[0] or p[1] != q[1] or p[3] != q[3]:
        return False
    for a, b in zip(p[2], q[2]):
        for x, y in zip(a, b):
            if type(x) is not type(y):
                return False
            if not (x is y or x == y or (isinstance(x, float) and math.isnan(x) and math.isnan(y))):
                return False
    return True


def _frame(columns):
    return lambda rows: pd.DataFrame({c: list(v) for c, v in zip(columns, zip(*rows))}, columns=columns) \
        if rows else pd.DataFrame([], columns=columns)


@pytest.mark.parametrize("rows", [
    [("a", 1, 0.5, True), ("b", 2, 1.5, False)],  # plain columns: str, int64, float64, bool
    [("a", 1, 2, True), ("b", 2, 1.5, False)],  # ints and floats mixed: float64, ints made floats
    [(None, 1, 0.5, True), ("b", 2, float("nan"), False)],  # text with a gap: str dtype, the gap NaN
    [(None, 1, 0.5, True), (None, 2, 0.5, False)],  # no text at all: left to pandas (object)
    [("a", 2 ** 70, 0.5, True), ("b", 2, 0.5, False)],  # an int beyond int64: left to pandas
    [("a", 1, np.float64(0.5), True), ("b", 2, 0.25, False)],  # a NumPy float: left to pandas
    [("a", 1, 0.5, 1), ("b", 2, 0.5, True)],  # bools and ints mixed: left to pandas
    [],  # no rows: the builder's empty table
])
def test_pack_rows_gives_what_the_builder_and_pack_give(rows):
    cols = ["text", "n", "x", "flag"]
    build = _frame(cols)
    assert _same(stages.pack_rows(cols, rows, build), stages.pack(build(rows)))
    assert _same(stages.pack_rows(cols, rows, build), stages.pack(build(rows)))  # the cached empty form too


def test_pack_rows_with_declared_dtypes_as_the_loaded_table_builds_them():
    from analysis.loaded.find import ALL_COLUMNS, TABLE_DTYPES, _frame

    row = ("id1", "smear", "smear", "name-calling", 10, 15, 0, "author", "loaded", "lexicon", "general@1", "", False,
           math.nan, "", "")
    no_sentence = row[:6] + (None,) + row[7:]
    int_score = row[:13] + (1,) + row[14:]
    for rows in ([row], [row, no_sentence], [row, int_score], []):
        assert _same(stages.pack_rows(ALL_COLUMNS, rows, _frame, dtypes=TABLE_DTYPES), stages.pack(_frame(rows)))


def test_stage_tables_equal_the_dataframe_functions(corpus):
    """The packed tables the stages store equal the public DataFrame functions' tables, packed."""
    from analysis import actors, portrayal
    from analysis.loaded import loaded_table
    from analysis.sentiment import sentence_table

    arts = list(corpus)
    ctx = stages.context(stages.RunSpec(actors=actors.actors_for(corpus.path, arts)))
    for a in arts:
        out = stages.ArticleResult(a.id, text=a.text)
        for stage in stages.STAGES:
            stage(a, ctx, out)
        held = {n: out.held(n) for n in out.names()}
        sents = sentence_table([a])
        sents["voice"] = out.table("sentences")["voice"].tolist()
        sents["news_score"] = sents.pop("news_score")
        assert _same(held["sentences"], stages.pack(sents))
        spans = {a.id: out.private["quoted_spans"]}
        assert _same(held["loaded_terms"], stages.pack(loaded_table([a], lexicon=ctx.lexicon, quoted_spans=spans)))
        mentions = ctx.actor_matcher.mentions(a)
        assert _same(held["actor_mentions"], stages.pack(mentions))
        got = portrayal.article_portrayal(a, mentions, attributions=out.tables_frame("attributions")) \
            if len(mentions) else pd.DataFrame(columns=portrayal.PORTRAYAL_COLUMNS)
        assert _same(held["portrayal"], stages.pack(got))


def test_worker_imports_leave_out_scipy_and_sklearn_and_nltk_still_imports_whole():
    """Sentences, readability and the loaded-language features load without NLTK's package, SciPy or
    scikit-learn; a later ``import nltk`` is the real, whole package."""
    code = (
        "import sys\n"
        "from analysis import text, readability\n"
        "from analysis.loaded.features import english_stop_words\n"
        "assert [s.text for s in text.sentences('Dr. Smith left. He said no.')] == ['Dr. Smith left.', 'He said no.']\n"
        "readability.readability('The cat sat on the mat. It was happy.')\n"
        "words = english_stop_words()\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('scipy', 'sklearn', 'nltk')], "
        "sorted(m for m in sys.modules if m.split('.')[0] in ('scipy', 'sklearn', 'nltk'))[:5]\n"
        "import nltk, nltk.tokenize.punkt\n"
        "from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS\n"
        "assert words == ENGLISH_STOP_WORDS\n"
        "assert nltk.tokenize.punkt.PunktSentenceTokenizer and nltk.probability.FreqDist\n"
        "print('ok')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"


def _analyse_first(article):  # in a pool worker: the freeze count before and after its first article
    import gc

    ctx = stages.context(stages.RunSpec())
    before = gc.get_freeze_count()
    stages.analyse_article(article, ctx)
    return before, gc.get_freeze_count()


def test_a_worker_freezes_its_models_after_its_first_article_the_main_process_does_not(corpus):
    """A pool worker moves what it holds after its first article (models, lexicons) out of the garbage
    collector's sight (gc.freeze); the main process (a notebook, a serial run) never freezes anything."""
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    art = next(iter(corpus))
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        before, after = pool.submit(_analyse_first, art).result()
    assert before == 0 and after > 10_000
    main_before = gc.get_freeze_count()
    stages.analyse_article(art, stages.context(stages.RunSpec()))
    assert gc.get_freeze_count() == main_before == 0
