"""``python -m swv_receiver``: serve the swv-receiver service with uvicorn on its configured host and port."""

from __future__ import annotations

import uvicorn

from swv_receiver.settings import Settings


def main() -> None:
    """Run the service in the foreground."""
    settings = Settings()
    uvicorn.run(
        "swv_receiver.main:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level.lower(),
        access_log=False,
        proxy_headers=False,
    )


if __name__ == "__main__":
    main()
