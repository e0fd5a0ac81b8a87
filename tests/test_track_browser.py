"""The timeline page in a real browser (headless Chromium via Playwright, as tests/test_browser.py).

The 海拉尔区 2012–2019 page at 1440 px (Chinese and English: no column clipped), at 390 px and 360 px
(usable, a sort menu, filters that fit), printed (landscape PDF under 5 MB, no column cut), its contrast
(every visible text at least 4.5:1 against its effective background, light mode, 1440 and 390 px), its
headings and skip links, search by the English gloss, and two timelines in one notebook page.

tests/test_browser.py keeps one sync Playwright session open for the whole run, and a second cannot
start in the same thread; this module drives its own Chromium from a thread of its own. Screenshots and
PDFs go to tests/artifacts/ (with ``track-figures.json``: PDF size and pages, lowest contrast found);
with ``--update-golden`` the documentation screenshots docs/img/timeline*.png are rewritten too.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

from reportdiff.timeline import Timeline, track
from reportdiff.timeline_view import render_history_fragment, render_timeline_fragment, render_timeline_page

from .browser_js import ARGS, ARTIFACTS, CHROMIUM, CONTRAST, CUT_CELLS, DOCS_IMG, WATCH
from .helpers import CORPORA, needs_corpora

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, needs_corpora]

FIGURES = ARTIFACTS / "track-figures.json"
T = TypeVar("T")


class Chromium:
    """Headless Chromium under sync Playwright, in a worker thread of its own: ``run(fn)`` calls
    ``fn(browser)`` there and returns its result (or raises its exception, assertions included)."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="track-browser")
        self.pool.submit(self._start).result()

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)

    def run(self, fn: Callable[[Browser], T]) -> T:
        return self.pool.submit(fn, self.browser).result()

    def close(self) -> None:
        def stop() -> None:
            self.browser.close()
            self.playwright.stop()

        self.pool.submit(stop).result()
        self.pool.shutdown()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    pytest.importorskip("playwright.sync_api")
    c = Chromium()
    yield c
    c.close()


@pytest.fixture(scope="module")
def hailaer() -> Timeline:
    files = sorted(CORPORA.glob("hailaer-20*.txt"))
    if len(files) != 8:
        pytest.skip("the hailaer 2012–2019 series is not in ../shared/corpora")
    return track(files)


@pytest.fixture(scope="module")
def pages(hailaer: Timeline) -> dict[str, Path]:
    ARTIFACTS.mkdir(exist_ok=True)
    data = hailaer.to_dict()
    made = {
        "hailaer-timeline": render_timeline_page(data),
        "hailaer-timeline-en": render_timeline_page(data, lang="en"),
        "timeline-notebook": "<!doctype html><meta charset=utf-8><title>notebook</title><body>"
        + "<h1>notebook</h1>"
        + render_timeline_fragment(data)
        + "<p>between</p>"
        + render_timeline_fragment(data, lang="en")
        + render_history_fragment(hailaer.histories[1].to_dict()),
    }
    out = {}
    for name, text in made.items():
        out[name] = ARTIFACTS / f"{name}.html"
        out[name].write_text(text, encoding="utf-8")
    return out


def figure(**values: Any) -> None:
    """Record a measured figure in tests/artifacts/track-figures.json (for the docs and reports)."""
    known = json.loads(FIGURES.read_text(encoding="utf-8")) if FIGURES.exists() else {}
    FIGURES.write_text(json.dumps({**known, **values}, ensure_ascii=False, indent=1), encoding="utf-8")


def open_page(browser: Browser, path: Path, width: int = 1440, height: int = 1000, **context: Any) -> Page:
    ctx = browser.new_context(viewport={"width": width, "height": height}, **context)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(WATCH)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.__dict__["rd_errors"] = errors
    return page


def shot(page: Page, name: str, update: bool, *, element: str = "") -> None:
    path = ARTIFACTS / f"{name}.png"
    if element:
        page.locator(element).screenshot(path=str(path))
    else:
        page.screenshot(path=str(path))
    if update:
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_IMG / f"{name}.png")


