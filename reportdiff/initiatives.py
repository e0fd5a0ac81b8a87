"""Stage 4b: named initiatives — the commitments without a number.

An initiative is a concrete commitment that can be named on its own (``../shared/gold/README.md``,
"Named initiatives"): a project (福州地铁4号线), a programme (“人工智能+”行动), a pilot, a named
reform, a regulation (民营经济促进条例), a platform or zone being set up, an event. Its ``stage``
comes from the verb that governs it: prepare < start < build < done.

The grammar reads the report's structure (sentences), regular expressions and the word lists in
``reportdiff/data/`` — no segmenter dictionary, so that extraction stays as cheap as
:func:`~reportdiff.commitments.extract_commitments`:

* a clause (split at ，；： outside quotes and brackets) is split into list members at 、;
* a member opens with a run of governing words (深入实施, 加快建设, 推动出台): the last one that says a
  stage sets it (``stage_verbs.tsv``; intensifiers say none); a member without its own takes the
  clause's (建成A、B、C), and a verb after the name (…封关验收, …建成运行) serves when none precedes;
* a name ends with a suffix of ``initiative_kinds.tsv`` (…行动, …试点, …条例, …机场), merged with the
  suffixes that follow it without a boundary (科学城实体化改革), and starts after the nearest
  boundary or verb that leaves it specific (``initiative_words.tsv``): 创新平台 alone is no name;
* 《title》 names a regulation or plan; a quotation governed by a verb names a programme
  (深化“高效办成一件事”), unless it is a slogan (``initiative_stop.txt``); the members of
  ``A、B、C等省实验室`` are named by their own words;
* a clause stating a number (建设外向型产业集聚区50个) is a quantified commitment, not an initiative.

>>> from reportdiff.structure import load
>>> r = load("2025年福建省政府工作报告\\n二、2025年工作安排\\n"
...          "建成福州地铁4号线后通段、沙南高速，出台《福建省民营经济促进条例》，深入实施“人工智能+”行动。")
>>> [(i.name, i.kind.value, i.stage.value) for i in extract_initiatives(r)]  # doctest: +NORMALIZE_WHITESPACE
[('福州地铁4号线', 'project', 'done'), ('沙南高速', 'project', 'done'),
 ('民营经济促进条例', 'regulation', 'done'), ('“人工智能+”行动', 'programme', 'start')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any, NamedTuple

from .quantities import extract_quantities
from .structure import Part, Report, Sentence


class InitiativeKind(str, Enum):
    """What an initiative is (README, "Named initiatives")."""

    PROJECT = "project"  # a line, road, bridge, port, airport, hospital, venue, park
    PROGRAMME = "programme"  # a programme or campaign: …行动, …工程, …计划
    PILOT = "pilot"  # …试点
    REFORM = "reform"  # a named reform: …改革
    REGULATION = "regulation"  # a law, regulation or policy document: 《…》, …条例, …办法
    PLATFORM = "platform"  # a platform or institution: …平台, …中心, …实验室
    ZONE = "zone"  # a zone or area: …示范区, …综保区, …科学城
    EVENT = "event"  # …博览会, …大会, …论坛


_STAGE_RANK = {"prepare": 1, "start": 2, "build": 3, "done": 4}


class Stage(str, Enum):
    """How far an initiative is, from the verb that governs it; stages compare in this order.

    >>> Stage.PREPARE < Stage.START < Stage.BUILD < Stage.DONE
    True
    >>> max(Stage.DONE, Stage.BUILD).value
    'done'
    """

    PREPARE = "prepare"  # 谋划, 研究, 推进前期工作, 争取
    START = "start"  # 启动, 开工, 实施, 设立, 组建
    BUILD = "build"  # 加快建设, 推进建设, 续建, 深化
    DONE = "done"  # 建成, 投用, 通车, 出台, 完成, 获批, 举办

    @property
    def rank(self) -> int:
        """1 (prepare) to 4 (done)."""
        return _STAGE_RANK[self.value]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Stage):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Stage):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Stage):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Stage):
            return NotImplemented
        return self.rank >= other.rank

    __hash__ = str.__hash__


@dataclass(frozen=True)
class Initiative:
    """One named initiative in one clause.

    Attributes:
        name: the shortest span that names it (福州地铁4号线, “人工智能+”行动, 民营经济促进条例).
        kind: project, programme, pilot, reform, regulation, platform, zone or event.
        stage: prepare, start, build or done, from the governing verb; None when no verb says.
        verb: the governing verb as written (深入实施, 建成投用), '' when none.
        text: its clause: the text between ，；：、 around it (outside quotations and brackets), as the
            structure stage splits clauses; a list member's clause holds the member only.
        sentence: the whole sentence.
        section_path: dotted path of the innermost section (``"3.2"``).
        section_title: that section's title.
        part: the part of the report (review, plan, five_year, self, other).
        start: offset of the name in the report text.
        end: offset one past it.
        region: the report's region.
        year: the report's year.
    """

    name: str
    kind: InitiativeKind
    stage: Stage | None
    verb: str
    text: str
    sentence: str
    section_path: str
    section_title: str
    part: Part
    start: int
    end: int
    region: str | None = None
    year: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used by ``reportdiff initiatives --format json`` and an initiative change's side."""
        return {
            "name": self.name,
            "kind": self.kind.value,
            "stage": self.stage.value if self.stage else None,
            "verb": self.verb,
            "text": self.text,
            "sentence": self.sentence,
            "section": {"path": self.section_path, "title": self.section_title},
            "part": self.part.value,
            "start": self.start,
            "end": self.end,
        }

    def __repr__(self) -> str:
        stage = self.stage.value if self.stage else "?"
        return f"<Initiative {self.part.value} {self.kind.value} {self.name} ({self.verb or '—'}: {stage})>"


