# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark the ns-api client: a full ns_info-style read of lab domains of several sizes.

Starts the lab emulator, seeds one domain per size, reads each with several concurrency
bounds, with and without injected faults, and prints API calls, retries and wall time.
It prints figures only; nothing here asserts anything about time.

    python benchmarks/bench_client.py [--sizes 100,1000,5000] [--concurrency 1,4,8] [--quick]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _bootstrap_paths():
    """Make the collection and the lab importable (``make bootstrap`` links .collections/)."""
    if REPO.parts[-3:-1] == ("ansible_collections", "ucaas"):
        root = REPO.parents[2]
    elif (REPO / ".collections" / "ansible_collections" / "ucaas" / "migration").exists():
        root = REPO / ".collections"
    else:
        sys.exit("run `make bootstrap` first: it links .collections/ansible_collections/ucaas/migration to this checkout")
    for entry in (str(root), str(REPO / "lab")):
        if entry not in sys.path:
            sys.path.insert(0, entry)


_bootstrap_paths()

from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient  # noqa: E402
from ansible_collections.ucaas.migration.plugins.module_utils.client.gather import gather_domain  # noqa: E402
from nslab.seeds import synthetic_domain  # noqa: E402
from nslab.server import LabServer  # noqa: E402

FAULTS = {"rate_limit_percent": 10, "error_percent": {503: 10}, "retry_after": 0.05, "rng_seed": 7}


def run_one(lab, domain, concurrency, faulty):
    if faulty:
        lab.set_faults(**FAULTS)
    else:
        lab.clear_faults()
    client = NsApiClient(lab.url, api_key=lab.admin_api_key, max_concurrency=concurrency, backoff_base=0.05,
                         backoff_cap=1.0, max_attempts=10)
    started = time.monotonic()
    objects = gather_domain(client, domain)
    wall = time.monotonic() - started
    stats = client.api_stats()
    client.close()
    lab.clear_faults()
    return {"objects": sum(len(v) for v in objects.values() if isinstance(v, list)), "calls": stats["calls"],
            "retries": stats["retries"], "wait": stats["wait_seconds"], "wall": wall}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="users per domain, comma-separated")
    parser.add_argument("--concurrency", default="1,4,8", help="max_concurrency values, comma-separated")
    parser.add_argument("--quick", action="store_true", help="sizes 100,1000 and concurrency 1,8")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    bounds = [int(c) for c in args.concurrency.split(",")]
    if args.quick:
        sizes, bounds = [100, 1000], [1, 8]

    lab = LabServer(host="127.0.0.1", port=0, state=":memory:", strict=True).start()
    try:
        header = "%6s %5s %-7s %8s %8s %8s %8s %9s" % ("users", "conc", "faults", "objects", "calls", "retries",
                                                       "wait s", "wall s")
        print(header)
        print("-" * len(header))
        for size in sizes:
            domain = "bench%d.example" % size
            # One domain at a time: synthetic seeds reuse the same DIDs.
            lab.reset()
            lab.load_seed(synthetic_domain(domain=domain, users=size))
            for concurrency in bounds:
                for faulty in (False, True):
                    row = run_one(lab, domain, concurrency, faulty)
                    print("%6d %5d %-7s %8d %8d %8d %8.2f %9.2f" % (
                        size, concurrency, "10%+10%" if faulty else "none", row["objects"], row["calls"],
                        row["retries"], row["wait"], row["wall"]))
                    sys.stdout.flush()
        print("\nfaults: %s" % FAULTS)
    finally:
        lab.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
