"""Cleaning and segmentation on the seed articles and on small texts written for these tests."""
from __future__ import annotations

from analysis.text import clean, count_words, normalise_for_hash, sentences, words

SEED_WIDGET = "002_a8bfd68d7dd6c9ec.txt"
SEED_FOOTER = "003_b189d13f1f6dfd9b.txt"
SEED_BYLINE = "004_f745c9f727d97c84.txt"
SEED_TITLE = "001_2e5ddebd8ada44e3.txt"
SEED_PLAIN = "000_99aa82e7bf94305a.txt"


def kinds(cleaned):
    return [r.kind for r in cleaned.removed]


def test_widget_blank_run_and_signatures_removed_from_002(seed_raw):
    c = clean(seed_raw[SEED_WIDGET])
    assert [r.text for r in c.removed_of("widget")] == ["date 2024-04-07 + ↺ − 16 px"]
    assert [r.text for r in c.removed_of("signature")] == ["Sabina Alizade", "News.Az"]
    assert c.removed_of("blank"), "the run of ~50 blank lines must be recorded"
    assert "px" not in c.text and "\n\n\n" not in c.text
    assert c.text.startswith("Azerbaijan serves as the most reliable ally for Israel")
    assert c.text.endswith("from economy and security to cultural exchange and social diplomacy.")


def test_masthead_repeated_title_and_footer_removed_from_003(seed_raw):
    c = clean(seed_raw[SEED_FOOTER])
    assert kinds(c)[:3] == ["masthead", "title", "repeated-title"]
    assert c.removed_of("footer")[0].text == "SIMILAR ARTICLES"
    assert "SIMILAR ARTICLES" not in c.text
    assert "Politicon.co" not in c.text
    # the title is kept apart: it does not open the body
    assert not c.text.startswith("Azerbaijan-Israel relations")
    # section headings inside the body are the article's words and stay
    assert "\n\nDiplomatic relations\n\n" in c.text


def test_byline_kept_apart_from_body_in_004(seed_raw):
    c = clean(seed_raw[SEED_BYLINE])
    assert kinds(c) == ["title", "repeated-title", "byline"]
    assert c.removed_of("byline")[0].text.startswith("By Arye Gut, Israel-based expert")
    assert c.text.startswith("Israel-Azerbaijan partnership has evolved")


def test_single_title_line_removed_from_001_but_editorial_note_kept(seed_raw):
    c = clean(seed_raw[SEED_TITLE])
    assert kinds(c) == ["title"]
    assert c.text.startswith("The Jewish News Syndicate website published an interview")


def test_article_without_debris_keeps_every_word(seed_raw):
    raw = seed_raw[SEED_PLAIN]
    c = clean(raw)
    assert c.removed == []
    assert words(c.text) == words(raw)


def test_cleaning_never_changes_words_only_removes_lines(seed_raw):
    for name, raw in seed_raw.items():
        c = clean(raw)
        removed_words = sum(count_words(r.text) for r in c.removed)
        assert count_words(c.text) + removed_words == count_words(raw), name


def test_offsets_map_back_to_raw_text(seed_raw):
    for name, raw in seed_raw.items():
        c = clean(raw)
        norm = raw.replace("\u00a0", " ")
        for s in sentences(c.text):
            a, b = c.to_raw(s.start), c.to_raw(s.end)
            assert norm[a:b] == s.text, (name, s.index)


def test_sentence_offsets_slice_back_to_sentence_text(seed_raw):
    for raw in seed_raw.values():
        text = clean(raw).text
        sents = sentences(text)
        assert sents and [s.index for s in sents] == list(range(len(sents)))
        for s in sents:
            assert text[s.start:s.end] == s.text


def test_abbreviations_do_not_split_sentences():
    # Written for this test.
    text = "“No country is closer,” said Prof. Gut on Sept. 11 in the U.S. capital. He left. Dr. Ruiz stayed."
    got = [s.text for s in sentences(text)]
    assert got == ["“No country is closer,” said Prof. Gut on Sept. 11 in the U.S. capital.", "He left.",
                   "Dr. Ruiz stayed."]


def test_paragraph_break_always_splits_and_headings_stand_alone():
    text = "Historic ties\n\nIsrael was one of the first countries to recognise it."
    assert [s.text for s in sentences(text)] == ["Historic ties",
                                                 "Israel was one of the first countries to recognise it."]


def test_words_keep_hyphens_apostrophes_and_numbers():
    assert words("Azerbaijan’s peace-loving 2,600 years, 30%") == ["Azerbaijan’s", "peace-loving", "2,600",
                                                                   "years", "30%"]


def test_normalise_for_hash_ignores_case_quotes_and_spacing():
    assert normalise_for_hash("He said “Yes”.\n\n  Fine") == normalise_for_hash('he said "yes". fine')


def test_hard_wrapped_paragraph_is_not_split_into_sentences():
    # Written for this test: a paragraph wrapped at a fixed width, as in e-mailed or PDF-copied text.
    raw = "Officials met on Monday to discuss the long\nrunning dispute over the border.\n\nThe talks went on."
    c = clean(raw)
    assert c.text == "Officials met on Monday to discuss the long\nrunning dispute over the border.\n\nThe talks went on."
    assert [s.text for s in sentences(c.text)] == [
        "Officials met on Monday to discuss the long\nrunning dispute over the border.", "The talks went on."]


def test_crlf_and_cr_line_endings(seed_raw):
    lf = seed_raw["004_f745c9f727d97c84.txt"]
    for eol in ("\r\n", "\r"):
        raw = lf.replace("\n", eol)
        c = clean(raw)
        assert c.text == clean(lf).text
        assert [r.kind for r in c.removed if r.kind != "blank"] == ["title", "repeated-title", "byline"]
        for s in sentences(c.text)[:20]:
            a, b = c.to_raw(s.start), c.to_raw(s.end)
            assert raw[a:b].replace(eol, "\n") == s.text


def test_paragraphs_and_voice_live_in_text():
    from analysis.text import paragraphs, voice

    t = "First paragraph.\nwrapped on.\n\n  \n\nSecond one."
    assert [t[a:b] for a, b in paragraphs(t)] == ["First paragraph.\nwrapped on.", "Second one."]
    spans = [(10, 20)]
    assert voice(10, 18, spans) == "quoted" and voice(0, 18, spans) == "author"
    assert voice(12, 12, spans) == "quoted" and voice(25, 25, spans) == "author"
    from analysis import sources
    assert sources.voice is voice  # the old import path keeps working