class InitiativeList(list[Initiative]):
    """A plain list of initiatives that also displays as a table in a notebook."""

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every initiative's ``to_dict()``, with its region and year."""
        return [{**i.to_dict(), "region": i.region, "year": i.year} for i in self]

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(
            f"<tr><td>{escape(i.part.value)}</td><td>{escape(i.section_path)}</td><td>{escape(i.name)}</td>"
            f"<td>{i.kind.value}</td><td>{i.stage.value if i.stage else ''}</td><td>{escape(i.text)}</td></tr>"
            for i in self
        )
        head = "".join(f"<th>{h}</th>" for h in ("part", "section", "name", "kind", "stage", "clause"))
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


# --- word lists -------------------------------------------------------------------------------


def _rows(name: str) -> list[list[str]]:
    """The rows of a TSV data file, comments and blank lines left out."""
    from importlib.resources import files

    text = (files("reportdiff") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Grammar:
    """The word lists of ``reportdiff/data/``, compiled once (see :func:`grammar`).

    Attributes:
        kinds: suffix → kind.
        needs: suffix → what must precede it ('' two specific characters, '1' one, 'alnum', 'quote').
        stages: governing word → stage (None for intensifiers and helpers).
        verb_roles: governing word → where it governs ('' anywhere, 'inner' or 'adverb': see the data file).
        roles: word → role in ``initiative_words.tsv`` (determiner, scope, boundary, generic, project).
        stop: quoted phrases and names that are never initiatives.
        stop_patterns: the same as regular expressions (whole match).
    """

    kinds: dict[str, InitiativeKind]
    needs: dict[str, str]
    stages: dict[str, Stage | None]
    verb_roles: dict[str, str]
    roles: dict[str, str]
    stop: frozenset[str]
    stop_patterns: tuple[re.Pattern[str], ...]

    @property
    def suffix_re(self) -> re.Pattern[str]:
        return _compiled(self, "suffix")

    @property
    def lead_re(self) -> re.Pattern[str]:
        return _compiled(self, "lead")

    @property
    def boundary_re(self) -> re.Pattern[str]:
        return _compiled(self, "boundary")

    @property
    def generic_re(self) -> re.Pattern[str]:
        return _compiled(self, "generic")

    @property
    def project_re(self) -> re.Pattern[str]:
        return _compiled(self, "project")

    @property
    def noun_re(self) -> re.Pattern[str]:
        return _compiled(self, "noun")

    def words(self, role: str) -> list[str]:
        return [w for w, r in self.roles.items() if r == role]

    def is_stop(self, phrase: str) -> bool:
        """A slogan or generic phrase (``initiative_stop.txt``); the patterns spare a phrase that ends
        with an initiative suffix (“五个中心”, “十大行动”)."""
        if phrase in self.stop:
            return True
        ends = re.search(f"(?:{self.suffix_re.pattern})$", phrase)
        return ends is None and any(p.fullmatch(phrase) for p in self.stop_patterns)


_CACHE: dict[tuple[int, str], re.Pattern[str]] = {}


def _compiled(g: Grammar, what: str) -> re.Pattern[str]:
    key = (id(g), what)
    if key not in _CACHE:
        if what == "suffix":
            pattern = _alternation(list(g.kinds))
        elif what == "lead":
            pattern = f"(?:{_alternation([*g.stages, *g.words('determiner'), *g.words('scope')])})"
        elif what == "boundary":
            # not-boundary words first, so that 并购 is read before 并
            pattern = (
                f"(?P<no>{_alternation(g.words('not-boundary'))})|(?P<det>{_alternation(g.words('determiner'))})"
                f"|(?P<hard>{_alternation(g.words('boundary'))})"
                f"|(?P<verb>{_alternation([w for w in g.stages if len(w) >= 2])})"
            )
        else:
            pattern = _alternation(g.words(what))
        _CACHE[key] = re.compile(pattern)
    return _CACHE[key]


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The initiative grammar's word lists, loaded once from ``reportdiff/data/``."""
    kinds: dict[str, InitiativeKind] = {}
    needs: dict[str, str] = {}
    for row in _rows("initiative_kinds.tsv"):
        kinds[row[0]] = InitiativeKind(row[1])
        needs[row[0]] = row[2] if len(row) > 2 else ""
    verbs = _rows("stage_verbs.tsv")
    stages = {row[0]: None if row[1] == "-" else Stage(row[1]) for row in verbs}
    verb_roles = {row[0]: row[2] if len(row) > 2 else "" for row in verbs}
    roles = {row[0]: row[1] for row in _rows("initiative_words.tsv")}
    stop_lines = [row[0] for row in _rows("initiative_stop.txt")]
    stop = frozenset(w for w in stop_lines if not w.startswith("re:"))
    patterns = tuple(re.compile(w[3:]) for w in stop_lines if w.startswith("re:"))
    return Grammar(kinds, needs, stages, verb_roles, roles, stop, patterns)


# --- clauses and members --------------------------------------------------------------------------

#: quotations, titles and brackets: never split, and their words are no boundaries
_PROTECTED = re.compile(r"“[^“”]{1,30}”|《[^《》]{1,60}》|（[^（）]{0,30}）|\([^()]{0,30}\)|‘[^‘’]{1,30}’")
_CLAUSE_SEP = re.compile(r"[，,；;：:。！？!?]")
_QUOTE = re.compile(r"“([^“”]{1,30})”")
_TITLE = re.compile(r"《([^《》]{2,60})》")
#: what a 《title》 must end with to name a regulation or plan
_TITLE_END = re.compile(r"(?:法|条例|办法|规定|规划|纲要|方案|意见|决定|细则|计划|标准|清单|规则|准则)(?:[（(].*)?$")
_ALNUM_BEFORE = re.compile(r"[A-Za-z0-9号]$")
_MAX_NAME = 28
#: how far after a name a verb may stand and still govern it (…（一期）封关验收)
_POST_REACH = 6
#: a heading's ordinal opening a sentence: （四）, 3.
_ORDINAL = re.compile(r"(?:（[一二三四五六七八九十]{1,3}）|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}、)")


def _protected(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PROTECTED.finditer(text)]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in spans)


