"""docs/probity-rules.md documents exactly the rules in RULES, as the code states them."""

from __future__ import annotations

import re
from pathlib import Path

from lmcdesk.probity import RULES

DOC = Path(__file__).resolve().parents[2] / "docs" / "probity-rules.md"


def _sections() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    parts = re.split(r"^## (P-[A-Z0-9-]+)\s*$", text, flags=re.M)
    return {parts[n]: parts[n + 1] for n in range(1, len(parts), 2)}


def test_every_rule_is_documented_and_nothing_else():
    documented = list(_sections())
    assert sorted(documented) == sorted(r.id for r in RULES)
    assert len(documented) == len(set(documented)), "a rule is documented twice"


def test_each_section_states_the_rule_as_the_code_does():
    sections = _sections()
    for r in RULES:
        body = sections[r.id]
        assert f"severity: **{r.severity.value}**" in body, r.id
        assert r.statement in body, r.id
        assert r.source in body, r.id
        assert "How to fix:" in body and "Names:" in body, r.id
