"""The body's signing key, PAdES signatures on approved PDFs and detached
signatures over frozen documents (lmcdesk.signing), checked with pyHanko and,
where installed, poppler's pdfsig told to trust the body's certificate."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from lmcdesk import signing
from lmcdesk.errors import InvalidInput, NotFound

PASS = "correct horse battery"


def _pdf(text: str = "Minutes of the fictional meeting") -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    ks = signing.KeyStore(tmp_path_factory.mktemp("keys"))
    ks.create_key("body-nl", "North Loamshire Locality (fictional)", PASS)
    return ks


@pytest.fixture(scope="module")
def signed(store):
    return signing.sign_pdf(_pdf(), store.signer("body-nl", PASS), reason="Approved as a true record")


def test_signed_pdf_is_valid_intact_and_covers_the_whole_file(store, signed):
    check = signing.check_pdf(signed, store.certificates("body-nl"))
    assert check.ok, check.problem
    assert check.signer == "North Loamshire Locality (fictional)"
    assert check.signed_at is not None


def test_a_changed_byte_is_reported(store, signed):
    bad = bytearray(signed)
    at = bad.find(b"Minutes")
    bad[at] = ord("X")
    check = signing.check_pdf(bytes(bad), store.certificates("body-nl"))
    assert not check.ok and not check.intact
    assert "changed after it was signed" in check.problem


def test_another_bodys_certificate_does_not_verify(tmp_path, signed):
    other = signing.KeyStore(tmp_path).create_key("b2", "Other Body (fictional)", PASS)
    check = signing.check_pdf(signed, [other])
    assert not check.ok and not check.trusted
    assert "not signed with this body's certificate" in check.problem


def test_something_appended_after_signing_is_reported(store, signed):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(signed))
    w.root["/Lang"] = __import__("pyhanko.pdf_utils.generic", fromlist=["x"]).TextStringObject("en-GB")
    w.update_root()
    out = io.BytesIO()
    w.write(out)
    check = signing.check_pdf(out.getvalue(), store.certificates("body-nl"))
    assert not check.ok


def test_unsigned_and_unreadable_files(store):
    assert signing.check_pdf(_pdf(), store.certificates("body-nl")).problem == "This PDF carries no signature."
    assert "cannot be read as a PDF" in signing.check_pdf(b"not a pdf", store.certificates("body-nl")).problem


def test_wrong_passphrase_short_passphrase_and_no_key(store, tmp_path):
    with pytest.raises(signing.WrongPassphrase):
        store.signer("body-nl", "not the passphrase")
    with pytest.raises(InvalidInput):
        signing.KeyStore(tmp_path).create_key("b", "B", "short")
    with pytest.raises(NotFound):
        store.signer("no-such-body", PASS)


def test_the_key_file_is_encrypted(store):
    text = (store.folder / "body-nl.key.pem").read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in text
    assert b"BEGIN PRIVATE KEY" not in text and b"RSA PRIVATE KEY" not in text


def test_detached_signature_over_bytes(store):
    s = store.signer("body-nl", PASS)
    sig = signing.sign_bytes(b"frozen document", s)
    certs = store.certificates("body-nl")
    assert signing.verify_bytes(b"frozen document", sig, certs) == ""
    assert "changed" in signing.verify_bytes(b"frozen documenT", sig, certs)
    assert signing.verify_bytes(b"frozen document", b"", certs) == "it carries no signature"
    assert signing.verify_bytes(b"frozen document", b"junk", certs) == "its signature is not readable"


def test_new_key_keeps_the_old_certificate(tmp_path):
    ks = signing.KeyStore(tmp_path)
    first = ks.create_key("b", "Body (fictional)", PASS)
    old_sig = signing.sign_bytes(b"x", ks.signer("b", PASS))
    second = ks.create_key("b", "Body (fictional)", "a new passphrase")
    assert first.fingerprint != second.fingerprint
    certs = ks.certificates("b")
    assert [c.fingerprint for c in certs] == [second.fingerprint, first.fingerprint]
    assert signing.verify_bytes(b"x", old_sig, certs) == ""
    assert signing.verify_bytes(b"x", old_sig, [second]) != ""


def test_export_and_import_for_a_second_pc(store, tmp_path):
    exported = store.export_key("body-nl", tmp_path / "key.lmckey")
    other = signing.KeyStore(tmp_path / "pc2")
    with pytest.raises(signing.WrongPassphrase):
        other.import_key("body-nl", exported, "wrong passphrase")
    cert = other.import_key("body-nl", exported, PASS)
    assert cert.fingerprint == store.certificate("body-nl").fingerprint
    pdf = signing.sign_pdf(_pdf(), other.signer("body-nl", PASS), reason="Approved")
    assert signing.check_pdf(pdf, store.certificates("body-nl")).ok


def test_certificate_names_the_body_and_lasts_thirty_years(store):
    cert = store.certificate("body-nl")
    assert cert.subject == "North Loamshire Locality (fictional)"
    assert (cert.not_after - cert.not_before).days >= 365 * 30


@pytest.mark.skipif(not (shutil.which("pdfsig") and shutil.which("certutil")),
                    reason="poppler-utils (pdfsig) and libnss3-tools (certutil) are not installed")
def test_pdfsig_trusting_the_certificate_says_valid(store, signed, tmp_path):
    nss = tmp_path / "nss"
    nss.mkdir()
    cert = tmp_path / "body.pem"
    cert.write_bytes(store.certificate("body-nl").pem)
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(signed)
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "body", "-t", "C,C,C", "-i", str(cert)], check=True)
    out = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(pdf)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in out
    assert "Certificate is Trusted" in out
    assert "Total document signed" in out
