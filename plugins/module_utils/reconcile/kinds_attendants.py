# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``ns_autoattendant`` spec: one menu per auto attendant user and time frame.

The menu is the API's ``auto-attendant`` tier (kebab-case keys, options ``option-0`` ..
``option-9``, ``option-*``, ``option-#``, each with an optional nested tier). Both sides go
through :func:`normalize_tier`, which drops what the API fills in on read (defaults such as
``caller-name-translation: [*]``, read-only audio facts), so only real differences show.
Updates are deep merges on the API side: an option left out of the desired menu is sent as
``{"remove": "yes"}`` and a setting left out goes back to its default, so the stored menu
ends up exactly as given.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re
import time

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsWriteNotConfirmedError
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds import DIAL_RULE_APPLICATIONS
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import (
    Field, ResourceSpec, SpecValueError, normalize_int,
)

OPTION_KEYS = tuple('option-%s' % key for key in '0123456789*#')
FAIL_OPTIONS = ('repeat', 'hangup') + OPTION_KEYS
YES_NO = ('yes', 'no')
DIAL_BY_EXTENSION = ('3-digit-dial-by-extension', '4-digit-dial-by-extension', '5-digit-dial-by-extension')
# Settings the API fills in with its documented default when a write leaves them out.
TIER_DEFAULTS = dict([('no-key-press', 'repeat'), ('unassigned-key-press', 'repeat')] + [(key, 'yes') for key in DIAL_BY_EXTENSION])
OPTION_DEFAULTS = {'caller-name-translation': '[*]'}
AUDIO_DEFAULTS = {'text-to-speech-voice-id': 'en-US-Wavenet-C', 'text-to-speech-language': 'en_US'}
# Facts about the recorded file the API reports; never part of a desired menu.
AUDIO_READ_ONLY = ('file-duration-seconds', 'file-size-kilobytes', 'file-access-url', 'file-source')
AUDIO_KEYS = ('filename', 'ordinal-order', 'file-script-text', 'text-to-speech-voice-id', 'text-to-speech-language')
OPTION_FIELDS = ('destination-application', 'destination-user', 'caller-name-translation', 'description', 'call-to-record',
                 'auto-attendant')
TIER_KEYS = ('intro-greetings', 'audio', 'no-key-press', 'unassigned-key-press') + DIAL_BY_EXTENSION + OPTION_KEYS
MENU_API = 'auto-attendant'
_GREETING_FILE = re.compile(r'^greeting-(\d+)\.wav$')


class _Refused(Exception):
    """A part of a tier that does not fit (strict mode raises it as SpecValueError, lenient mode drops the part)."""


def _text(value, where):
    if isinstance(value, (dict, list)):
        raise _Refused('%s: expected a string, got a %s' % (where, type(value).__name__))
    if isinstance(value, bool):
        return 'yes' if value else 'no'
    return str(value).strip()


def _choice(value, choices, where):
    text = _text(value, where)
    folded = text.lower()
    if folded in ('true', 'false'):
        folded = 'yes' if folded == 'true' else 'no'
    for choice in choices:
        if choice.lower() == folded:
            return choice
    raise _Refused('%s: %r is not one of %s' % (where, text, ', '.join(choices)))


def _keys(mapping, known, where, strict, read_only=()):
    """``{kebab-key: value}`` of a mapping; unknown keys refused (strict) or dropped (lenient)."""
    if not isinstance(mapping, dict):
        prefix = '%s: ' % where if where else ''
        raise _Refused('%sexpected a mapping, got %s' % (prefix, type(mapping).__name__))
    result = {}
    for raw_key in sorted(mapping, key=str):
        # Playbooks may spell keys in snake_case; the API's keys never contain "_".
        key = str(raw_key).strip().replace('_', '-')
        path = '%s.%s' % (where, key) if where else key
        if key in read_only:
            continue
        if key not in known:
            if strict:
                raise _Refused('%s: unknown key (known: %s)' % (path, ', '.join(known)))
            continue
        if key in result:
            raise _Refused('%s: given twice (snake_case and kebab-case)' % path)
        if mapping[raw_key] is not None:
            result[key] = mapping[raw_key]
    return result


