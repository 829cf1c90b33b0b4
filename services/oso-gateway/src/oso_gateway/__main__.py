"""``python -m oso_gateway``: serve the oso-gateway service with uvicorn on its configured host and port."""

from __future__ import annotations

import uvicorn

from oso_gateway.settings import Settings


def main() -> None:
    """Run the service in the foreground."""
    settings = Settings()
    uvicorn.run(
        "oso_gateway.main:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level.lower(),
        access_log=False,
        proxy_headers=False,
    )


if __name__ == "__main__":
    main()
