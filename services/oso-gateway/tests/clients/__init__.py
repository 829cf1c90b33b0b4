"""Tests of the gateway's clients of its peers."""
