"""Importing exports as people have them: ';' CSV with a BOM, TSV, JSON documents, compressed files, folders,
and JSON values that are not text (lone surrogates, numbers, lists, objects).

The articles are the fixtures in tests/fixtures/articles (batch.csv, written for the tests) and short news
sentences written here; each format must give the same articles as the plain CSV does.
"""
from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
from pathlib import Path

import pytest

from analysis.corpus import load_corpus
from analysis.errors import InputError
from analysis.importers import add_articles, read_inputs

FIX = Path(__file__).parent / "fixtures" / "articles"

from test_importers import GOOD, GOOD2, GOOD3  # noqa: E402  the rows written for the import tests


def _batch_rows() -> list[dict]:
    with open(FIX / "batch.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _articles(corpus_dir: Path) -> list[tuple]:
    """What an import made of the batch, beside the source field: id, text, title, outlet, published."""
    corpus = load_corpus(corpus_dir)
    return sorted((a.id, a.raw, *(a.fields[f].value for f in ("title", "outlet", "published", "genre")))
                  for a in corpus)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> list[tuple]:
    out = tmp_path_factory.mktemp("ref")
    add_articles([FIX / "batch.csv"], corpus_dir=out / "c")
    return _articles(out / "c")


def _write_delimited(path: Path, delim: str, *, bom: bool = False) -> Path:
    buf = io.StringIO()
    rows = _batch_rows()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=delim, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8"))
    return path


@pytest.mark.parametrize("name, delim", [("excel-eu.csv", ";"), ("pipes.csv", "|"), ("tabs.csv", "\t"),
                                         ("export.tsv", "\t"), ("export.tab", "\t")])
def test_delimited_exports_give_the_same_articles_as_the_csv(tmp_path, reference, name, delim):
    src = _write_delimited(tmp_path / name, delim, bom=True)
    ids = add_articles([src], corpus_dir=tmp_path / "c")
    assert ids[0] == "ferry-1"
    assert _articles(tmp_path / "c") == reference
    assert load_corpus(tmp_path / "c")[ids[1]].fields["source"].value == f"{name}#3"


def test_semicolon_csv_with_a_bom_and_capitalised_columns(tmp_path):
    # as Excel saves a sheet in a European locale: BOM, ';', capitalised headers, a ';' inside a quoted text
    text = GOOD.replace(", two months", "; two months")
    src = tmp_path / "sheet.csv"
    src.write_bytes(b"\xef\xbb\xbf" + f'Title;Body;Date;Source\r\nPier Delayed;"{text}";21.04.2018;Harbour News\r\n'
                    .encode("utf-8"))
    (cand,) = read_inputs(src)
    assert cand.text == text
    assert cand.fields["title"].value == "Pier Delayed"
    assert cand.fields["outlet"].value == "Harbour News"
    assert cand.fields["published"].value == "2018-04-21"


def test_a_comma_header_stays_comma_delimited_even_with_semicolons_in_the_text(tmp_path):
    src = tmp_path / "a.csv"
    src.write_text(f'title,text\n"Pier; delayed",{GOOD.replace(",", ";")}\n', encoding="utf-8")
    (cand,) = read_inputs(src)
    assert cand.fields["title"].value == "Pier; delayed" and cand.text == GOOD.replace(",", ";")


@pytest.mark.parametrize("column", ["Body", "body", "CONTENT", "article_text", "Full Text", "story_text",
                                    "full-text"])
def test_common_text_column_names_are_recognised_in_any_case(tmp_path, column):
    src = tmp_path / "a.csv"
    src.write_text(f'headline,"{column}"\nPier Delayed,"{GOOD}"\n', encoding="utf-8")
    (cand,) = read_inputs(src)
    assert cand.text == GOOD and cand.fields["title"].value == "Pier Delayed"


def _json_rows() -> list[dict]:
    return [{k: v for k, v in r.items() if v} for r in _batch_rows()]


@pytest.mark.parametrize("shape", ["array", "wrapped", "pretty"])
def test_json_documents_give_the_same_articles_as_the_csv(tmp_path, reference, shape):
    rows = _json_rows()
    doc = {"status": "ok", "count": 2, "articles": rows} if shape == "wrapped" else rows
    src = tmp_path / "export.json"
    src.write_text(json.dumps(doc, indent=2 if shape == "pretty" else None), encoding="utf-8")
    ids = add_articles([src], corpus_dir=tmp_path / "c")
    assert _articles(tmp_path / "c") == reference
    assert load_corpus(tmp_path / "c")[ids[1]].fields["source"].value == "export.json#2"


def test_json_lines_saved_as_json_are_read_as_json_lines(tmp_path, reference):
    src = tmp_path / "items.json"
    src.write_text("".join(json.dumps(r) + "\n" for r in _json_rows()), encoding="utf-8")
    ids = add_articles([src], corpus_dir=tmp_path / "c")
    assert _articles(tmp_path / "c") == reference
    assert load_corpus(tmp_path / "c")[ids[1]].fields["source"].value == "items.json#2"


def test_one_json_object_is_one_article(tmp_path):
    src = tmp_path / "one.json"
    src.write_text(json.dumps({"headline": "Pier Delayed", "body": GOOD}, indent=2), encoding="utf-8")
    (cand,) = read_inputs(src)
    assert cand.text == GOOD and cand.fields["title"].value == "Pier Delayed"


def test_json_array_is_streamed_across_read_chunks(tmp_path, monkeypatch):
    from analysis.importers import streams

    monkeypatch.setattr(streams, "_CHUNK", 7)  # every element and separator straddles a chunk boundary
    src = tmp_path / "a.json"
    src.write_text(json.dumps([{"text": GOOD, "published": 1524300000}, {"text": GOOD2}, {"text": GOOD3}],
                              indent=1), encoding="utf-8")
    cands = read_inputs(src)
    assert [c.text for c in cands] == [GOOD, GOOD2, GOOD3]
    assert cands[0].fields["published"].value == "2018-04-21"


def test_json_rows_are_validated_one_by_one_with_their_position(tmp_path):
    src = tmp_path / "scrape.json"
    src.write_text(json.dumps({"articles": [{"text": GOOD}, {"text": 42}, {"text": GOOD2}, {"title": "No text"}]}),
                   encoding="utf-8")
    with pytest.raises(InputError, match=r"scrape\.json:2: article text must be text, got a number"):
        add_articles([src], corpus_dir=tmp_path / "c")
    assert not (tmp_path / "c").exists()
    res = add_articles([src], corpus_dir=tmp_path / "c", skip_invalid=True)
    assert len(res) == 2
    assert [(r.row, r.reason.split(" (")[0]) for r in res.rejected] == [
        ("2", "article text must be text, got a number"), ("4", "needs a 'text' column")]


@pytest.mark.parametrize("content, message", [
    ('"just a string"', "must hold an array of objects"),
    ('{"a": [{"text": "x"}], "b": [{"text": "y"}]}', r"holds 2 lists of objects \('a', 'b'\)"),
    ('[{"text": "x"} {"text": "y"}]', r"a\.json:1: malformed JSON after element 1"),
    ('[{"text": "x"}, {"text": ', r"a\.json:2: malformed JSON in element 2"),
    ('[{"text": "x"}] trailing', "extra data after the array"),
    ('{"text": "x"} [1]', "extra data after the object"),
    ('{"text": "x", ', r"malformed JSON document"),
    ("[]", "no articles in this file"),
])
def test_malformed_json_documents_are_refused_naming_the_element(tmp_path, content, message):
    src = tmp_path / "a.json"
    src.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_inputs(src, min_words=1)


def test_json_object_over_the_size_limit_is_refused_with_a_hint(tmp_path, monkeypatch):
    from analysis.importers import streams

    monkeypatch.setattr(streams, "JSON_OBJECT_LIMIT", 100)
    monkeypatch.setattr(streams, "_CHUNK", 16)
    src = tmp_path / "big.json"
    src.write_text(json.dumps({"articles": [{"text": GOOD}]}), encoding="utf-8")
    with pytest.raises(InputError, match=r"larger than 100 characters.*top-level array or as JSON Lines"):
        read_inputs(src)
    src.write_text(json.dumps([{"text": GOOD}]), encoding="utf-8")  # an array is streamed: no limit
    assert [c.text for c in read_inputs(src)] == [GOOD]


@pytest.mark.parametrize("compress, suffix", [(gzip.compress, ".gz"), (bz2.compress, ".bz2"),
                                              (lzma.compress, ".xz")])
def test_compressed_exports_give_the_same_articles(tmp_path, reference, compress, suffix):
    plain = tmp_path / "plain"
    plain.mkdir()
    files = [_write_delimited(plain / "export.csv", ","), _write_delimited(plain / "export.tsv", "\t")]
    (plain / "export.json").write_text(json.dumps(_json_rows()), encoding="utf-8")
    (plain / "export.jsonl").write_text("".join(json.dumps(r) + "\n" for r in _json_rows()), encoding="utf-8")
    files += [plain / "export.json", plain / "export.jsonl"]
    for f in files:
        packed = tmp_path / (f.name + suffix)
        packed.write_bytes(compress(f.read_bytes()))
        ids = add_articles([packed], corpus_dir=tmp_path / f.name)
        assert _articles(tmp_path / f.name) == reference, packed.name
        # the provenance names the file that was given, compressed
        assert load_corpus(tmp_path / f.name)[ids[1]].fields["source"].value == f"{packed.name}#" + (
            "3" if f.suffix in (".csv", ".tsv") else "2")


def test_compressed_text_file_keeps_its_bytes(tmp_path):
    src = tmp_path / "council.txt.gz"
    src.write_bytes(gzip.compress((FIX / "council.txt").read_bytes()))
    (aid,) = add_articles([src], corpus_dir=tmp_path / "c")
    art = load_corpus(tmp_path / "c")[aid]
    assert (tmp_path / "c" / "articles" / f"{aid}.txt").read_bytes() == (FIX / "council.txt").read_bytes()
    assert art.fields["source"].value == "council.txt.gz"
    assert art.fields["title"].value == "City Council Approves Riverside Park Budget"


@pytest.mark.parametrize("name, content, message", [
    ("bad.csv.gz", b"this is not gzip data at all, just text", "cannot decompress this .gz file"),
    ("cut.jsonl.gz", gzip.compress(b'{"text": "x"}\n' * 50)[:-20], "cannot decompress this .gz file"),
    ("bin.csv.gz", gzip.compress(bytes(range(256)) * 4), "binary file"),
    ("empty.jsonl.gz", gzip.compress(b""), "file is empty"),
    ("unicode.txt", "\ufeffheadline\ttext\nPier\tThe pier opens in June.\n".encode("utf-16-le"), "text is UTF-16"),
    ("sheet.tsv.gz", gzip.compress("\ufeffheadline\ttext\n".encode("utf-16-be")), "text is UTF-16"),
])
def test_damaged_compressed_and_utf16_files_are_refused_naming_the_file(tmp_path, name, content, message):
    src = tmp_path / name
    src.write_bytes(content)
    with pytest.raises(InputError, match=message) as exc:
        add_articles([src], corpus_dir=tmp_path / "c", min_words=1)
    assert name in str(exc.value)


def test_a_folder_imports_every_supported_file_inside_it_in_sorted_order(tmp_path, caplog):
    scrape = tmp_path / "my-scrape"
    (scrape / "2024" / "june").mkdir(parents=True)
    (scrape / ".cache").mkdir()
    (scrape / "b.txt").write_text(GOOD + "\n", encoding="utf-8")
    (scrape / "2024" / "a.jsonl.gz").write_bytes(gzip.compress((json.dumps({"text": GOOD2}) + "\n").encode()))
    (scrape / "2024" / "june" / "c.json").write_text(json.dumps([{"text": GOOD3}]), encoding="utf-8")
    (scrape / ".cache" / "d.txt").write_text("hidden " * 30, encoding="utf-8")
    (scrape / ".hidden.txt").write_text("hidden " * 30, encoding="utf-8")
    (scrape / "notes.docx").write_bytes(b"PK\x03\x04 not imported")
    (scrape / "README").write_text("how the scrape was made", encoding="utf-8")
    with caplog.at_level("WARNING"):
        ids = add_articles([scrape], corpus_dir=tmp_path / "c")
    corpus = load_corpus(tmp_path / "c")
    assert [corpus[i].raw.strip() for i in ids] == [GOOD2, GOOD3, GOOD]  # 2024/a, 2024/june/c, b
    assert [corpus[i].fields["source"].value for i in ids] == ["a.jsonl.gz#1", "c.json#1", "b.txt"]
    assert "skipped 2 file(s) of unsupported types" in caplog.text


def test_a_folder_without_supported_files_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.docx").write_bytes(b"PK")
    with pytest.raises(InputError, match=r"empty: folder holds no file to import"):
        add_articles([tmp_path / "empty"], corpus_dir=tmp_path / "c")


def test_cli_add_takes_a_folder(tmp_path, capsys):
    from analysis.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD + "\n", encoding="utf-8")
    (tmp_path / "in" / "b.tsv").write_text(f"headline\tcontent\nLibrary Laptops\t{GOOD3}\n", encoding="utf-8")
    assert main(["add", str(tmp_path / "in"), "--corpus", str(tmp_path / "c")]) == 0
    assert "added 2 article(s)" in capsys.readouterr().err


