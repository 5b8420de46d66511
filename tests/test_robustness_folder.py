"""The shared robustness PDFs: encrypted files open with their password and fail clearly without it.

Skipped when ../shared/robustness is absent. (The whole-folder batch is exercised by bench/reliability.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import needs_shared, shared_path

from analyzer import Analyzer

FOLDER = shared_path("robustness")
ENCRYPTED = sorted(FOLDER.glob("pdfminer_encryption_*.pdf")) if FOLDER.is_dir() else []
PASSWORDS = {"pdfminer_encryption_aes-256-r6.pdf": ["usersecret", "ownersecret"]}


@needs_shared("robustness")
@pytest.mark.parametrize("path", ENCRYPTED, ids=lambda p: p.name)
def test_encrypted_pdf_opens_with_its_password(path: Path) -> None:
    for password in PASSWORDS.get(path.name, ["foo"]):
        result = Analyzer(password=password).analyze(path)
        assert result.error is None and result.label is not None, result.error


@needs_shared("robustness")
@pytest.mark.parametrize("path", ENCRYPTED, ids=lambda p: p.name)
def test_encrypted_pdf_without_or_with_wrong_password(path: Path) -> None:
    none = Analyzer().analyze(path)
    if none.error is None:  # an empty user password is a password too: the file is readable
        return
    assert none.error == "encrypted: password required" and none.label is None
    wrong = Analyzer(password="not-the-password").analyze(path)
    assert wrong.error == "encrypted: wrong password"
