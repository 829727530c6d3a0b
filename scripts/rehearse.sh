#!/usr/bin/env bash
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# `make rehearse`: rehearse a real partner's migration on the lab (docs/rehearsal.md). Takes a
# host whose collect has run, copies its state folder to a rehearsal state directory, starts one
# lab emulator as the target, checks that nothing the phases would write to is a real system, then
# runs recreate, approve_plan, provision_phones, cutover (on a rehearsal clock, never forwarding at
# the source) and verify against the lab, prints a summary per phase and where the artifacts are,
# and stops the lab. Never runs collect; the real source, the real target and the production state
# are never written.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/rehearse.sh --inventory DIR --host NAME [options]
       make rehearse INVENTORY=DIR HOST=NAME [VAULT_PASSWORD_FILE=F] [PHASES="..."] [CUTOVER_NOW=ISO]
                     [REHEARSAL_DIR=D] [EXTRA_VARS="F1 F2"]

  --inventory DIR            the partner's inventory (as for the phase playbooks)
  --host NAME                the migration host to rehearse; its collect must have run
  --vault-password-file F    the inventory's vault password (opens its vault and the collected secrets)
  --phases "P1 P2 ..."       phases to run, in order (default: recreate approve_plan provision_phones
                             cutover verify); also finalize_port, rollback_cutover; never collect
  --cutover-now ISO          the rehearsal clock of the cutover (default: the middle of the host's
                             agreed window ucaas_schedule.cutover)
  --dir D                    the rehearsal state directory (default .lab/rehearsal); <D>/<host>/ is
                             wiped at start, logs go to <D>/.logs/<host>/
  --extra-vars F             more variables for every phase (-e @F), e.g. the carrier's port orders
                             for finalize_port; repeatable. Checked like the rest: a file that points
                             the target elsewhere is refused.
EOF
}

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${VENV:-$repo/.venv}"
default_phases="recreate approve_plan provision_phones cutover verify"
allowed_phases=" recreate approve_plan provision_phones cutover finalize_port verify rollback_cutover "

inventory="" host="" vault_password_file="" phases="" cutover_now="" rehearsal_dir="" extra_var_files=()
while [ $# -gt 0 ]; do
    case "$1" in
        --inventory) inventory=${2-}; shift 2 ;;
        --host) host=${2-}; shift 2 ;;
        --vault-password-file) vault_password_file=${2-}; shift 2 ;;
        --phases) phases=${2-}; shift 2 ;;
        --cutover-now) cutover_now=${2-}; shift 2 ;;
        --dir) rehearsal_dir=${2-}; shift 2 ;;
        --extra-vars) extra_var_files+=("${2-}"); shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "rehearse: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

