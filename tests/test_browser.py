"""The HTML page in a real browser (headless Chromium via Playwright).

No console errors and no CSP violations (so the script's hash is right), filters, sorting, the
links between the table and the aligned text, keyboard use, narrow screens, print, no JavaScript,
and a page built from hostile report text that must stay inert. Screenshots go to tests/artifacts/
(git-ignored); with ``--update-golden`` the documentation screenshots in docs/img/ are rewritten too.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from reportdiff.render import render_html

from .browser_js import ARGS, ARTIFACTS, CHROMIUM, CONTRAST, CUT_CELLS, DOCS_IMG, WATCH
from .helpers import corpus, needs_corpora
from .test_render import demo_diff, hostile_diff, small_diff

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def pages() -> dict[str, Path]:
    """The pages under test, written to tests/artifacts/ (they are worth opening by hand too)."""
    ARTIFACTS.mkdir(exist_ok=True)
    out = {}
    made = {
        "demo": render_html(demo_diff()),
        "small": render_html(small_diff()),
        "small-en": render_html(small_diff(), lang="en"),
        "hostile": render_html(hostile_diff()),
    }
    for name, text in made.items():
        out[name] = ARTIFACTS / f"{name}.html"
        out[name].write_text(text, encoding="utf-8")
    host = (
        "<!doctype html><meta charset=utf-8><title>notebook</title><body><h1>notebook</h1>"
        + render_html(small_diff(), full=False)
        + "<p>between</p>"
        + render_html(hostile_diff(), full=False)
    )
    out["notebook"] = ARTIFACTS / "notebook.html"
    out["notebook"].write_text(host, encoding="utf-8")
    # a notebook as Jupyter shows it: the lean displays of two diffs (twice the same one, too)
    small, hostile = small_diff(), hostile_diff()
    reprs = [small._repr_html_(), hostile._repr_html_(), small._repr_html_()]
    out["reprs"] = ARTIFACTS / "notebook-reprs.html"
    out["reprs"].write_text(host.split("<h1>")[0] + "<p>cell</p>".join(reprs), encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def corpus_pages() -> dict[str, Path]:
    """Pages of real provincial reports: guangdong plan → plan, hunan delivery (plan → next review)."""
    from reportdiff.classify import compare

    ARTIFACTS.mkdir(exist_ok=True)
    out = {}
    for name, region, parts, lang in (
        ("guangdong", "guangdong", ("plan", "plan"), "zh"),
        ("guangdong-en", "guangdong", ("plan", "plan"), "en"),
        ("hunan-delivery", "hunan", ("plan", "review"), "zh"),
    ):
        diff = compare(
            corpus(f"{region}-2025.txt"), corpus(f"{region}-2026.txt"), old_part=parts[0], new_part=parts[1]
        )
        out[name] = ARTIFACTS / f"{name}.html"
        out[name].write_text(render_html(diff, lang=lang), encoding="utf-8")
    return out


@dataclass
class Log:
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def open_page(browser: Browser, path: Path, **context: Any) -> tuple[Page, Log]:
    ctx = browser.new_context(viewport=context.pop("viewport", {"width": 1280, "height": 900}), **context)
    page = ctx.new_page()
    log = Log()
    page.on("console", lambda m: log.errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: log.errors.append(str(e)))

    def on_dialog(d: Any) -> None:
        log.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.add_init_script(WATCH)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, log


def in_viewport(page: Page, selector: str) -> bool:
    return bool(
        page.eval_on_selector(
            selector,
            """el => {
        const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
    }""",
        )
    )


def shot(page: Page, name: str, update: bool = False, *, full_page: bool = False) -> None:
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    if update:
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_IMG / f"{name}.png")


def visible_rows(page: Page, table: str = ".rd-commitments") -> list[dict[str, str]]:
    return list(
        page.eval_on_selector_all(
            f"{table} tr.rd-row",
            """rows => rows.filter(r => !r.hidden).map(r => ({
        id: r.id, status: r.dataset.status, change: r.dataset.kChange, text: r.textContent,
        check: r.dataset.check, nsec: r.dataset.nsec, osec: r.dataset.osec}))""",
        )
    )


# --- tests -----------------------------------------------------------------------------------------


def test_demo_loads_without_errors_or_csp_violations(
    browser: Browser, pages: dict[str, Path], update_golden: bool
) -> None:
    page, log = open_page(browser, pages["demo"], viewport={"width": 1440, "height": 900})
    assert log.errors == []
    assert page.evaluate("window.__csp") == []
    # the script ran under the page's CSP: it revealed the filters and upgraded the headers
    assert page.is_visible(".rd-commitments .rd-filters") and page.is_visible(".rd-initiatives .rd-filters")
    assert page.locator("th .rd-sort").count() == page.locator("th[data-sort]").count() > 8
    assert page.locator(".rd-commitments .rd-count").inner_text().startswith("显示")
    shot(page, "demo", update_golden)
    page.locator(".rd-aligned").scroll_into_view_if_needed()
    shot(page, "demo-aligned")
    page.close()


def key_rows(page: Page) -> list[dict[str, Any]]:
    """The rows of the key-changes block, each with the table row it links to."""
    return list(
        page.eval_on_selector_all(
            ".rd-key .rd-key-row",
            """rows => rows.map(li => {
        const a = li.querySelector('a.rd-key-link');
        const row = document.getElementById(a.getAttribute('href').slice(1));
        const r = li.getBoundingClientRect();
        return {group: li.closest('.rd-key-group').className, text: li.textContent.replace(/\\s+/g, ' '),
                check: row.dataset.check, status: row.dataset.status, bottom: r.bottom};
    })""",
        )
    )


def test_key_changes_show_the_farmland_cut_in_the_first_screen(
    browser: Browser, pages: dict[str, Path], update_golden: bool
) -> None:
    page, _ = open_page(browser, pages["demo"], viewport={"width": 1440, "height": 900})
    rows = key_rows(page)
    farmland = [r for r in rows if "新建高标准农田" in r["text"]]
    assert len(farmland) == 1 and "1.2万亩" in farmland[0]["text"] and "2000亩" in farmland[0]["text"]
    assert "−83.3%" in farmland[0]["text"] and farmland[0]["bottom"] <= 900  # within the first screen
    assert all(r["check"] != "1" for r in rows)  # nothing a reader should verify first
    shot(page, "key-changes", update_golden)
    # the key changes lead on a phone too: the block starts on the first screen
    phone, _ = open_page(browser, pages["demo"], viewport={"width": 390, "height": 844})
    assert phone.eval_on_selector(".rd-key", "el => el.getBoundingClientRect().top") < 844
    page.close()
    phone.close()


@needs_corpora
def test_delivery_key_changes_lead_with_unreported_targets(
    browser: Browser, corpus_pages: dict[str, Path], update_golden: bool
) -> None:
    page, log = open_page(browser, corpus_pages["hunan-delivery"], viewport={"width": 1440, "height": 900})
    rows = key_rows(page)
    assert "rd-key-unreported" in rows[0]["group"] and rows[0]["status"] == "dropped"
    unreported = [r for r in rows if "rd-key-unreported" in r["group"]]
    assert any("固定资产投资" in r["text"] for r in unreported) and any(
        "社会消费品零售总额" in r["text"] for r in unreported
    )
    assert all(r["bottom"] <= 900 for r in unreported[:2])
    assert all(r["check"] != "1" for r in rows)
    assert log.errors == []
    shot(page, "delivery-key-changes", update_golden)
    page.close()


@needs_corpora
def test_guangdong_key_changes_have_no_open_checks(browser: Browser, corpus_pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, corpus_pages["guangdong"])
    rows = key_rows(page)
    assert rows and all(r["check"] != "1" for r in rows)
    dropped = [r for r in rows if "rd-key-dropped_headline" in r["group"]]
    assert any("居民消费价格" in r["text"] for r in dropped) and any("失业率" in r["text"] for r in dropped)
    page.close()


def test_overview_cards_filter_in_one_click(browser: Browser, pages: dict[str, Path]) -> None:
    page, log = open_page(browser, pages["demo"])
    total = len(visible_rows(page))
    page.click("button[data-rd-only=lowered]")
    rows = visible_rows(page)
    assert rows and {r["status"] for r in rows} == {"lowered"}
    assert page.get_attribute("button[data-rd-only=lowered]", "aria-pressed") == "true"
    page.click("button[data-rd-only=check]")  # the check bucket: the pairs to verify, reasons shown
    rows = visible_rows(page)
    assert rows and all(r["check"] == "1" for r in rows)
    assert page.locator(".rd-commitments tr.rd-row:not([hidden]) .rd-checks li").first.is_visible()
    page.click("button[data-rd-only=check]")  # a second click shows everything again
    assert len(visible_rows(page)) == total
    assert log.errors == []
    page.close()


def test_status_filter_hides_the_other_rows(browser: Browser, pages: dict[str, Path]) -> None:
    page, log = open_page(browser, pages["small"])
    total = len(visible_rows(page))
    for status in ("raised", "kept", "new", "dropped"):
        page.click(f".rd-commitments .rd-chips label.rd-s-{status}")
    rows = visible_rows(page)
    assert rows and {r["status"] for r in rows} == {"lowered"}
    assert len(rows) == int(page.inner_text(".rd-commitments .rd-chips label.rd-s-lowered .rd-chip-n"))
    assert page.inner_text(".rd-commitments .rd-count") == f"显示 {len(rows)} / {total} 项"
    shot(page, "small-filtered")
    page.click(".rd-commitments .rd-chips label.rd-s-lowered")
    assert visible_rows(page) == [] and page.is_visible(".rd-commitments tr.rd-empty")
    page.click(".rd-commitments button[data-rd-action=reset]")
    assert len(visible_rows(page)) == total
    assert log.errors == []
    page.close()


def test_initiatives_have_their_own_filters(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["demo"])
    commitments = len(visible_rows(page))
    total = len(visible_rows(page, ".rd-initiatives"))
    page.click(".rd-initiatives .rd-chips label.rd-i-kept")
    rows = visible_rows(page, ".rd-initiatives")
    assert 0 < len(rows) < total and "kept" not in {r["status"] for r in rows}
    assert len(visible_rows(page)) == commitments  # the commitments table is untouched
    page.close()


def test_likely_names_only_hides_the_names_to_check(browser: Browser, pages: dict[str, Path]) -> None:
    """The initiatives table's 只看可信的名称 hides the rows marked for checking (namehood under 0.5);
    unchecked, they are back."""
    page, log = open_page(browser, pages["demo"])
    total = len(visible_rows(page, ".rd-initiatives"))
    flagged = page.eval_on_selector_all(".rd-initiatives tr[data-unlikely]", "rows => rows.length")
    assert 0 < flagged < total
    page.check(".rd-initiatives input[data-rd-filter=likely]")
    rows = visible_rows(page, ".rd-initiatives")
    assert len(rows) == total - flagged and not any("可能不是具体的项目或改革" in r["text"] for r in rows)
    page.uncheck(".rd-initiatives input[data-rd-filter=likely]")
    assert len(visible_rows(page, ".rd-initiatives")) == total
    assert log.errors == []
    page.close()


def test_search_and_section_filters(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["small"])
    page.fill(".rd-commitments [data-rd-filter=q]", "高标准农田")
    rows = visible_rows(page)
    assert rows and all("高标准农田" in r["text"] for r in rows)
    page.fill(".rd-commitments [data-rd-filter=q]", "")
    page.select_option("[data-rd-filter=section]", "n:2.2")
    rows = visible_rows(page)
    assert rows and all(r["nsec"] == "2.2" or r["nsec"].startswith("2.2.") for r in rows)
    page.close()


def test_default_order_puts_the_check_bucket_last(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["demo"])
    checks = [r["check"] for r in visible_rows(page)]
    assert "1" in checks and checks == sorted(checks)
    page.select_option(".rd-commitments select[data-rd-sort]", "change")  # largest change first
    rows = visible_rows(page)
    assert [r["check"] for r in rows] == sorted(r["check"] for r in rows)  # still after the others
    numbers = [float(r["change"]) for r in rows if r["change"] and r["check"] == "0"]
    assert len(numbers) > 5 and numbers == sorted(numbers, reverse=True)
    page.close()


def test_clicking_a_column_header_sorts(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["demo"])
    header = page.locator(".rd-commitments th[data-sort=old]")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    keys = [r["text"] for r in visible_rows(page)]
    values = page.eval_on_selector_all(
        ".rd-commitments tr.rd-row:not([hidden])", "rs => rs.map(r => r.dataset.kOld)"
    )
    numbers = [float(k) for k in values if k]
    assert numbers == sorted(numbers) and len(numbers) > 1 and len(keys) == len(values)
    assert values[len(numbers) :] == [""] * (len(values) - len(numbers))  # blanks last
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    # the keyboard works too: Enter on a focused header button
    page.focus(".rd-commitments th[data-sort=indicator] button")
    page.keyboard.press("Enter")
    assert page.get_attribute(".rd-commitments th[data-sort=indicator]", "aria-sort") == "ascending"
    page.close()


def test_row_links_to_its_sentence_and_back(browser: Browser, pages: dict[str, Path]) -> None:
    page, log = open_page(browser, pages["demo"])
    link = page.locator("td a.rd-v[href^='#m-n-']").nth(3)
    href = link.get_attribute("href")
    assert href
    link.click()
    assert page.evaluate("document.querySelector(':target').id") == href[1:]
    assert in_viewport(page, href)
    shot(page, "demo-link-target")
    # …and the sentence's quantity links back to its row
    page.click(href)
    row = page.evaluate("document.querySelector(':target').id")
    assert row.startswith("row-")
    assert in_viewport(page, f"#{row}")
    assert log.errors == []
    page.close()


def test_links_open_collapsed_sections(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["small"])
    page.click("button[data-rd-action=collapse]")
    assert page.locator("details.rd-section[open]").count() == 0
    link = page.locator("td a.rd-v[href^='#m-o-']").first
    href = link.get_attribute("href")
    assert href
    link.click()
    assert in_viewport(page, href)
    assert page.locator("details.rd-section[open]").count() == 1
    page.close()


def test_hostile_page_is_inert(browser: Browser, pages: dict[str, Path]) -> None:
    page, log = open_page(browser, pages["hostile"])
    page.wait_for_timeout(300)
    assert log.dialogs == []
    assert log.errors == []
    assert page.evaluate("window.__csp") == []
    assert page.locator("img").count() == 0
    sentence = page.locator(".rd-cell", has_text="<script>alert(1)</script>").first
    assert sentence.is_visible()
    assert "<script>alert(1)</script>" in sentence.inner_text()
    page.locator("details.rd-ev").first.locator("summary").click()
    shot(page, "hostile")
    page.close()


def test_readable_without_javascript(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["small"], java_script_enabled=False)
    assert not page.is_visible(".rd-filters")  # controls that need the script stay hidden
    assert len(visible_rows(page)) == page.locator(".rd-commitments tr.rd-row").count() > 0
    assert page.is_visible(".rd-key")
    evidence = page.locator("details.rd-ev").first
    evidence.locator("summary").click()  # native <details> still work
    assert evidence.locator(".rd-scores, .rd-cand").first.is_visible()
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_phone_stacks_sorts_and_filters_fit_360(
    browser: Browser, pages: dict[str, Path], lang: str, update_golden: bool
) -> None:
    name = "small" if lang == "zh" else "small-en"
    for width in (390, 360):
        page, _ = open_page(
            browser, pages[name], viewport={"width": width, "height": 844}, device_scale_factor=2
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.eval_on_selector("table.rd-table thead", "el => getComputedStyle(el).display") == "none"
        assert page.eval_on_selector("tr.rd-row", "el => getComputedStyle(el).display") == "block"
        outside = page.eval_on_selector_all(
            ".rd-filters :is(label, select, input, button)",
            "els => els.filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)"
            ".map(e => e.outerHTML.slice(0, 60))",
        )
        assert outside == []
        # a sort menu at every width
        page.select_option(".rd-commitments select[data-rd-sort]", "indicator")
        names = page.eval_on_selector_all(
            ".rd-commitments tr.rd-row:not([hidden])", "rs => rs.map(r => r.dataset.kIndicator)"
        )
        assert names == sorted(names, key=lambda s: s) or len(names) > 1
        if width == 390 and lang == "zh":
            page.eval_on_selector(".rd-commitments", "el => el.scrollIntoView()")
            shot(page, "mobile", update_golden)
        page.close()


HEADINGS = """() => Array.from(document.querySelectorAll('.rd-root h1, .rd-root h2, .rd-root h3'))
  .map(h => [h.tagName, h.textContent.trim().slice(0, 20)])"""


def test_headings_and_skip_links(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["small"])
    heads = page.evaluate(HEADINGS)
    levels = [int(h[0][1]) for h in heads]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # no level skipped
    sections = page.eval_on_selector_all(
        ".rd-root > section",
        "ss => ss.map(s => !!s.querySelector('h2') "
        "&& s.getAttribute('aria-labelledby') === s.querySelector('h2').id)",
    )
    assert len(sections) >= 5 and all(sections)
    assert (
        page.locator("details.rd-section summary h3").count()
        == page.locator("details.rd-section").count()
        > 0
    )
    # the first Tab reaches the skip links; following one moves to its part
    page.keyboard.press("Tab")
    active = page.evaluate(
        "[document.activeElement.textContent, document.activeElement.getAttribute('href')]"
    )
    assert active == ["要点", "#key-changes"]
    assert page.is_visible(".rd-skip")
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#terms"
    page.close()


@pytest.mark.parametrize(("name", "width"), [("demo", 1440), ("demo", 390), ("guangdong-en", 1440)])
def test_every_text_has_contrast(
    browser: Browser, pages: dict[str, Path], corpus_pages: dict[str, Path], name: str, width: int
) -> None:
    path = pages.get(name) or corpus_pages[name]
    page, _ = open_page(browser, path, viewport={"width": width, "height": 900}, color_scheme="light")
    page.locator(".rd-commitments details.rd-ev").first.locator("summary").click()  # the evidence too
    page.click(".rd-commitments .rd-chips label.rd-s-kept")  # an unticked chip too
    found = list(page.evaluate(CONTRAST, ".rd-root"))
    assert len(found) > 500  # the whole page was measured
    assert [f for f in found if f["image"]] == []  # no text over an image or gradient we cannot measure
    low = [f for f in found if f["ratio"] < 4.5]
    assert low == [], low
    page.close()


@needs_corpora
def test_print_guangdong_landscape_under_40_pages_with_no_column_cut(
    browser: Browser, corpus_pages: dict[str, Path]
) -> None:
    page, _ = open_page(browser, corpus_pages["guangdong"])
    page.emulate_media(media="print")
    assert not page.is_visible(".rd-filters") and not page.is_visible(".rd-toolbar")
    assert page.locator(".rd-ev-body").first.is_hidden()  # evidence: one line
    assert page.is_visible(".rd-init-print")
    # the printable width of A4 landscape with 12 mm margins, at 96 px per inch
    page.set_viewport_size({"width": 1032, "height": 700})
    assert page.evaluate(CUT_CELLS, [1032, ".rd-commitments .rd-table-wrap"]) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1032
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (ARTIFACTS / "guangdong.pdf").write_bytes(pdf)
    pypdfium2 = pytest.importorskip("pypdfium2")
    doc = pypdfium2.PdfDocument(pdf)
    assert len(doc) < 40
    width, height = doc[0].get_size()
    assert width > height  # landscape
    page.close()


def test_english_page_finds_the_gloss(browser: Browser, pages: dict[str, Path]) -> None:
    page, log = open_page(browser, pages["small-en"])
    assert page.inner_text(".rd-commitments .rd-count").endswith("shown")
    page.fill(".rd-commitments [data-rd-filter=q]", "GDP")
    rows = visible_rows(page)
    assert rows and all("GDP" in r["text"] for r in rows)
    assert log.errors == []
    shot(page, "small-en")
    page.close()


def test_fragments_in_a_notebook_page_work_independently(browser: Browser, pages: dict[str, Path]) -> None:
    for name in ("notebook", "reprs"):
        page, log = open_page(browser, pages[name])
        roots = page.locator(".rd-root")
        n = roots.count()
        assert n >= 2 and page.locator(".rd-root[data-rd-ready]").count() == n
        ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
        assert len(ids) == len(set(ids))  # no two displays share an element id
        first, second = roots.nth(0), roots.nth(1)
        n_second = second.locator(".rd-commitments tr.rd-row:not([hidden])").count()
        first.locator(".rd-commitments .rd-chips label.rd-s-dropped").click()
        assert second.locator(".rd-commitments tr.rd-row:not([hidden])").count() == n_second
        # a link in the last display jumps inside it, not into the first
        last = roots.nth(n - 1)
        link = last.locator(".rd-key a.rd-key-link").first
        if link.count():
            target = link.get_attribute("href")
            assert target and last.locator(target).count() == 1
        assert log.dialogs == [] and log.errors == []
        page.close()


@needs_corpora
def test_delivery_view(browser: Browser, update_golden: bool) -> None:
    from reportdiff.classify import compare

    diff = compare(corpus("fujian-2025.txt"), corpus("fujian-2026.txt"), old_part="plan", new_part="review")
    path = ARTIFACTS / "fujian-delivery.html"
    path.write_text(render_html(diff), encoding="utf-8")
    page, log = open_page(browser, path)
    assert "目标完成情况" in page.inner_text(".rd-kicker")
    assert page.locator(".rd-card.rd-s-raised").inner_text().startswith("▲ 高于目标")
    assert log.errors == []
    for status in ("new", "dropped"):  # targets that met a result: the rows a reader wants first
        page.click(f".rd-commitments .rd-chips label.rd-s-{status}")
    assert {r["status"] for r in visible_rows(page)} <= {"raised", "lowered", "kept"}
    page.eval_on_selector(".rd-commitments", "el => el.scrollIntoView()")
    shot(page, "delivery", update_golden)
    page.close()


def test_csv_export_has_the_visible_rows_as_raw_numbers(browser: Browser, pages: dict[str, Path]) -> None:
    import csv
    import io

    page, _ = open_page(browser, pages["small"])
    page.click(".rd-commitments .rd-chips label.rd-s-dropped")
    with page.expect_download() as info:
        page.click(".rd-commitments button[data-rd-action=csv]")
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(visible_rows(page)) and "dropped" not in {r["status"] for r in rows}
    for r in rows:  # numeric columns hold numbers an analyst can compute with
        for col in ("old_value", "new_value", "change_sort", "confidence"):
            assert r[col] == "" or float(r[col]) == float(r[col])
    farmland = next(r for r in rows if r["indicator"] == "新建高标准农田")
    got = (farmland["old_quantity"], float(farmland["old_value"]), float(farmland["new_value"]))
    assert got == ("2000亩", 2000.0, 3000.0)
    page.close()


def test_aligned_view_toggles(browser: Browser, pages: dict[str, Path], update_golden: bool) -> None:
    page, _ = open_page(browser, pages["small"], viewport={"width": 1280, "height": 760})
    page.eval_on_selector("details.rd-box-matched", "el => el.scrollIntoView()")
    shot(page, "aligned", update_golden)
    pairs = page.locator(".rd-pair")
    total = sum(1 for i in range(pairs.count()) if pairs.nth(i).is_visible())
    page.check("input[data-rd-action=only-changed]")
    assert page.locator(".rd-pair.rd-k-same").first.is_hidden()
    page.check("input[data-rd-action=only-q]")
    shown = [i for i in range(pairs.count()) if pairs.nth(i).is_visible()]
    assert 0 < len(shown) < total
    assert all("rd-has-q" in (pairs.nth(i).get_attribute("class") or "") for i in shown)
    page.close()
