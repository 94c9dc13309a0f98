"""Searching the minutes: item titles, minutes text and resolutions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .dto import SearchHit

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork


def search(uow: UnitOfWork, text: str, limit: int = 50) -> list[SearchHit]:
    """Items matching every word of ``text`` (each as a word prefix), best first."""
    if not text or not text.strip():
        return []
    with uow:
        return uow.search.query(text, limit=limit)
