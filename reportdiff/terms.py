"""Stage 4c: words that rose and fell (新提法) between two reports.

Analysts count words in two reports (jieba and a word cloud) to spot new formulations such as
新质生产力 or “人工智能+”. :func:`term_shifts` is the rigorous version: it ranks the terms of the two
sides — words from the segmenter (rjieba, imported only here) and quoted phrases (“…”) as whole
terms — by the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
"Fightin' Words", section 3.5)::

    δ_w = log((y_new + α_w) / (n_new + α0 − y_new − α_w)) − log((y_old + α_w) / (n_old + α0 − y_old − α_w))
    σ²_w ≈ 1 / (y_new + α_w) + 1 / (y_old + α_w)
    z_w = δ_w / σ_w

The prior is informed by a background corpus, as Monroe et al. do (§3.5.1): α_w is the term's
count in all 73 corpus reports (``data/term_background.tsv``, derived counts built by
``benchmarks/build_term_background.py``; :data:`FLOOR` for a term used fewer than 5 times there) and
α0 their total. Words every report uses (工程, 区域, 制度) carry a strong prior, so a shift of their
counts between two reports moves them little; terms rare in government reports in general (a new
formulation, a new programme) are judged by the two reports' own counts. With ``background=False``
the prior is the pooled counts of both sides instead: α_w = α0 · (y_old + y_new) / (n_old + n_new)
with α0 = :data:`ALPHA0` pseudo-tokens (with 10,000 tokens a side, a term met 3 times on one side and
never on the other gets z ≈ 1, one whose use moved from 40 to 120 z ≈ 6). Either way rare words do
not dominate, as they do with raw ratios. Stop words (``data/term_stop.txt``), single characters and
numbers are left out, and terms used fewer than :data:`MIN_COUNT` times in all are not ranked. Ties
break on the term, so the result is deterministic.

>>> old = ["推动高质量发展。", "推动高质量发展，扩大内需。"] * 20
>>> new = ["发展新质生产力。", "因地制宜发展新质生产力，推动高质量发展。"] * 20
>>> [(t.term, t.direction, t.is_new) for t in term_shifts(old, new, limit=2, background=False)]
[('扩大内需', 'fell', False), ('生产力', 'rose', True)]
"""

from __future__ import annotations

import contextlib
import math
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import _regex
from .structure import Sentence

#: the prior's strength, in pseudo-tokens spread over the terms by their pooled frequency
ALPHA0 = 1000.0
#: terms used fewer times than this on both sides together are not ranked
MIN_COUNT = 3
#: the background prior of a term the background table does not hold (used under 5 times there)
FLOOR = 0.5


@lru_cache(maxsize=1)
def _background() -> tuple[dict[tuple[str, bool], int], int]:
    """The corpus term counts (``data/term_background.tsv``) and the total term uses they come from."""
    from importlib.resources import files

    text = (files("reportdiff") / "data" / "term_background.tsv").read_text(encoding="utf-8")
    counts: dict[tuple[str, bool], int] = {}
    total = 0
    for line in text.splitlines():
        if line.startswith("# total\t"):
            total = int(line.split("\t")[1])
        elif line and not line.startswith("#"):
            term, quoted, count, _ = line.split("\t")
            counts[(term, quoted == "1")] = int(count)
    return counts, total or sum(counts.values())


_QUOTED = _regex.compile(r"“([^“”]{2,20})”")
_WORD = _regex.compile(r"[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9+]+|[A-Za-z][A-Za-z0-9+\-]+")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The words never ranked (``reportdiff/data/term_stop.txt``)."""
    from importlib.resources import files

    text = (files("reportdiff") / "data" / "term_stop.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@dataclass(frozen=True)
class TermShift:
    """A term whose use rose or fell between the two sides.

    Attributes:
        term: the word or quoted phrase (without its quotation marks).
        quoted: True for a quoted phrase (“两重”), False for a segmented word.
        old_count: uses on the old side.
        new_count: uses on the new side.
        z: the z-score of the log-odds difference (new over old): positive rose, negative fell.
        direction: ``rose`` or ``fell``.
        is_new: True when the old side never uses it.
        old_sentences: indexes into the old sentences that use it (for links).
        new_sentences: indexes into the new sentences that use it.
    """

    term: str
    quoted: bool
    old_count: int
    new_count: int
    z: float
    direction: str
    is_new: bool
    old_sentences: tuple[int, ...]
    new_sentences: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "quoted": self.quoted,
            "old_count": self.old_count,
            "new_count": self.new_count,
            "z": round(self.z, 3),
            "direction": self.direction,
            "is_new": self.is_new,
            "old_sentences": list(self.old_sentences),
            "new_sentences": list(self.new_sentences),
        }

    def __repr__(self) -> str:
        mark = " new" if self.is_new else ""
        counts = f"{self.old_count}→{self.new_count}"
        return f"<TermShift {self.term} {counts} z={self.z:+.2f} {self.direction}{mark}>"


Key = tuple[str, bool]


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    """rjieba's segmenter with its full dictionary (about 0.08 s and 33 MB to build), kept for the next
    diff until :func:`release_segmenter`.

    It is built from the extension module itself: ``import rjieba`` runs the package's ``__init__``,
    which builds a module-global instance that nothing could ever free. Once rjieba is imported anyway,
    or when the extension cannot be found on its own, the package's class is used."""
    if "rjieba" not in sys.modules:
        with contextlib.suppress(ImportError, OSError, StopIteration, AttributeError):
            return _extension().Jieba()
    import rjieba

    return rjieba.Jieba()


