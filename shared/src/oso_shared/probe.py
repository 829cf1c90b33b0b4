"""``python -m oso_shared.probe <package>``: the exec probe of worker processes, which serve no HTTP.

Exit 0 when the database of the service in ``<package>`` answers ``SELECT 1``, else 1 with the reason on
stderr. Deliberately light (asyncpg and the settings only, no SQLAlchemy or FastAPI): Kubernetes runs it
every probe period.
"""

from __future__ import annotations

import asyncio
import sys

import asyncpg

from oso_shared.settings import database_url_of


async def check(package: str, timeout: float = 5.0) -> str | None:
    """None when the database of ``package``'s service answers within ``timeout`` seconds, else why not."""
    try:
        url = database_url_of(package)
    except ModuleNotFoundError:
        return f"unknown service package {package!r}"
    # asyncpg reads libpq's parameters (sslmode, sslrootcert…) from the URL itself.
    dsn = url.replace("postgresql+asyncpg://", "postgresql://", 1)
    try:
        conn = await asyncpg.connect(dsn, timeout=timeout)
        try:
            await conn.fetchval("SELECT 1", timeout=timeout)
        finally:
            await conn.close()
    except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def main(argv: list[str] | None = None) -> int:
    """Run :func:`check` for the package named on the command line; the process exit code."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m oso_shared.probe <package>", file=sys.stderr)  # noqa: T201
        return 2
    reason = asyncio.run(check(args[0]))
    if reason is not None:
        print(f"not ready: {reason}", file=sys.stderr)  # noqa: T201
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