def shown_rows(page: Page, root: str = ".rd-tl") -> list[dict[str, str]]:
    return list(
        page.eval_on_selector_all(
            f"{root} .rd-tl-main tr.rd-row",
            """rows => rows
        .filter(r => !r.hidden).map(r => ({id: r.id, verdicts: r.dataset.verdicts, rate: r.dataset.kRate,
        text: r.textContent}))""",
        )
    )


ACTIVE = (
    "(() => { const a = document.activeElement, r = a.getBoundingClientRect(); "
    "return [a.textContent, a.getAttribute('href'), r.left, r.top]; })()"
)


# --- tests -----------------------------------------------------------------------------------------


def test_page_loads_links_and_filters(
    chromium: Chromium, pages: dict[str, Path], hailaer: Timeline, update_golden: bool
) -> None:
    gdp = next(h for h in hailaer if (t := h.target(2012)) is not None and t.quantity_text == "21%")

    def check(browser: Browser) -> None:
        page = open_page(browser, pages["hailaer-timeline"])
        assert page.__dict__["rd_errors"] == [] and page.evaluate("window.__csp") == []
        assert page.is_visible(".rd-filters") and page.is_visible("select[data-rd-sort]")
        shot(page, "timeline", update_golden)
        # a result links to its sentence: the row's sources open and the sentence is marked
        more = page.locator(f"tr#{gdp.id} + tr.rd-tl-more")
        assert not more.is_visible()
        page.click(f"a[href='#{gdp.id}-2012-r']")
        assert more.is_visible()
        hit = page.locator(f"#{gdp.id}-2012-r")
        assert "rd-hit" in (hit.get_attribute("class") or "") and "18.5%" in hit.inner_text()
        shot(page, "timeline-sources", update_golden)
        # the verdict filter: only rows with a 'met' year stay
        for v in ("exceeded", "missed", "not_reported"):
            page.uncheck(f".rd-chips input[value={v}]")
        rows = shown_rows(page)
        assert 0 < len(rows) < len(hailaer) and all("met" in r["verdicts"].split() for r in rows)
        page.close()

    chromium.run(check)


@pytest.mark.parametrize("name", ["hailaer-timeline", "hailaer-timeline-en"])
def test_no_column_is_clipped_at_1440(chromium: Chromium, pages: dict[str, Path], name: str) -> None:
    def check(browser: Browser) -> None:
        page = open_page(browser, pages[name])
        assert page.evaluate(CUT_CELLS, [0, None]) == []
        assert page.locator("th.rd-c-rate").is_visible()
        assert page.locator("th.rd-tl-year").last.inner_text() == "2019"
        assert page.evaluate("document.documentElement.scrollWidth") <= 1440
        page.close()

    chromium.run(check)


@pytest.mark.parametrize(
    ("name", "width"), [("hailaer-timeline", 1440), ("hailaer-timeline", 390), ("hailaer-timeline-en", 1440)]
)
def test_every_text_has_contrast(chromium: Chromium, pages: dict[str, Path], name: str, width: int) -> None:
    def measure(browser: Browser) -> list[dict[str, Any]]:
        page = open_page(browser, pages[name], width=width, color_scheme="light")
        page.locator("details.rd-tl-src").first.locator("summary").click()  # the sentences' colours too
        page.uncheck(".rd-chips input[value=met]")  # an unticked chip too
        found = list(page.evaluate(CONTRAST, ".rd-tl"))
        page.close()
        return found

    found = chromium.run(measure)
    assert len(found) > 500  # the whole page was measured
    assert [f for f in found if f["image"]] == []  # no text over an image or gradient we cannot measure
    low = [f for f in found if f["ratio"] < 4.5]
    assert low == []
    figure(**{f"contrast_min_{name}_{width}": min(f["ratio"] for f in found)})


