"""Import the five seed articles from ``shared/seeds`` into ``corpus/`` with curated metadata.

Run once (``python scripts/import_seeds.py``); it refuses to overwrite an
existing article.  Values the text states are read off automatically by
``analysis.importers``; the curation below adds what a reader can *infer*
from the text, and says why, or records why a value stays unknown.  Nothing
is invented: every value has its evidence.  The seeds are never modified.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import paths
from analysis.corpus import Field
from analysis.importers import read_inputs, write_article

# file name -> field -> (value, status, evidence)
CURATION: dict[str, dict[str, tuple[str | None, str, str]]] = {
    "000_99aa82e7bf94305a.txt": {
        "title": (None, "unknown", "the text has no headline; it opens with the lede"),
        "outlet": (None, "unknown", "no outlet is named in the text"),
        "author": ("RA", "inferred",
                   'initials only: the aside "(there has been an Israeli embassy in Baku since the early 1990s – RA)" '
                   'in paragraph 2 is signed RA, and the reporter writes "told me"'),
        "published": ("2021", "inferred",
                      '"Next year, Azerbaijan and Israel will celebrate the 30th anniversary of their diplomatic '
                      'relationship" (relations date from 7 April 1992, as article 002 states), so written in 2021'),
        "genre": ("interview", "inferred",
                  '"In an exclusive interview, Israeli political analyst Prof. Arye Gut told me ..." (paragraph 2): '
                  "a report built on an interview"),
    },
    "001_2e5ddebd8ada44e3.txt": {
        "title": ('Israel, Azerbaijan are "strategic partners," Baku says', "stated",
                  'headline, line 1, without its trailing section label "Interview by The Jewish News Syndicate"'),
        "outlet": ("Caliber.Az", "stated",
                   '"Caliber.Az reprints the article" (line 2); first published by The Jewish News Syndicate (JNS)'),
        "author": ("Etgar Lefkovitz", "stated",
                   '"The Jewish News Syndicate website published an interview of Etgar Lefkovitz with ..." (line 2)'),
        "published": ("2023", "inferred",
                      'the remarks are dated "on July 31"; the year follows from "four months after ... Azerbaijan '
                      'made history by ... becoming the first Shi\u2019ite Muslim country to open an embassy in Israel" '
                      "(March 2023); the day of publication is not stated"),
        "genre": ("interview", "stated", '"Interview by The Jewish News Syndicate" (line 1)'),
    },
    "002_a8bfd68d7dd6c9ec.txt": {
        "title": (None, "unknown", "the text has no headline; it opens with the lede"),
        "genre": ("news", "inferred",
                  'a dated report ("Today marks the 32nd anniversary ...") built on interviews with three Israeli '
                  'political scientists ("In an interview with News.az, ...")'),
    },
    "003_b189d13f1f6dfd9b.txt": {
        "author": (None, "unknown", "no byline or signature in the text"),
        "published": (None, "unknown",
                      "not stated; the text mentions the opening of Azerbaijan's embassy in Israel (2023) and Israel's "
                      '"war on multiple fronts that involve Iran", so it was written in 2023 or later'),
        "genre": ("opinion", "inferred",
                  'argues a position in the author\u2019s own voice ("it is worth noting", "Israel knows how to carry '
                  'out hybrid warfare") with almost no quoted sources; shared/seeds/README.md calls it an opinion piece'),
    },
    "004_f745c9f727d97c84.txt": {
        "outlet": (None, "unknown", "no outlet is named in the text"),
        "published": (None, "unknown",
                      'not stated; the text describes the offensive of "27 September 2020" in the past tense, so it '
                      "was written in late 2020 or later"),
        "genre": ("opinion", "inferred",
                  'a signed first-person argument ("From my point of view", "As an Israeli citizen, I can only '
                  'proudly say"); shared/seeds/README.md calls it an opinion piece'),
    },
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seeds", type=Path, default=paths.SEEDS)
    ap.add_argument("--corpus", type=Path, default=paths.CORPUS)
    args = ap.parse_args(argv)
    for name, curated in CURATION.items():
        (cand,) = read_inputs(args.seeds / name)
        for field, (value, status, evidence) in curated.items():
            cand.fields[field] = Field(value, status, evidence)
        cand.fields["source"] = Field(name, "supplied", "file name in shared/seeds/ (the project's first corpus)")
        print(write_article(cand, args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
