"""Schemathesis with many more examples than ``make test`` uses, as three kinds of caller, and stateful.

The normal suite (``tests/api/test_schemathesis.py``) sends 15 examples per operation as an
officer. Here each operation gets 60 examples as an officer with a read-write token, 30 as
district staff and 30 as the public, and a state machine chains the operations (a registration
created, then read, its workflow steps and files) with the links schemathesis infers. No 5xx,
and every response as documented. As in the normal suite, ``positive_data_acceptance`` is left
out: data that fits the schema may still be refused for a reason the schema cannot express (out
of scope, wrong state). ``negative_data_rejection`` (is every request outside the schema refused,
e.g. an empty filter value?) is the contract suite's subject, with all its checks
(``tests/api/test_schemathesis.py``): this run is about robustness at volume. Throttling is
lifted (it is tested on its own): a 429 here would hide what the examples reach.
"""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, settings
from psycopg2.extensions import TRANSACTION_STATUS_INERROR
from schemathesis.specs.openapi.checks import ignored_auth, negative_data_rejection, positive_data_acceptance

from ocop_portal.api.throttling import AnonRateThrottle, SessionUserRateThrottle, TokenRateThrottle
from ocop_portal.wsgi import application
from tests.access.world import build_world
from tests.api.conftest import token_for

pytestmark = [pytest.mark.reliability, pytest.mark.django_db]

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
EXCLUDED = [positive_data_acceptance, negative_data_rejection]
OFFICER_EXAMPLES, OTHER_EXAMPLES, STATEFUL_EXAMPLES = 60, 30, 60


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Keep the test's connection (and its transaction with the test data) across requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _no_throttling(monkeypatch):
    for throttle in (TokenRateThrottle, SessionUserRateThrottle, AnonRateThrottle):
        monkeypatch.setitem(throttle.THROTTLE_RATES, throttle.scope, "1000000/min")


@pytest.fixture
def tokens(db):
    world = build_world()
    return {role: token_for(world.user(role)) for role in ("officer", "staff_nari")}


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


@contextmanager
def as_in_production():
    """Each request as if it ran on its own: a statement the database refused (a 400 for an absurd
    filter value) must not abort the test's transaction for the requests after it, as it would
    not in production (autocommit)."""
    savepoint = connection.savepoint()
    try:
        yield
    finally:
        if connection.connection.get_transaction_status() == TRANSACTION_STATUS_INERROR:
            connection.savepoint_rollback(savepoint)
        else:
            connection.savepoint_commit(savepoint)


def call_and_validate(case, headers=None):
    with as_in_production():
        case.call_and_validate(headers=headers, excluded_checks=EXCLUDED)


@schema.parametrize()
@settings(max_examples=OFFICER_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_as_an_officer(case, tokens):
    call_and_validate(case, bearer(tokens["officer"]))


@schema.parametrize()
@settings(max_examples=OTHER_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_as_district_staff(case, tokens):
    call_and_validate(case, bearer(tokens["staff_nari"]))


@schema.parametrize()
@settings(max_examples=OTHER_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_as_the_public(case, db):
    call_and_validate(case)


def test_statefully_as_district_staff(tokens):
    machine = schema.as_state_machine()

    class DistrictStaff(machine):
        def before_call(self, case):
            # On the case itself, so that the check for ignored authentication can take it away again.
            case.headers = {**(case.headers or {}), **bearer(tokens["staff_nari"])}

        def call(self, case, **kwargs):
            with as_in_production():
                return super().call(case, **kwargs)

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # ``ignored_auth`` probes one security scheme with made-up credentials while the token set here
            # still authenticates (the schema offers a token or a session): it cannot hold with a fixed
            # token. Tokens and sessions have their own tests (tests/api/test_tokens.py).
            case.validate_response(response, excluded_checks=[*EXCLUDED, ignored_auth], transport_kwargs=kwargs or None)

    DistrictStaff.run(
        settings=settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )
