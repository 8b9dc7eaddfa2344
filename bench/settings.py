"""Settings of the benchmark process: the real settings, the benchmark database, the bench URLs.

The bench urlconf adds the naive baseline (``bench/naive.py``) and the raw-SQL limit
(``bench/raw.py``) beside the portal's own URLs; they exist only in this process, never in the
portal. ``DEBUG`` is off as in production (no query log, cached templates); static files keep the
plain storage so pages render without ``collectstatic``.
"""

from bench.db import use_bench_database

use_bench_database()

from ocop_portal.settings import *  # noqa: E402, F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
# The measurement sends hundreds of requests a second from one token: the API's rate limits (a
# production setting, ``OCOP_API_RATE_*``) would answer 429 and measure nothing.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"token": "1000000/min", "user": "1000000/min", "anon": "1000000/min"},
}
