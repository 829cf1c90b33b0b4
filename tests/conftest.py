"""Root of the cross-service tests: makes ``tests.e2e.keten`` importable (pytest runs with importlib mode)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
