"""``python -m oso_registry``: serve the registry service with uvicorn on its configured host and port."""

from __future__ import annotations

from oso_registry.settings import Settings
from oso_shared.app import serve
from oso_shared.settings import load_settings


def main() -> None:
    """Run the service in the foreground."""
    serve("oso_registry.main:create_app", load_settings(Settings, "oso_registry"))


if __name__ == "__main__":
    main()
