# Two commands for a fresh machine: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
# uv from PATH, else the PyPI package run as a module (installed below when missing).
UV ?= $(shell command -v uv 2>/dev/null || echo python3 -m uv)
export UV_PYTHON_DOWNLOADS := never
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test
export TEST_DATABASE_URL
PYTEST_WORKERS ?= 2

.PHONY: help uv install run test lint typecheck unit e2e browser bench clean

help:
	@echo "make run   - install, migrate, load demo data and start all services (Ctrl-C stops them)"
	@echo "make test  - ruff, ruff format --check, mypy strict and the whole pytest suite on PostgreSQL"

uv:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv

install: uv
	$(UV) sync --frozen --all-packages

run: install
	$(UV) run --frozen oso-dev run

lint: install
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

# Test directories are checked one at a time: each has its own conftest.py and test module names.
TYPECHECK_DIRS := shared/tests $(wildcard services/*/tests) tests bench

typecheck: install
	$(UV) run --frozen mypy shared/src services/*/src tools/*/src
	set -e; for d in $(TYPECHECK_DIRS); do $(UV) run --frozen mypy $$d; done

unit: install
	$(UV) run --frozen pytest -n $(PYTEST_WORKERS) -m "not browser and not e2e and not slow" -q --ignore=tests/deploy

e2e: install
	$(UV) run --frozen pytest -m "e2e or slow" -q -p no:randomly

browser: install
	$(UV) run --frozen pytest -m browser -q

test: lint typecheck deploy-check unit e2e browser

bench: install
	$(UV) run --frozen python bench/registry_check.py
	$(UV) run --frozen python bench/validate.py
	$(UV) run --frozen python bench/http_client.py
	$(UV) run --frozen python bench/e2e.py

clean:
	rm -rf .run .venv .mypy_cache .ruff_cache

# deploy/: Helm lint + template (default and values-productie.yaml) validated against the Kubernetes schemas,
# compose.yaml against the compose-spec schema, the Dockerfile against our own rules. Offline, a few seconds.
.PHONY: deploy-check
deploy-check: install
	$(UV) run --frozen pytest tests/deploy -q -p no:randomly
