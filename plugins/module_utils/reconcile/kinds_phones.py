# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``ns_phone`` spec: phone hardware by MAC (NDP, ``/domains/{domain}/phones``).

The API spreads a phone's lines over ``device-provisioning-sip-uri-1`` .. ``-8`` and addresses
updates and deletes by the MAC in the body. The hooks give the engine one ``lines`` list (read
side: ``prepare``; write side: ``write``), complete bare device names with the domain, refuse a
MAC another domain holds (never taken over) and a line naming a device the domain lacks.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.ucaas.migration.plugins.module_utils.devices.ownership import (
    MAC_FIELD, elsewhere_reason, phone_mac, phones_elsewhere,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_devices import TRANSPORTS, normalize_device_mac
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import (
    Field, ResourceSpec, SpecValueError, normalize_casefold, normalize_str,
)

MAX_LINES = 8
LINES_KEY = 'lines'
_URI_FIELD = 'device-provisioning-sip-uri-%d'
_LINE = re.compile(r'^(?:sip:)?([^@\s:;]+)(?:@([^@\s:;]+))?$', re.IGNORECASE)


def normalize_line(value):
    """``sip:<device>@<domain>`` (domain in lower case), or a bare device name the module completes with its domain."""
    text = normalize_str(value)
    found = _LINE.match(text)
    if not found:
        raise SpecValueError('%r is not a line (sip:<device>@<domain>, or a device name)' % (value,))
    device, domain = found.group(1), found.group(2)
    return 'sip:%s@%s' % (device, domain.lower()) if domain else device


def normalize_lines(value):
    """A phone's lines in order (line 1 first); at most eight, each once."""
    if not isinstance(value, (list, tuple)):
        raise SpecValueError('expected a list of lines, got %s' % type(value).__name__)
    lines = [normalize_line(item) if item not in (None, '') else '' for item in value]
    while lines and lines[-1] == '':
        lines.pop()
    if len(lines) > MAX_LINES:
        raise SpecValueError('%d lines given; the API provisions at most %d (sip-uri-1..%d)' % (len(lines), MAX_LINES, MAX_LINES))
    named = [line for line in lines if line]
    for line in named:
        if named.count(line) > 1:
            raise SpecValueError('%r is listed twice' % line)
    return lines


def normalize_overrides(value):
    """Per-MAC overrides text: line endings unified and trailing blanks removed (the platform keeps them as given)."""
    text = normalize_str(value).replace('\r\n', '\n').replace('\r', '\n')
    return '\n'.join(line.rstrip() for line in text.split('\n')).strip()


class LinesField(Field):
    """A list of texts (the phone's lines), unlike ``type='list'`` entries which are mappings."""

    def __init__(self, option, api, **kwargs):
        super(LinesField, self).__init__(option, api, type='list', normalize=normalize_lines, **kwargs)

    def to_api(self, value):
        return None if value is None else list(value)

    def argument_spec(self):
        return dict(type='list', elements='str')


def lines_of_api(phone):
    """The lines of an API phone object, line 1 first (gaps kept as empty texts)."""
    lines = []
    for number in range(1, MAX_LINES + 1):
        value = phone.get(_URI_FIELD % number)
        lines.append(normalize_line(value) if value not in (None, '') and _LINE.match(str(value).strip()) else str(value or '').strip())
    while lines and lines[-1] == '':
        lines.pop()
    return lines


def complete_line(line, domain):
    return line if not line or line.startswith('sip:') else 'sip:%s@%s' % (line, str(domain).lower())


class PhoneHooks:
    """State of one ns_phone run: the module's domain, MACs other domains hold, lines without a device."""

    def __init__(self, check_other_domains=True):
        self.check_other_domains = check_other_domains
        self.domain = None
        self.elsewhere = {}
        self.missing_devices = {}

    def protected(self, api_object):
        """Phones of other domains are never changed or deleted here."""
        mac = phone_mac(api_object)
        if mac in self.elsewhere:
            return elsewhere_reason(mac, self.elsewhere[mac])
        owner = str(api_object.get('domain') or '')
        if owner and self.domain and owner.casefold() != str(self.domain).casefold():
            return elsewhere_reason(mac or api_object.get(MAC_FIELD), {'domain': owner})
        return None

    def prepare(self, client, spec, domain, current, desired):
        self.domain = domain
        for phone in current:
            if isinstance(phone, dict):
                phone[LINES_KEY] = lines_of_api(phone)
        own_devices = None
        for item in desired:
            if item.fields.get('lines'):
                item.fields['lines'] = [complete_line(line, domain) for line in item.fields['lines']]
                if own_devices is None:
                    own_devices = self._device_uris(client, domain)
                # Lines of other domains (shared appearances) are not checked: their devices are not listed here.
                missing = [line for line in item.fields['lines'] if line.endswith('@' + str(domain).lower()) and line.lower() not in own_devices]
                if missing:
                    self.missing_devices[item.key] = missing
        if self.check_other_domains:
            present = set(spec.key_of_api(phone) for phone in current if isinstance(phone, dict))
            absent = [item.key for item in desired if item.key is not None and item.key not in present]
            self.elsewhere = phones_elsewhere(client, domain, absent)
            for mac, owner in sorted(self.elsewhere.items()):
                current.append({MAC_FIELD: mac, 'domain': owner['domain'], LINES_KEY: []})
        return current

    @staticmethod
    def _device_uris(client, domain):
        devices = client.list_kind('devices', domain=domain, domain_wide=True)
        return set(('sip:%s@%s' % (device.get('device'), domain)).lower() for device in devices if device.get('device'))

    def _missing_message(self, action):
        missing = self.missing_devices.get(action.key)
        if missing and action.body is not None and LINES_KEY in action.body:
            return 'line device(s) %s do not exist in the domain; create them first (ns_device)' % ', '.join(missing)
        return None

    def write(self, client, spec, domain, action):
        problem = self._missing_message(action)
        if problem:
            raise ValueError(problem)
        body = dict((key, value) for key, value in action.body.items() if key != LINES_KEY)
        if LINES_KEY in action.body:
            wanted = list(action.body[LINES_KEY] or [])
            before = list((action.current or {}).get(LINES_KEY) or [])
            for number in range(1, max(len(wanted), len(before)) + 1):
                body[_URI_FIELD % number] = wanted[number - 1] if number <= len(wanted) else ''
        if action.op == 'create':
            return client.create(spec.kind, body, domain=domain)
        body[MAC_FIELD] = action.current.get(MAC_FIELD)
        return client.update(spec.kind, body, domain=domain)

    def finish(self, client, spec, domain, actions, check_mode):
        if not check_mode:
            return
        for action in actions:
            problem = self._missing_message(action) if action.op in ('create', 'update') else None
            if problem:
                action.op = 'fail'
                action.msg = problem


def phone_spec(check_other_domains=True):
    hooks = PhoneHooks(check_other_domains=check_other_domains)
    return ResourceSpec(
        'phones', noun='phone', hooks=hooks, protected=hooks.protected,
        identity=Field('mac', MAC_FIELD, normalize=normalize_device_mac, canonical_label=True),
        fields=[
            Field('model', 'device-models-brand-and-model', required_on_create=True, reset=None),
            Field('server', 'device-provisioning-registration-core-server', reset=None),
            Field('transport', 'device-provisioning-sip-transport-protocol', normalize=normalize_casefold, choices=TRANSPORTS, reset=None),
            Field('notes', 'notes'),
            LinesField('lines', LINES_KEY),
            Field('overrides', 'device-models-overrides-blob', normalize=normalize_overrides),
        ])


def bind_options(spec, params):
    """``configure`` of ns_phone: the module's ``check_other_domains`` option goes into the hooks."""
    spec.hooks.check_other_domains = bool(params.get('check_other_domains', True))
    return spec
