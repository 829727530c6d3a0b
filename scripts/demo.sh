#!/usr/bin/env bash
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# `make demo`: start two lab emulators (the customer's old NetSapiens platform and the
# provider's platform), run the six phases of a migration against the demo partner
# inventory (inventories/lab-demo): collect, recreate (+ the partner's approval),
# provision_phones, cutover on a rehearsal clock, finalize_port with a partial then a
# complete port, verify; run them all a second time to show nothing changes, stop the labs.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${VENV:-$repo/.venv}"
"$repo/scripts/bootstrap.sh"

export PATH="$venv/bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="$repo/.collections"
export ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0
export ANSIBLE_LOCAL_TEMP="${TMPDIR:-/tmp}/ucaas-ansible-local"
cd "$repo"

demo_inventory=inventories/lab-demo
demo_vault_file="$demo_inventory/lab-only.vault-password"
if [ -z "${UCAAS_STATE_DIR:-}" ]; then
    # The demo's own state directory starts empty, so the first pass shows what a phase creates.
    export UCAAS_STATE_DIR="$repo/.lab/demo-state"
    rm -rf "$UCAAS_STATE_DIR"
fi
logs="$repo/.lab/demo-logs"
work="$(mktemp -d "${TMPDIR:-/tmp}/ucaas-demo.XXXXXX")"
mkdir -p "$UCAAS_STATE_DIR" "$logs"

