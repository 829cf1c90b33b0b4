"""Pages of the bestuur area."""
