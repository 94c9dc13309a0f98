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
