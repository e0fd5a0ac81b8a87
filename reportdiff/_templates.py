"""The Jinja2 environment shared by every HTML output (pages and notebook fragments).

Templates live in the top-level ``templates/`` folder of the source tree,
installed as the ``reportdiff.templates`` package. They render from the plain
``to_dict()`` forms of the results, so any stage can display itself without
importing a later one.

:mod:`reportdiff.view` turns a compare dict (``ReportDiff.to_dict()``) into
what the compare templates show; it reads only the dict, never the pipeline.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from . import _format

_COUNTER = itertools.count(1)


def next_uid() -> str:
    """A prefix for the element ids of one rendered fragment, unique in this process (``rd3-``), so that
    two results displayed in one notebook never share an id."""
    return f"rd{next(_COUNTER)}-"


def _cache_folder() -> str | None:
    """A folder of this user's own for compiled templates (:func:`reportdiff._cache.folder`), one per
    version of reportdiff; None, and templates compile in memory, when there is none."""
    from ._cache import folder
    from ._version import __version__

    return folder(f"templates-{__version__}")


class _Environment(jinja2.Environment):
    """Jinja2's environment, reading a dict's key before its attributes. The view model is plain dicts,
    and Jinja's own order (the attribute first) raises and catches an AttributeError for every
    ``{{ row.field }}``: a quarter of a large page's rendering time. A key named like a dict method
    (``items``) now wins over the method, which no template calls on a view dict."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The shared environment; compiled templates are kept in :func:`_cache_folder` (Jinja checks each
    against its template's source, so an edited template compiles anew)."""
    from importlib.resources import files

    from ._format import format_change, format_quantity, json_for_script, section_label

    folder = files("reportdiff.templates")
    cache = _cache_folder()
    env = _Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        bytecode_cache=jinja2.FileSystemBytecodeCache(cache) if cache else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["quantity"] = format_quantity
    env.filters["format_quantity"] = format_quantity
    env.filters["change"] = format_change
    env.filters["format_change"] = format_change
    env.filters["json_script"] = lambda data: Markup(json_for_script(data))
    env.filters["section_label"] = section_label
    env.globals["labels"] = _labels
    return env


def _labels(lang: str) -> dict[str, str]:
    from ._format import labels

    return labels(lang)


@lru_cache(maxsize=8)
def stylesheet(full: bool, template: str = "_style.css.j2") -> str:
    """The CSS of the page (``full``) or of a fragment (scoped under its root class only), comments and
    blank lines removed; ``template`` names another page's stylesheet (the timeline's)."""
    css = environment().get_template(template).render(full=full)
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return "\n".join(line for line in css.splitlines() if line.strip()) + "\n"


@lru_cache(maxsize=4)
def script(template: str = "_script.js.j2") -> str:
    """A page's one inline script (static: its CSP hash never depends on the data)."""
    return environment().get_template(template).render().strip() + "\n"


def render_fragment(
    diff: dict[str, Any], *, lang: str = "zh", uid: str | None = None, aligned: bool = False
) -> str:
    """The compare result as an HTML fragment with scoped styles (notebook display): lean by default (the
    aligned text is shown by ``diff.aligned()``), every id prefixed with ``uid`` (a fresh one per call)."""
    from .view import page

    uid = uid if uid is not None else next_uid()
    return (
        environment()
        .get_template("fragment.html.j2")
        .render(
            diff=diff,
            v=page(diff, lang=lang, uid=uid, aligned=aligned),
            lang=lang,
            full=False,
            css=Markup(stylesheet(False)),
            js=Markup(script()),
        )
    )


def render_page(diff: dict[str, Any], *, lang: str = "zh") -> str:
    """The compare result as a whole self-contained page (the fragment inside, CSP by hash)."""
    from ._format import content_security_policy
    from .view import page

    css, js = stylesheet(True), script()
    return (
        environment()
        .get_template("page.html.j2")
        .render(
            diff=diff,
            v=page(diff, lang=lang),
            lang=lang,
            full=True,
            css=Markup(css),
            js=Markup(js),
            csp=content_security_policy(css, js),
        )
    )


