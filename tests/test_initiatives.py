"""Named initiatives: the grammar on real sentences (tests/cases/initiatives.tsv), its word lists,
properties of extraction and pairing, the JSON contract and the dev gold sets."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from referencing import Registry, Resource

from reportdiff import compare, initiatives
from reportdiff.cli import main
from reportdiff.initiative_diff import (
    InitiativeChange,
    InitiativeStatus,
    compare_initiatives,
    conflict,
    decide,
    diff_initiatives,
    explain_initiative,
    match_key,
    pair_features,
)
from reportdiff.initiatives import Initiative, InitiativeKind, Stage, extract_initiatives, find_named, grammar
from reportdiff.structure import Report, load

from .helpers import CORPORA, ROOT, corpus, needs_corpora

CASES = ROOT / "tests" / "cases" / "initiatives.tsv"
DATA = ROOT / "reportdiff" / "data"
HEADER = "2025年福建省政府工作报告\n二、2025年工作安排\n"
#: the header of the cases labelled ``reported-…``: a sentence of a review
REVIEW_HEADER = "2026年福建省政府工作报告\n一、2025年工作回顾\n"
#: the header of the cases labelled ``local-…``: a sentence of a district's plan
LOCAL_HEADER = "2017年海拉尔区政府工作报告\n二、2017年工作安排\n"


def case_rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        label, sentence, expected, comment = (line.split("\t") + [""] * 4)[:4]
        rows.append((label, sentence, expected, comment))
    return rows


def triples(sentence: str, *, review: bool = False, local: bool = False) -> list[tuple[str, str, str]]:
    header = REVIEW_HEADER if review else LOCAL_HEADER if local else HEADER
    return [
        (i.name, i.kind.value, i.stage.value if i.stage else "-")
        for i in extract_initiatives(load(header + sentence))
    ]


@pytest.mark.parametrize(
    ("label", "sentence", "expected", "comment"),
    [
        pytest.param(
            *row, marks=pytest.mark.xfail(strict=True, reason=row[3]) if row[3].startswith("xfail") else ()
        )
        for row in case_rows()
    ],
    ids=[row[0] for row in case_rows()],
)
def test_case(label: str, sentence: str, expected: str, comment: str) -> None:
    want = [tuple(x.strip().split("|")) for x in expected.split(";") if x.strip()]
    got = triples(sentence, review=label.startswith("reported-"), local=label.startswith("local-"))
    assert got == want, comment


# --- the word lists ---------------------------------------------------------------------------


def data_rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def test_word_lists_hold_valid_entries_once() -> None:
    kinds = data_rows("initiative_kinds.tsv")
    assert all(r[1] in {k.value for k in InitiativeKind} | {"-"} for r in kinds)
    needs = ("", "0", "1", "alnum", "own-alnum", "quote", "both", "after", "setup", "numeral", "fromto")
    assert all((r[2] if len(r) > 2 else "") in needs for r in kinds)
    verbs = data_rows("stage_verbs.tsv")
    assert all(r[1] in {s.value for s in Stage} | {"-"} for r in verbs)
    roles = ("", "inner", "adverb", "helper", "soft", "phase", "before", "pre")
    assert all((r[2] if len(r) > 2 else "") in roles for r in verbs)
    marks = ("", "opens", "founds", "bids", "holds", "deepens", "partial")
    assert all((r[3] if len(r) > 3 else "") in marks for r in verbs)
    words = data_rows("initiative_words.tsv")
    roles = {
        "determiner",
        "scope",
        "boundary",
        "not-boundary",
        "generic",
        "compound",
        "noun",
        "describes",
        "project",
        "droppable",
        "weak-generic",
        "field",
        "positioning",
        "title-opening",
        "campaign",
        "action-head",
        "of-head",
        "joined-action",
        "joins-nouns",
        "plain-zone",
        "result",
        "result-adverb",
        "superlative",
        "distributive",
        "works-tail",
        "site",
        "site-works",
        "attribute",
        "measure",
    }
    assert {r[1] for r in words} <= roles
    stages = {r[0]: r[1] for r in verbs}  # a result states a stage
    assert all(stages.get(r[0]) in ("done", "start") for r in words if r[1] == "result")
    zones = {k for k, kind, *_ in kinds if kind == "zone"}
    assert {r[0] for r in words if r[1] == "plain-zone"} <= zones  # a plain zone suffix is a zone suffix
    for rows in (kinds, verbs, words):
        keys = [tuple(r[:2]) if rows is words else r[0] for r in rows]
        assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
    for line in data_rows("initiative_stop.txt"):
        if line[0].startswith(("re:", "re!")):
            re.compile(line[0][3:])
    assert all(len(r) == 2 and len(r[1]) < len(r[0]) for r in data_rows("initiative_synonyms.tsv"))
    lexicon = data_rows("initiative_lexicon.tsv")
    assert all(r[1] in {k.value for k in InitiativeKind} and int(r[2]) >= 2 for r in lexicon)
    assert len({r[0] for r in lexicon}) == len(lexicon)
    grammar.cache_clear()
    assert grammar().kinds  # loads


@lru_cache(maxsize=1)
def corpus_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPORA.glob("*.txt")))


def _words_of(entry: str) -> list[str]:
    """The words of a data entry: ``end:a|b`` and ``has!c`` lines list alternatives."""
    if entry.startswith(("end:", "end!", "has!")):
        return entry[4:].split("|")
    return [entry]


@needs_corpora
@pytest.mark.parametrize(
    "name",
    [
        "initiative_kinds.tsv",
        "stage_verbs.tsv",
        "initiative_words.tsv",
        "initiative_stop.txt",
        "initiative_synonyms.tsv",
        "term_stop.txt",
    ],
)
def test_every_word_is_used_in_the_corpora(name: str) -> None:
    text = corpus_text()
    words = [w for r in data_rows(name) if not r[0].startswith(("re:", "re!")) for w in _words_of(r[0])]
    unused = [w for w in words if w not in text]
    assert not unused, f"{name}: never in ../shared/corpora: {unused}"


# --- properties -------------------------------------------------------------------------------

REPORT_CHARS = st.text(
    alphabet=st.sampled_from(
        list(
            "建成实施推进深化加快设立行动工程计划试点改革条例平台中心基地园区机场高铁线号“”《》（）、，；。等和的1234一二三福州厦门科创国际"
        )
    ),
    max_size=80,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(REPORT_CHARS, st.text(max_size=80)))
def test_never_raises_and_offsets_slice_back(text: str) -> None:
    report = load(HEADER + text.replace("\n", "") + "。")
    for i in extract_initiatives(report):
        assert report.text[i.start : i.end] == i.name
        assert i.name in i.text and i.text in i.sentence


WORD = st.text(alphabet="行动计划工程建设区园试点改革", min_size=1, max_size=4)


@settings(max_examples=60)
@given(
    st.lists(WORD, min_size=1, max_size=80), st.text(alphabet="行动计划工程建设区园试点改革和的", max_size=60)
)
def test_the_split_trie_finds_what_a_longest_first_alternation_finds(words: list[str], text: str) -> None:
    plain = re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(initiatives, "_TRIE_LEAF", 2)  # split even a small alphabet's tries
        trie = re.compile(initiatives._alternation(words))
    assert [m.group() for m in trie.finditer(text)] == [m.group() for m in plain.finditer(text)]


SAMPLE = (
    "加快建设福州地铁4号线、沙南高速，深入实施“人工智能+”行动，争创合肥都市圈要素市场化配置综合改革试点。"
    "办好世界制造业大会、徽商大会，推动出台《福建省民营经济促进条例》。"
    "开通运营亳州机场、蚌埠机场，建设新能源智能网联汽车、生物育种等省实验室，设立科创综合保税区。"
)


def sample() -> list[Initiative]:
    return list(extract_initiatives(load(HEADER + SAMPLE)))


def test_a_list_against_itself_is_all_kept_with_high_confidence() -> None:
    items = sample()
    changes = diff_initiatives(items, items)
    assert len(changes) == len(items) >= 10
    assert all(c.status is InitiativeStatus.KEPT and c.old == c.new for c in changes)
    assert min(c.confidence for c in changes) > 0.9


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.booleans(), min_size=30, max_size=30), st.lists(st.booleans(), min_size=30, max_size=30))
def test_swapping_sides_swaps_new_and_dropped(keep_old: list[bool], keep_new: list[bool]) -> None:
    items = sample()
    old = [x for x, k in zip(items, keep_old[: len(items)], strict=True) if k]
    new = [x for x, k in zip(items, keep_new[: len(items)], strict=True) if k]

    def verdicts(a: list[Initiative], b: list[Initiative], flip: bool) -> set[tuple[str, object, object]]:
        return outcomes(diff_initiatives(a, b), lambda i: i.name, flip)

    assert verdicts(old, new, False) == verdicts(new, old, True)


def outcomes(
    changes: list[InitiativeChange], key: Callable[[Initiative], object], flip: bool
) -> set[tuple[str, object, object]]:
    """(paired/new/dropped, old key, new key) of each change; ``flip`` reads it from the other side."""
    out = set()
    for c in changes:
        o, n = (key(c.old) if c.old else None), (key(c.new) if c.new else None)
        status = c.status.value
        if flip:
            o, n = n, o
            status = {"new": "dropped", "dropped": "new"}.get(status, status)
        out.add((status if status in ("new", "dropped") else "paired", o, n))
    return out


def test_numbers_and_places_tell_initiatives_apart() -> None:
    assert conflict(match_key("福州地铁4号线"), match_key("福州地铁5号线")) == "number"
    assert conflict(match_key("亳州机场"), match_key("蚌埠机场"))
    assert not conflict(match_key("第二十五届投洽会"), match_key("第二十六届投洽会"))  # editions of one event
    assert match_key("福州至厦门高速铁路") == match_key("福厦高铁")
    assert conflict(match_key("西宁至成都铁路"), match_key("成昆铁路"))  # sichuan-2025/2026: 西成 ≠ 成昆
    # a policy's generic head may change (jiangxi 计划 → 行动; hailaer 制度 → 改革), a place's may not
    assert not conflict("产业集群提能升级计划", "产业集群提能升级行动")
    assert not conflict("农村集体产权制度", "集体产权制度改革")
    assert conflict("国有企业改革", "国有企业“争链主、强集群”行动")
    # a zone renamed by its head keeps its specific words (hailaer-2018 → 2019); a place name alone does not
    assert not conflict("海北物流园区", "海北物流功能区")
    assert conflict("福州新区", "福州综合保税区")
    # an action that carries a strategy out names it (beijing-2025 plan → 2026 review), a longer name does not
    assert not conflict(match_key("国家自由贸易试验区提升战略"), match_key("自贸试验区提升战略行动"))
    assert conflict(match_key("“千万工程”经验"), match_key("文明实践“百千万工程”"))
    # one character reworded after four shared ones (ningxia-2025 → 2026), not a place or a direction
    assert not conflict("社保扩面提质工程", "社保扩面提标工程")
    assert conflict("城东污水处理厂", "城西污水处理厂")
    assert conflict("扩面提质工程", "扩面提标工程")  # too little shared to tell
    # the pilot of a reform, named by another place or level before a long run of the same words (hunan)
    assert not conflict("长株潭要素市场化配置综合改革", "国家要素市场化配置综合改革试点")
    assert conflict("长株潭综合改革", "国家综合改革试点")
    # the national games by their edition alone (liaoning-2025 → 2026, hailaer-2018 → 2019)
    assert match_key("第十五届全国冬季运动会") == match_key("“十五冬”") == match_key("全国第十四届冬运会")
    assert match_key("十五运会") == match_key("第十五届全国运动会") != match_key("省运会")
    # a campaign's plan document and the campaign, a campaign of assault and its action, a pilot city
    # and a city pilot (guizhou, hainan, heilongjiang 2025 → 2026)
    assert not conflict(match_key("促进居民增收行动方案"), match_key("促进居民增收三年行动"))
    assert not conflict(match_key("涉企历史遗留问题三年攻坚"), match_key("涉企历史遗留问题攻坚行动"))
    city, pilot = match_key("国家级中小企业数字化转型试点城市"), match_key("中小企业数字化转型城市试点")
    assert not conflict(city, pilot)
    # the games are not the venue built for them (hailaer-2017 → 2018)
    old = extract_initiatives(load(HEADER + "完成第十四届全国冬运会主场馆一期工程大道馆建设。"))
    new = extract_initiatives(load(HEADER + "全力筹办全国第十四届冬运会。"))
    assert sorted(c.status.value for c in diff_initiatives(old, new)) == ["dropped", "new"]
    # medical insurance by its abbreviation; the two controls of carbon by theirs (guangdong, shanghai)
    assert match_key("基本医疗保险省级统筹") == match_key("基本医保省级统筹")
    assert match_key("碳排放总量和强度双控") == match_key("碳排放双控")
    old = extract_initiatives(load(HEADER + "加快建设福州地铁4号线。"))
    new = extract_initiatives(load(HEADER + "加快建设福州地铁5号线。"))
    assert [c.status.value for c in diff_initiatives(old, new)] == ["new", "dropped"]
    # a law is no thing it governs (beijing-2025 → 2026: 密云水库 ↔ 密云水库水源保护条例)
    old = extract_initiatives(load(HEADER + "加快建设密云水库。"))
    new = extract_initiatives(load(HEADER + "落实密云水库水源保护条例。"))
    assert sorted(c.status.value for c in diff_initiatives(old, new)) == ["dropped", "new"]


def one(sentence: str) -> Initiative:
    found = extract_initiatives(load(HEADER + sentence))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("old", "new", "delivery", "status"),
    [
        ("启动建设罗泾港区改造二期。", "建成罗泾港区改造二期。", False, "progressed"),
        ("加快建设上海大歌剧院。", "加快建设上海大歌剧院。", False, "kept"),
        (
            "深入实施人才兴皖工程。",
            "推进人才兴皖工程。",
            False,
            "kept",
        ),  # a programme carried on: no new stage
        ("开工建设沙南高速。", "加快建设沙南高速。", False, "progressed"),  # a project: start < build
        ("加快建设沙南高速。", "开工建设沙南高速。", False, "kept"),  # an earlier stage is kept
        (
            "办好楚商大会。",
            "楚商大会等活动成果丰硕。",
            True,
            "progressed",
        ),  # delivery: an event the review names was held
        ("建成福厦高铁。", "建成福厦高铁。", True, "progressed"),  # delivery: reported done
        # hailaer-2018 → 2019: 启动 and 开展 are one stage (start); 启动 → 深化 is a later one
        ("全面启动扫黑除恶专项斗争。", "深入开展扫黑除恶专项斗争。", False, "kept"),
        ("启动实施提振消费专项行动。", "深化提振消费专项行动。", False, "progressed"),  # xizang-2026 name
        # a reform or a programme goes from carried on (实施, 深入实施 alike) to deepened (深化;
        # liaoning 2025 → 2026 基础教育扩优提质行动); carried on (推进) → 深化 is one stage; a zone
        # deepened is carried on
        ("实施职教高考制度改革。", "深化职教高考制度改革。", False, "progressed"),  # a name of the corpus
        ("深入实施种业振兴行动。", "深化种业振兴行动。", False, "progressed"),
        ("推进种业振兴行动。", "深化种业振兴行动。", False, "kept"),
        ("实施平陆运河经济带。", "深化平陆运河经济带。", False, "kept"),
        # 打造 a project is building it, not breaking ground (hailaer-2018 田园综合体; guangxi-2026 name)
        ("打造螺蛳粉产业园。", "加快建设螺蛳粉产业园。", False, "kept"),
        # events: a plan's 举办 of a recurring event is no progress on 办好 (liaoning-2025 name) …
        ("高水平办好中国辽宁国际投资贸易洽谈会。", "举办中国辽宁国际投资贸易洽谈会。", False, "kept"),
        # … a review that names an event reports it held, unless a verb bids for it (hubei-2025 name)
        ("办好中国侨商投资大会。", "精心筹办中国侨商投资大会。", True, "progressed"),
        ("申办第十六届全国运动会。", "积极申办第十六届全国运动会。", True, "kept"),
        # a review's 成立, 组建 of an institution reports it in place (jiangsu-2025 → 2026 review)
        ("加快组建省国金投资集团。", "组建省国金投资集团。", True, "progressed"),
        ("加快组建省国金投资集团。", "组建省国金投资集团。", False, "kept"),
        # 共建 carries a joint work on, it sets nothing up (sichuan-2025 → 2026: the labels keep these)
        ("共建长江上游航运中心。", "加快建设长江上游航运中心。", False, "kept"),
        ("共建成渝中线科创走廊。", "推进成渝中线科创走廊。", False, "kept"),
        # 创建 a title is bidding for it, as 争创 is (shandong-2025 → 2026 name)
        ("争创国家生态文明建设示范区。", "积极创建国家生态文明建设示范区。", False, "kept"),
        # delivery: a counted subject done with something says nothing of the programme's stage
        # (guangdong-2026 review; see test_a_counted_subject_states_its_own_stage)
        ("深入推进“双一流”建设。", "8所大学入选新一轮“双一流”名单。", True, "kept"),
        # delivery: what the plan set out to finish, named by the review with no stage verb, is
        # delivered (hainan-2026 review: 海南警察学院…招生); what it set out to build is not thereby done
        ("推动海南警察学院获批。", "海南警察学院首次招生。", True, "progressed"),
        ("加快建设上海大歌剧院。", "上海大歌剧院成为文化新地标。", True, "kept"),
        ("推动海南警察学院获批。", "海南警察学院首次招生。", False, "kept"),  # two plans: no stage read
        # a plan's 推动出台 sets out to issue what it names: a review naming it with no stage verb, or
        # saying it 推动出台 (what it pushed through), reports it issued (fujian-2026, hainan-2026)
        ("推动出台《福建省民营经济促进条例》。", "推动出台《福建省民营经济促进条例》。", True, "progressed"),
        ("推动出台《福建省民营经济促进条例》。", "《福建省民营经济促进条例》成为保障。", True, "progressed"),
        ("推动出台《福建省民营经济促进条例》。", "推动出台《福建省民营经济促进条例》。", False, "kept"),
        # the main works finished (主体完工) are done against an earlier stage, but a review that reports
        # only them of what the plan said would be in service reports the target missed (hailaer-2014 →
        # 2015: 红星美凯龙主力店, 万家惠农贸市场)
        ("确保万家惠农贸市场年内投入运营。", "万家惠农贸市场主体完工。", True, "kept"),
        ("加快建设万家惠农贸市场。", "万家惠农贸市场主体完工。", True, "progressed"),
        ("加快建设万家惠农贸市场。", "确保万家惠农贸市场主体完工。", False, "progressed"),
    ],
)
def test_stages_decide_the_status(old: str, new: str, delivery: bool, status: str) -> None:
    assert decide(one(old), one(new), delivery=delivery)[0].value == status


def test_a_counted_subject_states_its_own_stage() -> None:
    """A review's counted subject done with something (8所大学入选…“双一流”名单) leaves the programme
    where it was; where the things counted are the initiative (10个“二线口岸”正式启用), it is done; a
    figure done after the name (“千项万亿”重大项目完成投资1.5万亿元) is what is done, not the programme."""
    old = (
        "海南省2025年政府工作报告\n二、2025年工作安排\n深入推进“双一流”建设。加快建设“二线口岸”。"
        "深入实施“千项万亿”工程。"
    )
    new = (
        "海南省2026年政府工作报告\n一、2025年工作回顾\n8所大学入选新一轮“双一流”名单。"
        "10个“二线口岸”正式启用。1596个“千项万亿”重大项目完成投资1.5万亿元。\n二、2026年工作安排\n办好民生实事。"
    )
    d = compare(old, new, old_part="plan", new_part="review")
    got = {
        (c.new.name if c.new else ""): (c.status.value, c.new.stage if c.new else None) for c in d.initiatives
    }
    assert got["双一流"] == ("kept", None)
    assert got["“二线口岸”"] == ("progressed", Stage.DONE)
    assert got["“千项万亿”"] == ("kept", None)


# --- the JSON contract ------------------------------------------------------------------------


def validator(ref: str) -> jsonschema.Draft202012Validator:
    folder = ROOT / "reportdiff" / "schemas"
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    return jsonschema.Draft202012Validator({"$ref": ref}, registry=registry)


def test_cli_json_validates_and_csv_has_a_row_per_initiative(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "r.txt"
    report.write_text(HEADER + SAMPLE, encoding="utf-8")
    assert main(["initiatives", str(report), "--part", "plan", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    validator("urn:reportdiff:schema:initiatives").validate(data)
    assert any(i["name"] == "民营经济促进条例" and i["kind"] == "regulation" for i in data["initiatives"])
    assert main(["initiatives", str(report), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert (
        lines[0].startswith("part,section,name,kind,stage,namehood")
        and len(lines) == len(data["initiatives"]) + 1
    )


def test_cli_min_namehood_keeps_the_likely_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """hubei-2026: a metropolitan area a plan builds up (广域武汉大都市圈) is unlikely a named initiative
    (namehood 0.3), the pilot a verb starts is likely; --min-namehood 0.6 lists the pilot only."""
    report = tmp_path / "r.txt"
    text = "二、2025年工作安排\n超常规打造广域武汉大都市圈。启动国家生育保险制度改革创新试点。"
    report.write_text(text, encoding="utf-8")
    assert main(["initiatives", str(report), "--format", "json"]) == 0
    every = json.loads(capsys.readouterr().out)
    validator("urn:reportdiff:schema:initiatives").validate(every)
    assert {i["name"]: i["namehood"] < 0.5 for i in every["initiatives"]} == {
        "广域武汉大都市圈": True,
        "国家生育保险制度改革创新试点": False,
    }
    assert main(["initiatives", str(report), "--format", "json", "--min-namehood", "0.6"]) == 0
    likely = json.loads(capsys.readouterr().out)
    assert [i["name"] for i in likely["initiatives"]] == ["国家生育保险制度改革创新试点"]


def test_changes_follow_the_scorer_contract() -> None:
    items = sample()
    changes = diff_initiatives(items[:9], items[4:])
    data = [c.to_dict() for c in changes]
    validator("urn:reportdiff:schema:initiatives#/$defs/changes").validate(data)
    assert {d["status"] for d in data} == {"kept", "new", "dropped"}
    for d in data:
        for side in ("old", "new"):
            assert (
                d[side] is None
                or {"name", "kind", "stage", "text", "sentence", "section", "part"} <= d[side].keys()
            )
    assert [d["id"] for d in data] == [f"i{k}" for k in range(1, len(data) + 1)]


def test_repr_says_the_gist() -> None:
    i = one("建成福莆宁F1线。")
    assert repr(i) == "<Initiative plan project 福莆宁F1线 (建成: done)>"
    change = diff_initiatives([i], [i])[0]
    assert repr(change).startswith("<InitiativeChange i1 kept: 福莆宁F1线 → 福莆宁F1线")


# --- the dev gold sets ------------------------------------------------------------------------


@needs_corpora
@pytest.mark.slow
def test_dev_gold_sets_stay_above_their_floor() -> None:
    """The in-process figure of benchmarks/score_initiatives_inprocess.py on the shared dev files: a
    guard against regressions, set under the figure measured (docs/initiatives.md)."""
    import importlib.util

    path = ROOT / "benchmarks" / "score_initiatives_inprocess.py"
    spec = importlib.util.spec_from_file_location("score_inprocess", path)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    sc = bench.scorer()
    right = total = 0
    by_status: dict[str, list[int]] = {}
    for gold in bench.default_files():
        header, rows = sc.read_gold(gold)
        corpus(header["old"][0]), corpus(header["new"][0])
        io, inn, aligned, delivery, runs = bench.sides(header, CORPORA)
        entries = [c.to_dict() for c in bench.run(io, inn, aligned, delivery, runs=runs)]
        for row in rows:
            ok = sc.judge(row, entries)[0]
            right += ok
            total += 1
            by_status.setdefault(row["status"], []).append(ok)
    # measured 3789/4927 = 0.769 over the fifty-four labelled files with the recurring runs and the
    # lexicon (3763 with the lexicon left out of each file, 3763 with the pair model, 3743 with the
    # recurring model); the twenty-sixth round made the national file of the thirteenth blind round
    # development data (59/125 = 0.472 as a blind set); the twenty-fifth the four files of the tenth
    # blind round (169/292 = 0.579 as a blind set), the twenty-first the eight of rounds five and six
    # (445/629 = 0.707), the twentieth the twelve of rounds two to four (694/1034 = 0.671), the sixteenth
    # the fifteen of the first (1148/1595 = 0.720); progressed is the weakest status (291/485 = 0.600)
    assert total >= 4900 and right / total >= 0.76
    assert all(sum(v) / len(v) >= 0.58 for v in by_status.values()), {
        k: f"{sum(v)}/{len(v)}" for k, v in by_status.items()
    }


def test_a_known_programme_is_new_and_says_why() -> None:
    """A lexicon name no mark names is found like any other and can be new; explain() says where it
    comes from, and a grammar name carries no such line."""
    old = load("二、2025年工作安排\n建成福州至厦门高速铁路。")
    new = load("二、2026年工作安排\n建成福州至厦门高速铁路，常态化开展扫黑除恶斗争。")
    changes = compare_initiatives(old, new)
    known = [c for c in changes if c.name == "扫黑除恶"]
    assert [c.status for c in known] == [InitiativeStatus.NEW]
    assert "a known programme" in explain_initiative(known[0])
    assert all("a known programme" not in explain_initiative(c) for c in changes if c.name != "扫黑除恶")


@needs_corpora
def test_the_lexicon_is_what_the_dev_labels_build() -> None:
    """initiative_lexicon.tsv is benchmarks/build_initiative_lexicon.py's table from the development
    labels (never the blind ones): it is rebuilt, not edited, and a label added there shows here."""
    import importlib.util

    path = ROOT / "benchmarks" / "build_initiative_lexicon.py"
    spec = importlib.util.spec_from_file_location("build_lexicon", path)
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert not any("blind" in str(f) for f in build.dev_files())
    built = [(name, kind.value, str(n)) for name, kind, n in build.entries(build.dev_files())]
    assert [tuple(r) for r in data_rows("initiative_lexicon.tsv")] == built


def all_reports() -> list[str]:
    return sorted(p.name for p in CORPORA.glob("*.txt"))


@needs_corpora
@pytest.mark.slow
@pytest.mark.parametrize("name", all_reports() if CORPORA.exists() else [])
def test_a_report_against_itself_is_all_kept(name: str) -> None:
    """One entry per distinct initiative and part: a report compared with itself keeps every one,
    whatever part and however often it is named (海南自贸港 eight times in one part)."""
    report = load(corpus(name))
    changes = compare_initiatives(report, report)
    assert changes and {c.status for c in changes} == {InitiativeStatus.KEPT}
    assert all(c.old is c.new or c.old == c.new for c in changes)


@needs_corpora
@pytest.mark.parametrize("province", ["shanghai", "fujian", "hainan", "anhui"])
def test_swapping_reports_swaps_new_and_dropped(province: str) -> None:
    a, b = load(corpus(f"{province}-2025.txt")), load(corpus(f"{province}-2026.txt"))

    def verdicts(old: Report, new: Report, flip: bool) -> set[tuple[str, object, object]]:
        return outcomes(
            compare_initiatives(old, new, old_part="plan", new_part="plan"), lambda i: i.start, flip
        )

    assert verdicts(a, b, False) == verdicts(b, a, True)


def test_a_name_is_looked_up_in_the_other_part() -> None:
    """家庭医生签约 has no suffix of its own on the new side: found by name, it is kept, not new and
    dropped (a name the lexicon does not know: 分级诊疗, which the labels name twice, it lists itself)."""
    old = load(HEADER + "健全家庭医生签约制度，建成福州至厦门高速铁路。")
    new = load(HEADER.replace("2025", "2026") + "促进家庭医生签约，福厦高铁运营良好。")
    got = {
        (c.status.value, c.old.name if c.old else "", c.new.name if c.new else "")
        for c in compare_initiatives(old, new)
    }
    assert got == {("kept", "家庭医生签约制度", "家庭医生签约"), ("kept", "福州至厦门高速铁路", "福厦高铁")}


@needs_corpora
@pytest.mark.parametrize("name", ["guangdong-2025.txt", "hailaer-2014.txt", "shanghai-2026.txt"])
def test_leaving_weak_names_out_skips_only_what_they_name(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ``weak`` the clauses that can name only weak names are not read: the listing is the one
    a reading of every clause gives."""
    skipping = extract_initiatives(load(corpus(name)))
    read_all = initiatives._sentence_names
    monkeypatch.setattr(initiatives, "_sentence_names", lambda s, r, g, weak=True: read_all(s, r, g, True))
    everything = extract_initiatives(load(corpus(name)))
    assert len(skipping) > 50
    assert [i.to_dict() for i in skipping] == [i.to_dict() for i in everything]


