"""Both units of work implement the whole ``UnitOfWork`` protocol.

The services are written against ``lmcdesk.services.unit_of_work``; the
database (``SqlAlchemyUnitOfWork``) and the in-memory fake the service tests
use must each have every repository and every method it names, with
parameters a caller of the protocol can use, so that neither can drift.
What the methods *do* alike is tested in
``tests/integration/test_storage_contract.py``.
"""

from __future__ import annotations

import inspect
import sys
import typing

import pytest
from fakes import FakeUnitOfWork

from lmcdesk.services import unit_of_work
from lmcdesk.services.unit_of_work import UnitOfWork
from lmcdesk.storage.uow import SqlAlchemyUnitOfWork

IMPLEMENTATIONS = [SqlAlchemyUnitOfWork, FakeUnitOfWork]
REPOSITORIES = ("meetings", "directory", "papers", "search", "audit", "seals", "exchange", "approved", "meta")


def _members(protocol: type) -> list[str]:
    """The methods a protocol names (its own, not ``Protocol``'s machinery)."""
    return sorted(
        name for name, value in vars(protocol).items()
        if callable(value) and (not name.startswith("_") or name in ("__enter__", "__exit__"))
    )


def _attributes(cls: type) -> dict[str, type]:
    """Class-level annotations resolved in the class's own module (they are strings)."""
    module = vars(sys.modules[cls.__module__])
    return {name: eval(hint, module) if isinstance(hint, str) else hint  # noqa: S307 - our own annotations
            for name, hint in inspect.get_annotations(cls).items()}


def _incompatibilities(expected: typing.Callable, actual: typing.Callable) -> list[str]:
    """Ways a call written against ``expected`` could fail on ``actual``."""
    want = [p for p in inspect.signature(expected).parameters.values() if p.name != "self"]
    have = [p for p in inspect.signature(actual).parameters.values() if p.name != "self"]
    have_by_name = {p.name: p for p in have}
    problems: list[str] = []
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    have_positional = [p.name for p in have if p.kind in positional]
    for n, p in enumerate(want):
        q = have_by_name.get(p.name)
        if q is None:
            problems.append(f"no parameter {p.name!r}")
            continue
        if p.kind in positional and (n >= len(have_positional) or have_positional[n] != p.name):
            problems.append(f"{p.name!r} is not positional parameter {n + 1}")
        if p.kind == inspect.Parameter.KEYWORD_ONLY and q.kind not in (
            inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD
        ):
            problems.append(f"{p.name!r} cannot be passed by keyword")
        if p.default is not inspect.Parameter.empty and q.default != p.default:
            problems.append(f"{p.name!r} defaults to {q.default!r}, not {p.default!r}")
    wanted = {p.name for p in want}
    for q in have:
        if q.name not in wanted and q.default is inspect.Parameter.empty and q.kind not in (
            inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD
        ):
            problems.append(f"extra required parameter {q.name!r}")
    return problems


def test_the_protocol_names_every_repository():
    assert tuple(_attributes(UnitOfWork)) == REPOSITORIES
    for name, protocol in _attributes(UnitOfWork).items():
        assert protocol.__module__ == unit_of_work.__name__, name
        assert _members(protocol), f"{name}: a repository protocol without methods"


@pytest.mark.parametrize("impl", IMPLEMENTATIONS, ids=lambda c: c.__name__)
def test_unit_of_work_has_every_method(impl):
    for name in _members(UnitOfWork):
        assert callable(getattr(impl, name, None)), f"{impl.__name__} has no {name}()"
        assert _incompatibilities(getattr(UnitOfWork, name), getattr(impl, name)) == [], name


@pytest.mark.parametrize("impl", IMPLEMENTATIONS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("repository", REPOSITORIES)
def test_repository_has_every_method(impl, repository):
    protocol = _attributes(UnitOfWork)[repository]
    cls = _attributes(impl).get(repository)
    assert cls is not None, f"{impl.__name__} does not declare its {repository} repository"
    problems = {}
    for name in _members(protocol):
        method = getattr(cls, name, None)
        if not callable(method):
            problems[name] = ["missing"]
        elif found := _incompatibilities(getattr(protocol, name), method):
            problems[name] = found
    assert problems == {}, f"{cls.__name__} does not fit {protocol.__name__}"


def test_the_fake_is_what_it_declares():
    """The class annotations the test above reads are the objects the fake really has."""
    uow = FakeUnitOfWork()
    for name, cls in _attributes(FakeUnitOfWork).items():
        assert type(getattr(uow, name)) is cls, name


def test_the_checker_sees_a_drift():
    """A method missing, a parameter renamed, moved or made required, a default changed."""

    class Proto(typing.Protocol):
        def get(self, meeting_id: str, allow: bool = False) -> None: ...

    def renamed(self, mid, allow=False): ...
    def moved(self, allow=False, meeting_id=""): ...
    def required(self, meeting_id, allow=False, extra=None, more=1, *, must): ...
    def default(self, meeting_id, allow=True): ...
    def fine(self, meeting_id, allow=False, extra=None, *args, **kw): ...

    assert _incompatibilities(Proto.get, renamed) == ["no parameter 'meeting_id'", "extra required parameter 'mid'"]
    assert _incompatibilities(Proto.get, moved) == [
        "'meeting_id' is not positional parameter 1", "'allow' is not positional parameter 2"]
    assert _incompatibilities(Proto.get, required) == ["extra required parameter 'must'"]
    assert _incompatibilities(Proto.get, default) == ["'allow' defaults to True, not False"]
    assert _incompatibilities(Proto.get, fine) == []


def _uow_uses(path) -> list[tuple[int, tuple[str, ...]]]:
    """``uow.x`` and ``uow.x.y`` in a module, and ``getattr``/``hasattr`` asked of ``uow`` itself."""
    import ast

    uses = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute):
            chain, inner = [node.attr], node.value
            while isinstance(inner, ast.Attribute):
                chain.insert(0, inner.attr)
                inner = inner.value
            if isinstance(inner, ast.Name) and inner.id == "uow":
                uses.append((node.lineno, tuple(chain[:2])))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "hasattr") and node.args
              and isinstance(node.args[0], ast.Name) and node.args[0].id == "uow"):
            uses.append((node.lineno, (f"{node.func.id}(uow, ...)",)))
    return uses


def test_services_use_only_what_the_protocol_names():
    """No service reaches past the protocol (``uow.session``) or asks what it was given."""
    from pathlib import Path

    services = Path(unit_of_work.__file__).parent
    repositories = _attributes(UnitOfWork)
    allowed = set(_members(UnitOfWork)) | set(repositories)
    outside = []
    for path in sorted(services.glob("*.py")):
        for line, chain in _uow_uses(path):
            ok = chain[0] in allowed and (
                len(chain) == 1 or chain[0] not in repositories or chain[1] in _members(repositories[chain[0]])
            )
            if not ok:
                outside.append(f"{path.name}:{line} uow.{'.'.join(chain)}")
    assert outside == []
