"""Who may see or change what: the scoping rules of the registry, shared by all routers.

A board admin acts only on its own board's schools, an SWV admin only on its own SWV, a school admin
or zorgcoördinator only on its own school; ``dienst`` (service-to-service) may read everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from oso_registry.problems import BuitenBereik
from oso_shared.auth import Principal, Rol

SCHOOLROLLEN = frozenset({Rol.SCHOOLBEHEERDER, Rol.ZORGCOORDINATOR})


@dataclass(frozen=True)
class Actor:
    """Who makes a change, as written to the audit log (a token's subject and role, or the CLI)."""

    wie: str
    rol: str

    @classmethod
    def van(cls, principal: Principal) -> Actor:
        """The actor for a request's principal."""
        return cls(principal.sub, principal.rol.value)


def mag_school_lezen(principal: Principal, brin4: str, bestuur_nummer: str | None) -> bool:
    """Read access to a school: dienst and SWV admins all (public RIO data), the board its own, the school itself."""
    if principal.rol in (Rol.DIENST, Rol.SWV_BEHEERDER):
        return True
    if principal.rol is Rol.BESTUURSBEHEERDER:
        return bestuur_nummer is not None and principal.bestuur == bestuur_nummer
    return principal.rol in SCHOOLROLLEN and principal.school == brin4


def eis_school_lezen(principal: Principal, brin4: str, bestuur_nummer: str | None) -> None:
    """403 unless the caller may read this school."""
    if not mag_school_lezen(principal, brin4, bestuur_nummer):
        raise BuitenBereik("Deze school valt buiten je bereik.")


def eis_eigen_school(principal: Principal, brin4: str, rollen: frozenset[Rol] = SCHOOLROLLEN) -> None:
    """403 unless the caller holds a school role for exactly this school."""
    if principal.rol not in rollen or principal.school != brin4:
        raise BuitenBereik("Alleen de school zelf mag dit doen.")


def eis_bestuur_lezen(principal: Principal, bestuur_nummer: str) -> None:
    """403 unless the caller is dienst or the admin of this board."""
    if principal.rol is Rol.DIENST:
        return
    if principal.rol is not Rol.BESTUURSBEHEERDER or principal.bestuur != bestuur_nummer:
        raise BuitenBereik("Dit bestuur valt buiten je bereik.")


def eis_bestuursbeheerder(principal: Principal, bestuur_nummer: str) -> None:
    """403 unless the caller is the admin of this board (only the board changes its mandates)."""
    if principal.rol is not Rol.BESTUURSBEHEERDER or principal.bestuur != bestuur_nummer:
        raise BuitenBereik("Alleen de beheerder van het bestuur van deze school mag dit doen.")


def eis_swv_lezen(principal: Principal, swv_code: str) -> None:
    """403 unless the caller is dienst or the admin of this SWV."""
    if principal.rol is Rol.DIENST:
        return
    if principal.rol is not Rol.SWV_BEHEERDER or principal.swv != swv_code:
        raise BuitenBereik("Dit samenwerkingsverband valt buiten je bereik.")


def eis_swv_beheerder(principal: Principal, swv_code: str) -> None:
    """403 unless the caller is the admin of this SWV."""
    if principal.rol is not Rol.SWV_BEHEERDER or principal.swv != swv_code:
        raise BuitenBereik("Alleen de beheerder van dit samenwerkingsverband mag dit doen.")