lab_pids=()
stop_lab() {
    local pid
    for pid in "${lab_pids[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            wait "$pid" 2>/dev/null || true
        fi
    done
    [ ${#lab_pids[@]} -eq 0 ] || echo "demo: labs stopped"
    rm -rf "$work"
}
trap stop_lab EXIT

# The lab accepts the key the demo inventory's (lab-only) vault holds.
NSLAB_ADMIN_KEY="$(ansible-vault view --vault-password-file "$demo_vault_file" \
    "$demo_inventory/host_vars/acme-dental-group/vault.yml" | sed -n 's/^vault_lab_demo_api_key: //p')"
export NSLAB_ADMIN_KEY
free_port() { python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_lab NAME PORT SEED: one lab emulator in the background; its pid is appended to lab_pids.
start_lab() {
    local name=$1 port=$2 seed=$3 url="http://127.0.0.1:$2"
    PYTHONPATH="$repo/lab" python -m nslab serve --port "$port" --state "$work/$name.sqlite" \
        --seed "$seed" > "$logs/lab-$name.log" 2>&1 &
    lab_pids+=($!)
    for _ in $(seq 1 100); do
        if python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" \
            "$url/ns-api/v2/version" >/dev/null 2>&1; then
            return 0
        fi
        kill -0 "${lab_pids[-1]}" 2>/dev/null || { echo "demo: the $name lab did not start:" >&2; cat "$logs/lab-$name.log" >&2; exit 1; }
        sleep 0.1
    done
    echo "demo: the $name lab did not answer at $url" >&2
    exit 1
}

# Two labs: the customer's old platform and the provider's, separate systems as in a real migration.
source_port="$(free_port)"
export UCAAS_LAB_URL="http://127.0.0.1:$source_port"
echo "demo: starting the customer's old platform (lab) at $UCAAS_LAB_URL, seeded with Acme Dental Group (lab/seeds/acme-dental-group.json)"
start_lab source "$source_port" lab/seeds/acme-dental-group.json
target_port="$(free_port)"
export UCAAS_LAB_TARGET_URL="http://127.0.0.1:$target_port"
echo "demo: starting the provider's platform (lab) at $UCAAS_LAB_TARGET_URL, with the partner's reseller (lab/seeds/provider-keystone-voice.json)"
start_lab target "$target_port" lab/seeds/provider-keystone-voice.json

# run_step NAME LOG ansible-playbook ARGS...: run a playbook, show its summary lines, keep the full log.
run_step() {
    local name=$1 log=$2
    shift 2
    if ! "$@" > "$log" 2>&1; then
        grep -E 'fatal|FAILED|msg' "$log" | tail -20 | cut -c1-1500 >&2
        echo "demo: [$name] failed; full log: $log" >&2
        exit 1
    fi
    # the phase's own summary lines (debug messages of its role), then the play recap
    grep -E '^ *"' "$log" | grep -E "$summary_lines" | grep -vE '^ *"(changed|failed|skipped)"' | sed -E 's/^ *"(msg": )?"?//; s/",?$//' \
        | cut -c1-400 | sed "s/^/demo: [$name]   /" | head -"${summary_max:-18}" || true
    grep -E '^[a-z0-9.-]+ +: ok=' "$log" | sed -E "s/^([a-z0-9.-]+) +: (ok=[0-9]+ +changed=[0-9]+).*(failed=[0-9]+).*/demo: [$name] \\1: \\2 \\3/"
}
summary_lines='valid|objects per kind|migration stage|findings:|API calls|collected|artifacts|wrote|temporary DIDs|emergency caller ID|finalized=|SMS:|SMS refused|steps:|verification|checks:|call flows:|acceptance criteria:|change window:|approved by|phones|provisioning|onsite|inventory collected before|window|applied to|cut over|: [0-9]+ (created|updated), '

# run_phase PASS PHASE [ARGS...]: one playbook of the migration against the demo inventory.
run_phase() {
    local pass=$1 phase=$2 label=$2
    shift 2
    [ -z "${step_label:-}" ] || label=$step_label
    echo "demo: [$label] playbooks/$phase.yml $*"
    run_step "$label" "$logs/$label-$pass.log" ansible-playbook -i "$demo_inventory" "playbooks/$phase.yml" \
        --vault-password-file "$demo_vault_file" "$@"
}

# The carrier's port orders as the demo plays them: FOC first (host_vars), the direct lines ported
# (lab/carrier/acme-dental-group/partial.yml), then everything (completed.yml). Once complete, it stays complete.
carrier_orders=lab/carrier/acme-dental-group/partial.yml

run_pass() {
    local pass=$1
    echo
    echo "demo: ---- pass $pass ----"
    echo "demo: [inventory] validate the example partner's canonical inventory (inventories/example)"
    run_step inventory "$logs/validate-$pass.log" ansible-playbook -i inventories/example playbooks/validate_inventory.yml \
        --vault-password-file inventories/example/lab-only.vault-password

    echo "demo: [source] what the old platform holds (ucaas.migration.ns_info on acmedental.lab)"
    NS_API_URL="$UCAAS_LAB_URL" NS_API_KEY="$NSLAB_ADMIN_KEY" run_step source "$logs/overview-$pass.log" \
        ansible-playbook -i localhost, playbooks/ns_overview.yml -e "ns_domain=acmedental.lab"

    echo "demo: -- Phase 1, planning: collect the old platform"
    run_phase "$pass" collect
    echo "demo: -- Phase 2, configuration: recreate, the partner's approval, the phones"
    run_phase "$pass" recreate
    step_label=approve run_phase "$pass" approve_plan -e '{"approval_by": "Dana Whitfield <dana.whitfield@keystone-voice.example>", "approval_note": "demo: reviewed the domain on the lab"}'
    run_phase "$pass" provision_phones
    echo "demo: -- Phase 3, cutover and porting (rehearsal clock $(sed -n 's/^ucaas_cutover_now: "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$demo_inventory/host_vars/acme-dental-group/rehearsal.yml"), lab only)"
    run_phase "$pass" cutover
    if [ "$pass" = 1 ]; then
        echo "demo: [carrier] FOC day: the direct lines have ported (order KV-PORT-2208), the main numbers have not (KV-PORT-2207)"
        step_label=finalize_port-partial run_phase "$pass" finalize_port -e "@$carrier_orders"
        step_label=verify-partial run_phase "$pass" verify
        echo "demo: [carrier] a day later: the main numbers have ported too"
        carrier_orders=lab/carrier/acme-dental-group/completed.yml
    fi
    run_phase "$pass" finalize_port -e "@$carrier_orders"
    run_phase "$pass" verify
}

run_pass 1
run_pass 2
if grep -lE 'changed=[1-9]' "$logs"/*-2.log; then
    echo "demo: the second pass changed something (logs above)" >&2
    exit 1
fi
echo
echo "demo: the second pass changed nothing."

# Every artifact the migration process names, as the partner and the engineer receive them.
host_dir="$UCAAS_STATE_DIR/acme-dental-group"
missing=0
echo "demo: artifacts in $host_dir/ (logs: $logs/)"
while read -r phase files; do
    for file in $files; do
        if [ -s "$host_dir/$file" ]; then
            echo "demo:   [$phase] $file"
        else
            echo "demo:   [$phase] $file MISSING" >&2
            missing=1
        fi
    done
done <<'ARTIFACTS'
collect inventory.json inventory_export.html inventory_export.xlsx partner_requests.md sow_inputs.md timeline.html cutover.ics
recreate plan.json plan_findings.json mapping.csv approval.json journal.jsonl
provision_phones provisioning_sheet.html provisioning_sheet.xlsx onsite_schedule.html
cutover cutover_plan.html cutover_journal.jsonl
finalize_port port_state.json
verify verify_results.json number_table.csv acceptance_criteria.seed.yml post_migration_report.html post_migration_report.md post_migration_report.json
ARTIFACTS
[ "$missing" = 0 ] || { echo "demo: artifacts are missing" >&2; exit 1; }
echo "demo: start with $host_dir/post_migration_report.html; docs/walkthrough.md goes through the run."
