"""Besturen, scholen, vestigingen, systemen and diensten, plus the school's own OSO-SWV setup (step 3)."""