fail() { echo "rehearse: $*" >&2; exit 1; }
if [ -z "$inventory" ] || [ -z "$host" ]; then usage >&2; exit 2; fi
[ -e "$inventory" ] || fail "no inventory at $inventory"
[[ "$host" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || fail "'$host' is not a host name of the inventory"
[ -z "$vault_password_file" ] || [ -f "$vault_password_file" ] || fail "no vault password file at $vault_password_file"
phases=${phases:-$default_phases}
read -r -a phase_list <<< "$phases"
[ ${#phase_list[@]} -gt 0 ] || fail "no phases to run"
for phase in "${phase_list[@]}"; do
    [ "$phase" != collect ] || fail "collect reads the real source: a rehearsal starts from a collect that has already run"
    case "$allowed_phases" in
        *" $phase "*) ;;
        *) fail "unknown phase '$phase' (phases: $allowed_phases)" ;;
    esac
done
# Paths are the caller's; the playbooks run from the checkout.
inventory="$(realpath -- "$inventory")"
[ -z "$vault_password_file" ] || vault_password_file="$(realpath -- "$vault_password_file")"
for i in "${!extra_var_files[@]}"; do
    [ -f "${extra_var_files[$i]}" ] || fail "no extra vars file at ${extra_var_files[$i]}"
    extra_var_files[i]="$(realpath -- "${extra_var_files[$i]}")"
done
rehearsal_dir="$(realpath -m -- "${rehearsal_dir:-$repo/.lab/rehearsal}")"
host_dir="$rehearsal_dir/$host"
logs="$rehearsal_dir/.logs/$host"

# `make rehearse` sets the checkout up first (scripts/bootstrap.sh); the script itself installs nothing.
if [ ! -x "$venv/bin/ansible-playbook" ] || [ ! -e "$repo/.collections/ansible_collections/ucaas/migration" ]; then
    fail "the checkout is not set up: run make bootstrap (or make rehearse)"
fi
export PATH="$venv/bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="$repo/.collections"
export ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_STDOUT_CALLBACK=default
export ANSIBLE_LOCAL_TEMP="${TMPDIR:-/tmp}/ucaas-ansible-local"
# The platform connection the modules would take from the environment: never in a rehearsal.
unset NS_API_URL NS_API_KEY NS_CLIENT_ID NS_CLIENT_SECRET NS_USERNAME NS_PASSWORD
# The lab is on this machine: never through a proxy.
export no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}" NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
cd "$repo"

work="$(mktemp -d "${TMPDIR:-/tmp}/ucaas-rehearse.XXXXXX")"
chmod 700 "$work"
lab_pid=""
finish() {
    if [ -n "$lab_pid" ] && kill -0 "$lab_pid" 2>/dev/null; then
        kill "$lab_pid"
        wait "$lab_pid" 2>/dev/null || true
        echo "rehearse: lab stopped"
    fi
    rm -rf "$work"
}
trap finish EXIT
trap 'exit 130' INT TERM

inventory_args=(-i "$inventory" --limit "$host")
[ -z "$vault_password_file" ] || inventory_args+=(--vault-password-file "$vault_password_file")

# 1. What the rehearsal needs to know about the host, read from the partner inventory (no credentials).
#    Nothing is written outside $work until the checks below have passed.
echo "rehearse: reading $host from $inventory"
if ! ansible-playbook "${inventory_args[@]}" scripts/rehearsal/prepare.yml -e "rehearsal_facts_file=$work/facts.json" \
    > "$work/prepare.log" 2>&1 || [ ! -s "$work/facts.json" ]; then
    grep -E 'ERROR|fatal|msg|no hosts|skipping' "$work/prepare.log" | cut -c1-400 | tail -15 >&2 || true
    fail "could not read host $host of group migrations from $inventory"
fi

# 2. The rehearsal's own variables: the lab as target, the rehearsal state directory, the local
#    state backend, no forwarding at the source, the rehearsal clock. Every phase gets them.
lab_port="$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
lab_url="http://127.0.0.1:$lab_port"
UCAAS_REHEARSAL_LAB_KEY="nss_rehearsal_$(python -c 'import secrets; print(secrets.token_hex(20))')"
export UCAAS_REHEARSAL_LAB_KEY UCAAS_REHEARSAL_LAB_URL="$lab_url" UCAAS_REHEARSAL_STATE_DIR="$rehearsal_dir"
cutover_wanted=no
for phase in "${phase_list[@]}"; do [ "$phase" != cutover ] || cutover_wanted=yes; done
settings="$(python - "$work/facts.json" "$work/vars.json" "$work/seed.json" "$rehearsal_dir" "$lab_url" "$cutover_now" "$cutover_wanted" <<'PY'
import json
import os
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

facts_file, vars_file, seed_file, rehearsal_dir, lab_url, cutover_now, cutover_wanted = sys.argv[1:8]
with open(facts_file, encoding="utf-8") as handle:
    facts = json.load(handle)
host = facts["host"]


def stop(message):
    sys.stderr.write("rehearse: %s\n" % message)
    sys.exit(1)


def clock(value):
    """HH:MM of the schedule (YAML may have read an unquoted 18:00 as minutes)."""
    if isinstance(value, int):
        return "%02d:%02d" % divmod(value, 60)
    return str(value)


# Where production keeps the host's state: a local backend with a path stores it there, every
# other setup has it in the state directory (a git backend: its local copy, as last pulled).
base = facts["state_backend_path"] or facts["state_dir"]
production = os.path.realpath(os.path.join(os.path.abspath(base), host))
rehearsal = os.path.realpath(os.path.join(rehearsal_dir, host))
if not os.path.isfile(os.path.join(production, "inventory.json")):
    stop("%s/inventory.json does not exist: run collect for %s first" % (production, host))
for one, other in ((production, rehearsal), (rehearsal, production)):
    if one == other or one.startswith(other + os.sep):
        stop("the rehearsal directory %s overlaps the production state %s: choose another --dir" % (rehearsal, production))
if not facts["reseller"]:
    stop("ucaas_target.reseller (or the standards' reseller) of %s is not set: the lab needs it" % host)

if cutover_now:
    try:
        moment = datetime.fromisoformat(cutover_now)
    except ValueError:
        stop("--cutover-now %r is not an ISO 8601 time (e.g. 2026-12-03T18:30:00-05:00)" % cutover_now)
    if moment.tzinfo is None:
        stop("--cutover-now %r needs a UTC offset (e.g. 2026-12-03T18:30:00-05:00)" % cutover_now)
elif cutover_wanted == "yes":
    window = facts["cutover_window"] or {}
    if not all(window.get(key) for key in ("date", "window_start", "window_end")):
        stop("ucaas_schedule.cutover of %s names no window (date, window_start, window_end): give --cutover-now" % host)
    zone = ZoneInfo(str(window.get("time_zone") or facts["source"].get("time_zone") or "America/New_York"))
    start = datetime.fromisoformat("%sT%s" % (window["date"], clock(window["window_start"]))).replace(tzinfo=zone)
    end = datetime.fromisoformat("%sT%s" % (window["date"], clock(window["window_end"]))).replace(tzinfo=zone)
    start, end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
    if end <= start:
        end += timedelta(days=1)
    cutover_now = (start + (end - start) / 2).astimezone(zone).isoformat(timespec="seconds")

lab_key = "{{ lookup('ansible.builtin.env', 'UCAAS_REHEARSAL_LAB_KEY') }}"
target = dict(facts["target"], api_url=lab_url, api_key=lab_key)
# The source keeps what the phases read of it (platform, domain, customer, region, zone): no URL,
# no credential, so nothing can reach it.
source = dict(facts["source"])
dests = ("recreate_dest", "approval_dest", "provision_phones_dest", "cutover_dest", "finalize_port_dest", "verify_dest")
rehearsal_vars = dict(
    ucaas_target=target, ucaas_source=source,
    ucaas_state_dir=rehearsal_dir, ucaas_state_backend={"type": "local"},
    state_dir=rehearsal_dir, state_backend={"type": "local"},
    cutover_forward_at_source=False,
    approval_by="rehearsal", approval_note="rehearsal on the lab (scripts/rehearse.sh)",
    **dict((name, os.path.join(rehearsal_dir, host)) for name in dests))
if cutover_now:
    rehearsal_vars["ucaas_cutover_now"] = cutover_now
with open(vars_file, "w", encoding="utf-8") as handle:
    json.dump(rehearsal_vars, handle, indent=1, sort_keys=True)
with open(seed_file, "w", encoding="utf-8") as handle:
    json.dump({"resellers": [{"reseller": facts["reseller"], "description": "%s (rehearsal)" % facts["reseller"]}]}, handle)
for name, value in (("production", production), ("backend", facts["state_backend_type"]), ("reseller", facts["reseller"]),
                    ("domain", str(facts["target"].get("domain") or "")), ("platform", str(facts["source"].get("platform") or "")),
                    ("clock", cutover_now)):
    print("%s=%s" % (name, value))
PY
)" || exit 1
setting() { sed -n "s/^$1=//p" <<< "$settings"; }
production_dir="$(setting production)"

