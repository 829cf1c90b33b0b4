"""Test support: real PostgreSQL per service and xdist worker, respx on our transport, typed token helpers.

The pytest plugin (:mod:`oso_dev.testing.plugin`, registered as ``pytest11``) builds its fixtures on these:
a ``<prefix>_<service>_<worker>`` database recreated and migrated once per run, rolled back per test.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from typing import Any

import httpx
import respx
import respx.mocks
from sqlalchemy import text

from oso_dev.pg import recreate_database
from oso_dev.settings import TestSettings
from oso_dev.sleutels import Sleutelset
from oso_shared.auth import IDENTITEITSAANBIEDER, Principal, Rol
from oso_shared.db import Database
from oso_shared.migrations import upgrade
from oso_shared.settings import with_database

__all__ = [
    "RESPX_AIOHTTP",
    "Headers",
    "TestSettings",
    "TokenFor",
    "column_storage",
    "prepare_database",
    "test_server_url",
    "test_sleutels",
    "worker_database_url",
]

Headers = dict[str, str]


# The caller a ``dienst`` token comes from when a test does not say: the one the target's contract names.
STANDAARD_AANROEPER = {"dossier": "oso-gateway", "oso-gateway": "dossier", "registry": "oso-gateway"}


@functools.cache
def test_sleutels() -> Sleutelset:
    """The token keys of this test process (fresh per run; the plugin puts them in the environment)."""
    return Sleutelset.nieuw()


test_sleutels.__test__ = False  # type: ignore[attr-defined]


class TokenFor:
    """``token_for(rol, school=…, bestuur=…, swv=…, rechten=…, sub=…, dienst=…)`` → ``Authorization`` headers.

    User tokens are signed with the portal's key, as in production; a ``dienst`` token with the key of the calling
    service (``dienst=``, else the service ``sub`` names, else the caller the target's contract names), its ``sub``
    always ``dienst:<caller>``. ``doel`` is the audience: the service under test (or several, for the chain).
    A zorgcoördinator gets the Overdrachtsdossier right unless ``rechten`` says otherwise; ``sub`` defaults to
    ``test:<rol>:<scope>``.
    """

    def __init__(self, sleutels: Sleutelset, doel: str | Sequence[str]) -> None:
        self.sleutels = sleutels
        self.doel = doel

    def _aanroeper(self, sub: str | None, dienst: str | None) -> str:
        if dienst is not None:
            return dienst
        genoemd = (sub or "").removeprefix("dienst:")
        if genoemd in self.sleutels.prive:
            return genoemd
        doel = self.doel if isinstance(self.doel, str) else self.doel[0]
        return STANDAARD_AANROEPER.get(doel, "oso-gateway")

    def __call__(
        self,
        rol: Rol,
        *,
        school: str | None = None,
        bestuur: str | None = None,
        swv: str | None = None,
        rechten: Iterable[str] | None = None,
        sub: str | None = None,
        naam: str | None = None,
        dienst: str | None = None,
        lifetime: dt.timedelta = dt.timedelta(hours=2),
    ) -> Headers:
        if rol is Rol.DIENST:
            aanroeper = self._aanroeper(sub, dienst)
            tokens = self.sleutels.tokens(aanroeper)
            principal = Principal.van_dienst(aanroeper)
        else:
            if rechten is None:
                rechten = ("overdrachtsdossier",) if rol is Rol.ZORGCOORDINATOR else ()
            scope = {"bestuur": bestuur, "swv": swv, "school": school}
            label = bestuur or swv or school or "x"
            tokens = self.sleutels.tokens(IDENTITEITSAANBIEDER)
            principal = Principal(
                sub=sub or f"test:{rol.value}:{label}", rol=rol, naam=naam, rechten=frozenset(rechten), **scope
            )
        return {"authorization": f"Bearer {tokens.issue(principal, lifetime, audience=self.doel)}"}


def test_server_url() -> str:
    """The server the tests use (``TEST_DATABASE_URL``)."""
    return TestSettings().test_database_url


test_server_url.__test__ = False  # type: ignore[attr-defined]


def worker_database_url(service: str, worker_id: str) -> str:
    """``test_<service>_<worker>`` on the test server."""
    prefix = TestSettings().test_database_prefix
    return with_database(test_server_url(), f"{prefix}_{service}_{worker_id}".replace("-", "_"))


async def prepare_database(service: str, package: str, worker_id: str) -> str:
    """Recreate the worker's database for ``service`` and run its migrations; return the URL."""
    url = worker_database_url(service, worker_id)
    await recreate_database(url)
    await asyncio.to_thread(upgrade, package, url)
    return url


class AiohttpTransportMocker(respx.mocks.AbstractRequestMocker):
    """Lets respx stub calls made through :class:`oso_shared.http.AiohttpTransport`.

    respx patches httpcore by default, which our clients no longer use; ``using="httpx"`` would also catch
    the tests' own ASGI clients. This mocker patches only our transport: ``respx.mock(using=RESPX_AIOHTTP)``.
    """

    name = "oso-aiohttp"
    targets = ["oso_shared.http.AiohttpTransport"]
    target_methods = ["handle_async_request"]

    @classmethod
    def to_httpx_request(cls, **kwargs: Any) -> httpx.Request:
        request = kwargs["request"]
        assert isinstance(request, httpx.Request)
        return request

    @classmethod
    async def from_async_httpx_response(cls, httpx_response: httpx.Response, target: Any, **kwargs: Any) -> Any:
        return httpx_response


RESPX_AIOHTTP = AiohttpTransportMocker.name


async def column_storage(database: Database, table: str, column: str) -> str | None:
    """PostgreSQL's storage mode of a column (``p`` plain, ``e`` external, ``x`` extended, ``m`` main)."""
    async with database.transaction() as session:
        storage = await session.scalar(
            text(
                "SELECT CAST(attstorage AS text) FROM pg_attribute"
                " WHERE attrelid = CAST(:table AS regclass) AND attname = :column"
            ),
            {"table": table, "column": column},
        )
    return None if storage is None else str(storage)
