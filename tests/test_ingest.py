"""Stage 1, ingestion: formats, encodings, errors, normalisation, chrome removal, metadata."""

from __future__ import annotations

import io
import os
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportdiff import ingest
from reportdiff.errors import InputError, MissingExtraError
from reportdiff.ingest import NORMALISE_TABLE, Document, normalise, read, rejoin_lines, strip_chrome

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "ingest"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
NANAN = HERE.parent / "corpora" / "nanan-2023.txt"  # the in-repo copy of the founding document

DATE_LINE = "——2022年12月27日在南安市第十八届人民代表大会第三次会议上"
BYLINE = "南安市人民政府市长 王连赞"
P_2022 = (
    "2022年,是党的二十大胜利召开之年。我们共同见证了新时代十年振奋人心的伟大变革,激扬起团结奋进新征程的豪情壮志。"
    "一年来,在市委的坚强领导下,在市人大、市政协的监督支持下,市政府坚持以习近平新时代中国特色社会主义思想为引领,"
    "稳慎应对风险挑战,迎难而上,勇毅前行,经济社会保持坚实稳定的发展态势。全市完成地区生产总值1645亿元、增长4%"
    "(预计数,下同),一般公共预算总收入100亿元、下降2.2%,一般公共预算收入65亿元、增长10.9%。"
)
P_EPIDEMIC = (
    "(一)科学高效防控疫情。始终坚持人民至上、生命至上,“快准严实细”落实防控措施,财政投入抗疫资金5.5亿元,"
    "核酸检测能力提高到11.2万管/日,流调队伍超300人,储备隔离房间9400多间,疫苗接种累计超380万人次,"
    "市镇村企、农工商学勠力同心,用最小代价实现最好防控成果。"
)
REPORT = "\n".join(
    [
        "2023年政府工作报告",
        DATE_LINE,
        BYLINE,
        "各位代表:",
        "现在,我代表市人民政府向大会报告政府工作,请予审议,并请政协各位委员和列席人员提出意见。",
        "一、2022年政府工作回顾",
        P_2022,
        P_EPIDEMIC,
        "二、2023年目标任务和重点工作",
    ]
)
# 南安 2023 opening, as a Big5 site would publish it (traditional characters, full-width punctuation).
TRADITIONAL = (
    "2022年，是黨的二十大勝利召開之年。我們共同見證了新時代十年振奮人心的偉大變革，激揚起團結奮進新征程的豪情壯志。"
    "一年來，在市委的堅強領導下，在市人大、市政協的監督支持下，市政府堅持以習近平新時代中國特色社會主義思想為引領，"
    "穩慎應對風險挑戰，迎難而上，勇毅前行，經濟社會保持堅實穩定的發展態勢。全市完成地區生產總值1645億元、增長4%。"
)


def one_line_error(excinfo: pytest.ExceptionInfo[Exception]) -> str:
    message = str(excinfo.value)
    assert "\n" not in message and " — " in message, message
    return message


