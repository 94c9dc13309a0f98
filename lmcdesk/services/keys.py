"""The bodies' signing keys and certificates, for the shells.

The keys live outside the database, in the record's key store
(``lmcdesk.bootstrap.Record.keystore``: one passphrase-protected key per body,
its self-signed certificate, the note of its last approval).  These functions
give the app and the command line what they need of it without importing
``lmcdesk.signing``: which body a BODY argument names, the certificate to give
practices, a key to carry to a second PC that approves, and the check of a
published PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from lmcdesk.errors import InvalidInput, NotFound

if TYPE_CHECKING:  # pragma: no cover
    from lmcdesk.domain.model import Body
    from lmcdesk.signing import Certificate, KeyStore, PdfCheck

    from .unit_of_work import UnitOfWork


def find_body(uow: UnitOfWork, text: str) -> Body:
    """The body a BODY argument names: its id, its name, or a word of its
    name that no other body has (case does not matter)."""
    wanted = " ".join((text or "").split()).casefold()
    with uow:
        bodies = list(uow.directory.load().bodies.values())
    if not wanted:
        raise InvalidInput("Say which body: its id or its name.")
    for test in (lambda b: b.id.casefold() == wanted, lambda b: b.name.casefold() == wanted,
                 lambda b: wanted in b.name.casefold()):
        found = [b for b in bodies if test(b)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = "; ".join(sorted(b.name for b in found)[:5])
            raise InvalidInput(f"{text!r} matches more than one body ({names}). Give its id or its full name.")
    meeting = sorted(b.name for b in bodies if b.type.value in ("lmc", "locality", "commissioner", "federation"))
    listed = "; ".join(meeting[:8]) + ("; ..." if len(meeting) > 8 else "")
    raise NotFound(f"No body in the record is called {text!r}." + (f" Bodies that meet: {listed}." if listed else ""))


def load_certificates(files: Sequence[str | Path]) -> list[Certificate]:
    """The certificates in these .pem files (``--cert``)."""
    from lmcdesk import signing

    out: list[Certificate] = []
    for f in files:
        out += signing.load_certificates(Path(f))
    return out


def export_certificate(keys: KeyStore, body: Body, out: str | Path) -> Path:
    """Write the body's certificate (to check its signed minutes on any PC)."""
    cert = keys.certificate(body.id)
    out = Path(out)
    out.write_bytes(cert.pem)
    return out


def export_key(keys: KeyStore, body: Body, out: str | Path) -> Path:
    """Copy the body's key (still locked by its passphrase) and certificate to one file."""
    return keys.export_key(body.id, Path(out))


def import_key(keys: KeyStore, body: Body, source: str | Path, passphrase: str) -> Certificate:
    """Take a key exported on another PC; its passphrase must open it.  A
    different key this PC already has for the body is kept as an earlier
    certificate, so the minutes it signed still check."""
    from lmcdesk import signing

    incoming = signing.load_certificates(Path(source))[0]
    current = keys.certificates(body.id)[:1]
    if current and current[0].fingerprint != incoming.fingerprint:
        name = signing._safe_name(body.id)
        n = len(list(keys.folder.glob(f"{name}.cert-*.pem"))) + 1
        keys.import_key(body.id, Path(source), passphrase)  # WrongPassphrase before anything moves
        (keys.folder / f"{name}.cert-{n}.pem").write_bytes(current[0].pem)
        return incoming
    return keys.import_key(body.id, Path(source), passphrase)


@dataclass(frozen=True)
class PdfVerdict:
    """What checking a published PDF found: ``ok``, and in words who signed and what is wrong."""

    ok: bool
    signer: str
    signed_at: str
    problem: str
    certificates: int  # how many certificates it was checked against


def check_pdf(data: bytes, keys: KeyStore | None, bodies: Sequence[str] = (),
              certificates: Sequence[Certificate] = ()) -> PdfVerdict:
    """Check a PDF's approval signature against the certificates given, or
    (none given) those of ``bodies`` in the key store (every body's when none
    is named)."""
    from lmcdesk import signing

    certs = list(certificates)
    if not certs and keys is not None:
        ids = list(bodies) or sorted({p.name.split(".cert")[0] for p in keys.folder.glob("*.cert*.pem")})
        for body_id in ids:
            certs += keys.certificates(body_id)
    if not certs:
        raise NotFound("There is no certificate to check the PDF against on this computer: give the body's "
                       "certificate with --cert FILE (`lmcdesk export-cert` writes it on the PC that approves).")
    check: PdfCheck = signing.check_pdf(data, certs)
    when = check.signed_at.strftime("%d %B %Y %H:%M") if check.signed_at else ""
    return PdfVerdict(check.ok, check.signer, when, check.problem, len(certs))
