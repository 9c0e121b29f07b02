# `make run` serves the whole site on SQLite with demo data; `make test` runs
# every check against PostgreSQL and Redis on this machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
TEST_REDIS_URL ?= redis://127.0.0.1:6379/1
TEST_BROKER_URL ?= redis://127.0.0.1:6379/0
# One test database per checkout, so two checkouts can test on one machine.
TEST_DATABASE_NAME ?= test_clinic_$(shell printf %s "$(CURDIR)" | cksum | cut -d' ' -f1)

.PHONY: install lock run test lint format clean

install: $(VENV)/.installed node_modules/.installed

# Exact versions from requirements.lock; pyproject.toml keeps the ranges.
# `make lock` writes the lock again after a change to pyproject.toml.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

lock: $(VENV)/.installed
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra test --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file requirements.lock pyproject.toml

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py demo_data
	@echo "Serving http://127.0.0.1:8000 with a Celery worker. Emails land in data/emails/, texts in data/sms/. Ctrl-C stops both."
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(BIN)/celery -A clinic worker --beat --pool=solo --loglevel=WARNING & worker=$$!; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: export DEBUG = true
test: export DATABASE_URL = $(TEST_DATABASE_URL)
test: export REDIS_URL = $(TEST_REDIS_URL)
test: export CELERY_BROKER_URL = $(TEST_BROKER_URL)
test: export TEST_DATABASE_NAME := $(TEST_DATABASE_NAME)
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest
	@echo "The booking service again, on SQLite (the embedded default's database):"
	DATABASE_URL=sqlite:///$(CURDIR)/data/ci.sqlite3 $(BIN)/pytest -m sqlite
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) \
	  TEST_BROKER_URL=$(TEST_BROKER_URL) $(BIN)/python -m tests.production.lineup

lint:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules data staticfiles
