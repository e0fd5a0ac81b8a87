"""Recurring phrases: initiatives both compared parts name without any mark of a name.

The grammar (:mod:`reportdiff.initiatives`) knows a name by its suffix (…行动, …工程), its quotation
marks or its title marks. Many commitments that an annotator pairs across two years carry none of
these: 常态化开展扫黑除恶斗争 … 深入推进扫黑除恶; 加强牛河梁红山文化遗址系统性保护 … 牛河梁红山文化遗址;
深化闽港闽澳合作 (both years). Comparing two parts finds them. A recurring phrase is a run of words
that both parts hold outside the names the grammar found. It is trimmed to whole words: no leading
verb, adverb or preposition, and no trailing 建设, 工作 or verb (``recurring_words.tsv``, role ``tail``).

Most such runs are generic: 前期工作, 营商环境, 新质生产力. Each run is weighed by a logistic model
(``data/recurring_model.json``, fitted by ``benchmarks/fit_recurring.py`` on the development files,
leave-one-file-out). The model reads what the run is made of: its length, its words common to many
regions' reports (``initiative_common_words.txt``), proper names, and the part of speech it ends
with. It also reads how the parts use it: how often, whether a verb governs it, whether it fills its
clause, whether its clause holds a figure, and in how many regions' comparisons the same run recurs
(``recurring_regions.tsv``). A run the model finds likely enough becomes a weak initiative of both
sides (:attr:`~reportdiff.initiatives.Initiative.needs_both`; its weight in
:attr:`~reportdiff.initiatives.Initiative.recurring`). It is then kept or progressed, never new or
dropped. It pairs only with itself
(:attr:`~reportdiff.initiatives.Initiative.found_for`). Its text is its own clause, cut where another
name begins, so it says nothing about the other names of its sentence. Held-out judges found about one
listed run in six to be a real initiative (docs/initiatives.md): every one is flagged.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any, NamedTuple

from ._data import data_json, data_text
from .initiatives import Initiative, InitiativeKind, Mention, find_named, grammar, match_key
from .structure import Part, Report

__all__ = ["FEATURES", "Run", "recurring", "recurring_runs", "run_features"]

#: a run at least / at most this many characters long
_MIN, _MAX = 4, 12
#: what ends a clause (full-width or ASCII punctuation), or a name found by the grammar (masked as ``|``)
_ENDS = r"|，；。：、！？（）“”《》〈〉‘’「」,;:!?()\[\]\"'\s"
_CLAUSE_END = re.compile(f"[{_ENDS}]")
#: a clause at least a run long between clause ends
_CLAUSE = re.compile(f"[^{_ENDS}]{{{_MIN},}}")
#: a digit or a percent sign: a run holding one is a figure's label (城镇新增就业50万人), never a name
_FIGURE = re.compile(r"[0-9０-９%％.．]")
#: the part-of-speech tags (rjieba) a run may not start with: verbs, adverbs, prepositions,
#: conjunctions, particles, pronouns, directions, numerals and measure words (not times: 现代)
_LEAD_TAGS = frozenset({"v", "vd", "d", "ad", "p", "c", "u", "r", "f", "m", "q"})
#: the tags a run may not end with
_TAIL_TAGS = frozenset({"v", "vd", "d", "p", "c", "u", "f", "m", "q"})
#: the tags of proper names: place, person, organisation, other
_PROPER = frozenset({"ns", "nr", "nrfg", "nrt", "nt", "nz"})
#: the features, in the order of the model's weights (``recurring_model.json``)
FEATURES = (
    "length",
    "words",
    "common_share",
    "own_word",
    "proper",
    "ends_noun",
    "ends_verbal",
    "one_word",
    "mentions",
    "governed",
    "fills_clause",
    "figure_clause",
    "regions",
)

Tag = tuple[str, str]


class Run(tuple[str, tuple[Tag, ...]]):
    """A recurring run: its text and its words with their part-of-speech tags."""

    __slots__ = ()

    @property
    def text(self) -> str:
        return self[0]

    @property
    def words(self) -> tuple[Tag, ...]:
        return self[1]


@cache
def _words(role: str) -> frozenset[str]:
    """The words of a role in ``recurring_words.tsv``."""
    rows = (line.split("\t") for line in data_text("recurring_words.tsv").splitlines())
    return frozenset(r[0] for r in rows if len(r) >= 2 and r[1].strip() == role and r[0][:1] != "#")


@lru_cache(maxsize=1)
def _regions() -> dict[str, int]:
    """Run → the number of regions whose comparisons hold it (``recurring_regions.tsv``)."""
    rows = (line.split("\t") for line in data_text("recurring_regions.tsv").splitlines() if line[:1] != "#")
    return {r[0]: int(r[1]) for r in rows if len(r) == 2}


@lru_cache(maxsize=1)
def _model() -> dict[str, Any]:
    model: dict[str, Any] = data_json("recurring_model.json")
    if tuple(model["features"]) != FEATURES or len(model["weights"]) != len(FEATURES):
        raise ValueError("recurring_model.json holds other features: run benchmarks/fit_recurring.py")
    return model


def _spans(items: Sequence[Initiative]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for i in items for m in (i.mentions or (i,))]


def clauses(report: Report, part: str | None, taken: Sequence[tuple[int, int]]) -> list[Clause]:
    """The clauses of a part outside the names ``taken`` (a name ends a clause), at least a run long,
    each with its offset in the report's text.

    >>> from reportdiff.structure import load
    >>> r = load("二、2025年工作安排\\n常态化开展扫黑除恶斗争，建成福州地铁4号线。")
    >>> [c.text for c in clauses(r, "plan", [(r.text.index("福州"), r.text.index("。"))])]
    ['2025年工作安排', '常态化开展扫黑除恶斗争']
    """
    text = masked(report.text, taken)
    out = []
    for s in report.sentences_in(part):
        for m in _CLAUSE.finditer(text, s.start, s.end):
            out.append(Clause(m.group(), m.start(), s.start))
    return out


class Clause(NamedTuple):
    """A clause outside the names: its text, its offset in the report, its sentence's offset."""

    text: str
    start: int
    sentence: int


