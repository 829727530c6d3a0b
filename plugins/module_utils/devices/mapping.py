# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Map the inventory's devices onto the catalog: what each phone becomes and how it gets there.

Three layers decide a device's settings: the catalog (model, then brand, then catalog
defaults), the run's ``defaults`` (e.g. every phone of this customer gets its provisioning
server from DHCP option 66), and the per-device ``overrides`` (keyed by source id or MAC).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ucaas.migration.plugins.module_utils.devices.catalog import REDIRECT_METHODS, TRANSPORTS
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import NormalizationError, normalize_mac

SOFTWARE_TYPES = ('softphone',)
OVERRIDE_FIELDS = ('model', 'catalog_id', 'status', 'reason', 'transport', 'redirect', 'redirect_service', 'onsite', 'special_access',
                   'action', 'notes')
DEFAULT_FIELDS = ('transport', 'redirect', 'redirect_service', 'onsite', 'special_access', 'action')
# What has to happen for a phone to fetch its configuration from the new provisioning server.
ACTIONS = {
    'vendor_redirect': 'The MAC is assigned to the provisioning server in %(service)s; the phone picks it up at its next boot '
                       '(a phone already configured by another server must be released or factory reset).',
    'dhcp_option': 'The customer network hands out the provisioning URL (DHCP option 66/160) before the window; the phone picks it up at reboot.',
    'manual': 'Someone enters the provisioning URL on the phone or its web interface during the window.',
    'onsite_factory_reset': 'Someone at the phone factory resets it during the window so it asks the redirect service again.',
}
SPECIAL_ACCESS = ('dhcp_option',)
ONSITE = ('manual', 'onsite_factory_reset')


class MappingInputError(ValueError):
    """Bad ``defaults``/``overrides`` input; one problem per line."""

    def __init__(self, problems):
        self.problems = list(problems)
        super(MappingInputError, self).__init__('Invalid input:\n' + '\n'.join(self.problems))


def _check_settings(where, settings, fields, problems):
    if not isinstance(settings, dict):
        problems.append('%s: expected a mapping, got %s' % (where, type(settings).__name__))
        return
    for key in sorted(set(settings) - set(fields)):
        problems.append('%s.%s: unknown field (known: %s)' % (where, key, ', '.join(fields)))
    if settings.get('transport') is not None and settings['transport'] not in TRANSPORTS:
        problems.append('%s.transport: %r is not one of %s' % (where, settings['transport'], ', '.join(TRANSPORTS)))
    if settings.get('redirect') is not None and settings['redirect'] not in REDIRECT_METHODS:
        problems.append('%s.redirect: %r is not one of %s' % (where, settings['redirect'], ', '.join(REDIRECT_METHODS)))
    for flag in ('onsite', 'special_access'):
        if settings.get(flag) is not None and not isinstance(settings[flag], bool):
            problems.append('%s.%s: expected true or false' % (where, flag))
    if settings.get('status') not in (None, 'supported', 'unsupported'):
        problems.append('%s.status: %r is not supported or unsupported' % (where, settings['status']))
    if settings.get('status') == 'unsupported' and not settings.get('reason'):
        problems.append('%s.reason: missing; say why the device is excluded' % where)


def _override_key(key):
    """Overrides are keyed by source id, or by MAC in any spelling."""
    try:
        return normalize_mac(str(key))
    except NormalizationError:
        return str(key)


def _line_rows(device, users_by_id, problems, source_id):
    rows = []
    seen = set()
    for index, line in enumerate(device.get('lines') or []):
        where = 'lines[%d]' % index
        number = line.get('line')
        if number in seen:
            problems.append(_problem(source_id, where + '.line', 'line %s is listed twice' % number))
        seen.add(number)
        row = {'line': number, 'user_id': line.get('user_id'), 'shared': bool(line.get('shared'))}
        if users_by_id is not None:
            user = users_by_id.get(line.get('user_id'))
            if user is None or not user.get('extension'):
                problems.append(_problem(source_id, where + '.user_id', 'user %r is not in the inventory (or has no extension)' % line.get('user_id')))
                row['extension'] = None
            else:
                row['extension'] = str(user['extension'])
        rows.append(row)
    return sorted(rows, key=lambda row: (row['line'] if isinstance(row['line'], int) else 0, str(row['user_id'])))


def _problem(source_id, field, message):
    return {'source_id': source_id, 'field': field, 'message': message}


def _mac_of(device, source_id, problems):
    value = device.get('mac')
    if value in (None, ''):
        return None
    try:
        return normalize_mac(str(value))
    except NormalizationError as exc:
        problems.append(_problem(source_id, 'mac', str(exc)))
        return None


def _settle(catalog, entry, layers):
    """Transport, redirect, service, onsite, special access and action of a model under the layers (later wins)."""
    values = {}
    for name in ('transport', 'redirect', 'redirect_service', 'onsite'):
        values[name] = catalog.attribute(entry, name) if entry is not None else catalog.defaults.get(name)
    values['special_access'] = None
    values['action'] = None
    for layer in layers:
        for name in DEFAULT_FIELDS:
            if layer.get(name) is not None:
                values[name] = layer[name]
    redirect = values['redirect']
    if values['onsite'] is None:
        values['onsite'] = redirect in ONSITE
    if values['special_access'] is None:
        values['special_access'] = redirect in SPECIAL_ACCESS
    if values['action'] is None:
        values['action'] = ACTIONS.get(redirect, '') % {'service': values.get('redirect_service') or "the vendor's redirect service"}
    return values


