"""Afleveringen: deliveries taken over from the dossier service's outbox."""
