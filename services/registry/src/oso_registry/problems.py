"""The registry's typed domain errors (RFC 9457 problem+json through ``oso_shared.problems``)."""

from __future__ import annotations

from oso_shared.problems import Conflict, Forbidden, NotFound, Unprocessable


class BuitenBereik(Forbidden):
    code = "BUITEN_BEREIK"
    title = "Buiten je bereik"


class OngeldigeBrin(Unprocessable):
    code = "ONGELDIGE_BRIN"
    title = "Ongeldige BRIN-code"


class BestuurOnbekend(NotFound):
    code = "BESTUUR_ONBEKEND"
    title = "Bestuur niet gevonden"


class SchoolOnbekend(NotFound):
    code = "SCHOOL_ONBEKEND"
    title = "School niet gevonden"


class VestigingOnbekend(NotFound):
    code = "VESTIGING_ONBEKEND"
    title = "Vestiging niet gevonden"


class MandaatNietGevonden(NotFound):
    code = "MANDAAT_NIET_GEVONDEN"
    title = "Mandaat niet gevonden"


class OnbekendeDienst(Unprocessable):
    code = "ONBEKENDE_DIENST"
    title = "Onbekende dienst"


class OnbekendSysteem(Unprocessable):
    code = "ONBEKEND_SYSTEEM"
    title = "Onbekend systeem"


class SchoolVanAnderBestuur(Unprocessable):
    code = "SCHOOL_VAN_ANDER_BESTUUR"
    title = "School hoort bij een ander bestuur"


class SwvOnbekend(NotFound):
    code = "SWV_ONBEKEND"
    title = "Samenwerkingsverband niet gevonden"


class OnbekendAanleverpunt(NotFound):
    code = "ONBEKEND_AANLEVERPUNT"
    title = "Onbekend aanleverpunt"


class RegistratieOnbekend(NotFound):
    code = "REGISTRATIE_NIET_GEVONDEN"
    title = "Registratie niet gevonden"


class VestigingZonderEigenOmgeving(Unprocessable):
    code = "VESTIGING_ZONDER_EIGEN_OMGEVING"
    title = "Vestiging heeft geen eigen omgeving"


class OngeldigeSleutel(Unprocessable):
    code = "ONGELDIGE_PUBLIEKE_SLEUTEL"
    title = "Ongeldige publieke sleutel"


class AanleverpuntBestaatAl(Conflict):
    code = "AANLEVERPUNT_BESTAAT_AL"
    title = "Aanleverpunt bestaat al"


class VerstrekkerNietBekend(NotFound):
    code = "VERSTREKKER_NIET_BEKEND"
    title = "School niet bekend"


class OnbekendSchoolsysteem(Unprocessable):
    code = "ONBEKEND_SCHOOLSYSTEEM"
    title = "Onbekend schoolsysteem"


class ImportOngeldig(Unprocessable):
    code = "IMPORT_ONGELDIG"
    title = "Importbestand bevat fouten"


class EndpointNietToegestaan(Unprocessable):
    code = "ENDPOINT_NIET_TOEGESTAAN"
    title = "Endpoint niet toegestaan"


class RegistratieAlBeoordeeld(Conflict):
    code = "REGISTRATIE_AL_BEOORDEELD"
    title = "Registratie al beoordeeld"


class NummerHoortNietBijSwv(Unprocessable):
    code = "AANLEVERPUNTNUMMER_HOORT_NIET_BIJ_SWV"
    title = "Aanleverpuntnummer hoort niet bij dit samenwerkingsverband"
