"""Old entry point, kept until the supervisor and Helm call ``python -m oso_gateway.outbox.worker``."""

from oso_gateway.outbox.worker import main, run

__all__ = ["main", "run"]

if __name__ == "__main__":
    main()