def render_changes(
    commitments: list[dict[str, Any]],
    initiatives: list[dict[str, Any]],
    *,
    sides: tuple[dict[str, Any], dict[str, Any]] | None = None,
    mode: str | None = None,
    lang: str = "zh",
) -> str:
    """Changes (``Change.to_dict()``, ``InitiativeChange.to_dict()``) as the page's tables: the notebook
    display of one change or a list of them. ``sides`` (the diff's ``old`` and ``new``) and ``mode`` label
    the columns; without them the parts of the changes themselves do."""
    from .view import page

    def side(name: str) -> dict[str, Any]:
        return next(({"part": c[name].get("part")} for c in [*commitments, *initiatives] if c.get(name)), {})

    old, new = sides or (side("old"), side("new"))
    diff: dict[str, Any] = {"old": old, "new": new, "commitments": commitments, "initiatives": initiatives}
    if mode:
        diff["mode"] = mode
    v = page(diff, lang=lang, uid=next_uid(), aligned=False)
    return _render("changes.html.j2", v)


def render_aligned(diff: dict[str, Any], *, lang: str = "zh") -> str:
    """The aligned text of a compare result on its own (``ReportDiff.aligned()`` in a notebook): its
    quantities and initiative names are marked, without links to rows this display does not show."""
    from .view import page

    v = page(diff, lang=lang, uid=next_uid(), aligned=True, rows=False)
    return _render("aligned.html.j2", v)


def _render(template: str, v: dict[str, Any]) -> str:
    return (
        environment()
        .get_template(template)
        .render(v=v, full=False, css=Markup(stylesheet(False)), js=Markup(script()))
    )


def render_records(
    title: str,
    columns: list[str],
    rows: list[list[Any]],
    *,
    subtitle: str = "",
    notes: tuple[str, ...] | list[str] = (),
    more: str = "",
    lang: str = "zh",
) -> str:
    """Rows of a result as a small table fragment (the notebook display of a ``PanelResult``, of a
    history's verdicts …); every value escaped."""
    return (
        environment()
        .get_template("records.html.j2")
        .render(
            title=title,
            subtitle=subtitle,
            columns=columns,
            rows=rows,
            notes=list(notes),
            more=more,
            t=_labels(lang),
            css=Markup(stylesheet(False)),
        )
    )


def render_initiatives(rows: list[dict[str, Any]], *, lang: str = "zh") -> str:
    """Named initiatives (their ``to_dict()`` forms, with ``region``/``year`` when known) as a table."""
    t = _labels(lang)
    columns = [t["part"], t["section"], t["col_name"], t["col_kind"], t["col_stage"], t["clause"]]
    body = [
        [
            t.get(f"part_{r.get('part')}", r.get("part")),
            _format.section_label(r.get("section") or {}, lang),
            r.get("name"),
            t.get(f"kind_{r.get('kind')}", r.get("kind")),
            t.get(f"stage_{r.get('stage')}", "") if r.get("stage") else t["stage_none"],
            r.get("text"),
        ]
        for r in rows
    ]
    return render_records(t["initiatives"], columns, body, subtitle=t["total"].format(n=len(rows)), lang=lang)


def render_commitments(rows: list[dict[str, Any]], *, lang: str = "zh") -> str:
    """A list of commitments (their ``to_dict()`` forms) as an HTML table fragment."""
    return (
        environment()
        .get_template("commitments.html.j2")
        .render(
            commitments=rows,
            lang=lang,
            full=False,
            t=_labels(lang),
            css=Markup(stylesheet(False)),
            clause=_format.clause_parts,
        )
    )


def render_report(report: dict[str, Any], *, lang: str = "zh") -> str:
    """A report's metadata and section tree (``Report.to_dict()``) as an HTML fragment."""
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            report=report,
            lang=lang,
            full=False,
            t=_labels(lang),
            css=Markup(stylesheet(False)),
        )
    )
