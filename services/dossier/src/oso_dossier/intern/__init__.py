"""Service-to-service API: status events from the oso-gateway."""
