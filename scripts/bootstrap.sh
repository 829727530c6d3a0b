#!/usr/bin/env bash
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Sets up what `make test` and `make demo` need, idempotently:
#   - a virtual environment (.venv) with the pinned Python packages;
#   - shellcheck (as root on Debian), so ansible-test's shellcheck test is real;
#   - .collections/ansible_collections/ucaas/migration -> this checkout, the path
#     ansible-playbook, ansible-lint and molecule find the collection through.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3.11}"
venv="${VENV:-$repo/.venv}"

if ! command -v "$python" >/dev/null 2>&1 || ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))' 2>/dev/null; then
    echo "missing: Python 3.11 or newer as '$python'. On Debian 12: apt-get install python3.11 python3.11-venv (or set PYTHON=/path/to/python3.11)" >&2
    exit 1
fi
if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
    echo "missing: the venv module for $python. On Debian 12: apt-get install python3.11-venv" >&2
    exit 1
fi

wanted="$(cat "$repo/requirements.txt" "$repo/requirements-dev.txt" "$repo/constraints.txt" | sha256sum | cut -d' ' -f1)"
stamp="$venv/.requirements.sha256"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "bootstrap: installing pinned Python packages into $venv"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check \
        -r "$repo/requirements-dev.txt" -c "$repo/constraints.txt"
    echo "$wanted" > "$stamp"
fi

if ! command -v shellcheck >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "bootstrap: installing shellcheck (Debian package)"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null
    else
        echo "note: shellcheck is missing, so ansible-test's shellcheck check will be skipped; install it with: sudo apt-get install shellcheck"
    fi
fi

mkdir -p "$repo/.collections/ansible_collections/ucaas"
ln -sfn "$repo" "$repo/.collections/ansible_collections/ucaas/migration"