def test_weak_names_are_never_new_or_dropped() -> None:
    """A weak name (…制度, a count quotation, a class of things) is listed only where both parts name it."""
    old = load(HEADER + "深化完善科技特派员制度，全力打造“六大产业集群”，建设一批创业孵化平台。")
    new = load(HEADER.replace("2025", "2026") + "有序深化科技特派员制度。")
    changes = compare_initiatives(old, new)
    assert [(c.status.value, c.name) for c in changes] == [("kept", "科技特派员制度")]


def test_a_name_is_looked_up_by_a_quotation_that_names_it() -> None:
    """hubei-2025 → 2026: the plan's “汉孝随襄十”万亿级汽车走廊 is named in the review by its quotation alone,
    so it is kept, not dropped; a quotation shorter than a lookup's least (“两重”) names nothing by
    itself."""
    old = load(HEADER + "做大做强“汉孝随襄十”万亿级汽车走廊，推进“两重”建设项目。")
    new = load(HEADER.replace("2025", "2026") + "“汉孝随襄十”新能源汽车等产业走廊加快建设，“两重”取得进展。")
    changes = {c.name: c.status.value for c in compare_initiatives(old, new)}
    assert changes == {"“汉孝随襄十”": "kept", "“两重”建设项目": "dropped"}, changes


