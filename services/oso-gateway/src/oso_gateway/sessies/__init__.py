"""Sessies: authentication of SWV systems with short-lived EdDSA JWTs (single-use ``jti``)."""