def test_headings_and_skip_links(chromium: Chromium, pages: dict[str, Path]) -> None:
    def check(browser: Browser) -> None:
        page = open_page(browser, pages["hailaer-timeline"])
        heads = page.eval_on_selector_all(
            "h1, h2, h3, h4, h5, h6", "hs => hs.map(h => [h.tagName, h.textContent.trim()])"
        )
        assert [h[0] for h in heads] == ["H1", "H2", "H3", "H3", "H3"]
        assert heads[0][1].startswith("海拉尔区 2012–2019") and heads[1][1].startswith("时间线")
        # every part of the page is a section led by its own heading
        parts = page.eval_on_selector_all(
            ".rd-tl section",
            """ss => ss.map(s =>
            document.getElementById(s.getAttribute('aria-labelledby')) === s.querySelector('h3'))""",
        )
        assert parts == [True, True, True]
        # the first Tab reaches the skip links, visibly; following one moves to its part
        page.keyboard.press("Tab")
        text, href, left, top = page.evaluate(ACTIVE)
        assert (text, href) == ("跳到概览", "#summary") and left >= 0 and top >= 0  # in sight when focused
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#table"
        heading = page.evaluate("document.querySelector(':target h3').textContent")
        assert heading.startswith("逐项")
        page.close()

    chromium.run(check)


def test_phone_sorts_with_the_menu(chromium: Chromium, pages: dict[str, Path], update_golden: bool) -> None:
    def check(browser: Browser) -> None:
        page = open_page(browser, pages["hailaer-timeline"], width=390, height=844, device_scale_factor=2)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.is_visible("select[data-rd-sort]") and not page.is_visible("th[data-sort=rate]")
        page.select_option("select[data-rd-sort]", "rate_asc")
        rates = [r["rate"] for r in shown_rows(page)]
        numbers = [float(x) for x in rates if x]
        assert len(numbers) > 10 and numbers == sorted(numbers)
        assert rates[len(numbers) :] == [""] * (len(rates) - len(numbers))  # rows without a rate last
        first = page.locator(".rd-tl-main tr.rd-row").first
        assert first.locator(".rd-tl-rate-j .rd-tl-lab").is_visible()  # labelled rates on a card
        page.eval_on_selector(".rd-tl-main", "el => el.scrollIntoView()")
        shot(page, "timeline-mobile", update_golden)
        page.close()

    chromium.run(check)


@pytest.mark.parametrize("name", ["hailaer-timeline", "hailaer-timeline-en"])
def test_filters_fit_360(chromium: Chromium, pages: dict[str, Path], name: str) -> None:
    def check(browser: Browser) -> None:
        page = open_page(browser, pages[name], width=360, height=740)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        outside = page.eval_on_selector_all(
            ".rd-filters *",
            """els => els.filter(e => {
            const r = e.getBoundingClientRect(); return r.width && (r.right > 360 || r.left < 0); })
            .map(e => e.tagName + ' ' + e.className)""",
        )
        assert outside == []
        page.close()

    chromium.run(check)


def test_header_buttons_sort(chromium: Chromium, pages: dict[str, Path]) -> None:
    def check(browser: Browser) -> None:
        page = open_page(browser, pages["hailaer-timeline"])
        header = page.locator("th[data-sort=rate]")
        header.locator("button").click()
        assert header.get_attribute("aria-sort") == "ascending"
        assert page.eval_on_selector("select[data-rd-sort]", "s => s.value") == "rate_asc"
        header.locator("button").click()
        assert header.get_attribute("aria-sort") == "descending"
        numbers = [float(r["rate"]) for r in shown_rows(page) if r["rate"]]
        assert numbers == sorted(numbers, reverse=True)
        page.close()

    chromium.run(check)