def test_a_plan_is_looked_up_by_what_it_plans() -> None:
    """beijing-2025 → 2026 review: the plan's 应对学龄人口达峰工作方案 is reported as 应对学龄人口达峰
    (…方案 is a suffix a name may go without, as …行动), so it is kept, not dropped."""
    old = load(HEADER + "落实应对学龄人口达峰工作方案。")
    new = load(HEADER.replace("2025", "2026") + "多措并举应对学龄人口达峰，新增中小学学位2.4万个。")
    changes = [
        (c.status.value, c.old.name if c.old else "", c.new.name if c.new else "")
        for c in compare_initiatives(old, new)
    ]
    assert changes == [("kept", "应对学龄人口达峰工作方案", "应对学龄人口达峰")]


def test_a_name_is_looked_up_in_its_part_only() -> None:
    """The lookup reads the part's stretch of the text: 福厦高铁 named in the review is not found in the
    plan, and each of its plan mentions is found once."""
    old = extract_initiatives(load(HEADER + "建成福州至厦门高速铁路。"))
    text = (
        "2026年福建省政府工作报告\n一、2025年工作回顾\n福厦高铁开通。\n"
        "二、2026年工作安排\n用好福厦高铁。推进福厦高铁沿线开发。"
    )
    new = load(text)
    plan = find_named(new, old, part="plan", taken=[])
    assert [(i.name, [m.start for m in i.mentions]) for i in plan] == [
        ("福厦高铁", [text.index("用好福厦") + 2, text.index("推进福厦") + 2])
    ]
    review = find_named(new, old, part="review", taken=[])
    assert [(i.name, len(i.mentions)) for i in review] == [("福厦高铁", 1)]


