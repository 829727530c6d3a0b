#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: inventory_save
short_description: Save a collected inventory, its secrets (vault-encrypted), problems and findings
version_added: 1.0.0
description:
  - Writes the artifacts of the collect phase into the host's state directory, each atomically and only when it changes.
  - C(inventory.json) - the canonical inventory. The file is left untouched when the new inventory differs from it only in
    C(source.collected_at), so collecting an unchanged source again reports no change.
  - >-
    C(secrets.vault.yml) - the collected secret values as C(ucaas_secrets), encrypted with the play's vault secret
    (C(--vault-password-file), C(--vault-id), C(--ask-vault-pass)). The existing file is decrypted and compared, and rewritten only
    when a value changed. The task fails when there are secrets to save and no vault secret is loaded.
  - C(problems.json) - row problems of the collect (skipped input rows); C(findings.json) - merge findings.
  - This is an action plugin; it runs on the controller, where the vault secrets are.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Reports which files would change and writes nothing.
  diff_mode:
    support: full
    details: Shows the inventory, problems and findings before and after; for the secrets file only the keys, never a value.
  platform:
    platforms: posix
options:
  dest:
    description: The host's state directory (C(<ucaas_state_dir>/<inventory_hostname>)); created when missing.
    type: path
    required: true
  inventory:
    description: The canonical inventory to save (holds secret references only).
    type: dict
    required: true
  secrets:
    description:
      - Secret values by reference (C(vm_pin/201) -> value), as returned by the collect modules.
      - Never written in clear text, never returned.
    type: dict
    default: {}
  problems:
    description: Row problems to write to C(problems.json).
    type: list
    elements: dict
    default: []
  findings:
    description: Merge findings to write to C(findings.json).
    type: list
    elements: dict
    default: []
"""

EXAMPLES = r"""
- name: Save what was collected
  ucaas.migration.inventory_save:
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
    inventory: "{{ merged.inventory }}"
    secrets: "{{ merged.secrets }}"
    problems: "{{ collected.problems }}"
    findings: "{{ merged.findings }}"
  register: saved
"""

RETURN = r"""
inventory:
  description:
    - The inventory as saved. When only C(collected_at) differed, this is the file's content, with its earlier stamp.
  returned: success
  type: dict
path:
  description: Path of C(inventory.json).
  returned: success
  type: str
  sample: /srv/ucaas/northwind-dental/inventory.json
secrets_saved:
  description: Number of secret values given.
  returned: success
  type: int
  sample: 27
files:
  description: The artifacts, with whether each changed.
  returned: success
  type: list
  elements: dict
  contains:
    file:
      description: File name.
      type: str
    path:
      description: Absolute path.
      type: str
    changed:
      description: Whether the file was (or would be) written.
      type: bool
    skipped:
      description: Why the secrets file was not written (no secrets).
      type: str
      returned: when skipped
"""