# ---------------------------------------------------------------- normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("增长４．５％，ＧＤＰ、ＰＭ２．５", "增长4.5%，GDP、PM2.5"),
        ("＋１５％／年", "+15%/年"),
        ("（一）科学防控！是否？是：是；是，是。", "（一）科学防控！是否？是：是；是，是。"),
        ("“两个确立”‘双率’、", "“两个确立”‘双率’、"),
        ("(一)半角括号保持", "(一)半角括号保持"),
        ("1．加快建设", "1．加快建设"),  # a full-width dot not between digits is left alone
        ("５%～５．５%", "5%—5.5%"),
        ("增长5%～5.5%", "增长5%—5.5%"),
        ("3-5个", "3—5个"),
        ("2025－2027年", "2025—2027年"),
        ("2025——2027年", "2025—2027年"),
        ("1~2月、3〜4月、5–6月", "1—2月、3—4月、5—6月"),
        ("2022-12-26 15:15", "2022-12-26 15:15"),
        ("２０２２－１２－２６", "2022-12-26"),
        ("电话0595-86383333", "电话0595-86383333"),
        (DATE_LINE, DATE_LINE),
        ("经济——稳中向好", "经济——稳中向好"),
        ("增长-1.2%", "增长-1.2%"),
    ],
)
def test_normalise_characters(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_normalise_whitespace() -> None:
    raw = (
        "\ufeff　　各位代表：\r\n\r\n\u3000\xa0\n  现在，\u200b我代表\u00ad市人民政府 \t 向大会报告。\r\n\n\n"
    )
    assert normalise(raw) == "各位代表：\n现在，我代表市人民政府 向大会报告。"


def test_normalise_never_touches_cjk() -> None:
    # traditional, 〇, compatibility ideographs and Kangxi radicals would all change under NFKC
    text = "黨的二十大勝利召開 二〇二三年 \uf900\uf91d ⼀⼆ 𠀀 ㊣"
    assert normalise(text) == text


def test_table_is_str_maketrans_over_fullwidth_ascii() -> None:
    for code in range(0xFF01, 0xFF5F):
        char = chr(code)
        mapped = char.translate(NORMALISE_TABLE)
        assert mapped == (char if char in ingest.KEEP_FULLWIDTH else chr(code - 0xFEE0))
    assert "，。；：！？（）、“”‘’".translate(NORMALISE_TABLE) == "，。；：！？（）、“”‘’"


CHARS = st.sampled_from(
    [
        *"0123456789０１２３.．%％‰-－—–~～―−〜、，。；：！？（）()“”",
        *"年月日亿元增长国务院黨aＡ \u3000\n\r\t\xa0\u200b",
        *["——", "2022-12-26", "0595-", "19", "20", "12", "31"],
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(CHARS, max_size=40).map("".join))
def test_normalise_idempotent_on_report_like_text(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert all(line and line == line.strip() for line in once.split("\n")) or once == ""


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalise_idempotent_on_any_text(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert "\r" not in once and "\n\n" not in once


@given(st.text())
def test_fast_table_path_equals_translate(text: str) -> None:
    fast = ingest._TABLE_CHARS.sub(lambda m: NORMALISE_TABLE[ord(m.group())] or "", text)
    assert fast == text.translate(NORMALISE_TABLE)


# ---------------------------------------------------------------- chrome removal


def test_chrome_removed_from_nanan() -> None:
    doc = read(NANAN)
    lines = doc.text.split("\n")
    assert lines[:3] == ["2023年政府工作报告", DATE_LINE, BYLINE]
    assert lines[-1].startswith("各位代表!新时代新征程") and lines[-1].endswith("南安篇章!")
    for chrome in ("您当前的位置", "阅读人数", "附件下载", "扫一扫在手机上查看当前页面"):
        assert chrome not in doc.text
    raw = normalise(NANAN.read_text(encoding="utf-8")).split("\n")
    assert len(raw) - len(lines) == 4


CHROME_TOP = [
    "您当前的位置：首页 > 政务公开 > 政府工作报告",
    "当前位置：首页 >> 政务公开",
    "2022-12-26 15:15 阅读人数:1",
    "发布时间：2022-12-26 来源：南安市人民政府办公室 浏览次数：12",
    "来源：人民网",
    "【字号】大 中 小",
    "【打印】【关闭】",
    "打印",
    "关闭",
    "分享到：",
    "1月20日，省长王清宪作政府工作报告。本报记者 张三 摄",
]
CHROME_BOTTOM = [
    "责任编辑：李四",
    "附件下载",
    "扫一扫在手机上查看当前页面",
    "上一篇：2022年政府工作报告",
    "版权所有：南安市人民政府 主办：南安市人民政府办公室",
    "闽ICP备05004541号-1 闽公网安备 35058302000123号",
    "Copyright © 2022 南安市人民政府",
]


def test_chrome_patterns_top_and_bottom_only() -> None:
    body = REPORT.split("\n")
    lines = CHROME_TOP + body + CHROME_BOTTOM
    assert strip_chrome(lines) == body
    # the same lines in the middle of a long report are report text: kept
    middle = body * 3 + CHROME_TOP + body * 3
    assert strip_chrome(middle) == middle


@pytest.mark.parametrize(
    "line",
    [
        "附件",  # appendices published with the report (guangdong, jiangxi …)
        "附件1",
        "名词解释",
        "主办单位：省教育厅，各州、市人民政府",  # yunnan-2025's 惠民实事 appendix
        "来源：" + "数据" * 40,  # long: a paragraph, not chrome
        "各位代表！",
        "打印机产业链",
    ],
)
def test_report_lines_are_not_chrome(line: str) -> None:
    lines = [line, *REPORT.split("\n"), line]
    assert strip_chrome(lines) == lines


# ---------------------------------------------------------------- metadata


def test_metadata_of_text() -> None:
    doc = read(REPORT)
    assert (doc.format, doc.source, doc.encoding) == ("text", "<text>", None)
    assert (doc.title, doc.region, doc.year, doc.date) == ("2023年政府工作报告", "南安市", 2023, "2022-12-27")


@pytest.mark.parametrize(
    ("text", "region", "year", "date"),
    [
        # delivered in December, no title: the plan year is the next year
        (
            "——2022年12月27日在南安市第十八届人民代表大会第三次会议上\n各位代表：",
            "南安市",
            2023,
            "2022-12-27",
        ),
        # delivered in January, no title
        ("2025年1月13日在福建省第十四届人民代表大会第三次会议上\n各位代表：", "福建省", 2025, "2025-01-13"),
        # Chinese numerals
        (
            "——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上\n甘肃省省长 任振鹤",
            "甘肃省",
            2026,
            "2026-01-27",
        ),
        # a 区 inside a city: the innermost unit
        (
            "——2019年3月4日在呼伦贝尔市海拉尔区第十五届人民代表大会第三次会议上",
            "海拉尔区",
            2019,
            "2019-03-04",
        ),
        (
            "政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上国务院总理 李强",
            "国务院",
            2024,
            "2024-03-05",
        ),
        # no header at all: 国务院 from the opening, the year after the one reviewed
        (
            "各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2021年工作回顾\n过去一年。",
            "国务院",
            2022,
            None,
        ),
        # the title gives the year even when delivered the year before
        (
            "2023年政府工作报告\n——2022年12月27日在南安市第十八届人民代表大会第三次会议上",
            "南安市",
            2023,
            "2022-12-27",
        ),
        # 主席 of an autonomous region; short name in the title mapped to the official one
        ("2025年广西政府工作报告\n自治区主席 蓝天立\n各位代表：", "广西壮族自治区", 2025, None),
        ("北京市市长 殷勇\n各位代表：\n二、2026年主要预期目标", "北京市", 2026, None),
    ],
)
def test_metadata_rules(text: str, region: str, year: int, date: str | None) -> None:
    doc = read(text + "\n")
    assert (doc.region, doc.year, doc.date) == (region, year, date)


EXPECTED_CORPUS = {
    "anhui": "安徽省", "beijing": "北京市", "chongqing": "重庆市", "fujian": "福建省", "gansu": "甘肃省",
    "guangdong": "广东省", "guangxi": "广西壮族自治区", "guizhou": "贵州省", "hailaer": "海拉尔区",
    "hainan": "海南省", "hebei": "河北省", "heilongjiang": "黑龙江省", "henan": "河南省", "hubei": "湖北省",
    "hunan": "湖南省", "jiangsu": "江苏省", "jiangxi": "江西省", "jilin": "吉林省", "liaoning": "辽宁省",
    "nanan": "南安市", "national": "国务院", "neimenggu": "内蒙古自治区", "ningxia": "宁夏回族自治区",
    "qinghai": "青海省", "shaanxi": "陕西省", "shandong": "山东省", "shanghai": "上海市", "shanxi": "山西省",
    "sichuan": "四川省", "tianjin": "天津市", "xinjiang": "新疆维吾尔自治区", "xizang": "西藏自治区",
    "yunnan": "云南省", "zhejiang": "浙江省",
}  # fmt: skip
CORPUS_FILES = sorted(CORPORA.glob("*.txt")) if CORPORA.is_dir() else []
needs_corpora = pytest.mark.skipif(not CORPUS_FILES, reason=f"{CORPORA} is absent")


@needs_corpora
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_region_and_year(path: Path) -> None:
    """Region and year of every corpus file agree with SOURCES.md (file names are <government>-<year>)."""
    name, year = path.stem.rsplit("-", 1)
    doc = read(path)
    assert (doc.region, doc.year) == (EXPECTED_CORPUS[name], int(year))
    assert doc.encoding == "utf-8" and doc.format == "txt"


@needs_corpora
def test_corpus_has_every_government() -> None:
    assert {p.stem.rsplit("-", 1)[0] for p in CORPUS_FILES} == set(EXPECTED_CORPUS)


@needs_corpora
@pytest.mark.parametrize("path", [p for p in CORPUS_FILES if "nanan" not in p.name], ids=lambda p: p.stem)
def test_corpus_files_have_no_chrome_to_drop(path: Path) -> None:
    """The corpus was cleaned by hand: chrome removal must not drop a single line of it."""
    assert read(path).text == normalise(path.read_text(encoding="utf-8"))


@needs_corpora
@pytest.mark.parametrize(
    ("name", "title", "date"),
    [
        ("gansu-2026.txt", "2026年甘肃省政府工作报告", "2026-01-27"),
        ("national-2024.txt", "政府工作报告", "2024-03-05"),
        ("guangdong-2026.txt", "政府工作报告", "2026-01-26"),  # date line broken over two lines
        ("hailaer-2012.txt", "政府工作报告", "2012-02-29"),  # 政 府 工 作 报 告
        ("shaanxi-2026.txt", "陕西省2026年政府工作报告", "2026-01-27"),
        ("national-2022.txt", None, None),
    ],
)
def test_corpus_title_and_date(name: str, title: str | None, date: str | None) -> None:
    doc = read(CORPORA / name)
    assert (doc.title, doc.date) == (title, date)


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("codec", "text", "recorded"),
    [
        ("utf-8", REPORT, "utf-8"),
        ("utf-8-sig", REPORT, "utf-8-sig"),
        ("gbk", REPORT, "gb18030"),  # decoded with the superset
        ("gb18030", REPORT + "\n龑䶮𠀀", "gb18030"),  # characters outside GBK
        ("utf-16", REPORT, "utf-16"),  # with BOM
        ("utf-16-le", REPORT, "utf-16-le"),  # without BOM
        ("utf-16-be", REPORT, "utf-16-be"),
        ("big5", TRADITIONAL, "big5"),  # Big5 bytes also decode as (garbled) GB18030
    ],
)
def test_encodings(tmp_path: Path, codec: str, text: str, recorded: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(codec))
    doc = read(path)
    assert (doc.original or doc.text) == normalise(text)  # a Traditional text as written: `original`
    assert doc.encoding == recorded


def test_big5_would_decode_as_gb18030() -> None:
    """Why the quality check exists: strict GB18030 accepts these Big5 bytes, as nonsense."""
    garbled = TRADITIONAL.encode("big5").decode("gb18030")
    assert garbled != TRADITIONAL
    assert ingest.text_quality(garbled) < 0.6 < 0.99 < ingest.text_quality(TRADITIONAL)


def test_explicit_encoding_wins(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.encode("gbk"))
    assert read(path, encoding="gbk").encoding == "gbk"
    with pytest.raises(InputError, match="not valid utf-8") as excinfo:
        read(path, encoding="utf-8")
    one_line_error(excinfo)
    with pytest.raises(InputError, match="unknown encoding"):
        read(path, encoding="no-such-codec")


# ---------------------------------------------------------------- HTML


def html_lines(name: str) -> list[str]:
    doc = read(FIXTURES / name)
    assert doc.format == "html"
    return doc.text.split("\n")


CHROME_STRINGS = [
    "您当前的位置",
    "当前位置",
    "首页",
    "版权所有",
    "ICP备",
    "扫一扫",
    "附件下载",
    "分享到",
    "上一篇",
    "下一篇",
    "网站地图",
    "阅读人数",
    "浏览次数",
    "发布时间",
    "发布日期",
    "来源",
    "打印",
    "关闭",
    "字号",
    "热点信息",
    "2021年政府工作报告",
    "机构概况",
    "请输入关键词",
    "统计代码",
    "政务服务",
    "_hmt",
    "share()",
]


@pytest.mark.parametrize("name", ["nanan-gbk.html", "nanan-nested.html", "nanan-table.htm"])
def test_html_fixtures(name: str) -> None:
    doc = read(FIXTURES / name)
    assert doc.format == "html"
    assert doc.encoding == ("gb18030" if "gbk" in name else "utf-8")
    assert (doc.title, doc.region, doc.year, doc.date) == ("2023年政府工作报告", "南安市", 2023, "2022-12-27")
    lines = doc.text.split("\n")
    assert DATE_LINE in lines[:2] and BYLINE in lines[:3]
    for chrome in CHROME_STRINGS:
        assert chrome not in doc.text, chrome
    assert lines[-1].startswith("各位代表!新时代新征程") or lines[-1].startswith("铆足实干兴市之劲")
    assert (FIXTURES / name).stat().st_size < 30_000


def test_html_gbk_paragraphs_verbatim() -> None:
    lines = html_lines("nanan-gbk.html")
    assert lines[:7] == [
        DATE_LINE,
        BYLINE,
        "各位代表:",
        "现在,我代表市人民政府向大会报告政府工作,请予审议,并请政协各位委员和列席人员提出意见。",
        "一、2022年政府工作回顾",
        P_2022,
        P_EPIDEMIC,
    ]
    assert len(lines) == 14


def test_html_nested_divs_br_and_zero_width() -> None:
    lines = html_lines("nanan-nested.html")
    assert len(lines) == 11
    assert lines[5].startswith("(二)努力稳住经济大盘。") and lines[6].startswith("(三)应势调优产业质态。")
    assert "\u200b" not in "".join(lines)
    assert lines[-1].startswith("铆足实干兴市之劲")


def test_html_table_layout() -> None:
    lines = html_lines("nanan-table.htm")
    assert lines[0] == "2023年政府工作报告" and lines[1] == DATE_LINE and len(lines) == 10


def test_html_detected_by_content_and_read_from_stdin(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = (FIXTURES / "nanan-gbk.html").read_bytes()
    renamed = tmp_path / "page.txt"
    renamed.write_bytes(data)
    assert read(renamed).format == "html"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc = read("-")
    assert (doc.source, doc.format, doc.encoding, doc.region) == ("<stdin>", "html", "gb18030", "南安市")
    assert doc.text == read(FIXTURES / "nanan-gbk.html").text


def test_html_without_body_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><nav><a href='/'>首页</a></nav></body></html>")
    with pytest.raises(InputError, match="no report text") as excinfo:
        read(path)
    one_line_error(excinfo)


# ---------------------------------------------------------------- PDF


def make_pdf(pages: list[list[str]] | None = None, *, streams: list[bytes] | None = None) -> bytes:
    """A minimal PDF; text uses the non-embedded Adobe-GB1 font STSong-Light (CJK through CMaps)."""
    if streams is None:
        streams = []
        for lines in pages or []:
            ops = [b"BT /F1 10 Tf 12 TL 40 800 Td"]
            ops += [b"<" + ln.encode("utf-16-be").hex().encode() + b"> Tj T*" for ln in lines]
            streams.append(b"\n".join([*ops, b"ET"]))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in below
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H"
        b" /DescendantFonts [4 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo"
        b" << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -120 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    kids = []
    for stream in streams:
        objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
            b" /Resources << /Font << /F1 3 0 R >> >> >>" % len(objs)
        )
        kids.append(b"%d 0 R" % len(objs))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def wrap(paragraph: str, width: int = 72) -> list[str]:
    """Break a paragraph into lines of at most ``width`` display columns, as a PDF does."""
    lines, current = [""], 0
    for char in paragraph:
        w = 2 if ord(char) >= 0x1100 else 1
        if current + w > width:
            lines.append("")
            current = 0
        lines[-1] += char
        current += w
    return lines


def test_pdf_rejoins_lines_and_drops_running_heads(tmp_path: Path) -> None:
    paragraphs = REPORT.split("\n")
    wrapped = [ln for p in paragraphs for ln in wrap(p)]
    assert len(wrapped) > 16  # several paragraphs really are broken
    pages = [
        ["南安市人民政府文件", *wrapped[i : i + 8], f"— {n} —"]
        for n, i in enumerate(range(0, len(wrapped), 8), 1)
    ]
    assert len(pages) >= 3
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(pages))
    doc = read(path)
    assert (doc.format, doc.encoding) == ("pdf", None)
    assert doc.text.split("\n") == paragraphs  # page breaks inside paragraphs are healed too
    assert (doc.title, doc.region, doc.year, doc.date) == ("2023年政府工作报告", "南安市", 2023, "2022-12-27")


def test_pdf_ascii_and_page_numbers(tmp_path: Path) -> None:
    pages = [
        ["Work Report 2024", "The plan sets a growth target of", "about 5 percent.", "- 1 -"],
        ["Work Report 2024", "Page 2 of the plan sets a deficit", "ratio of 3 percent.", "- 2 -"],
    ]
    path = tmp_path / "en.pdf"
    path.write_bytes(make_pdf(pages))
    assert read(path).text.split("\n") == [
        "The plan sets a growth target of about 5 percent.",
        "Page 2 of the plan sets a deficit ratio of 3 percent.",
    ]


def test_pdf_scanned_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf(streams=[b"0.5 g 40 40 515 762 re f", b"0 g 60 60 100 100 re f"]))
    with pytest.raises(InputError, match="no text layer: this PDF looks scanned") as excinfo:
        read(path)
    assert "ocrmypdf" in one_line_error(excinfo)


def test_pdf_needs_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf([["各位代表：现在我代表市人民政府向大会报告政府工作。"]]))
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(MissingExtraError) as excinfo:
        read(path)
    assert "pip install 'reportdiff[pdf]'" in one_line_error(excinfo)


