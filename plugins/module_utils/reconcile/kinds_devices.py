# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``ns_device`` spec: the SIP devices of users (key ``<user>/<device>``), read with one domain-wide list."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import NormalizationError, normalize_mac
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import (
    Field, ResourceSpec, SpecValueError, normalize_casefold, normalize_phone, normalize_str,
)

TRANSPORTS = ('udp', 'tcp', 'tls')
NAT_TRAVERSAL = ('automatic', 'none', 'never', 'fixed')
SRTP = ('yes', 'no', 'opportunistic')


def normalize_device_mac(value):
    """A MAC as ns-api stores it: 12 lower-case hex digits, no separators (``00:04:F2-...`` forms accepted)."""
    try:
        return normalize_mac(normalize_str(value))
    except NormalizationError as exc:
        raise SpecValueError(str(exc))


def normalize_srtp(value):
    """``yes``/``no``/``opportunistic``; a YAML boolean counts as yes/no."""
    if isinstance(value, bool):
        return 'yes' if value else 'no'
    text = normalize_casefold(value)
    return {'true': 'yes', 'false': 'no'}.get(text, text)


def device_spec():
    return ResourceSpec(
        'devices', noun='device',
        parent=Field('user', 'user'), parent_kind='users',
        identity=Field('device', 'device'),
        fields=[
            Field('mac', 'device-provisioning-mac-address', normalize=normalize_device_mac),
            Field('model', 'device-models-model'),
            Field('line', 'device-provisioning-line', type='int', reset=None),
            Field('transport', 'device-provisioning-sip-transport-protocol', normalize=normalize_casefold, choices=TRANSPORTS,
                  reset=None),
            Field('caller_id_number_emergency', 'caller-id-number-emergency', normalize=normalize_phone),
            Field('nat_traversal', 'device-sip-nat-traversal-enabled', normalize=normalize_casefold, choices=NAT_TRAVERSAL,
                  reset=None),
            Field('srtp', 'device-srtp-enabled', normalize=normalize_srtp, choices=SRTP, reset=None),
            # Write-only per the client's registry: sent on create, on update only with update_password=always.
            Field('sip_password', 'device-sip-registration-password'),
        ])
