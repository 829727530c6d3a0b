#!/usr/bin/env bash
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# Sets up what `make test` and `make demo` need, idempotently:
#   - a virtual environment (.venv) with the pinned Python packages;
#   - Debian packages the tests use (as root): shellcheck, mariadb-server;
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

# Debian packages the tests use: shellcheck (ansible-test's shellcheck check) and
# MariaDB (the FreePBX source adapter is tested against a real server).
missing=()
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
# git (with git daemon): the git state backend is tested against a real git server.
command -v git >/dev/null 2>&1 || missing+=(git)
command -v mariadb-install-db >/dev/null 2>&1 || command -v mysql_install_db >/dev/null 2>&1 || missing+=(mariadb-server)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "bootstrap: installing Debian packages: ${missing[*]}"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "note: missing Debian packages: ${missing[*]}; install them with: sudo apt-get install ${missing[*]}"
        echo "      (without shellcheck its sanity check is skipped; without mariadb-server the FreePBX database tests are skipped;"
        echo "       without git the git state backend tests are skipped)"
    fi
fi

mkdir -p "$repo/.collections/ansible_collections/ucaas"
ln -sfn "$repo" "$repo/.collections/ansible_collections/ucaas/migration"

# awx.awx, for awx/configure_awx.yml (ansible-lint and --syntax-check resolve its modules).
# Galaxy is not used: the pinned `ansible` community package on PyPI ships the collection,
# so only that folder of its wheel (checked against its sha256) is unpacked.
awx_collection_version=24.6.1
ansible_wheel=ansible==12.3.0
ansible_wheel_sha256=cd156f82fa87f7a899212b0efa9f7ca3a24d609212de9f78428a572eb01e5414
awx_dir="$repo/.collections/ansible_collections/awx/awx"
if ! grep -qs "\"version\": \"$awx_collection_version\"" "$awx_dir/MANIFEST.json"; then
    echo "bootstrap: installing the awx.awx $awx_collection_version collection from $ansible_wheel"
    download="$(mktemp -d)"
    "$venv/bin/python" -m pip download -q --no-deps --disable-pip-version-check -d "$download" "$ansible_wheel"
    wheel="$(ls "$download"/ansible-*.whl)"
    echo "$ansible_wheel_sha256  $wheel" | sha256sum --check --quiet
    rm -rf "$awx_dir"
    "$venv/bin/python" - "$wheel" "$repo/.collections" <<'PY'
import sys
import zipfile

wheel, dest = sys.argv[1:3]
with zipfile.ZipFile(wheel) as archive:
    archive.extractall(dest, [name for name in archive.namelist() if name.startswith("ansible_collections/awx/awx/")])
PY
    rm -rf "$download"
fi