def test_pdf_damaged_or_misnamed(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(InputError, match="cannot be opened as a PDF") as excinfo:
        read(path)
    one_line_error(excinfo)
    path.write_text("plain text in a .pdf")
    with pytest.raises(InputError, match="not a PDF"):
        read(path)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["全市完成地区生产总值1645亿", "元、增长4%。"], ["全市完成地区生产总值1645亿元、增长4%。"]),
        (["一、2022年政府工作回顾", "2022年是极不平凡的一年，我们共同见证了新时代十年的伟大变革"], None),
        (["各位代表：", "现在，我代表市人民政府向大会报告政府工作，请予审议，并请政协各位委"], None),
        (["主要预期目标是地区生产总值增长6.5%，一般公共预算总收入增长8%，", "（一）实施十项工程"], None),
        (
            ["growth of about five per cent and a", "deficit ratio of three"],
            ["growth of about five per cent and a deficit ratio of three"],
        ),
        (["短行", "下一行很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长"], None),
        ([], []),
    ],
)
def test_rejoin_lines(lines: list[str], expected: list[str] | None) -> None:
    assert rejoin_lines(lines) == (lines if expected is None else expected)


# ---------------------------------------------------------------- DOCX


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "2025年福建省政府工作报告"
    for text in [
        "2025年福建省政府工作报告",
        "——2025年1月13日在福建省第十四届人民代表大会第三次会议上",
        "各位代表：",
    ]:
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["指标", "2025年目标", "备注"], strict=True):
        cell.text = text
    table.cell(1, 0).text = "地区生产总值"
    table.cell(1, 1).merge(table.cell(1, 2)).text = "增长5.5%左右"
    document.add_paragraph("一、2024年工作回顾")
    document.save(str(path))