phase_args=("${inventory_args[@]}" -e "@$work/vars.json")
for file in "${extra_var_files[@]}"; do phase_args+=(-e "@$file"); done

# 3. The guard: with exactly the arguments the phases get, refuse unless everything they would
#    write to is the lab and the rehearsal state directory. Nothing has run yet.
if ! ansible-playbook "${phase_args[@]}" scripts/rehearsal/guard.yml > "$work/guard.log" 2>&1; then
    grep -E '^\[ERROR\]' "$work/guard.log" | sed -E 's/^\[ERROR\]: (Task failed: Action failed: )?/rehearse: /' | cut -c1-400 | head -5 >&2 || true
    grep -q REFUSED "$work/guard.log" || fail "the guard could not check $host (above); nothing was run"
    fail "refused: the rehearsal of $host could reach a real system; nothing was run"
fi
if ! grep -q "rehearsal guard: $host writes only to the lab" "$work/guard.log"; then
    fail "refused: the guard did not check $host; nothing was run"
fi
echo "rehearse: guard passed: $host writes only to the lab at $lab_url and to $host_dir"

# 4. The rehearsal state: a copy of the production folder as collect left it. Records of what the
#    later phases did on the production platforms (journals, applied plan, approval, cutover and
#    port state, greeting hashes) and those phases' outputs are not carried over: the lab starts empty.
rm -rf "$host_dir" "$logs" "$rehearsal_dir/.locks/$host.json"
mkdir -p "$logs"
chmod 700 "$logs"
cp "$work/prepare.log" "$work/guard.log" "$logs/"
cp -a "$production_dir" "$host_dir"
(cd "$host_dir" && rm -rf journal.jsonl applied.json approval.json greetings.sha256.json plan.json plan_findings.json \
    mapping.csv provisioning_sheet.* onsite_schedule.* cutover_plan.* cutover_journal.jsonl cutover_state.json \
    port_state.json verify_results.json acceptance_criteria.seed.yml number_table.csv post_migration_report.*)
