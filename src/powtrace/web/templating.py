"""Jinja2 templates, one environment per language so each carries its own catalogue.

Autoescaping is on for every template: names and source texts are user data.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from powtrace.domain.dates import parse_optional
from powtrace.domain.errors import PowtraceError
from powtrace.lifecycle import status_label
from powtrace.web import i18n, labels, rule_texts
from powtrace.workflows.redact import WITHHELD

TEMPLATES = Path(__file__).with_name("templates")


@cache
def environment(lang: str) -> Environment:
    """The template environment for one language (built once, then shared by threads)."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    tr = i18n.translations(lang)
    env.install_gettext_translations(tr, newstyle=True)  # type: ignore[attr-defined]
    words = rule_texts.language(lang)

    def named(table: dict[Any, str], key: object) -> str:
        """A coded value in words; a code the table lacks is shown as it is stored."""
        return tr.gettext(table[key]) if key in table else str(key)

    env.globals.update(
        lang=lang,
        languages=i18n.LANGUAGES,
        partial=lambda d: i18n.format_partial(d, lang),
        partial_text=lambda t: _partial_text(t, lang),
        when=lambda t: i18n.format_when(t, lang) + (" UTC" if t else ""),
        status_name=lambda s: tr.gettext(labels.STATUS.get(s, status_label(s))),
        role_name=lambda r: tr.gettext(labels.ROLES.get(str(r), str(r))),
        side_name=lambda s: tr.gettext(labels.SIDES.get(str(s), str(s))),
        facet_name=lambda f: tr.gettext(labels.FACETS.get(f, f)),
        visibility_name=lambda v: tr.gettext(labels.VISIBILITY.get(str(v), str(v))),
        event_label=lambda t: named(labels.EVENT_TYPE, t),
        custody_name=lambda c: named(labels.CUSTODY, c),
        facet_value=lambda v: named(labels.FACET_VALUE, v),
        detail_name=lambda k: named(labels.DETAIL, k),
        detail_value=lambda v: (
            named(labels.DETAIL_VALUE, v)
            if isinstance(v, str)
            else (named(labels.YES_NO, str(v)) if isinstance(v, bool) else v)
        ),
        problem_name=lambda c: named(labels.PROBLEM, c),
        problem_text=words.problem_message,
        finding_text=lambda f: rule_texts.finding_details(f.details, f.rule_id, lang),
        finding_change=words.change,
        rule_title=lambda r: rule_texts.rule_title(r, lang),
        language_name=lambda code: i18n.language_name(code, lang),
        reliability_name=lambda g: tr.gettext(labels.RELIABILITY.get(g, g)) if g else "",
        credibility_name=lambda g: tr.gettext(labels.CREDIBILITY.get(g, str(g))),
        withheld=lambda v: v == WITHHELD,
        label=lambda group, key: tr.gettext(getattr(labels, group).get(str(key), str(key))),
        web_link=lambda url: url if str(url or "").startswith(("https://", "http://")) else None,
        svg=Markup,  # only for SVG that powtrace itself generated (charts.py escapes text)
    )
    return env


def _partial_text(text: str | None, lang: str) -> str:
    """A partial date kept as text (in findings' details) in the reader's words."""
    try:
        return i18n.format_partial(parse_optional(text), lang)
    except PowtraceError:
        return text or ""


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render a page in the reader's language with the shared context (user, CSRF token)."""
    ctx = request.state.ctx
    env = environment(ctx.lang)
    html = env.get_template(name).render(request=request, ctx=ctx, **context)
    return HTMLResponse(html, status_code=status_code)


def gettext(request: Request, message: str, **values: Any) -> str:
    """Translate one message for the reader (for text built in Python, e.g. form errors)."""
    text = i18n.translations(request.state.ctx.lang).gettext(message)
    return text % values if values else text
