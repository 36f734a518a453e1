"""Speaker sides from demonyms and country names (analysis/data/speaker_cues.yaml, v1.1): every nationality of
the demonym list signals its country, not only the bundled corpus's topic; first names that are also countries
(Jordan, Chad, Georgia) never do.  The sentences are written for this test, in wire-copy style."""
from __future__ import annotations

import pytest

from analysis.sources import extract
from analysis.speakers import side_cue


@pytest.mark.parametrize("text, speaker, side", [
    ("Kenyan opposition leader Raila Odinga said on Monday that the vote had been rigged.", "Raila Odinga", "kenya"),
    ("The drills will continue next month, a South Korean defence ministry spokesman said on Tuesday.", None,
     "south korea"),
    ("Brazilian President Luiz Inácio Lula da Silva said the summit had been a success.", None, "brazil"),
    ("Jordan Peterson said on Friday that the book was finished.", None, "unknown"),
])
def test_side_of_a_speaker(text, speaker, side):
    atts = extract(text)
    assert len(atts) == 1, atts
    if speaker:
        assert atts[0].speaker == speaker
    assert atts[0].speaker_side == side


def test_side_cue_words():
    assert side_cue("a New Zealand government official") == ("new zealand", "New Zealand")
    assert side_cue("Chad Smith, a local farmer") is None  # a first name, not the country
    assert side_cue("a spokesman for the Georgian Orthodox Church") is None  # Georgia (country) or Georgia (US state)
