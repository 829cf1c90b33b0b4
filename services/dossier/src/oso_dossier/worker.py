"""Old entry point ``python -m oso_dossier.worker``; the worker is :mod:`oso_dossier.outbox.worker`."""

from oso_dossier.outbox.worker import main

if __name__ == "__main__":
    main()
