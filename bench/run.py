"""The benchmark: the portal side by side with a naive build and the raw-SQL limit, under load, and the import.

    .venv/bin/python bench/run.py [--scale small|large] [--requests 200] [--load-seconds 30]
                                  [--skip-load] [--skip-import] [--only product_list,summary,...]

1. The dataset of the scale (``bench/generate.py``; generated once, reused while scale and seed
   are unchanged) in the benchmark's own database (``bench/db.py``).
2. In process, through the whole middleware stack (Django test client, ``DEBUG`` off): each
   endpoint warmed up, then ``--requests`` timed requests per variant, the variants interleaved
   request by request so that a busy machine slows them alike. p50 / p95 per variant, query
   counts of one request each (and of a 10-row page: a list's count must not grow with it).
3. gunicorn with 2 workers and the production settings (``DJANGO_DEBUG=0``) on loopback under
   ``wrk`` (or, without wrk, a bounded Python load loop that says so): requests/s, p50, p95,
   errors, the peak memory of a worker.
4. ``bench/import_bench.py --rows 10000`` (producers + products through the real import).

The results are printed as a table and written to ``bench/results/latest.json`` (git-ignored).
Speed is compared by ratios measured in one run on one machine, never by timed assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
RESULTS = BASE_DIR / "bench" / "results"
PYTHON = sys.executable

PROVINCE = "19"  # Thái Nguyên since 1/7/2025: old Bắc Kạn (06) and old Thái Nguyên (19) merged
GROUP = "148-2023/I.3"  # processed food, the largest group
SEARCH = "mien dong"  # no diacritics: must find "Miến dong …"
SUMMARY_YEAR = 2025


# --- Timing ----------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def stats(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(percentile(ms, 0.95), 2), "n": len(ms)}


class Variant:
    """One way of serving an endpoint: a client, a list of URLs it cycles through, headers."""

    def __init__(self, name, client, urls, headers=None, user=None):
        self.name, self.client, self.urls, self.headers = name, client, urls, headers or {}
        self.user = user  # signed in (a session) just before measuring: sessions lapse after 30 idle minutes
        self.times: list[float] = []

    def get(self, i: int):
        response = self.client.get(self.urls[i % len(self.urls)], headers=self.headers)
        if response.status_code != 200:
            raise SystemExit(f"{self.name}: {self.urls[i % len(self.urls)]} answered {response.status_code}")
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        return response

    def queries(self, url=None) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url or self.urls[0], headers=self.headers)
            assert response.status_code == 200, response.status_code
        return len(captured)


def measure(variants: list[Variant], requests: int, warmup: int, budget: float | None = None) -> bool:
    """``requests`` timed rounds after ``warmup`` (at most a minute of it, at least two rounds); with a
    ``budget`` (seconds), fewer if it runs out (at least 10 rounds). Returns whether the budget cut
    the run short."""
    warm_until = time.monotonic() + 60
    for i in range(warmup):
        if i >= 2 and time.monotonic() > warm_until:
            break
        for variant in variants:
            variant.get(i)
    deadline = time.monotonic() + budget if budget else None
    for i in range(requests):
        if deadline is not None and i >= 10 and time.monotonic() > deadline:
            return True
        for variant in variants:
            started = time.perf_counter()
            variant.get(i)
            variant.times.append(time.perf_counter() - started)
    return False


# --- The actors and the pages ----------------------------------------------------------------------


def officer_and_token():
    """A provincial officer of the new Thái Nguyên (19) with a read-only API token."""
    from django.contrib.auth import get_user_model

    from ocop_portal.services import api_token_create
    from organizations.models import AdministrativeUnit, StaffAssignment

    province = AdministrativeUnit.objects.get(era="new", code=PROVINCE)
    user, _created = get_user_model().objects.get_or_create(username=f"run_officer_{PROVINCE}")
    StaffAssignment.objects.get_or_create(
        user=user, is_active=True, defaults={"role": StaffAssignment.Role.OFFICER, "unit": province}
    )
    _token, secret = api_token_create(user=None, owner=user, name="benchmark", read_only=True)
    return user, secret


def endpoints(user, secret) -> dict[str, list[Variant]]:
    from django.test import Client

    from organizations import access
    from organizations.models import AdministrativeUnit
    from products.models import ProductGroup

    api = Client()
    anonymous = Client()
    browser = Client()
    bearer = {"Authorization": f"Bearer {secret}"}
    scope = ",".join(access.scope_of(user).view)
    units = AdministrativeUnit.objects.filter(code=PROVINCE)
    areas = ",".join(sorted({path for unit in units for path in access.scope_paths(unit)}))
    scheme, rest = GROUP.split("/")
    branch, group = rest.split(".")
    group_id = ProductGroup.objects.get(branch__scheme__code=scheme, branch__code=branch, code=group).pk

    list_query = urlencode({"area": PROVINCE, "star_min": 3, "group": GROUP})
    raw_list = urlencode({"scope": scope, "paths": areas, "star_min": 3, "group_id": group_id})
    search_query = urlencode({"q": SEARCH})
    raw_search = urlencode({"scope": scope, "q": SEARCH})
    page = api.get(f"/api/v1/products/?{list_query}", headers=bearer).json()
    ids = [row["id"] for row in page["results"]] or [1]
    return {
        "product_list": [
            Variant("ours", api, [f"/api/v1/products/?{list_query}"], bearer),
            Variant("naive", api, [f"/bench/naive/products/?{list_query}"], bearer),
            Variant("raw", api, [f"/bench/raw/products/?{raw_list}"]),
        ],
        "product_search": [
            Variant("ours", api, [f"/api/v1/products/?{search_query}"], bearer),
            Variant("naive", api, [f"/bench/naive/products/?{search_query}"], bearer),
            Variant("raw", api, [f"/bench/raw/products/?{raw_search}"]),
        ],
        "product_detail": [
            Variant("ours", api, [f"/api/v1/products/{pk}/" for pk in ids], bearer),
            Variant("naive", api, [f"/bench/naive/products/{pk}/" for pk in ids], bearer),
            Variant("raw", api, [f"/bench/raw/products/{pk}/?scope={scope}" for pk in ids]),
        ],
        "summary": [
            Variant("ours", api, [f"/api/v1/reports/summary/?year={SUMMARY_YEAR}&area={PROVINCE}"], bearer),
        ],
        "dashboard": [Variant("ours", browser, ["/dashboard/"], user=user)],
        "catalogue": [Variant("ours", anonymous, ["/catalogue/", "/catalogue/?page=2", "/catalogue/?star=4"])],
    }


def same_rows(variants: list[Variant]) -> bool:
    """The three variants of a list answer the same rows in the same order (else the race is unfair)."""
    pages = [[row["id"] for row in v.get(0).json()["results"]] for v in variants]
    counts = {v.get(0).json()["count"] for v in variants}
    return all(page == pages[0] for page in pages) and len(counts) == 1


def in_process(requests, warmup, only, budget, results: dict, save) -> str:
    """Measure each endpoint into ``results``, calling ``save()`` after each (a long run keeps what it measured)."""
    user, secret = officer_and_token()
    for name, variants in endpoints(user, secret).items():
        if only and name not in only:
            continue
        print(f"  {name} …", flush=True)
        for variant in variants:
            if variant.user is not None:
                variant.client.force_login(variant.user)
        entry = {"url": variants[0].urls[0]}
        if len(variants) > 1 and name != "product_detail":
            entry["same_rows"] = same_rows(variants)
            entry["count"] = variants[0].get(0).json()["count"]
        started = time.perf_counter()
        if measure(variants, requests, warmup, budget):
            entry["budget_cut"] = f"stopped after {budget:.0f} s with {len(variants[0].times)} of {requests} requests"
        entry["seconds"] = round(time.perf_counter() - started, 1)
        for variant in variants:
            figures = stats(variant.times)
            entry[f"{variant.name}_p50_ms"] = figures["p50_ms"]
            entry[f"{variant.name}_p95_ms"] = figures["p95_ms"]
            entry[f"{variant.name}_queries"] = variant.queries()
        entry["requests"] = len(variants[0].times)
        if "raw_p50_ms" in entry:
            entry["ours_vs_raw"] = round(entry["ours_p50_ms"] / entry["raw_p50_ms"], 2)
            entry["naive_vs_ours"] = round(entry["naive_p50_ms"] / entry["ours_p50_ms"], 2)
        if name in ("product_list", "product_search"):
            small_page = variants[0].urls[0] + "&page_size=10"
            entry["ours_queries_page_size_10"] = variants[0].queries(small_page)
        results[name] = entry
        save()
    return secret


# --- gunicorn under load ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_peak_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return round(int(match.group(1)) / 1024, 1) if match else 0.0


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.status + summary.errors.timeout
  io.write(string.format('WRK_JSON {"requests": %d, "seconds": %.3f, "errors": %d, "non_2xx": %d, '
    .. '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f}\\n',
    summary.requests, summary.duration / 1e6, errors, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def run_wrk(url: str, headers: dict, seconds: int, connections: int) -> dict:
    script = RESULTS / "wrk_report.lua"
    script.write_text(WRK_SCRIPT)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script)]
    for key, value in headers.items():
        command += ["-H", f"{key}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    figures = json.loads(output.split("WRK_JSON", 1)[1].strip().splitlines()[0])
    figures["rps"] = round(figures["requests"] / figures["seconds"], 1)
    figures["tool"] = "wrk"
    return figures


def run_python_load(url: str, headers: dict, seconds: int, connections: int) -> dict:
    """Fallback without wrk: ``connections`` threads, each a keep-alive loop, stopping after ``seconds``."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.monotonic() + seconds
    times, errors, lock = [], [0], threading.Lock()

    def loop():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            with lock:
                times.append(time.perf_counter() - started)
                errors[0] += not ok

    threads = [threading.Thread(target=loop) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    figures = stats(times)
    return {
        "tool": "python (wrk not installed: apt-get install -y wrk)",
        "requests": len(times),
        "seconds": round(elapsed, 3),
        "errors": errors[0],
        "rps": round(len(times) / elapsed, 1),
        "p50_ms": figures["p50_ms"],
        "p95_ms": figures["p95_ms"],
    }


def under_load(secret: str, seconds: int, connections: int) -> dict:
    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ocop_portal.settings",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL": "0",  # plain HTTP on loopback; TLS ends at the proxy in production
        "OCOP_API_RATE_TOKEN": "10000000/min",  # one token sends everything here
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    port = free_port()
    gunicorn = Path(PYTHON).parent / "gunicorn"
    master = subprocess.Popen(
        [str(gunicorn), "ocop_portal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    query = urlencode({"area": PROVINCE, "star_min": 3, "group": GROUP})
    url = f"{base}/api/v1/products/?{query}"
    headers = {"Authorization": f"Bearer {secret}"}
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not start: " + (master.stderr.read() if master.stderr else ""))
        for _ in range(40):  # warm both workers (connections, templates, caches)
            request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
            urllib.request.urlopen(request, timeout=30).read()  # noqa: S310 - loopback
        figures = (run_wrk if shutil.which("wrk") else run_python_load)(url, headers, seconds, connections)
        workers = children_of(master.pid)
        figures["worker_peak_rss_mb"] = max((rss_peak_mb(pid) for pid in workers), default=0.0)
    finally:
        master.send_signal(signal.SIGTERM)
        try:
            master.wait(timeout=30)
        except subprocess.TimeoutExpired:
            master.kill()
    figures.update({"url": url.replace(base, ""), "workers": 2, "connections": connections})
    figures["conn_max_age"] = settings.DATABASES["default"].get("CONN_MAX_AGE")
    return figures


# --- The import ------------------------------------------------------------------------------------


def import_benchmark(rows: int) -> dict:
    """``bench/import_bench.py`` on the benchmark cluster (its own throwaway database there)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ocop_portal.settings", "OCOP_TEST_DATABASE": "bench_import"}
    started = time.perf_counter()
    completed = subprocess.run(
        [PYTHON, "bench/import_bench.py", "--rows", str(rows)], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    output = completed.stdout + completed.stderr
    print("\n".join("    " + line for line in completed.stdout.strip().splitlines()))
    if completed.returncode != 0:
        print(output[-3000:])
        return {"ok": False, "wall_s": round(time.perf_counter() - started, 1)}
    total = re.search(r"producers \+ products: ([\d.]+) s", output)
    peaks = [float(x) for x in re.findall(r"peak RSS (\d+) MB", output)]
    steps = dict(re.findall(r"^\s+(\S.*?)\s{2,}([\d.]+) s \(python", completed.stdout, re.M))
    return {
        "ok": True,
        "rows": rows,
        "producers_and_products_s": float(total.group(1)) if total else None,
        "steps_s": {key: float(value) for key, value in steps.items()},
        "peak_rss_mb": max(peaks, default=None),
    }


# --- Report ----------------------------------------------------------------------------------------


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text()
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    total = re.search(r"MemTotal:\s+(\d+) kB", meminfo)
    return {
        "nproc": os.cpu_count(),
        "ram_gb": round(int(total.group(1)) / 1024 / 1024, 1) if total else None,
        "cpu": model.group(1).strip() if model else platform.processor(),
        "python": platform.python_version(),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
    }


def postgres_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def table(results: dict) -> str:
    lines = [
        f"{'endpoint':<16} {'ours p50/p95 ms':>17} {'naive p50/p95 ms':>18} {'raw p50/p95 ms':>16} "
        f"{'ours/raw':>8} {'naive/ours':>10} {'queries o/n/r':>14} {'n':>5}"
    ]

    def pair(entry, name):
        if f"{name}_p50_ms" not in entry:
            return "—"
        return f"{entry[f'{name}_p50_ms']:.1f} / {entry[f'{name}_p95_ms']:.1f}"

    for name in ("product_list", "product_search", "product_detail", "summary", "dashboard", "catalogue"):
        entry = results.get(name)
        if not entry:
            continue
        queries = "/".join(str(entry.get(f"{v}_queries", "—")) for v in ("ours", "naive", "raw"))
        ratio = f"{entry['ours_vs_raw']:.2f}" if "ours_vs_raw" in entry else "—"
        naive = f"{entry['naive_vs_ours']:.1f}" if "naive_vs_ours" in entry else "—"
        lines.append(
            f"{name:<16} {pair(entry, 'ours'):>17} {pair(entry, 'naive'):>18} {pair(entry, 'raw'):>16} "
            f"{ratio:>8} {naive:>10} {queries:>14} {entry['requests']:>5}"
        )
    load = results.get("load")
    if load:
        lines.append(
            f"load ({load['tool'].split()[0]}, {load['seconds']:.0f} s, {load['connections']} connections, "
            f"2 workers): {load['rps']} req/s, p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms, "
            f"{load['errors']} errors, worker peak RSS {load['worker_peak_rss_mb']} MB"
        )
    if results.get("import_10k_s") is not None:
        lines.append(f"import 10,000 producers + 10,000 products: {results['import_10k_s']} s")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default=os.environ.get("BENCH_SCALE", "small"))
    parser.add_argument("--requests", type=int, default=int(os.environ.get("BENCH_REQUESTS", 200)))
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument(
        "--budget-seconds",
        type=float,
        default=float(os.environ.get("BENCH_BUDGET_SECONDS", 0)) or None,
        help="per endpoint: stop timing after this long even below --requests (recorded in the results)",
    )
    parser.add_argument("--load-seconds", type=int, default=int(os.environ.get("BENCH_LOAD_SECONDS", 30)))
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--only", help="comma-separated endpoints (product_list,summary,…)")
    parser.add_argument("--output", default=str(RESULTS / "latest.json"))
    parser.add_argument("--show", metavar="JSON", help="print the table of an earlier run and stop")
    options = parser.parse_args()
    if options.show:
        print(table(json.loads(Path(options.show).read_text())))
        return

    from bench import generate
    from bench.db import use_bench_database

    os.environ["BENCH_SCALE"] = options.scale
    use_bench_database()
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    dataset = generate.generate(options.scale)
    results = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "scale": options.scale,
        "dataset": dataset,
        "machine": {**machine(), "postgres": postgres_version()},
    }
    print(f"measuring in process ({options.requests} requests per variant after {options.warmup} warm-up) …")
    output = Path(options.output)

    def save():
        results["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
        results["wall_s"] = round(time.perf_counter() - started, 1)
        output.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))

    only = set(options.only.split(",")) if options.only else None
    secret = in_process(options.requests, options.warmup, only, options.budget_seconds, results, save)
    if not options.skip_load:
        print(f"gunicorn under load for {options.load_seconds} s …", flush=True)
        results["load"] = under_load(secret, options.load_seconds, options.connections)
        save()
    if not options.skip_import:
        print(f"import of {options.import_rows:,} rows …", flush=True)
        results["import"] = import_benchmark(options.import_rows)
        results["import_10k_s"] = results["import"].get("producers_and_products_s")
    save()
    print()
    print(table(results))
    print(f"\nwritten to {options.output} ({results['wall_s']:.0f} s)")


if __name__ == "__main__":
    main()
