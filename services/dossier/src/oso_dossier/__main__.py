"""``python -m oso_dossier``: serve the dossier service with uvicorn on its configured host and port."""

from __future__ import annotations

from oso_dossier.settings import Settings
from oso_shared.app import serve
from oso_shared.settings import load_settings


def main() -> None:
    """Run the service in the foreground."""
    serve("oso_dossier.main:create_app", load_settings(Settings, "oso_dossier"))


if __name__ == "__main__":
    main()
