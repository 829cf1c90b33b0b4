"""Accounts: portal users, passwords, sessions and rights."""
