# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What provision_phones writes: the devices each line needs, the MACs with their lines, one entry per phone.

Device names come from the plan (``plan.json``: ``resources.devices`` and ``mapping``), so the
devices provision_phones creates are exactly the ones recreate creates - same items, same
names - and whichever runs second finds them unchanged. A phone is provisioned when the
catalog supports it, its MAC is valid and unique, every line has a planned device and no
other domain of the platform holds the MAC; everything else becomes an entry with a status
and a reason, and bad phones never stop the others. A MAC another domain holds is a
blocking finding (stop before any write) until ``ucaas_resolutions`` records a decision,
after which that phone is excluded from the run.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.ucaas.migration.plugins.module_utils.devices.overrides import phone_overrides
from ansible_collections.ucaas.migration.plugins.module_utils.translate.findings import Findings, TranslationError, fix_line

MAX_PHONE_LINES = 8
# Statuses of a phone's entry (sheet and onsite schedule).
TO_PROVISION = 'to_provision'
UNSUPPORTED = 'unsupported'
UNKNOWN = 'unknown'
EXCLUDED = 'excluded'
BLOCKED = 'blocked'


class ProvisioningInputError(ValueError):
    """The inventory or plan cannot be used; the message names the file and field."""


def _check_inputs(inventory, plan):
    if not isinstance(inventory, dict) or not isinstance(inventory.get('devices', []), list):
        raise ProvisioningInputError('inventory: expected a canonical inventory (a mapping with a devices list)')
    if not isinstance(plan, dict) or not plan.get('domain'):
        raise ProvisioningInputError('plan: expected plan.json of migration_plan (a mapping with domain, resources, mapping)')
    resources = plan.get('resources') or {}
    if not isinstance(resources.get('devices', []), list) or not isinstance(plan.get('mapping', []), list):
        raise ProvisioningInputError('plan.resources.devices and plan.mapping must be lists')


def _planned_devices(plan):
    """``{source device id: {line number: plan item}}`` from the plan's mapping and device items."""
    items = dict(('%s/%s' % (item.get('user'), item.get('device')), item) for item in (plan.get('resources') or {}).get('devices') or [])
    by_source = {}
    for entry in plan.get('mapping') or []:
        source = entry.get('source') or {}
        if source.get('collection') != 'devices':
            continue
        for target in entry.get('targets') or []:
            item = items.get(target.get('key')) if target.get('kind') == 'devices' else None
            if item is not None:
                by_source.setdefault(str(source.get('source_id')), {})[item.get('line')] = item
    return by_source


def _domain_time_zone(plan):
    domains = (plan.get('resources') or {}).get('domains') or []
    return domains[0].get('time_zone') if domains else None


def _entry(row, device, site):
    return {
        'source_id': row['source_id'], 'name': row.get('name'), 'type': row.get('type'), 'site_id': row.get('site_id'),
        'site': (site or {}).get('name') or row.get('site_id') or '', 'location': row.get('location'),
        'mac': row.get('mac') or (str(device.get('mac')) if device.get('mac') else None), 'brand': row.get('brand'), 'model': row.get('model'),
        'catalog_name': row.get('catalog_name'), 'target_model': row.get('target_model'), 'transport': row.get('transport'),
        'redirect': row.get('redirect'), 'redirect_service': row.get('redirect_service'), 'onsite': bool(row.get('onsite')),
        'special_access': bool(row.get('special_access')), 'action': row.get('action') or '', 'notes': row.get('notes') or '',
        'lines': [], 'status': None, 'reason': row.get('reason') or '', 'problems': [], 'overrides': '', 'carried': [], 'not_carried': [],
    }


def _phone_lines(entry, planned, source_id, problems):
    """The device name of each line (``''`` for gaps), or None when a line has no planned device."""
    names = {}
    complete = True
    for index, line in enumerate(entry['lines']):
        number = line['line']
        item = planned.get(number)
        if item is None:
            complete = False
            if line.get('extension', '') is None:
                continue  # device_catalog already reported the missing user
            message = 'line %s (user %s) has no device in the plan: the user is not migrated or has no extension' % (number, line['user_id'])
            problems.append({'source_id': source_id, 'field': 'lines[%d].user_id' % index, 'message': message})
            continue
        line['device'] = item['device']
        line['extension'] = item['user']
        if not isinstance(number, int) or number < 1 or number > MAX_PHONE_LINES:
            complete = False
            problems.append({'source_id': source_id, 'field': 'lines[%d].line' % index,
                             'message': 'line %s: the platform provisions lines 1 to %d of a phone' % (number, MAX_PHONE_LINES)})
            continue
        names[number] = item['device']
    if not complete or not names:
        return None
    return [names.get(number, '') for number in range(1, max(names) + 1)]


