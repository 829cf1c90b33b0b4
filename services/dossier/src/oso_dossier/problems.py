"""Typed domain errors of the dossier service; the shared handler renders each as RFC 9457 problem+json."""

from __future__ import annotations

from oso_shared.outbox import PermanentFailure
from oso_shared.problems import (
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    Problem,
    Unprocessable,
    UnsupportedMediaType,
    UpstreamUnavailable,
)

# ---------------------------------------------------------------------------------------------------- access


class RolNietToegestaan(Forbidden):
    code = "ROL_NIET_TOEGESTAAN"


class RechtOntbreekt(Forbidden):
    code = "RECHT_OVERDRACHTSDOSSIER_ONTBREEKT"


# ---------------------------------------------------------------------------------------------------- leerlingen


class LeerlingNietGevonden(NotFound):
    code = "LEERLING_NIET_GEVONDEN"
    title = "Leerling niet gevonden"


class LeerlingnummerBestaat(Conflict):
    code = "LEERLINGNUMMER_BESTAAT_AL"
    title = "Leerlingnummer bestaat al"


class PgnDubbel(Unprocessable):
    code = "PGN_DUBBEL"
    title = "Geef een BSN of een onderwijsnummer, niet beide"


# ---------------------------------------------------------------------------------------------------- dossiers


class DossierNietGevonden(NotFound):
    code = "DOSSIER_NIET_GEVONDEN"
    title = "Dossier niet gevonden"


class AfleveringOnbekend(DossierNietGevonden):
    code = "AFLEVERING_ONBEKEND"


class DossierBevroren(Conflict):
    code = "DOSSIER_NIET_MEER_WIJZIGBAAR"
    title = "Dossier is opvraagbaar gemaakt en kan niet meer worden gewijzigd of verwijderd"


class DossierNietGegenereerd(Conflict):
    code = "DOSSIER_NIET_GEGENEREERD"
    title = "Dossier is nog niet (opnieuw) gegenereerd"


class DossierNietActueel(DossierNietGegenereerd):
    code = "DOSSIER_NIET_ACTUEEL"


class DossierNietGereed(Conflict):
    code = "DOSSIER_NIET_GEREED"
    title = "Dossier kan nog niet opvraagbaar worden gemaakt"
    keeps_changes = True  # the refusal's audit row must survive


class UitwisselingNietToegestaan(Forbidden):
    code = "UITWISSELING_NIET_TOEGESTAAN"
    title = "Uitwisseling met dit samenwerkingsverband is (nog) niet toegestaan"
    keeps_changes = True  # the refusal's audit row must survive


class VestigingOnbekend(Unprocessable):
    # Not the registry's VESTIGING_ONBEKEND (404, a vestiging path that does not exist): a field naming a
    # vestiging of another school is 422, and one code has one status.
    code = "VESTIGING_NIET_VAN_SCHOOL"
    title = "Vestiging hoort niet bij deze school"


class AanleverpuntNietToegestaan(Unprocessable):
    code = "AANLEVERPUNT_NIET_TOEGESTAAN"
    title = "Kies een aanleverpunt van een samenwerkingsverband (eindigend op 500)"


class VorigDossierOngeldig(Unprocessable):
    code = "VORIG_DOSSIER_ONGELDIG"
    title = "Een correctie verwijst naar een opvraagbaar gemaakt dossier van dezelfde leerling"


class DossierOpgeschoond(Conflict):
    code = "DOSSIER_OPGESCHOOND"
    title = "De inhoud van dit dossier is na de bewaartermijn verwijderd"


# ---------------------------------------------------------------------------------------------------- bijlagen


class BijlageTeGroot(PayloadTooLarge):
    code = "BIJLAGE_TE_GROOT"
    title = "Bijlage is te groot"


class BijlagenTeGroot(PayloadTooLarge):
    code = "BIJLAGEN_DOSSIER_TE_GROOT"
    title = "Bijlagen van dit dossier zijn samen te groot"


class BijlageTypeNietToegestaan(UnsupportedMediaType):
    code = "BIJLAGE_TYPE_NIET_TOEGESTAAN"
    title = "Dit bestandstype is niet toegestaan"


class BijlageTypeKloptNiet(UnsupportedMediaType):
    code = "BIJLAGE_TYPE_KLOPT_NIET"
    title = "De inhoud past niet bij de bestandsnaam"


class BijlageInhoudOngeldig(UnsupportedMediaType):
    code = "BIJLAGE_INHOUD_ONGELDIG"
    title = "De inhoud van de bijlage is ongeldig of onveilig"


# 422 like the receiver's BIJLAGE_LEEG: one problem code, one HTTP status.
class BijlageLeeg(Unprocessable):
    code = "BIJLAGE_LEEG"
    title = "De bijlage is leeg"


class BestandsnaamOngeldig(BadRequest):
    code = "BESTANDSNAAM_ONGELDIG"
    title = "Geef een geldige bestandsnaam"


class BijlageNietGevonden(NotFound):
    code = "BIJLAGE_NIET_GEVONDEN"
    title = "Bijlage niet gevonden"


# ---------------------------------------------------------------------------------------------------- validaties


class DossierTeGroot(PayloadTooLarge):
    code = "DOSSIER_TE_GROOT"


class GeenXml(UnsupportedMediaType):
    code = "GEEN_XML"


# ---------------------------------------------------------------------------------------------------- registry


class RegistryNietBereikbaar(UpstreamUnavailable):
    code = "REGISTRY_NIET_BEREIKBAAR"
    title = "Het serviceregister is niet bereikbaar"


class RegistryOnverwachtAntwoord(Problem):
    status = 502
    code = "REGISTRY_ONVERWACHT_ANTWOORD"
    title = "Onverwacht antwoord van het serviceregister"


class SchoolOnbekend(NotFound):
    code = "SCHOOL_ONBEKEND_IN_REGISTER"
    title = "School onbekend in het serviceregister"


class AanleverpuntOnbekend(Unprocessable):
    code = "AANLEVERPUNT_ONBEKEND"
    title = "Aanleverpunt onbekend"


# ---------------------------------------------------------------------------------------------------- outbox


class AfleveringGeweigerd(PermanentFailure):
    """The oso-gateway refused the delivery for good (a 4xx that time will not change)."""


class DossierZonderInhoud(PermanentFailure):
    """The dossier to deliver has no XML any more."""


class LeerlingImportNietGevonden(NotFound):
    code = "LEERLINGIMPORT_NIET_GEVONDEN"
    title = "Import niet gevonden"


class SchooljaarOngeldig(Unprocessable):
    code = "SCHOOLJAAR_ONGELDIG"
    title = "Schooljaar ongeldig"
