#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_greeting
short_description: Reconcile the greetings (audio files) of the users of a NetSapiens domain
version_added: 0.1.0
description:
  - Uploads, replaces and deletes the greetings of the users of one domain of a NetSapiens ns-api v2 platform (voicemail
    greetings, and the prompts of auto attendant and queue users), or returns the current ones (O(state=gathered)).
  - A greeting belongs to a user (O(config[].user)) and is numbered by O(config[].index); its key and label is
    C(<user>/<index>), for example C(201/1). O(scope.keys) take the same spelling, O(scope.match) matches it.
  - A greeting is either an audio file on the controller (O(config[].file), uploaded as JSON + base64 with the platform's
    conversion) or a text-to-speech O(config[].script) the platform renders.
  - The API never returns the audio's hash, so the sha256 of every uploaded file is kept in O(hash_store). A file is uploaded
    only when the greeting is missing or the file's sha256 differs from the kept one (also when nothing is kept for it).
  - The greetings are read with one list per user named in O(config) (every user for O(state=overridden),
    O(state=gathered) and a scoped O(state=deleted) without items). Audio is never downloaded.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ucaas.migration.connection
  - ucaas.migration.resource_state
  - ucaas.migration.resource_state.domain
attributes:
  check_mode:
    support: full
    description: Nothing is uploaded and O(hash_store) is not written; RV(results) and C(changed) say what would happen.
  diff_mode:
    support: full
    description: One before/after per uploaded, replaced or deleted greeting with its file, script and sha256 (never the audio).
options:
  config:
    description:
      - The desired greetings. Each needs O(config[].file) or O(config[].script).
      - With O(state=replaced) and O(state=overridden), options left out are left as they are.
    type: list
    elements: dict
    default: []
    suboptions:
      user:
        description:
          - Extension of the user the greeting belongs to (for auto attendant prompts, the auto attendant's extension).
            The user must exist.
        type: str
      index:
        description:
          - Number of the greeting (1 or more; the auto attendant's C(audio) and the user's C(voicemail-greeting-index)
            refer to it). Identifies the greeting together with O(config[].user).
        type: int
      file:
        description:
          - Path of a C(.wav) or C(.mp3) file on the controller to upload. It must exist when the task starts.
        type: str
      script:
        description:
          - Without O(config[].file), the text the platform speaks (text to speech); with a file, a description of the audio
            kept with it.
          - An item with a script and no file replaces an uploaded file with the spoken script.
        type: str
      sha256:
        description:
          - The sha256 of O(config[].file) as the inventory recorded it. Optional; computed from the file when left out.
            A value that does not match the file fails the task before any request.
        type: str
  hash_store:
    description:
      - Path of a JSON file on the controller keeping the sha256 (and file path) of each uploaded greeting, by domain, user
        and index. Created when missing, rewritten atomically and only when it changes. It holds no secrets.
      - Required when an item has a O(config[].file).
    type: path
'''

EXAMPLES = r'''
- name: Upload voicemail greetings and an auto attendant prompt
  ucaas.migration.ns_greeting:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    hash_store: "{{ ucaas_state_dir }}/{{ inventory_hostname }}/greeting-hashes.json"
    config:
      - user: "201"
        index: 1
        file: "{{ ucaas_state_dir }}/{{ inventory_hostname }}/audio/vm-201-unavail.wav"
      - user: "3000"
        index: 1
        file: "{{ ucaas_state_dir }}/{{ inventory_hostname }}/audio/aa-main.mp3"
        script: Main menu
      - user: "3000"
        index: 2
        script: Thank you for calling. Our office is closed.

- name: Delete greeting 2 of user 201
  ucaas.migration.ns_greeting:
    domain: acme.12345.service
    state: deleted
    config:
      - user: "201"
        index: 2

- name: Read the greetings of users 2xx in the shape of config
  ucaas.migration.ns_greeting:
    domain: acme.12345.service
    state: gathered
    hash_store: "{{ ucaas_state_dir }}/{{ inventory_hostname }}/greeting-hashes.json"
    scope:
      match: "2[0-9]{2}/.*"
  register: acme_greetings
'''

RETURN = r'''
results:
  description: One entry per listed greeting, then one per deleted unlisted greeting.
  returned: unless O(state=gathered)
  type: list
  elements: dict
  contains:
    key:
      description: The greeting as C(<user>/<index>).
      type: str
      returned: always
      sample: 201/1
    outcome:
      description: What happened (in check mode, what would happen).
      type: str
      returned: always
      sample: created
    changes:
      description: Options that changed, each with C(before) and C(after) (the sha256, never the audio).
      type: dict
      returned: when the greeting was created or updated
    msg:
      description: Why the greeting failed or was skipped (the API's message for a failed request).
      type: str
      returned: when the outcome is failed or skipped
summary:
  description: Number of greetings per outcome.
  returned: unless O(state=gathered)
  type: dict
  sample: {"created": 3, "updated": 0, "unchanged": 40, "deleted": 0, "failed": 0, "skipped": 0}
gathered:
  description:
    - The greetings (in O(scope)) in the shape of O(config), sorted by user and index, with the script the platform keeps.
    - O(config[].sha256) and O(config[].file) are those kept in O(hash_store) for the greeting, when there are.
  returned: when O(state=gathered)
  type: list
  elements: dict
api_stats:
  description: Statistics of the API calls (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 2, "by_endpoint": {"GET /domains/{domain}/users/{user}/greetings": 2}}
'''

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_user_media import greeting_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.module import run_resource_module


def main():
    spec = greeting_spec()
    run_resource_module(spec, extra_options=dict(hash_store=dict(type='path')), configure=spec.hooks.configure)


if __name__ == '__main__':
    main()