def test_lone_surrogate_is_a_row_error_naming_field_and_offset(tmp_path):
    # "\ud800" is valid JSON but not Unicode text: it cannot be written as UTF-8
    src = tmp_path / "export.jsonl"
    bad_text = json.dumps({"text": GOOD + " \ud800 " + GOOD2})
    bad_title = json.dumps({"text": GOOD3, "title": "Laptops \udfff"})
    src.write_text("\n".join([json.dumps({"text": GOOD}), bad_text, bad_title]) + "\n", encoding="ascii")
    with pytest.raises(InputError, match=rf"export\.jsonl:2: text holds an invalid character "
                                         rf"\(lone surrogate U\+D800 at offset {len(GOOD) + 1}\)"):
        add_articles([src], corpus_dir=tmp_path / "c")
    res = add_articles([src], corpus_dir=tmp_path / "c", skip_invalid=True)
    assert len(res) == 1
    assert [(r.row, r.reason.split(" (")[0]) for r in res.rejected] == [
        ("2", "text holds an invalid character"), ("3", "title holds an invalid character")]
    rows = list(csv.DictReader(open(res.rejects_file, encoding="utf-8")))
    assert [r["row"] for r in rows] == ["2", "3"] and "U+DFFF" in rows[1]["reason"]


def test_lone_surrogate_in_a_json_array_and_in_a_nested_author_list(tmp_path):
    src = tmp_path / "a.json"
    src.write_text(json.dumps([{"text": GOOD, "authors": [{"name": "Ann \ud83d"}]}, {"text": GOOD2}]),
                   encoding="utf-8")
    res = add_articles([src], corpus_dir=tmp_path / "c", skip_invalid=True)
    assert len(res) == 1 and res.rejected[0].row == "1"
    assert res.rejected[0].reason.startswith("author holds an invalid character (lone surrogate U+D83D")