def masked(text: str, taken: Sequence[tuple[int, int]]) -> str:
    """``text`` with the spans ``taken`` written as ``|`` (as long as they were)."""
    chars = list(text)
    for a, b in taken:
        chars[a:b] = "|" * (b - a)
    return "".join(chars)


def shared_spans(clauses_a: Sequence[str], text_b: str) -> dict[int, list[tuple[int, int]]]:
    """The longest spans of ``clauses_a`` (at least a run long) that ``text_b`` holds too, read left to
    right (each starts where the last one could not go on): for each clause holding one (by its
    index), their (start, end) in it.

    >>> shared_spans(["常态化开展扫黑除恶斗争"], "深入推进扫黑除恶|常态化")
    {0: [(5, 9)]}
    """
    grams = {text_b[i : i + _MIN] for i in range(len(text_b) - _MIN + 1)}
    out: dict[int, list[tuple[int, int]]] = {}
    for k, c in enumerate(clauses_a):
        hit = [c[i : i + _MIN] in grams for i in range(len(c) - _MIN + 1)]
        i = 0
        while i < len(hit):
            if not hit[i]:
                i += 1
                continue
            end = i
            while end + 1 < len(hit) and hit[end + 1]:
                end += 1
            out.setdefault(k, []).extend(_longest(c, i, end + _MIN, text_b))
            i = end + 1
    return out


def _longest(c: str, start: int, end: int, text_b: str) -> list[tuple[int, int]]:
    """The longest spans of ``c[start:end]`` (every four characters of which ``text_b`` holds) that
    ``text_b`` holds whole, read left to right."""
    out = []
    i = start
    while i <= end - _MIN:
        if c[i:end] in text_b:
            out.append((i, end))
            break
        j = i + _MIN
        while j < end and c[i : j + 1] in text_b:
            j += 1
        if c[i:j] in text_b:
            out.append((i, j))
        i = max(i + 1, j - 1)
    return out