echo "rehearse: copied $production_dir ($(setting backend) state backend) to $host_dir"

# 5. The lab: the provider's platform holding only the target's reseller, with a lab-only key. Its
#    state holds the collected secrets recreate sends (voicemail PINs, SIP passwords): it is in $work,
#    removed when the lab stops.
echo "rehearse: starting the lab at $lab_url with reseller $(setting reseller)"
NSLAB_ADMIN_KEY="$UCAAS_REHEARSAL_LAB_KEY" PYTHONPATH="$repo/lab" python -m nslab serve --port "$lab_port" \
    --state "$work/target.sqlite" --seed "$work/seed.json" > "$logs/lab.log" 2>&1 &
lab_pid=$!
for _ in $(seq 1 150); do
    if python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" "$lab_url/ns-api/v2/version" >/dev/null 2>&1; then
        break
    fi
    kill -0 "$lab_pid" 2>/dev/null || { tail -5 "$logs/lab.log" >&2; fail "the lab did not start"; }
    sleep 0.2
done
python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" "$lab_url/ns-api/v2/version" >/dev/null 2>&1 \
    || fail "the lab did not answer at $lab_url"

# The phases' own summary lines (debug messages of their roles), as `make demo` shows them.
summary_lines='objects per kind|migration stage|findings:|API calls|wrote|temporary DIDs|changed temporary|emergency caller ID'
summary_lines+='|finalized=|SMS:|steps:|verification|checks:|call flows:|acceptance criteria:|change window:|approved by'
summary_lines+='|phones|provisioning|onsite|window'
show_artifacts() {
    local file
    echo "rehearse: artifacts in $host_dir/:"
    for file in plan.json plan_findings.json mapping.csv provisioning_sheet.html onsite_schedule.html cutover_plan.html \
        cutover_journal.jsonl port_state.json verify_results.json post_migration_report.html; do
        [ ! -e "$host_dir/$file" ] || echo "rehearse:   $file"
    done
    echo "rehearse: logs: $logs/"
}

# 6. The phases, each with the rehearsal's variables.
clock="$(setting clock)" platform="$(setting platform)"
for phase in "${phase_list[@]}"; do
    log="$logs/$phase.log"
    case "$phase" in
        cutover) echo "rehearse: [$phase] on the rehearsal clock $clock; the ${platform:-source} source is not forwarded (manual steps in the plan)" ;;
        *) echo "rehearse: [$phase] playbooks/$phase.yml" ;;
    esac
    if ! ansible-playbook "${phase_args[@]}" "playbooks/$phase.yml" > "$log" 2>&1; then
        grep -E 'fatal|FAILED|"msg"|ERROR' "$log" | cut -c1-400 | tail -15 >&2 || true
        echo "rehearse: [$phase] failed; full log: $log" >&2
        show_artifacts
        exit 1
    fi
    grep -E '^ *"' "$log" | grep -E "$summary_lines" | grep -vE '^ *"(changed|failed|skipped)"' \
        | sed -E 's/^ *"(msg": )?"?//; s/",?$//' | cut -c1-220 | sed "s/^/rehearse: [$phase]   /" | head -8 || true
    grep -E "^$host +: ok=" "$log" | sed -E "s/^([^ ]+) +: (ok=[0-9]+ +changed=[0-9]+).*(failed=[0-9]+).*/rehearse: [$phase] \\1: \\2 \\3/"
done

echo "rehearse: done: $host rehearsed on the lab (domain $(setting domain)); the source, the real target and $production_dir were not touched"
show_artifacts
