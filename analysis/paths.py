"""One place for the project's paths.

Every default path is anchored at the project root (the folder holding
``pyproject.toml``), never at the current working directory.  Functions that
read or write data take the folder as an argument; these are only defaults.
"""
from __future__ import annotations

import os
from pathlib import Path

#: The project root: the parent of the ``analysis`` package.
ROOT = Path(__file__).resolve().parent.parent
#: The bundled corpus (raw texts and their metadata; never modified by analysis).
CORPUS = ROOT / "corpus"
#: Derived tables written by ``framing analyze`` (rebuilt by a command, not committed).
RESULTS = ROOT / "results"
#: Exported figures and the figures index.
FIGURES = ROOT / "figures"
#: The numbered notebooks (jupytext ``py:percent`` pairs).
NOTEBOOKS = ROOT / "notebooks"
#: Rendered, executed notebooks and their HTML index.
REPORT = ROOT / "report"
#: Method documentation.
DOCS = ROOT / "docs"
#: Lexicons and other method data shipped inside the package.
PACKAGE_DATA = Path(__file__).resolve().parent / "data"
LEXICONS = Path(__file__).resolve().parent / "lexicons"
#: Material shared beside the repository (seed articles, evaluation corpora); override with FRAMING_SHARED.
SHARED = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
POLNEAR = SHARED / "datasets" / "polnear"
