"""One place for the project's paths.

Two situations, decided once at import:

* **In a checkout** (the folder above the ``analysis`` package holds
  ``pyproject.toml`` and ``notebooks/``, as in a clone or an editable
  install), every default is anchored at the project root, never at the
  current working directory: ``corpus/``, ``results/``, ``report/``,
  ``figures/``.
* **Installed** (``pip install .`` or a wheel: the package sits in
  ``site-packages``), there is no project root.  Defaults are then relative
  to the *current directory* (``./corpus``, ``./results``, ``./report``,
  ``./report/figures``), so nothing is ever written inside
  ``site-packages``.  The notebooks, lexicons and method data are read from
  the package itself (the notebooks ship as ``analysis/notebooks``, mapped
  from the top-level ``notebooks/`` folder by ``setup.py``).

Functions that read or write data take the folder as an argument; these are
only defaults.
"""
from __future__ import annotations

import os
from pathlib import Path

#: The installed ``analysis`` package.
PACKAGE = Path(__file__).resolve().parent
#: The project root in a checkout: the parent of the ``analysis`` package.
ROOT = PACKAGE.parent
#: True when running from a checkout of the repository (clone or editable install).
IN_CHECKOUT = (ROOT / "pyproject.toml").is_file() and (ROOT / "notebooks").is_dir()
#: Where the defaults below live: the project root in a checkout, the current directory otherwise.
BASE = ROOT if IN_CHECKOUT else Path.cwd()
#: The bundled corpus (raw texts and their metadata; never modified by analysis).
CORPUS = BASE / "corpus"
#: Derived tables written by ``framing analyze`` (rebuilt by a command, not committed).
RESULTS = BASE / "results"
#: Exported figures and the figures index.
FIGURES = BASE / "figures" if IN_CHECKOUT else BASE / "report" / "figures"
#: The numbered notebooks (jupytext ``py:percent`` pairs): the checkout's, or the copy shipped in the package.
NOTEBOOKS = ROOT / "notebooks" if IN_CHECKOUT else PACKAGE / "notebooks"
#: Rendered, executed notebooks and their HTML index.
REPORT = BASE / "report"
#: Method documentation (only in a checkout; the installed package links to it by name).
DOCS = ROOT / "docs"
#: Lexicons and other method data shipped inside the package.
PACKAGE_DATA = PACKAGE / "data"
LEXICONS = PACKAGE / "lexicons"
#: Material shared beside the repository (seed articles, evaluation corpora); override with FRAMING_SHARED.
SHARED = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
POLNEAR = SHARED / "datasets" / "polnear"


def inside_package(path: str | Path) -> bool:
    """True when ``path`` lies inside the installed package (where nothing may be written)."""
    p = Path(path).resolve()
    return p == PACKAGE or PACKAGE in p.parents


def display(path: str | Path) -> str:
    """``path`` as shown to users and recorded in outputs: relative to the project root or the current
    directory when inside it, else as given (never resolved to a longer absolute path)."""
    p = Path(path)
    for base in ((ROOT,) if IN_CHECKOUT else ()) + (Path.cwd(),):
        try:
            return p.resolve().relative_to(base.resolve()).as_posix() or "."
        except ValueError:
            continue
    return str(p)
