"""Pages of the swv area."""
