"""Samenwerkingsverbanden, their aanleverpunten and the schools they registered (step 1)."""
