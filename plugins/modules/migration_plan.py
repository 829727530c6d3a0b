#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: migration_plan
short_description: Translate a canonical inventory into the target's desired configuration (offline)
version_added: 1.0.0
description:
  - Translates the canonical inventory, its scope and the provider's standards into the desired configuration of the target
    domain, per resource kind, in the exact C(config) item form of the C(ucaas.migration.ns_*) modules.
  - Builds the mapping table (each source object and the target objects it became) and typed findings for every approximation,
    gap or unsupported feature (kind, severity C(info), C(warning) or C(blocking), source object, stable fingerprint, suggested
    resolution).
  - Blocking findings are resolved in O(resolutions) (C(ucaas_resolutions)); the resolution is recorded in the finding.
  - Works offline on the controller; never contacts a platform. Secrets stay references (C({secret_ref, is_set})); the
    C(ucaas.migration.resolve_secrets) filter resolves them when the configuration is applied.
  - With O(dest), writes C(plan.json), C(mapping.csv) and C(plan_findings.json) atomically, only when their content changes.
  - With O(dest), also returns RV(staged_resources), the resources as the target should hold them at the migration's current stage,
    read from C(cutover_state.json) and C(port_state.json) there (emergency caller ID on temporary DIDs after the cutover, finished
    numbers' originals instead of their temporary DIDs after finalize_port). C(plan.json) and its fingerprint never carry the stage.
  - See docs/translation.md for every mapping rule.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Builds the plan and reports which files would change; writes nothing.
  diff_mode:
    support: full
  platform:
    platforms: posix
options:
  inventory:
    description: The canonical inventory. Exactly one of O(inventory) and O(inventory_path).
    type: dict
  inventory_path:
    description: Path of the inventory JSON (the host's C(inventory.json)).
    type: path
  scope:
    description:
      - The content of C(scope.json) written by M(ucaas.migration.migration_scope). Items classified C(not_migrate) are not
        planned; C(needs_partner_input) items are planned with a warning. Without scope every object migrates.
    type: dict
  scope_path:
    description: Path of C(scope.json); used when O(scope) is not given and the file exists.
    type: path
  standards:
    description:
      - The provider's standards, merged from C(ucaas_standards), C(ucaas_standards_overrides) and C(ucaas_standards_host_overrides)
        (the role C(recreate) passes C(recreate_standards)). Missing keys take the documented defaults.
    type: dict
    default: {}
  target:
    description:
      - The target (C(ucaas_target)); C(domain) (wins over the naming pattern), C(reseller), C(description), optional C(time_zone)
        and C(customer_slug). Other keys (API URL, key) are ignored.
    type: dict
    default: {}
  port:
    description:
      - The port (C(ucaas_schedule.port)). C(numbers) is C(all) or a list of the numbers that are ported (those are not planned);
        C(temporary) lists temporary numbers (C(number) and C(for), the original they stand in for), routed like the original.
      - Without C(numbers), DIDs with C(porting) details in the inventory are taken as ported.
    type: dict
    default: {}
  resolutions:
    description: Decisions on blocking findings (C(ucaas_resolutions)), a mapping of finding fingerprint to C(decision), C(note) and C(by).
    type: dict
    default: {}
  state_dir:
    description:
      - The host's state directory that audio files of the inventory are relative to; greeting C(file) paths are made absolute
        against it. Defaults to O(dest), else the directory of O(inventory_path).
    type: path
  dest:
    description: Directory the plan files are written into (the host's state directory). Without it nothing is written.
    type: path
"""

EXAMPLES = r"""
- name: Plan the recreate of the host's company
  ucaas.migration.migration_plan:
    inventory_path: "{{ ucaas_state_dir }}/{{ inventory_hostname }}/inventory.json"
    scope_path: "{{ ucaas_state_dir }}/{{ inventory_hostname }}/scope.json"
    standards: "{{ recreate_standards }}"
    target: "{{ ucaas_target }}"
    port: "{{ (ucaas_schedule | default({})).port | default({}) }}"
    resolutions: "{{ ucaas_resolutions | default({}) }}"
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
  register: plan

- name: Apply the users with their PINs resolved
  ucaas.migration.ns_user:
    domain: "{{ plan.domain }}"
    config: "{{ plan.resources.users | ucaas.migration.resolve_secrets(ucaas_secrets | default({})) }}"
  no_log: true
"""

RETURN = r"""
plan:
  description: The whole plan as written to C(plan.json) (format, domain, fingerprint, resources, mapping, findings, summary).
  returned: success
  type: dict
domain:
  description: The target domain.
  returned: success
  type: str
  sample: northwind-dental.keystone-voice.service
fingerprint:
  description: C(sha256:) and the hex SHA-256 of the canonical JSON of the domain and the resources.
  returned: success
  type: str
resources:
  description: Per kind (domains, sites, timeframes, users, devices, callqueues, agents, autoattendants, greetings, answerrules,
    phonenumbers, smsnumbers), the C(config) list of the matching module, sorted by identity.
  returned: success
  type: dict
staged_resources:
  description:
    - RV(resources) as the target should hold them now (see the description); equal to RV(resources) before the cutover or without O(dest).
    - The role C(recreate) applies these, so recreate re-run after the cutover or the port changes nothing.
  returned: success
  type: dict
stage:
  description: Where the migration stands, for people.
  returned: success
  type: str
  sample: cut over; 2 number(s) ported and finished, 3 still on temporary DIDs
summary:
  description: Items per kind, findings per severity, and C(blocking_unresolved).
  returned: success
  type: dict
  sample:
    resources:
      users: 15
    findings:
      blocking: 1
      warning: 10
      info: 17
    blocking_unresolved: 1
findings:
  description: Every finding (kind, severity, source, message, fingerprint, suggestion, resolution), blocking first.
  returned: success
  type: list
  elements: dict
blocking:
  description: Unresolved blocking findings with their fix line; the recreate role stops before any write while this is not empty.
  returned: success
  type: list
  elements: dict
  contains:
    fingerprint:
      description: The finding's fingerprint, the key to use in C(ucaas_resolutions).
      type: str
    kind:
      description: Finding kind.
      type: str
    source:
      description: The source object.
      type: dict
    message:
      description: What is wrong.
      type: str
    fix:
      description: One line saying how to fix or resolve it.
      type: str
plan_warnings:
  description: Unknown standards keys and resolutions that match no finding; each is also an Ansible warning.
  returned: success
  type: list
  elements: str
files:
  description: The files written (or that would be) with whether each changed; empty without O(dest).
  returned: success
  type: list
  elements: dict
"""

import json
import os

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, ArtifactSet, json_bytes
from ansible_collections.ucaas.migration.plugins.module_utils.stage import StageError, load_stage, stage_summary, staged_resources
from ansible_collections.ucaas.migration.plugins.module_utils.translate.findings import TranslationError
from ansible_collections.ucaas.migration.plugins.module_utils.translate.plan import blocking_lines, build_plan, mapping_csv

PLAN_NAME = "plan.json"
MAPPING_NAME = "mapping.csv"
FINDINGS_NAME = "plan_findings.json"


def _load_json(module, path, what):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as exc:
        module.fail_json(msg="%s: cannot read %s: %s" % (what, path, exc))


def main():
    module = AnsibleModule(
        argument_spec=dict(
            inventory=dict(type="dict"),
            inventory_path=dict(type="path"),
            scope=dict(type="dict"),
            scope_path=dict(type="path"),
            standards=dict(type="dict", default={}),
            target=dict(type="dict", default={}),
            port=dict(type="dict", default={}),
            resolutions=dict(type="dict", default={}),
            state_dir=dict(type="path"),
            dest=dict(type="path"),
        ),
        required_one_of=[("inventory", "inventory_path")],
        mutually_exclusive=[("inventory", "inventory_path"), ("scope", "scope_path")],
        supports_check_mode=True,
    )
    params = module.params
    inventory = params["inventory"]
    if inventory is None:
        inventory = _load_json(module, params["inventory_path"], "inventory_path")
    scope = params["scope"]
    if scope is None and params["scope_path"] and os.path.exists(params["scope_path"]):
        scope = _load_json(module, params["scope_path"], "scope_path")
    state_dir = params["state_dir"] or params["dest"] or (os.path.dirname(params["inventory_path"]) if params["inventory_path"] else None)
    try:
        plan, warnings = build_plan(inventory, scope=scope, standards=params["standards"], target=params["target"], port=params["port"],
                                    resolutions=params["resolutions"], state_dir=state_dir)
    except TranslationError as exc:
        module.fail_json(msg=str(exc))
    stage = {"cutover": None, "port": None}
    if params["dest"]:
        try:
            stage = load_stage(params["dest"])
        except StageError as exc:
            module.fail_json(msg=str(exc))
    files, diff = [], None
    if params["dest"]:
        artifacts = ArtifactSet(params["dest"])
        artifacts.add(PLAN_NAME, json_bytes(plan))
        artifacts.add(MAPPING_NAME, mapping_csv(plan))
        artifacts.add(FINDINGS_NAME, json_bytes(dict(format=plan["format"], fingerprint=plan["fingerprint"], findings=plan["findings"])))
        diff = artifacts.diff() if module._diff else None
        try:
            files = artifacts.commit(check_mode=module.check_mode)
        except ArtifactError as exc:
            module.fail_json(msg=str(exc))
    for warning in warnings:
        module.warn(warning)
    result = dict(changed=any(item["changed"] for item in files), files=files, plan=plan, domain=plan["domain"], fingerprint=plan["fingerprint"],
                  resources=plan["resources"], staged_resources=staged_resources(plan, stage["cutover"], stage["port"]),
                  stage=stage_summary(stage["cutover"], stage["port"]), summary=plan["summary"], findings=plan["findings"], blocking=blocking_lines(plan),
                  plan_warnings=warnings)
    if diff:
        result["diff"] = diff
    module.exit_json(**result)


if __name__ == "__main__":
    main()
