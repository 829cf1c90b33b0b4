"""Notificaties: the gateway's outbox (SWV notifications, status events to the dossier service) and its worker."""
