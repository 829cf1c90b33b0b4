"""BRIN codes: BRIN4 (school) and BRIN6 (BRIN4 + two-digit vestigingscode), parsed into two parts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from oso_registry.problems import OngeldigeBrin

BRIN4_PATTERN = r"^[0-9]{2}[A-Z]{2}$"
BRIN_PATTERN = r"^[0-9]{2}[A-Z]{2}([0-9]{2})?$"
VESTIGINGSCODE_PATTERN = r"^[0-9]{2}$"
_BRIN = re.compile(r"([0-9]{2}[A-Z]{2})([0-9]{2})?")


@dataclass(frozen=True)
class Brin:
    """A parsed BRIN: always a BRIN4, optionally a vestigingscode (then it was a BRIN6)."""

    brin4: str
    vestigingscode: str | None = None

    def __str__(self) -> str:
        return self.brin4 + (self.vestigingscode or "")


def parse_brin(value: str) -> Brin:
    """Parse ``99AA`` or ``99AA02``; anything else is a 422 ``ONGELDIGE_BRIN``."""
    match = _BRIN.fullmatch(value)
    if match is None:
        raise OngeldigeBrin(
            "Een BRIN bestaat uit twee cijfers en twee hoofdletters (zoals 99AA), "
            "eventueel gevolgd door een vestigingscode van twee cijfers (zoals 99AA02)."
        )
    return Brin(match.group(1), match.group(2))


def parse_brin4(value: str) -> str:
    """Parse a BRIN4 (a BRIN6 is refused here)."""
    brin = parse_brin(value)
    if brin.vestigingscode is not None:
        raise OngeldigeBrin("Hier is een BRIN van vier tekens nodig (zoals 99AA), zonder vestigingscode.")
    return brin.brin4
