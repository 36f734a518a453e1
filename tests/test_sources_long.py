"""Speaker resolution in very long articles (issue 15): the look-ups that make it near-linear give the
same answers as the plain scans they replace, and the bounded look-back windows keep what a reader keeps.

Texts: tests/fixtures/sources/speakers.txt and patterns.txt (written for the tests, see test_sources.py),
repeated to pass the size from which the indexes are used, and short sentences written here.  Times are
measured in benchmarks/bench_pathological.py, not here.
"""
from __future__ import annotations

from pathlib import Path

from analysis.sources import extract, quote_spans
from analysis.sources import resolve
from analysis.sources.quotes import Spans
from analysis.speakers import Registry, name_of

FIX = Path(__file__).parent / "fixtures" / "sources"


def _fixture(name: str) -> str:
    return (FIX / name).read_text(encoding="utf-8")


def test_word_index_finds_the_same_contexts_as_a_scan():
    """Over INDEX_FROM characters, name contexts come from an index of capitalised words: same result."""
    base = _fixture("speakers.txt") + "\n" + _fixture("patterns.txt") + "\n"
    text = base * (resolve.INDEX_FROM // len(base) + 2)
    assert len(text) > resolve.INDEX_FROM
    indexed = resolve._Occurrences(text)
    names = {name_of(a.speaker_mention) for a in extract(base, registry=Registry([]))} - {""}
    assert {"Mikael Jabarov", "Arye Gut", "Karl Moss"} <= names
    for variant in sorted(names | {"Gut", "Jabbarov", "Minister Mikayil Jabbarov"}):
        assert resolve._contexts(text, variant, indexed) == resolve._contexts(text, variant, {}), variant
    assert list(indexed.positions("Gut")) == [i for i in range(len(text)) if text.startswith("Gut", i)]
    # "Prof. Arye Gut" once per copy: its pre-modifier is read at every occurrence
    assert [c for k, c in resolve._contexts(text, "Arye Gut", indexed) if k == "pre"].count(
        "Israeli political analyst Prof ") == text.count("Prof. Arye Gut")


def test_span_lookups_agree_with_a_scan():
    text = _fixture("patterns.txt") + "\n" + _fixture("multipara.txt")
    spans = quote_spans(text)
    assert isinstance(spans, Spans) and len(spans) >= 6
    plain = list(spans)
    cuts = sorted({0, len(text)} | {p for a, b, _ in plain for p in (a - 1, a, a + 1, b - 1, b, b + 1)})
    for s in cuts:
        assert spans.starting_at(s) == next((sp for sp in plain if sp[0] == s), None)
        for e in cuts:
            if e >= s:
                assert spans.overlapping(s, e) == [sp for sp in plain if sp[0] < e and sp[1] > s]
                assert spans.within(s, e) == [sp for sp in plain if sp[0] >= s and sp[1] <= e]


_OTHERS = ("Abbott Baker Carter Dawson Ellis Fisher Garner Hughes Irwin Jensen Keller Lowell Mercer Nolan "
           "Ormond Porter Quinn Rhodes Sutton Tucker Upton Vaughn Walsh Yates Ziegler Ainsley Brooks Chandler "
           "Dalton Everett Fletcher Gibson Harper Ingram Jarvis Kendall Lambert Monroe Norris Oakley Preston "
           "Ramsey Sawyer Thornton Underwood Vincent Whitaker Yardley Zimmer Ashford Benson Cooper Delaney "
           "Emerson Foster").split()


def test_a_surname_joins_its_full_name_beyond_the_recent_speakers():
    """"Jabarov said …" after more distinct speakers than RECENT_ENTITIES still joins Mikael Jabarov (same
    surname: the surname index), while the window only limits the fuzzy spelling-variant comparison."""
    assert len(_OTHERS) > resolve.RECENT_ENTITIES
    paras = ["Economy Minister Mikael Jabarov said the trade office would open in May."]
    paras += [f"Mayor Anna {s} said the budget for road {i} was approved." for i, s in enumerate(_OTHERS)]
    paras += ["Jabarov said the embassy would follow next year."]
    atts = extract("\n\n".join(paras) + "\n", registry=Registry([]))
    last = next(a for a in atts if "embassy" in a.quote)
    assert last.speaker == "Mikael Jabarov" and last.speaker_rule == "name-variant"
    assert len({a.speaker for a in atts}) == len(_OTHERS) + 1


def test_pronoun_skips_speakers_of_the_other_gender_in_a_long_article():
    """"she" goes to the most recent earlier speaker whose stated gender agrees, however many others
    of the other gender come between (within RECENT_MENTIONS mentions)."""
    paras = ["Ms. Helen Baird, the mayor, said the bridge would reopen."]
    paras += [f"Mr. Tom {s} said lane {i} was closed." for i, s in enumerate(_OTHERS[:40])]
    paras += ["She said repairs would take a month."]
    atts = extract("\n\n".join(paras) + "\n", registry=Registry([]))
    she = next(a for a in atts if "repairs" in a.quote)
    assert she.speaker == "Helen Baird" and she.speaker_rule == "pronoun:most-recent-speaker"
