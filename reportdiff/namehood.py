"""Namehood: how likely a listed name is a real named initiative, not an aim, a class or a cut name.

The grammar of :mod:`reportdiff.initiatives` lists every span that ends like a name; held-out judges
found 66–79% of a random sample of them to be real initiatives (gold/README.md, "Named initiatives").
What a name is and how it is governed tells them apart: a name a verb starts (启动, 开工, 实施) is
most often one, a short one (三级医院, 孵化平台) or one nothing governs is often a class of things, and
what is 打造'd is often a positioning (兽用疫苗研发生产基地). :func:`namehood` is a logistic model on
those features, fitted on the hand-judged samples (``benchmarks/fit_namehood.py``, weights in
``data/initiative_namehood.json``); leave-one-sample-out it ranks a real name above a false one 80% of
the time, and the fifth of names it scores highest are 94% real (71% overall).

A comparison carries it on every change (:attr:`InitiativeChange.namehood
<reportdiff.initiative_diff.InitiativeChange.namehood>`); the key changes lead with the names most
likely real, and the page marks the unlikely ones for checking.

>>> from reportdiff.initiatives import InitiativeKind, Stage
>>> pilot, platform = InitiativeKind.PILOT, InitiativeKind.PLATFORM
>>> started = namehood_of("生育保险制度改革创新试点", pilot, Stage.START, "启动生育保险制度改革创新试点")
>>> positioned = namehood_of("绿算保障基地", platform, Stage.BUILD, "打造服务全国的绿算保障基地")
>>> started > 0.9 > 0.6 > positioned
True
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from . import _regex
from ._data import data_json
from .initiatives import Initiative, InitiativeKind, Stage

__all__ = ["FEATURES", "check_below", "features", "namehood", "namehood_of"]

#: the stages, and the kinds but the programme (read once: iterating an enumeration is slow)
_STAGES = tuple(Stage)
_KINDS = tuple(k for k in InitiativeKind if k is not InitiativeKind.PROGRAMME)
#: the features, in the order of the model's weights (``initiative_namehood.json``)
FEATURES = (
    *(f"stage_{s.value}" for s in _STAGES),
    *(f"kind_{k.value}" for k in _KINDS),
    "short",
    "long",
    "quoted",
    "titled",
    "numbered",
    "positioned",
)
#: marks that say nothing of a name's length
_MARKS = re.compile(r"[“”‘’《》「」（）()]")
#: a digit, a Latin letter, a phase or a line number: 4号线, F1线, 二期
_NUMBERED = _regex.compile(r"[0-9A-Za-z]|[一二三四五六七八九十]期|号线")
#: a name at most this long (marks aside) is short; at least ``_LONG`` long
_SHORT, _LONG = 5, 9
#: the verb of a positioning: what a report says it will make of a place (打造…基地, 打造…名城)
_POSITIONING = "打造"


def features(name: str, kind: InitiativeKind, stage: Stage | None, text: str) -> list[float]:
    """The feature vector of a name (see :data:`FEATURES`): its stage, kind, length, marks, numbers
    and whether 打造 governs it in ``text`` (its clauses, joined by ``；``: the first is read)."""
    text = text.split("；", 1)[0]
    bare = _MARKS.sub("", name)
    head = text.find(bare[:2])
    return [
        *(float(stage is s) for s in _STAGES),
        *(float(kind is k) for k in _KINDS),
        float(len(bare) <= _SHORT),
        float(len(bare) >= _LONG),
        float("“" in name),
        float("《" in name),
        float(_NUMBERED.search(name) is not None),
        float(_POSITIONING in text[: max(head, 0)]),
    ]


@lru_cache(maxsize=1)
def _model() -> dict[str, Any]:
    model: dict[str, Any] = data_json("initiative_namehood.json")
    if tuple(model["features"]) != FEATURES:
        raise ValueError("initiative_namehood.json holds other features: run benchmarks/fit_namehood.py")
    return model


def check_below() -> float:
    """The namehood under which a name is marked for the reader to check (``check_below`` in
    ``initiative_namehood.json``): fewer than half the judged names under it are real initiatives."""
    return float(_model()["check_below"])


def namehood_of(name: str, kind: InitiativeKind, stage: Stage | None, text: str) -> float:
    """P(``name`` is a real named initiative), from the logistic model of ``initiative_namehood.json``."""
    m = _model()
    x = features(name, kind, stage, text)
    z = m["intercept"] + sum(w * v for w, v in zip(m["weights"], x, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def namehood(initiative: Initiative) -> float:
    """:func:`namehood_of` an initiative: its name, kind, stage and first clause."""
    return namehood_of(initiative.name, initiative.kind, initiative.stage, initiative.text)
