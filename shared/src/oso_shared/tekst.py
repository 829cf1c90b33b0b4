"""Text that XML 1.0 can carry: the one annotated type for every text field of a request body.

XML 1.0 allows TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF. Anything else (NUL and the
other C0 controls, lone surrogates, U+FFFE/U+FFFF) cannot be written into an OSO dossier, and NUL cannot even
be stored by PostgreSQL: such input is refused at the edge with a 422 naming the field, never stored.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

# Written by hand: a character class is all it takes, and the ranges come straight from XML 1.0 §2.2 "Char".
_NIET_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
FOUTTYPE = "xml_teken"


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


XmlTekst = Annotated[str, AfterValidator(_xml_veilig)]
"""A ``str`` without characters XML 1.0 cannot carry; combine with ``StringConstraints``/``Field`` as usual."""


def is_xml_tekst(annotation_metadata: list[object]) -> bool:
    """True when field metadata carries the :data:`XmlTekst` check (for tests that walk request models)."""
    return any(isinstance(m, AfterValidator) and m.func is _xml_veilig for m in annotation_metadata)