def _stopped(text: str) -> bool:
    """Whether a run holds a word no initiative holds (``recurring_words.tsv``, role ``stop``: 等, a
    class of things; what a government studies and follows rather than does, 党中央, 全会精神; a
    meeting, 党代会) or ends with a word no initiative ends with (role ``stop-end``: a positioning,
    …高地, …强省; an indicator, …率)."""
    return any(w in text for w in _words("stop")) or text.endswith(tuple(_words("stop-end")))


def trim(words: Sequence[Tag]) -> tuple[Tag, ...]:
    """A span's words without what governs or qualifies the thing: leading verbs, adverbs,
    prepositions and particles (by their tags), and leading words that govern a name
    (``stage_verbs.tsv``) or lead a clause (``recurring_words.tsv``, role ``lead``: 贯彻落实, 全力支持);
    then without a trailing tail word (role ``tail``: 建设, 工作), verb, adverb or particle. A negation is
    part of the name (不合格药品核查).

    >>> words = [("深化", "v"), ("清理", "a"), ("拖欠", "v"), ("企业", "n"), ("账款", "n"), ("工作", "vn")]
    >>> [w for w, _ in trim(words)]
    ['清理', '拖欠', '企业', '账款']
    """
    lead, tail, negation = _words("lead"), _words("tail"), _words("negation")
    governs = grammar().stages
    a, b = 0, len(words)
    while a < b:
        w, t = words[a]
        t = "u" if t[:1] == "u" else t
        two = w + words[a + 1][0] if a + 1 < b else ""
        if two in governs or two in lead:
            a += 2
        elif (t in _LEAD_TAGS and w not in negation) or w in governs or w in lead:
            a += 1
        else:
            break
    while b > a and (words[b - 1][0] in tail or words[b - 1][1] in _TAIL_TAGS or words[b - 1][1][:1] == "u"):
        b -= 1
    return tuple(words[a:b])


#: the tagged words of a report's sentences, by the sentence's offset, as
#: :func:`reportdiff.terms.tag_sentences` gives them (read by :func:`untag`)
Tagged = Mapping[int, tuple[bytes, str]]


def untag(text: str, tagged: tuple[bytes, str]) -> list[Tag]:
    """A sentence's words and tags from the compact form of :func:`reportdiff.terms.tag_sentences`.

    >>> from array import array
    >>> untag("推进数字政府建设", (array("H", [2, 2, 2, 2]).tobytes(), "v n n vn"))
    [('推进', 'v'), ('数字', 'n'), ('政府', 'n'), ('建设', 'vn')]
    """
    lengths = array("H")
    lengths.frombytes(tagged[0])
    out, pos = [], 0
    for n, t in zip(lengths, tagged[1].split(" "), strict=True):
        out.append((text[pos : pos + n], t))
        pos += n
    return out


def recurring_runs(
    old_report: Report,
    new_report: Report,
    old_items: Sequence[Initiative],
    new_items: Sequence[Initiative],
    *,
    old_part: str | None = None,
    new_part: str | None = None,
    tags: tuple[Tagged, Tagged] | None = None,
) -> list[Run]:
    """The runs both parts hold outside their names, trimmed, at most :data:`_MAX` characters long,
    without a figure or a word no initiative holds (:func:`_stopped`). They are read from the clauses
    of one part, the same whichever part is called old (the one whose text comes first in code-point
    order), and looked up in the other's. ``tags``: each part's sentences tagged
    (:func:`reportdiff.terms.tag_sentences`, in a forked process); by default the sentences that hold
    a shared span are tagged here."""
    ca = clauses(old_report, old_part, _spans(old_items))
    cb = clauses(new_report, new_part, _spans(new_items))
    mine, theirs, report, k = ca, cb, old_report, 0
    if (new_report.text, new_part or "") < (old_report.text, old_part or ""):
        mine, theirs, report, k = cb, ca, new_report, 1
    words = _Words(report, tags[k] if tags else None)
    runs: dict[str, Run] = {}
    for i, spans in shared_spans([c.text for c in mine], "|".join(c.text for c in theirs)).items():
        c = mine[i]
        for a, b in spans:
            run = trim(words.within(c.sentence, c.start + a, c.start + b))
            text = "".join(w for w, _ in run)
            if _MIN <= len(text) <= _MAX and not _FIGURE.search(text) and not _stopped(text):
                runs.setdefault(text, Run((text, run)))
    return [runs[t] for t in sorted(runs)]


