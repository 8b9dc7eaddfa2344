"""A replay clock, so that the demo's history is written at the dates it happened.

The services stamp and decide by ``django.utils.timezone.now()`` / ``localdate()``: a certificate
whose 36 months have already ended is stored as expired and leaves the product without a current
star; only a product with a current star may register an upgrade or a re-evaluation; a
registration's year may not lie in the future; ``created_at``, ``submitted_at`` and
``finalised_at`` say when things were done. Back-filling eight years "today" would make every
2018 record look typed in 2026 and would stop the 2019 upgrades at the registration rules.
Replaying each step at its own date lets the unchanged services build the history as it was
lived: certificates active, then superseded or expired; products rated, upgrading, lapsed.

Only ``timezone.now`` is replaced (every project module calls it through the module), for the
duration of a ``with`` block and only in the process that loads the demo. Each call returns a
moment one second later than the previous one, so records made "the same day" keep their order.
Database-side timestamps (the audit triggers' ``now()``) keep the real time: the audit log tells
the truth about when the demo was loaded.
"""

import datetime
from contextlib import contextmanager

from django.utils import timezone

OFFICE_HOURS_START = datetime.time(8, 0)


class ReplayClock:
    def __init__(self):
        self._moment = None

    def set(self, day: datetime.date) -> None:
        """Move to 08:00 (Asia/Ho_Chi_Minh) of ``day``; never backwards, so stamps keep their order."""
        moment = timezone.make_aware(datetime.datetime.combine(day, OFFICE_HOURS_START))
        if self._moment is None or moment > self._moment:
            self._moment = moment

    def now(self) -> datetime.datetime:
        if self._moment is None:
            raise RuntimeError("ReplayClock.set() must be called before the clock is read")
        self._moment += datetime.timedelta(seconds=1)
        return self._moment


@contextmanager
def replaying():
    """Replace ``timezone.now`` by a replay clock inside the block; the real clock comes back after."""
    clock = ReplayClock()
    real_now = timezone.now
    timezone.now = clock.now
    try:
        yield clock
    finally:
        timezone.now = real_now
