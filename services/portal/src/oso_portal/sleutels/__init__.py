"""The portal as identity provider: the public keys its user tokens are verified with."""
