"""Namehood: how likely a listed name is a real named initiative, not an aim, a class or a cut name.

The grammar of :mod:`reportdiff.initiatives` lists every span that ends like a name; held-out judges
found 66–79% of a random sample of them to be real initiatives (gold/README.md, "Named initiatives").
What a name is and how it is governed tells them apart: a name a verb starts (启动, 开工, 实施) is
most often one, a short one (三级医院, 孵化平台) or one nothing governs is often a class of things, and
what is 打造'd is often a positioning (兽用疫苗研发生产基地). The word a name ends with tells much too:
…行动, …工程, …条例 name nine times in ten, …平台, …园区, …城 or a bare quotation (“专而精”) about
one time in three (the judged share of each head is the model's to learn: the heads it weighs are
listed in the model file). :func:`namehood` is a logistic model on those features, fitted on the
hand-judged samples (``benchmarks/fit_namehood.py``, weights in ``data/initiative_namehood.json``);
leave-one-sample-out it ranks a real name above a false one 83% of the time.

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
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from . import _regex
from ._data import data_json
from .initiatives import POSITIONING, Initiative, InitiativeKind, Stage, grammar, suffix_of

__all__ = ["FEATURES", "check_below", "features", "name_head", "namehood", "namehood_of"]

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
    "few_specific",
    "plus",
)
#: what a name without a suffix of the grammar ends with: a bare quotation, or anything else
QUOTE_HEAD, NO_HEAD = "“”", ""
#: marks that say nothing of a name's length
_MARKS = re.compile(r"[“”‘’《》「」（）()]")
#: a digit, a Latin letter, a phase or a line number: 4号线, F1线, 二期
_NUMBERED = _regex.compile(r"[0-9A-Za-z]|[一二三四五六七八九十]期|号线")
#: a name at most this long (marks aside) is short; at least ``_LONG`` long
_SHORT, _LONG = 5, 9


#: a name holding at most this many characters outside its head and generic words (国家医学中心)
_FEW_SPECIFIC = 2


def name_head(name: str) -> str:
    """The suffix of the grammar a name ends with (行动, 平台 …; quotation marks aside), :data:`QUOTE_HEAD`
    for a bare quotation, :data:`NO_HEAD` for none.

    >>> name_head("“人工智能+”行动"), name_head("“专而精”"), name_head("沙颍河")
    ('行动', '“”', '')
    """
    return suffix_of(name.replace("“", "").replace("”", "")) or (QUOTE_HEAD if "“" in name else NO_HEAD)


def features(
    name: str, kind: InitiativeKind, stage: Stage | None, text: str, heads: Sequence[str] = ()
) -> list[float]:
    """The feature vector of a name (see :data:`FEATURES`): its stage, kind, length, marks, numbers,
    whether 打造 governs it in ``text`` (its clauses, joined by ``；``: the first is read), whether it
    holds little of its own (generic words aside) or a +; then which of ``heads`` it ends with."""
    text = text.split("；", 1)[0]
    bare = _MARKS.sub("", name)
    head = text.find(bare[:2])
    ending = name_head(name)
    core = bare[: len(bare) - len(ending)] if ending != QUOTE_HEAD else bare
    return [
        *(float(stage is s) for s in _STAGES),
        *(float(kind is k) for k in _KINDS),
        float(len(bare) <= _SHORT),
        float(len(bare) >= _LONG),
        float("“" in name),
        float("《" in name),
        float(_NUMBERED.search(name) is not None),
        float(POSITIONING in text[: max(head, 0)]),
        float(len(grammar().generic_re.sub("", core)) <= _FEW_SPECIFIC),
        float("+" in name),
        *(float(ending == h) for h in heads),
    ]


@lru_cache(maxsize=1)
def _model() -> dict[str, Any]:
    model: dict[str, Any] = data_json("initiative_namehood.json")
    if tuple(model["features"]) != FEATURES or len(model["weights"]) != len(FEATURES) + len(model["heads"]):
        raise ValueError("initiative_namehood.json holds other features: run benchmarks/fit_namehood.py")
    return model


def check_below() -> float:
    """The namehood under which a name is marked for the reader to check (``check_below`` in
    ``initiative_namehood.json``): fewer than half the judged names under it are real initiatives."""
    return float(_model()["check_below"])


def namehood_of(name: str, kind: InitiativeKind, stage: Stage | None, text: str) -> float:
    """P(``name`` is a real named initiative), from the logistic model of ``initiative_namehood.json``."""
    m = _model()
    x = features(name, kind, stage, text, m["heads"])
    z = m["intercept"] + sum(w * v for w, v in zip(m["weights"], x, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def namehood(initiative: Initiative) -> float:
    """:func:`namehood_of` an initiative: its name, kind, stage and first clause; for a recurring run
    (:attr:`Initiative.recurring <reportdiff.initiatives.Initiative.recurring>`), its likelihood."""
    if initiative.recurring:
        return initiative.recurring
    return namehood_of(initiative.name, initiative.kind, initiative.stage, initiative.text)
