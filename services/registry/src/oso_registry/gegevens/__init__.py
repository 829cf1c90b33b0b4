"""Bulk import and export of the registry in one documented JSON format (used by ``registry-admin``)."""
