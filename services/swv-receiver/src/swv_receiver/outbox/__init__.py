"""The receiver's outbox: fetching notified dossiers and sending terugkoppeling, drained by the worker."""