def test_a_phase_is_looked_up_without_it_but_not_in_a_rate() -> None:
    """beijing-2025 → 2026: 大红门博物馆群一期 is named 大红门博物馆群 a year on; nanan-2023:
    农村生活污水治理一期 is not the 农村生活污水治理率 of a figure."""
    old = extract_initiatives(load(HEADER + "规划建设大红门博物馆群一期，加快农村生活污水治理一期建设。"))
    new = load(HEADER.replace("2025", "2026") + "推进南中轴大红门博物馆群建设。农村生活污水治理率提升到60%。")
    found = find_named(new, old, part=None, taken=[])
    assert [(i.name, i.found_for) for i in found] == [("大红门博物馆群", "大红门博物馆群一期")]


def test_a_quotation_of_a_name_is_looked_up_with_and_without_its_marks() -> None:
    """hebei-2026 → 2025: “共享智造”赋能集群行动 is the 共享智造 of the year before; zhejiang: a quoted
    list of two aims is looked up as written; a quotation of common words (“提质增效”) is not."""
    plan = "深化“共享智造”赋能集群行动，开展“腾笼换鸟、凤凰涅槃”攻坚行动，实施政务“提质增效”攻坚行动。"
    new = extract_initiatives(load(HEADER + plan))
    old = load(HEADER + "强化共享智造突破，深化“腾笼换鸟、凤凰涅槃”，推动提质增效。")
    found = find_named(old, new, part=None, taken=[])
    assert [i.name for i in found] == ["共享智造", "“腾笼换鸟、凤凰涅槃”"]


