"""Figure style and export: formats, plotted data, metadata, determinism, the figures index."""
from __future__ import annotations

import hashlib
import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis import figures as F
from analysis import plots as P


def _demo():
    data = pd.DataFrame({"group": ["a", "b", "c"], "value": [1.5, 2.25, 1 / 3]})
    with F.style():
        fig, ax = plt.subplots(figsize=F.figsize())
        ax.bar(data["group"], data["value"])
        ax.set_ylabel("value (units)")
    return fig, data


def _save(tmp_path, name="demo", **kw):
    fig, data = _demo()
    args = dict(data=data, caption="A demo figure", notebook="00-test", corpus_fingerprint="abc123",
                out_dir=tmp_path, date="2024-04-07")
    args.update(kw)
    return F.save_figure(fig, name, **args), data


def _digest(paths):
    return {k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in paths.items()}


def test_all_formats_written_and_csv_equals_plotted_data(tmp_path):
    written, data = _save(tmp_path)
    assert set(written) == {"png", "svg", "pdf", "csv"}
    for p in written.values():
        assert p.exists() and p.stat().st_size > 0
    back = pd.read_csv(written["csv"])
    pd.testing.assert_frame_equal(back, data)  # exact: floats round-trip
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_png_is_at_least_200_dpi_and_carries_metadata(tmp_path):
    from PIL import Image

    written, _ = _save(tmp_path)
    im = Image.open(written["png"])
    assert im.info["dpi"][0] >= 199.5
    assert im.info["Title"] == "demo"
    assert im.info["Description"] == "A demo figure"
    assert "abc123" in im.info["Source"] and "00-test" in im.info["Source"]
    assert "Software" not in im.info


def test_svg_and_pdf_metadata(tmp_path):
    written, _ = _save(tmp_path, caption="Caption with <angle> & ampersand")
    svg = written["svg"].read_text(encoding="utf-8")
    assert svg.count("<title>") == 1
    assert "<desc>Caption with &lt;angle&gt; &amp; ampersand</desc>" in svg
    assert "<dc:date>" not in svg
    pdf = written["pdf"].read_bytes()
    assert b"/Title (demo)" in pdf and b"/Subject" in pdf and b"/Creator" in pdf and b"/Keywords" in pdf
    assert b"/CreationDate" not in pdf


def test_output_is_byte_identical_for_same_input(tmp_path):
    a, _ = _save(tmp_path / "one")
    b, _ = _save(tmp_path / "two")
    assert _digest(a) == _digest(b)
    c, _ = _save(tmp_path / "one")  # overwrite in place
    assert _digest(a) == _digest(c)


def test_index_rows_replaced_by_name_and_sorted(tmp_path):
    _save(tmp_path, name="zeta")
    _save(tmp_path, name="alpha", caption="first caption")
    _save(tmp_path, name="alpha", caption="second caption")
    idx = F.read_index(tmp_path)
    assert list(idx.columns) == F.INDEX_COLUMNS
    assert idx["file"].tolist() == ["alpha", "zeta"]
    row = idx.set_index("file").loc["alpha"]
    assert row["caption"] == "second caption"
    assert row["corpus_fingerprint"] == "abc123" and row["notebook"] == "00-test"
    assert row["date"] == "2024-04-07"
    assert "framing-analysis" in row["software_version"] and "matplotlib" in row["software_version"]
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "second caption" in readme and "[png](alpha.png)" in readme