def _part(normalize, value, where, strict):
    """One normalised part, or None when lenient mode drops a part that does not fit."""
    try:
        return normalize(value, where, strict)
    except _Refused:
        if strict:
            raise
        return None


def _audio(value, where, strict):
    audio = {}
    for key, item in _keys(value, AUDIO_KEYS, where, strict, read_only=AUDIO_READ_ONLY).items():
        path = '%s.%s' % (where, key)
        if key == 'ordinal-order':
            try:
                audio[key] = normalize_int(item)
            except SpecValueError as exc:
                raise _Refused('%s: %s' % (path, exc))
        else:
            audio[key] = _text(item, path)
    # The API names an AA's greeting file after its index: "greeting-2.wav" is index 2.
    found = _GREETING_FILE.match(audio.get('filename', ''))
    if found and audio.get('ordinal-order', int(found.group(1))) == int(found.group(1)):
        audio['ordinal-order'] = int(found.group(1))
        del audio['filename']
    return _without_defaults(audio, AUDIO_DEFAULTS)


def _option(value, where, strict):
    option = {}
    for key, item in _keys(value, OPTION_FIELDS, where, strict).items():
        path = '%s.%s' % (where, key)
        if key == 'auto-attendant':
            part = _part(_tier, item, path, strict)
        elif key == 'destination-application':
            part = _part(lambda val, at, dummy: _choice(val, DIAL_RULE_APPLICATIONS, at), item, path, strict)
        else:
            part = _text(item, path)
        if part not in (None, '', {}):
            option[key] = part
    return _without_defaults(option, OPTION_DEFAULTS)


def _tier(value, where, strict):
    tier = {}
    for key, item in _keys(value, TIER_KEYS, where, strict).items():
        path = '%s.%s' % (where, key) if where else key
        if key == 'audio':
            part = _part(_audio, item, path, strict)
        elif key in OPTION_KEYS:
            part = _part(_option, item, path, strict)
        elif key in ('no-key-press', 'unassigned-key-press'):
            part = _part(lambda val, at, dummy: _choice(val, FAIL_OPTIONS, at), item, path, strict)
        elif key in DIAL_BY_EXTENSION:
            part = _part(lambda val, at, dummy: _choice(val, YES_NO, at), item, path, strict)
        else:
            part = _text(item, path)
        if part not in (None, '', {}):
            tier[key] = part
    return _without_defaults(tier, TIER_DEFAULTS)


def _without_defaults(mapping, defaults):
    return dict((key, mapping[key]) for key in sorted(mapping) if defaults.get(key) != mapping[key])


def normalize_tier(value):
    """Canonical form of an auto attendant tier (module input or API read); refuses unknown keys and bad values.

    Keys are kebab-case and sorted, strings trimmed, booleans ``yes``/``no``, empty values and
    the API's defaults dropped (so ``caller-name-translation: [*]`` equals leaving it out), the
    read-only facts of audio files dropped, ``greeting-<n>.wav`` read as ``ordinal-order: n``.
    """
    try:
        return _tier(value, '', True)
    except _Refused as exc:
        raise SpecValueError(str(exc))


def tier_as_read(value):
    """The canonical form of a tier read from the API, leaving out what the module does not manage."""
    tier = _part(_tier, value if isinstance(value, dict) else {}, '', False)
    return tier or {}


def tier_update(current, desired):
    """The ``auto-attendant`` body that turns the stored tier ``current`` into ``desired`` (both canonical).

    The API merges tiers: options only in ``current`` are sent as ``{"remove": "yes"}``, settings
    with a default go back to it, texts are cleared with ``""``.
    """
    body = copy.deepcopy(desired)
    for key, old in current.items():
        new = desired.get(key)
        if key in OPTION_KEYS:
            if new is None:
                body[key] = {'remove': 'yes'}
            else:
                body[key] = _option_update(old, new)
        elif key == 'audio':
            body[key] = _cleared(old, new or {}, AUDIO_DEFAULTS)
        elif new is None:
            body[key] = TIER_DEFAULTS.get(key, '')
    return body


