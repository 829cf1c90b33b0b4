"""The swv-receiver's typed domain errors (RFC 9457 problem+json through ``oso_shared.problems``)."""

from __future__ import annotations

from oso_shared.problems import Conflict, Forbidden, NotFound, PayloadTooLarge, Unprocessable, UnsupportedMediaType


class SwvNietBediend(Forbidden):
    code = "SWV_NIET_BEDIEND"
    title = "Samenwerkingsverband niet bediend"


class OnbekendAanleverpunt(NotFound):
    code = "ONBEKEND_AANLEVERPUNT"
    title = "Onbekend aanleverpunt"


class DienstNietOndersteund(Unprocessable):
    code = "DIENST_NIET_ONDERSTEUND"
    title = "Dienst niet ondersteund"


class OphaalUrlNietVertrouwd(Unprocessable):
    code = "OPHAAL_URL_NIET_VERTROUWD"
    title = "Ophaaladres niet vertrouwd"


class NotificatieNietGevonden(NotFound):
    code = "NOTIFICATIE_NIET_GEVONDEN"
    title = "Notificatie niet gevonden"


class NotificatieNietMislukt(Conflict):
    code = "NOTIFICATIE_NIET_MISLUKT"
    title = "Notificatie is niet mislukt"


class HulpvraagNietGevonden(NotFound):
    code = "HULPVRAAG_NIET_GEVONDEN"
    title = "Hulpvraag niet gevonden"


class HulpvraagNietToegekend(Conflict):
    code = "HULPVRAAG_NIET_TOEGEKEND"
    title = "Hulpvraag nog niet toegekend"


class BijlageNietGevonden(NotFound):
    code = "BIJLAGE_NIET_GEVONDEN"
    title = "Bijlage niet gevonden"


class BijlageTypeNietToegestaan(UnsupportedMediaType):
    code = "BIJLAGE_TYPE_NIET_TOEGESTAAN"
    title = "Bestandstype niet toegestaan"


class BijlageInhoudOngeldig(UnsupportedMediaType):
    code = "BIJLAGE_INHOUD_ONGELDIG"
    title = "De inhoud van de bijlage is ongeldig of onveilig"


class BijlageLeeg(Unprocessable):
    code = "BIJLAGE_LEEG"
    title = "Lege bijlage"


class BijlageTeGroot(PayloadTooLarge):
    code = "BIJLAGE_TE_GROOT"
    title = "Bijlage te groot"


class SchoolAlAangemeld(Conflict):
    code = "SCHOOL_AL_AANGEMELD"
    title = "School al aangemeld"
