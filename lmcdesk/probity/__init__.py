"""The probity engine: pure rules that judge a meeting's record.

``run(meeting, directory, today=None) -> list[Finding]`` applies every rule in
``RULES``; findings of ``Severity.ERROR`` block approval of the minutes
(``errors(findings)``).  ``likely_conflicts(meeting, directory)`` lists, before
a meeting, who may be conflicted on which item.  Every rule is documented in
``docs/probity-rules.md`` (a test keeps the two in step).

No Qt, no SQLAlchemy here (``tests/unit/test_layering.py``).
"""

from .base import Context, Finding, Hit, Rule
from .engine import RULES, LikelyConflict, errors, likely_conflicts, rule, run
from .touches import Organisations

__all__ = [
    "RULES",
    "Context",
    "Finding",
    "Hit",
    "LikelyConflict",
    "Organisations",
    "Rule",
    "errors",
    "likely_conflicts",
    "rule",
    "run",
]
