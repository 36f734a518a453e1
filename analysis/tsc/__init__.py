"""Target-dependent sentiment classification (TSC): the stance of a sentence towards one mention in it.

Method
------
A linear model over hand-designed context features (:mod:`.features`),
trained on NewsMTSC (Hamborg & Donnay 2021, "NewsMTSC: A Dataset for
(Multi-)Target-dependent Sentiment Classification in Political News
Articles", EACL) with scikit-learn, stored as JSON weights in
``analysis/data/tsc_model.json.gz`` (:mod:`.model`), scored against gold with
:mod:`.evaluate`.  See ``docs/sentiment.md`` and the model card
``analysis/data/tsc_model.md``.
"""
from __future__ import annotations

from .model import LABELS, Prediction, TSCModel, default_model, load_model

__all__ = ["LABELS", "Prediction", "TSCModel", "default_model", "load_model", "predict"]


def predict(sentence: str, start: int, end: int, *, model: TSCModel | None = None) -> Prediction:
    """Label of ``sentence`` towards ``sentence[start:end]`` (negative / neutral / positive) and its probability."""
    return (model or default_model()).predict(sentence, start, end)
