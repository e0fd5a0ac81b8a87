"""Words that rose and fell: the Fightin' Words ranking on made-up and real report sentences."""

from __future__ import annotations

import itertools

import pytest

from reportdiff.structure import load
from reportdiff.terms import log_odds_z, stop_words, term_shifts

from .helpers import corpus, needs_corpora

OLD = ["推动高质量发展，扩大内需。", "坚持稳中求进，扩大内需。", "实施“两新”政策。"] * 10
NEW = ["因地制宜发展新质生产力。", "深入实施“人工智能+”行动，发展新质生产力。", "实施“两新”政策。"] * 10


def test_directions_counts_and_links() -> None:
    shifts = {s.term: s for s in term_shifts(OLD, NEW, limit=50)}
    rose, fell = shifts["生产力"], shifts["扩大内需"]
    assert (rose.direction, rose.old_count, rose.new_count, rose.is_new) == ("rose", 0, 20, True)
    assert (fell.direction, fell.new_count, fell.is_new) == ("fell", 0, False)
    assert rose.z > 0 > fell.z
    assert all("生产力" in NEW[i] for i in rose.new_sentences) and len(rose.new_sentences) == 20
    assert all("扩大内需" in OLD[i] for i in fell.old_sentences)


def test_quoted_phrases_are_one_term_and_unchanged_use_does_not_rank() -> None:
    shifts = {(s.term, s.quoted): s for s in term_shifts(OLD, NEW, limit=50)}
    assert ("人工智能+", True) in shifts and shifts[("人工智能+", True)].is_new
    assert ("两新", True) not in shifts or abs(shifts[("两新", True)].z) < 0.5


def test_stop_words_single_characters_and_numbers_are_left_out() -> None:
    terms = {s.term for s in term_shifts(OLD * 2, NEW, limit=100)}
    assert not terms & stop_words()
    assert all(len(t) >= 2 and not t.isdigit() for t in terms)


def test_swapping_sides_negates_z_and_the_order_is_deterministic() -> None:
    a, b = term_shifts(OLD, NEW), term_shifts(NEW, OLD)
    assert [(s.term, round(s.z, 9)) for s in a] == [(s.term, round(-s.z, 9)) for s in b]
    assert term_shifts(OLD, NEW) == a
    assert len(term_shifts(OLD, NEW, limit=3)) == 3


def test_rare_words_do_not_dominate() -> None:
    """A word seen 3 times against none ranks below one whose use moved from 40 to 120 (the point of
    the informative prior)."""
    n = 10_000
    assert log_odds_z(0, 3, n, n, 1000 * 3 / (2 * n)) < log_odds_z(40, 120, n, n, 1000 * 160 / (2 * n))


def test_empty_sides_give_nothing() -> None:
    assert term_shifts([], NEW) == () == term_shifts(OLD, [])


@needs_corpora
def test_real_reports_name_new_formulations() -> None:
    old = load(corpus("national-2022.txt")).sentences
    new = load(corpus("national-2024.txt")).sentences
    shifts = term_shifts(old, new, limit=30)
    assert len(shifts) == 30
    fell = {s.term for s in shifts if s.direction == "fell"}
    assert "疫情" in fell  # the pandemic language of 2022 is gone by 2024
    assert all(abs(x.z) >= abs(y.z) for x, y in itertools.pairwise(shifts))


@pytest.mark.parametrize("alpha0", [10.0, 1000.0, 100_000.0])
def test_any_prior_keeps_signs(alpha0: float) -> None:
    for s in term_shifts(OLD, NEW, alpha0=alpha0, limit=50, background=False):
        if s.old_count == 0 or s.new_count == 0:
            assert (s.z > 0) == (s.old_count == 0)


@needs_corpora
def test_the_background_prior_discounts_words_every_report_uses() -> None:
    """工程 and 行动 are used in every corpus report: their shifts between two reports lead the pooled
    ranking but not the background one, where terms rare in reports in general (孤独症) rise."""
    old = load(corpus("guangdong-2025.txt")).sentences_in("plan")
    new = load(corpus("guangdong-2026.txt")).sentences_in("plan")
    pooled = [s.term for s in term_shifts(old, new, limit=10, background=False)]
    informed = [s.term for s in term_shifts(old, new, limit=10)]
    assert {"行动", "工程"} <= set(pooled[:3])
    assert not {"行动", "工程"} & set(informed) and "孤独症" in informed


def test_the_segmenter_is_built_without_the_package_global_and_can_be_freed() -> None:
    """rjieba's ``__init__`` builds a global dictionary nothing could free (33 MB): terms build their own
    from the extension module, and ``release_segmenter`` lets the CLI free it before rendering."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from reportdiff import terms\n"
        "old, new = ['推动高质量发展，扩大内需。'] * 3, ['发展新质生产力。'] * 3\n"
        "first = terms.term_shifts(old, new, background=False)\n"
        "assert 'rjieba' not in sys.modules, 'the package global was built'\n"
        "terms.release_segmenter()\n"
        "assert terms._segmenter.cache_info().currsize == 0\n"
        "again = terms.term_shifts(old, new, background=False)\n"
        "assert first == again and {s.term for s in first} >= {'扩大内需', '生产力'}, first\n"
        "import rjieba\n"  # a later import of the package still works and shares the class
        "assert rjieba.cut('新质生产力') == ['新质', '生产力']\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@needs_corpora
def test_terms_counted_in_a_forked_process_are_the_same_and_stay_out_of_this_one() -> None:
    """``compare(workers=2)`` counts the terms in a child: the same terms, and this process never builds
    the segmenter's dictionary (33 MB); a filtered copy keeps them."""
    from reportdiff import _fork, terms
    from reportdiff.classify import compare

    old, new = load(corpus("guangdong-2025.txt")), load(corpus("guangdong-2026.txt"))
    alone = compare(old, new, old_part="plan", new_part="plan")
    counted = alone.terms()
    terms.release_segmenter()
    shared = compare(old, new, old_part="plan", new_part="plan", workers=2)
    assert shared.terms() == counted and len(counted) == 30
    assert shared.filtered("new").terms() == counted
    if _fork.can_fork():
        assert terms._segmenter.cache_info().currsize == 0  # counted elsewhere
    assert shared.to_dict() == alone.to_dict()