def test_lone_surrogate_in_a_supplied_option_is_refused(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(GOOD + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"--outlet: holds an invalid character \(U\+DCE9"):
        add_articles([src], corpus_dir=tmp_path / "c", supplied={"outlet": "Caf\udce9 Times"})


def test_json_values_that_are_not_text(tmp_path):
    src = tmp_path / "a.jsonl"
    rows = [
        {"text": GOOD, "title": 2024, "published": 1524300000, "authors": ["Ann Lee", "Bo Chen"],
         "url": {"href": "x"}, "outlet": {"name": "Harbour News"}},
        {"text": ["a", "list"]},
        {"text": {"body": GOOD2}},
        {"text": None},
        {"text": GOOD3, "published": ["2018-04-21"], "title": None, "id": 17},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = add_articles([src], corpus_dir=tmp_path / "c", skip_invalid=True)
    corpus = load_corpus(tmp_path / "c")
    first, last = corpus[res[0]], corpus[res[1]]
    assert first.fields["title"].value == "2024"
    assert first.fields["published"].value == "2018-04-21"
    assert first.fields["author"].value == "Ann Lee; Bo Chen"
    assert first.fields["outlet"].value == "Harbour News"
    assert first.fields["url"].status == "unknown"
    assert last.id == "17" and last.fields["published"].value == "2018-04-21"  # a list of one date: the date
    assert [(r.row, r.reason) for r in res.rejected] == [
        ("2", "article text must be text, got a list (\"['a', 'list']\")"),
        ("3", "article text must be text, got a dict (\"{'body': 'Volunteers cleared more than t\")"),
        ("4", "no text (the 'text' value is empty)")]


def test_file_name_that_is_not_utf8_is_refused_naming_it_escaped(tmp_path):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD + "\n", encoding="utf-8")
    bad = Path(os.fsdecode(bytes(folder) + b"/caf\xe9.txt"))  # a Latin-1 name, as old archives have
    bad.write_text(GOOD2 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"caf\\xe9\.txt: file name is not UTF-8"):
        add_articles([folder], corpus_dir=tmp_path / "c")
    res = add_articles([folder], corpus_dir=tmp_path / "c", skip_invalid=True)
    assert len(res) == 1 and res.rejected[0].file.endswith("caf\\xe9.txt")
    assert "caf\\xe9.txt" in res.rejects_file.read_text(encoding="utf-8")


def test_a_reason_quoting_a_lone_surrogate_is_written_escaped(tmp_path):
    # the column list of a row without a text column names a key that is not Unicode text
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": GOOD}) + "\n" + json.dumps({"head\udfffline": GOOD2}) + "\n",
                   encoding="ascii")
    res = add_articles([src], corpus_dir=tmp_path / "c", skip_invalid=True)
    assert len(res) == 1 and res.rejected[0].row == "2"
    assert "columns found: head\\udfffline" in res.rejects_file.read_text(encoding="utf-8")


