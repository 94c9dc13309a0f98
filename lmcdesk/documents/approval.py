"""What approved minutes say about their own approval, as plain values.

The approval service (``lmcdesk.services.approval``) fills :class:`ApprovalFacts`
from the approved version; the minutes builder (``lmcdesk.export.minutes_document``)
prints them: the "Approved as a true record …" statement under the heading, the
"Signed as a true record" box at the end, the footer of every page and, once
known, the fingerprint.  Nothing here reads the record.

The fingerprint is printed on every page, so it cannot be of the document that
prints it: it is ``canonical.fingerprint`` of the document built with
``fingerprint == ""``, and the document is then built again with it filled in
(only the page furniture changes).  ``verify`` repeats exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple


class PriorVersion(NamedTuple):
    """An earlier approved version, as the minutes of a correction list it."""

    number: int
    approved_on: date
    signed_by: str
    fingerprint: str


@dataclass(frozen=True)
class ApprovalFacts:
    version: int
    approved_on: date
    signed_by: str  # the chair's name as at approval
    #: in words, e.g. "the meeting of North Loamshire Locality on 3 November 2026"; "" by circulation
    approving_meeting: str = ""
    by_circulation: bool = False
    amendment: str = ""  # agreed at approval: "with the following amendment: …"
    change_note: str = ""  # a correction: what changed since the previous version (full version only)
    fingerprint: str = ""  # "" while building the document that is fingerprinted
    history: tuple[PriorVersion, ...] = ()  # earlier versions, oldest first
