"""The bundled corpus: metadata values with provenance, immutability checks, validation errors."""
from __future__ import annotations

import hashlib

import pytest

from analysis.corpus import FIELDS, load_corpus, text_id
from analysis.errors import InputError


def test_bundled_corpus_has_the_five_seeds_byte_for_byte(corpus, seed_raw):
    assert len(corpus) == 5
    by_source = {a.meta["source"]: a for a in corpus}
    assert set(by_source) == set(seed_raw)
    for name, raw in seed_raw.items():
        art = by_source[name]
        assert art.raw == raw
        assert art.id == text_id(raw)


@pytest.mark.parametrize("source, field, value, status", [
    ("002_a8bfd68d7dd6c9ec.txt", "published", "2024-04-07", "stated"),
    ("002_a8bfd68d7dd6c9ec.txt", "author", "Sabina Alizade", "stated"),
    ("002_a8bfd68d7dd6c9ec.txt", "outlet", "News.Az", "stated"),
    ("003_b189d13f1f6dfd9b.txt", "outlet", "Politicon.co", "stated"),
    ("003_b189d13f1f6dfd9b.txt", "title", "Azerbaijan-Israel relations: before and after 2020", "stated"),
    ("003_b189d13f1f6dfd9b.txt", "published", None, "unknown"),
    ("004_f745c9f727d97c84.txt", "author", "Arye Gut", "stated"),
    ("004_f745c9f727d97c84.txt", "genre", "opinion", "inferred"),
    ("001_2e5ddebd8ada44e3.txt", "author", "Etgar Lefkovitz", "stated"),
    ("001_2e5ddebd8ada44e3.txt", "outlet", "Caliber.Az", "stated"),
    ("001_2e5ddebd8ada44e3.txt", "published", "2023", "inferred"),
    ("000_99aa82e7bf94305a.txt", "title", None, "unknown"),
    ("000_99aa82e7bf94305a.txt", "published", "2021", "inferred"),
    ("000_99aa82e7bf94305a.txt", "language", "en", "inferred"),
])
def test_seed_metadata_values_and_status(corpus, source, field, value, status):
    art = next(a for a in corpus if a.meta["source"] == source)
    assert art.fields[field].value == value
    assert art.fields[field].status == status
    if status != "unknown":
        assert art.fields[field].evidence, "every known value says where it came from"


def test_every_field_of_every_article_has_a_status(corpus):
    prov = corpus.provenance()
    assert len(prov) == 5 * len(FIELDS)
    assert set(prov["status"]) <= {"stated", "inferred", "supplied", "unknown"}
    assert (prov.loc[prov["status"] == "unknown", "value"].isna()).all()


def test_stated_values_appear_in_the_raw_text(corpus):
    for art in corpus:
        for name, f in art.fields.items():
            if f.status == "stated" and name not in ("language", "source"):
                assert f.value in art.raw, (art.id, name)


def test_changed_raw_text_is_refused(corpus_copy):
    victim = sorted((corpus_copy / "articles").glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "Extra sentence.", encoding="utf-8")
    with pytest.raises(InputError, match="differs from the SHA-256") as exc:
        load_corpus(corpus_copy)
    assert victim.name in str(exc.value)


def test_malformed_yaml_is_reported_with_file_and_line(corpus_copy):
    meta = sorted((corpus_copy / "articles").glob("*.yaml"))[0]
    meta.write_text(meta.read_text(encoding="utf-8").replace("fields:", "fields: [unclosed"), encoding="utf-8")
    with pytest.raises(InputError, match=r"malformed YAML metadata \(line \d+\)") as exc:
        load_corpus(corpus_copy)
    assert meta.name in str(exc.value)


