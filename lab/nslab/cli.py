# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Command line: ``python -m nslab serve --port 8080 --state lab.sqlite --seed seed.json``.

Keys and OAuth credentials may be fixed with options or the environment
(``NSLAB_ADMIN_KEY``, ``NSLAB_READONLY_KEY``, ``NSLAB_CLIENT_ID``,
``NSLAB_CLIENT_SECRET``, ``NSLAB_USERNAME``, ``NSLAB_PASSWORD``) so a restarted
lab accepts the same credentials; otherwise they are generated and printed.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys

from .seeds import synthetic_domain
from .server import LabServer


def _percent_map(values):
    codes = {}
    for value in values or []:
        code, dummy, percent = value.partition("=")
        if not percent:
            raise argparse.ArgumentTypeError("--error-percent takes CODE=PERCENT, e.g. 503=10")
        codes[int(code)] = float(percent)
    return codes


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m nslab", description="NetSapiens ns-api v2 lab emulator")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the emulator until interrupted")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    serve.add_argument("--state", default=":memory:", help="SQLite file (kept across restarts) or :memory:")
    serve.add_argument("--seed", help="seed JSON file, loaded when the state is empty")
    serve.add_argument("--synthetic-users", type=int, help="seed a synthetic domain with this many users instead of --seed")
    serve.add_argument("--no-strict", dest="strict", action="store_false", help="accept fields the vendor spec does not define")
    serve.add_argument("--contract", help="contract file (default: lab/contract/ns-api-v2.contract.json)")
    serve.add_argument("--home-domain", help="domain that ~ resolves to for the lab keys (default: first seeded domain)")
    serve.add_argument("--admin-key", default=os.environ.get("NSLAB_ADMIN_KEY"))
    serve.add_argument("--readonly-key", default=os.environ.get("NSLAB_READONLY_KEY"))
    for name in ("client-id", "client-secret", "username", "password"):
        serve.add_argument("--oauth-" + name, default=os.environ.get("NSLAB_" + name.replace("-", "_").upper()))
    faults = serve.add_argument_group("faults (all changeable later with PUT /_lab/faults)")
    faults.add_argument("--rate-limit-every", type=int, default=0, help="answer 429 to every Nth API request")
    faults.add_argument("--rate-limit-percent", type=float, default=0.0)
    faults.add_argument("--retry-after", type=float, default=1.0, help="seconds sent in Retry-After")
    faults.add_argument("--error-percent", action="append", metavar="CODE=PERCENT", help="5xx share, repeatable: 503=10")
    faults.add_argument("--forbidden-percent", type=float, default=0.0, help="403 with an empty body")
    faults.add_argument("--latency-ms", type=int, default=0)
    faults.add_argument("--drop-percent", type=float, default=0.0, help="close the connection without answering")
    faults.add_argument("--visibility-delay-ms", type=int, default=0, help="202 writes readable only after this delay")
    faults.add_argument("--disable-v2-tokens", action="store_true", help="POST /ns-api/v2/tokens answers 404")
    faults.add_argument("--rng-seed", type=int)
    serve.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return parser


def _interrupt(signum, _frame):
    raise KeyboardInterrupt("signal %d" % signum)


def serve(args):
    oauth = {key: value for key, value in (("client_id", args.oauth_client_id), ("client_secret", args.oauth_client_secret),
                                           ("username", args.oauth_username), ("password", args.oauth_password)) if value}
    faults = {"rate_limit_every": args.rate_limit_every, "rate_limit_percent": args.rate_limit_percent, "retry_after": args.retry_after,
              "error_percent": _percent_map(args.error_percent), "forbidden_percent": args.forbidden_percent, "latency_ms": args.latency_ms,
              "drop_percent": args.drop_percent, "visibility_delay_ms": args.visibility_delay_ms,
              "disable_v2_tokens": args.disable_v2_tokens, "rng_seed": args.rng_seed}
    seed = synthetic_domain(users=args.synthetic_users) if args.synthetic_users else args.seed
    lab = LabServer(host=args.host, port=args.port, state=args.state, seed=seed, strict=args.strict, faults=faults,
                    admin_api_key=args.admin_key, readonly_api_key=args.readonly_key, oauth=oauth or None,
                    home_domain=args.home_domain, contract=args.contract, verbose=args.verbose)
    info = {"url": lab.url, "api": lab.api_url, "admin_api_key": lab.admin_api_key, "readonly_api_key": lab.readonly_api_key,
            "oauth": lab.oauth, "strict": lab.strict, "state": args.state}
    sys.stdout.write("nslab serving %s\n%s\n" % (lab.api_url, json.dumps(info, indent=2)))
    sys.stdout.flush()
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        lab.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        lab.stop()
    return 0


def main(argv=None):
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return serve(args)
    return 2
