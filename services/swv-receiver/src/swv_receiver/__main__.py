"""``python -m swv_receiver``: serve the swv-receiver service with uvicorn on its configured host and port."""

from __future__ import annotations

from oso_shared.app import serve
from oso_shared.settings import load_settings
from swv_receiver.settings import Settings


def main() -> None:
    """Run the service in the foreground."""
    serve("swv_receiver.main:create_app", load_settings(Settings, "swv_receiver"))


if __name__ == "__main__":
    main()
