"""Tests of analysis.evaluate on small hand-made frames whose scores are worked out by hand."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.evaluate import dice, evaluate_attributions, load_gold

GOLD_CSV = """source,kind,quote,speaker,speaker_mention,cue,role,side,start,end
a.txt,direct,We are proud of this project,Anna Berg,Berg,said,government,unknown,10,38
a.txt,indirect,the bridge would open in May,Anna Berg,Transport Minister Anna Berg,said,government,unknown,50,78
a.txt,indirect,the costs rose by twelve percent last year,a council official,a council official,according to,,,90,131
b.txt,direct,Nobody expected it to be finished this early,Tom Hale,Hale,added,,,0,44
"""


def _pred(rows):
    cols = ["article_id", "kind", "quote", "speaker", "speaker_mention", "cue"]
    return pd.DataFrame(rows, columns=cols)


@pytest.fixture
def gold(tmp_path):
    p = tmp_path / "gold.csv"
    p.write_text(GOLD_CSV, encoding="utf-8")
    return load_gold(p)


def test_dice():
    assert dice(["a", "b"], ["a", "b"]) == 1.0
    assert dice(["a", "b", "c", "d"], ["a", "x"]) == pytest.approx(2 / 6)
    assert dice([], ["a"]) == 0.0


def test_scores_by_hand(gold):
    pred = _pred([
        # exact match, right speaker, right cue
        ("A", "direct", "“We are proud of this project,”", "Anna Berg", "Berg", "said"),
        # 4 of the 6 gold words in 7 predicted words: Dice 8/13 = 0.62 -> matched at 0.3 only; wrong speaker
        ("A", "indirect", "that the bridge would open soon, maybe", "Tom Hale", "Hale", "stated"),
        # no overlap: a false positive
        ("A", "indirect", "ticket prices", "", "officials", "said"),
        # b.txt: matched, cue stem differs, mention shares "Hale"
        ("B", "direct", "Nobody expected it to be finished this early.", "Tom Hale", "Hale", "stressed"),
        # an article not in the gold is ignored
        ("C", "direct", "Anything at all here", "X", "X", "said"),
    ])
    s = evaluate_attributions(pred, gold, source_to_id={"a.txt": "A", "b.txt": "B"}).set_index("threshold")
    lo, hi = s.loc[0.3], s.loc[0.8]
    assert (lo.gold, lo.predicted, lo.matched) == (4, 4, 3)
    assert lo.precision == 0.75 and lo.recall == 0.75 and lo.f1 == 0.75
    assert lo.speaker_accuracy == pytest.approx(0.667, abs=1e-3)  # 2 of 3 matched pairs
    assert lo.cue_accuracy == pytest.approx(0.333, abs=1e-3)  # only "said" = "said"
    assert (hi.matched, hi.precision, hi.recall) == (2, 0.5, 0.5)
    assert hi.speaker_accuracy == 1.0 and hi.cue_accuracy == 0.5


def test_pronoun_speaker_counts_only_when_mention_is_pronoun(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text("article_id,kind,quote,speaker,speaker_mention,cue\nA,direct,one two three four,,he,said\n",
                 encoding="utf-8")
    gold = load_gold(p)
    good = _pred([("A", "direct", "one two three four", "Ann Lee", "he", "said")])
    bad = _pred([("A", "direct", "one two three four", "Ann Lee", "Lee", "said")])
    assert evaluate_attributions(good, gold).speaker_accuracy.iloc[0] == 1.0
    assert evaluate_attributions(bad, gold).speaker_accuracy.iloc[0] == 0.0


@pytest.mark.parametrize("body, message", [
    ("kind,quote,speaker,speaker_mention,cue\ndirect,a b,X,X,said\n", "'source' or 'article_id'"),
    ("source,kind,quote,speaker,cue\na.txt,direct,a b,X,said\n", "missing column(s): speaker_mention"),
    ("source,kind,quote,speaker,speaker_mention,cue\na.txt,quoted,a b,X,X,said\n", "line 2: kind 'quoted'"),
    ("source,kind,quote,speaker,speaker_mention,cue\na.txt,direct,,X,X,said\n", "line 2: empty quote"),
])
def test_load_gold_errors(tmp_path, body, message):
    p = tmp_path / "g.csv"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_gold(p)
    assert message in str(e.value) and str(p) in str(e.value)


def test_seed_gold_file_loads():
    from analysis import paths

    p = paths.ROOT / "tests" / "gold" / "attributions.csv"
    g = load_gold(p)
    assert len(g) >= 40 and set(g["kind"]) <= {"direct", "indirect", "mixed"}
