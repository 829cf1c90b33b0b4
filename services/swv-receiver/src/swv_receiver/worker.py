"""Old entry point ``python -m swv_receiver.worker``: the worker is ``swv_receiver.outbox.worker`` now."""

from swv_receiver.outbox.worker import main

if __name__ == "__main__":
    main()
