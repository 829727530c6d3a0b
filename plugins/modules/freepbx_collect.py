#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: freepbx_collect
short_description: Collect a FreePBX or plain Asterisk PBX into the canonical migration inventory
version_added: 1.0.0
description:
  - Runs B(on the PBX host) through Ansible's normal connection and reads its configuration into a canonical inventory
    (schema C(inventory/v1)), without changing anything on the PBX.
  - >-
    B(FreePBX mode) reads the FreePBX database (users, devices and their PJSIP/SIP settings, inbound routes, ring groups,
    queues and members, IVRs and their entries, time conditions and time groups, announcements, system recordings,
    follow-me, fax, Endpoint Manager MAC addresses and models) with the C(mysql)/C(mariadb) command-line client, plus
    C(voicemail.conf) (PINs, e-mail), the AstDB (call forward, DND, follow-me state) and the audio files of voicemail
    greetings and system recordings.
  - Database credentials come from O(freepbx_conf) unless the C(db_*) options override them; they reach the client through
    a temporary option file (mode 0600, removed afterwards), never its command line.
  - >-
    B(Asterisk mode) (no FreePBX) reads C(pjsip.conf), C(voicemail.conf), C(queues.conf) and C(extensions.conf) (DIDs from
    C(exten =>) lines of the inbound contexts; dialplan logic is listed as not collected).
  - Voicemail PINs and SIP passwords are returned in RV(secrets) only; the inventory holds references to them.
  - Audio files are listed with their path on the PBX, the artifact path and SHA-256, not copied; fetch them with
    M(ansible.builtin.fetch).
  - Anything that cannot be read (a module not installed, a table the database user may not read, a destination
    without counterpart) is listed in the inventory's C(not_collected), never guessed.
  - Needs only the Python standard library on the PBX (FreePBX 17 on Debian 12 has Python 3.11).
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: The module only reads; check mode behaves exactly like a normal run.
  diff_mode:
    support: none
  platform:
    platforms: posix
options:
  mode:
    description:
      - C(freepbx) reads the FreePBX database and files; C(asterisk) reads the Asterisk configuration files only.
      - C(auto) chooses C(freepbx) when O(freepbx_conf) exists, else C(asterisk).
    type: str
    choices: [auto, freepbx, asterisk]
    default: auto
  freepbx_conf:
    description: The FreePBX configuration file holding C($amp_conf['AMPDBUSER']) and the other database settings.
    type: path
    default: /etc/freepbx.conf
  asterisk_etc:
    description: The Asterisk configuration directory.
    type: path
    default: /etc/asterisk
  astdb:
    description: The AstDB file; when missing, forwards, DND and follow-me states are listed as not collected.
    type: path
    default: /var/lib/asterisk/astdb.sqlite3
  voicemail_spool:
    description: Voicemail spool directory (greetings are C(<context>/<mailbox>/{unavail,busy,greet,temp}.<format>)).
    type: path
    default: /var/spool/asterisk/voicemail
  sounds_dir:
    description: Asterisk sounds directory holding system recordings (C(<language>/custom/...)).
    type: path
    default: /var/lib/asterisk/sounds
  sound_languages:
    description: Language folders searched for system recordings, in order.
    type: list
    elements: str
    default: [en]
  mysql_command:
    description: The database command-line client (C(mysql) or C(mariadb)), a name on C(PATH) or a path.
    type: str
    default: mysql
  db_host:
    description: Database host; overrides C(AMPDBHOST).
    type: str
  db_port:
    description: Database port; overrides C(AMPDBPORT).
    type: int
  db_socket:
    description: Database socket path; overrides C(AMPDBSOCK).
    type: path
  db_user:
    description: Database user; overrides C(AMPDBUSER).
    type: str
  db_password:
    description: Database password; overrides C(AMPDBPASS). Never logged.
    type: str
  db_name:
    description: Database name; overrides C(AMPDBNAME) (default C(asterisk)).
    type: str
  db_timeout:
    description: Seconds one database query may take.
    type: int
    default: 120
  customer:
    description: Customer (end company) name written into the inventory's C(source).
    type: str
  default_region:
    description: Region (ISO 3166-1 alpha-2) for numbers stored without country code.
    type: str
    default: US
  time_zone:
    description: IANA time zone of the PBX, written into the inventory and its time frames.
    type: str
  instance:
    description: Name of the source written into the inventory; defaults to the host's name.
    type: str
  ivr_extension_base:
    description:
      - FreePBX IVRs have no extension, the inventory needs one; IVR C(N) gets C(ivr_extension_base + N), or the next free number.
      - The attendant's C(source_attributes.extension_assigned) marks the assignment.
    type: int
    default: 7000
  inbound_contexts:
    description: Asterisk mode only - dialplan contexts that receive calls from carriers (default - the trunk endpoints'
      contexts and contexts named like C(from-trunk), C(from-pstn), C(incoming)).
    type: list
    elements: str
  year:
    description: Year in which the yearly dates of time groups (which carry no year) are written; defaults to the current year.
    type: int
