"""``python -m oso_gateway``: serve the oso-gateway service with uvicorn on its configured host and port."""

from __future__ import annotations

from oso_gateway.settings import Settings
from oso_shared.app import serve
from oso_shared.settings import load_settings


def main() -> None:
    """Run the service in the foreground."""
    serve("oso_gateway.main:create_app", load_settings(Settings, "oso_gateway"))


if __name__ == "__main__":
    main()