class _Words:
    """The tagged words of a report's sentences: given, or tagged here when first asked for."""

    def __init__(self, report: Report, given: Tagged | None) -> None:
        self.text, self.given = report.text, given
        self.ends = {s.start: s.end for s in report.sentences}
        self.cache: dict[int, list[Tag]] = {}
        self.offsets: dict[int, list[int]] = {}

    def sentence(self, start: int) -> Sequence[Tag]:
        if start not in self.cache:
            text = self.text[start : self.ends[start]]
            if self.given is not None:
                self.cache[start] = untag(text, self.given[start]) if start in self.given else []
            else:
                from .terms import tagger

                self.cache[start] = [(w, t) for w, t in tagger()(text)]
        return self.cache[start]

    def within(self, sentence: int, start: int, end: int) -> list[Tag]:
        """The words of the sentence at ``sentence`` that lie wholly within ``[start, end)``."""
        if sentence not in self.offsets:
            pos, starts = sentence, []
            for w, _ in self.sentence(sentence):
                starts.append(pos)
                pos += len(w)
            self.offsets[sentence] = starts
        starts, words = self.offsets[sentence], self.sentence(sentence)
        a = bisect_left(starts, start)
        b = bisect_left(starts, end)
        if b > a and starts[b - 1] + len(words[b - 1][0]) > end:
            b -= 1
        return list(words[a:b])


def run_features(run: Run, old: Initiative, new: Initiative, regions: int | None = None) -> list[float]:
    """The feature vector of a run (see :data:`FEATURES`) named ``old`` and ``new`` in the two parts;
    ``regions``: in how many regions' comparisons it recurs (default: ``recurring_regions.tsv``)."""
    mentions = len(old.mentions or (old,)) + len(new.mentions or (new,))
    clause = min(len(m.text) for i in (old, new) for m in (i.mentions or (i,)))
    return _features(
        run,
        regions,
        math.log(mentions),
        float(bool(old.verb) + bool(new.verb)) / 2,
        float(clause <= len(run.text) + 4),
        float(any(_FIGURE.search(m.text) for i in (old, new) for m in (i.mentions or (i,)))),
    )


def _features(run: Run, regions: int | None, *used: float) -> list[float]:
    """The feature vector of a run, given how the parts use it (mentions, governed, fills_clause,
    figure_clause)."""
    if regions is None:
        regions = _regions().get(run.text, 0)
    common = grammar().common_words
    long_words = [w for w, _ in run.words if len(w) >= 2]
    own = [w for w in long_words if w not in common]
    last = run.words[-1][1] if run.words else ""
    mentions, governed, fills, figure = used
    return [
        len(run.text) / 10,
        len(run.words) / 4,
        1.0 - len(own) / len(long_words) if long_words else 1.0,
        float(bool(own)),
        float(any(t in _PROPER for _, t in run.words)),
        float(last.startswith("n")),
        float(last in ("vn", "v")),
        float(len(run.words) == 1),
        mentions,
        governed,
        fills,
        figure,
        math.log1p(regions),
    ]


def _could_reach(run: Run, cut: float) -> bool:
    """Whether a run could be at least ``cut`` likely however the parts use it (each such feature at
    its most favourable value): the others need not be looked up."""
    w = dict(zip(FEATURES, _model()["weights"], strict=True))
    if w["mentions"] > 0:
        return True
    best = [1.0 if w[f] > 0 else 0.0 for f in ("governed", "fills_clause", "figure_clause")]
    return likelihood(_features(run, None, math.log(2), *best)) >= cut


