"""Importing articles: every accepted format and every kind of bad input, on files written for the tests."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from analysis.corpus import load_corpus, text_id
from analysis.errors import DuplicateArticleError, InputError
from analysis.importers import add_articles, read_inputs

FIX = Path(__file__).parent / "fixtures" / "articles"


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file()} if folder.exists() else {}


def test_plain_text_import_reads_title_and_byline(tmp_path):
    ids = add_articles([FIX / "council.txt"], corpus_dir=tmp_path)
    art = load_corpus(tmp_path)[ids[0]]
    assert art.raw == (FIX / "council.txt").read_text(encoding="utf-8")
    assert art.fields["title"].value == "City Council Approves Riverside Park Budget"
    assert art.fields["title"].status == "stated"
    assert art.fields["author"].value == "Jane Porter"
    assert art.fields["language"].value == "en" and art.fields["language"].status == "inferred"
    assert art.fields["source"].value == "council.txt"
    assert art.fields["published"].status == "unknown" and art.fields["published"].value is None
    # the headline is analysed: it opens the text as its own paragraph, and the byline is removed
    assert art.text.startswith("City Council Approves Riverside Park Budget\n\nThe city council voted 7 to 2")
    assert art.headline_end == len("City Council Approves Riverside Park Budget")


def test_same_text_same_id(tmp_path):
    (c1,) = read_inputs(FIX / "council.txt")
    copy = tmp_path / "renamed.txt"
    copy.write_bytes((FIX / "council.txt").read_bytes())
    (c2,) = read_inputs(copy)
    assert c1.id == c2.id == text_id((FIX / "council.txt").read_text(encoding="utf-8"))


def test_html_page_is_extracted_with_metadata(tmp_path):
    (aid,) = add_articles([FIX / "page.html"], corpus_dir=tmp_path)
    art = load_corpus(tmp_path)[aid]
    assert "stay open until midnight on weekdays" in art.text
    assert "Subscribe to our newsletter" not in art.text and "Sport" not in art.text
    assert art.fields["author"].value == "Sam Okafor"
    assert art.fields["published"].value == "2025-03-14"
    assert art.fields["outlet"].value == "Harbor Gazette"
    assert art.fields["title"].status == "stated"
    assert (tmp_path / "articles" / f"{aid}.html").read_bytes() == (FIX / "page.html").read_bytes()


def test_csv_rows_with_user_ids_and_supplied_metadata(tmp_path):
    ids = add_articles([FIX / "batch.csv"], corpus_dir=tmp_path)
    corpus = load_corpus(tmp_path)
    assert ids[0] == "ferry-1" and len(ids) == 2
    ferry = corpus["ferry-1"]
    assert ferry.fields["outlet"].value == "Island Post" and ferry.fields["outlet"].status == "supplied"
    assert ferry.fields["published"].value == "2025-06-02"
    bakery = corpus[ids[1]]
    assert bakery.id == text_id(bakery.raw) and bakery.fields["published"].value == "2025-06"
    assert bakery.fields["source"].value == "batch.csv#3"


def test_jsonl_rows(tmp_path):
    (aid,) = add_articles([FIX / "batch.jsonl"], corpus_dir=tmp_path)
    art = load_corpus(tmp_path)[aid]
    assert art.fields["title"].value == "Bridge Inspection Finds Minor Cracks"
    assert art.fields["published"].value == "2024"


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"   \n\n  \n", "file is empty"),
    ("binary.txt", bytes(range(256)) * 4, "binary file"),
    ("latin1.txt", "Le café est très réputé dans la région, à côté de la rivière.".encode("latin-1"), "not UTF-8"),
    ("short.txt", b"Too short to be an article.", "only 6 words"),
    ("table.csv", b"headline,notes\nA,B\n", r"needs a .text. column.*columns found: headline, notes"),
    ("broken.jsonl", b'{"text": "unterminated\n', "malformed JSON"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "binary file"),
    ("notes.docx", b"PK some zip bytes here but long enough to not be empty", "unsupported file type"),
])
def test_bad_input_is_refused_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as exc:
        add_articles([path], corpus_dir=tmp_path / "corpus")
    assert name in str(exc.value)
    assert not (tmp_path / "corpus" / "articles").exists() or not any((tmp_path / "corpus" / "articles").iterdir())


def test_html_fragment_saved_as_text_is_refused(tmp_path):
    with pytest.raises(InputError, match="looks like HTML") as exc:
        add_articles([FIX / "fragment.txt"], corpus_dir=tmp_path)
    assert "fragment.txt" in str(exc.value)


def test_non_english_text_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"not English \(detected 'fr'") as exc:
        add_articles([FIX / "french.txt"], corpus_dir=tmp_path)
    assert "french.txt" in str(exc.value)


def test_duplicate_is_refused_and_nothing_is_overwritten(tmp_path):
    add_articles([FIX / "council.txt"], corpus_dir=tmp_path)
    before = snapshot(tmp_path)
    dup = tmp_path / "again.txt"
    # same article with different debris: an extra footer line and blank lines
    dup.write_text((FIX / "council.txt").read_text(encoding="utf-8") + "\n\n\n\nSIMILAR ARTICLES\n", encoding="utf-8")
    with pytest.raises(DuplicateArticleError, match="duplicate of article") as exc:
        add_articles([dup], corpus_dir=tmp_path)
    assert "again.txt" in str(exc.value)
    dup.unlink()
    assert snapshot(tmp_path) == before


def test_duplicate_within_one_batch_is_refused(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes((FIX / "council.txt").read_bytes())
    with pytest.raises(DuplicateArticleError):
        add_articles([FIX / "council.txt", copy], corpus_dir=tmp_path / "c")


def test_batch_is_all_or_nothing_unless_skip_invalid(tmp_path):
    corpus_dir = tmp_path / "c"
    with pytest.raises(InputError):
        add_articles([FIX / "council.txt", FIX / "french.txt"], corpus_dir=corpus_dir)
    assert not (corpus_dir / "articles").exists() or not list((corpus_dir / "articles").iterdir())
    ids = add_articles([FIX / "council.txt", FIX / "french.txt"], corpus_dir=corpus_dir, skip_invalid=True)
    assert len(ids) == 1 and len(load_corpus(corpus_dir)) == 1


def test_seed_import_into_a_new_corpus_matches_the_bundled_ids(tmp_path, seeds_dir, corpus):
    ids = add_articles(sorted(seeds_dir.glob("*.txt")), corpus_dir=tmp_path)
    assert sorted(ids) == sorted(corpus.ids)
    # and the seeds themselves are untouched (read-only input)
    for p in seeds_dir.glob("*.txt"):
        assert text_id(p.read_text(encoding="utf-8")) in ids


def test_metadata_yaml_is_written_with_provenance(tmp_path):
    (aid,) = add_articles([FIX / "council.txt"], corpus_dir=tmp_path, supplied={"genre": "news"})
    import yaml

    doc = yaml.safe_load((tmp_path / "articles" / f"{aid}.yaml").read_text(encoding="utf-8"))
    assert doc["fields"]["genre"] == {"value": "news", "status": "supplied", "evidence": "given with the import"}
    assert doc["sha256"] == hashlib.sha256((FIX / "council.txt").read_bytes()).hexdigest()
    json.dumps(doc)  # plain data only


# ---- per-row validation, rejects, streaming (issue 9) ------------------------------------------------------
# Rows below are written for these tests (invented events, CC0 like the fixtures).

GOOD = ("The harbour authority said on Monday that the new pier would open in June, two months later than "
        "planned, because storms had delayed the delivery of steel beams from the mainland.")
GOOD2 = ("Volunteers cleared more than two tonnes of plastic from the northern beaches over the weekend, the "
         "organisers said, and they plan a second clean-up before the summer season begins.")
GOOD3 = ("The county library will lend laptops to students from next week, officials said, after a survey found "
         "that one in five households in the district had no computer at home.")


def _jsonl(path: Path, rows) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def test_one_bad_row_aborts_the_batch_naming_file_and_row(tmp_path):
    src = _jsonl(tmp_path / "export.jsonl", [{"text": GOOD}, {"text": "Le chat est sur la table et il dort tranquillement "
                                                                   "depuis ce matin sans bouger du tout, comme toujours."},
                                             {"text": GOOD2}])
    with pytest.raises(InputError, match=r"export\.jsonl:2: text is not English"):
        add_articles([src], corpus_dir=tmp_path / "c", min_words=1)
    assert not (tmp_path / "c").exists(), "a failed import leaves no debris"


def test_skip_invalid_imports_every_good_row_and_lists_rejects(tmp_path):
    corpus_dir = tmp_path / "c"
    src = _jsonl(tmp_path / "export.jsonl", [
        {"text": GOOD, "date": "4/21/18"},
        "{not json at all",
        {"text": 42},
        {"text": "Too short to count."},
        {"text": GOOD2},
        {"text": GOOD},  # duplicate of row 1
        {"text": GOOD3},
    ])
    res = add_articles([src], corpus_dir=corpus_dir, skip_invalid=True)
    assert len(res) == 3 and len(load_corpus(corpus_dir)) == 3
    assert [(r.row, r.kind) for r in res.rejected] == [("2", "rejected"), ("3", "rejected"), ("4", "rejected")]
    assert "malformed JSON" in res.rejected[0].reason
    assert "must be text, got a number" in res.rejected[1].reason
    assert "only 4 words" in res.rejected[2].reason
    assert [(r.row, r.kind) for r in res.duplicates] == [("6", "duplicate")]
    assert res.summary(corpus_dir).startswith("added 3 article(s), 1 duplicate(s), 3 rejected")
    # the rejects file sits beside articles/, never inside it, and lists every refused row with its reason
    assert res.rejects_file.parent == corpus_dir / "rejects"
    import csv as _csv
    rows = list(_csv.DictReader(open(res.rejects_file, encoding="utf-8")))
    assert [r["row"] for r in rows] == ["2", "3", "4", "6"]
    assert all(r["file"].endswith("export.jsonl") and r["reason"] for r in rows)
    assert not list((corpus_dir / "articles").glob("*.csv"))
    # the odd date was read, not refused
    first = load_corpus(corpus_dir)[res[0]]
    assert first.fields["published"].value == "2018-04-21"
    assert "'4/21/18'" in first.fields["published"].evidence


def test_cli_add_prints_rejects_and_the_summary(tmp_path, capsys):
    from analysis.cli import main

    src = _jsonl(tmp_path / "e.jsonl", [{"text": GOOD}, "[1, 2", {"text": GOOD2}])
    assert main(["add", str(src), "--corpus", str(tmp_path / "c"), "--skip-invalid"]) == 0
    err = capsys.readouterr().err
    assert "e.jsonl:2: malformed JSON" in err
    assert "added 2 article(s), 0 duplicate(s), 1 rejected" in err and "rejects" in err


def test_unreadable_date_keeps_the_article_with_the_value_as_evidence(tmp_path):
    src = _jsonl(tmp_path / "e.jsonl", [{"text": GOOD, "published": "sometime last spring"}])
    (aid,) = add_articles([src], corpus_dir=tmp_path / "c")
    f = load_corpus(tmp_path / "c")[aid].fields["published"]
    assert f.value is None and f.status == "unknown" and "sometime last spring" in f.evidence


@pytest.mark.parametrize("value, iso, flag", [
    ("2018-04-21", "2018-04-21", ""),
    ("4/21/18", "2018-04-21", "two-digit year"),
    ("April 21, 2018", "2018-04-21", "dateutil"),
    ("21 Apr 2018 14:03 GMT", "2018-04-21", "own time zone"),
    ("Sat, 21 Apr 2018 14:03:00 +0000", "2018-04-21", "RFC 2822"),
    ("1524319380", "2018-04-21", "epoch seconds"),  # 2018-04-21T14:03:00Z, computed by hand from 17642 days
    ("03/04/18", "2018-03-04", "AMBIGUOUS"),
])
def test_dates_as_people_write_them_are_stored_as_iso(tmp_path, value, iso, flag):
    src = _jsonl(tmp_path / "e.jsonl", [{"text": GOOD, "date": value}])
    (aid,) = add_articles([src], corpus_dir=tmp_path / "c")
    art = load_corpus(tmp_path / "c")[aid]
    assert art.fields["published"].value == iso and art.fields["published"].status == "supplied"
    assert flag in art.fields["published"].evidence
    if value != iso:
        assert art.extra["dates"]["published"]["original"] == value


def test_day_first_reads_ambiguous_dates_the_other_way(tmp_path):
    src = _jsonl(tmp_path / "e.jsonl", [{"text": GOOD, "date": "03/04/18"}])
    (aid,) = add_articles([src], corpus_dir=tmp_path / "c", day_first=True)
    assert load_corpus(tmp_path / "c")[aid].fields["published"].value == "2018-04-03"


# ---- column mapping ---------------------------------------------------------------------------------------

def test_common_export_names_are_recognised(tmp_path):
    src = tmp_path / "mc.csv"
    src.write_text("stories_id,media_name,publish_date,headline,authors,link,content\n"
                   f'17,Harbour Times,2018-04-21 14:03:00,Pier Delayed,Ann Lee,https://ht.example/1,"{GOOD}"\n',
                   encoding="utf-8")
    (aid,) = add_articles([src], corpus_dir=tmp_path / "c")
    art = load_corpus(tmp_path / "c")[aid]
    assert art.meta["outlet"] == "Harbour Times" and art.meta["published"] == "2018-04-21"
    assert art.meta["title"] == "Pier Delayed" and art.meta["author"] == "Ann Lee"
    assert art.meta["url"] == "https://ht.example/1" and art.text.startswith("Pier Delayed\n\nThe harbour")


def test_explicit_map_and_mapping_file(tmp_path):
    src = _jsonl(tmp_path / "e.jsonl", [{"story": GOOD, "when": "April 21, 2018", "paper": "Bay News",
                                         "people": ["Ann Lee", "Bo Chan"]}])
    (aid,) = add_articles([src], corpus_dir=tmp_path / "c",
                          mapping={"text": "story", "published": "when", "outlet": "paper", "author": "people"})
    art = load_corpus(tmp_path / "c")[aid]
    assert (art.meta["outlet"], art.meta["published"], art.meta["author"]) == ("Bay News", "2018-04-21",
                                                                               "Ann Lee; Bo Chan")
    from analysis.importers import load_mapping

    mf = tmp_path / "map.yaml"
    mf.write_text("text: story\npublished: when\n", encoding="utf-8")
    assert load_mapping(mf) == {"text": "story", "published": "when"}


def test_missing_or_ambiguous_text_column_lists_the_columns(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text("headline,summary\nA,B\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.csv: needs a 'text' column.*columns found: headline, summary"):
        add_articles([src], corpus_dir=tmp_path / "c")
    both = tmp_path / "y.csv"
    both.write_text(f'content,body\n"{GOOD}","{GOOD2}"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"could each be the text; choose one with --map text=COLUMN"):
        add_articles([both], corpus_dir=tmp_path / "c")


# ---- short texts ------------------------------------------------------------------------------------------

TRUMP = ('"We have one beautiful law," Trump recently said in his characteristically bizarre syntax and '
         'diction, repeating the word "beautiful."')  # the news sentence quoted in issue 9


def test_min_words_one_accepts_sentences_and_snippets(tmp_path):
    src = _jsonl(tmp_path / "s.jsonl", [{"text": TRUMP}, {"text": "Obama signs health bill"},
                                        {"text": "Too short to be an article."}])
    with pytest.raises(InputError, match=r"s\.jsonl:1: article text has only 19 words .*--min-words 1"):
        add_articles([src], corpus_dir=tmp_path / "c")
    res = add_articles([src], corpus_dir=tmp_path / "c", min_words=1)
    corpus = load_corpus(tmp_path / "c")
    trump = corpus[res[0]]
    assert trump.text == TRUMP and trump.words == 19 and trump.headline_end == 0
    assert trump.fields["language"].value == "en" and "low confidence" not in trump.fields["language"].evidence
    # py3langid calls this four-word headline Nigerian Pidgin (p=0.20): too short to refuse; language unknown
    snippet = corpus[res[1]]
    assert snippet.fields["language"].value is None and "too short" in snippet.fields["language"].evidence
    six = corpus[res[2]]  # English by py3langid (p=0.86) on 6 words: recorded, with its low confidence said
    assert six.fields["language"].value == "en" and "low confidence" in six.fields["language"].evidence


# ---- bad input (issue 9) ----------------------------------------------------------------------------------

def test_ten_megabyte_article_imports(tmp_path):
    big = tmp_path / "big.txt"
    n = 10_000_000 // (len(GOOD) + len(GOOD2) + 20) + 1  # numbered paragraphs: many distinct shingles
    big.write_text("Pier Opening Delayed Again\n" + "".join(f"{GOOD} This is report {i}. {GOOD2}\n\n"
                                                             for i in range(n)), encoding="utf-8")
    assert big.stat().st_size > 10_000_000
    (aid,) = add_articles([big], corpus_dir=tmp_path / "c")
    assert load_corpus(tmp_path / "c")[aid].raw == big.read_text(encoding="utf-8")


def test_csv_quoted_newline_bom_and_mixed_line_endings(tmp_path):
    src = tmp_path / "odd.csv"
    body = GOOD + "\n\n" + GOOD2
    src.write_bytes(b"\xef\xbb\xbftext,title\r\n" + f'"{body}",Pier News\n'.encode() +
                    f'"{GOOD3}",Laptops\r'.encode())
    res = add_articles([src], corpus_dir=tmp_path / "c")
    corpus = load_corpus(tmp_path / "c")
    assert len(res) == 2
    assert corpus[res[0]].raw == body and corpus[res[0]].meta["title"] == "Pier News"
    assert corpus[res[1]].meta["title"] == "Laptops"


def test_jsonl_bom_and_mixed_line_endings(tmp_path):
    src = tmp_path / "odd.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": GOOD}).encode() + b"\r\n" +
                    json.dumps({"text": GOOD2}).encode() + b"\r" + json.dumps({"text": GOOD3}).encode() + b"\n")
    assert len(add_articles([src], corpus_dir=tmp_path / "c")) == 3


def test_text_that_is_a_number_is_refused_naming_the_row(tmp_path):
    src = _jsonl(tmp_path / "n.jsonl", [{"text": GOOD}, {"text": 12345}])
    with pytest.raises(InputError, match=r"n\.jsonl:2: article text must be text, got a number"):
        add_articles([src], corpus_dir=tmp_path / "c")
    csv_src = tmp_path / "n.csv"
    csv_src.write_text(f'text\n"{GOOD}"\n12345\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"n\.csv:3: article text has only 1 words"):
        add_articles([csv_src], corpus_dir=tmp_path / "c")


def test_earlier_refusals_now_per_row(tmp_path):
    src = _jsonl(tmp_path / "r.jsonl", [
        {"text": ""},
        {"text": "<html><body><p>" + GOOD + "</p></body></html>"},
        {"text": "Le conseil municipal a voté mardi un budget de quatre millions pour le nouveau parc au bord "
                 "de la rivière, après des mois de débats animés entre les élus."},
        {"text": GOOD},
    ])
    res = add_articles([src], corpus_dir=tmp_path / "c", skip_invalid=True)
    assert len(res) == 1
    reasons = [r.reason for r in res.rejected]
    assert "empty" in reasons[0] and "looks like HTML" in reasons[1] and "not English" in reasons[2]


def test_non_utf8_row_is_rejected_alone(tmp_path):
    src = tmp_path / "l.jsonl"
    src.write_bytes(json.dumps({"text": GOOD}).encode() + b"\n" + '{"text": "caf\xe9"}'.encode("latin-1") + b"\n")
    res = add_articles([src], corpus_dir=tmp_path / "c", skip_invalid=True)
    assert len(res) == 1 and "not UTF-8" in res.rejected[0].reason and res.rejected[0].row == "2"


# ---- near duplicates ----------------------------------------------------------------------------------------
# An invented interview (written for this test) and a lightly edited reprint by a "second outlet": a new
# first sentence, a changed title word, two words cut - the pattern of the seed interview that Caliber.Az
# reprinted from JNS (seed 001's editorial note).
INTERVIEW = (
    "The mayor of Port Elling, Dana Ruiz, spoke to the Harbour Times about the new ferry contract.\n\n"
    "\"We negotiated for eleven months, and we got a price that the town can afford for the next decade,\" "
    "Ruiz said. She added that the contract requires the operator to keep the winter timetable and to replace "
    "the oldest vessel by the end of next year.\n\n"
    "Asked about the delays of last spring, the mayor said the council had learned that a single operator "
    "without penalties for cancelled crossings was a risk the islands could no longer take. The new contract, "
    "she said, sets a fine for every cancelled crossing that is not caused by the weather.\n\n"
    "Opposition councillors have criticised the length of the contract, arguing that ten years ties the town "
    "to one company for too long. Ruiz rejected that view and said a shorter contract would have cost more.")
REPRINT = (
    "Island Weekly republishes this interview with permission.\n\n" + INTERVIEW
    .replace("spoke to the Harbour Times about", "talked to the Harbour Times about")
    .replace("for the next decade", "for a decade")
    .replace(" and to replace the oldest vessel by the end of next year", " and replace the oldest vessel next year"))


def test_near_duplicate_is_flagged_with_score_and_link_then_dropped_on_request(tmp_path, caplog):
    a, b = tmp_path / "interview.txt", tmp_path / "reprint.txt"
    a.write_text(INTERVIEW, encoding="utf-8")
    b.write_text(REPRINT, encoding="utf-8")
    (first,) = add_articles([a], corpus_dir=tmp_path / "c")
    res = add_articles([b], corpus_dir=tmp_path / "c")
    assert len(res) == 1 and res.near_duplicates and res.near_duplicates[0][1] == first
    art = load_corpus(tmp_path / "c")[res[0]]
    nd = art.extra["near_duplicate"]
    assert nd["of"] == first and 0.5 <= nd["similarity"] < 1.0
    assert "near duplicate of article " + first in caplog.text
    # the store is kept beside the articles, not inside them
    assert (tmp_path / "c" / ".index" / "dedup.sqlite").is_file()
    assert not [p for p in (tmp_path / "c" / "articles").iterdir() if p.suffix not in (".txt", ".yaml")]
    # dropped on request (into a fresh corpus: the same two files in one batch)
    res2 = add_articles([a, b], corpus_dir=tmp_path / "d", drop_near_duplicates=True, skip_invalid=True)
    assert len(res2) == 1 and res2.duplicates[0].kind == "duplicate" and "near duplicate" in res2.duplicates[0].reason


def test_unrelated_articles_are_not_near_duplicates(tmp_path):
    src = _jsonl(tmp_path / "e.jsonl", [{"text": GOOD}, {"text": GOOD2}, {"text": GOOD3}, {"text": INTERVIEW}])
    res = add_articles([src], corpus_dir=tmp_path / "c")
    assert len(res) == 4 and res.near_duplicates == []


def test_duplicate_store_is_rebuilt_when_missing(tmp_path):
    (first,) = add_articles([FIX / "council.txt"], corpus_dir=tmp_path)
    import shutil as _sh
    _sh.rmtree(tmp_path / ".index")
    with pytest.raises(DuplicateArticleError, match=first):
        add_articles([FIX / "council.txt"], corpus_dir=tmp_path)


def test_similarity_estimate_is_close_to_the_exact_jaccard():
    from analysis.dedup import shingles, signature, similarity

    sa, sb = shingles(INTERVIEW), shingles(REPRINT)
    exact = len(sa & sb) / len(sa | sb)
    assert abs(similarity(signature(INTERVIEW), signature(REPRINT)) - exact) < 0.12  # 3 s.e. at 128 permutations


# ---- honest HTML metadata (issue 15) -----------------------------------------------------------------------
HTML = FIX / "html"


def _page(name, tmp_path):
    (aid,) = add_articles([HTML / name], corpus_dir=tmp_path / "c")
    return load_corpus(tmp_path / "c")[aid]


def test_json_ld_news_article(tmp_path):
    art = _page("jsonld.html", tmp_path)
    f = art.fields
    assert (f["title"].value, f["title"].evidence) == ("City Approves Tram Line to the Airport", "JSON-LD newsarticle headline")
    assert f["author"].value == "Ines Moreau; Tom Becker" and f["author"].status == "stated"
    # datePublished, not dateModified and not the footer's "© 2023"
    assert f["published"].value == "2024-05-02" and "datePublished" in f["published"].evidence
    assert f["outlet"].value == "Riverside Ledger" and f["url"].value == "https://ledger.example/tram-line"
    assert art.text.startswith("City Approves Tram Line to the Airport\n\n") and art.headline_end == 38


def test_open_graph_article_tags(tmp_path):
    f = _page("opengraph.html", tmp_path).fields
    assert f["published"].value == "2023-10-30" and "article:published_time" in f["published"].evidence
    assert f["title"].value == "Flood Defences Finished Ahead of Winter"
    assert f["outlet"].value == "Northern Star"
    assert f["author"].value == "Ruth Adeyemi"  # article:author is a profile URL: not a name
    assert f["url"].value == "https://northern-star.example/flood-defences"


def test_time_element_and_byline(tmp_path):
    f = _page("time-byline.html", tmp_path).fields
    assert f["published"].value == "2023-11-08" and f["published"].status == "stated"  # not the "updated" time
    assert f["author"].value == "Lena Park" and f["author"].evidence == "byline element in the page"


def test_copyright_year_is_never_a_publication_date(tmp_path):
    f = _page("copyright-only.html", tmp_path).fields
    assert f["published"].value is None and f["published"].status == "unknown"


def test_bare_time_in_article_is_only_inferred():
    from analysis.htmlmeta import page_metadata

    html = ('<html><body><article><h1>T</h1><time datetime="2022-02-01">1 Feb</time><p>x</p></article>'
            '<footer>© 2024</footer></body></html>')
    f = page_metadata(html)["published"]
    assert (f.value, f.status) == ("2022-02-01", "inferred")


# ---- mixed languages (issue 15) ----------------------------------------------------------------------------

def test_mixed_language_text_is_flagged_not_refused(tmp_path, caplog):
    french = (FIX / "french.txt").read_text(encoding="utf-8").strip()
    src = tmp_path / "mixed.txt"
    src.write_text(f"{GOOD}\n\n{french}\n\n{GOOD2}\n\n{GOOD3}\n", encoding="utf-8")
    (aid,) = add_articles([src], corpus_dir=tmp_path / "c")
    mixed = load_corpus(tmp_path / "c")[aid].extra["mixed_language"]
    assert mixed["paragraphs"] == [2] and list(mixed["languages"]) == ["fr"]
    assert "mixed-language text" in caplog.text


def test_french_paragraph_repeated_three_times_is_not_english(tmp_path):
    # issue 15: this used to fail as "article text has only 0 words" (all three lines taken for titles)
    french = (FIX / "french.txt").read_text(encoding="utf-8").strip()
    src = tmp_path / "fr3.txt"
    src.write_text("\n".join([french] * 3) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="not English"):
        add_articles([src], corpus_dir=tmp_path / "c")


def test_seed_articles_are_not_mixed_language(seeds_dir):
    from analysis.importers import mixed_languages
    from analysis.text import clean as _clean

    for p in sorted(seeds_dir.glob("*.txt")):
        assert mixed_languages(_clean(p.read_text(encoding="utf-8")).text) is None, p.name


# ---- per-outlet boilerplate (issue 15) ---------------------------------------------------------------------

def test_boilerplate_lines_of_an_outlet_are_learned_and_removed(tmp_path):
    # Written for this test: six articles of one outlet ending with the same newsletter footer (the pattern of
    # news sites' "Sign up for our newsletter" lines), and one article of another outlet with the same line.
    footer = "Sign up for the Harbour Times morning newsletter to get the news before breakfast."
    bodies = [GOOD, GOOD2, GOOD3, INTERVIEW.split("\n\n")[1], INTERVIEW.split("\n\n")[2], INTERVIEW.split("\n\n")[3]]
    rows = [{"text": f"{b}\n\n{footer}", "outlet": "Harbour Times"} for b in bodies]
    rows.append({"text": f"{GOOD.replace('pier', 'jetty')} Officials gave no new date.\n\n{footer}",
                 "outlet": "Bay News"})
    src = _jsonl(tmp_path / "b.jsonl", rows)
    res = add_articles([src], corpus_dir=tmp_path / "c", near_threshold=0.99)
    assert len(res) == 7
    import yaml as _yaml
    learned = _yaml.safe_load((tmp_path / "c" / "boilerplate.yaml").read_text(encoding="utf-8"))["outlets"]
    assert learned["Harbour Times"]["lines"] == [{"text": footer, "articles": 6}]
    assert "Bay News" not in learned  # one article: nothing learned
    corpus = load_corpus(tmp_path / "c")
    for aid in res[:6]:
        art = corpus[aid]
        assert footer not in art.text and [r.kind for r in art.cleaned.removed] == ["boilerplate"]
        assert art.raw[art.cleaned.removed[0].raw_start:art.cleaned.removed[0].raw_end] == footer
    assert footer in corpus[res[6]].text  # another outlet keeps it
    # the pipeline's cleaning audit records the removals
    from analysis.pipeline import build_tables
    cleaning = build_tables(corpus).cleaning
    assert (cleaning["kind"] == "boilerplate").sum() == 6
    # 'keep' stops the removal
    doc = _yaml.safe_load((tmp_path / "c" / "boilerplate.yaml").read_text(encoding="utf-8"))
    doc["outlets"]["Harbour Times"]["keep"] = [footer]
    (tmp_path / "c" / "boilerplate.yaml").write_text(_yaml.safe_dump(doc), encoding="utf-8")
    assert footer in load_corpus(tmp_path / "c")[res[0]].text


def test_import_flags_become_article_columns(tmp_path):
    a, b = tmp_path / "interview.txt", tmp_path / "reprint.txt"
    a.write_text(INTERVIEW, encoding="utf-8")
    b.write_text(REPRINT, encoding="utf-8")
    first, second = add_articles([a, b], corpus_dir=tmp_path / "c")
    from analysis.pipeline import build_tables

    arts = build_tables(load_corpus(tmp_path / "c")).articles.set_index("article_id")
    assert list(arts.columns[-3:]) == ["near_duplicate_of", "near_duplicate_similarity", "mixed_language"]
    assert arts.loc[second, "near_duplicate_of"] == first and arts.loc[second, "near_duplicate_similarity"] >= 0.5
    import pandas as pd
    assert pd.isna(arts.loc[first, "near_duplicate_of"]) and pd.isna(arts.loc[first, "mixed_language"])


def test_staging_left_by_a_killed_import_is_removed(tmp_path):
    # a SIGKILL/SIGTERM leaves no chance to clean up: the next import removes the dead process's staging folder
    import subprocess
    import sys as _sys

    dead = subprocess.run([_sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / "c" / f".import-{dead.stdout.strip()}-010203000000" / "articles"
    stale.mkdir(parents=True)
    (stale / "x.txt").write_text("half an import")
    add_articles([FIX / "council.txt"], corpus_dir=tmp_path / "c")
    assert not stale.parent.exists()


# ---- the fast paths of the importer give exactly what the libraries give (issue 8) -------------------------

def _texts_for_language_checks(seeds_dir=None) -> list[str]:
    """Real texts (the fixtures, the seeds' paragraphs when present) and the edge cases py3langid treats apart."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIX.glob("*.txt"))]
    if seeds_dir is not None:
        for p in sorted(seeds_dir.glob("*.txt")):
            texts += [x for x in p.read_text(encoding="utf-8").split("\n\n") if x.strip()]
    texts += [GOOD, GOOD2, GOOD3, INTERVIEW, REPRINT, GOOD.upper(),  # all capitals: py3langid lowercases them
              "", " ", "a", "e\u0301te\u0301 cafe\u0301",  # NFC composes these
              "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645", "\u65e5\u672c\u8a9e\u306e\u6587",
              "\udc80 a lone surrogate", "x" * 30000]
    return texts


def test_language_identification_equals_py3langid(seeds_dir):
    """Every (language, probability) is py3langid's own, for texts one at a time and many at once."""
    from analysis.importers.language import _identifier, classify_many

    texts = _texts_for_language_checks(seeds_dir)
    ident = _identifier()
    expected = [(str(lang), float(p)) for lang, p in (ident.classify(t) for t in texts)]
    assert classify_many(texts) == expected
    assert [classify_many([t])[0] for t in texts] == expected
    assert {lang for lang, _ in expected} >= {"en", "ar", "ja"}  # the check covers more than English


def test_language_walk_window_covers_the_model():
    """The window is at least the depth of the deepest state of py3langid's automaton (its longest feature
    prefix), so the state after every byte depends only on the bytes inside the window."""
    import numpy as np

    from analysis.importers.language import WINDOW, _walker

    w = _walker()
    seen = np.zeros(len(w.out), dtype=bool)
    seen[0] = True
    frontier, depth = np.array([0]), 0
    while True:
        nxt = w.nm[(w.rowbase[frontier][:, None] + np.arange(256)).ravel()]
        mark = np.zeros(len(w.out), dtype=bool)
        mark[nxt] = True
        mark &= ~seen
        if not mark.any():
            break
        seen |= mark
        frontier, depth = np.flatnonzero(mark), depth + 1
    assert seen.all() and depth <= WINDOW


def test_minhash_signature_equals_datasketch():
    datasketch = pytest.importorskip("datasketch")
    import numpy as np

    from analysis.dedup import shingles, signature

    if int(datasketch.__version__.split(".")[0]) < 2:
        pytest.skip("datasketch 2 (scheme affine32) is the reference")
    for text in [INTERVIEW, REPRINT, GOOD, "one two", "", " ".join(f"w{i}" for i in range(45000))]:
        m = datasketch.MinHash(num_perm=128, seed=1)
        sh = sorted(shingles(text))
        for i in range(0, len(sh), 20000):
            m.update_batch(sh[i:i + 20000])
        assert np.array_equal(signature(text), np.asarray(m.hashvalues).astype(np.uint32))


def test_worker_processes_write_the_same_corpus(tmp_path):
    """--jobs 2 writes byte for byte the corpus that one process writes, with the same refusals."""
    rows = [{"text": t, "source": "Ledger", "date": "3/4/24"} for t in (GOOD, GOOD2, GOOD3, INTERVIEW, REPRINT)]
    rows += [{"text": "Bonjour tout le monde, ceci est un texte en français qui parle de la ville et de son "
                      "port, des bateaux et des pêcheurs qui partent tôt le matin.", "source": "Ledger"},
             {"text": GOOD}]
    src = _jsonl(tmp_path / "rows.jsonl", rows * 20)  # 140 rows: several chunks for the workers
    one = add_articles([src, FIX / "council.txt"], corpus_dir=tmp_path / "one", skip_invalid=True)
    two = add_articles([src, FIX / "council.txt"], corpus_dir=tmp_path / "two", skip_invalid=True, jobs=2)
    assert list(one) == list(two) and len(one) == 6
    assert [r.reason for r in one.rejected + one.duplicates] == [r.reason for r in two.rejected + two.duplicates]
    assert one.near_duplicates == two.near_duplicates and one.near_duplicates
    assert snapshot(tmp_path / "one" / "articles") == snapshot(tmp_path / "two" / "articles")
