"""The audit log: who did what to which leerling or dossier (never the content)."""