@pytest.mark.parametrize(
    ("name", "words"),
    [("hailaer-timeline", "GDP"), ("hailaer-timeline-en", "GDP"), ("hailaer-timeline-en", "生产总值")],
)
def test_search_finds_the_english_gloss(
    chromium: Chromium, pages: dict[str, Path], name: str, words: str
) -> None:
    def check(browser: Browser) -> None:
        page = open_page(browser, pages[name])
        page.fill("[data-rd-filter=q]", words)
        rows = shown_rows(page)
        assert rows and len(rows) < 20
        assert any("生产总值" in r["text"] for r in rows)
        if name.endswith("-en"):
            assert page.locator(".rd-tl-main .rd-ind[lang=en]", has_text="GDP growth").first.is_visible()
        page.close()

    chromium.run(check)


def test_print_landscape_under_5_mb_with_no_column_cut(
    chromium: Chromium, pages: dict[str, Path], hailaer: Timeline
) -> None:
    import pypdfium2 as pdfium

    def check(browser: Browser) -> bytes:
        page = open_page(browser, pages["hailaer-timeline"])
        pdf = page.pdf(landscape=True, print_background=True)
        page.emulate_media(media="print")
        empty = "getComputedStyle(document.querySelector('.rd-tl-empty')).backgroundImage"
        assert page.evaluate(empty) == "none"  # no hatching
        assert not page.is_visible(".rd-filters") and not page.is_visible("tr.rd-tl-more")
        for width in (980, 1047):  # the printable width of Letter and A4 landscape, 10 mm margins
            page.set_viewport_size({"width": width, "height": 700})
            assert page.evaluate(CUT_CELLS, [width, None]) == [], width
        page.close()
        return pdf

    pdf = chromium.run(check)
    (ARTIFACTS / "hailaer-timeline.pdf").write_bytes(pdf)
    assert len(pdf) < 5_000_000
    doc = pdfium.PdfDocument(pdf)
    text = ""
    for i in range(len(doc)):
        p = doc[i]
        width, _ = p.get_size()
        tp = p.get_textpage()
        rights = [tp.get_charbox(k)[2] for k in range(tp.count_chars())]
        assert max(rights) <= width, f"page {i + 1}: text beyond the page"
        text += re.sub(r"\s+", "", tp.get_text_range())  # pdfium may split a page's text char by char
    # the last column printed for every history: its rate, n judged / n counted
    for h in hailaer:
        good = sum(1 for v in h.verdicts().values() if v.value in ("met", "exceeded"))
        judged = sum(1 for v in h.verdicts().values() if v.value in ("met", "exceeded", "missed"))
        if judged:
            assert f"{round(100 * good / judged)}%{good}/{judged}" in text, h.id
    assert re.search(r"完成率", text)
    figure(pdf_bytes=len(pdf), pdf_pages=len(doc))


def test_two_timelines_in_one_notebook(
    chromium: Chromium, pages: dict[str, Path], update_golden: bool
) -> None:
    def check(browser: Browser) -> None:
        page = open_page(browser, pages["timeline-notebook"], width=1280)
        assert page.__dict__["rd_errors"] == []
        ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
        assert ids and len(ids) == len(set(ids))
        roots = page.locator(".rd-tl.rd-tl-fragment")
        assert roots.count() == 2
        second_before = roots.nth(1).locator(".rd-tl-main tr.rd-row:not([hidden])").count()
        roots.nth(0).locator(".rd-chips input[value=met]").uncheck()
        assert roots.nth(1).locator(".rd-tl-main tr.rd-row:not([hidden])").count() == second_before
        # a skip link of the second timeline goes to the second timeline's part
        href = roots.nth(1).locator(".rd-skip a").first.get_attribute("href")
        assert href and roots.nth(1).locator(href).count() == 1
        card = page.locator(".rd-tl.rd-tl-card")
        assert not card.locator(".rd-tl-sentences").is_visible()  # a small card: sentences on demand
        shot(page, "timeline-history", update_golden, element=".rd-tl.rd-tl-card")
        card.locator("summary").click()
        assert card.locator(".rd-tl-sentences li").count() > 2
        assert card.locator(".rd-tl-sentences li").first.is_visible()
        page.close()

    chromium.run(check)