def test_docx(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    make_docx(path)
    doc = read(path)
    assert (doc.format, doc.encoding) == ("docx", None)
    assert doc.text.split("\n") == [
        "2025年福建省政府工作报告",
        "——2025年1月13日在福建省第十四届人民代表大会第三次会议上",
        "各位代表：",
        "指标 2025年目标 备注",
        "地区生产总值 增长5.5%左右",  # the merged cell appears once
        "一、2024年工作回顾",
    ]
    assert (doc.title, doc.region, doc.year, doc.date) == (
        "2025年福建省政府工作报告",
        "福建省",
        2025,
        "2025-01-13",
    )


def test_docx_needs_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.docx"
    make_docx(path)
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingExtraError) as excinfo:
        read(path)
    assert "pip install 'reportdiff[docx]'" in one_line_error(excinfo)


def test_zip_that_is_not_docx_and_damaged_docx(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("report.txt", REPORT)
    with pytest.raises(InputError, match="ZIP archive, not a DOCX") as excinfo:
        read(path)
    one_line_error(excinfo)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<not xml")
    with pytest.raises(InputError, match="damaged DOCX"):
        read(path)


# ---------------------------------------------------------------- sources and errors


def test_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    by_path, by_str = read(path), read(str(path))
    assert by_path == by_str and by_path.source == str(path) and by_path.format == "txt"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode("gbk"))))
    from_stdin = read("-")
    assert (from_stdin.source, from_stdin.encoding, from_stdin.text) == ("<stdin>", "gb18030", by_path.text)
    assert read("2023年政府工作报告 各位代表").format == "text"  # no newline, names no file: text
    long_line = P_2022 * 2
    assert len(long_line) > 260 and read(long_line).format == "text"


