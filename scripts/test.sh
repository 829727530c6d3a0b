#!/usr/bin/env bash
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
#
# The whole test suite (`make test`): every step runs, the run fails if any step
# failed. Name steps to run a subset: scripts/test.sh unit lint sanity molecule changelog
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${VENV:-$repo/.venv}"
# Outside the checkout: inside it, git would call the copy ignored and ansible-test
# would find no files to test.
build="${BUILD_DIR:-${TMPDIR:-/tmp}/ucaas-migration-build/$(printf '%s' "$repo" | sha256sum | cut -c1-12)}"
export PATH="$venv/bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="$repo/.collections"
export ANSIBLE_NOCOLOR=1 NO_COLOR=1 PY_COLORS=0 ANSIBLE_FORCE_COLOR=0
export ANSIBLE_LOCAL_TEMP="${TMPDIR:-/tmp}/ucaas-ansible-local"

"$repo/scripts/bootstrap.sh" || exit 1
cd "$repo" || exit 1

step_unit() {
    # One worker per CPU (UCAAS_TEST_WORKERS overrides; 0 runs in this process). A module's tests stay
    # on one worker, so a module-scoped lab fixture is built once.
    python -m pytest -q -p no:cacheprovider -n "${UCAAS_TEST_WORKERS:-auto}" --dist loadscope
}

step_lint() {
    # The example and demo inventories' vaults are lab-only; opening them lets lint read their variables.
    ANSIBLE_VAULT_IDENTITY_LIST="example@$repo/inventories/example/lab-only.vault-password,lab-demo@$repo/inventories/lab-demo/lab-only.vault-password" \
        ansible-lint
}

# ansible-test needs the collection at a real .../ansible_collections/<ns>/<name>
# path (a symlink is resolved and rejected), so it tests a fresh copy of the tree.
stage_collection() {
    local dest="$build/ansible_collections/ucaas/migration"
    rm -rf "$build"
    mkdir -p "$dest"
    if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git -C "$repo" ls-files -co --exclude-standard -z | (cd "$repo" && tar --null -T - -cf -) | tar -xf - -C "$dest"
    else
        tar -C "$repo" --exclude=./.venv --exclude=./.build --exclude=./.collections --exclude=./.git -cf - . | tar -xf - -C "$dest"
    fi
    echo "$dest"
}

step_sanity() {
    local dest pip_version
    dest="$(stage_collection)" || return 1
    # ansible-test bootstraps pip in each sanity venv with a script it downloads;
    # CI cannot reach that host, so give it the offline stand-in.
    pip_version="$(python -c 'import re, inspect, ansible_test._internal.python_requirements as m; print(re.search(r"pip=.([0-9.]+).", inspect.getsource(m)).group(1))')" || return 1
    mkdir -p "$HOME/.ansible/test/cache"
    cp "$repo/tests/ci/get_pip_standin.py" "$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
    (cd "$dest" && ansible-test sanity --python 3.11 --local --color no)
}

step_molecule() {
    molecule test --all
}

step_changelog() {
    antsibull-changelog lint
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(unit lint sanity molecule changelog)

passed=0
failed=0
failures=()
for step in "${steps[@]}"; do
    if ! declare -F "step_$step" >/dev/null; then
        echo "unknown step '$step' (steps: unit lint sanity molecule changelog)" >&2
        exit 2
    fi
    echo "=== $step"
    start=$SECONDS
    if "step_$step"; then
        passed=$((passed + 1))
        echo "=== $step: ok ($((SECONDS - start)) s)"
    else
        failed=$((failed + 1))
        failures+=("$step")
        echo "=== $step: FAILED ($((SECONDS - start)) s)"
    fi
done

[ $failed -eq 0 ] || echo "failed steps: ${failures[*]}"
echo "steps: $passed passed, $failed failed"
[ $failed -eq 0 ]
