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
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum
from functools import lru_cache
from typing import Any, NamedTuple

from . import _regex
from .quantities import extract_quantities, parse_chinese_numeral, unit_kind
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
class Mention:
    """One place where a part names an initiative.

    Attributes:
        name: the span as written there (福州至厦门高速铁路, or 福厦高铁 elsewhere).
        stage: the stage its governing verb says there, or None.
        verb: that verb as written ('' when none).
        text: its clause (as :attr:`Initiative.text` of a single mention).
        sentence: the whole sentence.
        section_path: dotted path of the innermost section.
        section_title: that section's title.
        start: offset of the name in the report text.
        end: offset one past it.
    """

    name: str
    stage: Stage | None
    verb: str
    text: str
    sentence: str
    section_path: str
    section_title: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: one entry of an initiative's ``mentions``."""
        return {
            "name": self.name,
            "stage": self.stage.value if self.stage else None,
            "verb": self.verb,
            "text": self.text,
            "section": self.section_path,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Initiative:
    """One named initiative of one part: every mention of the same name (after :func:`match_key`)
    in that part is one initiative.

    Attributes:
        name: the shortest span that names it (福州地铁4号线, “人工智能+”行动, 民营经济促进条例), as its
            first mention writes it.
        kind: project, programme, pilot, reform, regulation, platform, zone or event.
        stage: prepare, start, build or done: the most advanced stage its mentions state (a part that
            says both 推进X前期工作 and 开工X has it at start); None when no verb says one.
        verb: the governing verb of the mention that states that stage (深入实施, 建成投用), '' when none.
        text: its clauses, one per mention (joined by ``；`` where several): the text between ，；：、
            around it (outside quotations and brackets); a list member's clause holds the member only.
        sentence: the sentence of its first mention.
        section_path: dotted path of the innermost section of its first mention (``"3.2"``).
        section_title: that section's title.
        part: the part of the report (review, plan, five_year, self, other).
        start: offset of the first mention's name in the report text.
        end: offset one past it.
        region: the report's region.
        year: the report's year.
        mentions: every mention, in text order (one for an initiative named once).
        needs_both: named only by a weak suffix (…制度, …机制, …模式, …体系: ``initiative_kinds.tsv``,
            needs ``both``): such a name is listed only where the other compared part names it too
            (科技特派员制度 kept); alone it may be a generic aim (现代化产业体系), so it is never new or
            dropped, and :func:`extract_initiatives` leaves it out unless asked.
        found_for: the :func:`match_key` of the other part's initiative this one was looked up for
            (:func:`find_named`: 营商环境, found for 营商环境改革), '' when the grammar found it: such a
            name pairs with that initiative only, never with another that holds it (优化营商环境条例).
        recurring: for a run both compared parts hold without a name's marks (found by comparing them:
            :mod:`reportdiff.recurring`, 扫黑除恶, 牛河梁红山文化遗址), the likelihood that it is one
            initiative; 0.0 for a name the grammar found.
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
    mentions: tuple[Mention, ...] = ()
    needs_both: bool = False
    found_for: str = ""
    recurring: float = 0.0

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
            "mentions": [m.to_dict() for m in self.mentions],
            "recurring": round(self.recurring, 4),
        }

    def __repr__(self) -> str:
        stage = self.stage.value if self.stage else "?"
        more = f", {len(self.mentions)} mentions" if len(self.mentions) > 1 else ""
        head = f"{self.part.value} {self.kind.value} {self.name}"
        return f"<Initiative {head} ({self.verb or '—'}: {stage}{more})>"

    def _repr_html_(self) -> str:
        from ._templates import render_initiatives

        return render_initiatives([self.to_dict()])


_Found = tuple[Mention, InitiativeKind, Part, bool]


def group(mentions: list[_Found], region: str | None, year: int | None) -> list[Initiative]:
    """One initiative per distinct name (its :func:`match_key`) and part, in the order first named;
    its stage the most advanced its mentions state (ties: the first)."""
    by_key: dict[tuple[Part, str], list[_Found]] = {}
    for m in mentions:
        by_key.setdefault((m[2], match_key(m[0].name, region)), []).append(m)
    out = []
    for rows in by_key.values():
        first, kind, part, thin = rows[0]
        ms = tuple(r[0] for r in rows) if len(rows) > 1 else (first,)
        staged = max(ms, key=_rank) if len(ms) > 1 else first
        texts = list(dict.fromkeys(m.text for m in ms)) if len(ms) > 1 else [first.text]
        out.append(
            Initiative(
                name=first.name,
                kind=kind,
                stage=staged.stage,
                verb=staged.verb if staged.stage else first.verb,
                text="；".join(texts),
                sentence=first.sentence,
                section_path=first.section_path,
                section_title=first.section_title,
                part=part,
                start=first.start,
                end=first.end,
                region=region,
                year=year,
                mentions=ms,
                needs_both=thin and all(r[3] for r in rows),
            )
        )
    return out


def _rank(m: Mention) -> int:
    """How advanced the stage of a mention is (0: none stated)."""
    return m.stage.rank if m.stage else 0


# --- matching keys ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _synonyms() -> tuple[tuple[str, str], ...]:
    return tuple((row[0], row[1]) for row in _rows("initiative_synonyms.tsv"))


@lru_cache(maxsize=1)
def _synonym_re() -> re.Pattern[str]:
    """Any long spelling of ``initiative_synonyms.tsv``: a name holding none is left as it is."""
    return _regex.compile(_alternation([long for long, _ in _synonyms()]))


_KEY_MARKS = _regex.compile(r"[“”‘’《》「」\"'（）()\s·—\-]")
_FROM_TO = _regex.compile(
    r"([\u4e00-\u9fff])[\u4e00-\u9fff]至([\u4e00-\u9fff])[\u4e00-\u9fff](?=高铁|铁路|高速|公路|城际|轨道)"
)
#: the same two places alone, a line named without its type in a list before it (日照至五莲、聊邯长铁路):
#: folded as they would be before it; not after words of their own (叙永大村至遵义 stays)
_FROM_TO_BARE = _regex.compile(
    r"^([\u4e00-\u9fff]?[\u4e00-\u9fff])[\u4e00-\u9fff]至([\u4e00-\u9fff])[\u4e00-\u9fff]$"
)
#: the edition of a recurring event or the round of a programme (第二十五届投洽会 and 第二十六届投洽会 are
#: one initiative; so are 核心区控规第二轮三年行动计划 and …新一轮三年行动计划), or a count of rounds
#: opening a name (3轮爱国卫生…)
_EDITION = _regex.compile(
    r"第?[0-9一二三四五六七八九十百]+届|(?:第[0-9一二三四五六七八九十]+|新一?|^[0-9两]+)轮"
)
_PLACE_TAIL = _regex.compile(r"(?:省|市|区|县|自治区|维吾尔自治区|壮族自治区|回族自治区)$")
#: the national games named by their edition alone (十五冬 = 第十五届全国冬季运动会, 十五运会 = 全国运动会)
_GAMES = _regex.compile(r"^[一二三四五六七八九十]{1,3}(冬(?!运会)|运会)")
#: an edition's Chinese numeral, all that may stand before a suffix of needs ``numeral`` (十五冬)
_EDITION_NUMERAL = _regex.compile(r"[一二三四五六七八九十]{1,3}")
#: a duration in Chinese numerals (延长三十年试点 is 延长30年试点)
_CN_YEARS = _regex.compile(r"[一二两三四五六七八九十百]+(?=年)")


def _arabic_years(m: re.Match[str]) -> str:
    value = parse_chinese_numeral(m.group())
    return m.group() if value is None else f"{value:g}"


@lru_cache(maxsize=4096)
def match_key(name: str, region: str | None = None) -> str:
    """The name as compared: quotes and brackets, the report's region and variant spellings folded.

    >>> match_key("福州至厦门高速铁路")
    '福厦高铁'
    >>> match_key("日照至五莲"), match_key("松江河至长白高速"), match_key("松江河至长白")
    ('日五', '松江长高速', '松江长')
    >>> match_key("长三角安全人工智能安徽省实验室", "安徽省")
    '长三角安全人工智能省实验室'
    >>> match_key("核心区控规第二轮三年行动计划") == match_key("核心区控规新一轮三年行动计划")
    True
    >>> match_key("新疆实验室", "新疆维吾尔自治区")  # the region is all that names it: kept
    '新疆实验室'
    >>> match_key("第二轮土地承包到期后再延长三十年试点") == match_key("第二轮土地承包到期后再延长30年试点")
    True
    >>> match_key("第三轮爱国卫生“7个专项行动”") == match_key("3轮爱国卫生“7个专项行动”")
    True
    >>> match_key("“十五冬”") == match_key("第十五届全国冬季运动会") == match_key("全国第十四届冬运会")
    True
    """
    key = _KEY_MARKS.sub("", name)
    if "年" in key:
        key = _CN_YEARS.sub(_arabic_years, key)
    if "届" in key or "轮" in key:
        key = _EDITION.sub("", key)
    if _synonym_re().search(key):
        for long, short in _synonyms():
            key = key.replace(long, short)
    if "冬" in key or "运会" in key:
        key = _GAMES.sub(lambda m: "全国冬运会" if m[1] == "冬" else "全国运会", key)
    if "至" in key:
        key = _FROM_TO_BARE.sub(r"\1\2", _FROM_TO.sub(r"\1\2", key))
    place = place_of(region)
    if len(place) >= 2:
        key = key.replace(place + "省", "省").replace(place + "市", "市")
        rest = key[len(place) :]
        if key.startswith(place) and len(rest) > 1 and not grammar().suffix_re.fullmatch(rest):
            key = rest  # not 新疆实验室 → 实验室: the region is all that names it
    return key


@lru_cache(maxsize=64)
def place_of(region: str | None) -> str:
    """A region's name without its tail (广东省 → 广东)."""
    return _PLACE_TAIL.sub("", region or "")


class InitiativeList(list[Initiative]):
    """A plain list of initiatives that also displays as a table in a notebook."""

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every initiative's ``to_dict()``, with its region and year."""
        return [{**i.to_dict(), "region": i.region, "year": i.year} for i in self]

    def _repr_html_(self) -> str:
        from ._templates import render_initiatives

        return render_initiatives(self.to_dicts())


# --- word lists -------------------------------------------------------------------------------


def _rows(name: str) -> list[list[str]]:
    """The rows of a TSV data file, comments and blank lines left out."""
    from importlib.resources import files

    text = (files("reportdiff") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


#: the most first characters a trie's top tries one by one; more are split in halves behind a look-ahead
#: on each half's first characters
_TRIE_LEAF = 32


def _escape(ch: str) -> str:
    """One character as a regular expression: a letter or a Chinese character as it is."""
    return ch if ch.isalnum() else re.escape(ch)


def _alternation(words: list[str]) -> str:
    """A regular expression matching any of ``words``, the longest where several match, built as a
    trie (行(?:动(?:计划)?)) so that a search tries only the words that share a first character.

    Python's engine tries the branches of an alternation one by one, so a trie of many first
    characters is split in halves, each behind a look-ahead on its first characters: a position is
    then rejected or routed by a few look-ups in character sets (a search about twice as fast).

    >>> re.findall(_alternation(["行动", "行动计划", "工程"]), "实施行动计划和工程")
    ['行动计划', '工程']
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        if len(node) == 1 and "" not in node:  # one way on (most nodes): no group, no sorting
            ch, rest = next(iter(node.items()))
            return _escape(ch) + build(rest)
        alts = [_escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
        return f"(?:{body})?" if "" in node else body

    def top(chars: list[str]) -> str:
        if len(chars) <= _TRIE_LEAF:
            return build({ch: trie[ch] for ch in chars})
        halves = (chars[: len(chars) // 2], chars[len(chars) // 2 :])
        return "(?:" + "|".join(f"(?=[{''.join(map(_escape, h))}]){top(h)}" for h in halves) + ")"

    if "" in trie:
        return build(trie)
    return top(sorted(trie)) or "(?!)"


@dataclass(frozen=True)
class Grammar:
    """The word lists of ``reportdiff/data/``, compiled once (see :func:`grammar`).

    Attributes:
        kinds: suffix → kind (``initiative_kinds.tsv``).
        needs: suffix → what must precede it ('' two specific characters, '1' one, 'alnum', 'after':
            right after another suffix, 'numeral': an edition's Chinese numeral alone, as in 十五冬).
        stages: governing word → stage, None for intensifiers and helpers (``stage_verbs.tsv``).
        verb_roles: governing word → where it governs ('', 'inner', 'soft', 'adverb', 'helper', 'phase'
            or 'before').
        opens: the verbs that set an initiative up (启动, 开工, 设立), as opposed to carrying it on.
        holding: the verbs that hold an event (举办, 召开): in a plan they say it will be held.
        deepening: the verbs that take an initiative carried on a step further (深化, 推深做实).
        partial: the done verbs that finish a part of the works only (主体完工, 主体竣工).
        founding: the verbs that set an institution up (成立, 组建, 设立; also in ``opens``): a review
            that says it did reports the institution in place.
        bidding: the verbs that bid for an event or a title not yet won (申办, 争取, 备战): a review
            that names an event under one of them does not report it held.
        roles: role in ``initiative_words.tsv`` (determiner, scope, boundary, generic …) → its words
            (a word may have several roles: 产业 is generic, and a noun no name ends before).
        skipped: the determiner and scope words (stripped in front of a name).
        stop: quoted phrases and names that are never initiatives (``initiative_stop.txt``).
        stop_patterns: the same as regular expressions (whole match).
        strict_patterns: those that apply to a phrase ending with a suffix too (``re!``).
        suffix_re: any suffix, or a word that holds one and names nothing by it (城乡); longest first.
        suffix_end_re: a suffix closing a string.
        lead_re: any governing, determiner or scope word.
        boundary_re: a word no name crosses, or a word that holds one and is none (并购); the longest
            wins where several start at one place.
        boundary_kinds: such a word → ``no`` (not a boundary: 并购), ``det`` (a determiner), ``hard``
            (和, 的, 等) or ``verb`` (a governing word of two characters or more).
        generic_re, project_re, noun_re, describes_re: the words of those roles.
        overlaps: suffix → the offsets inside it where another suffix may start and reach further
            (产业园 → 2, for 园区 in 产业园区).
        droppable_re: a suffix a name may go without elsewhere (种业振兴行动 = 种业振兴), closing a string.
        generic_names: matching keys of names that reports of many regions use alike, kinds of thing
            (零碳园区, 公立医院: ``initiative_generic_names.txt``), weak like a weak suffix.
        determiner_end_re: a determiner closing a string (…一批).
        stop_re, strict_re: ``stop_patterns`` and ``strict_patterns`` as one expression each.
        stop_ends, strict_ends: the endings that make a phrase no name (``end:``, ``end!``: read with
            ``str.endswith``, far faster than a pattern opening with ``.*``); strict_parts: the words
            no name holds anywhere (``has!``).
        field_re: the words of a field or trade (快递, 冰雪, 音乐) and the generic words: a project,
            platform or zone named by these alone is a class of things, weak.
        common_words: words that reports of many regions use, none a proper name
            (``initiative_common_words.txt``): a project or platform named by them alone is a class of
            things too (产业投资基金, 居家养老服务平台), weak (see :func:`_common_class`).
        weak_generic_re: the words that name a policy area, not a policy, before a weak suffix
            (社会保障体系, 人才培养模式).
    """

    kinds: dict[str, InitiativeKind]
    needs: dict[str, str]
    stages: dict[str, Stage | None]
    verb_roles: dict[str, str]
    opens: frozenset[str]
    bidding: frozenset[str]
    holding: frozenset[str]
    deepening: frozenset[str]
    partial: frozenset[str]
    founding: frozenset[str]
    roles: dict[str, frozenset[str]]
    skipped: frozenset[str]
    stop: frozenset[str]
    stop_patterns: tuple[re.Pattern[str], ...]
    strict_patterns: tuple[re.Pattern[str], ...]
    suffix_re: re.Pattern[str]
    suffix_end_re: re.Pattern[str]
    lead_re: re.Pattern[str]
    boundary_re: re.Pattern[str]
    boundary_kinds: dict[str, str]
    generic_re: re.Pattern[str]
    project_re: re.Pattern[str]
    noun_re: re.Pattern[str]
    describes_re: re.Pattern[str]
    overlaps: dict[str, tuple[int, ...]]
    droppable_re: re.Pattern[str]
    weak_generic_re: re.Pattern[str]
    generic_names: frozenset[str]
    field_re: re.Pattern[str]
    common_words: frozenset[str]
    determiner_end_re: re.Pattern[str]
    stop_re: re.Pattern[str]
    strict_re: re.Pattern[str]
    stop_ends: tuple[str, ...]
    strict_ends: tuple[str, ...]
    strict_parts: tuple[str, ...]

    def staging(self, verb: str) -> str:
        """The word of the governing words ``verb`` (as written: 启动实施) that says their stage."""
        staged = [word for word in self.words_of(verb) if self.stages.get(word) is not None]
        return staged[-1] if staged else ""

    def sets_up(self, verb: str) -> bool:
        """Whether the stage of the governing words ``verb`` (as written: 启动实施) comes from a verb
        that sets an initiative up rather than carries it on (深入实施)."""
        return self.staging(verb) in self.opens

    def aims_to_finish(self, verb: str) -> bool:
        """Whether the governing words ``verb`` work towards a done verb they end with (推动出台,
        争取获批): the plan sets out to finish what it names, though it is not done yet.

        >>> grammar().aims_to_finish("推动出台"), grammar().aims_to_finish("推动")
        (True, False)
        """
        word = self.staging(verb)
        return any(self.stages.get(word[i:]) is Stage.DONE for i in range(1, len(word)))

    def bids(self, verb: str) -> bool:
        """Whether the governing words ``verb`` bid for something not yet won (积极申办, 全力备战)."""
        return self.staging(verb) in self.bidding

    def deepens(self, verb: str) -> bool:
        """Whether the governing words ``verb`` take a carried-on initiative further (推深做实, 深化; and
        深化拓展, where the word that says the stage is 拓展).

        >>> grammar().deepens("深化拓展"), grammar().deepens("拓展"), grammar().deepens("深入实施")
        (True, False, False)
        """
        return any(word in self.deepening for word in self.words_of(verb))

    def words_of(self, verb: str) -> list[str]:
        """The governing words ``verb`` (as written: 深化拓展) read word by word."""
        pos, words = 0, []
        while pos < len(verb) and (m := self.lead_re.match(verb, pos)):
            words.append(m.group())
            pos = m.end()
        return words

    def finishes_part(self, verb: str) -> bool:
        """Whether the governing words ``verb`` finish a part of the works only (主体完工).

        >>> grammar().finishes_part("主体完工"), grammar().finishes_part("完工")
        (True, False)
        """
        return self.staging(verb) in self.partial

    def founds(self, verb: str) -> bool:
        """Whether the governing words ``verb`` set an institution up (正式成立, 组建).

        >>> grammar().founds("组建"), grammar().founds("开工")
        (True, False)
        """
        return self.staging(verb) in self.founding

    def holds(self, verb: str) -> bool:
        """Whether the governing words ``verb`` hold an event (继续举办好, 召开)."""
        return self.staging(verb) in self.holding

    def is_slogan(self, quoted: str) -> bool:
        """A quotation that names nothing: a slogan of ``initiative_stop.txt``, or a list of aims
        (“深耕善治、以治促稳”, “大爱南安、慈善有我”)."""
        return self.is_stop(quoted) or _LISTING.search(quoted) is not None

    def is_stop(self, phrase: str) -> bool:
        """A slogan or generic phrase (``initiative_stop.txt``); the patterns spare a phrase that ends
        with an initiative suffix (“五个中心”, “十大行动”)."""
        if phrase in self.stop or phrase.endswith(self.strict_ends) or self.strict_re.fullmatch(phrase):
            return True
        if any(w in phrase for w in self.strict_parts):
            return True
        if not phrase.endswith(self.stop_ends) and self.stop_re.fullmatch(phrase) is None:
            return False
        return self.suffix_end_re.search(phrase) is None


def _overlaps(words: list[str], suffixes: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """For each word, the offsets inside it where a longer suffix may start: where the rest of the word
    is a proper beginning of a suffix (产业园: 园 begins 园区).

    >>> _overlaps(["产业园", "园区"], ["园区", "产业园"])
    {'产业园': (2,), '园区': ()}
    """
    beginnings = {v[:k] for v in suffixes for k in range(1, len(v))}
    return {w: tuple(p for p in range(1, len(w)) if w[p:] in beginnings) for w in words}


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The initiative grammar's word lists, loaded once from ``reportdiff/data/``."""
    kinds: dict[str, InitiativeKind] = {}
    needs: dict[str, str] = {}
    blind: list[str] = []  # words that hold a suffix and name nothing by it (城乡, 港澳)
    for row in _rows("initiative_kinds.tsv"):
        if row[1] == "-":
            blind.append(row[0])
            continue
        kinds[row[0]] = InitiativeKind(row[1])
        needs[row[0]] = row[2] if len(row) > 2 else ""
    rows = _rows("stage_verbs.tsv")
    pre = [row[0] for row in rows if row[2:3] == ["pre"]]  # adverbs only before a verb: no boundary
    verbs = [row for row in rows if row[2:3] != ["pre"]]
    stages = {row[0]: None if row[1] == "-" else Stage(row[1]) for row in verbs}
    verb_roles = {row[0]: row[2] if len(row) > 2 else "" for row in verbs} | dict.fromkeys(pre, "adverb")
    by_role: dict[str, set[str]] = {}
    for row in _rows("initiative_words.tsv"):
        by_role.setdefault(row[1], set()).add(row[0])
    roles = {role: frozenset(ws) for role, ws in by_role.items()}
    stop_lines = [row[0] for row in _rows("initiative_stop.txt")]

    def words(role: str) -> list[str]:
        return sorted(roles.get(role, ()))

    suffixes = _alternation(list(kinds))
    readable = _alternation([*kinds, *blind])
    boundary_kinds = {w: "verb" for w in stages if len(w) >= 2}
    for role, kind in (("boundary", "hard"), ("determiner", "det"), ("not-boundary", "no")):
        boundary_kinds.update(dict.fromkeys(words(role), kind))
    return Grammar(
        kinds,
        needs,
        stages,
        verb_roles,
        frozenset(row[0] for row in verbs if len(row) > 3 and row[3] in ("opens", "founds")),
        frozenset(row[0] for row in verbs if len(row) > 3 and row[3] == "bids"),
        frozenset(row[0] for row in verbs if len(row) > 3 and row[3] == "holds"),
        frozenset(row[0] for row in verbs if len(row) > 3 and row[3] == "deepens"),
        frozenset(row[0] for row in verbs if len(row) > 3 and row[3] == "partial"),
        frozenset(row[0] for row in verbs if len(row) > 3 and row[3] == "founds"),
        roles,
        roles.get("determiner", frozenset()) | roles.get("scope", frozenset()),
        frozenset(w for w in stop_lines if not w.startswith(("re:", "re!", "end:", "end!", "has!"))),
        tuple(_regex.compile(w[3:]) for w in stop_lines if w.startswith("re:")),
        tuple(_regex.compile(w[3:]) for w in stop_lines if w.startswith("re!")),
        _regex.compile(readable),
        _regex.compile(f"(?:{suffixes})$"),
        _regex.compile(
            f"{_alternation([*stages, *words('determiner'), *words('scope')])}"
            f"|(?:{_alternation(pre)})(?={_alternation(list(stages))})"
        ),
        _regex.compile(_alternation(list(boundary_kinds))),
        boundary_kinds,
        _regex.compile(_alternation(words("generic"))),
        _regex.compile(_alternation(words("project"))),
        _regex.compile(_alternation(words("noun"))),
        _regex.compile(_alternation(words("describes"))),
        _overlaps([*kinds, *blind], kinds),
        _regex.compile(f"(?:{_alternation(words('droppable'))})$"),
        _regex.compile(_alternation(words("weak-generic"))),
        frozenset(row[0] for row in _rows("initiative_generic_names.txt")),
        _regex.compile(_alternation([*words("field"), *words("generic")])),
        frozenset(row[0] for row in _rows("initiative_common_words.txt")),
        _regex.compile(f"(?:{_alternation(words('determiner'))})$"),
        _any_of([w[3:] for w in stop_lines if w.startswith("re:")]),
        _any_of([w[3:] for w in stop_lines if w.startswith("re!")]),
        tuple(x for w in stop_lines if w.startswith("end:") for x in w[4:].split("|")),
        tuple(x for w in stop_lines if w.startswith("end!") for x in w[4:].split("|")),
        tuple(x for w in stop_lines if w.startswith("has!") for x in w[4:].split("|")),
    )


#: what makes a quotation a list of aims rather than a name
_LISTING = _regex.compile(r"[、，,；;]")


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """One expression matching where any of ``patterns`` matches (never, for none)."""
    return _regex.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)")


# --- clauses and members --------------------------------------------------------------------------

#: quotations, titles and brackets: never split, and their words are no boundaries
_PROTECTED = _regex.compile(
    r"“[^“”]{1,30}”|《[^《》]{1,60}》|（[^（）]{0,30}）|\([^()]{0,30}\)|‘[^‘’]{1,30}’"
)
_CLAUSE_SEP = _regex.compile(r"[，,；;：:。！？!?]")
_OPENERS = _regex.compile(r"[“《（(‘]")
_QUOTE = _regex.compile(r"“([^“”]{1,30})”")
_TITLE = _regex.compile(r"《([^《》]{2,60})》")
#: what a 《title》 must end with to name a regulation or plan
_TITLE_END = _regex.compile(
    r"(?:法|条例|办法|规定|规划|纲要|方案|意见|决定|细则|计划|标准|清单|规则|准则)(?:[（(].*)?$"
)
_ALNUM_BEFORE = _regex.compile(r"[A-Za-z0-9号]$")
#: a Chinese character, and what a number before a suffix of needs ``own-alnum`` is written with
_HAN, _NUMBER_CHARS = _regex.compile(r"[\u4e00-\u9fff]"), "0123456789号—-、"
#: the two places a road runs between, all that may stand before a suffix of needs ``fromto``
_TWO_PLACES = _regex.compile(r"[\u4e00-\u9fff]{2,}至[\u4e00-\u9fff]{2,}$")
_MAX_NAME = 22
#: how far after a name a verb may stand and still govern it (…（一期）封关验收)
_POST_REACH = 6
#: a heading's ordinal opening a sentence: （四）, 3.
_ORDINAL = _regex.compile(
    r"(?:（[一二三四五六七八九十]{1,3}）|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}[、是要])"
)
#: the characters an ordinal opens with (or a digit)
_ORDINAL_OPENERS = frozenset("（(一二三四五六七八九十")


def _split(t: _Text, start: int, end: int, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    """Pieces of ``t.text[start:end]`` between separators outside quotations and brackets."""
    out, pos, protected = [], start, t.protected
    for m in sep.finditer(t.text, start, end):
        at = m.start()
        if protected[at] == 1:  # inside a quotation or brackets (t.inside, read inline: a hot loop)
            continue
        if at > pos:
            out.append((pos, at))
        pos = m.end()
    if end > pos:
        out.append((pos, end))
    return out


_MEMBER_SEP = _regex.compile(r"、")


class _Bound(NamedTuple):
    start: int
    end: int
    kind: str  # hard (a boundary word), det (a determiner) or verb
    word: str


#: builds a _Bound, _Hit or _Lead from a tuple of its fields, without a NamedTuple's Python-level
#: ``__new__`` (thousands are built per report)
_new_tuple = tuple.__new__


class _Hit(NamedTuple):
    start: int
    end: int
    suffix: str


#: the conjunctions that may join two words inside one name (洛河流域保护和修复工程), and that a verb
#: after a name reaches over (驮英水库及灌区通水: the verb tells of both)
_CONJUNCTIONS = frozenset({"和", "与", "及"})

#: what joins the names of a quotation that lists several (“草原音乐名城、冰雪运动名城”)
_JOINS = _regex.compile(r"[、和与及]")


def _names_list(quoted: str, g: Grammar) -> bool:
    """Whether a quotation lists names, each ending with a suffix (“草原音乐名城、冰雪运动名城、文化旅游名城”,
    “国际草原音乐那达慕和国际冰雪运动旅游节”): it is read as if unquoted, one name per member, not as one
    slogan; a slogan whose parts end like names (“小病不进城、大病不出岛”, “一枢纽、四中心”) is none. An event
    quoted by its edition alone (“十五冬”) is read as if unquoted too."""
    if quoted[0] != "“":
        return False
    if not _JOINS.search(quoted):
        ends = g.suffix_end_re.search(quoted[1:-1])
        return ends is not None and g.needs.get(ends.group()) == "numeral" and _names_itself(quoted[1:-1], g)
    pieces = _JOINS.split(quoted[1:-1])
    return len(pieces) > 1 and all(_names_itself(p, g) for p in pieces)


def _names_itself(piece: str, g: Grammar) -> bool:
    """Whether ``piece`` ends with a suffix (not a word holding one: 进城) and names something by
    itself (草原音乐名城; not 小病不进城, 市市通高铁 or 四中心)."""
    ends = [m for m in g.suffix_re.finditer(piece)]
    if not ends or ends[-1].end() != len(piece) or ends[-1].group() not in g.kinds:
        return False
    return _specific_name(piece, ends[-1].group())


#: a section of a line between two places, right after its name (沿江高铁武汉至宜昌段)
_FROM_TO_SECTION = _regex.compile(r"[\u4e00-\u9fff]{1,8}至[\u4e00-\u9fff]{1,8}段")


#: a section of a line named right after it, by one place or two (青海段, 襄荆段; not 阶段, 手段)
_LINE_SECTION = _regex.compile(r"[\u4e00-\u9fff]{0,3}[^\W\d_阶手时地片分]段")
#: the last characters of a line's name (高铁, 高速, 公路, 4号线, 航道, 运河, 城际)
_LINE = frozenset("路线铁速道河渠际")

#: the protected marks of a sentence without quotations, titles or brackets
_ZEROS = bytes(2048)


def _marks(text: str, spans: list[tuple[int, int]]) -> tuple[bytearray, bytearray]:
    """1 at each offset strictly inside one of ``spans``; 1 at each strictly inside brackets."""
    protected, brackets = bytearray(len(text) + 1), bytearray(len(text) + 1)
    for a, b in spans:
        protected[a + 1 : b] = b"\x01" * (b - a - 1)
        if text[a] in "（(":
            brackets[a + 1 : b] = b"\x01" * (b - a - 1)
    return protected, brackets


#: a number of years marked after a verb (自治区成立70周年庆祝活动, 建党100周年)
_ANNIVERSARY = _regex.compile(r"[0-9一二三四五六七八九十百]+周年")


class _Text:
    """One sentence read once: its protected spans, boundary words and verbs, and suffix occurrences."""

    def __init__(self, text: str, g: Grammar) -> None:
        self.text = text
        self.g = g
        self.spans = (
            [(m.start(), m.end()) for m in _PROTECTED.finditer(text) if not _names_list(m.group(), g)]
            if _OPENERS.search(text)
            else []
        )
        # 1 strictly inside a quotation, title or brackets; 1 strictly inside brackets (a sentence
        # without either shares one buffer of zeros: most have none)
        self.protected: bytes | bytearray = _ZEROS if len(text) < len(_ZEROS) else bytes(len(text) + 1)
        self.brackets: bytes | bytearray = self.protected
        if self.spans:
            self.protected, self.brackets = _marks(text, self.spans)
        # whether the sentence may hold a space: every other whitespace character is not printable
        self.spaced = " " in text or not text.isprintable()
        self.hits = self._hits()
        self.hit_starts = [h.start for h in self.hits]
        self.bounds: list[_Bound] = []
        self.bound_starts: list[int] = []
        self.at: dict[int, _Bound] = {}

    def focus(self, a: int, b: int) -> None:
        """Read the boundary words and verbs of the clause ``text[a:b]``: the names of a clause never
        reach beyond it, so only the clauses that may hold one are read."""
        kinds = self.g.boundary_kinds
        self.bounds = [
            _new_tuple(_Bound, (*m.span(), k, w))
            for m in self.g.boundary_re.finditer(self.text, a, b)
            if (k := kinds[w := m.group()]) != "no"
        ]
        if self.spans:
            self.bounds = [x for x in self.bounds if not self.inside(x.start) and not self.inside(x.end - 1)]
        if "周年" in self.text:  # 成立70周年: what is marked, not a verb that governs
            marked = _ANNIVERSARY.match
            self.bounds = [x for x in self.bounds if x.kind != "verb" or not marked(self.text, x.end)]
        self.bound_starts = [x.start for x in self.bounds]
        self.at = {x.start: x for x in self.bounds}

    def in_verb(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies inside a verb of the clause read, after its first character
        (the 港 of 开港, the 馆 of 开馆; not the 工程 of 联动工程, which only overlaps 动工)."""
        k = bisect_left(self.bound_starts, start) - 1
        return k >= 0 and self.bounds[k].end >= end and self.bounds[k].kind == "verb"

    def inside(self, pos: int) -> bool:
        """Whether ``pos`` lies strictly inside a quotation, title or brackets."""
        return self.protected[pos] == 1

    def _hits(self) -> list[_Hit]:
        """Suffix occurrences; one closing a quotation ends after the quote mark, none inside brackets."""
        text, g = self.text, self.g
        kinds, overlaps, match = g.kinds, g.overlaps, g.suffix_re.match
        out: list[_Hit] = []
        last = -1
        sections = "至" in text
        for m in g.suffix_re.finditer(text):
            word = m.group()
            if overlaps[word]:  # a longer suffix starting inside this one (产业园区: 园区)
                start, end = m.start(), m.end()
                for p in overlaps[word]:
                    x = match(text, start + p)
                    if x is not None and x.end() > end:
                        m, end = x, x.end()
                word = m.group()
            start, stop = m.start(), m.end()
            need = g.needs.get(word)
            section = need == "after"  # 南段: only right after a name's suffix
            if start < last or word not in kinds or (section and not (out and last == start)):
                continue
            if need == "setup" and not _set_up_before(text, start):
                continue  # 支持三一集团氢能重卡项目: a company, no suffix of a name
            if self.spans:
                if self.brackets[start]:
                    continue  # inside brackets: 福州机场综合保税区（一期）
                if stop < len(text) and text[stop] in "”’》" and self.inside(start):
                    stop += 1
                elif self.inside(start) or self.inside(m.end()):
                    continue
            line = sections and kinds[word] is InitiativeKind.PROJECT
            section_of = _FROM_TO_SECTION.match(text, stop) if line else None
            if section_of is not None:
                stop = section_of.end()  # 广珠（澳）高铁鹤洲至横琴段: the section is the project
            out.append(_new_tuple(_Hit, (start, stop, word)))
            last = stop
        return out

    def hits_in(self, a: int, b: int) -> list[_Hit]:
        """The suffix occurrences that start and end in ``[a, b)``."""
        lo, hi = bisect_left(self.hit_starts, a), bisect_left(self.hit_starts, b)
        return [h for h in self.hits[lo:hi] if h.end <= b]

    def bounds_in(self, a: int, b: int, *, names_only: bool = False, soft: bool = False) -> list[_Bound]:
        """Boundaries in ``[a, b)``; with ``names_only`` leaving out the verbs that stand inside names
        (inner, adverb and, unless ``soft``, soft ones: see ``stage_verbs.tsv``)."""
        lo, hi = bisect_left(self.bound_starts, a), bisect_left(self.bound_starts, b)
        if not names_only:
            return [x for x in self.bounds[lo:hi] if x.end <= b]
        skip = ("inner", "adverb") if soft else ("inner", "adverb", "soft")
        roles = self.g.verb_roles
        out = self.bounds[lo:hi]
        return [x for x in out if x.end <= b and (x.kind != "verb" or roles.get(x.word) not in skip)]

    def post_verb(
        self, start: int, end: int, reach: int = 6, passes: frozenset[str] = frozenset()
    ) -> tuple[str, Stage | None]:
        """The first stage-bearing verb within ``reach`` characters after ``start`` (…封关验收, …建成运行),
        before any boundary word but a conjunction joining a part to the name (驮英水库及灌区通水) or one
        of ``passes``; a verb that governs only what follows it (入选) is returned without a stage."""
        if self.text[start - 1 : start] in _LINE and (section := _LINE_SECTION.match(self.text, start, end)):
            start = section.end()  # 格库铁路青海段扩能改造全面完成: the reach counts from the section's end
        stages, bounds, stop = self.g.stages, self.bounds, min(end, start + reach + 1)
        joins = _CONJUNCTIONS | passes if passes else _CONJUNCTIONS
        works: tuple[str, Stage | None] = ("", None)
        tails = self.g.roles.get("works-tail", ())  # 扩能改造全面完成: the works named, then their stage
        tail = start + max((len(w) for w in tails if self.text.startswith(w, start)), default=0)
        for k in range(bisect_left(self.bound_starts, start), len(bounds)):
            x = bounds[k]
            if x.start >= stop or (x.kind in ("hard", "det") and x.word not in joins):
                break
            if x.kind == "verb" and self.g.verb_roles.get(x.word) == "before":
                return x.word, None  # 城市更新两个项目入选全国典型案例: what the name won, not its stage
            if x.kind != "verb" or stages.get(x.word) is None or _MAKES_NOUN.match(self.text, x.end):
                continue  # not 研究型, 开放型: a noun
            if not self.text.startswith(_WORKS, x.end) and x.end > tail:
                return x.word, stages[x.word]
            if not works[0]:  # 改扩建工程, 扩能改造: the works, unless a later verb tells more (…全面完成)
                works, stop = (x.word, stages[x.word]), min(end, x.end + 2 + reach + 1)
        return works


class _Lead(NamedTuple):
    end: int  # where the governing words end
    verb: str  # the governing words as written, intensifiers included
    stage: Stage | None
    helper: bool = False  # the verb that set the stage defers to a verb after the name (推进X前期工作)
    governs: bool = False  # it holds a verb, not only intensifiers (继续当好… governs nothing)


def _lead(text: str, pos: int, end: int, g: Grammar) -> _Lead:
    """The run of governing words, determiners and scope words opening ``text[pos:end]``."""
    opener = text[pos : pos + 1]
    if (opener in _ORDINAL_OPENERS or opener.isdigit()) and (o := _ORDINAL.match(text, pos, end)):
        pos = o.end()
    if text.startswith("要", pos) and g.lead_re.match(text, pos + 1, end):
        pos += 1  # a modal before the governing words (要实施好…行动; not 要素…)
    start, verb_end, stage, helper, governs = pos, pos, None, False, False
    opened = False  # a governing verb (实施, 落实, 推进) has been read: an inner verb after it opens the name
    while pos < end and (m := g.lead_re.match(text, pos, end)) and not _MAKES_NOUN.match(text, m.end()):
        word = m.group()
        if word not in g.skipped:
            role = g.verb_roles.get(word)
            if opened and role in ("inner", "soft"):
                break  # 实施扩大内需战略, 落实规范招商引资行为规定, 推进防止返贫就业攻坚行动
            opened = opened or role in ("", "helper")
            verb_end = m.end()
            governs = governs or role != "adverb"
            if g.stages.get(word) is not None:
                stage, helper = g.stages[word], role == "helper"
            elif role == "helper":
                helper = True
        pos = m.end()
        if pos < end and text[pos] in "好了" and word in g.stages and word not in g.skipped:
            pos = verb_end = pos + 1  # 实施好, 发挥好, 解决好; 实施了 (a review)
    if stage is not None and text.startswith("的", pos, end):
        return _new_tuple(_Lead, (pos + 1, "", None, False, False))  # 实施的…项目全部完工: an attribute
    return _new_tuple(_Lead, (pos, text[start:verb_end], stage, helper, governs))


@dataclass(slots=True)
class _Name:
    start: int
    end: int
    kind: InitiativeKind
    verb: str = ""
    stage: Stage | None = None
    weak: bool = False  # its suffix names only where both compared parts name it (…制度, …机制)
    field: bool = False  # weak only for being named by its field (物流园区): a county's own one


#: a name found in a sentence, with its own part of the clause
_Placed = tuple[_Name, tuple[int, int]]


_BRACKETS = _regex.compile(r"[（）()“”《》‘’\s]")
_PERIOD = _regex.compile(r"“?十[一二三四五六七八九]五”?(?:时期|期间|规划)")
#: a count inside a would-be name (6个省级粮油仓储设施项目, 天水两个区域中心城市): a number, not a name;
#: a name may open with one (五个新城)
_COUNTED = _regex.compile(r"[0-9]+[个所家座项条]|(?<=.)[一二两三四五六七八九十]+[个所家座项条]")
#: the counters of ``_COUNTED``: a name without one is read no further
_COUNTER = _regex.compile(r"[个所家座项条]")


#: a railway or metro line named by its places, after the word for the railway (轨道交通平谷线)
_RAIL_LINE = _regex.compile(
    r"(?:轨道交通|地铁|市域[（(]郊[）)]铁路|市域铁路|市郊铁路)([\u4e00-\u9fff]{2,3})$"
)
#: the specific characters a name with a weak suffix needs (科技特派员制度; not 社会保障体系)
_WEAK_CORE = 3


@lru_cache(maxsize=8192)
def _specific_name(name: str, suffix: str) -> bool:
    """:func:`_specific` with the grammar, remembered: the same words are tried often."""
    return _specific(name, suffix, grammar())


def _specific(name: str, suffix: str, g: Grammar) -> bool:
    """Whether ``name`` (ending with ``suffix``) names something: enough specific words before the suffix
    (创新平台 does not), or a quotation that is no slogan (“两重”项目)."""
    if (len(name) > _MAX_NAME and len(_EDITION.sub("", name)) > _MAX_NAME) or g.is_stop(name):
        return False  # an edition does not count (第十一届中国·海拉尔中俄蒙经贸洽谈暨商品展销会)
    if _COUNTER.search(name) and _COUNTED.search(_QUOTE.sub("", name)):
        return False
    if "至" in name and (x := _FROM_TO_SECTION.search(name)) and x.end() == len(name) and x.start() > 0:
        name = name[: x.start()]  # a section (…高铁鹤洲至横琴段) names what its line names
    mod = name[: len(name) - len(suffix.rstrip("”’》"))] if name.endswith(suffix) else name
    mod = mod.rstrip("”’》")
    need = g.needs.get(suffix, "")
    if need in ("alnum", "own-alnum"):  # own-alnum: 徐大堡核电3号机组; 4号机组 alone names nothing
        if need == "alnum" and (line := _RAIL_LINE.search(mod)) and g.generic_re.sub("", line.group(1)):
            return True  # 轨道交通平谷线, 市郊铁路璧铜线: a line of a railway named by its places
        own = need == "alnum" or _HAN.search(mod[:-1].rstrip(_NUMBER_CHARS)) is not None
        return len(mod) >= 2 and bool(_ALNUM_BEFORE.search(mod)) and own
    if need == "fromto":  # 尖扎至贵德公路; not 农村公路
        return _TWO_PLACES.search(mod) is not None
    if need == "numeral":  # 十五冬, “十五冬”
        bare = name.strip("“”")
        return bare.endswith(suffix) and _EDITION_NUMERAL.fullmatch(bare[: -len(suffix)]) is not None
    if "“" in name:
        if _PERIOD.search(name):  # “十五五”时期市（州）中心城市: a period, not a name
            return False
        if any(not g.is_slogan(q) for q in _QUOTE.findall(name)):
            return True
    if need == "quote":
        return False
    bare = _BRACKETS.sub("", mod)
    core = _core(bare, g)
    if core == bare and g.suffix_re.fullmatch(core):  # 高铁项目: a kind of thing
        return False
    if need == "both":  # a weak suffix: the words before it must name a policy of their own
        return len(g.weak_generic_re.sub("", core)) >= _WEAK_CORE
    if need == "" and (_titled(bare, suffix, g) or _dated(bare, suffix, g)):
        return True
    return need == "0" or (bool(mod) and len(core) >= (1 if need == "1" else 2))


#: a campaign's duration right before its head (三年行动, 五年行动计划, 三年攻坚)
_DURATION = _regex.compile(r"[一二三四五六七八九十两百]年$")
#: the characters before the duration a dated campaign's name holds (高职扩招三年行动; not 系列三年行动)
_DATED_WORDS = 4


def _dated(words: str, suffix: str, g: Grammar) -> bool:
    """Whether ``words`` (before a programme's ``suffix``) end with the campaign's duration after words of
    its own, generic or not: a dated campaign is one (数字经济高质量发展三年行动, 科技体制改革三年攻坚; not
    新一轮三年行动).

    >>> g = grammar()
    >>> _dated("数字经济高质量发展三年", "行动", g), _dated("系列三年", "行动", g)
    (True, False)
    """
    m = _DURATION.search(words)
    return g.kinds.get(suffix) is InitiativeKind.PROGRAMME and m is not None and m.start() >= _DATED_WORDS


#: the characters after 国家 a title of generic words holds (国家数字经济创新发展试验区; not 国家级示范区)
_TITLE_WORDS = 6


def _titled(words: str, suffix: str, g: Grammar) -> bool:
    """Whether ``words`` (before a zone's ``suffix``) are a title the state confers, long enough to be one
    whatever its words: 国家 and six characters or more before a suffix of no kind of place
    (国家数字经济创新发展试验区, 国家服务贸易创新发展示范区; not 国家级跨境电商综合试验区, a level).

    >>> g = grammar()
    >>> _titled("国家数字经济创新发展", "试验区", g), _titled("国家级跨境电商综合", "试验区", g)
    (True, False)
    """
    kind = g.kinds.get(suffix)
    plain = suffix in g.roles.get("plain-zone", ())
    state = words.startswith("国家") and not words.startswith("国家级")  # 国家级: a level many reach
    return kind is InitiativeKind.ZONE and not plain and state and len(words) - 2 >= _TITLE_WORDS


def _core(words: str, g: Grammar) -> str:
    """``words`` without their generic words, but for the compounds of generic words that name a thing of
    their own (``initiative_words.tsv``, ``compound``: 产业链 in 重点产业链高质量发展行动).

    >>> _core("重点产业链高质量发展", grammar()), _core("重点产业高质量发展", grammar())
    ('产业链', '')
    """
    compounds = _compounds()
    if compounds.search(words) is None:
        return g.generic_re.sub("", words)
    return "".join(
        piece if k % 2 else g.generic_re.sub("", piece) for k, piece in enumerate(compounds.split(words))
    )


@lru_cache(maxsize=1)
def _compounds() -> re.Pattern[str]:
    """The compounds of generic words that name a thing of their own, as one captured alternation."""
    return _regex.compile(f"({_alternation(sorted(grammar().roles.get('compound', ())))})")


def _strip_lead(text: str, start: int, end: int, g: Grammar) -> int:
    """Skip governing words and scope words at ``start`` (a name never starts with a verb)."""
    while start < end and (m := g.lead_re.match(text, start, end)) and not _MAKES_NOUN.match(text, m.end()):
        start = m.end()
    return start


#: a verb followed by 性 or 型 is part of a noun: 保障性住房, 开放型经济, 创新型企业; so are 一体, 规范 and
#: 组织 followed by 化 (一体化土地储备机制; not 有序化解, 稳妥化解: a verb)
_MAKES_NOUN = _regex.compile(r"[性型]|(?<=一体|规范|组织)化")
#: the works a verb after a name may name instead of telling its stage (南宁吴圩机场改扩建工程投入使用,
#: 长沙机场改扩建主体工程全面完工)
_WORKS = ("工程", "项目", "主体工程")


def _group(t: _Text, hits: list[_Hit], bounds: list[_Bound]) -> list[list[_Hit]]:
    """Runs of suffixes that form one name: no boundary between them (合肥滨湖科学城实体化改革; a verb
    that also stands inside names is none: 国有企业改革深化提升行动)."""
    groups: list[list[_Hit]] = []
    starts = [b.start for b in bounds]  # in text order, not overlapping: their ends are in order too
    for h in hits:
        if groups:
            prev = groups[-1][-1]
            apart = t.spaced and any(
                not t.inside(m.start()) for m in _SPACE.finditer(t.text, prev.end, h.start)
            )
            k = bisect_left(starts, prev.end)
            if not apart and not (k < len(bounds) and bounds[k].end <= h.start):
                groups[-1].append(h)
                continue
        groups.append([h])
    return groups


#: a space: no name holds one
_SPACE = _regex.compile(r"[\s\u3000]+")


def _inner_verb(t: _Text, b: _Bound, suffix: str, floor: int) -> bool:
    """Whether the verb ``b``, followed by the bare ``suffix`` only, stands inside the name: a soft verb
    (文明乡风建设工程), or any verb between a noun and the head of a programme or plan
    (``initiative_words.tsv``, ``action-head``: 绿色出行创建行动, 中小微企业就业支持计划,
    未来产业孵化加速计划); not one after an adverb or another verb, which governs (更加注重改革,
    细化落实新城, 纵深推进改革)."""
    g = t.g
    if g.verb_roles.get(b.word) == "soft":
        return True
    if suffix not in g.roles.get("action-head", ()) or b.start <= floor:
        return False
    inside = ("inner", "soft")  # a verb that stands inside names (岗位挖潜扩容支持计划) does not govern
    return not any(x.end == b.start and g.verb_roles.get(x.word) not in inside for x in t.bounds)


def _name_start(
    t: _Text, floor: int, group: list[_Hit], bounds: list[_Bound], governed: bool = False
) -> tuple[int, int] | None:
    """Where the name of ``group`` starts, and where the verb before it starts (or -1): after the
    nearest boundary, when that leaves a specific name; a verb is passed when only the bare suffix
    follows it (文明乡风建设工程, 绿色出行创建行动), and, when ``governed`` (a verb before ``floor``
    governs the member), an inner verb right at ``floor`` opens a programme's name
    (实施优化消费环境三年行动)."""
    text, g = t.text, t.g
    first, last = group[0], group[-1]
    for m in _SPACE.finditer(text, floor, first.start) if t.spaced else ():
        if not t.inside(m.start()):
            floor = m.end()  # no name holds a space (“Run Jiangxi” may)
    if governed and (head := _governed_head(t, floor, group, bounds)) is not None:
        return head, -1
    lo = bisect_left(bounds, floor, key=_start_of)
    before = [b for b in bounds[lo:] if b.end <= first.start]
    for k in range(len(before) - 1, -1, -1):
        b = before[k]
        if b.word in _CONJUNCTIONS and (
            _joins_actions(t, b, first.start) or _joins_nouns(t, b, before[k - 1].end if k else floor, last)
        ):
            continue  # 洛河流域保护和修复工程, 农村公路及村庄道路提升行动: one name over the conjunction
        start = _strip_lead(text, b.end, last.start, g)
        if _specific_name(text[start : last.end], last.suffix):
            return start, _verb_at(b, bounds)
        bare = start == last.start or _PHASE_ONLY.fullmatch(text, start, last.start) is not None
        if b.kind != "verb" or not bare or not _inner_verb(t, b, last.suffix, floor):
            return None  # only a bare suffix (or a phase or count and its suffix) reaches back over a verb
    start = _strip_lead(text, floor, last.start, g)
    return (start, -1) if _specific_name(text[start : last.end], last.suffix) else None


#: a phase or a count alone between a verb and a suffix (管道扩建二期工程, 教育强省建设十大工程): the verb
#: is part of the name
_PHASE_ONLY = _regex.compile(r"(?:[0-9]+|[一二三四五六七八九十]+)[期大]")


def _verb_at(b: _Bound, bounds: list[_Bound]) -> int:
    """Where the verb that governs a name after the boundary ``b`` starts (-1 when none): ``b`` itself,
    or the verb right before a determiner (获批首批国家生态产品价值实现机制试点)."""
    if b.kind == "verb":
        return b.start
    if b.kind == "det":
        return next((x.start for x in bounds if x.end == b.start and x.kind == "verb"), -1)
    return -1


def _start_of(b: _Bound) -> int:
    return b.start


def _joins_actions(t: _Text, b: _Bound, head: int) -> bool:
    """Whether the conjunction ``b`` joins two actions inside one name (保护和修复工程, 有偿使用和交易试点):
    the words right before it and between it and the suffix at ``head`` are actions
    (``initiative_words.tsv``, ``joined-action``)."""
    actions = t.g.roles.get("joined-action", frozenset())
    after = t.text[b.end : head]
    return b.word in _CONJUNCTIONS and after in actions and t.text[b.start - 2 : b.start] in actions


#: the longest bare noun a conjunction joins to the name of a programme after it
_JOINED_NOUN = 8


def _joins_nouns(t: _Text, b: _Bound, since: int, last: _Hit) -> bool:
    """Whether the conjunction ``b`` joins a bare noun to the name of a programme named by what it does
    (``initiative_words.tsv``, ``joins-nouns``: 农村公路及村庄道路提升行动, 孕育和出生缺陷防治能力提升计划):
    two to eight characters since the boundary before (``since``), holding no name or quotation of their
    own, and a name of two characters or more after it."""
    text = t.text
    if b.word not in _CONJUNCTIONS or last.suffix not in t.g.roles.get("joins-nouns", ()):
        return False
    if last.start - b.end < 2 or text[b.end] == "“":
        return False  # 利用和计划, 定点帮扶和“万企兴万村”行动: no name after the conjunction
    if any(h.end == since for h in t.hits_in(since - _JOINED_NOUN, since)):
        return False  # 城市更新和…行动: the noun is cut by a suffix before it
    start = _strip_lead(text, since, b.start, t.g)
    left = text[start : b.start]
    if not 2 <= len(left) <= _JOINED_NOUN or _MARKS.search(left) or left[-1] == "年":
        return False  # 实现之年和系列三年行动: a time, not a noun of the name
    if t.hits_in(start, b.start):
        return False
    return t.g.noun_re.search(left[-2:]) is None  # 稳外贸政策和…行动: a policy, not part of the name


def _governed_head(t: _Text, floor: int, group: list[_Hit], bounds: list[_Bound]) -> int | None:
    """Where a programme's name starts when a verb that stands inside names (优化, 规范: role inner) opens
    it right after the verb that governs it (开展规范涉企执法专项行动): at that verb, when it is the only
    lead word, no boundary or quotation follows before the name and the words after it name something
    by themselves."""
    g, text, last = t.g, t.text, group[-1]
    if last.suffix not in g.roles.get("action-head", ()):
        return None
    m = g.lead_re.match(text, floor, last.start)
    if m is None or g.verb_roles.get(m.group()) != "inner" or text.startswith("“", m.end()):
        return None  # 共建 governs; 发展“十项行动”: the quotation names it by itself
    if _strip_lead(text, m.end(), last.start, g) != m.end():
        return None
    if any(m.end() <= b.start and b.end <= group[0].start for b in bounds):
        return None
    return floor if _specific_name(text[floor : last.end], last.suffix) else None


def _trims(t: _Text, group: list[_Hit], b: int) -> bool:
    """Whether a group of suffixes that names nothing as a whole may end at its last suffix but one: when
    the last is a head that names only after a quotation and, after a name, says what is done with it
    (``initiative_words.tsv``, ``of-head``: 居然之家二期项目, …服务中心合建项目, 鄱阳湖国际观鸟季活动); not
    上海示范区线 (one head) or 航空枢纽城市 (a positioning); the words between may say what is done
    (:func:`_of_work`: 海南师范大学桂林洋校区规划项目)."""
    if group[-1].suffix not in t.g.roles.get("of-head", ()):
        return False
    between = t.text[group[-2].end : group[-1].start]
    return _ends_name(t, group[-2].end, b) or _of_work(between)


def _of_work(words: str) -> bool:
    """Whether the words between a name and an ``of-head`` say what is done with it: a run of nouns
    (规划) and actions (``joined-action``: 钓鱼城国家考古遗址公园保护利用项目).

    >>> _of_work("保护利用"), _of_work("规划"), _of_work("城市"), _of_work("")
    (True, True, False, False)
    """
    return bool(words) and _common(words, _work_words())


@lru_cache(maxsize=1)
def _work_words() -> frozenset[str]:
    roles = grammar().roles
    return frozenset(roles.get("noun", ())) | frozenset(roles.get("joined-action", ()))


def _ends_name(t: _Text, end: int, b: int, suffix: str = "") -> bool:
    """Whether a name may end at ``end``: not when more noun follows, which makes it the modifier of a
    longer noun (改革开放, 中央八项规定精神); a verb, a boundary or the member's end may follow, and after
    a site (``site``: 水源地, 古城) the works done on it (``site-works``: 黑羊站水源地保护)."""
    if end >= b or end in t.at:
        return True
    noun = t.g.noun_re.match(t.text, end, b)
    if noun is None:
        return True
    roles = t.g.roles
    if any(t.text.startswith(word, end, b) for word in roles.get("attribute", ())):
        return True
    return suffix in roles.get("site", ()) and noun.group() in roles.get("site-works", ())


def _kind(name: str, suffix: str, g: Grammar) -> InitiativeKind:
    kind = g.kinds[suffix]
    if kind is InitiativeKind.PROGRAMME and suffix in ("工程", "计划") and g.project_re.search(name):
        return InitiativeKind.PROJECT
    return kind


_PLACED = frozenset({InitiativeKind.PROJECT, InitiativeKind.PLATFORM, InitiativeKind.ZONE})


def _field_class(name: str, suffix: str, kind: InitiativeKind, g: Grammar) -> bool:
    """Whether a project, platform or zone is named by its field and generic words alone (快递中心,
    冰雪经济集聚区), by a level it reaches (省级以上园区), or a project or platform by words many regions
    use (:func:`_common_class`): a class of things, unless a quotation or a digit names it."""
    if kind not in _PLACED or "“" in name or _ALNUM_BEFORE.search(name[: len(name) - len(suffix)] or "-"):
        return False
    mod = _BRACKETS.sub("", name[: len(name) - len(suffix)])
    if _titled(mod, suffix, g):
        return False
    if _ABOVE in mod:  # 省级以上园区, 二级以上医院: every one above a level
        return True
    if _OWN.match(mod) and g.needs.get(suffix) == "setup":
        return False  # 组建省外贸集团: the province's own, set up
    return not g.field_re.sub("", mod) or _common_class(mod, suffix, kind, g)


#: what names a class by a level it reaches (省级以上, 二级以上)
_ABOVE = "以上"


def _common_class(mod: str, suffix: str, kind: InitiativeKind, g: Grammar) -> bool:
    """Whether the words ``mod`` before a project's or platform's suffix are all field, generic or
    common words (``initiative_common_words.txt``): 产业投资基金, 居家养老服务平台 name a kind of thing.
    So are those before a zone's suffix that names a kind of place (``initiative_words.tsv``,
    ``plain-zone``: 特色专业园区, 未来产业先导区). A zone of another suffix (试验区, 示范区) is most often a
    title conferred on one place, and so is a name holding 国家 or 全国 (国家医学中心); an
    administration's own institution (省知识产权保护中心) is one."""
    conferred = kind is InitiativeKind.ZONE and suffix not in g.roles.get("plain-zone", ())
    if conferred or _DESIGNATION.search(mod) or _OWN.match(mod):
        return False
    return all(_common(piece, g.common_words) for piece in g.field_re.split(mod))


#: what marks a title the state confers (国家医学中心, 综合性国家科学中心, 全国重点实验室; not 全国性…)
_DESIGNATION = _regex.compile(r"国家|全国(?!性)")
#: one administration's own institution (省知识产权保护中心, 市人民医院, 省外贸集团; not 省级…, 县域…: a
#: level; not 省外…: outside it)
_OWN = _regex.compile(r"[省市区县州盟旗](?![级域内]|外(?!贸))")
#: the longest word of ``initiative_common_words.txt`` looked for
_COMMON_LONGEST = 5


def _common(text: str, words: frozenset[str]) -> bool:
    """Whether ``text`` is a run of common words (综合货运 = 综合 + 货运); an empty text is.

    >>> _common("综合货运", frozenset({"综合", "货运", "综合货"}))
    True
    >>> _common("综合货物", frozenset({"综合", "货运"}))
    False
    """
    return _run_of(words).fullmatch(text) is not None


@lru_cache(maxsize=4)
def _run_of(words: frozenset[str]) -> re.Pattern[str]:
    """Any run of ``words`` (up to ``_COMMON_LONGEST`` characters each); the engine backtracks into a
    shorter word where a longer one leaves a rest no word starts (综合货 + 运 → 综合 + 货运)."""
    return _regex.compile(f"(?:{_alternation(sorted(w for w in words if len(w) <= _COMMON_LONGEST))})*")


#: the words of working together with a partner
_TOGETHER_WORDS = "合作|交流|对接|协作|联动|共建"
#: a partner named between 与 and a word of working together (加强与中日友好医院的合作交流)
_TOGETHER = _regex.compile(f"的?(?:{_TOGETHER_WORDS})")


def _partner(text: str, start: int, end: int) -> bool:
    """Whether the name ``text[start:end]`` is one the report works with, not one of its own:
    加强与中日友好医院的合作交流, 深化与粤港澳大湾区合作 (a partner is listed only where both parts
    name it)."""
    return start > 0 and text[start - 1] in "与同" and _TOGETHER.match(text, end) is not None


#: a word of working together later in the clause of a name that 同 opens
_TOGETHER_LATER = _regex.compile(f"[^，；。！？]*?(?:{_TOGETHER_WORDS}|衔接)")


def _partner_opening(text: str, start: int, end: int) -> bool:
    """Whether the name ``text[start:end]`` opens with 同 ("with") and its clause works together with
    it: 加强同粤港澳大湾区联动发展, 强化同京冀空港、陆港衔接 (not 推进同江铁路大桥建设, 同仁医院).

    >>> _partner_opening("加强同粤港澳大湾区联动发展", 2, 9), _partner_opening("推进同江铁路大桥建设", 2, 8)
    (True, False)
    """
    return text[start] == "同" and _TOGETHER_LATER.match(text, end) is not None


def _counted_class(t: _Text, a: int, start: int) -> bool:
    """Whether a determiner (一批, 若干, 更多) stands before the name starting at ``start``: 建设一批
    多式联运基地 names a class of things, not one; 首个 says which one (全球首个人形机器人马拉松比赛)."""
    m = t.g.determiner_end_re.search(t.text, max(a, start - 6), start)
    return m is not None and not m.group().endswith(_FIRST_ONE)


def _wins(verb: str, g: Grammar) -> bool:
    """Whether the governing words ``verb`` say a title was won (入选, 获评: ``stage_verbs.tsv``, role
    ``before``): in 入选首批美丽中国省域先行区 the batch is of those who won the title it names."""
    return any(g.verb_roles.get(w) == "before" for w in g.words_of(verb))


#: a determiner of rank that names one thing (首个, 全国首个), not a class
_FIRST_ONE = "首个"


def _member_names(t: _Text, a: int, b: int, lead: _Lead) -> list[_Name]:
    """The suffix-named initiatives of the list member ``text[a:b]`` (after its governing words)."""
    hits = [h for h in t.hits_in(lead.end, b) if not t.in_verb(h.start, h.end)]
    if not hits:
        return []
    starts = t.bounds_in(a, b, names_only=True, soft=True)
    roles = t.g.verb_roles
    bounds = [x for x in starts if x.kind != "verb" or roles.get(x.word) != "soft"]
    out: list[_Name] = []
    floor = lead.end
    for group in _group(t, hits, bounds):
        # the name ends at the last suffix that more noun does not follow (第九届进博会城市服务保障)
        while len(group) > 1 and not _ends_name(t, group[-1].end, b, group[-1].suffix):
            group = group[:-1]
        governed = lead.governs and floor == lead.end
        ends = _ends_name(t, group[-1].end, b, group[-1].suffix)
        found = _name_start(t, floor, group, starts, governed) if ends else None
        while found is None and len(group) > 1 and _trims(t, group, b):
            group = group[
                :-1
            ]  # …服务中心合建项目, 居然之家二期项目: the name ends at the last suffix that names
            found = _name_start(t, floor, group, starts, governed)
        last = group[-1]
        floor = max(floor, last.end)
        if found is None:
            continue
        start, verb_at = found
        if t.text[start] == "“" and "”" not in t.text[start : last.end]:
            start += 1  # the first member of a quotation that lists names
        elif t.text[start] == "“" and (q := t.text.rfind("”“", start, last.start)) > 0:
            out += _quoted_members(t, start, q + 1, _kind(t.text[q + 1 : last.end], last.suffix, t.g))
            start = q + 1  # “兴辽英才计划”“百万学子留辽来辽”行动, “赣鄱英才”“赣鄱俊才”计划: one name each
        partner = _partner_opening(t.text, start, last.end)
        start += partner  # 加强同粤港澳大湾区联动发展: 同 is "with", no part of the name
        name = _Name(start, last.end, _kind(t.text[start : last.end], last.suffix, t.g))
        name.weak = bool(
            partner
            or t.g.needs.get(last.suffix) == "both"
            or (t.text[last.end - 1] == "”" and _count_label(t.text, start, name.kind))
            or (_counted_class(t, a, start) and not _wins(lead.verb, t.g))
            or _partner(t.text, start, last.end)
        )
        name.field = not name.weak and _field_class(t.text[start : last.end], last.suffix, name.kind, t.g)
        name.weak = name.weak or name.field
        if verb_at >= 0:
            here = _lead(t.text, verb_at, start, t.g)
            name.verb, name.stage = here.verb, here.stage
        elif out and not _SPACE.sub("", t.text[out[-1].end : start]):
            name.verb, name.stage = out[-1].verb, out[-1].stage  # 实施“2030启航计划” “2030先锋工程”
        out.append(name)
    return out


def _quoted_members(t: _Text, a: int, b: int, kind: InitiativeKind) -> list[_Name]:
    """The quotations of ``text[a:b]`` listed right before the last one and its suffix
    (“拨投贷”“先投后股”试点): each names an initiative of the suffix's kind, weak only when it opens with
    a count (“三医协同”“六医统筹”改革)."""
    return [
        _Name(m.start(), m.end(), kind, weak=bool(_COUNT_QUOTE.match(t.text, m.start())))
        for m in _QUOTE.finditer(t.text, a, b)
    ]


#: a quotation that opens with a count (“五个中心”, “六大产业集群”, “两重”): a slogan-like label, listed
#: only where both compared parts name it (a suffix after it, “四良两优”工程, makes it a name)
_COUNT_QUOTE = _regex.compile(r"“[一二两三四五六七八九十百千万双][^”]{0,12}”")

#: the kinds a count quotation ending in its suffix names (“四通行动”, “六个倍增计划”, “三项改革”,
#: “五五购物节”: what the labels count as initiatives); of other kinds it is a label (“四个中心”)
_COUNTED_NAMES = frozenset(
    {InitiativeKind.PROGRAMME, InitiativeKind.REFORM, InitiativeKind.PILOT, InitiativeKind.EVENT}
)


def _count_label(text: str, start: int, kind: InitiativeKind) -> bool:
    """Whether the quotation at ``start``, which ends with a suffix of ``kind``, is a slogan-like label:
    it opens with a count and names no programme, reform, pilot or event.

    >>> _count_label("建设“四个中心”", 2, InitiativeKind.PLATFORM)
    True
    >>> _count_label("开展“四通行动”", 2, InitiativeKind.PROGRAMME)
    False
    """
    return kind not in _COUNTED_NAMES and bool(_COUNT_QUOTE.match(text, start))


#: how far a quotation may stand from the verb that governs it (推动政务服务“川渝通办”)
_QUOTE_REACH = 6
_NUMERAL = "一二两三四五六七八九十百千万双"


def _governs(t: _Text, lead: _Lead, a: int, q: re.Match[str], first: _Lead) -> bool:
    """Whether a verb governs the quotation ``q`` of the member starting at ``a``: one opens the member
    (or the list it belongs to) or stands close before it, or a stage verb, 建设 or 改革 follows it."""
    text, g = t.text, t.g
    if text.startswith(("建设", "改革"), q.end()) or t.post_verb(q.end(), q.end() + _QUOTE_REACH)[1]:
        return True
    before = [
        x
        for x in t.bounds_in(a, q.start())
        if x.kind == "hard" or (x.kind == "verb" and g.verb_roles.get(x.word) != "adverb")
    ]
    last = before[-1] if before else None
    gap = _QUOTE.sub("", text[last.end if last else max(lead.end, a) : q.start()]).strip("、")
    gap = g.generic_re.sub("", gap)  # 打造新时代更高水平“天府粮仓”: generic qualifiers do not part them
    if last is not None:
        return last.kind == "verb" and len(gap) <= _QUOTE_REACH
    opener = lead if lead.end > a else first
    return opener.governs and len(gap) <= _QUOTE_REACH


def _quote_names(t: _Text, a: int, b: int, taken: list[_Name], lead: _Lead, first: _Lead) -> list[_Name]:
    """Quotations that name a programme (深化“高效办成一件事”, 推进“无证明省份”建设): those of
    ``text[a:b]`` outside the names already found that a verb governs, unless they are slogans, too
    short (two characters name only with a numeral: “两重”), or describe a noun (“五区共兴”格局,
    “简约、安全、精彩”的要求)."""
    text, g = t.text, t.g
    out = []
    for m in _QUOTE.finditer(text, a, b):
        word = m.group(1)
        if len(word) < 2 or (len(word) == 2 and word[0] not in _NUMERAL) or g.is_slogan(word):
            continue
        if any(n.start <= m.start() < n.end for n in taken) or text.startswith("的", m.end()):
            continue
        if _names_list(m.group(), g):
            continue  # read as its members
        if g.describes_re.match(text, m.end(), b) or not _governs(t, lead, a, m, first):
            continue
        name = _Name(m.start(), m.end(), InitiativeKind.PROGRAMME)
        name.weak = bool(_COUNT_QUOTE.match(text, m.start()))
        out.append(name)
    return out


def _campaign_names(t: _Text, a: int, b: int, taken: list[_Name], lead: _Lead, region: str) -> list[_Name]:
    """A campaign word before the report's own region (``initiative_words.tsv``, role ``campaign``:
    健康湖北, 平安福建) names a campaign of the province where a verb governs it or 建设 follows it:
    深入推进健康湖北建设, 建设更高水平的平安湖北; not 体现江西特色 or 现代化新重庆."""
    text, g = t.text, t.g
    out = []
    pos = text.find(region, a, b)
    while pos >= 0:
        start, end = pos - 2, pos + len(region)
        word = text[start:pos] if start >= a else ""
        free = not any(n.start < end and n.end > start for n in taken) and not t.inside(start)
        bound = [x for x in t.bounds if x.start < pos and x.end > start]
        if free and word in g.roles.get("campaign", ()) and not bound:
            governed = text.startswith("建设", end) or (start == lead.end and lead.governs)
            before = t.bounds_in(a, start)
            governed = governed or bool(
                before and before[-1].end == start and before[-1].kind in ("verb", "hard")
            )
            if governed and (end >= b or _ends_name(t, end, b)):
                out.append(_Name(start, end, InitiativeKind.PROGRAMME))
        pos = text.find(region, end, b)
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


#: kinds whose members a ``A、B、C等…`` list names by their own words (等省实验室, 等改革, 等重大项目)
_LISTED = frozenset(
    {
        InitiativeKind.PLATFORM,
        InitiativeKind.REFORM,
        InitiativeKind.PILOT,
        InitiativeKind.EVENT,
        InitiativeKind.PROJECT,
        InitiativeKind.PROGRAMME,
    }
)
#: the programme suffixes after 等 that name the kind of the members (白玉兰人才、东方英才等重大人才计划);
#: others name a field (新能源、新材料等产业集群) or a place (和田等重点城市)
_LISTED_PROGRAMMES = frozenset({"计划", "行动", "工程", "行动计划"})
#: the kinds whose members an ``A、B、C等…`` list names on their own; those of other kinds (防洪减灾、
#: 城市更新等工程; 供销社、集体产权等改革) are often fields, so they are listed only where both compared
#: parts name them, as are the members of a list sharing a head (概念验证、中试验证平台)
_NAMED_IN_LISTS = frozenset({InitiativeKind.PROJECT, InitiativeKind.EVENT, InitiativeKind.PLATFORM})
#: …and the programmes of a list ending in 计划 (白玉兰人才、东方英才等重大人才计划)
_NAMED_PROGRAMMES = frozenset({"计划", "行动计划"})
_ETC = _regex.compile(r"等(?:一批)?[^等]{0,12}$")
_ORDINAL_WORD = _regex.compile(r"第[一二三四五六七八九十0-9]+$")
_MARKS = _regex.compile(r"[“”《》]")


#: the words after 等 that say the members are fields, not names (硅基半导体、铜基新材料等领域…创新中心)
_FIELDS_AFTER_ETC = ("领域", "行业")


def _listed(t: _Text, members: list[tuple[int, int]], leads: list[_Lead], names: list[list[_Name]]) -> None:
    """``A、B、C等省实验室``: members without a name of their own are named by their words, and quoted
    ones take the kind of the suffix after 等 (“高效办成一件事”“综合查一次”等改革). A list may hold several
    such runs, each up to its 等 (西延高铁、麟法等3条高速、西安地铁15号线)."""
    first = 0
    for k, (a, b) in enumerate(members):
        if "等" in t.text[a:b] and _listed_run(t, members, leads, names, first, k):
            first = k + 1


def _listed_run(
    t: _Text,
    members: list[tuple[int, int]],
    leads: list[_Lead],
    names: list[list[_Name]],
    first: int,
    last: int,
) -> bool:
    """:func:`_listed` on the members ``first`` to ``last``, the last holding 等; whether they list names."""
    text, g = t.text, t.g
    a, b = members[last]
    m = _ETC.search(text, a, b)
    hit = next((h for h in t.hits if m is not None and m.start() < h.start and h.end <= b), None)
    if m is None or hit is None:
        return False
    kind = g.kinds[hit.suffix]
    if kind not in _LISTED or (kind is InitiativeKind.PROGRAMME and hit.suffix not in _LISTED_PROGRAMMES):
        return False
    if any(x.kind == "verb" for x in t.bounds_in(m.start() + 1, hit.start, names_only=True)):
        return False  # 大数据等领域布局建设省实验室: a verb after 等, the list is no list of names
    if any(c in text[m.start() : hit.start] for c in _CONJUNCTIONS):
        return False  # 资源型产品、原材料等进口和风电整机及组件: the kind is another list's
    names[last] = [n for n in names[last] if n.start < m.start()]  # the words after 等 name the kind
    fields = text.startswith(_FIELDS_AFTER_ETC, m.start() + 1)  # 硅基半导体、铜基新材料等领域…中心
    project = kind is InitiativeKind.PROJECT
    for k in range(first, last + 1):
        start, end = members[k]
        end = min(end, m.start())
        for n in names[k]:
            if n.kind is InitiativeKind.PROGRAMME and text[n.start] == "“" and text[n.end - 1] == "”":
                n.kind = kind
        if project and len(names[k]) == 1 and names[k][0].end < end:
            _reach(t, names[k], end, kind)  # 永锋临港焦钢一体化等重大项目: the member names the project
        if names[k] or start >= end:
            continue
        start = _strip_lead(text, leads[k].end if k == 0 else start, end, g)
        word = text[start:end]
        if project and (routes := _routes(word, start)):
            names[k].extend(_Name(a, b, kind, weak=fields) for a, b in routes)
            continue  # 开工洋县至西乡和镇巴至陕川界等高速项目: two roads, each named by its two ends
        if g.needs.get(hit.suffix) == "fromto" and not _TWO_PLACES.fullmatch(word):
            continue  # 国省干线、农村公路等公路: only a road named by its two ends
        if (
            (2 if _LINE_END.search(hit.suffix) else 3) <= len(word) <= 14  # 京沪二通道、雄商等6条高铁
            and not g.is_stop(word)
            and not _MARKS.search(word)
            and not _ORDINAL_WORD.match(word)
            and g.generic_re.sub("", word)  # 公共服务等重点领域改革: generic words name no member
            and not t.bounds_in(start, _works_tail(t, start, end) if project else end, names_only=project)
        ):  # a project may be named by what it does (成南扩容、九绵等高速公路, 炼化一体化等项目)
            strong = kind in _NAMED_IN_LISTS or hit.suffix in _NAMED_PROGRAMMES
            field = kind in _PLACED and not g.field_re.sub("", word)  # 新能源汽车、机器人等重大项目
            names[k].append(_Name(start, end, kind, weak=fields or field or not strong))
    return True


def _works_tail(t: _Text, start: int, end: int) -> int:
    """Where a project list member's words end before the works that close it (格尔木炼油厂改扩建,
    冷饮厂迁建: ``works-tail``), which belong to its name; else ``end``."""
    bound = t.bounds_in(start, end)
    last = bound[-1] if bound else None
    tails = t.g.roles.get("works-tail", frozenset())
    return last.start if last is not None and last.end == end and last.word in tails else end


#: a conjunction between two members of a list that 、 does not separate
_ROUTE_JOIN = _regex.compile(r"和|及|与")


def _routes(word: str, start: int) -> list[tuple[int, int]]:
    """The spans of the routes named by their two ends that ``word`` (at ``start``) joins with a
    conjunction (洋县至西乡和镇巴至陕川界), or none: two or more, each ``A至B``."""
    spans, pos = [], 0
    for m in [*_ROUTE_JOIN.finditer(word), None]:
        end = m.start() if m else len(word)
        spans.append((pos, end))
        pos = m.end() if m else pos
    if len(spans) < 2 or not all(_TWO_PLACES.fullmatch(word[a:b]) for a, b in spans):
        return []
    return [(start + a, start + b) for a, b in spans]


def _reach(t: _Text, names: list[_Name], end: int, kind: InitiativeKind) -> None:
    """A member of a list of projects whose name ends with a one-character suffix before the member
    does, with no verb or boundary between: the suffix was inside a word, the whole member names the
    project (永锋临港焦钢一体化, not 永锋临港; 潮南高速三明段 stays 潮南高速)."""
    n = names[0]
    short = any(h.end == n.end and len(h.suffix) == 1 for h in t.hits)
    if short and not t.bounds_in(n.end, end, names_only=True) and not t.inside(n.end):
        names[0] = _Name(n.start, end, kind, n.verb, n.stage, n.weak)


#: the head of a railway or road line, or of a reservoir: the members listed before one are lines named
#: by their two ends (聊邯长、莱临、德商、日照至五莲高铁) or reservoirs by their place (宣威、花滩子大型水库),
#: however short; not places counted before it (卓尼、临潭2县新通高速公路)
LINE_HEADS = frozenset({"高铁", "铁路", "城际", "高速", "高速公路", "公路", "水库"})
_LINE_END = _regex.compile(f"(?:{_alternation(sorted(LINE_HEADS))})$")
_COUNTS = _regex.compile(r"[0-9一二两三四五六七八九十]+[个县市区]")


#: how many times a member's length the words before the last member's head may run: a member that
#: parallels a name's words (概念验证、中试验证平台) is about as long; one far shorter stands for a part
#: of them, a place (呼和浩特、乌兰察布中欧班列集散中心)
_PARALLEL = 2


def _shared_head(
    t: _Text, members: list[tuple[int, int]], leads: list[_Lead], names: list[list[_Name]]
) -> None:
    """``概念验证、中试验证平台``: the members before one that opens with a name (of a kind a list shares:
    platform, reform, pilot, event) are named by their words when they hold no name, no verb and three
    to eight characters (two-character members are places or fields: 合肥、芜湖…, except before a line:
    莱临、德商、日照至五莲高铁 are three railways). A line heads the members before it wherever it stands,
    so a list may hold several runs (兰合、平庆、天陇、西成铁路甘肃段、兰张高铁武张段)."""
    for j in range(len(members) - 1, 0, -1):
        if names[j] and not names[j - 1]:
            _head_run(t, members, leads, names, j)


def _head_run(
    t: _Text, members: list[tuple[int, int]], leads: list[_Lead], names: list[list[_Name]], j: int
) -> None:
    """The unnamed members before member ``j`` named by their words, ``j``'s name heading them."""
    text, g = t.text, t.g
    last = names[j][0]
    if last.kind not in _LISTED or last.start != leads[j].end:
        return
    line = _LINE_END.search(text, last.start, last.end) and not _COUNTS.search(text, last.start, last.end)
    if not line and j < len(members) - 1:
        return  # inside a list only a line heads the members before it: its head is shared for sure
    shortest = 2 if line and not t.bounds_in(last.start, last.end) else 3  # 莱临、德商、日照至五莲高铁
    last_head = suffix_of(text[last.start : last.end])
    for k in range(j - 1, -1, -1):
        start, end = members[k]
        start = _strip_lead(text, leads[k].end, end, g)
        word = text[start:end]
        if names[k] or not shortest <= len(word) <= 8 or t.bounds_in(start, end) or _MARKS.search(word):
            break
        if not g.generic_re.sub("", word):
            break  # 建强国家级、省级区域医疗中心: a level, no name
        if not line and last.end - len(last_head) - last.start > _PARALLEL * len(word):
            break  # 呼和浩特、乌兰察布中欧班列集散中心: the member stands for a place, not the name
        names[k].append(_Name(start, end, last.kind, weak=True))


#: what a clause needs to state a number at all (a digit, or a Chinese numeral with a unit after it)
_DIGITS = _regex.compile(
    r"[0-9０-９]|[零〇一二两三四五六七八九十百千万亿]+[个项家所座条批次名位万亿千百户亩吨元人%％倍年期]"
)


#: the noun a figure counts, right after it (110万名高校毕业生; not 50个左右, 30家以上)
_OWN_NOUN = _regex.compile(r"(?!左右|以上|以内|以下|上下|多|余)[\u4e00-\u9fff]{2}")
#: numbers that never make a quantity: ordinals (第21届, 第四批), phases (二期) and 一批
_NO_COUNT = _regex.compile(r"第[0-9一二三四五六七八九十百]+[批届期次轮]|[0-9一二三四五六七八九十]+期|一批")


#: an investment stated before the 的 that makes it an attribute of the name after (投资4800万元的…工程)
_INVESTED = _regex.compile(r"投资(?:超|近|约|达)?$")

#: the most characters of a verb between an investment and its 的 (投资9600万元实施的…)
_ATTRIBUTE_VERB = 3


def _attribute(piece: str, at: int, g: Grammar) -> bool:
    """Whether ``piece[at:]`` opens with 的, or with a governing word and 的 (投资9600万元实施的向阳幼儿园):
    what comes before is an attribute of the name after.

    >>> g = grammar()
    >>> _attribute("投资5亿元的万家惠农贸市场", 5, g), _attribute("投资9600万元实施的向阳幼儿园", 8, g)
    (True, True)
    >>> _attribute("投资5亿元建设万家惠农贸市场", 5, g)
    False
    """
    k = piece.find("的", at, at + _ATTRIBUTE_VERB + 1)
    return k == at or (k > at and piece[at:k] in g.stages)


#: the units a number inside a name may carry: durations and head counts
_NAMING_UNITS = frozenset({"time", "age", "people"})


def _unquantified(t: _Text, a: int, b: int, names: list[_Name]) -> list[_Name]:
    """The names of the list member ``text[a:b]`` that no number it states makes a quantified commitment
    (:func:`_quantified`): none, unless a conjunction parts a measure from the names after it (完成80吨
    污泥焚烧处置和金丰再生资源分拣中心项目: the capacity is the first part's). A count may count every part
    (改扩建50个社区养老工程和…服务中心), and so may a number after them (创建…示范区和…基地23个)."""
    if not names or not _quantified(t, a, b, names):
        return names
    joins = [x.start for x in t.bounds_in(a, b) if x.word in _CONJUNCTIONS]
    if not joins:
        return []  # one part: the number is the names' (most quantified members)
    parts = list(zip([a, *joins], [*joins, b], strict=True))
    counted = [_quantified(t, x, y, [n for n in names if x <= n.start < y]) for x, y in parts]
    if not any(counted) or any(c and _counts(t.text[x:y]) for c, (x, y) in zip(counted, parts, strict=True)):
        return []
    last = max(k for k, c in enumerate(counted) if c)
    return [n for n in names if n.start >= parts[last][1]]


def _counts(piece: str) -> bool:
    """Whether ``piece`` states a count of things (50个, 3座), not only measures (80吨, 5公里)."""
    return any(q.unit and unit_kind(q.unit) == "count" for q in extract_quantities(piece))


def _quantified(t: _Text, a: int, b: int, names: list[_Name]) -> bool:
    """Whether the list member ``text[a:b]`` states a number (then it is a quantified commitment:
    建设外向型产业集聚区50个). A count after 等 counts the list, not its named members (加快三峡水运新通道、
    川气东送二线等3100个重大项目建设); a name may hold a duration or a head count (15分钟社区生活圈,
    创新创业青年50人论坛) and open with a count (五个新城)."""
    piece = t.text[a:b]
    if not _DIGITS.search(piece) or not _DIGITS.search(_NO_COUNT.sub("", piece)):
        return False  # no number, or only ordinals, phases and batches (第四批, 二期, 一批): no quantity
    for q in extract_quantities(piece):
        pos = a + q.start
        if not q.unit or t.inside(pos) or _counts_list(t, a, q.start, q.unit, names):
            continue
        inside = [n for n in names if n.start <= pos < n.end]
        opening = any(n.start == pos for n in inside) and not piece[q.start].isdigit()
        if any(_capacity(q.unit, n, pos, a + q.end) for n in inside):
            continue  # 大唐700万吨露天矿: the capacity the project is built for, a part of its name
        if not inside and unit_kind(q.unit) == "time" and all(pos < n.start for n in names):
            continue  # 仅用90天建成“南A中心”: how long it took, no quantity of the name
        if names and all(n.end < pos for n in names) and _OWN_NOUN.match(piece, q.end):
            continue  # “百万英才汇南粤”行动吸纳超110万名高校毕业生: what the name did, a count of a noun
        if _INVESTED.search(piece, 0, q.start) and _attribute(piece, q.end, t.g):
            continue  # 总投资10亿元的国网信通大数据项目: what the named works cost, an attribute of the name
        if not inside or not (unit_kind(q.unit) in _NAMING_UNITS or opening):
            return True
    return False


#: the units of what a works is built to make or carry (700万吨, 2×35万千瓦, 750千伏)
_CAPACITY_KINDS = frozenset({"mass", "power", "volume"})
_CAPACITY_UNITS = frozenset({"千伏", "万千伏"})
#: the fewest characters of a project's name before and after its capacity (大唐…露天矿)
_AFTER_CAPACITY = 2


def _capacity(unit: str, n: _Name, start: int, end: int) -> bool:
    """Whether a figure of ``unit`` at ``start:end`` inside the project ``n`` is its capacity: a mass, a
    power or a volume between words of the name's own, its owner's or place's before and more of it
    after (麦多利10万吨大麦芽二期; not 新建农田5000亩, nor 5万千瓦风电: a kind of works)."""
    kind = unit_kind(unit)
    return (
        n.kind is InitiativeKind.PROJECT
        and start - n.start >= _AFTER_CAPACITY
        and n.end - end >= _AFTER_CAPACITY
        and (kind in _CAPACITY_KINDS or unit in _CAPACITY_UNITS)
    )


#: the most characters of kind words between 等 and the count of the list it closes (等创新平台16家)
_LIST_KIND = 8


def _counts_list(t: _Text, a: int, at: int, unit: str, names: list[_Name]) -> bool:
    """Whether the number at ``text[a + at]`` counts a list that 等 closes, right after it (等3100个重大项目)
    or, a count of things, after the words of its kind (建设广西人工智能学院等创新平台16家; not 等新基建投资
    增长40%), no boundary between: every name of the member stands before the 等.

    >>> from reportdiff.structure import load
    >>> r = load("二、2025年工作安排\\n建设广西人工智能学院等创新平台16家。")
    >>> [i.name for i in extract_initiatives(r)]
    ['广西人工智能学院']
    """
    etc = t.text.rfind("等", a, a + at)
    if etc < 0:
        return False
    if etc == a + at - 1:
        return True
    if unit_kind(unit) != "count" or a + at - etc - 1 > _LIST_KIND or t.bounds_in(etc + 1, a + at):
        return False
    return all(n.end <= etc for n in names)


#: the shortest name of a programme a list of bare nouns runs into (not 统一行动, 增效行动)
_ONE_PROGRAMME = 6


def _one_programme(
    t: _Text, members: list[tuple[int, int]], leads: list[_Lead], names: list[list[_Name]]
) -> tuple[int, int] | None:
    """The first member (and where its name starts) of a list that names one programme
    (``initiative_words.tsv``, ``joins-nouns``): the last member opens with the programme's name, the
    members before it are bare nouns of two to eight characters (景区、度假区质量提升行动;
    重点领域、重点行业、城乡基层和中小微企业就业支持计划), not actions (``joined-action``:
    种业振兴、粮食单产提升行动 are two programmes sharing their head)."""
    text, g = t.text, t.g
    last = names[-1][0] if names[-1] else None
    if last is None or last.start != leads[-1].end or text[last.start] == "“":
        return None
    if not any(text.endswith(w, last.start, last.end) for w in g.roles.get("joins-nouns", ())):
        return None
    if last.end - last.start < _ONE_PROGRAMME:
        return None  # 统一意志、统一行动: a slogan
    actions = g.roles.get("joined-action", frozenset())
    first = None
    for k in range(len(members) - 2, -1, -1):
        start = _strip_lead(text, leads[k].end, members[k][1], g)
        word = text[start : members[k][1]]
        if names[k] or not 2 <= len(word) <= _JOINED_NOUN or t.bounds_in(start, members[k][1]):
            break
        if _MARKS.search(word) or t.hits_in(start, members[k][1]) or word[-2:] in actions or "有" in word:
            break  # 种业振兴、粮食单产提升行动: two programmes sharing a head; 中央有部署、马上见行动
        first = (k, start)
    return first


def _clause_names(t: _Text, a: int, b: int, region: str) -> list[_Placed]:
    """Every initiative of the clause ``text[a:b]``, with its verb, stage and own part of the clause."""
    text, g = t.text, t.g
    t.focus(a, b)
    piece = text[a:b]
    members = _split(t, a, b, _MEMBER_SEP) if "、" in piece else [(a, b)]
    leads = [_lead(text, s, e, g) for s, e in members]
    names: list[list[_Name]] = []
    for (s, e), lead in zip(members, leads, strict=True):
        found = _member_names(t, s, e, lead)
        seg = text[s:e] if len(members) > 1 else piece
        if "“" in seg:
            found += _quote_names(t, s, e, found, lead, leads[0])
        if region in seg:
            found += _campaign_names(t, s, e, found, lead, region)
        if "《" in seg:
            marks = [(m.start(), m.end()) for m in _TITLE.finditer(text, s, e)]
            found = [n for n in found if not any(n.start < y and n.end > x for x, y in marks)]
            found += _title_names(text, s, e, region)
        names.append(sorted(found, key=lambda n: n.start) if len(found) > 1 else found)
    if "等" in piece:
        _listed(t, members, leads, names)
    elif len(members) > 1 and (one := _one_programme(t, members, leads, names)) is not None:
        k, start = one  # 景区、度假区质量提升行动: one programme
        last = names[-1][0]
        members[k:] = [(members[k][0], members[-1][1])]
        leads[k + 1 :] = []
        names[k:] = [[_Name(start, last.end, last.kind, last.verb, last.stage, last.weak), *names[-1][1:]]]
    elif len(members) > 1:
        _shared_head(t, members, leads, names)
    names = [_unquantified(t, s, e, ns) for (s, e), ns in zip(members, names, strict=True)]
    flat = [n for ns in names for n in ns]
    if not flat:
        return []
    _stages(t, members, leads, names, flat[-1].end, b)
    if any(w in piece for w in _setup_suffixes()):
        names = [[n for n in ns if _set_up_or_named(t, n)] for ns in names]
    for n in flat:  # a bare quotation no stage verb governs is a label (“信息孤岛”, “港人治港”)
        if n.stage is None and text[n.start] == "“" and text[n.end - 1] == "”":
            n.weak = True
    return [(n, part) for span, ns in zip(members, names, strict=True) for n, part in _own_parts(t, span, ns)]


#: how far before a suffix of needs ``setup`` a verb setting it up is looked for (组建广西国控集团)
_SETUP_REACH = 16


def _set_up_before(text: str, pos: int) -> bool:
    """Whether a verb that sets an initiative up stands before ``pos`` in its clause, near it."""
    clause = max(text.rfind(c, 0, pos) for c in "，,；;。：:") + 1
    return _setting_up().search(text, max(clause, pos - _SETUP_REACH), pos) is not None


@lru_cache(maxsize=1)
def _setup_suffixes() -> tuple[str, ...]:
    """The suffixes that name an initiative only where a verb sets it up (needs ``setup``: 集团)."""
    return tuple(w for w, need in grammar().needs.items() if need == "setup")


@lru_cache(maxsize=1)
def _setting_up() -> re.Pattern[str]:
    """The verbs that set an initiative up (``stage_verbs.tsv``, ``opens``), as one pattern."""
    return _regex.compile(_alternation(sorted(grammar().opens)))


def _set_up_or_named(t: _Text, n: _Name) -> bool:
    """Whether a name of a suffix that names an initiative only when it is set up (``initiative_kinds.tsv``,
    needs ``setup``: 组建北京数据集团; not 支持北大荒集团…, a company that is there) is governed by a verb
    before it that sets it up."""
    m = t.g.suffix_end_re.search(t.text, n.start, n.end)
    if m is None or t.g.needs.get(m.group()) != "setup":
        return True
    return _set_up_before(t.text, n.start) and t.g.sets_up(n.verb)  # not 海螺集团与皖维集团启动重组


#: how far after a list a verb that tells its stage is looked for, and the words it reaches over
#: (中成大酒店等项目在旅游旺季前投入运营: a time between)
_TAIL_REACH = 8
_TAIL_PASSES = frozenset({"在", "于", "一批"})


def _stages(
    t: _Text, members: list[tuple[int, int]], leads: list[_Lead], names: list[list[_Name]], last: int, b: int
) -> None:
    """Give every name of a clause its verb and stage: its member's governing words, else a verb right
    after it, else the clause's first governing words (建成A、B、C), else a verb after the list
    (A、B等前期工作; 推动A、B通航: a helper verb without a stage defers to it). The preparation of a list's
    works after it (推进A、B等项目前期工作) holds every member at prepare, whatever verb opens the list."""
    shared = next(((ld.verb, ld.stage) for ld in leads if ld.verb), ("", None))
    if shared[1] is None and names[0] and names[0][0].stage is not None:
        shared = (
            names[0][0].verb,
            names[0][0].stage,
        )  # 重点实施桃李中学、三中分校…: the verb before the first name
    etc = t.text.rfind("等", last, b)
    trailing = t.post_verb(etc + 1 if etc >= 0 else last, b, reach=_TAIL_REACH, passes=_TAIL_PASSES)
    phase = etc >= 0 and t.g.verb_roles.get(trailing[0]) == "phase"  # 推进A、B等项目前期工作: all preparing
    for (_, e), lead, ns in zip(members, leads, names, strict=True):
        for n in ns:
            if phase:
                n.verb, n.stage = trailing
                continue
            if n.verb:
                if n.stage is None and (post := t.post_verb(n.end, e))[1] is not None:
                    n.verb, n.stage = post  # 加快西安都市圈建设: an intensifier before, the verb after
                continue
            post = t.post_verb(n.end, e)
            if post[0] and post[1] is None:
                continue  # 中卫工业园入选首批…: the subject of what it won, at no stage of its own
            if lead.verb and lead.stage is not None and not (lead.helper and post[1] is not None):
                n.verb, n.stage = lead.verb, lead.stage
            elif not lead.verb and shared[1] is Stage.DONE and post[1] is not None and post[1] < Stage.DONE:
                n.verb, n.stage = shared  # 完成A吸收合并、B组建: the 组建 of B is what 完成 completes
            elif post[1] is not None:
                n.verb, n.stage = post
            elif lead.verb and (lead.stage is not None or trailing[1] is None):
                n.verb, n.stage = lead.verb, lead.stage
            elif shared[1] is not None:
                n.verb, n.stage = shared
            elif trailing[1] is not None:
                n.verb, n.stage = trailing
            else:
                n.verb = shared[0]


def _own_parts(t: _Text, span: tuple[int, int], names: list[_Name]) -> list[_Placed]:
    """Each name's part of a list member holding several (加快建设合肥中欧班列集结中心和国际港务区):
    from the end of the name before it, past the word that joins them, to the start of the next one."""
    if len(names) < 2:
        return [(n, span) for n in names]
    out = []
    for k, n in enumerate(names):
        a = span[0] if k == 0 else names[k - 1].end
        joint = t.at.get(a)
        if k > 0 and joint is not None and joint.kind in ("hard", "det") and joint.end <= n.start:
            a = joint.end
        b = span[1] if k == len(names) - 1 else max(names[k + 1].start, n.end)
        out.append((n, (min(a, n.start), b)))
    return out


def _sentence_names(sentence: Sentence, region: str, g: Grammar, weak: bool = True) -> list[_Placed]:
    """The initiatives of one sentence; without ``weak``, the clauses that can name only weak ones (a weak
    suffix and no quotation, title, campaign word or list: 社会保障体系) are not read."""
    text = sentence.text
    t = _Text(text, g)
    if not t.hits and not t.spans and region not in text:
        return []  # no suffix, quotation, title or campaign: nothing to read (a third of the sentences)
    # only the clauses that hold a suffix, a quotation, a title or a campaign word before the region
    # can name anything
    # can name anything; a suffix that names only after a quotation (项目, 活动) names without one only
    # in a list (A、B等重大项目)
    campaign = g.roles.get("campaign", frozenset())
    skipped = ("quote",) if weak else ("quote", "both")
    marks = sorted(
        [
            *(h.start for h in t.hits if g.needs.get(h.suffix) not in skipped),
            *(a for a, _ in t.spans if text[a] in "“《"),
            *(p for p in _all(text, region) if text[max(0, p - 2) : p] in campaign),
        ]
    )
    listed = [h.start for h in t.hits if g.needs.get(h.suffix) == "quote"] if "等" in text else []
    out = []
    weak_hits = [] if weak else [h.start for h in t.hits if g.needs.get(h.suffix) == "both"]
    for a, b in _split(t, 0, len(text), _CLAUSE_SEP):
        etc = "等" in text[a:b]
        if _any_in(marks, a, b) or ((_any_in(listed, a, b) or _any_in(weak_hits, a, b)) and etc):
            out.extend(_clause_names(t, a, b, region))
    return out


def _any_in(sorted_offsets: list[int], a: int, b: int) -> bool:
    """Whether one of ``sorted_offsets`` lies in ``[a, b)``."""
    k = bisect_left(sorted_offsets, a)
    return k < len(sorted_offsets) and sorted_offsets[k] < b


def _all(text: str, word: str) -> list[int]:
    """Every offset of ``word`` in ``text``."""
    out, pos = [], text.find(word)
    while pos >= 0:
        out.append(pos)
        pos = text.find(word, pos + 1)
    return out


_REGION_TAIL = _regex.compile(r"(?:省|市|区|县|自治区|维吾尔自治区|壮族自治区|回族自治区)$")


#: the regions of a province's rank whose names end like a city's or a district's
_PROVINCIAL = _regex.compile(r"自治区$|^(?:北京|上海|天津|重庆)市$")


def _local(region: str | None) -> bool:
    """Whether a report is a city's, a county's or a district's (南安市, 海拉尔区), not a province's or the
    state's: there a place named by its field (生活性物流园区, 电商快递园) is most often its own one.

    >>> _local("海拉尔区"), _local("南安市"), _local("广西壮族自治区"), _local("上海市"), _local("国务院")
    (True, True, False, False, False)
    """
    return region is not None and region[-1:] in tuple("市区县旗") and not _PROVINCIAL.search(region)


def extract_initiatives(
    report: Report, *, part: Part | str | None = None, weak: bool = False
) -> InitiativeList:
    """Every named initiative of ``report`` (or of one part of it), one per distinct name and part,
    in the order first named; with ``weak``, also the names of weak suffixes (…制度, …机制), which a
    comparison lists only where both parts name them (:attr:`Initiative.needs_both`).

    The result is a list (an :class:`InitiativeList`, which a notebook shows as a table).

    >>> from reportdiff.structure import load
    >>> r = load("二、2025年工作安排\\n加快建设福州至厦门高速铁路。推进福厦高铁前期工作，建成福厦高铁。")
    >>> [(i.name, i.stage.value, len(i.mentions)) for i in extract_initiatives(r)]
    [('福州至厦门高速铁路', 'done', 3)]
    """
    key = ("initiatives", None if part is None or part == "all" else Part(part), weak, id(grammar()))
    return InitiativeList(report.memo(key, lambda: tuple(_extract(report, part, weak))))


#: an award a name opens (“五个一工程”奖, “五个一工程”优秀作品奖; not 以奖代补, 奖补资金)
_AWARD = _regex.compile(r"[^，。；、“”]{0,6}奖(?![补励金])")


#: the verb of a positioning: what a report says it will make of a place (打造…基地)
POSITIONING = "打造"


def suffix_of(text: str) -> str:
    """The name suffix of the grammar that closes ``text`` (机场, 示范区, 行动 …), or ''.

    >>> suffix_of("浦东国际机场"), suffix_of("“两新”")
    ('机场', '')
    """
    m = grammar().suffix_end_re.search(text)
    return m.group() if m else ""


def _positioned(verb: str, name: str, g: Grammar) -> bool:
    """Whether 打造 makes ``name`` a role the place claims, by a head of the role ``positioning``
    (``initiative_words.tsv``): 打造…研发生产基地, 打造国际消费中心城市; not 打造…产业园, a thing built.

    >>> g = grammar()
    >>> _positioned("加快打造", "兽用疫苗研发生产基地", g), _positioned("打造", "螺蛳粉产业园", g)
    (True, False)
    >>> _positioned("建设", "兽用疫苗研发生产基地", g)
    False
    """
    return POSITIONING in verb and suffix_of(name.replace("”", "")) in g.roles.get("positioning", ())


#: a clause opening with a count of things (16个案例, 173名个人, 两所大学, 两批34项): its subject
_COUNTED_SUBJECT = _regex.compile(
    r"(?:[一二两三四五六七八九十]批)?[0-9０-９一二两三四五六七八九十][0-9０-９一二两三四五六七八九十百千万.]*"
    r"[个名家项所座条处]"
)


#: a figure after a name that a done verb may have done (625个, 3696亿元, 94.2%): a number and its unit
_FIGURE_DONE = _regex.compile(
    r"[0-9０-９][0-9０-９.]*(?:[万亿千百]{0,2}[个项家座条户套处所名人元亩吨米台辆次批]|[%％])"
)


#: a conjunction opening the next part of a clause
_JOINED_PART = _regex.compile(f"[{''.join(sorted(_CONJUNCTIONS))}]")


def _own_stage(stage: Stage | None, verb: str, clause: str, at: int, end: int) -> Stage | None:
    """The stage a mention (``clause[at:end]``) states of its initiative: none where a counted subject
    other than itself is done with something (16个案例入选全国“高效办成一件事”典型,
    600个高频事项实现“数据最多采一次”: the cases and the items, not the programme, are done; but
    10个“二线口岸”正式启用: the ports counted are the initiative), or where what is done is a figure
    after the name and the ``verb`` (完成“保交房”项目625个, 完成城市更新项目投资3696亿元, 整改完成率达94.2%:
    units, an amount, a rate; the programme goes on). A count after 等 counts a list whose members
    are done (呼南高铁襄荆段等5条高铁建成运营).

    >>> done = Stage.DONE
    >>> _own_stage(done, "入选", "3个园区入选国家级零碳园区建设名单", 7, 11)
    >>> _own_stage(done, "启用", "10个“二线口岸”正式启用", 3, 9)
    <Stage.DONE: 'done'>
    >>> _own_stage(done, "建成", "建成3个零碳园区", 4, 8)
    <Stage.DONE: 'done'>
    >>> _own_stage(done, "完成", "完成“保交房”项目625个", 2, 7)
    >>> _own_stage(done, "建成运营", "呼南高铁襄荆段等5条高铁建成运营", 0, 4)
    <Stage.DONE: 'done'>
    """
    if stage is not Stage.DONE:
        return stage
    if (m := _COUNTED_SUBJECT.match(clause)) is not None and at > m.end():
        return None
    said = clause.find(verb) + len(verb) if verb and verb in clause else 0
    part = _JOINED_PART.search(clause, end)  # 建成福州超算中心和5G基站2万个: the figure is the next part's
    figure = _FIGURE_DONE.search(clause, max(end, said), part.start() if part else len(clause))
    return None if figure is not None and clause[figure.start() - 1] != "等" else stage


def _extract(report: Report, part: Part | str | None, weak: bool) -> list[Initiative]:
    g = grammar()
    region = _REGION_TAIL.sub("", report.region or "") or "\0"
    local = _local(report.region)
    found: list[_Found] = []
    read: dict[int, list[_Placed]] = report.memo(("sentence_names", region, id(g), weak), dict)
    for sentence in report.sentences_in(part):
        section = report.sections[sentence.section]
        names = read.get(sentence.start)
        if names is None:  # each sentence is read once, whichever parts are asked for
            names = read[sentence.start] = _sentence_names(sentence, region, g, weak)
        for n, (a, b) in names:
            name = sentence.text[n.start : n.end]
            if g.needs.get(name, "0") != "0" or _AWARD.match(sentence.text, n.end):
                continue  # a suffix alone (…、幼儿园等公共公益项目), or an award (荣获“五个一工程”优秀作品奖)
            # 启动生活性物流园区建设: the district's one; not 加强乡镇卫生院…: every one of them
            own = local and n.field and n.stage is not None and not _role_re("distributive").match(name)
            thin = (n.weak and not own) or match_key(name, report.region) in g.generic_names
            thin = thin or _positioned(n.verb, name, g)
            if thin and not weak:
                continue  # left out before its mention is built: a third of the names found
            mention = Mention(
                name=name,
                stage=_own_stage(n.stage, n.verb, sentence.text[a:b], n.start - a, n.end - a),
                verb=n.verb,
                text=sentence.text[a:b],
                sentence=sentence.text,
                section_path=section.path,
                section_title=section.title,
                start=sentence.start + n.start,
                end=sentence.start + n.end,
            )
            found.append((mention, n.kind, sentence.part, thin))
    known = _inside_none(_known_names(report, part, found), found)
    if known:
        spans = [(m.start, m.end) for m, *_ in known]
        found = [f for f in found if not f[3] or not _crosses(f[0], spans)] + known
    found += _reported_names(report, part, found)
    found.sort(key=lambda f: f[0].start)
    return list(group(found, report.region, report.year))


def _inside_none(known: list[_Found], found: list[_Found]) -> list[_Found]:
    """The known names but for a weak-suffixed policy (…机制, …制度) inside a longer name the grammar
    found only weak: that name, of a head of its own, is another initiative (生态产品价值实现机制 of
    国家生态产品价值实现机制试点 is the pilot's field); an unmarked one stays (扫黑除恶 of
    扫黑除恶常态化机制)."""
    thin = [(m.start, m.end) for m, _, _, weak in found if weak] if known else []
    if not thin:
        return known
    needs = grammar().needs

    def inside(m: Mention) -> bool:
        weak = needs.get(suffix_of(m.name)) == "both"
        return weak and any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in thin)

    return [k for k in known if not inside(k[0])]


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[str, InitiativeKind], ...]:
    """The programmes named without a mark that the labels of several regions count as initiatives
    (``initiative_lexicon.tsv``: 扫黑除恶, 信访工作法治化), longest first."""
    return tuple((name, InitiativeKind(kind)) for name, (kind, _) in _known().items())


@lru_cache(maxsize=1)
def _known() -> dict[str, tuple[str, int]]:
    """``initiative_lexicon.tsv``: name → (kind, regions), longest name first."""
    rows = sorted(_rows("initiative_lexicon.tsv"), key=lambda r: (-len(r[0]), r[0]))
    return {row[0]: (row[1], int(row[2])) for row in rows}


def known_regions(name: str) -> int:
    """In how many regions' development labels a name of the lexicon of known programmes is an
    initiative (0 for a name not in it: the grammar's names, most of them).

    >>> known_regions("扫黑除恶") >= 2, known_regions("福州地铁4号线")
    (True, 0)
    """
    return _known().get(name, ("", 0))[1]


#: a national (G) or provincial (S) road named by its code, and the section after it if any: 加快G318、G219
#: 提质改造, 开工建设G0616海乌段, 实现G331吉林段全线贯通; the words after it say what is done to it (a name
#: that goes on, G219线禾木至喀纳斯 or G98环岛高速, is the grammar's)
_ROAD_CODE = _regex.compile(
    r"(?<![A-Za-z0-9])[GS][0-9]{2,4}(?![0-9])(?:[\u4e00-\u9fff]{2,10}?段)?"
    r"(?=[^\u4e00-\u9fff]|[及和与等]|公路|提质|改扩建|改造|扩容|全线|贯通|通车|建设|建成|$)"
)


def _known_names(report: Report, part: Part | str | None, found: list[_Found]) -> list[_Found]:
    """The mentions of :func:`_lexicon` names and of roads named by their code alone (:data:`_ROAD_CODE`)
    in the part, outside the names the grammar found there (but for those it found only weak: 零碳园区, a
    kind of thing elsewhere, is a programme here), each with the stage its governing verb states."""
    text = report.text
    names = [(name, kind) for name, kind in _lexicon() if name in text]
    names += [(code, InitiativeKind.PROJECT) for code in dict.fromkeys(_ROAD_CODE.findall(text))]
    sentences = report.sentences_in(part)
    if not names or not sentences:
        return []
    mask = bytearray(len(text) + 1)
    for m, _, _, thin in found:
        if not thin:
            mask[m.start : m.end] = b"\x01" * (m.end - m.start)
    starts = [s.start for s in sentences]
    g = grammar()
    return [
        (mention, kind, p, False)
        for name, kind in names
        for mention, p in _lookup(report, sentences, starts, mask, name, g)
        if not _counted_mention(text, mention.start, mention.end)
    ]


#: a count right before a name (13项“高效办成一件事”, 16个县域医共体), or a figure right after it in its
#: clause (零碳工厂11家, 以旧换新超40万辆, 保交房项目交付率94.6%)
_COUNT_BEFORE = _regex.compile(r"(?:[0-9]+|[一二两三四五六七八九十百千]+)[个项家所座条批]“?$")
_FIGURE_AFTER = _regex.compile(
    r"”?[^，。；：、！？\s（(]{0,5}?[0-9][0-9.]*[万亿千百]?[^\u4e00-\u9fff]?[\u4e00-\u9fff]?"
)


def _counted_mention(text: str, start: int, end: int) -> bool:
    """Whether a known name's mention is counted through a number: then the count is a commitment's or a
    result's (gold/README.md: it belongs in a commitment file), and the name a label of it.

    >>> _counted_mention("新增零碳工厂11家", 2, 6), _counted_mention("推进零碳工厂建设", 2, 6)
    (True, False)
    >>> _counted_mention("保交房保障超10万户购房群众", 0, 3)
    False
    """
    if _COUNT_BEFORE.search(text, max(0, start - 6), start) is not None:
        return True
    figure = _FIGURE_AFTER.match(text, end)  # not 保交房保障超10万户购房群众: a count of another noun
    return figure is not None and _OWN_NOUN.match(text, figure.end()) is None


def _reported_names(report: Report, part: Part | str | None, found: list[_Found]) -> list[_Found]:
    """What a review reports done as the subject of a clause its result closes (吉化乙烯项目投产,
    乐高乐园顺利开园, 吉林农商行正式挂牌运营: ``initiative_words.tsv``, role ``result``), outside the names
    the grammar found: only a thing of its own is built, opened or put into operation, so the subject
    names one though no suffix the grammar knows closes it (项目 names only after a quotation). The
    subject is no name where a verb opens it, a joining word or a figure is in it, or its words are
    generic or common (一批重大项目投产, 首条国际海缆开通)."""
    sentences = [s for s in report.sentences_in(part) if s.part is Part.REVIEW]
    if not sentences:
        return []
    g, taken = grammar(), [(m.start, m.end) for m, *_ in found if m.end > sentences[0].start]
    out: list[_Found] = []
    for sentence in sentences:
        for m in _result_clause().finditer(sentence.text):
            for name, clause in _reported_spans(sentence, m, taken, g):
                if not _crosses((hit := _reported(report, sentence, name, clause, m))[0], taken):
                    out.append(hit)
    return out


def _reported_spans(
    sentence: Sentence, m: re.Match[str], taken: list[tuple[int, int]], g: Grammar
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The subjects the result clause ``m`` reports done, each as the span of its name and of its text
    in ``sentence.text``: the subject and its clause, or each member of a list of them, holding only
    itself (江门中微子实验站、惠州强流重离子加速器建成运行: :func:`_member_subjects`)."""
    text, a, b = sentence.text, m.start(), m.start("done")
    if "、" in text[a:b]:
        return [((s, e), (s, e)) for s, e in _member_subjects(sentence, a, b, taken, g)]
    start = _reported_subject(text, a, b, g)
    return [] if start < 0 else [((start, b), (a, m.end()))]


def _member_subjects(
    sentence: Sentence, a: int, b: int, taken: list[tuple[int, int]], g: Grammar
) -> list[tuple[int, int]]:
    """The names of the list of subjects ``sentence.text[a:b]``. A list names things only where every
    member does (or is a name found already) and no member lacks the suffix the last one has (大青山、
    鄂尔多斯实验室: 大青山 is short for 大青山实验室); the lists 等 closes are the grammar's to read
    (…、深汕比亚迪二期等一批重大项目)."""
    text, at = sentence.text, sentence.start
    if "等" in text[a:b]:
        return []
    cuts = [a, *(i for j in _JOINS.finditer(text, a, b) for i in j.span()), b]  # no quotation here
    members = list(zip(cuts[::2], cuts[1::2], strict=True))
    starts = [_reported_subject(text, x, y, g) for x, y in members]
    found = [any(x + at < q and p < y + at for p, q in taken) for x, y in members]
    suffixed = [bool(suffix_of(text[x:y])) for x, y in members]
    shortened = suffixed[-1] and not all(suffixed)
    if shortened or not all(s >= 0 or f for s, f in zip(starts, found, strict=True)):
        return []
    return [(s, y) for s, (_, y) in zip(starts, members, strict=True) if s >= 0]


def _reported_subject(text: str, a: int, b: int, g: Grammar) -> int:
    """Where the subject ``text[a:b]`` of a result starts once its determiners are stripped (全国首条),
    or -1 when it names nothing."""
    if _role_re("superlative").search(text, a, b):
        return -1  # a description (首条国际海缆, 世界最大单体免税店), a product most often
    while a < b and (d := g.lead_re.match(text, a, b)) and d.group() in g.skipped:
        a = d.end()
    words = text[a:b]
    suffix, kind = _reported_kind(words, g)
    if not _REPORTED_MIN <= len(words) <= _MAX_NAME or g.lead_re.match(words) or _JOINED.search(words):
        return -1
    if _role_re("result-adverb").search(words) or _NOT_YET.search(words):
        return -1  # the predicate began before the result (华电…项目实现商业化交付, 哈伊高铁全线铺轨贯通)
    mod = words[: len(words) - len(suffix)]
    if len(_core(mod, g)) < (1 if suffix else 2) or g.is_stop(words) or match_key(words) in g.generic_names:
        return -1  # the words before a suffix name it, whatever the suffix needs elsewhere (项目, 线)
    return -1 if _common_class(mod, suffix, kind, g) else a


def _reported(
    report: Report, sentence: Sentence, name: tuple[int, int], clause: tuple[int, int], m: re.Match[str]
) -> _Found:
    """The mention of the subject ``name`` (its span in ``sentence.text``) of the result clause ``m``, done
    (or the stage its result word states: 成立 sets up); ``clause`` is the span of its text."""
    g, text, done, (a, b) = grammar(), sentence.text, m.start("done"), name
    verb = _role_re("result").search(text, done, m.end())
    word = verb.group() if verb else text[done : m.end()]
    section = report.sections[sentence.section]
    mention = Mention(
        name=text[a:b],
        stage=g.stages.get(word) or Stage.DONE,
        verb=text[done : m.end()],
        text=text[clause[0] : clause[1]],
        sentence=text,
        section_path=section.path,
        section_title=section.title,
        start=sentence.start + a,
        end=sentence.start + b,
    )
    return mention, _reported_kind(mention.name, g)[1], sentence.part, False


def _reported_kind(name: str, g: Grammar) -> tuple[str, InitiativeKind]:
    """The suffix closing a reported subject and its kind; a project where none closes it (乐高乐园)."""
    suffix = suffix_of(name)
    return suffix, _kind(name, suffix, g) if suffix else InitiativeKind.PROJECT


#: the fewest characters of a reported subject (厂通路; not 工厂)
_REPORTED_MIN = 3
#: what joins two things, places a result or opens a list member (八是), or a figure: a subject holding
#: one is no single name (国家健康战略资源中心和…, 外长会晤在成都举行)
_JOINED = _regex.compile(r"[的等和与及、在是]|[0-9０-９%％]")
#: what says the result is still to come, or for how long it has come (口岸通关中心即将建成, 连续五年举办)
_NOT_YET = _regex.compile(r"(?:即将|将要|将|正在|有望|力争|加快|连续|不再|尚未)")
#: what may follow a result in its clause (挂牌运营, 揭牌运行, 并网发电, 揭牌成立)
_RESULT_TAILS = "运行|运营|发电|成立"
#: the clause ends: the full-width and ASCII ones
_CLAUSE_ENDS = "，；。：！？,;:!?"


@lru_cache(maxsize=8)
def _role_re(role: str) -> re.Pattern[str]:
    """Any word of ``initiative_words.tsv``'s ``role`` (result, result-adverb, superlative, distributive)."""
    return _regex.compile(_alternation(sorted(grammar().roles.get(role, ()))))


@lru_cache(maxsize=1)
def _result_clause() -> re.Pattern[str]:
    """A clause that a result closes, after its subject and any adverbs (乐高乐园顺利开园): the group
    ``done`` opens at the adverbs."""
    results, adverbs = _role_re("result").pattern, _role_re("result-adverb").pattern
    return _regex.compile(
        rf"(?:^|(?<=[{_CLAUSE_ENDS}]))[^{_CLAUSE_ENDS}“”《》（）()]{{2,{_MAX_NAME + 8}}}?"
        rf"(?P<done>(?:{adverbs})*(?:{results})(?:{results}|{_RESULT_TAILS})*)(?=[{_CLAUSE_ENDS}]|$)"
    )


def _crosses(m: Mention, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether a mention shares a character with one of ``spans``."""
    return any(m.start < b and a < m.end for a, b in spans)


# --- looking a name up in the other part ------------------------------------------------------

#: the least a name looked up by its words must hold (shorter ones name too much: 两新)
_LOOKUP_MIN = 3
#: the least a name without its suffix must hold, generic words aside, to be looked up (分级诊疗制度 →
#: 分级诊疗; not 国有企业改革 → 国有企业)
_DROPPED_MIN = 4
#: a phase closing a name (大红门博物馆群一期, 引绰济辽一期工程): the works are also named without it
_PHASE_END = _regex.compile(r"(?:[0-9]+|[一二三四五六七八九十]+)期(?:工程|项目)?$")


@lru_cache(maxsize=1)
def _generic_end() -> re.Pattern[str]:
    """Generic words closing a string (示范, 重点): a name that drops its head drops them too."""
    return _regex.compile(f"(?:{_alternation(sorted(grammar().roles.get('generic', ())))})+$")


def _variants(i: Initiative, g: Grammar) -> list[str]:
    """The spellings to look ``i`` up by: its mentions' names as written, without quotation marks,
    as matching keys (福州至厦门高速铁路 → 福厦高铁) and without a suffix that a name may drop
    (``initiative_words.tsv``, role ``droppable``: 种业振兴行动 → 种业振兴), with the generic words before
    it (历史遗留废弃矿山生态修复示范工程 → 历史遗留废弃矿山生态修复); longest first."""
    names = [m.name for m in i.mentions] or [i.name]
    found = {v for n in names for v in (n, _KEY_MARKS.sub("", n), match_key(n, i.region))}
    found.update(q for n in names for q in _own_quotes(n, g))
    found.update(w for n in names if len(w := _PHASE_END.sub("", n)) >= _DROPPED_MIN and w != n)
    for v in list(found):
        m = g.droppable_re.search(v)
        if m is not None and len(_core(_KEY_MARKS.sub("", v[: m.start()]), g)) >= _DROPPED_MIN:
            found.add(v[: m.start()])
            bare = _generic_end().sub("", v[: m.start()])  # …生态修复示范工程 → …生态修复
            # not past a head of its own: 高等教育综合改革试点 is 高等教育综合改革, not 高等教育
            own_head = g.droppable_re.search(v, len(bare), m.start()) is not None
            long_enough = len(_core(_KEY_MARKS.sub("", bare), g)) >= _DROPPED_MIN
            if bare != v[: m.start()] and not own_head and long_enough:
                found.add(bare)
    return sorted((v for v in found if len(_KEY_MARKS.sub("", v)) >= _LOOKUP_MIN), key=lambda v: (-len(v), v))


def shortened(i: Initiative) -> list[str]:
    """The spellings :func:`find_named` looks ``i`` up by that are shorter than its name: without a
    closing phase (大红门博物馆群一期 → 大红门博物馆群: the pair's stages and phases then decide), a
    droppable suffix or the generic words before it (种业振兴行动 → 种业振兴; not past a head of its own:
    高等教育综合改革试点 is never looked up as the field 高等教育), or a quotation it holds.

    >>> from reportdiff.structure import load
    >>> shortened(extract_initiatives(load("二、2025年工作安排\\n实施种业振兴行动。"))[0])
    ['种业振兴']
    >>> shortened(extract_initiatives(load("二、2025年工作安排\\n实施高等教育综合改革试点。"))[0])
    ['高等教育综合改革']
    >>> shortened(extract_initiatives(load("二、2025年工作安排\\n规划建设大红门博物馆群一期。"))[0])
    ['大红门博物馆群']
    """
    bare = len(_KEY_MARKS.sub("", i.name))
    return [v for v in _variants(i, grammar()) if len(_KEY_MARKS.sub("", v)) < bare]


def _own_quotes(name: str, g: Grammar) -> list[str]:
    """The quotations of a longer name that name it by themselves, marks kept: “汉孝随襄十” of
    “汉孝随襄十”万亿级汽车走廊 (another report may write “汉孝随襄十”新能源汽车产业走廊), and but
    for a list of aims or common words also without them (共享智造 of “共享智造”赋能集群行动); not a
    slogan (``initiative_stop.txt``) or a name shorter than a lookup's least."""
    out = []
    for m in _QUOTE.finditer(name):
        q, inner = m.group(), m.group(1)
        if q != name and len(inner) >= _LOOKUP_MIN and not g.is_stop(inner):
            out.append(q)
            bare = len(inner) >= _DROPPED_MIN and not _LISTING.search(inner)
            if bare and not _common(inner, g.common_words):
                out.append(inner)  # “共享智造”赋能集群行动 named 共享智造 (not 提质增效: common words)
    return out


def _governing(text: str, pos: int, end: int, g: Grammar) -> tuple[str, Stage | None, tuple[int, int]]:
    """The verb and stage that govern the name ``text[pos:end]`` of a sentence, and its list member:
    the nearest stage verb before it in its member (a helper such as 推进 defers to a verb after the
    name: 推进X前期工作), else a verb after it, else the clause's opening verb (建成A、B、C)."""
    t = _Text(text, g)
    a, b = next(((x, y) for x, y in _split(t, 0, len(text), _CLAUSE_SEP) if x <= pos < y), (pos, end))
    t.focus(a, b)
    members = _split(t, a, b, _MEMBER_SEP)
    s, e = next(((x, y) for x, y in members if x <= pos < y), (a, b))
    e = max(e, end)
    post = t.post_verb(end, e)
    before = [x for x in t.bounds_in(s, pos) if x.kind == "verb" and g.stages.get(x.word) is not None]
    if before:
        word = before[-1].word
        if post[1] is not None and (
            g.verb_roles.get(word) == "helper" or g.verb_roles.get(post[0]) == "phase"
        ):
            return post[0], post[1], (s, e)  # 推进X建成投用; 完成X前期工作 is still preparing it
        return word, g.stages[word], (s, e)
    if post[1] is not None:
        return post[0], post[1], (s, e)
    first = _lead(text, members[0][0], members[0][1], g) if members else None
    if first is not None and first.stage is not None and first.end <= pos:
        return first.verb, first.stage, (s, e)
    return "", None, (s, e)


def find_named(
    report: Report, sources: list[Initiative], *, part: Part | str | None, taken: list[tuple[int, int]]
) -> InitiativeList:
    """Look the initiatives ``sources`` (of another part) up by name in ``report``'s part: each one
    named there outside the spans ``taken`` (the names the grammar found there) becomes an initiative
    of that part, with the stage its governing verb states there. So 分级诊疗 or 好房子, which the
    grammar finds only where a suffix or a quotation marks them, are found wherever they are named,
    and an initiative not found is named nowhere in the part.

    >>> from reportdiff.structure import load
    >>> old = extract_initiatives(load("二、2025年工作安排\\n建成福州至厦门高速铁路。"))
    >>> new = load("二、2026年工作安排\\n用好福厦高铁，加快建设福厦高铁沿线开发区。")
    >>> [(i.name, i.stage.value, len(i.mentions)) for i in find_named(new, old, part="plan", taken=[])]
    [('福厦高铁', 'build', 2)]
    """
    g = grammar()
    sentences = report.sentences_in(part)
    starts = [s.start for s in sentences]
    mask = bytearray(len(report.text) + 1)
    for a, b in taken:
        mask[a:b] = b"\x01" * (b - a)
    found: list[_Found] = []
    sought: dict[str, str] = {}  # the key of a name found → the key of the initiative it was sought for
    for source in sources:
        for name in _variants(source, g):
            hits = _lookup(report, sentences, starts, mask, name, g)
            if hits:
                found.extend((m, source.kind, p, source.needs_both) for m, p in hits)
                sought.setdefault(match_key(name, report.region), match_key(source.name, source.region))
                break
    found.sort(key=lambda f: f[0].start)
    out = group(found, report.region, report.year)
    return InitiativeList(replace(i, found_for=sought.get(match_key(i.name, i.region), "")) for i in out)


def _cut_word(text: str, start: int, end: int, g: Grammar) -> bool:
    """Whether the name found at ``text[start:end]`` ends inside a longer word that names nothing: a
    word holding a suffix (``initiative_kinds.tsv``, kind ``-``) starts in its last characters and
    reaches past it (国际零碳岛 in 国际零碳岛屿合作组织: 岛屿; not 洋山港 in 洋山港区, a suffix of its
    own)."""
    for p in range(max(start, end - 3), end):
        x = g.suffix_re.match(text, p)
        if x is not None and x.end() > end and x.group() not in g.kinds:
            return True
    return False


def _lookup(
    report: Report, sentences: list[Sentence], starts: list[int], mask: bytearray, name: str, g: Grammar
) -> list[tuple[Mention, Part]]:
    """The mentions of ``name`` in the sentences (outside ``mask``, which they then join)."""
    out = []
    text, last = report.text, sentences[-1].end if sentences else 0
    pos = text.find(name, starts[0], last) if sentences else -1  # only the part's stretch of the text
    while pos >= 0:
        end = pos + len(name)
        k = bisect_left(starts, pos + 1) - 1
        if (
            k >= 0
            and end <= sentences[k].end
            and not any(mask[pos:end])
            and not _cut_word(report.text, pos, end, g)
            and not any(text.startswith(w, end) for w in g.roles.get("measure", ()))
        ):
            s = sentences[k]
            verb, stage, (a, b) = _governing(s.text, pos - s.start, end - s.start, g)
            section = report.sections[s.section]
            out.append(
                (
                    Mention(
                        name,
                        _own_stage(stage, verb, s.text[a:b], pos - s.start - a, end - s.start - a),
                        verb,
                        s.text[a:b],
                        s.text,
                        section.path,
                        section.title,
                        pos,
                        end,
                    ),
                    s.part,
                )
            )
            mask[pos:end] = b"\x01" * (end - pos)
        pos = text.find(name, end, last)
    return out