def test_generic_compounds_and_synonyms_are_looked_up() -> None:
    """liaoning-2025 → 2026: 城市更新行动 is looked up as 城市更新 (a compound of generic words naming a
    programme); guangxi-2025 → 2026: 国有企业 and 国企 are one spelling."""
    old = load(HEADER + "实施城市更新行动，实施国有企业改革深化提升行动。")
    new = load(HEADER.replace("2025", "2026") + "高质量推进城市更新，深入实施国企改革深化提升行动。")
    got = {
        (c.status.value, c.old.name if c.old else "", c.new.name if c.new else "")
        for c in compare_initiatives(old, new)
    }
    assert got == {
        ("kept", "城市更新行动", "城市更新"),
        ("kept", "国有企业改革深化提升行动", "国企改革深化提升行动"),
    }, got


def test_a_name_looked_up_pairs_only_with_what_it_was_looked_up_for() -> None:
    """shandong-2025 → 2026: 营商环境, found in the new plan for 营商环境改革, is not the regulation
    营商环境条例 that holds it too (the tool had paired the two as progressed)."""
    reform, regulation = extract_initiatives(load(HEADER + "深化营商环境改革，推动修订优化营商环境条例。"))
    new = load(HEADER.replace("2025", "2026") + "持续优化营商环境。")
    found = find_named(new, [reform], part=None, taken=[])
    assert [(i.name, i.found_for) for i in found] == [("营商环境", "营商环境改革")]
    keys = [match_key(i.name) for i in (reform, regulation, found[0])]
    assert pair_features(reform, found[0], keys[0], keys[2], False).conflict == ""
    assert pair_features(regulation, found[0], keys[1], keys[2], False).conflict == "looked up for another"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # shandong-2025: 全国首个 says how rare it is, not what it is
        ("争取全国首个海洋经济政策集成改革落地。", ("海洋经济政策集成改革", "prepare")),
        # anhui-2025: the verb before the determiner governs the name (获批 … is done)
        ("黄山市获批首批国家生态产品价值实现机制试点。", ("国家生态产品价值实现机制试点", "done")),
    ],
)
def test_a_determiner_of_rank_opens_no_name(sentence: str, expected: tuple[str, str]) -> None:
    found = extract_initiatives(load(HEADER + sentence), weak=True)
    assert [(i.name, i.stage.value if i.stage else "-") for i in found] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # fujian-2025: a level before a shared head names no member (it paired 国家级 with 国家级)
        ("建强国家级、省级区域医疗中心。", ["省级区域医疗中心"]),
        ("建强概念验证、中试验证平台。", ["概念验证", "中试验证平台"]),  # a member of words of its own
        # neimenggu-2025: a member far shorter than the words before the last one's head stands for a
        # part of them (a place), not for a name (呼和浩特 had paired with 呼和浩特)
        ("积极推进呼和浩特、乌兰察布中欧班列集散中心建设。", ["乌兰察布中欧班列集散中心"]),
        # sichuan-2025 review, ningxia-2026: generic words before 等 name no member of the list
        ("公共服务等重点领域改革扎实有效。", []),
        ("推动数字经济等领域专项计划。", []),
    ],
)
def test_generic_words_and_places_name_no_list_member(sentence: str, expected: list[str]) -> None:
    assert [i.name for i in extract_initiatives(load(HEADER + sentence), weak=True)] == expected