def likelihood(x: Sequence[float], model: dict[str, Any] | None = None) -> float:
    """P(a run is an initiative) of a feature vector, by the model of ``recurring_model.json``."""
    m = model or _model()
    z = m["intercept"] + sum(w * v for w, v in zip(m["weights"], x, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def _stub(run: Run) -> Initiative:
    """An initiative to look a run up by (:func:`~reportdiff.initiatives.find_named`)."""
    return Initiative(run.text, InitiativeKind.PROGRAMME, None, "", run.text, "", "", "", Part.PLAN, 0, 0)


def recurring_pairs(
    old_report: Report,
    new_report: Report,
    old_items: Sequence[Initiative],
    new_items: Sequence[Initiative],
    *,
    old_part: str | None = None,
    new_part: str | None = None,
    cut: float = 0.0,
    tags: tuple[Tagged, Tagged] | None = None,
) -> list[tuple[Run, Initiative, Initiative]]:
    """Every recurring run with the initiative it is in each part (weak, paired only with itself);
    with ``cut``, only the runs that could be that likely however the parts use them."""
    runs = recurring_runs(
        old_report, new_report, old_items, new_items, old_part=old_part, new_part=new_part, tags=tags
    )
    if cut > 0.0:
        runs = [r for r in runs if _could_reach(r, cut)]
    if not runs:
        return []
    stubs = [_stub(r) for r in runs]
    taken_old, taken_new = _spans(old_items), _spans(new_items)
    found_old = _by_key(find_named(old_report, stubs, part=old_part, taken=taken_old))
    found_new = _by_key(find_named(new_report, stubs, part=new_part, taken=taken_new))
    out = []
    text_old, text_new = masked(old_report.text, taken_old), masked(new_report.text, taken_new)
    for r in runs:
        key = match_key(r.text, None)
        a, b = found_old.get(key), found_new.get(key)
        if a is not None and b is not None:
            out.append((r, _own(a, text_old), _own(b, text_new)))
    return out


def _own(i: Initiative, text: str) -> Initiative:
    """A run's initiative, weak, each clause cut where another name begins or ends (``text``: the
    report's text :func:`masked` by its names): the run's clause speaks of the run, not of the names
    around it."""
    mentions = tuple(replace(m, text=_own_clause(m, text)) for m in i.mentions)
    own = "；".join(dict.fromkeys(m.text for m in mentions)) if mentions else i.text
    return replace(i, needs_both=True, mentions=mentions, text=own)


def _own_clause(m: Mention, text: str) -> str:
    """The clause of a mention in the masked ``text``: between the nearest clause ends or names."""
    start, end = m.start, m.end
    while start > 0 and not _CLAUSE_END.match(text, start - 1):
        start -= 1
    while end < len(text) and not _CLAUSE_END.match(text, end):
        end += 1
    return text[start:end]


def _by_key(items: Sequence[Initiative]) -> dict[str, Initiative]:
    return {i.found_for: i for i in items if i.found_for}


def recurring(
    old_report: Report,
    new_report: Report,
    old_items: Sequence[Initiative],
    new_items: Sequence[Initiative],
    *,
    old_part: str | None = None,
    new_part: str | None = None,
    threshold: float | None = None,
    tags: tuple[Tagged, Tagged] | None = None,
) -> tuple[list[Initiative], list[Initiative]]:
    """The recurring runs the model finds likely initiatives (at least ``threshold``, by default the
    model's), as initiatives of each side.

    >>> from reportdiff.structure import load
    >>> from reportdiff.initiatives import extract_initiatives
    >>> old = load("二、2025年工作安排\\n加强牛河梁红山文化遗址系统性保护，做好前期工作。")
    >>> new = load("二、2026年工作安排\\n推进牛河梁红山文化遗址保护利用，做好前期工作。")
    >>> a, b = recurring(old, new, extract_initiatives(old), extract_initiatives(new))
    >>> [(x.name, y.name) for x, y in zip(a, b)]
    [('牛河梁红山文化遗址', '牛河梁红山文化遗址')]
    """
    cut = _model()["threshold"] if threshold is None else threshold
    old_out, new_out = [], []
    for run, a, b in recurring_pairs(
        old_report, new_report, old_items, new_items, old_part=old_part, new_part=new_part, cut=cut, tags=tags
    ):
        p = likelihood(run_features(run, a, b))
        if p >= cut:
            old_out.append(replace(a, recurring=p))
            new_out.append(replace(b, recurring=p))
    return old_out, new_out