def _extension() -> Any:
    """The compiled module ``rjieba.rjieba``, loaded without running ``rjieba/__init__.py``."""
    import importlib.machinery
    import importlib.util
    import os

    spec = importlib.util.find_spec("rjieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("rjieba is not installed")
    folder = next(iter(spec.submodule_search_locations))
    path = next(
        p
        for p in (os.path.join(folder, "rjieba" + s) for s in importlib.machinery.EXTENSION_SUFFIXES)
        if os.path.exists(p)
    )
    loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", path)
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))  # type: ignore[arg-type]
    loader.exec_module(module)
    return module


def tagger() -> Any:
    """The part-of-speech tagger of :func:`_segmenter` (``tag(text) -> [(word, tag), …]``), for the
    recurring phrases of a comparison (:mod:`reportdiff.recurring`)."""
    return _segmenter().tag


def release_segmenter() -> None:
    """Free the segmenter's dictionary (about 33 MB) once no more terms will be counted: a one-shot
    process (the CLI) calls it before rendering; the next :func:`term_shifts` builds it again."""
    _segmenter.cache_clear()


def _terms(text: str, stop: frozenset[str]) -> list[Key]:
    """The terms of one sentence: its quoted phrases, then the words of the rest."""
    out = [(q, True) for q in _QUOTED.findall(text) if q not in stop]
    rest = _QUOTED.sub("，", text)
    out.extend((w, False) for w in _segmenter().cut(rest, False) if _WORD.fullmatch(w) and w not in stop)
    return out


def _count(
    sentences: Sequence[str | Sentence], stop: frozenset[str]
) -> tuple[Counter[Key], dict[Key, list[int]]]:
    counts: Counter[Key] = Counter()
    where: dict[Key, list[int]] = {}
    for i, s in enumerate(sentences):
        found = _terms(s.text if isinstance(s, Sentence) else s, stop)
        counts.update(found)
        for key in dict.fromkeys(found):
            where.setdefault(key, []).append(i)
    return counts, where


def log_odds_z(y_old: int, y_new: int, n_old: int, n_new: int, alpha: float, alpha0: float = ALPHA0) -> float:
    """The z-score of one term's log-odds difference (new over old) under a Dirichlet prior ``alpha``
    for the term and ``alpha0`` in all (Monroe, Colaresi & Quinn 2008, eq. 16, 18–22).

    >>> round(log_odds_z(0, 3, 10000, 10000, 0.15), 2), round(log_odds_z(40, 120, 10000, 10000, 8.0), 2)
    (1.15, 5.84)
    """
    new = math.log((y_new + alpha) / (n_new + alpha0 - y_new - alpha))
    old = math.log((y_old + alpha) / (n_old + alpha0 - y_old - alpha))
    return (new - old) / math.sqrt(1.0 / (y_new + alpha) + 1.0 / (y_old + alpha))


def term_shifts(
    old_sentences: Sequence[str | Sentence],
    new_sentences: Sequence[str | Sentence],
    *,
    limit: int = 30,
    alpha0: float = ALPHA0,
    background: bool = True,
) -> tuple[TermShift, ...]:
    """The ``limit`` terms whose use moved most between the two sides, by |z| (see the module): under
    the corpus background prior (``alpha0`` then unused), or with ``background=False`` the pooled one."""
    stop = stop_words()
    c_old, w_old = _count(old_sentences, stop)
    c_new, w_new = _count(new_sentences, stop)
    n_old, n_new = sum(c_old.values()), sum(c_new.values())
    if not n_old or not n_new:
        return ()
    pooled = c_old + c_new
    total = n_old + n_new
    counts, size = _background() if background else ({}, 0)
    shifts = []
    for key, n in pooled.items():
        if n < MIN_COUNT:
            continue
        y_old, y_new = c_old[key], c_new[key]
        if background:
            z = log_odds_z(y_old, y_new, n_old, n_new, counts.get(key, FLOOR), float(size))
        else:
            z = log_odds_z(y_old, y_new, n_old, n_new, alpha0 * n / total, alpha0)
        shifts.append(
            TermShift(
                key[0],
                key[1],
                y_old,
                y_new,
                z,
                "rose" if z > 0 else "fell",
                y_old == 0,
                tuple(w_old.get(key, ())),
                tuple(w_new.get(key, ())),
            )
        )
    shifts.sort(key=lambda s: (-abs(s.z), s.term, s.quoted))
    return tuple(shifts[:limit])


def tag_sentences(sentences: Sequence[Sentence]) -> dict[int, tuple[bytes, str]]:
    """Each sentence's words with their part-of-speech tags, by the sentence's offset, compactly: the
    words' lengths (``array("H")`` bytes) and their tags joined by spaces. :mod:`reportdiff.recurring`
    reads them (:func:`reportdiff.recurring.untag`); they are tagged where the terms are counted (a
    forked process), and travel back small."""
    from array import array

    tag = _segmenter().tag
    out = {}
    for s in sentences:
        words = tag(s.text)
        out[s.start] = (array("H", [len(w) for w, _ in words]).tobytes(), " ".join(t for _, t in words))
    return out