@pytest.mark.parametrize("old, new, message", [
    ("status: stated", "status: rumoured", "status 'rumoured'"),
    ("value: '2024-04-07'", "value: 7 April 2024", "must be an ISO date"),
    ("  genre:\n", "  mood:\n    value: calm\n  genre:\n", "unknown metadata field"),
])
def test_invalid_metadata_values_are_refused(corpus_copy, old, new, message):
    meta = next(p for p in (corpus_copy / "articles").glob("*.yaml") if "2024-04-07" in p.read_text())
    text = meta.read_text(encoding="utf-8")
    assert old in text
    meta.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_corpus(corpus_copy)


def test_missing_corpus_folder_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="not a corpus folder"):
        load_corpus(tmp_path / "nowhere")


def test_loading_never_writes_to_the_corpus(corpus_copy):
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus_copy.rglob("*") if p.is_file()}
    for art in load_corpus(corpus_copy):
        _ = art.sentences, art.text
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus_copy.rglob("*") if p.is_file()}
    assert before == after


def test_fast_yaml_loader_reads_the_seed_metadata_exactly_as_pyyaml_safe_load():
    """Article metadata is read with libyaml's safe loader when PyYAML has it; every value of the bundled
    seeds' metadata files (and of a hand-written file with quotes, non-ASCII text, dates and a folded
    string) must be what ``yaml.safe_load`` gives, same types included."""
    import yaml

    from analysis import paths
    from analysis.corpus import YAML_LOADER, load_yaml

    if getattr(yaml, "__with_libyaml__", False):
        assert YAML_LOADER is yaml.CSafeLoader
    files = sorted((paths.CORPUS / "articles").glob("*.yaml"))
    assert len(files) == 5
    texts = [f.read_text(encoding="utf-8") for f in files]
    texts.append("id: abc\nfields:\n  title:\n    value: \"Baku's \\u201cnew\\u201d line\"\n    status: stated\n"
                 "    evidence: 'line 1: «Бакы» — ''quoted'''\n  published:\n    value: 2024-04-07\n"
                 "    status: inferred\n    evidence: >\n      folded\n      text\nflags: [1, 2.5, null, yes]\n")
    for text in texts:
        fast, slow = load_yaml(text), yaml.safe_load(text)
        assert fast == slow
        assert repr(fast) == repr(slow)  # same types (a date stays a date, 2.5 a float, yes a bool)
    hand = load_yaml(texts[-1])
    assert hand["fields"]["title"]["value"] == "Baku's “new” line"
    assert hand["fields"]["title"]["evidence"] == "line 1: «Бакы» — 'quoted'"
    assert hand["fields"]["published"]["value"].isoformat() == "2024-04-07"
    assert hand["fields"]["published"]["evidence"] == "folded text\n"
    assert hand["flags"] == [1, 2.5, None, True]


def test_a_copied_corpus_loads_from_the_load_index(corpus_copy, tmp_path, monkeypatch):
    """What the load index learnt from one corpus folder serves a copy of it (same files and times, as
    ``cp -a`` or ``shutil.copytree`` make): no metadata file is parsed again and the articles are the same,
    their texts read from the copy; in a copy whose text file was written again (new time) that article
    alone is read again."""
    import shutil

    from analysis import corpus as C

    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "cache"))
    first = C.load_corpus(corpus_copy)
    copy = tmp_path / "copy"
    shutil.copytree(corpus_copy, copy)
    calls = []
    real = C.read_article
    monkeypatch.setattr(C, "read_article", lambda p, **kw: calls.append(p.name) or real(p, **kw))

    def seen(corpus):
        return [(a.id, a.sha256, a.body_hash, {k: f.as_dict() for k, f in a.fields.items()}, a.extra)
                for a in corpus]

    second = C.load_corpus(copy)
    assert calls == []
    assert seen(second) == seen(first)
    assert all(a.path.parent == copy / "articles" for a in second)
    assert [a.raw for a in second] == [a.raw for a in first]
    other = tmp_path / "other"
    shutil.copytree(corpus_copy, other)
    victim = sorted((other / "articles").glob("*.txt"))[0]
    victim.write_bytes(victim.read_bytes())
    assert seen(C.load_corpus(other)) == seen(first)
    assert calls == [victim.with_suffix(".yaml").name]
