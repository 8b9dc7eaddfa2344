"""Fixtures of the audit tests: the access matrix's small province and a way to see the events a step left."""

import pytest
from django.core.cache import cache

from ocop_portal import audit_selectors
from tests.access.world import build_world


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """API throttle counters live in the cache: each test starts with a full budget."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return build_world()


class NewEvents:
    """The events written since this object was made, across every history table, oldest first."""

    def __init__(self):
        self.start = {
            label: model.objects.order_by("-pgh_id").values_list("pgh_id", flat=True).first() or 0
            for label, model in audit_selectors.tracked().items()
        }

    def __call__(self):
        found = []
        for label, model in audit_selectors.tracked().items():
            rows = model.objects.filter(pgh_id__gt=self.start[label]).select_related("pgh_context").order_by("pgh_id")
            found.extend((label, event) for event in rows)
        return found

    def one(self):
        """The single event written since; fails if there were none or several."""
        found = self()
        assert len(found) == 1, [(label, event.pgh_label) for label, event in found]
        return found[0]


@pytest.fixture
def new_events():
    return NewEvents


def context_of(event) -> dict:
    return event.pgh_context.metadata if event.pgh_context else {}
