#!/usr/bin/env bash
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# `make demo`: start the lab emulator, run what exists of the migration against it,
# run it a second time to show nothing changes, stop the lab. Phases that are not
# built yet are named as such, never simulated.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${VENV:-$repo/.venv}"
"$repo/scripts/bootstrap.sh"

export PATH="$venv/bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="$repo/.collections"
export ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0
export ANSIBLE_LOCAL_TEMP="${TMPDIR:-/tmp}/ucaas-ansible-local"
cd "$repo"

work="$(mktemp -d "${TMPDIR:-/tmp}/ucaas-demo.XXXXXX")"
lab_pid=""
stop_lab() {
    if [ -n "$lab_pid" ] && kill -0 "$lab_pid" 2>/dev/null; then
        kill "$lab_pid"
        wait "$lab_pid" 2>/dev/null || true
        echo "demo: lab stopped"
    fi
    rm -rf "$work"
}
trap stop_lab EXIT

# Lab-only credentials, new for every demo run.
NSLAB_ADMIN_KEY="nss_demo_$(python -c 'import secrets; print(secrets.token_hex(16))')"
export NSLAB_ADMIN_KEY
port="$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
demo_domain="synthetic.lab"

echo "demo: starting the lab on 127.0.0.1:$port (state $work/lab.sqlite)"
PYTHONPATH="$repo/lab" python -m nslab serve --port "$port" --state "$work/lab.sqlite" \
    --synthetic-users 40 > "$work/lab.log" 2>&1 &
lab_pid=$!
for _ in $(seq 1 100); do
    if python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" \
        "http://127.0.0.1:$port/ns-api/v2/version" >/dev/null 2>&1; then
        break
    fi
    kill -0 "$lab_pid" 2>/dev/null || { echo "demo: the lab did not start:" >&2; cat "$work/lab.log" >&2; exit 1; }
    sleep 0.1
done

export NS_API_URL="http://127.0.0.1:$port" NS_API_KEY="$NSLAB_ADMIN_KEY"

run_pass() {
    local pass=$1
    echo
    echo "demo: ---- pass $pass ----"
    echo "demo: [inventory] validate the example partner's canonical inventory"
    ansible-playbook -i inventories/example playbooks/validate_inventory.yml \
        --vault-password-file inventories/example/lab-only.vault-password | tee "$work/validate-$pass.log" | grep -E '^(TASK|ok|changed|fatal|failed)|valid|PLAY RECAP' || true
    grep -q 'failed=0' "$work/validate-$pass.log" || { echo "demo: validation failed" >&2; exit 1; }

    echo "demo: [target] read the lab's domain $demo_domain with ucaas.migration.ns_info"
    ansible-playbook -i localhost, playbooks/ns_overview.yml -e "ns_domain=$demo_domain" | tee "$work/overview-$pass.log" | grep -E 'objects per kind|API calls|PLAY RECAP|fatal' || true
    grep -q 'failed=0' "$work/overview-$pass.log" || { echo "demo: reading the lab failed" >&2; exit 1; }

    for phase in collect recreate provision_phones cutover finalize_port verify; do
        if [ -f "playbooks/$phase.yml" ]; then
            echo "demo: [$phase] running playbooks/$phase.yml"
            ansible-playbook -i inventories/example "playbooks/$phase.yml" \
                --vault-password-file inventories/example/lab-only.vault-password
        else
            echo "demo: [$phase] not built yet: skipped"
        fi
    done
    if [ "$pass" = 2 ]; then
        if grep -hE 'changed=[1-9]' "$work"/*-2.log; then
            echo "demo: the second pass changed something" >&2
            exit 1
        fi
        echo "demo: pass 2 changed nothing"
    fi
}

run_pass 1
run_pass 2
echo
echo "demo: done. What exists ran twice against the lab; the second pass changed nothing."
