# Gerbang: `make up` runs the system, `make test` runs every check CI runs.
PYTHON ?= python3
VENV ?= .venv
DATA ?= gerbang-data
BIN := $(VENV)/bin

.PHONY: setup up test check pytest security unit fast deps services bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

up: setup
	$(BIN)/gerbang up --data $(DATA)

# What the tests drive, from Debian's packages, in one apt run and only when something is missing:
# Chromium for the page tests (Playwright's own browser download cannot be used), Patroni and etcd
# for the failover drills (python3-etcd and python3-psycopg2 are what Debian's Patroni talks with),
# pgBackRest for PostgreSQL's backups, chattr/lsattr (e2fsprogs) to seal the vault's files.
DEBIAN_PACKAGES := chromium patroni etcd-server python3-etcd python3-psycopg2 pgbackrest e2fsprogs
NEEDED_COMMANDS := chromium patroni etcd pgbackrest chattr

deps:
	@missing=""; for c in $(NEEDED_COMMANDS); do command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages for:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBIAN_PACKAGES) >/dev/null; \
	fi

# PostgreSQL normally runs already; start it if it does not answer.
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done; echo "PostgreSQL did not start" >&2; exit 1

check: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Tests run in parallel (pytest-xdist); every test makes its own database, files and ports. The lab
# drills (clusters of real PostgreSQL, Patroni and etcd under timed failover) run after the rest, one
# after the other: their timings must not be decided by browser tests, nor by another lab booting on
# the same two cores.
WORKERS ?= 4
REQUIRE_ALL := GERBANG_REQUIRE_POSTGRES=1 GERBANG_REQUIRE_BROWSER=1 GERBANG_REQUIRE_LAB=1

pytest: setup deps services
	$(REQUIRE_ALL) $(BIN)/pytest -n $(WORKERS) --dist loadgroup -m "not lab"
	$(REQUIRE_ALL) $(BIN)/pytest -m lab

# Each attack of tests/security against real processes, schemathesis against every node's OpenAPI.
security: setup services
	$(BIN)/pytest -q tests/security

# The inner loop: pure tests only, no database, network or browser (a few seconds).
unit: setup
	$(BIN)/pytest -q -n 2 tests/unit

# Everything but the browser and the slow whole-platform drills.
fast: setup services
	$(BIN)/pytest -q -n $(WORKERS) -m "not browser and not slow"

test: check pytest

# The quick benchmarks; the million-entry ones are run by hand (see the README's performance table).
bench: setup
	$(BIN)/python bench/mrz_bench.py
	$(BIN)/python bench/visa_verify_bench.py

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache .mypy_cache .ruff_cache
