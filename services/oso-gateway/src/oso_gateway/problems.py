"""The gateway's problem types (RFC 9457); the fetch refusals mirror the broker's session-check results."""

from __future__ import annotations

from oso_shared.problems import (
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    Problem,
    Unauthorized,
    Unprocessable,
    UpstreamUnavailable,
)


class OnbekendeKoppelsleutel(NotFound):
    code = "ONBEKENDE_KOPPELSLEUTEL"
    title = "Onbekende koppelsleutel"


class SessieAfwijkend(Forbidden):
    code = "SESSIE_AFWIJKEND"
    title = "De koppelsleutel hoort bij een ander aanleverpunt"


class SessieReedsAfgemeld(Problem):
    status = 410
    code = "SESSIE_REEDS_AFGEMELD"
    title = "De koppelsleutel is al gebruikt of verlopen"


# 404 as in the registry that says so (one code, one status): the gateway passes its verdict on.
class VerstrekkerNietBekend(NotFound):
    code = "VERSTREKKER_NIET_BEKEND"
    title = "De verstrekkende school is niet bekend"


class OnbekendAanleverpunt(NotFound):
    code = "ONBEKEND_AANLEVERPUNT"
    title = "Onbekend aanleverpunt"


class UitwisselingNietToegestaan(Forbidden):
    code = "UITWISSELING_NIET_TOEGESTAAN"
    title = "Deze uitwisseling is (niet meer) toegestaan"


class TokenOngeldig(Unauthorized):
    code = "TOKEN_ONGELDIG"
    title = "Het token van het aanleverpunt is ongeldig"


class TokenHergebruikt(Unauthorized):
    code = "TOKEN_HERGEBRUIKT"
    title = "Dit token is al gebruikt"


class IdempotencyKeyOntbreekt(Problem):
    status = 400
    code = "IDEMPOTENCY_KEY_ONTBREEKT"
    title = "De header Idempotency-Key ontbreekt"


class IdempotencyKeyConflict(Conflict):
    code = "IDEMPOTENCY_KEY_CONFLICT"
    title = "Deze Idempotency-Key hoort bij een andere aanvraag"


class NogNietOpgehaald(Conflict):
    code = "NOG_NIET_OPGEHAALD"
    title = "Het dossier is nog niet opgehaald"


class RegisterNietBereikbaar(UpstreamUnavailable):
    code = "REGISTER_NIET_BEREIKBAAR"
    title = "Het register is niet bereikbaar"


class OngeldigDossier(Unprocessable):
    code = "DOSSIER_ONGELDIG"
    title = "Het dossier is geen goedgevormde XML"


class MetaOngeldig(Unprocessable):
    code = "META_ONGELDIG"  # the title stays the generic one


class DeelOntbreekt(BadRequest):
    code = "DEEL_ONTBREEKT"  # the title stays the generic one
