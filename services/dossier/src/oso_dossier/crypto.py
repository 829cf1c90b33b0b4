"""Encryption at rest of persoonsgebonden nummers (BSN, onderwijsnummer) with Fernet (AES-128-CBC + HMAC)."""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken


class PgnVersleuteling:
    """Encrypts and decrypts PGNs with the service's key; the plaintext never leaves the school's own views."""

    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode("ascii"))

    def versleutel(self, waarde: str) -> bytes:
        """Ciphertext of ``waarde`` (random IV, authenticated)."""
        return self._fernet.encrypt(waarde.encode("utf-8"))

    def ontsleutel(self, token: bytes) -> str:
        """Plaintext of a stored ciphertext; raises ValueError when the key does not match."""
        try:
            return self._fernet.decrypt(token).decode("utf-8")
        except InvalidToken as exc:
            raise ValueError("PGN kan niet worden ontsleuteld met de ingestelde sleutel") from exc