@pytest.mark.parametrize("name", ["missing.txt", "missing.HTML", "missing.pdf", "dir/missing.docx"])
def test_missing_file_str(name: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as excinfo:
        read(str(tmp_path / name))
    one_line_error(excinfo)


def test_missing_path_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "nothing-here")
    for source in (tmp_path, str(tmp_path)):
        with pytest.raises(InputError, match="is a directory") as excinfo:
            read(source)
        one_line_error(excinfo)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"  \r\n\t\n", "contains only whitespace"),
        ("\u3000\u3000\n\xa0\n".encode(), "contains only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "is a PNG image, not report text"),
        (b"\x01\x02\x03\x00" + bytes(range(256)) * 8, "looks binary"),
        (bytes(range(128, 256)) * 40, "looks binary"),  # no NUL, but undecodable
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "legacy .doc"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as excinfo:
        read(path)
    one_line_error(excinfo)


def test_empty_text_string() -> None:
    for text in ("", "   ", "\n\n"):
        with pytest.raises(InputError):
            read(text)


def test_huge_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: nothing is written, so this is cheap
        f.truncate(ingest.MAX_BYTES + 1)
    with pytest.raises(InputError, match="too large") as excinfo:
        read(path)
    assert "20 MB" in one_line_error(excinfo)


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    paths = [tmp_path / "a.txt", tmp_path / "b.html", tmp_path / "c.pdf", tmp_path / "d.docx"]
    paths[0].write_bytes(REPORT.encode("gbk"))
    paths[1].write_bytes((FIXTURES / "nanan-gbk.html").read_bytes())
    paths[2].write_bytes(make_pdf([wrap(P_2022)]))
    make_docx(paths[3])
    before = {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in paths}
    for p in paths:
        assert isinstance(read(p), Document)
    assert {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in paths} == before
