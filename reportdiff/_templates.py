"""The Jinja2 environment shared by every HTML output (pages and notebook fragments).

Templates live in the top-level ``templates/`` folder of the source tree,
installed as the ``reportdiff.templates`` package. They render from the plain
``to_dict()`` forms of the results, so any stage can display itself without
importing a later one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    from importlib.resources import files

    folder = files("reportdiff.templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render_fragment(diff: dict[str, Any], *, lang: str = "zh") -> str:
    """The compare summary as an HTML fragment with scoped styles (notebook display)."""
    return environment().get_template("fragment.html.j2").render(diff=diff, lang=lang, full=False)


def render_commitments(rows: list[dict[str, Any]], *, lang: str = "zh") -> str:
    """A list of commitments (their ``to_dict()`` forms) as an HTML table fragment."""
    return environment().get_template("commitments.html.j2").render(commitments=rows, lang=lang, full=False)


def render_report(report: dict[str, Any], *, lang: str = "zh") -> str:
    """A report's metadata and section tree (``Report.to_dict()``) as an HTML fragment."""
    return environment().get_template("report.html.j2").render(report=report, lang=lang, full=False)
