"""PostgreSQL stopped and started under a running portal: 503 for a moment, then recovery, no restart.

A poller asks three addresses in turn every 100 ms — the health check, an API list and a public
page — while the drills' own embedded PostgreSQL is stopped (fast shutdown: open sessions are
cut, as in a crash or a failover) and started again. Passes when every answer is 200 or a 503 in
the right form (the API's error JSON, the health check's JSON, the plain Vietnamese page), the
outage was seen, everything answers 200 again soon after the database is back, and the same
gunicorn processes served throughout.
"""

from __future__ import annotations

import json
import threading
import time

from ocop_portal.reliability import server

ADDRESSES = ("/healthz", "/api/v1/products/?page_size=5", "/catalogue/")
OUTAGE_SECONDS = 4.0
RECOVERY_LIMIT_SECONDS = 30.0


def _well_formed_outage(address: str, body: bytes, headers: dict) -> bool:
    if "Retry-After" not in headers:
        return False
    if address == "/healthz":
        return json.loads(body) == {"status": "degraded", "database": "unavailable"}
    if address.startswith("/api/"):
        return json.loads(body)["type"] == "database_unavailable"
    return "Cơ sở dữ liệu tạm thời không phản hồi" in body.decode()


def run_drill(base_url: str, process) -> dict:
    answers: list[tuple[float, str, int | None, bool]] = []
    stop = threading.Event()

    def poll():
        for address in iter(lambda: ADDRESSES[len(answers) % len(ADDRESSES)], None):
            if stop.is_set():
                return
            try:
                status, body, headers = server.get(base_url + address, timeout=10)
                well_formed = status == 200 or (status == 503 and _well_formed_outage(address, body, headers))
            except OSError:
                status, well_formed = None, False
            answers.append((time.monotonic(), address, status, well_formed))
            time.sleep(0.1)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    time.sleep(2)
    workers_before = {child.pid for child in _children(process)}
    stopped_at = time.monotonic()
    server.stop_database()
    time.sleep(OUTAGE_SECONDS)
    started_at = time.monotonic()
    server.start_database()
    back_at = None
    while time.monotonic() < started_at + RECOVERY_LIMIT_SECONDS:
        recent = [answer for answer in answers if answer[0] > started_at][-len(ADDRESSES) :]
        if len(recent) == len(ADDRESSES) and all(status == 200 for _, _, status, _ in recent):
            back_at = recent[0][0]
            break
        time.sleep(0.1)
    time.sleep(1)
    stop.set()
    poller.join(timeout=15)
    during = [answer for answer in answers if stopped_at < answer[0] < started_at]
    statuses: dict[str, int] = {}
    for _, _, status, _ in answers:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    result = {
        "requests": len(answers),
        "statuses": statuses,
        "outage_503": sum(1 for _, _, status, _ in during if status == 503),
        "malformed": sum(1 for *_, well_formed in answers if not well_formed),
        "recovered_after_s": None if back_at is None else round(back_at - started_at, 2),
        "same_processes": process.poll() is None and {child.pid for child in _children(process)} == workers_before,
    }
    result["passed"] = (
        result["malformed"] == 0
        and result["outage_503"] > 0
        and result["recovered_after_s"] is not None
        and result["same_processes"]
    )
    return result


def _children(process):
    import psutil

    return psutil.Process(process.pid).children()
