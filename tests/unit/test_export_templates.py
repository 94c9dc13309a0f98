"""The wording lives in templates: strict, escaped, editable."""

from __future__ import annotations

import jinja2
import pytest

from lmcdesk.documents import Box, Section, html, plain
from lmcdesk.export import jinja
from lmcdesk.export.context import build_context
from sample_meeting import sample_meeting


def test_strict_undefined_names_the_missing_value():
    d, m = sample_meeting()
    ctx = build_context(m, d)
    del ctx["quorum"]
    with pytest.raises(jinja2.UndefinedError, match="quorum"):
        jinja.render("minutes/minutes.html.j2", **ctx)


def test_every_template_compiles():
    env = jinja.environment()
    names = env.list_templates(extensions=["j2"])
    assert {"minutes/minutes.html.j2", "agenda/agenda.html.j2", "registers/interests.html.j2"} <= set(names)
    for name in names:
        env.get_template(name)


def test_an_edited_template_changes_the_wording(tmp_path):
    import shutil

    from lmcdesk import paths

    root = tmp_path / "templates"
    shutil.copytree(paths.templates_dir(), root)
    item = root / "minutes" / "_item.html.j2"
    before = '<div class="box decision">\n<p><b>'
    assert before in item.read_text()
    item.write_text(item.read_text().replace(before, before + "Resolved, "))
    env = jinja.environment(str(root))
    d, m = sample_meeting()
    doc = html.parse(env.get_template("minutes/minutes.html.j2").render(**build_context(m, d)))
    decisions = [plain(b.blocks[0].runs) for b in doc.walk() if isinstance(b, Box) and b.kind == "decision"]
    assert decisions and all(t.startswith("Resolved, ") for t in decisions)


def test_an_edited_vocabulary_changes_the_words_in_the_minutes(tmp_path, monkeypatch):
    """A body changes an enum's words in resources/vocabulary.json; labels.j2 reads them from there."""
    import json
    import shutil

    from lmcdesk import paths, vocabulary

    resources = tmp_path / "resources"
    shutil.copytree(paths.resources_dir(), resources, ignore=shutil.ignore_patterns("fonts", "icons", "demo"))
    data = json.loads((resources / "vocabulary.json").read_text(encoding="utf-8"))
    data["BusinessKind"]["commissioning"]["document"] = "COMMISSIONING BUSINESS"
    (resources / "vocabulary.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(paths, "resources_dir", lambda: resources)
    vocabulary.reload()
    jinja.environment.cache_clear()
    try:
        d, m = sample_meeting()
        doc = html.parse(jinja.render("minutes/minutes.html.j2", **build_context(m, d)))
        labels = [b.label for b in doc.walk() if isinstance(b, Section)]
        assert "COMMISSIONING BUSINESS" in labels
    finally:
        monkeypatch.undo()
        vocabulary.reload()
        jinja.environment.cache_clear()
