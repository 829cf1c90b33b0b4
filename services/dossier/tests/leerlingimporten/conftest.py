"""Fixtures of the leerlingimporten tests: a schoolbeheerder of 99AA and a helper that posts a file."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import httpx
import pytest
import respx

from oso_shared.auth import Rol

Auth = Callable[..., dict[str, str]]
Importeer = Callable[..., Coroutine[Any, Any, dict[str, Any]]]


@pytest.fixture
def beheerder(auth: Auth) -> dict[str, str]:
    """Headers of the schoolbeheerder of 99AA."""
    return auth(rol=Rol.SCHOOLBEHEERDER, rechten=(), sub="sb:99AA:1")


@pytest.fixture
def importeer(client: httpx.AsyncClient, beheerder: dict[str, str], registry: respx.MockRouter) -> Importeer:
    """POST one file to /v1/leerlingimporten; returns the JSON (asserts 201)."""

    async def post(
        data: bytes,
        soort: str = "leerlingen",
        *,
        modus: str = "inlezen",
        tekenset: str = "utf-8",
        vestigingscode: str = "00",
        schooljaar: str = "2026-2027",
        headers: dict[str, str] | None = None,
        status: int = 201,
    ) -> dict[str, Any]:
        form = {
            "soort": soort,
            "schooljaar": schooljaar,
            "vestigingscode": vestigingscode,
            "tekenset": tekenset,
            "modus": modus,
        }
        files = {"bestand": ("export.csv", data, "text/csv")}
        response = await client.post("/v1/leerlingimporten", data=form, files=files, headers=headers or beheerder)
        assert response.status_code == status, response.text
        result = response.json()
        assert isinstance(result, dict)
        return result

    return post