def test_a_line_listed_without_its_head_pairs_with_its_full_name() -> None:
    """shandong-2025's 雄商, a member of 雄商等6条高铁, is hebei-2025's 雄商高铁; 重庆站 is no 重庆东站."""
    old = load(HEADER + "加快建设京沪二通道、雄商等6条高铁，改造重庆站。")
    new = load(HEADER.replace("2025", "2026") + "建成雄商高铁，建设重庆东站。")
    changes = {
        (c.old.name if c.old else "", c.new.name if c.new else ""): c.status.value
        for c in compare_initiatives(old, new)
    }
    assert changes.get(("雄商", "雄商高铁")) == "progressed", changes
    assert ("重庆站", "重庆东站") not in changes, changes


def test_lines_and_reservoirs_head_the_short_members_before_them() -> None:
    """gansu-2025's 兰合、平庆、天陇、西成铁路甘肃段、兰张高铁武张段: a line inside a list heads the
    members before it (兰合 is gansu-2026's 兰合铁路); guizhou-2025's 宣威、花滩子大型水库: so does a
    reservoir."""
    old = load(HEADER + "加快建设兰合、平庆、西成铁路甘肃段、兰张高铁武张段。开工建设宣威、花滩子大型水库。")
    new = load(HEADER.replace("2025", "2026") + "加快建设平庆铁路、兰合铁路。推进宣威水库、花滩子水库建设。")
    pairs = {(c.old.name, c.new.name) for c in compare_initiatives(old, new) if c.old and c.new}
    assert {("兰合", "兰合铁路"), ("平庆", "平庆铁路"), ("宣威", "宣威水库")} <= pairs, pairs


