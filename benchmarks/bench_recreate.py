# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark recreate: synthetic companies of several sizes, applied to the lab three ways.

Per size: generate a company (benchmarks/synthetic_company.py), run playbooks/recreate.yml
on a fresh lab (first apply), run it again (no-change re-run), then on another fresh lab send
the same writes the first apply made with one ``ansible.builtin.uri`` call per object
(benchmarks/uri_loop.yml). Prints wall time and lab-counted API calls (total and writes) of
each, and the speed-up of the first apply over the uri loop. It prints figures only; nothing
here asserts anything about time.

    python benchmarks/bench_recreate.py [--sizes 10,100,1000,5000] [--uri-max-users 1000] [--uri-sample N] [--json out.json]

The uri loop runs only for sizes up to ``--uri-max-users`` (default 1000): it costs about one
Ansible module run per object, more than an hour at 5,000 users. ``--uri-sample N`` sends only
the first N writes of a larger company and projects the loop's time from their measured pace
(each write is one module run, so the pace is steady); the table marks such figures with ``~``.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import recreate_harness as harness  # noqa: E402  pylint: disable=wrong-import-position

from nslab.server import LabServer  # noqa: E402  pylint: disable=wrong-import-position,wrong-import-order


class BenchError(RuntimeError):
    """A run failed: the figures would mean nothing."""


def _fresh_lab(lab):
    lab.reset()
    lab.load_seed(harness.RESELLER_SEED)


def _measure(lab, run):
    before = lab.stats()
    result = run()
    counts = harness.lab_counts(before, lab.stats())
    return result, counts


def _check(result, what):
    if not result.ok:
        raise BenchError("%s failed (rc %d):\n%s" % (what, result.returncode, result.output[-4000:]))


def bench_size(lab, users, workdir, run_uri_loop, uri_sample=None):
    """Figures of one size: {first, rerun, uri} each {wall, total, writes}, plus object counts."""
    _fresh_lab(lab)
    partner = harness.LabPartner(Path(workdir) / ("size-%d" % users), lab, users)
    recorder = harness.WriteRecorder(lab)
    try:
        first, first_counts = _measure(lab, partner.recreate)
    finally:
        recorder.close()
    _check(first, "recreate (first apply) at %d users" % users)
    rerun, rerun_counts = _measure(lab, partner.recreate)
    _check(rerun, "recreate (re-run) at %d users" % users)
    row = {"users": users, "objects": sum(len(items) for items in partner.plan()["resources"].values()),
           "first": dict(wall=first.wall, **_short(first_counts)), "rerun": dict(wall=rerun.wall, **_short(rerun_counts)),
           "rerun_changed": (rerun.recap or {}).get("changed"), "uri": None, "uri_skipped_writes": 0}
    if run_uri_loop:
        requests_file = Path(workdir) / ("size-%d-requests.json" % users)
        replayable, skipped, sent = harness.write_requests_file(requests_file, recorder.writes, limit=uri_sample)
        _fresh_lab(lab)
        uri, uri_counts = _measure(lab, lambda: harness.run_uri_loop(lab, requests_file))
        _check(uri, "uri loop at %d users" % users)
        row["uri"] = dict(wall=uri.wall * replayable / sent, measured_wall=uri.wall, sent=sent, replayed=replayable,
                          projected=sent < replayable, **_short(uri_counts))
        if sent < replayable:
            row["uri"]["writes"] = replayable
        row["uri_skipped_writes"] = skipped
    return row


def _short(counts):
    return {"total": counts["total"], "writes": counts["writes"], "requests": counts["requests"]}


def print_table(rows):
    header = "%6s %8s | %9s %7s %7s | %9s %7s %7s %7s | %9s %7s | %8s" % (
        "users", "objects", "apply s", "calls", "writes", "rerun s", "calls", "writes", "changed", "uri s", "writes", "speed-up")
    print(header)
    print("-" * len(header))
    for row in rows:
        uri = row["uri"]
        print("%6d %8d | %9.1f %7d %7d | %9.1f %7d %7d %7s | %9s %7s | %8s" % (
            row["users"], row["objects"], row["first"]["wall"], row["first"]["total"], row["first"]["writes"],
            row["rerun"]["wall"], row["rerun"]["total"], row["rerun"]["writes"], row["rerun_changed"],
            ("~%.0f" if uri and uri["projected"] else "%.1f") % uri["wall"] if uri else "-", uri["writes"] if uri else "-",
            "%.1fx" % (uri["wall"] / row["first"]["wall"]) if uri else "-"))
    sys.stdout.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,5000", help="users per company, comma-separated")
    parser.add_argument("--uri-max-users", type=int, default=1000, help="run the uri loop only up to this size (0: never)")
    parser.add_argument("--uri-sample", type=int, help="send only this many writes in the uri loop and project its time")
    parser.add_argument("--json", help="also write the figures (with per-request counts) to this file")
    parser.add_argument("--workdir", help="keep inventories, state and request files here (default: a temporary folder)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]

    lab = LabServer(strict=True).start()
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="bench-recreate-") as scratch:
            workdir = Path(args.workdir) if args.workdir else Path(scratch)
            for users in sizes:
                rows.append(bench_size(lab, users, workdir, users <= args.uri_max_users, uri_sample=args.uri_sample))
                print("size %d: %s" % (users, json.dumps(dict((k, v) for k, v in rows[-1].items() if k != "requests"), default=str)),
                      file=sys.stderr)
        violations = lab.stats()["contract_violations"]
    finally:
        lab.stop()
    print_table(rows)
    for row in rows:
        if row["uri_skipped_writes"]:
            print("size %d: %d non-JSON writes (uploads) are not in the uri loop" % (row["users"], row["uri_skipped_writes"]))
    for row in rows:
        if row["uri"] and row["uri"]["projected"]:
            print("size %d: uri loop measured on the first %d of %d writes (%.1f s), time projected from that pace" % (
                row["users"], row["uri"]["sent"], row["uri"]["replayed"], row["uri"]["measured_wall"]))
    if not any(row["uri"] for row in rows):
        print("uri loop: not run (sizes above --uri-max-users %d)" % args.uri_max_users)
    if violations:
        print("lab contract violations: %d (first: %s)" % (len(violations), violations[0]))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        sys.exit(str(error))