def test_an_unforeseen_error_in_one_row_refuses_that_row_only(tmp_path, monkeypatch):
    from analysis.importers import add as add_module

    real = add_module.to_candidate

    def failing(record, opts):  # stands for a value no check foresaw, raised deep in the per-row work
        if record.line == "2":
            raise TypeError("unhashable type: 'dict'")
        return real(record, opts)

    monkeypatch.setattr(add_module, "to_candidate", failing)
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps({"text": t}) + "\n" for t in (GOOD, GOOD2, GOOD3)), encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.jsonl:2: row could not be read \(TypeError: unhashable"):
        add_articles([src], corpus_dir=tmp_path / "c")
    res = add_articles([src], corpus_dir=tmp_path / "c", skip_invalid=True)
    assert len(res) == 2 and [r.row for r in res.rejected] == ["2"]


def test_deeply_nested_title_is_a_row_error(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": GOOD2}) + "\n" + '{"text": "%s", "title": %s1%s}\n' % (GOOD, "[" * 900, "]" * 900),
                   encoding="utf-8")
    res = add_articles([src], corpus_dir=tmp_path / "c", skip_invalid=True)
    assert len(res) == 1 and [r.row for r in res.rejected] == ["2"]


@pytest.mark.parametrize("escape", ["\\uD800", "\\udBFF", "\\uDC00"])
def test_lone_surrogate_escape_in_any_case_is_caught(tmp_path, escape):
    src = tmp_path / "a.jsonl"
    src.write_text('{"text": "%s %s"}\n' % (GOOD, escape), encoding="ascii")
    with pytest.raises(InputError, match=rf"a\.jsonl:1: text holds an invalid character \(lone surrogate "
                                         rf"U\+{escape[2:].upper()} at offset {len(GOOD) + 1}\)"):
        read_inputs(src)


def test_a_surrogate_pair_escape_is_one_character_and_imports(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text('{"text": "%s \\ud83d\\udcf0"}\n' % GOOD, encoding="ascii")  # U+1F4F0 NEWSPAPER
    (cand,) = read_inputs(src)
    assert cand.text == GOOD + " \U0001F4F0"
