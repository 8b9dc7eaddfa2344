# The two commands of the README: `make run` and `make test`.
# PYTHON may name an interpreter (>= 3.12); otherwise python3 (pyenv honours .python-version).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed
DEVDB := $(PY) -m ocop_portal.devdb run --

.PHONY: run test serve bench check-reliability lint install clean-db messages

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null || \
	  { echo "error: Python >= 3.12 is needed (Django 6); found $$($(PYTHON) --version 2>&1). Run: make $(MAKECMDGOALS) PYTHON=/path/to/python3.12"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -qq --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# Serve the portal with the demo data at http://127.0.0.1:$(PORT) (Ctrl-C stops it and the database).
run: $(STAMP)
	@$(DEVDB) sh -c '$(PY) manage.py migrate --noinput -v0 && \
	  $(PY) manage.py load_demo && \
	  exec $(PY) manage.py runserver 127.0.0.1:$(PORT)'

TEST_WORKERS ?= 2
# Lint, checks and the whole test suite against PostgreSQL (embedded unless DATABASE_URL is set).
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@$(DEVDB) sh -c '$(PY) manage.py check --fail-level WARNING && \
	  $(PY) manage.py makemigrations --check --dry-run -v1 && \
	  $(PY) -m pytest -q -p no:randomly -n $(TEST_WORKERS) --create-db -m "not reliability" $(PYTEST_ARGS)'

# Production profile: gunicorn + whitenoise; needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
serve: $(STAMP)
	@$(DEVDB) sh -c 'DJANGO_DEBUG=0 $(PY) manage.py collectstatic --noinput -v0 && \
	  DJANGO_DEBUG=0 $(PY) manage.py migrate --noinput -v0 && \
	  DJANGO_DEBUG=0 exec $(VENV)/bin/gunicorn ocop_portal.wsgi:application --bind 127.0.0.1:$(PORT) \
	    --workers $${WEB_CONCURRENCY:-2} --access-logfile -'

# The benchmark at BENCH_SCALE=small (20,000 products, minutes) or large (200,000): the portal against a
# naive build and the raw-SQL limit, gunicorn under wrk, the import; bench/results/latest.json (bench/README.md).
# Its data lives in its own embedded cluster (var/benchdata), started and stopped here.
BENCH_SCALE ?= small
bench: $(STAMP)
	@BENCH_SCALE=$(BENCH_SCALE) OCOP_PGDATA=$(CURDIR)/var/benchdata $(DEVDB) $(PY) bench/run.py

# Load, faults, hostile input and backup round trip on an embedded PostgreSQL of its own
# (var/pgdata-reliability); prints one summary table. Takes a while: not part of `make test`.
check-reliability: $(STAMP)
	$(PY) -m ocop_portal.reliability $(RELIABILITY_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

# Regenerate the English catalogue (needs GNU gettext); the compiled .mo is committed, so a machine
# without gettext still runs in English. Vietnamese is the source language: it needs no catalogue.
# Locations without line numbers keep the .po from changing with every edit of the code.
# After this, translate the new or fuzzy entries of locale/en/LC_MESSAGES/django.po and run it again.
MAKEMESSAGES_IGNORE := --ignore '.venv/*' --ignore 'var/*' --ignore 'bench/*' --ignore 'tests/*' --ignore 'static/vendor/*'
messages: $(STAMP)
	$(PY) manage.py makemessages -l en --add-location file $(MAKEMESSAGES_IGNORE)
	$(PY) manage.py compilemessages --ignore '.venv/*' --ignore 'var/*'

clean-db:
	$(PY) -m ocop_portal.devdb stop
	rm -rf var/pgdata
