"""The shipped target-dependent sentiment model: a linear classifier stored as JSON.

Method
------
Multinomial logistic regression (scikit-learn at training time) over the
features of :mod:`analysis.tsc.features`, trained on NewsMTSC
(Hamborg & Donnay 2021, EACL; MIT licence) by ``scripts/train_tsc.py``.  The
file holds the weights of every feature for each class, so prediction is a
dot product and a softmax in plain Python: loading does not depend on the
installed scikit-learn (or on pickle), and the model runs offline on a CPU.
The file's card (``analysis/data/tsc_model.md``) gives its data, features and
measured accuracy.
"""
from __future__ import annotations

import gzip
import json
import logging
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from ..paths import PACKAGE_DATA
from .features import FEATURE_VERSION, features

log = logging.getLogger(__name__)

__all__ = ["MODEL_FILE", "LABELS", "TSCModel", "load_model", "default_model", "Prediction"]

MODEL_FILE = PACKAGE_DATA / "tsc_model.json.gz"
#: Class labels in model order; the NewsMTSC polarities -1, 0, 1.
LABELS = ("negative", "neutral", "positive")
POLARITY = {"negative": -1, "neutral": 0, "positive": 1}
FORMAT = "framing-tsc-linear/1"


@dataclass(frozen=True)
class Prediction:
    """A label towards the target, its probability and the probabilities of all classes."""

    label: str
    probability: float
    probabilities: dict[str, float]

    @property
    def polarity(self) -> int:
        return POLARITY[self.label]

    @property
    def score(self) -> float:
        """P(positive) - P(negative), in [-1, 1]: a graded stance towards the target."""
        return self.probabilities["positive"] - self.probabilities["negative"]


@dataclass
class TSCModel:
    """Weights per feature and class (see the module docstring)."""

    name: str
    version: str
    weights: dict[str, tuple[float, ...]]
    intercept: tuple[float, ...]
    labels: tuple[str, ...] = LABELS
    meta: dict = field(default_factory=dict)
    path: Path | None = None

    def predict(self, sentence: str, start: int, end: int) -> Prediction:
        """The label towards ``sentence[start:end]``."""
        k = len(self.labels)
        z = list(self.intercept)
        w = self.weights
        if k == 3 and len(z) == 3:  # the shipped three classes: the same sums, without a loop per feature
            z0, z1, z2 = z
            for name, value in features(sentence, start, end).items():
                ws = w.get(name)
                if ws is not None:
                    z0 += ws[0] * value
                    z1 += ws[1] * value
                    z2 += ws[2] * value
            z = [z0, z1, z2]
        else:
            for name, value in features(sentence, start, end).items():
                ws = w.get(name)
                if ws is not None:
                    for j in range(k):
                        z[j] += ws[j] * value
        top = max(z)
        ex = [math.exp(v - top) for v in z]
        total = sum(ex)
        probs = {lab: e / total for lab, e in zip(self.labels, ex)}
        label = max(probs, key=probs.get)
        return Prediction(label, probs[label], probs)

    @property
    def tag(self) -> str:
        """``name@version``, as recorded in evidence rows."""
        return f"{self.name}@{self.version}"


def read_model_file(p: Path, *, kind: str, fmt: str, feature_version, retrain: str) -> dict:
    """The JSON (optionally gzipped) of a shipped model file, checked for its format and feature version.

    Every problem is one :class:`InputError` naming the file (``kind`` names the model in the message,
    ``retrain`` the script that rebuilds it).  Shared by the target and the sentence sentiment models.
    """
    if not p.is_file():
        raise InputError(p, f"{kind} model file not found (retrain with {retrain})")
    try:
        raw = gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, EOFError) as exc:
        raise InputError(p, f"not a readable {kind} model file ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or data.get("format") != fmt:
        raise InputError(p, f"not a {fmt} model file")
    if data.get("feature_version") != feature_version:
        raise InputError(p, f"model built for feature version {data.get('feature_version')}, this code has "
                            f"{feature_version}; retrain with {retrain}")
    return data


def load_model(path: str | Path | None = None) -> TSCModel:
    """Read a model file (default :data:`MODEL_FILE`); one clear error when it is unusable."""
    p = Path(path) if path is not None else MODEL_FILE
    data = read_model_file(p, kind="sentiment", fmt=FORMAT, feature_version=FEATURE_VERSION,
                           retrain="scripts/train_tsc.py")
    labels = tuple(data["labels"])
    weights = {k: tuple(v) for k, v in data["weights"].items()}
    meta = {k: v for k, v in data.items() if k not in ("weights", "intercept")}
    return TSCModel(name=data["name"], version=str(data["version"]), weights=weights,
                    intercept=tuple(data["intercept"]), labels=labels, meta=meta, path=p)


@lru_cache(maxsize=1)
def default_model() -> TSCModel:
    """The shipped model, loaded once per process."""
    return load_model()