def _option_update(current, desired):
    body = _cleared(dict((key, value) for key, value in current.items() if key != 'auto-attendant'),
                    dict((key, value) for key, value in desired.items() if key != 'auto-attendant'), OPTION_DEFAULTS)
    if 'auto-attendant' in current or 'auto-attendant' in desired:
        body['auto-attendant'] = tier_update(current.get('auto-attendant', {}), desired.get('auto-attendant', {}))
    return body


def _cleared(current, desired, defaults):
    """``desired`` plus a reset for each flat setting only ``current`` has (integers cannot be cleared and stay)."""
    body = copy.deepcopy(desired)
    for key, old in current.items():
        if key not in desired and not isinstance(old, int):
            body[key] = defaults.get(key, '')
    return body


class AttendantHooks:
    """Reads are put in canonical form once; writes carry option removals and are confirmed by polling."""

    def prepare(self, client, spec, domain, current_objects, desired_items):
        prepared = []
        for api_object in current_objects:
            if isinstance(api_object, dict):
                api_object = dict(api_object)
                api_object[MENU_API] = tier_as_read(api_object.get(MENU_API))
            prepared.append(api_object)
        return prepared

    def write(self, client, spec, domain, action):
        body = dict(action.body)
        if action.op == 'create':
            client.create(spec.kind, body, confirm=False, domain=domain)
            lookup = {'user': action.desired.parent, 'time-frame': action.desired.name}
            parents = {'domain': domain}
        else:
            if 'menu' in action.changes:
                body[MENU_API] = tier_update(action.current.get(MENU_API) or {}, action.desired.fields.get('menu') or {})
            parents = {'domain': domain, 'user': action.current.get('user'), 'prompt': action.current.get('starting-prompt')}
            client.update(spec.kind, body, confirm=False, **parents)
            lookup = {'user': action.current.get('user'), 'time-frame': action.current.get('time-frame'),
                      'starting-prompt': action.current.get('starting-prompt')}
        return _confirmed(client, spec, action, lookup, parents)


def _shows(spec, action, found):
    if not isinstance(found, dict):
        return False
    found = dict(found, **{MENU_API: tier_as_read(found.get(MENU_API))})
    item = spec.item_from_api(found)
    for option, change in action.changes.items():
        field = spec.by_option[option]
        if field.comparable(change['after']) != field.comparable(item.get(option)):
            return False
    return True


def _confirmed(client, spec, action, lookup, parents):
    """Poll the attendant (bounded by the client's confirm timeout) until it shows the changes."""
    deadline = time.monotonic() + client.confirm_timeout
    interval = max(client.confirm_interval, 0.05)
    while True:
        found = client.find(spec.kind, lookup, **parents)
        if _shows(spec, action, found):
            return found
        if time.monotonic() + interval > deadline:
            raise NsWriteNotConfirmedError('The %s of auto attendant %s was accepted but not visible on read-back within %.0fs.' % (
                action.op, action.label, client.confirm_timeout), host=client.host)
        time.sleep(interval)
        interval = min(interval * 2, 2.0)


def autoattendant_spec():
    return ResourceSpec(
        'autoattendants', noun='autoattendant', client_confirms=False, hooks=AttendantHooks(),
        # The AA create makes the auto attendant's (system-aa) user, so the parent need not exist yet.
        parent=Field('user', 'user'), parent_kind='users', parent_in_body=True,
        identity=Field('time_frame', 'time-frame'),
        fields=[
            # The update operation requires the name in every body.
            Field('name', 'attendant-name', required_on_create=True, reset=None, send_on_update=True),
            Field('menu', MENU_API, type='dict', normalize=normalize_tier, reset=None),
        ])
