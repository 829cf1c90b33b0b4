"""Pages of the dossiers area."""
