"""Signing approved minutes with a key the database does not hold.

Each record has one key store, a folder outside the database named by the
record's id; in it each body that approves minutes has

* ``<body>.key.pem``: its private key (RSA 3072), encrypted under the
  passphrase (PKCS #8, AES-256); never readable from the database alone;
* ``<body>.cert.pem``: its self-signed certificate naming the body, valid for
  30 years (minutes are kept for years and an offline PC has no time-stamping
  authority), which practices can be given to check published PDFs.

Approved PDFs carry a PAdES B-B signature (pyHanko) with that key; a standard
PDF reader that is told to trust the certificate shows the signature as valid
and the document as unmodified.  ``sign_bytes``/``verify_bytes`` sign the
canonical text of a frozen document the same way (a detached CMS signature),
so ``lmcdesk verify`` can check every approved version without a PDF reader.

A lost passphrase means a new key for future approvals; old approvals still
verify with the old certificate, which is kept (``<body>.cert-<n>.pem``).

Nothing here knows about Qt or the database: the services pass bytes in and
get bytes out.  pyHanko, asn1crypto and cryptography are imported when first
used, so the app starts without them.
"""

from __future__ import annotations

import datetime as _dt
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from lmcdesk.errors import InvalidInput, LmcDeskError, NotFound, WrongPassphrase

log = logging.getLogger(__name__)

#: How long a body's certificate is valid: minutes are kept for decades.
CERT_YEARS = 30
KEY_BITS = 3072
MIN_PASSPHRASE = 8


class SignatureInvalid(LmcDeskError):
    """A signature does not match the document or the certificate."""


def _safe_name(body_id: str) -> str:
    """A body id as a file name (ids are slugs or uuid hex, but never trust them)."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "_", body_id).strip("._")
    if not cleaned:
        raise InvalidInput("This body has no usable id for its signing key.")
    return cleaned[:120]


@dataclass(frozen=True)
class Certificate:
    """A body's certificate, as PEM text, with what it says in words."""

    pem: bytes
    subject: str
    not_before: _dt.datetime
    not_after: _dt.datetime
    fingerprint: str  # SHA-256 of the DER, hex

    @classmethod
    def from_pem(cls, pem: bytes) -> "Certificate":
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes

        try:
            cert = x509.load_pem_x509_certificate(pem)
        except ValueError:
            raise InvalidInput("This file is not a certificate (a .pem file exported from LMC Desk).") from None
        names = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        return cls(
            pem=pem,
            subject=names[0].value if names else cert.subject.rfc4514_string(),
            not_before=cert.not_valid_before_utc,
            not_after=cert.not_valid_after_utc,
            fingerprint=cert.fingerprint(hashes.SHA256()).hex(),
        )


def keystore_for(record_id: str) -> KeyStore:
    """The key store of the record with this id: ``<data folder>/keys/<record id>``,
    outside the database (``lmcdesk.bootstrap.Record.keystore``)."""
    from lmcdesk import paths

    return KeyStore(paths.data_dir() / "keys" / _safe_name(record_id))


def load_certificates(path: Path) -> list[Certificate]:
    """Every certificate in a .pem file (``lmcdesk export-cert`` writes one;
    a practice may keep several bodies' in one file)."""
    try:
        text = Path(path).read_bytes()
    except OSError as exc:
        raise NotFound(f"The certificate file {path} cannot be read ({exc.strerror or exc}).") from None
    certs, start = [], 0
    while True:
        block = _pem_block(text[start:], b"CERTIFICATE")
        if block is None:
            break
        certs.append(Certificate.from_pem(block))
        start += text[start:].find(b"-----END CERTIFICATE-----") + len(b"-----END CERTIFICATE-----")
    if not certs:
        raise InvalidInput(f"{Path(path).name} holds no certificate (a .pem file exported with "
                           "`lmcdesk export-cert`).")
    return certs