def _split(text: str, start: int, end: int, sep: re.Pattern[str], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces of ``text[start:end]`` between separators outside protected spans."""
    out, pos = [], start
    for m in sep.finditer(text, start, end):
        if _inside(m.start(), spans):
            continue
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        out.append((pos, end))
    return out


_MEMBER_SEP = re.compile(r"、")


@dataclass
class _Lead:
    end: int  # where the governing words end
    verb: str  # the governing words as written, intensifiers included
    stage: Stage | None
    helper: bool = False  # the verb that set the stage defers to a verb after the name (推进X前期工作)


def _lead(text: str, pos: int, end: int, g: Grammar) -> _Lead:
    """The run of governing words, determiners and scope words opening ``text[pos:end]``."""
    if (o := _ORDINAL.match(text, pos, end)) is not None:
        pos = o.end()
    start, verb_end, stage, helper = pos, pos, None, False
    while pos < end and (m := g.lead_re.match(text, pos, end)):
        word = m.group()
        role = g.roles.get(word)
        if role not in ("determiner", "scope"):
            verb_end = m.end()
            if g.stages.get(word) is not None:
                stage, helper = g.stages[word], g.verb_roles.get(word) == "helper"
            elif g.verb_roles.get(word) == "helper":
                helper = True
        pos = m.end()
    return _Lead(pos, text[start:verb_end], stage, helper)


@dataclass
class _Hit:
    start: int
    end: int
    suffix: str


@dataclass
class _Name:
    start: int
    end: int
    kind: InitiativeKind
    verb: str = ""
    stage: Stage | None = None


def _hits(text: str, pos: int, end: int, spans: list[tuple[int, int]], g: Grammar) -> list[_Hit]:
    """Suffix occurrences in ``text[pos:end]``; one closing a quotation ends after the quote mark."""
    out = []
    for m in g.suffix_re.finditer(text, pos, end):
        longer = (g.suffix_re.match(text, p, end) for p in range(m.start() + 1, m.end()))
        m = max((x for x in longer if x is not None), key=lambda x: x.end(), default=m)
        if out and m.start() < out[-1].end:
            continue
        if any(a < m.start() < b and text[a] in "（(" for a, b in spans):
            continue  # inside brackets: 福州机场综合保税区（一期）
        stop = m.end()
        if stop < end and text[stop] in "”’》" and _inside(m.start(), spans):
            stop += 1
        elif _inside(m.start(), spans) or _inside(m.end(), spans):
            continue
        out.append(_Hit(m.start(), stop, m.group()))
    return out


class _Bound(NamedTuple):
    start: int
    end: int
    kind: str  # hard (a boundary word), det (a determiner: a category follows) or verb


def _boundaries(text: str, pos: int, end: int, spans: list[tuple[int, int]], g: Grammar) -> list[_Bound]:
    """Boundary words and verbs in ``text[pos:end]``, outside quotations and brackets."""
    return [
        _Bound(m.start(), m.end(), m.lastgroup or "")
        for m in g.boundary_re.finditer(text, pos, end)
        if m.lastgroup != "no"
        and not (m.lastgroup == "verb" and g.verb_roles.get(m.group()) in ("inner", "adverb"))
        and not _inside(m.start(), spans)
        and not _inside(m.end() - 1, spans)
    ]


def _specific(name: str, suffix: str, g: Grammar) -> bool:
    """Whether ``name`` (ending with ``suffix``) names something: enough specific words before the suffix."""
    if g.is_stop(name) or len(name) > _MAX_NAME:
        return False
    mod = name[: len(name) - len(suffix.rstrip("”’》"))] if name.endswith(suffix) else name
    mod = mod.rstrip("”’》")
    need = g.needs.get(suffix, "")
    if need == "alnum":
        return len(mod) >= 2 and bool(_ALNUM_BEFORE.search(mod))
    if any(not g.is_stop(q) for q in _QUOTE.findall(name)):
        return True
    if need == "quote":
        return False
    core = g.generic_re.sub("", re.sub(r"[（）()“”《》‘’\s]", "", mod))
    return bool(mod) and len(core) >= (1 if need == "1" else 2)


def _strip_lead(text: str, start: int, end: int, g: Grammar) -> int:
    """Skip governing words and scope words at ``start`` (a name never starts with a verb)."""
    while start < end and (m := g.lead_re.match(text, start, end)):
        start = m.end()
    return start


def _group(text: str, hits: list[_Hit], bounds: list[_Bound], g: Grammar) -> list[list[_Hit]]:
    """Runs of suffixes that form one name: no boundary between them, or only verbs after which the
    later piece names nothing (国有企业改革深化提升行动)."""
    groups: list[list[_Hit]] = []
    for h in hits:
        if groups:
            prev = groups[-1][-1]
            between = [b for b in bounds if prev.end <= b.start and b.end <= h.start]
            if not between or (
                all(b.kind == "verb" for b in between)
                and not _specific(text[between[-1].end : h.end], h.suffix, g)
            ):
                groups[-1].append(h)
                continue
        groups.append([h])
    return groups


def _name_start(
    text: str, floor: int, group: list[_Hit], bounds: list[_Bound], g: Grammar
) -> tuple[int, int] | None:
    """Where the name of ``group`` starts, and where the verb before it starts (or -1): after the
    nearest boundary that leaves a specific name; a verb is passed while the piece after it is not."""
    first, last = group[0], group[-1]
    before = [b for b in bounds if floor <= b.start and b.end <= first.start]
    for b in reversed(before):
        start = _strip_lead(text, b.end, last.start, g)
        if _specific(text[start : last.end], last.suffix, g):
            return start, (b.start if b.kind == "verb" else -1)
        if b.kind != "verb":
            return None
    start = _strip_lead(text, floor, last.start, g)
    return (start, -1) if _specific(text[start : last.end], last.suffix, g) else None


def _ends_name(text: str, end: int, b: int, g: Grammar) -> bool:
    """Whether a name may end at ``end``: not when more noun follows, which makes it the modifier of a
    longer noun (改革开放, 中央八项规定精神); a verb, a boundary or the member's end may follow."""
    if end >= b:
        return True
    m = g.boundary_re.match(text, end, b)
    if m is not None and m.lastgroup != "no":
        return True
    return g.noun_re.match(text, end, b) is None


def _kind(name: str, suffix: str, g: Grammar) -> InitiativeKind:
    kind = g.kinds[suffix]
    if kind is InitiativeKind.PROGRAMME and suffix in ("工程", "计划") and g.project_re.search(name):
        return InitiativeKind.PROJECT
    return kind


def _post_verb(text: str, start: int, end: int, g: Grammar) -> tuple[str, Stage | None]:
    """The first stage-bearing verb after a name (…封关验收, …建成运行), if any."""
    for m in g.boundary_re.finditer(text, start, min(end, start + _POST_REACH + 4)):
        if m.lastgroup == "verb" and g.stages.get(m.group()) is not None and m.start() - start <= _POST_REACH:
            return m.group(), g.stages[m.group()]
        if m.lastgroup in ("hard", "det"):
            break
    return "", None


def _member_names(
    text: str, a: int, b: int, spans: list[tuple[int, int]], lead: _Lead, g: Grammar
) -> list[_Name]:
    """The suffix-named initiatives of the list member ``text[a:b]`` (after its governing words)."""
    hits = _hits(text, lead.end, b, spans, g)
    if not hits:
        return []
    bounds = _boundaries(text, a, b, spans, g)
    out: list[_Name] = []
    floor = lead.end
    for group in _group(text, hits, bounds, g):
        last = group[-1]
        found = _name_start(text, floor, group, bounds, g) if _ends_name(text, last.end, b, g) else None
        floor = last.end
        if found is None:
            continue
        start, verb_at = found
        name = _Name(start, last.end, _kind(text[start : last.end], last.suffix, g))
        if verb_at >= 0:
            lead_here = _lead(text, verb_at, start, g)
            name.verb, name.stage = lead_here.verb, lead_here.stage
        out.append(name)
    return out


def _quote_names(text: str, a: int, b: int, taken: list[_Name], g: Grammar) -> list[_Name]:
    """Quotations that name a programme (深化“高效办成一件事”, 推进“无证明省份”建设): every one of
    ``text[a:b]`` outside the names already found, unless it is a slogan or too short."""
    out = []
    for m in _QUOTE.finditer(text, a, b):
        word = m.group(1)
        if len(word) < 2 or g.is_stop(word) or any(n.start <= m.start() < n.end for n in taken):
            continue
        out.append(_Name(m.start(), m.end(), InitiativeKind.PROGRAMME))
    return out


def _title_names(text: str, a: int, b: int, region: str) -> list[_Name]:
    """《titles》 of laws, regulations and plans, the report's own region left out of the name."""
    out = []
    for m in _TITLE.finditer(text, a, b):
        inner = m.group(1)
        if not _TITLE_END.search(inner) or inner.startswith("习近平"):
            continue
        own = re.match(f"{re.escape(region)}(?:省|市|自治区)?", inner)
        start = m.start(1) + (own.end() if own and len(inner) > own.end() + 2 else 0)
        out.append(_Name(start, m.end(1), InitiativeKind.REGULATION))
    return out


#: kinds whose members a ``A、B、C等…`` list names by their own words (等省实验室, 等改革, 等活动)
_LISTED = frozenset(
    {InitiativeKind.PLATFORM, InitiativeKind.REFORM, InitiativeKind.PILOT, InitiativeKind.EVENT, InitiativeKind.PROJECT}
)


def _listed(text: str, members: list[tuple[int, int]], leads: list[_Lead], names: list[list[_Name]], g: Grammar) -> None:
    """``A、B、C等省实验室``: members without a name of their own are named by their words, with the
    kind of the suffix after 等."""
    a, b = members[-1]
    m = re.search(r"等(?:一批)?[^等]{0,12}$", text[a:b])
    if m is None:
        return
    tail = text[a + m.start() + 1 : b]
    hit = next((h for h in reversed(list(grammar().suffix_re.finditer(tail))) if h), None)
    if hit is None:
        return
    kind = g.kinds[hit.group()]
    if kind not in _LISTED:
        return
    last_end = a + m.start()
    for k, (start, end) in enumerate(members):
        if k == len(members) - 1:
            end = last_end
        if names[k] or start >= end:
            continue
        start = _strip_lead(text, leads[k].end if k == 0 else start, end, g)
        for q in _QUOTE.finditer(text, start, end):  # “高效办成一件事”“综合查一次”等改革
            if not g.is_stop(q.group(1)):
                names[k].append(_Name(q.start(), q.end(), kind))
        word = text[start:end]
        if not names[k] and 2 <= len(word) <= 14 and not g.is_stop(word) and not re.search(r"[“”《》]", word):
            names[k].append(_Name(start, end, kind))


def _quantified(text: str, a: int, b: int, names: list[_Name], spans: list[tuple[int, int]]) -> bool:
    """Whether the clause ``text[a:b]`` states a number outside its names (then it is a quantified
    commitment: 建设外向型产业集聚区50个)."""
    clause = text[a:b]
    if not re.search(r"[0-9零〇一二两三四五六七八九十百千万亿]", clause):
        return False
    for q in extract_quantities(clause):
        s, e = a + q.start, a + q.end
        if q.unit and not any(n.start <= s < n.end for n in names) and not _inside(s, spans):
            return True
    return False


def _clause_names(
    text: str, a: int, b: int, spans: list[tuple[int, int]], region: str, g: Grammar
) -> list[tuple[_Name, tuple[int, int]]]:
    """Every initiative of the clause ``text[a:b]``, with its verb and stage."""
    members = _split(text, a, b, _MEMBER_SEP, spans)
    leads = [_lead(text, s, e, g) for s, e in members]
    names: list[list[_Name]] = []
    # a quotation names something only where a verb governs
    governed = any(ld.verb for ld in leads) or any(
        m.lastgroup == "verb" for m in g.boundary_re.finditer(text, a, b)
    )
    for (s, e), lead in zip(members, leads, strict=True):
        found = _member_names(text, s, e, spans, lead, g)
        if governed:
            found += _quote_names(text, s, e, found, g)
        titles = _title_names(text, s, e, region)
        marks = [(m.start(), m.end()) for m in _TITLE.finditer(text, s, e)]
        found = [n for n in found if not any(n.start < b_ and n.end > a_ for a_, b_ in marks)] + titles
        names.append(sorted(found, key=lambda n: n.start))
    if len(members) > 1 or "等" in text[a:b]:
        _listed(text, members, leads, names, g)
    flat = [n for ns in names for n in ns]
    if not flat or _quantified(text, a, b, flat, spans):
        return []
    shared = next(((ld.verb, ld.stage) for ld in leads if ld.verb), ("", None))
    etc = text.rfind("等", flat[-1].end, b)  # A、B等前期工作: the verb after 等 governs the whole list
    trailing = _post_verb(text, etc + 1 if etc >= 0 else flat[-1].end, b, g)
    for (s, e), lead, ns in zip(members, leads, names, strict=True):
        for n in ns:
            if n.verb:
                continue
            post = _post_verb(text, n.end, e, g)
            if lead.verb and lead.stage is not None and not (lead.helper and post[1] is not None):
                n.verb, n.stage = lead.verb, lead.stage
            elif post[1] is not None:
                n.verb, n.stage = post
            elif lead.verb:
                n.verb, n.stage = lead.verb, lead.stage
            elif shared[1] is not None:
                n.verb, n.stage = shared
            elif trailing[1] is not None:
                n.verb, n.stage = trailing
            else:
                n.verb = shared[0]
    return [(n, span) for span, ns in zip(members, names, strict=True) for n in ns]


def _sentence_names(sentence: Sentence, region: str, g: Grammar) -> list[tuple[_Name, tuple[int, int]]]:
    text = sentence.text
    spans = _protected(text)
    out = []
    for a, b in _split(text, 0, len(text), _CLAUSE_SEP, spans):
        out.extend(_clause_names(text, a, b, spans, region, g))
    return out


def extract_initiatives(report: Report, *, part: Part | str | None = None) -> InitiativeList:
    """Every named initiative of ``report`` (or of one part of it), in text order.

    The result is a list (an :class:`InitiativeList`, which a notebook shows as a table).
    """
    g = grammar()
    region = re.sub(r"(?:省|市|区|县|自治区|维吾尔自治区|壮族自治区|回族自治区)$", "", report.region or "") or "\0"
    out = InitiativeList()
    for sentence in report.sentences_in(part):
        section = report.sections[sentence.section]
        for n, (a, b) in _sentence_names(sentence, region, g):
            out.append(
                Initiative(
                    name=sentence.text[n.start : n.end],
                    kind=n.kind,
                    stage=n.stage,
                    verb=n.verb,
                    text=sentence.text[a:b],
                    sentence=sentence.text,
                    section_path=section.path,
                    section_title=section.title,
                    part=sentence.part,
                    start=sentence.start + n.start,
                    end=sentence.start + n.end,
                    region=report.region,
                    year=report.year,
                )
            )
    return out
