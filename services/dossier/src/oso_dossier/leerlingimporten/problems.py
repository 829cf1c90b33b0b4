"""Typed domain errors of leerlingimporten (shared ones such as VESTIGING_ONBEKEND: ``oso_dossier.problems``)."""

from __future__ import annotations

from oso_shared.problems import NotFound, Unprocessable


class LeerlingImportNietGevonden(NotFound):
    code = "LEERLINGIMPORT_NIET_GEVONDEN"
    title = "Import niet gevonden"


class SchooljaarOngeldig(Unprocessable):
    code = "SCHOOLJAAR_ONGELDIG"
    title = "Schooljaar ongeldig"
