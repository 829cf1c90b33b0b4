"""RFC 9457 problem details: typed domain errors and the one handler that renders them.

Services raise subclasses of :class:`Problem`; the handler turns each into ``application/problem+json``
with ``type``, ``title``, ``status``, ``detail`` and a stable machine ``code``. Request validation errors,
HTTP errors from Starlette and unexpected exceptions are rendered the same way. A database or XML error that
the input caused (a NUL in a text, a value too long or out of range, an unparsable document) is a 422, not a
500; its text is never put in the answer or the log (it may quote the input).
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Mapping
from typing import Any, ClassVar

import asyncpg
import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://oso-uitwisseling.nl/problemen/"

log = structlog.get_logger(__name__)

# The validation error type of text XML 1.0 cannot carry (``oso_shared.tekst.XmlTekst``).
XML_TEKEN = "xml_teken"


def problem_type(code: str) -> str:
    """Problem type URI for a code, e.g. ``MANDAAT_ONTBREEKT`` → ``.../problemen/mandaat-ontbreekt``."""
    return PROBLEM_BASE + code.lower().replace("_", "-")


class Problem(Exception):
    """A domain error with an HTTP status and a stable code; subclasses set the class defaults."""

    status: ClassVar[int] = 400
    code: ClassVar[str] = "ONGELDIGE_AANVRAAG"
    title: ClassVar[str] = "Ongeldige aanvraag"
    # A refusal that is itself worth recording (e.g. its audit row) keeps what the request wrote before it;
    # every other error rolls the request's transaction back.
    keeps_changes: ClassVar[bool] = False

    def __init__(self, detail: str | None = None, *, code: str | None = None, **extensions: Any) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.instance_code = code or self.code
        self.extensions = extensions

    def to_dict(self) -> dict[str, Any]:
        """Serialise to the RFC 9457 member set plus our extensions."""
        body: dict[str, Any] = {
            "type": problem_type(self.instance_code),
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.instance_code,
        }
        body.update(self.extensions)
        return body


class BadRequest(Problem):
    status = 400
    code = "ONGELDIGE_AANVRAAG"
    title = "Ongeldige aanvraag"


class Unauthorized(Problem):
    status = 401
    code = "NIET_GEAUTHENTICEERD"
    title = "Niet aangemeld"


class Forbidden(Problem):
    status = 403
    code = "GEEN_TOEGANG"
    title = "Geen toegang"


class NotFound(Problem):
    status = 404
    code = "NIET_GEVONDEN"
    title = "Niet gevonden"


class Conflict(Problem):
    status = 409
    code = "CONFLICT"
    title = "Conflict met de huidige toestand"


class PayloadTooLarge(Problem):
    status = 413
    code = "TE_GROOT"
    title = "Aanvraag te groot"


class UnsupportedMediaType(Problem):
    status = 415
    code = "MEDIATYPE_NIET_ONDERSTEUND"
    title = "Mediatype niet ondersteund"


class Unprocessable(Problem):
    status = 422
    code = "ONVERWERKBAAR"
    title = "Gegevens kloppen niet"


class OngeldigeGegevens(Unprocessable):
    code = "ONGELDIGE_GEGEVENS"
    title = "De gegevens kunnen niet worden opgeslagen"


class XmlOngeldig(Unprocessable):
    code = "XML_ONGELDIG"
    title = "Het XML-document kan niet worden verwerkt"


class DatabaseUnavailable(Problem):
    status = 503
    code = "DATABASE_NIET_BEREIKBAAR"
    title = "De database is even niet bereikbaar"


class UpstreamUnavailable(Problem):
    status = 503
    code = "DIENST_NIET_BEREIKBAAR"
    title = "Een onderliggende dienst is niet bereikbaar"


# The 401 codes that mean "no credentials were sent": RFC 6750 section 3.1 says such a challenge names no error.
NO_CREDENTIALS_CODES = frozenset({"TOKEN_ONTBREEKT", Unauthorized.code})


def bearer_challenge(problem: Problem) -> str:
    """The ``WWW-Authenticate`` value of a 401: ``Bearer``, with ``error="invalid_token"`` for a refused token."""
    if problem.instance_code in NO_CREDENTIALS_CODES:
        return 'Bearer realm="oso"'
    return 'Bearer realm="oso", error="invalid_token"'


def problem_response(problem: Problem, headers: Mapping[str, str] | None = None) -> JSONResponse:
    """Render a problem as a JSON response with the problem media type (a 401 always carries its challenge)."""
    merged = dict(headers or {})
    if problem.status == 401 and not any(name.lower() == "www-authenticate" for name in merged):
        merged["WWW-Authenticate"] = bearer_challenge(problem)
    return JSONResponse(problem.to_dict(), status_code=problem.status, media_type=PROBLEM_JSON, headers=merged)


_STATUS_CODES = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    413: PayloadTooLarge,
    415: UnsupportedMediaType,
    422: Unprocessable,
}


def _lost_database(exc: BaseException) -> bool:
    """True for a lost or refused database connection (a restart): worth a 503 and a retry, not a 500."""
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        orig: BaseException = exc.orig or exc
        exc = orig.__cause__ or orig
    return isinstance(
        exc,
        ConnectionError
        | FileNotFoundError  # the server's Unix socket is gone while it restarts
        | asyncpg.exceptions.CannotConnectNowError
        | asyncpg.exceptions.ConnectionDoesNotExistError,
    )


def _driver_error(exc: BaseException) -> BaseException | None:
    """The asyncpg error under SQLAlchemy's wrapper (asyncpg's adapter chains it as the cause)."""
    if not isinstance(exc, DBAPIError):
        return None
    orig: BaseException = exc.orig or exc
    return orig.__cause__ or orig


def input_problem(exc: BaseException) -> Problem | None:
    """The 4xx problem for a database or lxml error that the request's data caused, else None.

    PostgreSQL class 22 (data exception: a NUL or untranslatable character, a string too long, a number out of
    range, a malformed value) and asyncpg's own refusal to encode an argument are the input's fault. The field
    is named when the server names the column.
    """
    driver = _driver_error(exc)
    if driver is not None and isinstance(driver, asyncpg.exceptions.DataError):
        column = getattr(driver, "column_name", None)
        extensions = {"veld": column} if isinstance(column, str) and column else {}
        return OngeldigeGegevens(
            "Een van de velden bevat een teken of waarde die niet kan worden opgeslagen.",
            fouttype=type(driver).__name__,
            **extensions,
        )
    if isinstance(exc, ValidationError) and all(e["type"] == XML_TEKEN for e in exc.errors()):
        # Stored before the edge refused such text, met again when the data is read or a dossier is built.
        fouten = [
            {"veld": ".".join(str(p) for p in e["loc"]), "melding": e["msg"], "type": XML_TEKEN} for e in exc.errors()
        ]
        return OngeldigeGegevens("Opgeslagen gegevens bevatten tekens die niet zijn toegestaan.", fouten=fouten)
    etree = sys.modules.get("lxml.etree")  # lxml is not our dependency: without it loaded, no lxml error exists
    if etree is not None and isinstance(exc, etree.LxmlError):
        return XmlOngeldig("Het XML-document is geen goedgevormd of geldig document.", fouttype=type(exc).__name__)
    return None


def install_problem_handlers(app: FastAPI) -> None:
    """Register the problem+json handlers on ``app``."""

    async def on_problem(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(exc)

    async def on_validation(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        fouten = [
            {
                "veld": ".".join(str(p) for p in err.get("loc", ()) if p != "body"),
                "melding": err.get("msg", ""),
                "type": err.get("type", ""),
            }
            for err in exc.errors()
        ]
        return problem_response(
            Unprocessable("De aanvraag bevat ongeldige velden.", code="VALIDATIEFOUT", fouten=fouten)
        )

    async def on_http(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        cls = _STATUS_CODES.get(exc.status_code)
        if cls is not None:
            detail = exc.detail if isinstance(exc.detail, str) else None
            return problem_response(cls(detail), headers=exc.headers)
        body = {
            "type": "about:blank",
            "title": str(exc.detail),
            "status": exc.status_code,
            "code": f"HTTP_{exc.status_code}",
        }
        return JSONResponse(body, status_code=exc.status_code, media_type=PROBLEM_JSON, headers=exc.headers)

    async def on_unexpected(_: Request, exc: Exception) -> JSONResponse:
        if _lost_database(exc):
            log.warning("database_unavailable", error_type=type(exc).__name__)
            problem = DatabaseUnavailable("Probeer het zo opnieuw.")
            return problem_response(problem, headers={"Retry-After": "1"})
        caused_by_input = input_problem(exc)
        if caused_by_input is not None:
            log.info("input_refused", error_type=type(exc).__name__, code=caused_by_input.instance_code)
            return problem_response(caused_by_input)
        ref = uuid.uuid4().hex[:12]
        log.exception("unexpected_error", error_type=type(exc).__name__, fout_ref=ref)
        body = {
            "type": problem_type("INTERNE_FOUT"),
            "title": "Interne fout",
            "status": 500,
            "detail": "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
            "code": "INTERNE_FOUT",
            "fout_ref": ref,
        }
        return JSONResponse(body, status_code=500, media_type=PROBLEM_JSON)

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    # Handlers of specific classes answer without re-raising (the catch-all one re-raises to the server, which
    # logs it again): database, XML and stored-data validation errors are answered here, once.
    app.add_exception_handler(DBAPIError, on_unexpected)
    app.add_exception_handler(ValidationError, on_unexpected)
    etree = sys.modules.get("lxml.etree")
    if etree is not None:
        app.add_exception_handler(etree.LxmlError, on_unexpected)
    app.add_exception_handler(Exception, on_unexpected)
