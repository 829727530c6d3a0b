# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where on the platform a MAC is provisioned: a MAC belongs to one domain, platform-wide.

A phone that another domain already holds must never be taken over by a migration: the
playbook turns :func:`phones_elsewhere` into a blocking finding and ``ns_phone`` fails such
an item. Reads: one ``GET /phones/{mac}`` per MAC for a few MACs, else one paged
``GET /phones`` (the platform-wide list), so the cost stays bounded either way.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import NormalizationError, normalize_mac

MAC_FIELD = 'device-provisioning-mac-address'
SINGLE_READ_LIMIT = 25


def phone_mac(phone):
    """The normalised MAC of an API phone object, or None."""
    try:
        return normalize_mac(str(phone.get(MAC_FIELD) or ''))
    except NormalizationError:
        return None


def locate_phones(client, macs, single_read_limit=SINGLE_READ_LIMIT):
    """``{mac: phone object}`` for the ``macs`` (normalised) provisioned anywhere on the platform."""
    wanted = sorted(set(mac for mac in macs if mac))
    if not wanted:
        return {}
    found = {}
    if len(wanted) > single_read_limit:
        wanted_set = set(wanted)
        for phone in client.list('/phones'):
            mac = phone_mac(phone) if isinstance(phone, dict) else None
            if mac in wanted_set:
                found[mac] = phone
        return found
    for outcome in client.map(lambda mac: client.get_or_none('/phones/{mac}', mac=mac), wanted):
        if outcome.error is not None:
            raise outcome.error
        phone = outcome.value
        if isinstance(phone, list):
            phone = phone[0] if phone else None
        if isinstance(phone, dict) and phone:
            found[outcome.item] = phone
    return found


def phones_elsewhere(client, domain, macs, single_read_limit=SINGLE_READ_LIMIT):
    """``{mac: {domain, reseller, model}}`` for the ``macs`` another domain than ``domain`` holds."""
    elsewhere = {}
    for mac, phone in locate_phones(client, macs, single_read_limit).items():
        owner = str(phone.get('domain') or '')
        if owner.casefold() != str(domain or '').casefold():
            elsewhere[mac] = {'domain': owner, 'reseller': phone.get('reseller'), 'model': phone.get('device-models-brand-and-model')}
    return elsewhere


def elsewhere_reason(mac, owner):
    """The message of an item whose MAC another domain holds."""
    return ('MAC %s is provisioned in domain %s (not this one); remove it there first: a phone is never moved between domains '
            'by this module' % (mac, owner.get('domain') or '(unknown)'))
