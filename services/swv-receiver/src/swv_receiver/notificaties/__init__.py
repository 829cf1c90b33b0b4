"""Notifications from the gateway: deduplicated on koppelsleutel, each fetched once by the worker."""
