"""PDF genereren: a readable Dutch PDF with the dossier content, checked by rendering (text extraction)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import httpx
from pypdf import PdfReader

Auth = Callable[..., dict[str, str]]


async def test_pdf_contains_the_dossier_in_dutch(
    client: httpx.AsyncClient, auth: Auth, maak_dossier: Callable[..., Any]
) -> None:
    dossier = await maak_dossier(0, opties={"contactnodig": True, "contactpersoon": "Mevr. J. de Wit"})
    did = dossier["id"]
    headers = {
        **auth(),
        "content-disposition": 'attachment; filename="verslag.txt"',
        "content-description": "Gespreksverslag",
    }
    await client.post(f"/v1/dossiers/{did}/bijlagen", content=b"Verslag.", headers=headers)
    await client.patch(f"/v1/dossiers/{did}", json={"categorieen": {"cat_verzuim": False}}, headers=auth())
    response = await client.get(f"/v1/dossiers/{did}/pdf", headers=auth())
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in (
        "Overdrachtsdossier VO-SWV",
        "Daan van Dijk",
        "Scholengemeenschap De Brug",
        "2801 500 SWV VO Rijnmond",
        "Mevr. J. de Wit",
        "Schoolloopbaan",
        "Onderwijsondersteuning",
        "Dyslexie",
        "Handelingsplan",
        "verslag.txt",
        "Gespreksverslag",
        "Niet meegestuurd (OPT-UIT): verzuim",
        "Concept",
    ):
        assert expected in text, expected
    assert "Verzuim (laatste 12 maanden)" not in text
    assert "Rotterdam" in text