class KeyStore:
    """The signing keys of one record, in a folder outside the database."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    # ------------------------------------------------------------------ files
    def _key_path(self, body_id: str) -> Path:
        return self.folder / f"{_safe_name(body_id)}.key.pem"

    def _cert_path(self, body_id: str) -> Path:
        return self.folder / f"{_safe_name(body_id)}.cert.pem"

    def has_key(self, body_id: str) -> bool:
        return self._key_path(body_id).exists() and self._cert_path(body_id).exists()

    def certificate(self, body_id: str) -> Certificate:
        path = self._cert_path(body_id)
        if not path.exists():
            raise NotFound("This body has no signing certificate yet: it is made when its first minutes are approved.")
        return Certificate.from_pem(path.read_bytes())

    def certificates(self, body_id: str) -> list[Certificate]:
        """The current certificate first, then any earlier ones (kept after a new key)."""
        out = []
        if self._cert_path(body_id).exists():
            out.append(self.certificate(body_id))
        for old in sorted(self.folder.glob(f"{_safe_name(body_id)}.cert-*.pem")):
            out.append(Certificate.from_pem(old.read_bytes()))
        return out

    # ------------------------------------------------------------------ the note of the last approval
    def _note_path(self, body_id: str) -> Path:
        return self.folder / f"{_safe_name(body_id)}.last-approval.json"

    def write_note(self, body_id: str, text: str) -> None:
        """Keep a note of the body's last approval beside its key (outside the
        database), so that deleting the newest approval from the record shows."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._note_path(body_id)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)

    def read_note(self, body_id: str) -> str | None:
        path = self._note_path(body_id)
        return path.read_text(encoding="utf-8") if path.exists() else None

    def has_certificate(self, body_id: str) -> bool:
        """A certificate of the body is here (its key may be on another PC)."""
        return self._cert_path(body_id).exists() or any(self.folder.glob(f"{_safe_name(body_id)}.cert-*.pem"))

    # ------------------------------------------------------------------ keys
    def create_key(self, body_id: str, body_name: str, passphrase: str) -> Certificate:
        """A new key and self-signed certificate for the body.  An existing one
        is kept as an earlier certificate (its approvals still verify)."""
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        if len(passphrase or "") < MIN_PASSPHRASE:
            raise InvalidInput(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters for the signing key.",
                               field="passphrase")
        self.folder.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
        name = x509.Name([
            x509.NameAttribute(x509.NameOID.COMMON_NAME, (" ".join(body_name.split()) or body_id)[:64]),
            x509.NameAttribute(x509.NameOID.ORGANIZATION_NAME, "LMC Desk minutes signing"[:64]),
        ])
        now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - _dt.timedelta(days=1))
            .not_valid_after(now + _dt.timedelta(days=365 * CERT_YEARS + CERT_YEARS // 4))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=False,
                encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )
        cert_pem = cert.public_bytes(serialization.Encoding.PEM)
        key_pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
        )
        cert_path, key_path = self._cert_path(body_id), self._key_path(body_id)
        if cert_path.exists():  # keep the old certificate: earlier approvals verify with it
            n = len(list(self.folder.glob(f"{_safe_name(body_id)}.cert-*.pem"))) + 1
            cert_path.replace(self.folder / f"{_safe_name(body_id)}.cert-{n}.pem")
        _write_private(key_path, key_pem)
        cert_path.write_bytes(cert_pem)
        log.info("new signing key for body %s", body_id)
        return Certificate.from_pem(cert_pem)

    def signer(self, body_id: str, passphrase: str):
        """A pyHanko signer for the body's key (``WrongPassphrase`` if it does not open)."""
        from asn1crypto import keys as asn1_keys
        from asn1crypto import x509 as asn1_x509
        from cryptography.hazmat.primitives import serialization
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        if not self.has_key(body_id):
            raise NotFound("This body has no signing key on this computer.")
        try:
            key = serialization.load_pem_private_key(self._key_path(body_id).read_bytes(),
                                                     password=(passphrase or "").encode("utf-8"))
        except (ValueError, TypeError):
            raise WrongPassphrase("That passphrase does not open the signing key. Check it and try again.") from None
        der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
        cert = asn1_x509.Certificate.load(_pem_to_der(self._cert_path(body_id).read_bytes()))
        return _signer_class()(
            key,
            signing_cert=cert,
            signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
            cert_registry=SimpleCertificateStore.from_certs([cert]),
        )

    def export_key(self, body_id: str, out: Path) -> Path:
        """Copy the encrypted key and its certificate to one file (for a second PC that approves)."""
        if not self.has_key(body_id):
            raise NotFound("This body has no signing key on this computer.")
        out = Path(out)
        _write_private(out, self._key_path(body_id).read_bytes() + self._cert_path(body_id).read_bytes())
        return out

    def import_key(self, body_id: str, source: Path, passphrase: str) -> Certificate:
        """Take a key exported with ``export_key``; the passphrase must open it."""
        text = Path(source).read_bytes()
        key_pem = _pem_block(text, b"ENCRYPTED PRIVATE KEY")
        cert_pem = _pem_block(text, b"CERTIFICATE")
        if key_pem is None or cert_pem is None:
            raise InvalidInput("This file is not a signing key exported from LMC Desk.")
        from cryptography.hazmat.primitives import serialization

        try:
            serialization.load_pem_private_key(key_pem, password=(passphrase or "").encode("utf-8"))
        except (ValueError, TypeError):
            raise WrongPassphrase("That passphrase does not open the signing key in this file.") from None
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_private(self._key_path(body_id), key_pem)
        self._cert_path(body_id).write_bytes(cert_pem)
        return Certificate.from_pem(cert_pem)


_SIGNER_CLASS = None


def _signer_class():
    """pyHanko's ``SimpleSigner`` with the key loaded once: pyHanko loads it
    again for every signature (twice per PDF: once to size the signature),
    and loading a 3072-bit RSA key checks it, about 0.2 s each time."""
    global _SIGNER_CLASS
    if _SIGNER_CLASS is None:
        from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
        from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
        from pyhanko.sign import signers
        from pyhanko.sign.general import get_pyca_cryptography_hash

        class LoadedKeySigner(signers.SimpleSigner):
            def __init__(self, key, **kwargs) -> None:
                super().__init__(**kwargs)
                self._key = key

            def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
                mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
                if isinstance(self._key, RSAPrivateKey) and mechanism.signature_algo == "rsassa_pkcs1v15":
                    return self._key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
                return super().sign_raw(data, digest_algorithm)  # any other key: pyHanko's own way

        _SIGNER_CLASS = LoadedKeySigner
    return _SIGNER_CLASS