notes:
  - Register the result with C(no_log) set, as RV(secrets) holds clear-text PINs and SIP passwords.
"""

EXAMPLES = r"""
- name: Collect the FreePBX system
  ucaas.migration.freepbx_collect:
    customer: Harborview Logistics
    default_region: US
    time_zone: America/New_York
  delegate_to: "{{ ucaas_source.pbx_host }}"
  register: collected
  no_log: true

- name: Fetch the audio files the inventory references
  ansible.builtin.fetch:
    src: "{{ item.remote_path }}"
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}/{{ item.file }}"
    flat: true
  loop: "{{ collected.audio_files }}"
  loop_control:
    label: "{{ item.file }}"
  delegate_to: "{{ ucaas_source.pbx_host }}"

- name: Collect a plain Asterisk server whose carrier context has an unusual name
  ucaas.migration.freepbx_collect:
    mode: asterisk
    inbound_contexts: [from-sipgate]
  register: collected
  no_log: true
"""

RETURN = r"""
inventory:
  description: The canonical inventory (secret fields are references into RV(secrets)).
  returned: success
  type: dict
  sample:
    schema_version: inventory/v1
    source:
      platform: freepbx
      version: 17.0.19.23
      collected_at: "2026-11-20T15:04:05Z"
    users:
      - source_id: u-201
        extension: "201"
        first_name: Alice
        last_name: Moreno
secrets:
  description: Clear-text values (voicemail PINs C(vm_pin/<mailbox>), SIP passwords C(sip_password/<device>)) by reference.
  returned: success
  type: dict
  sample:
    vm_pin/201: "72019"
problems:
  description: Input rows that were skipped (none for this source so far; kept for a uniform interface).
  returned: success
  type: list
  elements: dict
  sample: []
audio_files:
  description: Audio files referenced by the inventory, to be fetched from the PBX.
  returned: success
  type: list
  elements: dict
  contains:
    remote_path:
      description: Path of the file on the PBX.
      type: str
      sample: /var/spool/asterisk/voicemail/default/201/unavail.wav
    file:
      description: Artifact path relative to the host's state directory.
      type: str
      sample: audio/vm-default-201-unavail.wav
    sha256:
      description: SHA-256 of the file as read.
      type: str
      sample: 3b4c0f5b2d1c8e7f9a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f
mode:
  description: The mode used (C(freepbx) or C(asterisk)).
  returned: success
  type: str
  sample: freepbx
"""

import platform

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import SourceError
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.collect import choose_mode, collect


def main():
    module = AnsibleModule(
        argument_spec=dict(
            mode=dict(type="str", default="auto", choices=["auto", "freepbx", "asterisk"]),
            freepbx_conf=dict(type="path", default="/etc/freepbx.conf"),
            asterisk_etc=dict(type="path", default="/etc/asterisk"),
            astdb=dict(type="path", default="/var/lib/asterisk/astdb.sqlite3"),
            voicemail_spool=dict(type="path", default="/var/spool/asterisk/voicemail"),
            sounds_dir=dict(type="path", default="/var/lib/asterisk/sounds"),
            sound_languages=dict(type="list", elements="str", default=["en"]),
            mysql_command=dict(type="str", default="mysql"),
            db_host=dict(type="str"),
            db_port=dict(type="int"),
            db_socket=dict(type="path"),
            db_user=dict(type="str"),
            db_password=dict(type="str", no_log=True),
            db_name=dict(type="str"),
            db_timeout=dict(type="int", default=120),
            customer=dict(type="str"),
            default_region=dict(type="str", default="US"),
            time_zone=dict(type="str"),
            instance=dict(type="str"),
            ivr_extension_base=dict(type="int", default=7000),
            inbound_contexts=dict(type="list", elements="str"),
            year=dict(type="int"),
        ),
        supports_check_mode=True,
    )
    options = dict(module.params)
    options["instance"] = options["instance"] or platform.node() or None
    try:
        mode = choose_mode(dict(options))
        options["mode"] = mode
        result = collect(options)
    except SourceError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(changed=False, mode=mode, **result)


if __name__ == "__main__":
    main()