def test_date_comes_from_source_date_epoch_not_the_clock(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert F.analysis_date(["2020-01-01"]) == "2023-11-14"
    _save(tmp_path, date=None)
    assert F.read_index(tmp_path)["date"].tolist() == ["2023-11-14"]
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert F.analysis_date(["2021", "2024-04-07", None, "2023"]) == "2024-04-07"
    assert F.analysis_date([None]) == ""


@pytest.mark.parametrize("bad", ["", "a b", "../x", ".hidden", "a/b"])
def test_bad_names_refused(tmp_path, bad):
    with pytest.raises(ValueError):
        _save(tmp_path, name=bad)


def test_style_is_print_legible_and_colour_blind_safe():
    assert F.SINGLE == 3.5
    for key in ("font.size", "axes.labelsize", "xtick.labelsize", "ytick.labelsize", "legend.fontsize"):
        assert F.STYLE[key] >= 8
    assert F.PALETTE[0] == F.OKABE_ITO["blue"] and len(set(F.PALETTE)) == 8
    assert F.colours_for(["b", "a"]) == F.colours_for(["a", "b", "a"])


# --- the plot functions return exactly what they draw -------------------------------------------


@pytest.fixture
def tables():
    rng = np.random.default_rng(0)
    ids = ["aaaaaa111111", "bbbbbb222222", "cccccc333333"]
    articles = pd.DataFrame({
        "article_id": ids, "title": ["One", None, "Three"], "outlet": ["Daily", "Daily", None],
        "genre": ["news", "opinion", "news"], "published": ["2024-01-01", None, "2024-02-01"],
        "words": [300, 500, 200], "sentences": [4, 5, 3],
        "flesch_kincaid_grade": [10.0, 12.5, 8.0], "gunning_fog": [12.0, 14.0, 9.0], "smog_index": [11.0, 13.0, 9.5],
        "share_negative": [0.25, 0.4, 0.0], "share_neutral": [0.25, 0.2, 1 / 3], "share_positive": [0.5, 0.4, 2 / 3],
        "compound_whole": [0.99, -0.98, 0.9], "sentiment_mean": [0.1, -0.2, 0.3],
        "loaded_per_1000": [10.0, 4.0, 0.0], "loaded_per_1000_name_calling": [10.0, 2.0, 0.0],
        "loaded_per_1000_absolutes": [0.0, 2.0, 0.0], "loaded_per_1000_author": [5.0, 4.0, 0.0],
        "loaded_per_1000_quoted": [5.0, 0.0, 0.0], "attributions": [3, 0, 1], "quoted_word_share": [0.3, 0.0, 0.1],
        "anonymous_share": [0.0, np.nan, 1.0], "dominance": [0.67, np.nan, 1.0], "evaluative_verb_share": [0.33, np.nan, 0.0],
    })
    sentences = pd.DataFrame({
        "article_id": [ids[0]] * 4 + [ids[1]] * 5 + [ids[2]] * 3,
        "sentence": list(range(4)) + list(range(5)) + list(range(3)),
        "compound": rng.uniform(-1, 1, 12).round(4),
        "voice": ["author", "quoted"] * 6,
    })
    sentences["start"] = sentences["sentence"] * 100
    sentences["end"] = sentences["start"] + 90
    return articles, sentences


def test_sentiment_by_article_data_matches_tables(tables):
    articles, sentences = tables
    fig, data = P.sentiment_by_article(sentences, articles)
    plt.close(fig)
    expected = sentences.groupby("article_id")["compound"].agg(["mean", "size"])
    got = data.set_index("article_id")
    assert np.allclose(got["mean"], expected.loc[got.index, "mean"])
    assert (got["n_sentences"] == expected.loc[got.index, "size"]).all()
    assert (got["ci_low"] <= got["mean"]).all() and (got["mean"] <= got["ci_high"]).all()


def test_loaded_rate_by_article_is_the_article_table(tables):
    articles, _ = tables
    fig, data = P.loaded_rate_by_article(articles)
    plt.close(fig)
    for r in data.itertuples():
        assert articles.set_index("article_id").loc[r.article_id, f"loaded_per_1000_{r.category}"] == r.per_1000
    assert set(data["category"]) == {"name_calling", "absolutes"}


def test_profile_z_scores(tables):
    articles, _ = tables
    fig, data = P.article_profile(articles)
    plt.close(fig)
    words = data[data["measure"] == "words"].set_index("article_id")
    assert words["value"].tolist() == [300, 500, 200]
    assert abs(words["z"].mean()) < 1e-12 and abs(words["z"].std(ddof=0) - 1) < 1e-12


def test_article_labels(tables):
    articles, _ = tables
    short = P.article_labels(articles)
    assert short["aaaaaa111111"] == "One"  # the title when there is one
    assert short["bbbbbb222222"] == "Daily"  # else outlet (and date when known)
    assert short["cccccc333333"] == "Three"
    untitled = articles.assign(title=None)
    short = P.article_labels(untitled)
    assert short["aaaaaa111111"] == "Daily 2024-01-01" and short["bbbbbb222222"] == "Daily"
    assert short["cccccc333333"] == "untitled news 2024-02-01"  # no outlet: the genre, never a pooled "unknown"
    assert P.article_labels(articles, long=True)["bbbbbb222222"] == "bbbbbb Daily"
    same = articles.assign(title="Same headline")
    assert P.article_labels(same).tolist() == ["Same headline ·aaaaaa", "Same headline ·bbbbbb",
                                                "Same headline ·cccccc"]


def test_every_figure_function_saves_deterministically(tables, tmp_path):
    articles, sentences = tables
    fig, data = P.sentiment_shares(articles)
    a = F.save_figure(fig, "s", data=data, caption="c", notebook="n", corpus_fingerprint="f", out_dir=tmp_path / "1")
    plt.close(fig)
    fig, data = P.sentiment_shares(articles)
    b = F.save_figure(fig, "s", data=data, caption="c", notebook="n", corpus_fingerprint="f", out_dir=tmp_path / "2")
    plt.close(fig)
    assert _digest(a) == _digest(b)
    svg = a["svg"].read_text(encoding="utf-8")
    assert not re.search(r"<dc:date>", svg)
    assert io.BytesIO(a["png"].read_bytes()).getbuffer().nbytes > 1000


def test_display_label_for_slugs():
    assert F.display_label("united-states") == "United States"
    assert F.display_label("israel") == "Israel"
    assert F.display_label("ngo") == "NGO"
    assert F.display_label("News.Az") == "News.Az"  # already written with capitals: unchanged
