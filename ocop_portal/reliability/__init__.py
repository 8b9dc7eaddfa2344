"""Reliability checks run by ``make check-reliability`` (``python -m ocop_portal.reliability``).

- ``fingerprints``: row counts and checksums of every table (backup round trip, injected faults);
- ``server``: gunicorn with the production settings on a free loopback port, and its own
  embedded PostgreSQL when a drill must stop the database;
- ``load``: mixed reads and writes for a fixed time, requests/s, p95 and errors;
- ``drill``: PostgreSQL stopped and started under a running portal (503, then recovery);
- ``backup_check``: ``manage.py backup``, wipe, ``manage.py restore``, every table compared;
- ``__main__``: runs them all with the ``reliability`` tests and prints one summary table.
"""
