"""Rotation of the PGN keys (BSN, onderwijsnummer at rest): re-encrypt every stored value to the newest key."""
