"""The world of the permission matrix, built once per test module and rolled back after it.

The rows of a matrix runner only read it (or change it inside their own test's transaction,
which pytest-django rolls back to this savepoint), so one build serves a thousand rows.
"""

import pytest
from django.db import transaction

from tests.access.world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