def plan_phones(inventory, plan, mapped, elsewhere=None, resolutions=None, server=None, provisioning_url=None, carry_overrides=True):
    """The provisioning of one migration host.

    ``mapped`` is device_catalog's result (``devices``, ``problems``); ``elsewhere`` is
    ``{mac: {domain, reseller, model}}`` of MACs other domains hold. Returns ``{devices,
    phones, entries, problems, findings, blocking, summary}``: ``devices`` and ``phones`` are
    the ``config`` of ns_device and ns_phone, ``entries`` one per hardware device, sorted by
    source id.
    """
    _check_inputs(inventory, plan)
    try:
        findings = Findings(resolutions)
    except TranslationError as exc:
        raise ProvisioningInputError(str(exc))
    elsewhere = elsewhere or {}
    devices_by_id = dict((str(device.get('source_id')), device) for device in inventory.get('devices') or [])
    sites = dict((site.get('source_id'), site) for site in inventory.get('sites') or [])
    users = dict((user.get('source_id'), user) for user in inventory.get('users') or [])
    planned = _planned_devices(plan)
    domain_zone = _domain_time_zone(plan) or (inventory.get('source') or {}).get('time_zone')
    problems = [dict(problem) for problem in mapped.get('problems') or []]
    entries, device_items, phones = [], [], []
    for row in sorted(mapped.get('devices') or [], key=lambda item: str(item.get('source_id'))):
        if row.get('status') == 'no_hardware':
            continue
        source_id = str(row['source_id'])
        device = devices_by_id.get(source_id, {})
        site = sites.get(row.get('site_id'))
        entry = _entry(row, device, site)
        entry['lines'] = [dict(line) for line in row.get('lines') or []]
        own = [problem['message'] for problem in problems if str(problem.get('source_id')) == source_id]
        entries.append(entry)
        if row.get('status') in (UNSUPPORTED, UNKNOWN):
            entry['status'] = row['status']
            entry['problems'] = own
            continue
        line_problems = []
        names = _phone_lines(entry, planned.get(source_id, {}), source_id, line_problems)
        problems.extend(line_problems)
        own += [problem['message'] for problem in line_problems]
        entry['problems'] = own
        if not row.get('provisionable') or names is None:
            entry['status'] = EXCLUDED
            entry['reason'] = '; '.join(own) or ('no line of a migrated user: nothing to register on it (see the plan\'s findings)'
                                                 if not entry['lines'] else 'not provisionable')
            continue
        owner = elsewhere.get(entry['mac'])
        if owner is not None:
            source = {'collection': 'devices', 'source_id': source_id, 'label': row.get('name') or source_id}
            resolution = findings.blocking(
                'mac_elsewhere', source, 'MAC %s of %s is provisioned in domain %s of the platform.' % (entry['mac'], source_id, owner.get('domain')),
                'Remove the phone from domain %s (or correct the MAC in the inventory) and run again; or record a decision to leave '
                'the phone out of this migration.' % owner.get('domain'), detail='%s@%s' % (entry['mac'], owner.get('domain')))
            entry['status'] = EXCLUDED if resolution else BLOCKED
            entry['reason'] = 'MAC held by domain %s%s' % (owner.get('domain'), '; decision: %s' % resolution['decision'] if resolution else '')
            continue
        line_users = [users.get(line.get('user_id')) for line in entry['lines']]
        carried = phone_overrides(row, device, line_users, (site or {}).get('time_zone'), domain_zone) if carry_overrides else None
        phone = {'mac': entry['mac'], 'model': row['target_model'], 'transport': row.get('transport'), 'lines': names,
                 'notes': ' '.join(part for part in (source_id, row.get('name') or '', row.get('location') or '') if part)}
        if server:
            phone['server'] = server
        if carried is not None:
            entry['overrides'], entry['carried'], entry['not_carried'] = carried['text'], carried['carried'], carried['not_carried']
            for message in carried['problems']:
                problems.append({'source_id': source_id, 'field': message.split(':', 1)[0], 'message': message.split(': ', 1)[-1]})
                entry['problems'].append(message)
            if carried['text']:
                phone['overrides'] = carried['text']
        phones.append(dict((key, value) for key, value in phone.items() if value is not None))
        for number in sorted(line['line'] for line in entry['lines']):
            device_items.append(copy.deepcopy(planned[source_id][number]))
        entry['status'] = TO_PROVISION
        entry['server'] = server or ''
        entry['provisioning_url'] = provisioning_url or ''
    seen = set()
    unique_devices = []
    for item in sorted(device_items, key=lambda item: (str(item.get('user')), str(item.get('device')))):
        key = (item.get('user'), item.get('device'))
        if key not in seen:
            seen.add(key)
            unique_devices.append(item)
    problems.sort(key=lambda problem: (str(problem.get('source_id')), str(problem.get('field')), str(problem.get('message'))))
    summary = dict((status, 0) for status in (TO_PROVISION, UNSUPPORTED, UNKNOWN, EXCLUDED, BLOCKED))
    for entry in entries:
        summary[entry['status']] += 1
    summary['onsite'] = sum(1 for entry in entries if entry['status'] == TO_PROVISION and entry['onsite'])
    summary['special_access'] = sum(1 for entry in entries if entry['status'] == TO_PROVISION and entry['special_access'])
    blocking = [dict(finding, fix=fix_line(finding)) for finding in findings.unresolved_blocking()]
    return {
        'domain': plan['domain'], 'devices': unique_devices, 'phones': sorted(phones, key=lambda phone: phone['mac']), 'entries': entries,
        'problems': problems, 'problem_lines': [problem_line(problem) for problem in problems], 'findings': findings.sorted(),
        'blocking': blocking, 'summary': summary,
    }


def problem_line(problem):
    """``dev-201 mac: <message>``: one line naming the device's source id and field."""
    return '%s %s: %s' % (problem.get('source_id') or '(no device)', problem.get('field'), problem.get('message'))
