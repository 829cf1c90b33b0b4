"""Pages of the school area."""