# --------------------------------------------------------------------------- PDF signatures


def sign_pdf(pdf: bytes, signer, *, reason: str, location: str = "", name: str = "") -> bytes:
    """The PDF with a PAdES B-B signature over the whole file."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name="ApprovedMinutes",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason[:200],
        location=location[:200] or None,
        name=name[:200] or None,
    )
    out = signers.sign_pdf(writer, meta, signer=signer)
    return out.getvalue()


@dataclass(frozen=True)
class PdfCheck:
    """What checking a PDF's signature found, in words."""

    signed: bool
    intact: bool  # the signed bytes are unchanged
    trusted: bool  # signed by the certificate given
    whole_file: bool  # nothing was added after signing
    signer: str = ""
    signed_at: _dt.datetime | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.trusted and self.whole_file


def check_pdf(pdf: bytes, certificates: list[Certificate]) -> PdfCheck:
    """Check the approval signature of a PDF against a body's certificate(s)."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        sigs = reader.embedded_signatures
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        return PdfCheck(False, False, False, False, problem=f"This file cannot be read as a PDF ({exc}).")
    if not sigs:
        return PdfCheck(False, False, False, False, problem="This PDF carries no signature.")
    roots = [asn1_x509.Certificate.load(_pem_to_der(c.pem)) for c in certificates]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    sig = sigs[-1]
    quiet = logging.getLogger("pyhanko")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # an untrusted signer is our finding, not a logged traceback
    try:
        status = validate_pdf_signature(sig, context)
    except Exception as exc:  # noqa: BLE001 - a malformed signature is a finding, not a crash
        return PdfCheck(True, False, False, False, problem=f"The signature could not be checked ({exc}).")
    finally:
        quiet.setLevel(level)
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    signer_name = ""
    try:
        signer_name = status.signing_cert.subject.native.get("common_name", "")
    except Exception:  # noqa: BLE001
        pass
    problem = ""
    if not status.intact:
        problem = "The PDF was changed after it was signed."
    elif not status.trusted:
        problem = "The PDF was not signed with this body's certificate."
    elif not whole:
        problem = "Something was added to the PDF after it was signed."
    return PdfCheck(True, bool(status.intact), bool(status.trusted), whole, signer_name,
                    status.signer_reported_dt, problem)


# --------------------------------------------------------------------------- detached signatures


def sign_bytes(data: bytes, signer) -> bytes:
    """A detached CMS signature (DER) over ``data``: for the frozen document
    and the chain heads, which ``verify`` checks without a PDF."""
    import asyncio

    async def _sign():
        return await signer.async_sign_general_data(io.BytesIO(data), "sha256", detached=True)

    return asyncio.run(_sign()).dump()


def verify_bytes(data: bytes, signature: bytes, certificates: list[Certificate]) -> str:
    """Check a detached signature from ``sign_bytes``; returns "" when it is
    good, else what is wrong in words."""
    import hashlib

    from asn1crypto import cms
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.validation.generic_cms import validate_sig_integrity

    if not signature:
        return "it carries no signature"
    try:
        content = cms.ContentInfo.load(signature)
        signed = content["content"]
        signer_info = signed["signer_infos"][0]
        embedded = [c.chosen for c in signed["certificates"]]
    except Exception:  # noqa: BLE001
        return "its signature is not readable"
    trusted = {_der_fingerprint(_pem_to_der(c.pem)) for c in certificates}
    cert = next((c for c in embedded if isinstance(c, asn1_x509.Certificate)), None)
    if cert is None or _der_fingerprint(cert.dump()) not in trusted:
        return "it was not signed with this body's certificate"
    try:
        intact, valid = validate_sig_integrity(signer_info, cert, expected_content_type="data",
                                               actual_digest=hashlib.sha256(data).digest())
    except Exception:  # noqa: BLE001
        return "its signature does not match"
    if not (intact and valid):
        return "its content was changed after it was signed"
    return ""


# --------------------------------------------------------------------------- helpers


def _der_fingerprint(der: bytes) -> str:
    import hashlib

    return hashlib.sha256(der).hexdigest()


def _pem_block(text: bytes, label: bytes) -> bytes | None:
    begin, end = b"-----BEGIN " + label + b"-----", b"-----END " + label + b"-----"
    start = text.find(begin)
    if start < 0:
        return None
    stop = text.find(end, start)
    if stop < 0:
        return None
    return text[start:stop + len(end)] + b"\n"


def _pem_to_der(pem: bytes) -> bytes:
    import base64

    lines = [ln for ln in pem.strip().splitlines() if ln and not ln.startswith(b"-----")]
    return base64.b64decode(b"".join(lines))


def _write_private(path: Path, data: bytes) -> None:
    """Write a key file readable by this user only (where the OS has modes)."""
    import os

    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