def test_a_name_cut_inside_the_other_parts_whole_name_yields_to_it() -> None:
    """hebei-2026 names hebei-2025's 招投标“双盲”评审改革 inside 巩固拓展…成果, where the grammar alone
    reads only “双盲”: the other part's whole name, written there as it is, is found instead."""
    old = load(HEADER + "深化招投标“双盲”评审改革。")
    new = load(HEADER.replace("2025", "2026") + "巩固拓展招投标“双盲”评审改革成果。")
    pairs = [
        (c.old.name if c.old else "", c.new.name if c.new else "") for c in compare_initiatives(old, new)
    ]
    assert pairs == [("招投标“双盲”评审改革", "招投标“双盲”评审改革")], pairs


def test_a_pilot_is_looked_up_without_its_head() -> None:
    """shanghai-2025's 全域土地综合整治试点 is named by shanghai-2026 without 试点."""
    old = load(HEADER + "持续推进全域土地综合整治试点。")
    new = load(HEADER.replace("2025", "2026") + "放大全域土地综合整治效应。")
    pairs = [
        (c.old.name if c.old else "", c.new.name if c.new else "") for c in compare_initiatives(old, new)
    ]
    assert len(pairs) == 1 and all(pairs[0]), pairs


def test_works_whose_preparation_is_done_are_still_being_prepared() -> None:
    """hailaer-2016 完成污水处理厂提标改造前期工作 → hailaer-2017 加快推进…提标改造工程: finishing the
    preparation leaves the works at prepare, so building them is progress."""
    old = load(HEADER + "完成污水处理厂提标改造前期工作。")
    new = load(HEADER.replace("2025", "2026") + "加快推进污水处理厂提标改造工程。")
    changes = [(c.status.value, c.old and c.old.stage) for c in compare_initiatives(old, new)]
    assert changes == [("progressed", Stage.PREPARE)], changes


def test_a_short_name_pairs_across_interchangeable_heads() -> None:
    """liaoning-2025's 共链行动 is liaoning-2026's “共链工程”: the same words before two heads of one kind
    (the heads weigh half of so short a name); generic words alone (产业) are no such name."""
    old = load(HEADER + "支持央企与我省各类企业开展共链行动。")
    new = load(HEADER.replace("2025", "2026") + "健全央地合作长效机制，做大做实“共链工程”。")
    pairs = {
        (c.old.name, c.new.name): c.status.value for c in compare_initiatives(old, new) if c.old and c.new
    }
    assert pairs == {("共链行动", "“共链工程”"): "kept"}, pairs


