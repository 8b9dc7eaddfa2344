"""Where one request of the benchmark spends its time: its queries with their plans, or a Python profile.

    .venv/bin/python bench/profile.py URL [--scale large] [--as officer|anonymous] [--explain] [--pyinstrument]

The request runs in process against the benchmark database (``bench/settings.py``), as the
benchmark's provincial officer (API token, or a signed-in session for pages) or anonymously.
Without options it lists the request's queries with their times; ``--explain`` adds
``EXPLAIN (ANALYZE, BUFFERS)`` of each; ``--pyinstrument`` profiles ten requests
(``pip install pyinstrument``: a tool for this, not a dependency of the portal).
"""

import argparse
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--scale", default=os.environ.get("BENCH_SCALE", "small"))
    parser.add_argument("--as", dest="actor", choices=["officer", "anonymous"], default="officer")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--pyinstrument", action="store_true")
    options = parser.parse_args()
    os.environ["BENCH_SCALE"] = options.scale

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.run import officer_and_token

    client, headers = Client(), {}
    if options.actor == "officer":
        user, secret = officer_and_token()
        if options.url.startswith("/api/"):
            headers = {"Authorization": f"Bearer {secret}"}
        else:
            client.force_login(user)
    for _ in range(3):  # warm: connections, caches, templates
        client.get(options.url, headers=headers)

    if options.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(10):
            client.get(options.url, headers=headers)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False))
        return

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(options.url, headers=headers)
        elapsed = time.perf_counter() - started
    sql_ms = sum(float(query["time"]) for query in captured) * 1000
    print(f"{response.status_code} in {elapsed * 1000:.1f} ms: {len(captured)} queries, {sql_ms:.1f} ms in SQL")
    for number, query in enumerate(captured):
        print(f"\n[{number}] {float(query['time']) * 1000:.1f} ms  {query['sql']}")
        if options.explain and query["sql"].lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                print("\n".join("    " + row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
