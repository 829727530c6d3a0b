#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_autoattendant
short_description: Reconcile the auto attendant menus of a NetSapiens domain
version_added: 0.1.0
description:
  - Creates, updates and deletes the auto attendants (IVR menus) of one domain of a NetSapiens ns-api v2 platform, or returns
    the current ones (O(state=gathered)).
  - An auto attendant is one menu of an auto attendant user (O(config[].user), its extension) for one time frame
    (O(config[].time_frame), V(*) for the default); its key and label is C(<user>/<time_frame>), for example C(2000/*).
    O(scope.keys) take the same spelling, O(scope.match) matches it.
  - Creating the first menu of an extension makes the auto attendant's user (service code C(system-aa)); that user need not
    exist before. Greetings for the menu are uploaded afterwards with M(ucaas.migration.ns_greeting).
  - The menus of the whole domain are read with one list (C(GET /domains/{domain}/autoattendants)).
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ucaas.migration.connection
  - ucaas.migration.resource_state
  - ucaas.migration.resource_state.domain
attributes:
  check_mode:
    support: full
    description: Nothing is written; RV(results) and C(changed) say what would happen.
  diff_mode:
    support: full
    description: One before/after per created, updated or deleted menu.
options:
  config:
    description:
      - The desired auto attendant menus.
      - O(config[].menu), when given, is the whole menu; options and settings it leaves out are removed or go back to the
        API's defaults, whatever the O(state). With O(state=replaced) and O(state=overridden) an item without
        O(config[].menu) leaves the stored menu alone, as it does O(config[].name).
    type: list
    elements: dict
    default: []
    suboptions:
      user:
        description:
          - Extension of the auto attendant (its user).
        type: str
      time_frame:
        description:
          - Time frame the menu answers in (a time frame name, see M(ucaas.migration.ns_timeframe)), or V(*) for the default
            menu. Identifies the menu together with O(config[].user).
        type: str
      name:
        description:
          - Name of the auto attendant (C(attendant-name)). Required to create one.
        type: str
      menu:
        description:
          - The menu in the API's tier shape (C(auto-attendant)), with the vendor's kebab-case keys (snake_case keys are accepted
            and converted).
          - Tier keys are C(audio) (C(filename), C(ordinal-order), C(file-script-text), C(text-to-speech-voice-id),
            C(text-to-speech-language)), C(intro-greetings), C(no-key-press) and C(unassigned-key-press) (V(repeat), V(hangup)
            or an option key such as V(option-0)), C(3-digit-dial-by-extension), C(4-digit-dial-by-extension),
            C(5-digit-dial-by-extension) (yes/no) and the options C(option-0) to C(option-9), C(option-*) and C(option-#).
          - Each option takes C(destination-application) (the dial rule applications of phone numbers, for example V(to-user),
            V(to-callqueue), V(to-voicemail)), C(destination-user), C(description), C(caller-name-translation),
            C(call-to-record) and C(auto-attendant) (a nested tier, that is a sub-menu with its own C(audio) and options).
          - Compared after normalisation, so that what the API fills in when it is left out (C(caller-name-translation) V([*]),
            C(no-key-press) and C(unassigned-key-press) V(repeat), dial-by-extension V(yes), the text-to-speech voice and language
            defaults) equals leaving it out, facts about the audio file (duration, size, URL) are ignored, and an audio
            C(filename) C(greeting-<n>.wav) equals C(ordinal-order) C(n). An unknown key fails the task before any request.
          - The vendor's tier schema lists C(option-#) only as a target of C(no-key-press); platforms that refuse it as a menu
            key report the API's error for that item.
        type: dict
'''

EXAMPLES = r'''
- name: Main menu by day, a short one at night
  ucaas.migration.ns_autoattendant:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    config:
      - user: "2000"
        time_frame: Business Hours
        name: Main Menu
        menu:
          audio: {ordinal-order: 1}
          no-key-press: option-0
          option-0: {destination-application: to-user, destination-user: "201", description: Reception}
          option-1: {destination-application: to-callqueue, destination-user: "300", description: Sales}
          option-2:
            description: Support menu
            auto-attendant:
              audio: {ordinal-order: 2}
              option-1: {destination-application: to-callqueue, destination-user: "301"}
      - user: "2000"
        time_frame: "*"
        name: Main Menu
        menu:
          audio: {ordinal-order: 3}
          option-1: {destination-application: to-voicemail, destination-user: "2000"}

- name: Read the menus in the shape of config
  ucaas.migration.ns_autoattendant:
    domain: acme.12345.service
    state: gathered
  register: acme_menus
'''

RETURN = r'''
results:
  description: One entry per listed menu, then one per deleted unlisted menu.
  returned: unless O(state=gathered)
  type: list
  elements: dict
  contains:
    key:
      description: C(<user>/<time_frame>).
      type: str
      returned: always
      sample: 2000/*
    outcome:
      description: What happened (in check mode, what would happen).
      type: str
      returned: always
      sample: created
    changes:
      description: Options that changed, each with C(before) and C(after) (the whole menu, normalised, when it changed).
      type: dict
      returned: when the menu was created or updated
    msg:
      description: Why the menu failed or was skipped (the API's message for a failed request).
      type: str
      returned: when the outcome is failed or skipped
summary:
  description: Number of menus per outcome.
  returned: unless O(state=gathered)
  type: dict
  sample: {"created": 2, "updated": 0, "unchanged": 0, "deleted": 0, "failed": 0, "skipped": 0}
gathered:
  description: The menus of the domain (in O(scope)), in the shape of O(config) with normalised menus, sorted by user and time frame.
  returned: when O(state=gathered)
  type: list
  elements: dict
api_stats:
  description: Statistics of the API calls (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 1, "by_endpoint": {"GET /domains/{domain}/autoattendants": 1}}
'''

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_attendants import autoattendant_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.module import run_resource_module


def main():
    run_resource_module(autoattendant_spec())


if __name__ == '__main__':
    main()
