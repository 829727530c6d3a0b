# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Answer rules without the API: feature objects and rule order.

A feature (``forward-always`` ...) is ``{enabled, parameters}``. What the platform leaves out
of a read (a feature never set, ``parameters`` of a disabled feature) means "off, no
parameters", so both sides are brought to that one form before they are compared.

Order: the rules a user lists with ``order`` are sorted into the positions they hold (new
rules are added by the platform at the bottom, above ``*``); rules without ``order`` keep
their positions, and ``*`` is always last.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import SpecValueError, normalize_bool, normalize_str

DEFAULT_RULE = '*'
# (option, API field) of the feature objects, in the vendor spec's order.
FEATURES = (
    ('simultaneous_ring', 'simultaneous-ring'),
    ('forward_always', 'forward-always'),
    ('forward_on_busy', 'forward-on-busy'),
    ('forward_no_answer', 'forward-no-answer'),
    ('forward_when_unregistered', 'forward-when-unregistered'),
    ('forward_on_active', 'forward-on-active'),
    ('forward_on_dnd', 'forward-on-dnd'),
    ('do_not_disturb', 'do-not-disturb'),
    ('call_screening', 'call-screening'),
)
# The spec defines only ``enabled`` for these two: they take no parameters.
WITHOUT_PARAMETERS = ('do-not-disturb', 'call-screening')
FEATURE_KEYS = ('enabled', 'parameters')


def feature_off():
    return {'enabled': False, 'parameters': []}


def feature_normalizer(takes_parameters=True):
    """Normaliser of one feature: ``{enabled: bool, parameters: [str]}``.

    Keys other than ``enabled``/``parameters`` are dropped (reads may carry more; input is checked
    by :func:`feature_input_problems`). A feature without parameters always has an empty list.
    """
    def normalize(value):
        if not isinstance(value, dict):
            raise SpecValueError('expected a mapping with enabled and parameters, got %s' % type(value).__name__)
        enabled = value.get('enabled')
        parameters = value.get('parameters')
        if parameters is None or not takes_parameters:
            parameters = []
        elif isinstance(parameters, (str, int)) and not isinstance(parameters, bool):
            parameters = [parameters]
        elif not isinstance(parameters, list):
            raise SpecValueError('parameters: expected a list of strings, got %s' % type(parameters).__name__)
        texts = []
        for position, parameter in enumerate(parameters):
            try:
                text = normalize_str(parameter)
            except SpecValueError as exc:
                raise SpecValueError('parameters[%d]: %s' % (position, exc))
            if text:
                texts.append(text)
        try:
            flag = False if enabled in (None, '') else normalize_bool(enabled)
        except SpecValueError as exc:
            raise SpecValueError('enabled: %s' % exc)
        return {'enabled': flag, 'parameters': texts}
    return normalize


def feature_input_problems(option, api, value):
    """Problems of a feature as given in ``config`` (texts that complete ``config[i].<option>``)."""
    if not isinstance(value, dict):
        return []
    problems = []
    for key in sorted(set(value) - set(FEATURE_KEYS)):
        problems.append('%s.%s: unknown key (known: %s)' % (option, key, ', '.join(FEATURE_KEYS)))
    if value.get('enabled') is None:
        problems.append('%s.enabled: missing; say whether the feature is on' % option)
    if api in WITHOUT_PARAMETERS and value.get('parameters'):
        problems.append('%s.parameters: the API takes no parameters for %s' % (option, api))
    return problems


def feature_to_api(api, value):
    """API form of a normalised feature (``yes``/``no``; no ``parameters`` where the spec has none)."""
    body = {'enabled': 'yes' if value['enabled'] else 'no'}
    if api not in WITHOUT_PARAMETERS:
        body['parameters'] = list(value['parameters'])
    return body


def canonical_features(api_object):
    """The rule with every feature in normalised form; a missing or unreadable feature is off."""
    rule = dict(api_object)
    for dummy, api in FEATURES:
        try:
            rule[api] = feature_normalizer(api not in WITHOUT_PARAMETERS)(rule.get(api) or {})
        except SpecValueError:
            rule[api] = feature_off()
    return rule


def _position(rule):
    try:
        return int(rule.get('order'))
    except (TypeError, ValueError):
        return 99


def read_sequence(rules):
    """Time frames of one user's rules in the order the platform applies them (``order`` ascending)."""
    ordered = sorted(enumerate(rules), key=lambda pair: (_position(pair[1]), pair[0]))
    return [normalize_str(rule.get('time-frame')) for dummy, rule in ordered]


def target_sequence(sequence, wanted):
    """The order to apply: ``wanted`` is ``{time frame: sort key}`` for the rules given an ``order``.

    Those rules are sorted into the positions they hold in ``sequence``; the others stay where
    they are; ``*`` goes last. Time frames of ``wanted`` missing from ``sequence`` are ignored.
    """
    rules = [name for name in sequence if name != DEFAULT_RULE]
    slots = [position for position, name in enumerate(rules) if name in wanted]
    moving = sorted((name for name in rules if name in wanted), key=lambda name: wanted[name])
    target = list(rules)
    for position, name in zip(slots, moving):
        target[position] = name
    if DEFAULT_RULE in sequence:
        target.append(DEFAULT_RULE)
    return target


def misplaced(sequence, wanted):
    """Time frames of ``wanted`` whose position in ``sequence`` differs from the target's."""
    target = target_sequence(sequence, wanted)
    rules = [name for name in sequence if name != DEFAULT_RULE]
    return set(name for position, name in enumerate(rules) if name in wanted and target[position] != name)


def reorder_body(target):
    """Body of ``PUT .../answerrules/reorder``: every time frame, in priority order."""
    return [{'time-frame': name} for name in target]
