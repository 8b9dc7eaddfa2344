"""``make check-reliability``: every reliability check, then one summary table.

Runs against an embedded PostgreSQL of its own (``var/pgdata-reliability``, started here and
stopped again if it was not running), never the checkout's shared server:

1. ``check --deploy`` with production variables;
2. the production profile under gunicorn behind a pretend HTTPS proxy (headers, cookies, static);
3. the load: 60 s of mixed reads and writes against gunicorn (requests/s, p95, errors);
4. the backup round trip through ``manage.py backup`` / ``restore`` (every table identical);
5. the restart drill: PostgreSQL stopped and started under gunicorn (503, then recovery);
6. ``pytest tests/reliability`` — hostile input, injected faults, full disk, ten council members
   at once, hypothesis properties, schemathesis with many examples and stateful — one row per file.

Exit status 1 when any check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
import xml.etree.ElementTree as ElementTree

from ocop_portal.reliability import backup_check, drill, headers, load, server

TEST_FILES = {
    "test_outage.py": "database outage → 503 (in-process)",
    "test_faults.py": "injected faults leave nothing half-written",
    "test_files.py": "private files, full disk, oversized and malformed uploads",
    "test_hostile.py": "protected fields, guessed ids, lockout, throttling",
    "test_pages_csp.py": "every page under the CSP, CSRF in every form",
    "test_council_load.py": "ten council members saving at once",
    "test_properties.py": "hypothesis: scoring rules and importers",
    "test_api_fuzz.py": "schemathesis: 3 callers + stateful, no 5xx",
    "test_dbtools.py": "backup client reaches any DATABASE_URL",
}


class Summary:
    def __init__(self):
        self.rows: list[tuple[str, bool, str]] = []

    def add(self, check: str, passed: bool, numbers: str) -> None:
        self.rows.append((check, passed, numbers))
        sys.stderr.write(f"[{'PASS' if passed else 'FAIL'}] {check}: {numbers}\n")

    def step(self, check: str, function, describe):
        """Run one check; a crash is a failed row with the reason, and the others still run."""
        sys.stderr.write(f"… {check}\n")
        started = time.monotonic()
        try:
            result = function()
        except Exception as exc:  # noqa: BLE001 - reported in the table, with the traceback on stderr
            traceback.print_exc()
            self.add(check, False, f"crashed: {str(exc).splitlines()[0][:100]}")
            return None
        self.add(check, bool(result.get("passed")), f"{describe(result)}; {time.monotonic() - started:.0f} s")
        return result

    def render(self) -> str:
        width = max(len(check) for check, _, _ in self.rows)
        lines = [f"{'check'.ljust(width)}  result  numbers", f"{'-' * width}  ------  {'-' * 60}"]
        for check, passed, numbers in self.rows:
            lines.append(f"{check.ljust(width)}  {'PASS' if passed else 'FAIL':6}  {numbers}")
        failed = sum(1 for _, passed, _ in self.rows if not passed)
        lines.append(f"\n{len(self.rows) - failed} of {len(self.rows)} checks passed.")
        return "\n".join(lines)


def check_deploy() -> dict:
    result = server.run(
        [server.PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        environment=server.production_environment(DJANGO_SECURE_SSL="1", DJANGO_ALLOWED_HOSTS="ocop.example.gov.vn"),
        check=False,
    )
    return {"passed": result.returncode == 0 and "no issues" in result.stdout, "output": result.stdout.strip()}


def run_tests(pytest_arguments: list[str]) -> dict:
    junit = server.WORK_DIR / "junit.xml"
    junit.unlink(missing_ok=True)
    environment = server.base_environment(OCOP_TEST_DATABASE="test_reliability_check")
    result = server.run(
        [
            server.PYTHON,
            "-m",
            "pytest",
            "tests/reliability",
            "-p",
            "no:randomly",
            "-q",
            "--create-db",
            f"--junitxml={junit}",
            *pytest_arguments,
        ],
        environment=environment,
        timeout=6 * 3600,
        check=False,
    )
    (server.WORK_DIR / "pytest.log").write_text(result.stdout + result.stderr)
    files: dict[str, dict] = {}
    if junit.exists():
        for case in ElementTree.parse(junit).getroot().iter("testcase"):  # noqa: S314 - pytest's own report
            name = case.get("classname", "").split(".")[-1] + ".py"
            entry = files.setdefault(name, {"tests": 0, "failed": 0, "skipped": 0, "seconds": 0.0})
            entry["tests"] += 1
            entry["seconds"] += float(case.get("time", 0))
            if case.find("failure") is not None or case.find("error") is not None:
                entry["failed"] += 1
            elif case.find("skipped") is not None:
                entry["skipped"] += 1
    return {"returncode": result.returncode, "files": files}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ocop_portal.reliability", description=__doc__.splitlines()[0])
    parser.add_argument("--load-seconds", type=float, default=60)
    parser.add_argument("--threads", type=int, default=8, help="concurrent clients of the load")
    parser.add_argument("--skip-tests", action="store_true", help="only the drills, not pytest tests/reliability")
    parser.add_argument("pytest_args", nargs="*", help="more pytest arguments (after --)")
    options = parser.parse_args(argv)

    summary = Summary()
    started_database = not server.database_running()
    sys.stderr.write(f"load average at start: {', '.join(f'{v:.1f}' for v in os.getloadavg())}\n")
    try:
        if started_database:
            server.start_database()
        summary.step("manage.py check --deploy (production variables)", check_deploy, lambda r: "no issues")
        seed = summary.step(
            "prepare: fresh database, migrate, collectstatic, seed",
            lambda: {"passed": True, **server.prepared_site()},
            lambda r: f"{len(r['published'])} public products, {len(r['registrable'])} to register",
        )
        if seed is not None:
            summary.step(
                "production profile behind HTTPS (headers, cookies, static)",
                headers.run_check,
                lambda r: (
                    f"{r['checks'] - len(r['failed'])}/{r['checks']} as required"
                    + (f"; failed: {', '.join(r['failed'])}" if r["failed"] else "")
                ),
            )
            # Capacity, not the throttle (tested on its own): the rates are lifted for the load.
            unthrottled = {f"OCOP_API_RATE_{scope}": "1000000/min" for scope in ("TOKEN", "USER", "ANON")}
            load_environment = server.production_environment(**unthrottled)

            def under_load():
                with server.gunicorn(load_environment) as (base_url, _process):
                    result = load.run_load(base_url, seed, seconds=options.load_seconds, threads=options.threads)
                result["passed"] = (
                    result["errors"] == 0 and result["writes_created"] == result["registrations_added"] > 0
                )
                (server.WORK_DIR / "load.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
                return result

            summary.step(
                f"load: {options.load_seconds:.0f} s mixed reads/writes, gunicorn 2×4",
                under_load,
                lambda r: (
                    f"{r['requests']} requests, {r['rps']} req/s, p95 {r['p95_ms']} ms, "
                    f"{r['errors']} errors, {r['writes_created']} writes = {r['registrations_added']} rows"
                ),
            )
            summary.step(
                "backup → wipe → restore (manage.py, every table)",
                lambda: backup_check.round_trip(server.production_environment()),
                lambda r: (
                    f"{r['tables']} tables, {r['rows']} rows, {r['dump_bytes'] // 1024} KiB, "
                    f"{r['rows_after_wipe']} rows left by the wipe, {len(r['differences'])} differences after restore"
                ),
            )

            def restart_drill():
                with server.gunicorn(server.production_environment()) as (base_url, process):
                    return drill.run_drill(base_url, process)

            summary.step(
                "PostgreSQL stopped and started under gunicorn",
                restart_drill,
                lambda r: (
                    f"{r['outage_503']} × 503 during the outage, {r['malformed']} other answers, "
                    f"recovered {r['recovered_after_s']} s after start, same processes: {r['same_processes']}"
                ),
            )
        if not options.skip_tests:
            tests = summary.step(
                "pytest tests/reliability",
                lambda: {**(outcome := run_tests(options.pytest_args)), "passed": outcome["returncode"] == 0},
                lambda r: (
                    f"{sum(f['tests'] for f in r['files'].values())} tests, "
                    f"{sum(f['failed'] for f in r['files'].values())} failed (log: var/reliability/pytest.log)"
                ),
            )
            for name, entry in sorted((tests or {}).get("files", {}).items()):
                summary.add(
                    f"  {TEST_FILES.get(name, name)}",
                    entry["failed"] == 0,
                    f"{entry['tests'] - entry['failed']}/{entry['tests']} passed, {entry['seconds']:.0f} s",
                )
    finally:
        if started_database and server.database_running():
            server.stop_database()
    print(summary.render())  # noqa: T201 - the command's output
    return 0 if all(passed for _, passed, _ in summary.rows) else 1


if __name__ == "__main__":
    sys.exit(main())
