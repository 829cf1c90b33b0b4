"""Typed domain errors of leerlingimporten (problem+json through the shared handler)."""

from __future__ import annotations

from oso_shared.problems import Forbidden, NotFound, Unprocessable


class LeerlingImportNietGevonden(NotFound):
    code = "LEERLINGIMPORT_NIET_GEVONDEN"
    title = "Import niet gevonden"


class SchooljaarOngeldig(Unprocessable):
    code = "SCHOOLJAAR_ONGELDIG"
    title = "Schooljaar ongeldig"


class VestigingOnbekend(Unprocessable):
    code = "VESTIGING_ONBEKEND"
    title = "Vestiging hoort niet bij deze school"


class GeenSchoolbeheerder(Forbidden):
    code = "ROL_NIET_TOEGESTAAN"
    title = "Alleen de schoolbeheerder van de school"
