"""The dossier service's transactional outbox towards the oso-gateway: table, handlers and worker process."""
