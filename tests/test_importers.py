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
    ("table.csv", b"headline,body\nA,B\n", "needs a 'text' column"),
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
