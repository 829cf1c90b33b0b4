"""Encryption at rest of persoonsgebonden nummers (BSN, onderwijsnummer): Fernet (AES-128-CBC + HMAC) with key ids.

A stored value is ``<key id>:<Fernet token>`` (ASCII bytes). The first configured key encrypts; decryption uses the
key the id names and falls back to every configured key (cryptography's ``MultiFernet``), which also reads values
from before key ids (a bare Fernet token). Rotation: put a new key first, run ``oso-dossier sleutels
herversleutelen``, then drop the old key.
"""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from oso_dossier.settings import PgnSleutel

SCHEIDING = b":"


class PgnVersleuteling:
    """Encrypts and decrypts PGNs with the service's keys; the plaintext never leaves the school's own views."""

    def __init__(self, sleutels: Sequence[PgnSleutel]) -> None:
        if not sleutels:
            raise ValueError("minstens één PGN-sleutel nodig")
        self.nieuwste_id = sleutels[0].id
        self._per_id = {s.id: Fernet(s.sleutel.get_secret_value().encode("ascii")) for s in sleutels}
        self._nieuwste = self._per_id[self.nieuwste_id]
        self._alle = MultiFernet(list(self._per_id.values()))
        self.prefix = self.nieuwste_id.encode("ascii") + SCHEIDING

    @staticmethod
    def sleutel_id(opgeslagen: bytes) -> str | None:
        """The key id in front of a stored value (None for a value from before key ids)."""
        # Fernet tokens are urlsafe base64: a ":" can only be our separator.
        key_id, found, _ = bytes(opgeslagen).partition(SCHEIDING)
        return key_id.decode("ascii") if found else None

    def versleutel(self, waarde: str) -> bytes:
        """Ciphertext of ``waarde`` under the newest key, with its id in front (random IV, authenticated)."""
        return self.prefix + self._nieuwste.encrypt(waarde.encode("utf-8"))

    def ontsleutel(self, opgeslagen: bytes) -> str:
        """Plaintext of a stored value; raises ValueError when no configured key matches."""
        opgeslagen = bytes(opgeslagen)
        key_id = self.sleutel_id(opgeslagen)
        token = opgeslagen.partition(SCHEIDING)[2] if key_id is not None else opgeslagen
        named = self._per_id.get(key_id) if key_id is not None else None
        try:
            if named is not None:
                try:
                    return named.decrypt(token).decode("utf-8")
                except InvalidToken:
                    pass  # an id reused for another key: try them all
            return self._alle.decrypt(token).decode("utf-8")
        except InvalidToken as exc:
            raise ValueError("PGN kan niet worden ontsleuteld met de ingestelde sleutels") from exc

    def is_actueel(self, opgeslagen: bytes) -> bool:
        """Whether a stored value is already under the newest key."""
        return bytes(opgeslagen).startswith(self.prefix)

    def herversleutel(self, opgeslagen: bytes) -> bytes:
        """The stored value under the newest key (unchanged when it already is)."""
        return opgeslagen if self.is_actueel(opgeslagen) else self.versleutel(self.ontsleutel(opgeslagen))
