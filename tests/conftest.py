"""Test bootstrap shared by every pytest suite of the collection.

Makes ``ansible_collections.ucaas.migration`` importable from a plain checkout
(the repository root is the collection root) and puts the lab emulator
(``lab/nslab``) on the path, then loads the lab's pytest plugin so every test can
ask for a running emulator.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _collection_parent() -> Path:
    """Return a directory that holds ``ansible_collections/ucaas/migration``."""
    parts = REPO.parts
    if len(parts) >= 3 and parts[-3:-1] == ("ansible_collections", "ucaas") and parts[-1] == "migration":
        return REPO.parent.parent.parent
    root = REPO / ".collections"
    link = root / "ansible_collections" / "ucaas" / "migration"
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.symlink(REPO, link, target_is_directory=True)
        except FileExistsError:
            pass
    return root


# the lab emulator, and the integration suites' shared partner inventory (tests/integration/lab_migration.py)
for entry in (str(_collection_parent()), str(REPO / "lab"), str(REPO / "tests" / "integration")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

pytest_plugins = ["nslab.pytest_plugin"]


class _ModuleReturned(Exception):
    """Raised in place of a module's process exit."""


@pytest.fixture
def run_module(monkeypatch):
    """Run a module's ``main`` in-process with ``args``; return its result.

    A module that called ``fail_json`` returns a result with ``failed: True``.
    """
    from ansible.module_utils import basic
    from ansible.module_utils.testing import patch_module_args

    def exit_json(self, **result):
        raise _ModuleReturned(result)

    def fail_json(self, msg, **result):
        result.update(msg=msg, failed=True)
        raise _ModuleReturned(result)

    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", fail_json)

    def run(main, args):
        with patch_module_args(args):
            try:
                main()
            except _ModuleReturned as returned:
                return returned.args[0]
        raise AssertionError("%s returned without exit_json or fail_json" % main.__module__)
    return run


@pytest.fixture
def run_playbook():
    """Run ``ansible-playbook`` from the test's virtual environment against this checkout.

    ``run(playbook, *args, cwd=None, env=None)``; localhost runs with the test's Python.
    Connection variables of the platform (NS_API_*) are not inherited from the caller.
    """
    def run(playbook, *args, cwd=None, env=None):
        environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(_collection_parent()), ANSIBLE_NOCOLOR="1",
                           ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_INVENTORY_UNPARSED_WARNING="0")
        for name in ("NS_API_URL", "NS_API_KEY", "NS_CLIENT_ID", "NS_CLIENT_SECRET", "NS_USERNAME", "NS_PASSWORD"):
            environment.pop(name, None)
        environment.update(env or {})
        command = [str(Path(sys.executable).parent / "ansible-playbook"), "-e", "ansible_python_interpreter=%s" % sys.executable,
                   *args, str(playbook)]
        return subprocess.run(command, env=environment, cwd=str(cwd) if cwd else None, capture_output=True, text=True,
                              timeout=600, check=False)
    return run
