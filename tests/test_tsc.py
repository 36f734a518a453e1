"""Target-dependent sentiment: the shipped model, its evaluation command and its held-out floor."""
from __future__ import annotations

import gzip
import json
import os

import pytest

from analysis import paths
from analysis.cli import main
from analysis.errors import InputError
from analysis.tsc import default_model, load_model, predict
from analysis.tsc.evaluate import evaluate, read_gold, score_predictions
from analysis.tsc.features import features

NEWSMTSC = paths.SHARED / "datasets" / "newsmtsc"


def _span(sentence: str, target: str) -> tuple[int, int]:
    a = sentence.index(target)
    return a, a + len(target)


def test_two_targets_of_one_sentence_get_opposite_labels():
    """Written for this test: praise for one actor, blame for the other, in one sentence."""
    s = "The senator praised the mayor for his courage, but he blasted the governor as a corrupt liar."
    mayor = predict(s, *_span(s, "the mayor"))
    governor = predict(s, *_span(s, "the governor"))
    assert mayor.score > governor.score
    assert governor.label == "negative"


@pytest.mark.parametrize("sentence, target, label", [
    ("Critics accused the governor of lying to voters and covering up the scandal.", "the governor", "negative"),
    ("The committee will meet on Tuesday in Washington to discuss the budget.", "The committee", "neutral"),
])
def test_labels_on_hand_written_news_sentences(sentence, target, label):
    assert predict(sentence, *_span(sentence, target)).label == label


def test_probabilities_sum_to_one_and_label_is_the_most_probable():
    s = "Armenia lost the war."
    p = predict(s, *_span(s, "Armenia"))
    assert sum(p.probabilities.values()) == pytest.approx(1.0)
    assert p.probability == max(p.probabilities.values())
    assert -1 <= p.score <= 1


def test_features_mask_the_target_and_see_its_neighbours():
    s = "Critics accused the governor of lying."
    f = features(s, *_span(s, "governor"))
    assert "u:governor" not in f            # the target's own words are masked
    assert f["L1:the"] == 1.0 and f["R1:of"] == 1.0
    assert "b:the_T" in f and "b:T_of" in f


def test_model_file_is_versioned_json_and_checked(tmp_path):
    m = default_model()
    assert m.tag.startswith("newsmtsc-linear@")
    assert m.meta["metrics"]["cv_macro_f1"] >= 0.65
    bad = tmp_path / "m.json.gz"
    bad.write_bytes(gzip.compress(json.dumps({"format": "something-else"}).encode()))
    with pytest.raises(InputError, match="m.json.gz: not a framing-tsc-linear"):
        load_model(bad)
    old = tmp_path / "old.json.gz"
    old.write_bytes(gzip.compress(json.dumps({"format": "framing-tsc-linear/1", "feature_version": -1}).encode()))
    with pytest.raises(InputError, match="feature version -1"):
        load_model(old)


def test_scores_computed_by_hand():
    # gold: neg, neg, neu, pos; predicted: neg, neu, neu, neg
    r = score_predictions([-1, -1, 0, 1], [-1, 0, 0, -1])
    assert r["accuracy"] == pytest.approx(0.5)
    neg, neu, pos = (r["per_class"][k] for k in ("negative", "neutral", "positive"))
    assert (neg["precision"], neg["recall"]) == (pytest.approx(0.5), pytest.approx(0.5))
    assert (neu["precision"], neu["recall"]) == (pytest.approx(0.5), pytest.approx(1.0))
    assert pos["f1"] == 0.0
    assert r["macro_f1"] == pytest.approx((0.5 + 2 / 3 + 0.0) / 3)


def _write_gold(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def test_evaluate_sentiment_command_prints_scores(tmp_path, capsys):
    s1 = "Critics accused the governor of lying to voters and covering up the scandal."
    s2 = "The committee will meet on Tuesday in Washington to discuss the budget."
    gold = tmp_path / "gold.jsonl"
    _write_gold(gold, [{"sentence": s1, "from": s1.index("the governor"), "to": s1.index("the governor") + 12,
                        "polarity": -1},
                       {"sentence": s2, "from": 0, "to": 13, "polarity": 0}])
    assert main(["evaluate-sentiment", str(gold), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["n"] == 2 and res["accuracy"] == 1.0
    assert main(["evaluate-sentiment", str(gold)]) == 0
    out = capsys.readouterr().out
    assert "macro-F1" in out and "negative" in out and "positive" in out


@pytest.mark.parametrize("row, message", [
    ({"sentence": "Obama spoke.", "from": 0, "to": 5}, "missing field(s) polarity"),
    ({"sentence": "Obama spoke.", "from": 0, "to": 50, "polarity": 0}, "'from'/'to'"),
    ({"sentence": "Obama spoke.", "from": 0, "to": 5, "polarity": 2}, "'polarity' 2"),
    ({"sentence": "Obama spoke.", "from": 0, "to": 5, "polarity": 0, "mention": "Trump"}, "differs"),
])
def test_bad_gold_rows_name_file_and_line(tmp_path, capsys, row, message):
    gold = tmp_path / "gold.jsonl"
    good = {"sentence": "Obama spoke.", "from": 0, "to": 5, "polarity": 0}
    _write_gold(gold, [good, row])
    with pytest.raises(InputError, match=f"gold.jsonl:2: .*{message[:10]}"):
        read_gold(gold)
    assert main(["evaluate-sentiment", str(gold)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("framing: error: ") and "gold.jsonl:2" in err and len(err.strip().splitlines()) == 1


def test_not_json_line_is_named(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="gold.jsonl:1: not a JSON object"):
        read_gold(gold)


@pytest.fixture(scope="module")
def newsmtsc_dev():
    p = NEWSMTSC / "rw-dev.jsonl"
    if not p.is_file():
        if os.environ.get("FRAMING_REQUIRE_SEEDS"):
            pytest.fail(f"NewsMTSC dev not found at {p}")
        pytest.skip(f"NewsMTSC dev not found at {p}: held-out floor not checked")
    return p


def test_held_out_floor_on_newsmtsc_dev(newsmtsc_dev):
    """NewsMTSC dev (343 targets, never trained on): macro-F1 well above VADER's sentence baseline."""
    res = evaluate(newsmtsc_dev, baseline=True)
    assert res["n"] == 343
    assert res["macro_f1"] >= 0.65
    assert res["baseline_vader"]["macro_f1"] < 0.55
    assert res["macro_f1"] - res["baseline_vader"]["macro_f1"] >= 0.12
