"""The portal's typed errors; each becomes a Dutch HTML page (see ``main.install_page_handlers``), not JSON."""

from __future__ import annotations

from typing import Any

from oso_shared.problems import Conflict, Forbidden, Problem, Unauthorized


class NietAangemeld(Unauthorized):
    """No valid session: send the browser to the sign-in page."""

    code = "NIET_AANGEMELD"
    title = "Niet aangemeld"


class GeenToegang(Forbidden):
    """Signed in, but this page is not for this role or scope."""

    code = "PAGINA_NIET_TOEGESTAAN"
    title = "Geen toegang"


class CsrfOngeldig(Forbidden):
    """A form arrived without the session's CSRF token."""

    code = "FORMULIER_VERLOPEN"
    title = "Formulier verlopen"


class AanmeldenMislukt(Unauthorized):
    """Wrong user name or password, or the account is paused; one message for all to avoid user probing."""

    code = "AANMELDEN_MISLUKT"
    title = "Aanmelden mislukt"


class GebruikersnaamBezet(Conflict):
    """Another account already has this user name."""

    code = "GEBRUIKERSNAAM_BEZET"
    title = "Gebruikersnaam bestaat al"


class DienstFout(Problem):
    """A backend answered with an error (problem+json) or could not be reached.

    ``upstream_status`` and ``instance_code`` are the backend's own (or 503 ``DIENST_NIET_BEREIKBAAR``); pages decide
    by ``code`` what they can explain in place, everything else becomes the error page of the backend's status.
    """

    status = 502
    code = "DIENST_FOUT"
    title = "Er ging iets mis"

    def __init__(self, dienst: str, status: int, code: str, detail: str, body: dict[str, Any] | None = None) -> None:
        super().__init__(detail, code=code)
        self.dienst = dienst
        self.upstream_status = status
        self.body = body or {}

    def __str__(self) -> str:
        return f"{self.dienst} {self.upstream_status} {self.instance_code}"
