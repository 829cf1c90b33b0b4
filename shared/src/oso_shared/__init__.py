"""Cross-cutting infrastructure shared by every OSO service."""
