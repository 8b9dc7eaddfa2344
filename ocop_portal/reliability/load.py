"""A bounded load: mixed reads and writes against a running portal for a fixed time.

Threads, each with its own keep-alive connection (``http.client``), draw requests from a fixed
mix: public pages (home, catalogue pages, product pages), API lists and details with an
officer's token, and writes — new registrations through the API with a district staff token,
each for a product and year no other request uses, so every write must succeed (201). Reported:
requests per second, latency percentiles, and errors (any unexpected status, 5xx or lost
connection). After the run the registrations are counted through the API: every 201 must be
there, once.
"""

from __future__ import annotations

import http.client
import itertools
import json
import random
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# (kind, weight): the share of each kind of request in the mix.
MIX = (
    ("home", 5),
    ("catalogue", 20),
    ("product_page", 15),
    ("api_product_list", 15),
    ("api_product_detail", 15),
    ("api_registration_list", 10),
    ("api_registration_detail", 5),
    ("api_registration_create", 15),
)


@dataclass
class Stats:
    latencies: dict = field(default_factory=lambda: defaultdict(list))
    statuses: dict = field(default_factory=lambda: defaultdict(int))
    errors: list = field(default_factory=list)
    created: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, status: int | None, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[status] += 1
            if kind == "api_registration_create" and ok:
                self.created += 1
            if not ok:
                self.errors.append(f"{kind}: {status} {detail[:200]}")


def percentile(values, fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class Client:
    """One keep-alive connection; reconnects once when the server closed it between requests."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)

    def request(self, method, path, body=None, headers=None) -> tuple[int, bytes]:
        headers = {"Host": "127.0.0.1", **(headers or {})}
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


class Plan:
    """What the requests are about: the seeded ids and tokens, and the writes still available."""

    def __init__(self, seed: dict):
        self.seed = seed
        self.officer = {"Authorization": f"Bearer {seed['tokens']['officer']}", "Accept": "application/json"}
        self.staff = {"Authorization": f"Bearer {seed['tokens']['staff']}", "Accept": "application/json"}
        self._writes = iter([(product, year) for year in seed["years"] for product in seed["registrable"]])
        self._lock = threading.Lock()
        pages = max(1, len(seed["published"]) // 24)
        self.catalogue_pages = range(1, pages + 1)

    def next_write(self):
        with self._lock:
            return next(self._writes, None)

    def request(self, kind: str, rng: random.Random):
        """(method, path, body, headers, expected status) of one request of ``kind``."""
        seed = self.seed
        if kind == "home":
            return "GET", "/", None, {}, 200
        if kind == "catalogue":
            return "GET", f"/catalogue/?page={rng.choice(self.catalogue_pages)}", None, {}, 200
        if kind == "product_page":
            return "GET", f"/products/{rng.choice(seed['published'])}/", None, {}, 200
        if kind == "api_product_list":
            return "GET", f"/api/v1/products/?page={rng.randint(1, 5)}&page_size=20", None, self.officer, 200
        if kind == "api_product_detail":
            return "GET", f"/api/v1/products/{rng.choice(seed['published'])}/", None, self.officer, 200
        if kind == "api_registration_list":
            return "GET", "/api/v1/registrations/?page_size=20", None, self.staff, 200
        if kind == "api_registration_detail":
            return "GET", f"/api/v1/registrations/{rng.choice(seed['registrations'])}/", None, self.officer, 200
        if kind == "api_registration_create":
            write = self.next_write()
            if write is None:  # every product is registered for every year: read instead
                return self.request("api_registration_list", rng)
            body = json.dumps({"product_id": write[0], "year": write[1]})
            headers = {**self.staff, "Content-Type": "application/json"}
            return "POST", "/api/v1/registrations/", body, headers, 201
        raise ValueError(kind)


def registration_count(base_url: str, plan: Plan) -> int:
    status, body = Client(base_url).request("GET", "/api/v1/registrations/?page_size=1", headers=plan.officer)
    if status != 200:
        raise RuntimeError(f"counting registrations answered {status}: {body[:200]!r}")
    return json.loads(body)["count"]


def run_load(base_url: str, seed: dict, *, seconds: float = 60, threads: int = 8, rng_seed: int = 2026) -> dict:
    plan = Plan(seed)
    stats = Stats()
    before = registration_count(base_url, plan)
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    deadline = time.monotonic() + seconds

    def worker(number: int):
        rng = random.Random(rng_seed + number)
        client = Client(base_url)
        while time.monotonic() < deadline:
            kind = rng.choice(kinds)
            method, path, body, headers, expected = plan.request(kind, rng)
            started = time.perf_counter()
            try:
                status, content = client.request(method, path, body, headers)
            except OSError as exc:
                stats.record(kind, time.perf_counter() - started, None, False, repr(exc))
                continue
            stats.record(
                kind, time.perf_counter() - started, status, status == expected, content.decode("utf-8", "replace")
            )

    started = time.monotonic()
    workers = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.monotonic() - started
    after = registration_count(base_url, plan)
    every = list(itertools.chain.from_iterable(stats.latencies.values()))
    total = len(every)
    return {
        "seconds": round(elapsed, 1),
        "threads": threads,
        "requests": total,
        "rps": round(total / elapsed, 1),
        "p50_ms": round(percentile(every, 0.50) * 1000, 1),
        "p95_ms": round(percentile(every, 0.95) * 1000, 1),
        "p99_ms": round(percentile(every, 0.99) * 1000, 1),
        "errors": len(stats.errors),
        "error_samples": stats.errors[:5],
        "server_errors": sum(count for status, count in stats.statuses.items() if status and status >= 500),
        "writes_created": stats.created,
        "registrations_added": after - before,
        "by_kind": {
            kind: {"n": len(values), "p95_ms": round(percentile(values, 0.95) * 1000, 1)}
            for kind, values in sorted(stats.latencies.items())
        },
    }
