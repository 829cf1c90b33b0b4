"""Text that XML 1.0 can carry: the one annotated type for every text field of a request body.

XML 1.0 allows TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF. Anything else (NUL and the
other C0 controls, lone surrogates, U+FFFE/U+FFFF) cannot be written into an OSO dossier, and NUL cannot even
be stored by PostgreSQL: such input is refused at the edge with a 422 naming the field, never stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from fastapi import FastAPI
from fastapi.routing import APIRoute
from pydantic import BaseModel, BeforeValidator
from pydantic_core import PydanticCustomError
from starlette.routing import BaseRoute

from oso_shared.problems import XML_TEKEN, Unprocessable

# Written by hand: a character class is all it takes, and the ranges come straight from XML 1.0 §2.2 "Char".
_NIET_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
FOUTTYPE = XML_TEKEN


def eerste_onjuist_teken(waarde: str) -> int | None:
    """The position of the first character XML 1.0 cannot carry, or None when there is none."""
    gevonden = _NIET_XML.search(waarde)
    return None if gevonden is None else gevonden.start()


def _xml_veilig(waarde: str) -> str:
    positie = eerste_onjuist_teken(waarde)
    if positie is not None:
        # The message names the code point and position, never the text around it (it may be personal data).
        raise PydanticCustomError(
            FOUTTYPE,
            "Bevat een teken dat niet is toegestaan (U+{teken:04X} op positie {positie}).",
            {"teken": ord(waarde[positie]), "positie": positie + 1},
        )
    return waarde


def _xml_veilige_invoer(waarde: object) -> object:
    return _xml_veilig(waarde) if isinstance(waarde, str) else waarde


# Checked on the raw input, before any StringConstraints: stripping must not hide a control character ("Jansen\x0c"
# is refused, not stored as "Jansen"). With constraints write ``Annotated[str, StringConstraints(...), XML_VEILIG]``:
# nested as ``Annotated[XmlTekst, StringConstraints(strip_whitespace=True, min_length=1)]`` pydantic checks the
# length before stripping, so "   " would pass as "".
XML_VEILIG = BeforeValidator(_xml_veilige_invoer)
XmlTekst = Annotated[str, XML_VEILIG]


def controleer_xml_tekst(waarde: str, veld: str) -> str:
    """``waarde`` unchanged, or a 422 naming ``veld`` (for text that arrives outside a body model, e.g. a header)."""
    try:
        return _xml_veilig(waarde)
    except PydanticCustomError as fout:
        raise Unprocessable(
            "De aanvraag bevat ongeldige velden.",
            code="VALIDATIEFOUT",
            fouten=[{"veld": veld, "melding": fout.message(), "type": FOUTTYPE}],
        ) from None


"""A ``str`` without characters XML 1.0 cannot carry; combine with ``StringConstraints``/``Field`` as usual."""


def _heeft_check(metadata: Iterable[object]) -> bool:
    return any(isinstance(m, BeforeValidator) and m.func is _xml_veilige_invoer for m in metadata)


def _onbeschermd(annotation: Any, metadata: Iterable[object], pad: str, gezien: set[type]) -> Iterator[str]:
    if get_origin(annotation) is Annotated:
        basis, *extra = get_args(annotation)
        yield from _onbeschermd(basis, [*metadata, *extra], pad, gezien)
    elif annotation is str:
        if not _heeft_check(metadata):
            yield pad
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from onbeschermde_tekstvelden(annotation, pad + ".", gezien)
    elif get_origin(annotation) is not Literal:
        for arg in get_args(annotation):  # Optional, list[...], dict[...]: every part may hold text
            yield from _onbeschermd(arg, metadata if get_origin(annotation) in (Union, UnionType) else [], pad, gezien)


def onbeschermde_tekstvelden(model: type[BaseModel], prefix: str = "", gezien: set[type] | None = None) -> list[str]:
    """The paths of the ``str`` fields of ``model`` (nested models included) that lack the :data:`XmlTekst` check.

    For the tests that prove every request body refuses what XML 1.0 cannot carry.
    """
    gezien = set() if gezien is None else gezien
    if model in gezien:
        return []
    gezien.add(model)
    paden: list[str] = []
    for naam, veld in model.model_fields.items():
        paden.extend(_onbeschermd(veld.annotation, veld.metadata, prefix + naam, gezien))
    return paden


def _api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (included := getattr(route, "original_router", None)) is not None:
            # An included router (FastAPI >= 0.160 keeps it as one route that matches lazily).
            yield from _api_routes(included.routes)


def onbeschermde_aanvraagvelden(app: FastAPI) -> list[str]:
    """Every text field of every JSON request body of ``app`` that lacks the check, as ``METHOD path: field``."""
    paden: list[str] = []
    for route in _api_routes(app.routes):
        for param in route.dependant.body_params:
            annotation = param.field_info.annotation
            plek = f"{','.join(sorted(route.methods or ()))} {route.path}: "
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                paden.extend(plek + pad for pad in onbeschermde_tekstvelden(annotation))
            else:
                paden.extend(
                    plek + pad for pad in _onbeschermd(annotation, param.field_info.metadata, param.name, set())
                )
    return paden
