"""Signing keys for tests, without making an RSA key in every test.

``keystore(folder, *body_ids)`` is a ``lmcdesk.signing.KeyStore`` in
``folder`` holding, for each body id given, a copy of one key made once per
test session (under the fictional passphrase ``PASS``).  A body not given has
no key, so its first approval makes one, as on a real PC.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from lmcdesk import signing

PASS = "correct horse battery"  # fictional, for tests only

_TEMPLATE: Path | None = None


def _template() -> Path:
    global _TEMPLATE
    if _TEMPLATE is None:
        folder = Path(tempfile.mkdtemp(prefix="lmcdesk-test-key-"))
        signing.KeyStore(folder).create_key("template", "Test body (fictional)", PASS)
        _TEMPLATE = folder
    return _TEMPLATE


def keystore(folder, *body_ids: str) -> signing.KeyStore:
    ks = signing.KeyStore(Path(folder))
    ks.folder.mkdir(parents=True, exist_ok=True)
    for body_id in body_ids:
        shutil.copyfile(_template() / "template.key.pem", ks.folder / f"{body_id}.key.pem")
        shutil.copyfile(_template() / "template.cert.pem", ks.folder / f"{body_id}.cert.pem")
    return ks


def approve(uow, meeting_id: str, chair_id: str | None = None, *, when=None, approving_meeting_id=None,
            amendment: str = "", keys: signing.KeyStore | None = None):
    """Approve as a test does: by circulation on ``when``'s day (default now)
    unless ``approving_meeting_id``, signed by ``chair_id`` (default the
    meeting's chair, else the first person in the record), with the session's
    test key copied into the record's key store (``signing.keystore_for``)."""
    from datetime import datetime

    from lmcdesk.services import approval

    with uow:
        meeting = uow.meetings.get(meeting_id)
        record_id = uow.meta.record_id()
        people = sorted(uow.directory.load().people)
    if keys is None:
        keys = signing.keystore_for(record_id)
        if not keys.has_key(meeting.body_id):
            keystore(keys.folder, meeting.body_id)
    signer = chair_id or meeting.chair_id or people[0]
    return approval.approve(uow, meeting_id, chair_id=signer, approving_meeting_id=approving_meeting_id,
                            amendment=amendment, keys=keys, passphrase=PASS, when=when or datetime.now())
