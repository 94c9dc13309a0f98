"""The one Jinja2 environment for document wording (STYLE.md rule 6).

Templates live in ``templates/`` so that an LMC can change the wording of its
minutes without touching code.  They receive a plain context (dicts, lists,
strings) built by :mod:`lmcdesk.export.context`, never ORM objects, and
``StrictUndefined`` turns a misspelt name into an error instead of a silent
blank in a legal record.  Output is small, semantic HTML (the shape
:mod:`lmcdesk.documents.html` reads into the document model), so values are
HTML-escaped (autoescape): no text from the record can change the structure.
Words for stored enum values come from :mod:`lmcdesk.vocabulary` (the global
``vocab``), the same words the app's screens use;
``templates/minutes/labels.j2`` names them for the templates.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from lmcdesk import paths, vocabulary


def _join_names(names, last: str = " and ") -> str:
    names = [str(n) for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + last + names[-1]


@functools.lru_cache(maxsize=4)
def environment(root: str | None = None) -> jinja2.Environment:
    folder = Path(root) if root else paths.templates_dir()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=False,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["join_names"] = _join_names
    env.globals["vocab"] = vocabulary
    return env


def render(template: str, **context) -> str:
    """Render ``template`` (a path under ``templates/``) with ``context``; the
    result is stripped of surrounding whitespace."""
    return environment().get_template(template).render(**context).strip()
