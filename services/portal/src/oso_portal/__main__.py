"""``python -m oso_portal``: serve the portal service with uvicorn on its configured host and port."""

from __future__ import annotations

from oso_portal.settings import Settings
from oso_shared.app import serve


def main() -> None:
    """Run the service in the foreground."""
    serve("oso_portal.main:create_app", Settings())


if __name__ == "__main__":
    main()