def _map_one(catalog, device, users_by_id, defaults, override, problems):
    source_id = device.get('source_id')
    hardware = device.get('type') not in SOFTWARE_TYPES
    row = {'source_id': source_id, 'type': device.get('type'), 'name': device.get('name'), 'site_id': device.get('site_id'),
           'location': device.get('location'), 'brand': device.get('brand'), 'model': device.get('model'),
           'mac': _mac_of(device, source_id, problems)}
    row['lines'] = _line_rows(device, users_by_id, problems, source_id)
    if not hardware:
        row.update(status='no_hardware', reason='software client: nothing to provision by MAC', provisionable=False)
        return row
    if override.get('catalog_id'):
        entry = catalog.by_id.get(override['catalog_id'])
        match_problem = None if entry else 'override catalog_id %r is not in the device catalog' % override['catalog_id']
        suggestions = []
    else:
        match = catalog.lookup(device.get('brand'), override.get('model') or device.get('model'))
        entry, match_problem, suggestions = match.entry, match.problem, match.suggestions
    if entry is None:
        row.update(status='unknown', reason=match_problem, provisionable=False)
        if suggestions:
            row['suggestions'] = suggestions
        problems.append(_problem(source_id, 'model', match_problem + ('; close catalog names: %s' % ', '.join(suggestions) if suggestions else '')))
        return row
    row['catalog_id'] = entry['id']
    row['catalog_name'] = catalog.label(entry)
    status = override.get('status') or entry['status']
    if status == 'unsupported':
        row.update(status='unsupported', reason=override.get('reason') or entry.get('reason'), provisionable=False)
        return row
    if entry['status'] != 'supported':
        problems.append(_problem(source_id, 'status', 'override says supported, but catalog model %s has no target; add it in a catalog layer' % entry['id']))
        row.update(status='unknown', reason='catalog model %s is unsupported' % entry['id'], provisionable=False)
        return row
    row.update(_settle(catalog, entry, (defaults, override)))
    row.update(status='supported', target_model=entry['target'], line_capacity=entry['lines'], device_type=entry.get('type', 'desk_phone'))
    if entry.get('notes') or override.get('notes'):
        row['notes'] = override.get('notes') or entry.get('notes')
    for line in row['lines']:
        if isinstance(line['line'], int) and line['line'] > entry['lines']:
            message = 'line %d is beyond the %d SIP accounts of the %s' % (line['line'], entry['lines'], row['catalog_name'])
            problems.append(_problem(source_id, 'lines', message))
    if row['mac'] is None and not device.get('mac'):
        # Only a phone that will be provisioned needs its MAC.
        problems.append(_problem(source_id, 'mac', 'missing; the phone cannot be provisioned without its MAC'))
    row['provisionable'] = row['mac'] is not None and not any(problem['source_id'] == source_id for problem in problems)
    return row


def map_devices(catalog, devices, users=None, defaults=None, overrides=None):
    """Per device (sorted by source id): the catalog model, the target brand-and-model, lines and provisioning path.

    Returns ``{devices, unsupported, unknown, problems, summary}``. Raises :class:`MappingInputError` for bad
    ``defaults``/``overrides`` (before mapping anything); bad devices become ``problems`` naming source id and field.
    """
    input_problems = []
    defaults = defaults or {}
    _check_settings('defaults', defaults, DEFAULT_FIELDS, input_problems)
    keyed_overrides = {}
    for key, settings in sorted((overrides or {}).items(), key=lambda pair: str(pair[0])):
        _check_settings('overrides.%s' % key, settings, OVERRIDE_FIELDS, input_problems)
        keyed_overrides[_override_key(key)] = settings if isinstance(settings, dict) else {}
    if input_problems:
        raise MappingInputError(input_problems)
    users_by_id = None if users is None else dict((user.get('source_id'), user) for user in users if isinstance(user, dict))

    problems = []
    rows = []
    used = set()
    by_mac = {}
    for device in sorted(devices or [], key=lambda item: str(item.get('source_id'))):
        source_id = device.get('source_id')
        mac_key = _override_key(device.get('mac')) if device.get('mac') else None
        override = {}
        for key in (mac_key, source_id):
            if key in keyed_overrides:
                override = dict(override, **keyed_overrides[key])
                used.add(key)
        row = _map_one(catalog, device, users_by_id, defaults, override, problems)
        if row['mac']:
            by_mac.setdefault(row['mac'], []).append(row)
        rows.append(row)
    for mac, owners in sorted(by_mac.items()):
        if len(owners) > 1:
            names = ', '.join(str(owner['source_id']) for owner in owners)
            for owner in owners:
                problems.append(_problem(owner['source_id'], 'mac', 'MAC %s is on more than one device (%s)' % (mac, names)))
                owner['provisionable'] = False
    for key in sorted(set(keyed_overrides) - used):
        problems.append(_problem(None, 'overrides.%s' % key, 'no device has this source id or MAC'))
    problems.sort(key=lambda problem: (str(problem['source_id']), problem['field'], problem['message']))
    summary = dict((status, 0) for status in ('supported', 'unsupported', 'unknown', 'no_hardware'))
    for row in rows:
        summary[row['status']] += 1
    summary['provisionable'] = sum(1 for row in rows if row['provisionable'])
    summary['onsite'] = sum(1 for row in rows if row.get('onsite'))
    summary['special_access'] = sum(1 for row in rows if row.get('special_access'))
    return {
        'devices': rows,
        'unsupported': [dict((key, row.get(key)) for key in ('source_id', 'brand', 'model', 'mac', 'site_id', 'location', 'catalog_name', 'reason'))
                        for row in rows if row['status'] == 'unsupported'],
        'unknown': [dict((key, row.get(key)) for key in ('source_id', 'brand', 'model', 'mac', 'reason', 'suggestions'))
                    for row in rows if row['status'] == 'unknown'],
        'problems': problems,
        'summary': summary,
    }
