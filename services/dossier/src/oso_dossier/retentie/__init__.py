"""Retention: purging the content of closed dossiers after the bewaartermijn."""
