#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: migration_verify
short_description: Verify a migrated domain against its plan, the old call flows and the acceptance criteria
version_added: 1.0.0
description:
  - Reads the target domain once (one paged list per collection, answer rules and greetings per user) and checks it against the
    host's state directory, writing nothing to the platform.
  - Read-back, through each resource module's own comparison, of every object of C(plan.json) (missing or differing
    options); each DID's routing; each user's caller ID and voicemail settings; the voicemail PIN (never read, the API does not
    return it; the journal shows whether it was sent); greetings with the sha256 kept at upload (C(greetings.sha256.json)); auto
    attendant menus; queue agents (also agents the plan does not list) and dispatch; phones provisioned by MAC, and registration
    or configuration fetch where the platform reports it.
  - Call-flow equivalence, every DID (the temporary DID while the original waits for its port) and every auto attendant called
    directly, at representative times and with every menu key, source (C(inventory.json)) against target; each difference lists
    both call paths.
  - Evaluates the acceptance criteria and writes a seed of proposed criteria (C(acceptance_criteria.seed.yml)).
  - Writes C(verify_results.json) and the seed into O(dest), atomically and only when their content changes. It does not fail
    when a check fails; it returns O(ignore:passed) and the failure lines, so the report can be written first.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ucaas.migration.connection
attributes:
  check_mode:
    support: full
    description: Can run in check mode and return the changed status without modifying the target.
    details: Reads the target and reports the results; writes no file.
  diff_mode:
    support: none
    description: Returns no diff.
options:
  domain:
    description: The target domain; defaults to the domain of C(plan.json).
    type: str
  dest:
    description: The host's state directory (C(plan.json), C(inventory.json) and the other artifacts of earlier phases).
    type: path
    required: true
  scenario_start:
    description:
      - The first day of the representative calls (ISO date); the weekday, weekend and holiday moments are taken from it on.
      - A fixed day (the cutover date) keeps the results, and so the files, the same from run to run.
    type: str
    required: true
  acceptance_criteria:
    description:
      - The partner's acceptance criteria, C([{id, description, number, at, keys, conditions, expect}]) (docs/phases/verify.md).
    type: list
    elements: dict
    default: []
  accepted_differences:
    description:
      - Call-flow differences the partner accepted, C([{number, match, reason, by}]); C(match) is a regular expression searched in
        the difference's message and scenario.
    type: list
    elements: dict
    default: []
  require_registration:
    description: Fail devices the platform reports as unregistered (otherwise a warning).
    type: bool
    default: false
  default_region:
    description: Region for numbers written without a country code.
    type: str
    default: US
"""

EXAMPLES = r"""
- name: Verify the migrated domain
  ucaas.migration.migration_verify:
    url: https://api.keystone-voice.example
    api_key: "{{ vault_target_api_key }}"
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
    scenario_start: "2026-12-03"
    acceptance_criteria:
      - id: main-number
        number: "+12155550100"
        at: business_hours
        keys: ["2"]
        expect: {kind: queue, id: "601", agents_min: 3}
  register: verified
"""

RETURN = r"""
passed:
  description: Whether every check, call flow and criterion passed.
  returned: success
  type: bool
summary:
  description: Counts of checks per status, call-flow comparisons per status and criteria per status.
  returned: success
  type: dict
  sample: {"checks": {"pass": 380, "fail": 0, "warn": 3, "skip": 1}, "call_flows": {"calls": 1176, "match": 1060, "mismatch": 0},
           "criteria": {"pass": 5, "fail": 0}}
failures:
  description: One line per failed check, failed criterion and call-flow difference (with the source and target paths).
  returned: success
  type: list
  elements: str
files:
  description: Files of O(dest) written (in check mode, that would be written).
  returned: success
  type: list
  elements: str
results_file:
  description: Path of C(verify_results.json).
  returned: success
  type: str
api_stats:
  description: Request statistics of the client.
  returned: success
  type: dict
"""

import datetime
import os

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsApiError
from ansible_collections.ucaas.migration.plugins.module_utils.client.gather import gather_domain
from ansible_collections.ucaas.migration.plugins.module_utils.client.module import (
    client_from_module, connection_argument_spec, fail_from_error,
)
from ansible_collections.ucaas.migration.plugins.module_utils.client.transport import HAS_REQUESTS, REQUESTS_IMPORT_ERROR
from ansible_collections.ucaas.migration.plugins.module_utils.verify.run import (
    RESULTS_NAME, VerifyError, failure_lines, load_inputs, verify, write_results,
)


def main():
    module = AnsibleModule(
        argument_spec=connection_argument_spec(
            domain=dict(type='str'),
            dest=dict(type='path', required=True),
            scenario_start=dict(type='str', required=True),
            acceptance_criteria=dict(type='list', elements='dict', default=[]),
            accepted_differences=dict(type='list', elements='dict', default=[]),
            require_registration=dict(type='bool', default=False),
            default_region=dict(type='str', default='US'),
        ),
        supports_check_mode=True,
    )
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
    params = module.params
    try:
        start = datetime.date.fromisoformat(str(params['scenario_start'])[:10])
    except ValueError:
        module.fail_json(msg='scenario_start: %r is not an ISO date (YYYY-MM-DD)' % params['scenario_start'])
    try:
        inputs = load_inputs(params['dest'])
    except VerifyError as exc:
        module.fail_json(msg=str(exc))
    domain = params['domain'] or inputs['plan'].get('domain')
    client = client_from_module(module)
    try:
        gathered = gather_domain(client, domain)
    except NsApiError as exc:
        fail_from_error(module, exc, client=client)
    finally:
        client.close()
    try:
        results, seed = verify(inputs, gathered, start, params['acceptance_criteria'], params['accepted_differences'],
                               params['require_registration'], params['default_region'])
        files = write_results(params['dest'], results, seed, check_mode=module.check_mode)
    except VerifyError as exc:
        module.fail_json(msg=str(exc), api_stats=client.api_stats())
    module.exit_json(changed=bool(files), passed=results['passed'], summary=results['summary'], failures=failure_lines(results),
                     files=files, results_file=os.path.join(params['dest'], RESULTS_NAME), api_stats=client.api_stats())


if __name__ == '__main__':
    main()
