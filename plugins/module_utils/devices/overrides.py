# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-MAC overrides: the source's phone settings the platform's provisioning can express.

The platform's provisioning server (NDP) builds a phone's configuration from its templates
and adds the phone's overrides blob, written in the vendor's own configuration syntax.
:func:`phone_overrides` turns what the inventory knows about a phone - line keys and BLF
(``source_attributes.line_keys`` / ``blf``), its time zone (``source_attributes.time_zone``,
else its site's when that differs from the domain's), its language (``source_attributes.language``,
else the line-1 user's) and the DTMF mode - into that text for the vendors whose syntax the
collection knows (Yealink, Poly), and lists every setting it cannot carry with the reason.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from datetime import datetime

try:
    from zoneinfo import ZoneInfo
except ImportError:  # pragma: no cover - Python 3.9+ has zoneinfo
    ZoneInfo = None

# Source bookkeeping, not phone settings: never listed.
BOOKKEEPING = ('endpointman_id', 'tech', 'dial', 'devicetype', 'device', 'device-models-brand-and-model', 'context', 'max_contacts',
               'callerid', 'template')
# Settings the platform sets another way: listed as not carried, with where they come from instead.
PLATFORM_OWNED = {
    'transport': 'the SIP transport is the provisioned transport of the phone (catalog, defaults, overrides), not the source\'s',
    'media_encryption': 'SRTP follows the provider\'s device standard (ns_device srtp), not the phone',
    'allow': 'codecs are set by the platform\'s provisioning templates',
    'disallow': 'codecs are set by the platform\'s provisioning templates',
    'codecs': 'codecs are set by the platform\'s provisioning templates',
    'ringtone': 'ring tones are not carried; users pick them on the phone',
    'wallpaper': 'images are not carried; the provider\'s template sets the background',
    'firmware': 'the provisioning server decides the firmware',
}
LINE_KEY_TYPES = ('blf', 'speed_dial', 'park', 'line')
# Seasons used to read a zone's standard offset and whether it observes daylight saving time.
_WINTER = datetime(2026, 1, 15, 12, 0)
_SUMMER = datetime(2026, 7, 15, 12, 0)
_YEALINK_ZONE_NAMES = {
    'America/New_York': 'United States-Eastern Time', 'America/Chicago': 'United States-Central Time',
    'America/Denver': 'United States-Mountain Time', 'America/Phoenix': 'United States-MST',
    'America/Los_Angeles': 'United States-Pacific Time', 'America/Anchorage': 'United States-Alaska Time',
    'Pacific/Honolulu': 'United States-Hawaii-Aleutian', 'America/Halifax': 'Canada(Atlantic Time)',
    'America/Toronto': 'Canada(Eastern Time)', 'America/Winnipeg': 'Canada(Central Time)',
    'America/Edmonton': 'Canada(Mountain Time)', 'America/Vancouver': 'Canada(Pacific Time)',
}
# language subtag -> (Yealink lang.gui, Poly lcl.ml.lang)
_LANGUAGES = {
    'en': ('English', 'English_United_States'), 'es': ('Spanish', 'Spanish_Spain'), 'fr': ('French', 'French_France'),
    'de': ('German', 'German_Germany'), 'it': ('Italian', 'Italian_Italy'), 'pt': ('Portuguese', 'Portuguese_Portugal'),
    'nl': ('Dutch', 'Dutch_Netherlands'), 'pl': ('Polish', 'Polish_Poland'), 'ru': ('Russian', 'Russian_Russia'),
}
_LANGUAGE_NAMES = {'english': 'en', 'spanish': 'es', 'espanol': 'es', 'french': 'fr', 'francais': 'fr', 'german': 'de', 'deutsch': 'de',
                   'italian': 'it', 'portuguese': 'pt', 'dutch': 'nl', 'polish': 'pl', 'russian': 'ru'}
# DTMF mode as FreePBX/Asterisk writes it -> (Yealink account.N.dtmf.type, Poly lines)
_DTMF = {
    'rfc2833': ('1', ('tone.dtmf.viaRtp = 1', 'tone.dtmf.rfc2833Control = 1')),
    'rfc4733': ('1', ('tone.dtmf.viaRtp = 1', 'tone.dtmf.rfc2833Control = 1')),
    'inband': ('0', ('tone.dtmf.viaRtp = 1', 'tone.dtmf.rfc2833Control = 0')),
    'info': ('2', ('voIpProt.SIP.dtmfViaSignaling.rfc2976 = 1',)),
}
_YEALINK_KEY_TYPES = {'blf': '16', 'speed_dial': '13', 'park': '10', 'line': '15'}


def vendor_of(catalog_id):
    """The override syntax family of a catalog model: ``yealink``, ``poly`` or None (no known syntax)."""
    family = str(catalog_id or '').split('-', 1)[0]
    return family if family in ('yealink', 'poly') else None


def _not_carried(setting, value, reason):
    return {'setting': setting, 'value': value if isinstance(value, (str, int, float, bool)) or value is None else str(value), 'reason': reason}


def _language_code(value):
    text = str(value or '').strip()
    if not text:
        return None
    lowered = text.lower()
    if lowered in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[lowered]
    return lowered.replace('_', '-').split('-', 1)[0]


def _offsets(zone_name):
    """(standard offset in seconds, observes DST) of an IANA zone, or None when unknown."""
    if ZoneInfo is None:
        return None
    try:
        tzinfo = ZoneInfo(str(zone_name))
    except (KeyError, ValueError, OSError):
        return None
    winter = _WINTER.replace(tzinfo=tzinfo).utcoffset()
    summer = _SUMMER.replace(tzinfo=tzinfo).utcoffset()
    standard = min(winter, summer)
    return int(standard.total_seconds()), winter != summer


def _line_keys(attributes, first_free_key, where, problems):
    """Line keys as ``[{key, type, value, label}]`` from ``line_keys`` (explicit) and ``blf`` (extensions, after the lines)."""
    keys = []
    for index, entry in enumerate(attributes.get('line_keys') or []):
        if not isinstance(entry, dict):
            problems.append('%s.line_keys[%d]: expected a mapping with key, type, value, label' % (where, index))
            continue
        kind = str(entry.get('type') or 'blf').strip().lower()
        try:
            number = int(entry.get('key'))
        except (TypeError, ValueError):
            problems.append('%s.line_keys[%d].key: %r is not a key number' % (where, index, entry.get('key')))
            continue
        if kind not in LINE_KEY_TYPES:
            problems.append('%s.line_keys[%d].type: %r is not one of %s' % (where, index, kind, ', '.join(LINE_KEY_TYPES)))
            continue
        keys.append({'key': number, 'type': kind, 'value': str(entry.get('value') or ''), 'label': str(entry.get('label') or '')})
    used = set(key['key'] for key in keys)
    number = first_free_key
    for value in attributes.get('blf') or []:
        while number in used:
            number += 1
        keys.append({'key': number, 'type': 'blf', 'value': str(value), 'label': ''})
        used.add(number)
    return sorted(keys, key=lambda key: key['key'])


def _yealink(settings, line_count):
    lines = []
    for key in settings.get('line_keys', ()):
        prefix = 'linekey.%d.' % key['key']
        lines.append(prefix + 'type = ' + _YEALINK_KEY_TYPES[key['type']])
        if key['type'] != 'line':
            lines.append(prefix + 'value = ' + key['value'])
        lines.append(prefix + 'line = 1')
        if key['label']:
            lines.append(prefix + 'label = ' + key['label'])
    if 'time_zone' in settings:
        zone_name, offset, dst = settings['time_zone']
        hours = offset / 3600.0
        lines.append('local_time.time_zone = %s' % (('%+d' % hours) if hours == int(hours) else ('%+.1f' % hours)))
        if zone_name in _YEALINK_ZONE_NAMES:
            lines.append('local_time.time_zone_name = %s' % _YEALINK_ZONE_NAMES[zone_name])
        lines.append('local_time.summer_time = %d' % (2 if dst else 0))
    if 'language' in settings:
        lines.append('lang.gui = %s' % _LANGUAGES[settings['language']][0])
        lines.append('lang.wui = %s' % _LANGUAGES[settings['language']][0])
    if 'dtmf' in settings:
        for account in range(1, max(1, line_count) + 1):
            lines.append('account.%d.dtmf.type = %s' % (account, _DTMF[settings['dtmf']][0]))
    return lines


def _poly(settings, not_carried):
    lines = []
    index = 0
    for key in settings.get('line_keys', ()):
        if key['type'] not in ('blf', 'park'):
            not_carried.append(_not_carried('line_keys.%d' % key['key'], key['value'],
                                            'Poly phones keep %s keys in the contact directory, not in per-phone settings' % key['type']))
            continue
        index += 1
        prefix = 'attendant.resourceList.%d.' % index
        lines.append(prefix + 'address = ' + key['value'])
        lines.append(prefix + 'type = ' + ('normal' if key['type'] == 'blf' else 'automata'))
        if key['label']:
            lines.append(prefix + 'label = ' + key['label'])
    if 'time_zone' in settings:
        dummy_zone, offset, dst = settings['time_zone']
        lines.append('tcpIpApp.sntp.gmtOffset = %d' % offset)
        lines.append('tcpIpApp.sntp.daylightSavings.enable = %d' % (1 if dst else 0))
    if 'language' in settings:
        lines.append('lcl.ml.lang = %s' % _LANGUAGES[settings['language']][1])
    if 'dtmf' in settings:
        lines.extend(_DTMF[settings['dtmf']][1])
    return lines


def phone_overrides(mapped, device, line_users, site_time_zone=None, domain_time_zone=None):
    """``{text, carried, not_carried, problems}`` for one mapped, supported phone.

    ``mapped`` is the device_catalog row, ``device`` the inventory device, ``line_users`` the
    inventory users of its lines (line 1 first). ``text`` is the overrides blob ('' when
    nothing is carried); ``carried`` names the settings in it.
    """
    attributes = device.get('source_attributes') or {}
    where = 'source_attributes'
    problems = []
    not_carried = []
    settings = {}
    capacity = mapped.get('line_capacity') or len(mapped.get('lines') or []) or 1
    used_lines = max([line['line'] for line in mapped.get('lines') or [] if isinstance(line.get('line'), int)] or [0])
    keys = _line_keys(attributes, used_lines + 1, where, problems)
    if keys:
        settings['line_keys'] = keys
    zone_name = attributes.get('time_zone')
    if not zone_name and site_time_zone and domain_time_zone and site_time_zone != domain_time_zone:
        zone_name = site_time_zone
    if zone_name:
        offsets = _offsets(zone_name)
        if offsets is None:
            not_carried.append(_not_carried('time_zone', zone_name, 'not an IANA time zone'))
        else:
            settings['time_zone'] = (str(zone_name), offsets[0], offsets[1])
    language = attributes.get('language') or (line_users[0].get('language') if line_users and line_users[0] else None)
    code = _language_code(language)
    if code and code != 'en' or attributes.get('language'):
        if code in _LANGUAGES:
            settings['language'] = code
        else:
            not_carried.append(_not_carried('language', language, 'no phone language is known for it'))
    dtmf = attributes.get('dtmfmode') or attributes.get('dtmf_mode')
    if dtmf:
        if str(dtmf).lower() in _DTMF:
            settings['dtmf'] = str(dtmf).lower()
        else:
            not_carried.append(_not_carried('dtmfmode', dtmf, 'DTMF mode %r has no phone equivalent (auto: the phone\'s default)' % dtmf))
    known = set(BOOKKEEPING) | set(PLATFORM_OWNED) | {'line_keys', 'blf', 'time_zone', 'language', 'dtmfmode', 'dtmf_mode'}
    for name in sorted(attributes):
        if name in PLATFORM_OWNED:
            not_carried.append(_not_carried(name, attributes[name], PLATFORM_OWNED[name]))
        elif name not in known:
            not_carried.append(_not_carried(name, attributes[name], 'no equivalent setting on the platform is known'))
    vendor = vendor_of(mapped.get('catalog_id'))
    lines = []
    if settings and vendor is None:
        for name in sorted(settings):
            value = settings[name]
            shown = value[0] if name == 'time_zone' else (', '.join('%d:%s %s' % (key['key'], key['type'], key['value']) for key in value)
                                                          if name == 'line_keys' else value)
            not_carried.append(_not_carried(name, shown, 'no override syntax for %s in the collection; set it in the provider\'s '
                                                         'provisioning template' % (mapped.get('catalog_name') or 'this model')))
        settings = {}
    elif vendor == 'yealink':
        lines = _yealink(settings, min(capacity, max(used_lines, 1)))
    elif vendor == 'poly':
        lines = _poly(settings, not_carried)
    carried = sorted(settings)
    if vendor == 'poly' and not any(key['type'] in ('blf', 'park') for key in settings.get('line_keys', ())):
        carried = [name for name in carried if name != 'line_keys']
    not_carried.sort(key=lambda entry: (entry['setting'], str(entry['value'])))
    return {'text': '\n'.join(lines), 'carried': carried, 'not_carried': not_carried, 'problems': problems}
