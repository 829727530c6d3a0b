#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: cutover_plan
short_description: Work out the cutover of a migration host and write the cutover plan for the partner
version_added: 1.0.0
description:
  - Runs on the controller and talks to no platform. Reads C(plan.json), C(inventory.json) and, when finalize_port has run,
    C(port_state.json) of the host's state directory (numbers whose port is finished are left alone).
  - Pairs each ported original number with its temporary DID (C(ucaas_schedule.port.temporary)), works out where the temporary DID
    routes (the plan routes it like the original), how the original is forwarded (through the source's API for a NetSapiens source,
    else instructions for the partner or carrier), each user's original number for outbound caller ID, the number emergency caller ID
    stays on until the port completes, and the phones to push.
  - Writes C(cutover_plan.md) and C(cutover_plan.html) into O(dest) (atomically, only when their content changes) with the window,
    the numbers table, the per-number forwarding steps, caller ID, the phones and the onsite schedule of provision_phones
    (C(onsite_schedule.json) when present), porting coordination and the go/no-go and rollback criteria.
  - The ns-api v2 specification has no resync or reboot request for a phone, so provisioning pushes are manual steps.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Returns the cutover and the artifacts it would write; writes nothing.
  diff_mode:
    support: none
  platform:
    platforms: posix
options:
  dest:
    description: The host's state directory (C(plan.json), C(inventory.json); the plan documents are written there).
    type: path
    required: true
  port:
    description: C(ucaas_schedule.port) (C(numbers), C(temporary) C([{number, for}]), C(requested_foc), C(windows)).
    type: dict
    default: {}
  schedule:
    description: C(ucaas_schedule), for the window and the FOC dates shown in the plan.
    type: dict
    default: {}
  window_rules:
    description: The merged C(cutover_window) settings of the standards, shown in the plan.
    type: dict
    default: {}
  source:
    description: The source without its credentials; C(platform) and C(domain) decide whether originals are forwarded through the API.
    type: dict
    default: {}
  forwarding:
    description:
      - >-
        How an original is forwarded at a NetSapiens source. Keys C(application) (default V(to-connection-add-header-force-caller-id)),
        C(destination_host) (default V({source_domain})), C(parameter) (default V(P-Charge-Info: <sip:{original}@{source_domain}>)),
        C(description). Placeholders C({original}), C({temporary}), C({source_domain}), C({domain}).
    type: dict
    default: {}
  default_region:
    description: Region of numbers written without a country code.
    type: str
    default: US
  contacts:
    description: C(ucaas_contacts) (C(customer), C(provider) lists), shown under porting coordination.
    type: dict
    default: {}
  partner:
    description: C(ucaas_partner) (its C(contacts) are shown).
    type: dict
    default: {}
  customer:
    description: The customer's name, for the title.
    type: str
  port_orders:
    description:
      - The port orders file's orders (C(ucaas_port_orders), see docs/phases/finalize_port.md), shown in the porting
        coordination with their carrier, account, status and FOC date. Not checked here; finalize_port checks them.
    type: list
    elements: dict
    default: []
"""

EXAMPLES = r"""
- name: Work out the cutover and write the cutover plan
  ucaas.migration.cutover_plan:
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
    port: "{{ ucaas_schedule.port | default({}) }}"
    schedule: "{{ ucaas_schedule | default({}) }}"
    source: {platform: netsapiens, domain: acmedental.lab}
    contacts: "{{ ucaas_contacts | default({}) }}"
    customer: Acme Dental Group
  register: cutover_worked_out
"""

RETURN = r"""
cutover:
  description:
    - The cutover worked out. C(numbers) C([{original, temporary, label, destination, destination_text, forwarding (api|instructions),
      source_item, carrier, account_number}]) (numbers as E.164 digits without C(+)), C(without_temporary), C(ported), C(main_number),
      C(emergency_number), C(caller_ids) C([{user, number}]), C(phones) C([{mac, model, devices}]), C(source), C(domain), C(plan_fingerprint).
  returned: always
  type: dict
push_events:
  description: The provisioning push of each phone as cutover journal events (C(kind=provisioning_push), C(outcome=manual), C(msg)).
  returned: always
  type: list
  elements: dict
artifacts:
  description: The plan documents, C([{file, path, changed}]).
  returned: always
  type: list
  elements: dict
"""

import json
import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, ArtifactSet, read_bytes
from ansible_collections.ucaas.migration.plugins.module_utils.cutover.model import CutoverError, build_cutover, push_events
from ansible_collections.ucaas.migration.plugins.module_utils.cutover.plan_doc import render
from ansible_collections.ucaas.migration.plugins.module_utils.stage import FINALIZED, PORT_STATE_NAME


def _read(dest, name, required=False):
    path = os.path.join(dest, name)
    content = read_bytes(path)
    if content is None:
        if required:
            raise CutoverError("%s does not exist: run playbooks/%s first" % (path, "recreate.yml" if name == "plan.json" else "collect.yml"))
        return None
    try:
        return json.loads(content.decode("utf-8"))
    except ValueError as exc:
        raise CutoverError("%s: not valid JSON (%s)" % (path, exc)) from None


def main():
    module = AnsibleModule(
        argument_spec=dict(
            dest=dict(type="path", required=True),
            port=dict(type="dict", default={}),
            schedule=dict(type="dict", default={}),
            window_rules=dict(type="dict", default={}),
            source=dict(type="dict", default={}),
            forwarding=dict(type="dict", default={}),
            default_region=dict(type="str", default="US"),
            contacts=dict(type="dict", default={}),
            partner=dict(type="dict", default={}),
            customer=dict(type="str"),
            port_orders=dict(type="list", elements="dict", default=[]),
        ),
        supports_check_mode=True,
    )
    params = module.params
    dest = params["dest"]
    try:
        plan = _read(dest, "plan.json", required=True)
        inventory = _read(dest, "inventory.json", required=True)
        port_state = _read(dest, PORT_STATE_NAME) or {}
        finished = [entry.get("number") for entry in port_state.get("numbers") or [] if entry.get("stage") == FINALIZED]
        model = build_cutover(plan, inventory, port=params["port"], region=params["default_region"], source=params["source"],
                              forwarding=params["forwarding"], finished=finished)
        documents = render(model, customer=params["customer"] or (inventory.get("source") or {}).get("customer"), schedule=params["schedule"],
                           rules=params["window_rules"], contacts=params["contacts"], partner=params["partner"],
                           onsite=_read(dest, "onsite_schedule.json"), approval=_read(dest, "approval.json"), applied=_read(dest, "applied.json"),
                           port_orders=params["port_orders"])
        artifacts = ArtifactSet(dest)
        for name in sorted(documents):
            artifacts.add(name, documents[name])
        written = artifacts.commit(check_mode=module.check_mode)
    except (CutoverError, ArtifactError) as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(changed=any(entry["changed"] for entry in written), cutover=model, push_events=push_events(model), artifacts=written)


if __name__ == "__main__":
    main()
