"""Package layout that pyproject.toml cannot express: the notebooks ship inside the package.

The numbered notebooks live at the top of the repository (``notebooks/``) so
that people open them there; the wheel installs them as ``analysis/notebooks``
(package data of a mapped package), so that ``framing report`` works from an
installed package.  Everything else is configured in pyproject.toml.
"""
from setuptools import find_namespace_packages, setup

setup(
    packages=find_namespace_packages(include=["analysis", "analysis.*"], exclude=["*.__pycache__"]) + ["analysis.notebooks"],
    package_dir={"analysis.notebooks": "notebooks"},
    # here rather than in pyproject.toml's package-data, which lists the analysis package's own data
    package_data={"analysis.notebooks": ["*.py", "jupytext.toml"]},
)
