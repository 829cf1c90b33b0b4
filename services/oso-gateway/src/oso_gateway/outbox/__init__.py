"""The gateway's transactional outbox: SWV notifications and status events for the dossier service."""
