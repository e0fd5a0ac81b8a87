"""The HTML page in a real browser (headless Chromium via Playwright).

No console errors and no CSP violations (so the script's hash is right), filters, sorting, the
links between the table and the aligned text, keyboard use, narrow screens, print, no JavaScript,
and a page built from hostile report text that must stay inert. Screenshots go to tests/artifacts/
(git-ignored); with ``--update-golden`` the documentation screenshots in docs/img/ are rewritten too.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from reportdiff.render import render_html

from .helpers import corpus
from .test_render import demo_diff, hostile_diff, small_diff

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
DOCS_IMG = Path(__file__).resolve().parents[1] / "docs" / "img"

# Runs before any page script (Playwright injects it over CDP, outside the page's CSP).
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


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


def visible_rows(page: Page) -> list[dict[str, str]]:
    return list(
        page.eval_on_selector_all(
            "tr.rd-row",
            """rows => rows.filter(r => !r.hidden).map(r => ({
        id: r.id, status: r.dataset.status, change: r.dataset.kChange, text: r.textContent,
        nsec: r.dataset.nsec, osec: r.dataset.osec}))""",
        )
    )


# --- tests -----------------------------------------------------------------------------------------


def test_demo_loads_without_errors_or_csp_violations(
    browser: Browser, pages: dict[str, Path], update_golden: bool
) -> None:
    page, log = open_page(browser, pages["demo"])
    assert log.errors == []
    assert page.evaluate("window.__csp") == []
    # the script ran under the page's CSP: it revealed the filters and upgraded the headers
    assert page.is_visible(".rd-filters")
    assert page.locator("th .rd-sort").count() == 8
    assert page.locator(".rd-count").inner_text().startswith("显示")
    shot(page, "demo", update_golden)
    page.locator(".rd-aligned").scroll_into_view_if_needed()
    shot(page, "demo-aligned")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.locator(".rd-aligned").scroll_into_view_if_needed()
    page.close()


def test_status_filter_hides_the_other_rows(browser: Browser, pages: dict[str, Path]) -> None:
    page, log = open_page(browser, pages["small"])
    total = len(visible_rows(page))
    for status in ("raised", "kept", "new", "dropped"):
        page.click(f".rd-chips label.rd-s-{status}")
    rows = visible_rows(page)
    assert rows and {r["status"] for r in rows} == {"lowered"}
    assert len(rows) == int(page.inner_text(".rd-chips label.rd-s-lowered .rd-chip-n"))
    assert page.inner_text(".rd-count") == f"显示 {len(rows)} / {total} 项"
    shot(page, "small-filtered")
    page.click(".rd-chips label.rd-s-lowered")
    assert visible_rows(page) == [] and page.is_visible("tr.rd-empty")
    page.click("button[data-rd-action=reset]")
    assert len(visible_rows(page)) == total
    assert log.errors == []
    page.close()


def test_search_and_section_filters(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["small"])
    page.fill("[data-rd-filter=q]", "高标准农田")
    rows = visible_rows(page)
    assert rows and all("高标准农田" in r["text"] for r in rows)
    page.fill("[data-rd-filter=q]", "")
    page.select_option("[data-rd-filter=section]", "n:2.2")
    rows = visible_rows(page)
    assert rows and all(r["nsec"] == "2.2" or r["nsec"].startswith("2.2.") for r in rows)
    page.close()


def test_clicking_a_column_header_sorts(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["demo"])
    header = page.locator("th[data-sort=change]")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    keys = [r["change"] for r in visible_rows(page)]
    numbers = [float(k) for k in keys if k]
    assert numbers == sorted(numbers) and len(numbers) > 1
    assert keys[len(numbers) :] == [""] * (len(keys) - len(numbers))  # blanks last
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    numbers = [float(r["change"]) for r in visible_rows(page) if r["change"]]
    assert numbers == sorted(numbers, reverse=True)
    # the keyboard works too: Enter on a focused header button
    page.focus("th[data-sort=indicator] button")
    page.keyboard.press("Enter")
    assert page.get_attribute("th[data-sort=indicator]", "aria-sort") == "ascending"
    page.close()


def test_row_links_to_its_sentence_and_back(browser: Browser, pages: dict[str, Path]) -> None:
    page, log = open_page(browser, pages["demo"])
    link = page.locator("td a.rd-v[href^='#n-']").nth(3)
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
    link = page.locator("td a.rd-v[href^='#o-']").first
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
    assert len(visible_rows(page)) == page.locator("tr.rd-row").count() > 0
    evidence = page.locator("details.rd-ev").first
    evidence.locator("summary").click()  # native <details> still work
    assert evidence.locator(".rd-scores, .rd-cand").first.is_visible()
    page.close()


def test_narrow_screen_stacks(browser: Browser, pages: dict[str, Path], update_golden: bool) -> None:
    page, _ = open_page(
        browser, pages["small"], viewport={"width": 390, "height": 844}, device_scale_factor=2
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.eval_on_selector("table.rd-table thead", "el => getComputedStyle(el).display") == "none"
    assert page.eval_on_selector("tr.rd-row", "el => getComputedStyle(el).display") == "block"
    page.eval_on_selector(".rd-commitments", "el => el.scrollIntoView()")
    shot(page, "mobile", update_golden)
    page.close()


def test_print_hides_controls_and_opens_details(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["small"])
    page.emulate_media(media="print")
    assert not page.is_visible(".rd-filters")
    assert not page.is_visible(".rd-toolbar")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details:not([open])").count() == 0
    page.pdf(path=str(ARTIFACTS / "small.pdf"))
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details.rd-ev:not([open])").count() > 0
    page.close()


def test_english_page(browser: Browser, pages: dict[str, Path]) -> None:
    page, log = open_page(browser, pages["small-en"])
    assert page.inner_text(".rd-count").endswith("shown")
    assert log.errors == []
    shot(page, "small-en")
    page.close()


def test_fragments_in_a_notebook_page_work_independently(browser: Browser, pages: dict[str, Path]) -> None:
    page, log = open_page(browser, pages["notebook"])
    roots = page.locator(".rd-root")
    assert roots.count() == 2
    assert page.locator(".rd-root[data-rd-ready]").count() == 2
    first, second = roots.nth(0), roots.nth(1)
    n_second = second.locator("tr.rd-row:not([hidden])").count()
    first.locator(".rd-chips label.rd-s-dropped").click()
    assert second.locator("tr.rd-row:not([hidden])").count() == n_second
    assert log.dialogs == [] and log.errors == []
    page.close()


def test_delivery_view(browser: Browser, update_golden: bool) -> None:
    from reportdiff.classify import compare

    diff = compare(corpus("fujian-2025.txt"), corpus("fujian-2026.txt"), old_part="plan", new_part="review")
    path = ARTIFACTS / "fujian-delivery.html"
    path.write_text(render_html(diff), encoding="utf-8")
    page, log = open_page(browser, path)
    assert "目标完成情况" in page.inner_text(".rd-kicker")
    assert page.locator(".rd-card.rd-s-raised").inner_text().startswith("▲ 超额")
    assert log.errors == []
    for status in ("new", "dropped"):  # targets that met a result: the rows a reader wants first
        page.click(f".rd-chips label.rd-s-{status}")
    assert {r["status"] for r in visible_rows(page)} <= {"raised", "lowered", "kept"}
    page.eval_on_selector(".rd-commitments", "el => el.scrollIntoView()")
    shot(page, "delivery", update_golden)
    page.close()


def test_csv_export_has_the_visible_rows(browser: Browser, pages: dict[str, Path]) -> None:
    page, _ = open_page(browser, pages["small"])
    page.click(".rd-chips label.rd-s-dropped")
    with page.expect_download() as info:
        page.click("button[data-rd-action=csv]")
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("#,状态,指标,旧值,新值")
    assert len(lines) == 1 + len(visible_rows(page))
    assert "删去" not in text and "1,645" not in text
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
