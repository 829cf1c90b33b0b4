"""Checks of deploy/: the Helm chart, the compose file and the Dockerfile (run by `make deploy-check`)."""