def test_names_opening_with_one_quotation_pair_as_one_policy() -> None:
    """shanghai-2025's “一网统管”运行机制 is shanghai-2026's “一网统管”城市运行体征指标体系: the
    quotation names the programme both are of; a platform that opens with one (“一带一路”…中心) is no
    other platform of it."""
    old = load(HEADER + "持续完善“一网统管”运行机制。建设“一带一路”国际技能交流中心。")
    new = load(
        HEADER.replace("2025", "2026")
        + "优化“一网统管”城市运行体征指标体系。建设“一带一路”国际技术转移中心。"
    )
    pairs = {
        (c.old.name, c.new.name): c.status.value for c in compare_initiatives(old, new) if c.old and c.new
    }
    assert pairs == {("“一网统管”运行机制", "“一网统管”城市运行体征指标体系"): "kept"}, pairs


def test_a_line_by_its_two_places_pairs_without_its_head() -> None:
    """shandong-2025's 日照至五莲高铁 is shandong-2026's 日照至五莲, listed before 聊邯长铁路."""
    old = load(HEADER + "争取提前启动聊邯长、莱临、德商、日照至五莲高铁前期工作。")
    new = load(HEADER.replace("2025", "2026") + "积极推动莱临、德商、日照至五莲、聊邯长铁路纳规。")
    pairs = {(c.old.name, c.new.name) for c in compare_initiatives(old, new) if c.old and c.new}
    assert ("日照至五莲高铁", "日照至五莲") in pairs, pairs
    assert match_key("叙永大村至遵义") == "叙永大村至遵义"  # words of its own before the two places: kept


def _pairs(old_text: str, new_text: str) -> dict[tuple[str, str], str]:
    old = load(HEADER + old_text)
    new = load(HEADER.replace("2025", "2026") + new_text)
    return {
        (c.old.name, c.new.name): c.status.value for c in compare_initiatives(old, new) if c.old and c.new
    }


def test_a_bare_quotation_pairs_with_itself_and_a_suffix() -> None:
    """fujian-2025 推动更多项目纳入“两重”建设 → fujian-2026 加快“两重”项目建设: the programme and its
    projects, named by one quotation."""
    pairs = _pairs("推动更多项目纳入“两重”建设。", "加快“两重”项目建设。")
    assert pairs == {("“两重”", "“两重”项目"): "kept"}, pairs


def test_the_same_places_in_another_order_are_one_line() -> None:
    """guangdong-2025's 粤藏直流 is guangdong-2026's 藏粤直流; 城东 and 东城 are two places."""
    assert _pairs("加快建设粤藏直流工程。", "加快建设藏粤直流工程。") == {
        ("粤藏直流工程", "藏粤直流工程"): "kept"
    }
    assert _pairs("建设城东公园。", "建设东城公园。") == {}


def test_a_later_phase_is_the_same_works_between_plans_not_against_a_review() -> None:
    """hailaer-2012 → 2013: the memorial park, then its second phase, is one initiative (plan → plan);
    sichuan-2025's 天府国际机场二期工程 is not the airport the 2026 review counts passengers at."""
    pairs = _pairs("全面启动世界反法西斯战争海拉尔纪念园建设。", "推动世界反法西斯战争海拉尔纪念园二期工程。")
    assert list(pairs) == [("世界反法西斯战争海拉尔纪念园", "世界反法西斯战争海拉尔纪念园二期工程")], pairs
    assert (
        _pairs("建设浦东国际人才港。", "加快建设浦东国际机场四期。") == {}
    )  # the phase waived, 港 is no 机场
    old = load(HEADER + "推进天府国际机场二期工程前期工作。")
    review = load(
        "四川省2026年政府工作报告\n一、2025年工作回顾\n建成天府国际机场。\n二、2026年工作安排\n办好实事。"
    )
    changes = compare_initiatives(old, review, old_part="plan", new_part="review", delivery=True)
    assert not [c for c in changes if c.old and c.new], changes


def test_an_abbreviation_leaves_out_a_titles_opening_words() -> None:
    """shanghai-2025's 第八届进博会 is shanghai-2026's 第八届中国国际进口博览会."""
    pairs = _pairs("办好第八届进博会。", "全力办好第八届中国国际进口博览会。")
    assert list(pairs) == [("第八届进博会", "第八届中国国际进口博览会")], pairs


def test_a_name_the_other_part_holds_in_another_form_is_not_looked_up() -> None:
    """heilongjiang-2025 → 2026: both plans name 优化营商环境 bare and the campaign in full; the two
    campaigns pair, not each with the other plan's bare mention."""
    pairs = _pairs(
        "扎实开展新一轮优化营商环境三年专项行动。持续优化营商环境。",
        "深入实施新一轮优化营商环境专项行动。持续优化营商环境。",
    )
    assert ("优化营商环境三年专项行动", "优化营商环境专项行动") in pairs, pairs


def test_one_policy_pairs_across_its_reform_pilot_and_pilot_zone() -> None:
    """sichuan-2025 建设知识产权金融生态综合试验区 → sichuan-2026 开展知识产权金融生态综合试点: the same
    specific words done as a pilot zone and as a pilot are one policy; words added after the shared ones
    make another (乡村振兴补短板工程 is no 乡村振兴战略)."""
    assert _pairs("建设知识产权金融生态综合试验区。", "扎实开展知识产权金融生态综合试点。") == {
        ("知识产权金融生态综合试验区", "知识产权金融生态综合试点"): "kept"
    }
    assert not conflict("公共资源一网交易改革", "市公共资源一网交易试点")  # shanghai-2025 → 2026
    assert conflict("乡村振兴补短板工程", "乡村振兴战略")
