#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: state_sync
short_description: Pull a host's state directory from persistent storage, push it back, with a per-host lock
version_added: 1.0.0
description:
  - Keeps C(<state_dir>/<host>/) (the artifacts phases read and write) in a backend that outlives the machine the phase runs on,
    such as an AWX job's throw-away container. Runs on the controller.
  - O(operation=pull) takes the host's lock, then makes the local folder an exact copy of what the backend holds.
    A backend that holds nothing for the host yet leaves the local folder alone (the first push uploads it).
  - O(operation=push) makes the backend hold exactly the local folder (refusing when O(lock_token) is no longer the host's lock,
    so a run whose lock expired and was taken over never overwrites the newer run's state), then releases the lock.
  - O(operation=release) only releases the lock.
  - A lock names its owner and expires after O(lock_ttl) minutes; an expired lock, or one held by the same O(lock_owner), is taken over.
  - See the collection's C(docs/state-backends.md) for the backends and the role C(ucaas.migration.state) that wraps this module.
author:
  - ucaas.migration contributors (@ucaas-migration)
requirements:
  - git (the command) for the git backend
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Reports which files would change; takes no lock, writes and pushes nothing.
  diff_mode:
    support: none
  platform:
    platforms: posix
options:
  operation:
    description: What to do.
    type: str
    required: true
    choices: [pull, push, release]
  state_dir:
    description: The local state directory (C(ucaas_state_dir)); the host's folder is C(<state_dir>/<host>).
    type: path
    required: true
  host:
    description: The migration host (C(inventory_hostname)); a single folder name.
    type: str
    required: true
  backend:
    description: Where the state persists (C(ucaas_state_backend)).
    type: dict
    default: {}
    suboptions:
      type:
        description:
          - V(local) keeps the state in a folder on the controller (O(backend.path)); V(git) on a branch of a git remote.
        type: str
        choices: [local, git]
        default: local
      path:
        description:
          - Local backend. The storage folder; defaults to O(state_dir) itself (then only the lock is taken).
        type: path
      url:
        description:
          - Git backend. The remote, for example V(ssh://git@git.example.net/voice/migration-state.git).
          - User and password in the URL are never shown in messages.
        type: str
      branch:
        description: Git backend. The branch that holds every host's folder.
        type: str
        default: main
      ssh_private_key_file:
        description: Git backend. SSH private key used for an C(ssh://) remote.
        type: path
      author_name:
        description: Git backend. Author and committer name of state commits.
        type: str
        default: ucaas.migration
      author_email:
        description: Git backend. Author and committer e-mail of state commits.
        type: str
        default: ucaas-migration@localhost
  lock:
    description: O(operation=pull) takes the host's lock. Turn it off only for read-only looks at the state.
    type: bool
    default: true
  lock_owner:
    description: Who holds the lock (shown to a run that finds the host locked), for example V(awx job 1234 (dana)).
    type: str
  lock_ttl:
    description: Minutes after which a lock counts as abandoned and may be taken over.
    type: int
    default: 240
  lock_token:
    description: The C(lock.token) returned by the pull, for O(operation=push) and O(operation=release).
    type: str
  commit_message:
    description: Git backend. The commit message of a push.
    type: str
"""

EXAMPLES = r"""
- name: Fetch the host's state and lock it
  ucaas.migration.state_sync:
    operation: pull
    state_dir: "{{ ucaas_state_dir }}"
    host: "{{ inventory_hostname }}"
    backend:
      type: git
      url: ssh://git@git.example.net/voice/migration-state.git
      ssh_private_key_file: /runner/env/state_key
    lock_owner: "awx job {{ awx_job_id }}"
  register: state_pulled

- name: Store the host's state and release the lock
  ucaas.migration.state_sync:
    operation: push
    state_dir: "{{ ucaas_state_dir }}"
    host: "{{ inventory_hostname }}"
    backend: "{{ ucaas_state_backend }}"
    lock_token: "{{ state_pulled.lock.token }}"
    commit_message: "cutover: {{ inventory_hostname }}"
"""

RETURN = r"""
files:
  description: The files changed locally (pull) or in the backend (push), each C(file) (relative to the host's folder) and C(action).
  returned: success
  type: list
  elements: dict
  sample: [{file: inventory.json, action: updated}, {file: audio/aa-main.wav, action: added}]
revision:
  description: Git backend. The branch's commit after the operation (null when the branch does not exist yet).
  returned: success
  type: str
lock:
  description:
    - O(operation=pull). The lock taken (C(token), C(owner), C(acquired_at), C(expires_at), C(took_over) as V(expired) or V(same_owner)
      or null, C(previous_owner)); null when O(lock=false) or in check mode.
  returned: success
  type: dict
released:
  description: Whether the lock was released (push, release).
  returned: success
  type: bool
backend:
  description: The backend in words (a git URL without credentials).
  returned: always
  type: str
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.state_backends import factory
from ansible_collections.ucaas.migration.plugins.module_utils.state_backends.base import StateBackendError


def main():
    module = AnsibleModule(
        argument_spec=dict(
            operation=dict(type="str", required=True, choices=["pull", "push", "release"]),
            state_dir=dict(type="path", required=True),
            host=dict(type="str", required=True),
            backend=dict(type="dict", default={}, options=dict(
                type=dict(type="str", choices=["local", "git"], default="local"),
                path=dict(type="path"),
                url=dict(type="str"),
                branch=dict(type="str", default="main"),
                ssh_private_key_file=dict(type="path", no_log=False),
                author_name=dict(type="str", default="ucaas.migration"),
                author_email=dict(type="str", default="ucaas-migration@localhost"),
            )),
            lock=dict(type="bool", default=True),
            lock_owner=dict(type="str"),
            lock_ttl=dict(type="int", default=240),
            lock_token=dict(type="str", no_log=False),
            commit_message=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    params = module.params
    settings = dict(params["backend"] or {})
    if settings.get("type", "local") == "local":
        settings = dict(type="local", path=settings.get("path"))
    description = None
    try:
        backend = factory.make_backend(params["state_dir"], settings)
        description = backend.describe()
        if params["operation"] == "pull":
            result = factory.pull(backend, params["host"], lock=params["lock"], owner=params["lock_owner"], ttl_minutes=params["lock_ttl"],
                                  check_mode=module.check_mode)
            took_over = (result["lock"] or {}).get("took_over")
            if took_over == "expired":
                module.warn("took over the expired lock of %s held by %s" % (params["host"], result["lock"]["previous_owner"]))
            changed = bool(result["files"])
        elif params["operation"] == "push":
            result = factory.push(backend, params["host"], message=params["commit_message"], lock_token=params["lock_token"],
                                  check_mode=module.check_mode)
            changed = bool(result["files"])
        else:
            released = bool(params["lock_token"]) and not module.check_mode and backend.release(params["host"], params["lock_token"])
            result = dict(files=[], revision=None, released=released)
            changed = released
    except StateBackendError as exc:
        module.fail_json(msg="state of %s in %s: %s" % (params["host"], description or "the backend", exc), backend=description)
    module.exit_json(changed=changed, backend=description, **result)


if __name__ == "__main__":
    main()
