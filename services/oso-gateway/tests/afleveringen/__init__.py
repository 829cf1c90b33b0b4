"""Tests of the oso-gateway service (a package, so the tests import ``helpers`` relatively)."""
