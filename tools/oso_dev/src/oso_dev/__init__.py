"""Development-only tools of the OSO exchange: demo world, ``make run`` supervisor, embedded PostgreSQL, tests.

No runtime package imports this one (an import-linter contract in ``tests/test_architectuur.py`` enforces it).
"""
