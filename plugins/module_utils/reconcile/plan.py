# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure planning: desired items + current API objects -> one action per item.

Nothing here talks to the API, so every state's semantics is unit-tested on plain data.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import MASK, SpecValueError

STATES = ('merged', 'replaced', 'overridden', 'deleted', 'gathered')
WRITE_OPS = ('create', 'update', 'delete')
# Outcome reported for each planned operation (check mode reports what would happen).
OUTCOME_OF = {'create': 'created', 'update': 'updated', 'delete': 'deleted', 'unchanged': 'unchanged',
              'absent': 'unchanged', 'fail': 'failed', 'skip': 'skipped'}
OUTCOMES = ('created', 'updated', 'unchanged', 'deleted', 'failed', 'skipped')


class ConfigError(ValueError):
    """Bad module input, found before anything is read or written; one problem per line."""

    def __init__(self, problems):
        self.problems = list(problems)
        super(ConfigError, self).__init__('Invalid input:\n' + '\n'.join(self.problems))


class DesiredItem:
    """One validated ``config`` entry: ``fields`` holds only the options given, normalised."""

    def __init__(self, index, key, label, fields, parent=None, name=None):
        self.index = index
        self.key = key
        self.label = label
        self.fields = fields
        # Child kinds: the parent as given (it fills the path) and the identity's own spelling.
        self.parent = parent
        self.name = label if name is None else name


class Action:
    """What to do with one item. ``op``: create, update, unchanged, absent, delete, fail or skip."""

    def __init__(self, op, key, label, index=None, current=None, before=None, after=None, changes=None, body=None, msg=None,
                 desired=None):
        self.desired = desired
        self.op = op
        self.key = key
        self.label = label
        self.index = index
        self.current = current
        self.before = before
        self.after = after
        self.changes = changes or {}
        self.body = body
        self.msg = msg

    @property
    def writes(self):
        return self.op in WRITE_OPS

    @property
    def outcome(self):
        return OUTCOME_OF[self.op]


class Scope:
    """Which existing items a module owns: identities listed in ``keys`` and/or matching ``match``.

    With neither, every item of the kind in the domain is in scope.
    """

    def __init__(self, spec, keys=None, match=None):
        problems = []
        self.keys = None
        self.match = None
        if keys:
            self.keys = set()
            for position, value in enumerate(keys):
                try:
                    parent, identity = spec.split_label(value)
                    parent_key = spec.parent.normalize(parent) if spec.parent is not None else None
                    self.keys.add(spec.make_key(parent_key, spec.identity.normalize(identity)))
                except SpecValueError as exc:
                    problems.append('scope.keys[%d]: %s' % (position, exc))
        if match:
            try:
                self.match = re.compile(match)
            except re.error as exc:
                problems.append('scope.match: not a valid regular expression (%s)' % exc)
        if problems:
            raise ConfigError(problems)

    @property
    def limited(self):
        return self.keys is not None or self.match is not None

    def contains(self, key, label):
        if not self.limited:
            return True
        if self.keys is not None and key in self.keys:
            return True
        return self.match is not None and self.match.fullmatch(str(label)) is not None


def _identity_of(spec, raw, where, problems):
    """``(key, label, parent, name)`` of one raw item; problems are appended (key None then)."""
    parent_label = parent_key = None
    if spec.parent is not None:
        parent_label = raw.get(spec.parent.option)
        if parent_label in (None, ''):
            problems.append('%s.%s: missing; it names the %s the %s belongs to' % (where, spec.parent.option, spec.parent.option, spec.noun))
        else:
            try:
                parent_key = spec.parent.normalize(parent_label)
                parent_label = parent_key if spec.parent.canonical_label else str(parent_label).strip()
            except SpecValueError as exc:
                problems.append('%s.%s: %s' % (where, spec.parent.option, exc))
    label = raw.get(spec.identity.option)
    key = None
    if label in (None, ''):
        problems.append('%s.%s: missing; it identifies the %s' % (where, spec.identity.option, spec.noun))
    else:
        try:
            key = spec.identity.normalize(label)
            label = key if spec.identity.canonical_label else str(label).strip()
        except SpecValueError as exc:
            problems.append('%s.%s: %s' % (where, spec.identity.option, exc))
    if spec.parent is None:
        return key, label, None, label
    if key is None or parent_key is None:
        return None, spec.make_label(parent_label, label), parent_label, label
    return spec.make_key(parent_key, key), spec.make_label(parent_label, label), parent_label, label


def validate_config(spec, config, state):
    """Normalise and check ``config``; raises :class:`ConfigError` naming each bad item and field."""
    problems = []
    items = []
    seen = {}
    known = set(spec.by_option) | set([spec.identity.option])
    if spec.parent is not None:
        known.add(spec.parent.option)
    identity_options = set([spec.identity.option, spec.parent.option if spec.parent is not None else None])
    for index, raw in enumerate(config or []):
        where = 'config[%d]' % index
        if not isinstance(raw, dict):
            problems.append('%s: expected a mapping of options, got %s' % (where, type(raw).__name__))
            continue
        for option in sorted(set(raw) - known):
            problems.append('%s.%s: unknown option (known: %s)' % (where, option, ', '.join(sorted(known))))
        key, label, parent, name = _identity_of(spec, raw, where, problems)
        if key is not None:
            if key in seen:
                problems.append('%s.%s: %r is listed twice (also config[%d])' % (where, spec.identity.option, label, seen[key]))
            else:
                seen[key] = index
        fields = {}
        for option in sorted(raw):
            value = raw[option]
            if option in identity_options or option not in spec.by_option or value is None:
                continue
            try:
                fields[option] = spec.by_option[option].normalize(value)
            except SpecValueError as exc:
                problems.append('%s.%s: %s' % (where, option, exc))
        if state == 'deleted':
            fields = {}
        items.append(DesiredItem(index, key, label, fields, parent=parent, name=name))
    if problems:
        raise ConfigError(problems)
    return items


def index_current(spec, current_objects):
    """``{key: [api objects]}``; more than one object per key means the match is ambiguous."""
    indexed = {}
    for api_object in current_objects:
        key = spec.key_of_api(api_object)
        if key is not None:
            indexed.setdefault(key, []).append(api_object)
    return indexed


def _label_of(spec, api_object):
    return spec.label_of_api(api_object)


def _protected_reason(spec, api_object):
    return spec.protected(api_object) if spec.protected else None


def _masked_value(field, value):
    return MASK if field.write_only and value is not None else value


def desired_value(spec, desired, option):
    """The normalised value of ``option`` in a desired item (the parent too)."""
    if spec.parent is not None and option == spec.parent.option:
        return desired.key[0] if desired.key is not None else None
    return desired.fields.get(option)


def _reference_problem(spec, desired, references):
    for option, kind_name in sorted(spec.references.items()):
        value = desired_value(spec, desired, option)
        if value in (None, '') or option not in references:
            continue
        if value not in references[option]:
            return "%s %r does not exist in the domain (no such %s)" % (option, value, kind_name)
    return None


def _plan_create(spec, state, desired):
    missing = [field.option for field in spec.fields if field.required_on_create and desired.fields.get(field.option) in (None, '')]
    if missing:
        return Action('fail', desired.key, desired.label, index=desired.index,
                      msg='cannot create it: missing %s (required to create a %s)' % (', '.join(missing), spec.noun))
    body = {spec.identity.api: desired.name}
    after = {spec.identity.option: desired.name}
    if spec.parent is not None:
        after[spec.parent.option] = desired.parent
        if spec.parent_in_body:
            body[spec.parent.api] = desired.parent
    for field in spec.fields:
        value = desired.fields.get(field.option)
        if value is None and field.create_default is not None:
            value = field.normalize(field.create_default)
        if value is None and state in ('replaced', 'overridden') and field.reset not in (None, '', []):
            # "exactly as given": omitted fields start at their documented reset value.
            value = field.reset
        if value is None:
            continue
        body[field.api] = field.to_api(value)
        after[field.option] = _masked_value(field, value)
    identity_options = (spec.identity.option, spec.parent.option if spec.parent is not None else None)
    changes = dict((option, {'before': None, 'after': value}) for option, value in after.items() if option not in identity_options)
    return Action('create', desired.key, desired.label, index=desired.index, before={}, after=after, changes=changes, body=body,
                  desired=desired)


def _plan_update(spec, state, desired, api_object, update_password):
    current = spec.item_from_api(api_object)
    label = _label_of(spec, api_object)
    body = {}
    changes = {}
    for field in spec.fields:
        given = field.option in desired.fields
        if field.write_only:
            # Never compared with a read: the API does not return it.
            if given and update_password == 'always':
                body[field.update_api] = field.to_api(desired.fields[field.option])
                changes[field.option] = {'before': None, 'after': MASK}
            continue
        if given:
            wanted = desired.fields[field.option]
        elif state in ('replaced', 'overridden') and field.reset is not None:
            wanted = field.reset
        else:
            continue
        if field.comparable(wanted) != field.comparable(current.get(field.option)):
            body[field.update_api] = field.to_api(wanted)
            changes[field.option] = {'before': current.get(field.option), 'after': wanted}
    if changes:
        for field in spec.fields:
            if field.send_on_update and field.update_api not in body and current.get(field.option) not in (None, ''):
                body[field.update_api] = field.to_api(current[field.option])
    after = dict(current)
    for option, change in changes.items():
        after[option] = change['after']
    op = 'update' if changes else 'unchanged'
    return Action(op, desired.key, label, index=desired.index, current=api_object, before=current, after=after,
                  changes=changes, body=body if changes else None, desired=desired)


def _plan_delete(spec, key, api_object, index=None):
    label = _label_of(spec, api_object)
    reason = _protected_reason(spec, api_object)
    if reason:
        return Action('skip', key, label, index=index, current=api_object, msg='not deleted: %s' % reason)
    return Action('delete', key, label, index=index, current=api_object, before=spec.item_from_api(api_object), after={})


def plan(spec, state, desired_items, current_objects, scope=None, update_password='on_create', references=None):
    """One :class:`Action` per desired item (input order), then deletions of unlisted items (by identity)."""
    if state not in STATES or state == 'gathered':
        raise ValueError('No plan for state %r' % state)
    scope = scope or Scope(spec)
    references = references or {}
    indexed = index_current(spec, current_objects)
    actions = []
    for desired in desired_items:
        matches = indexed.get(desired.key, [])
        if len(matches) > 1:
            labels = ', '.join(sorted(_label_of(spec, found) for found in matches))
            actions.append(Action('fail', desired.key, desired.label, index=desired.index,
                                  msg='ambiguous: it matches %d existing objects (%s)' % (len(matches), labels)))
            continue
        existing = matches[0] if matches else None
        if state == 'deleted':
            if existing is None:
                actions.append(Action('absent', desired.key, desired.label, index=desired.index))
            elif not scope.contains(desired.key, desired.label):
                actions.append(Action('skip', desired.key, desired.label, index=desired.index, current=existing,
                                      msg='not deleted: outside the scope filter'))
            else:
                actions.append(_plan_delete(spec, desired.key, existing, desired.index))
            continue
        reason = _protected_reason(spec, existing) if existing is not None else None
        if reason:
            actions.append(Action('fail', desired.key, desired.label, index=desired.index, current=existing,
                                  msg='cannot be managed by this module: %s' % reason))
            continue
        problem = _reference_problem(spec, desired, references)
        if problem:
            actions.append(Action('fail', desired.key, desired.label, index=desired.index, msg=problem))
            continue
        if existing is None:
            actions.append(_plan_create(spec, state, desired))
        else:
            actions.append(_plan_update(spec, state, desired, existing, update_password))

    listed = set(desired.key for desired in desired_items)
    unlisted_wanted = state == 'overridden' or (state == 'deleted' and not desired_items and scope.limited)
    if unlisted_wanted:
        for key in sorted(indexed):
            if key in listed:
                continue
            for api_object in indexed[key]:
                if _protected_reason(spec, api_object) or not scope.contains(key, _label_of(spec, api_object)):
                    # Objects the module does not own are left alone and not reported.
                    continue
                actions.append(_plan_delete(spec, key, api_object))
    return actions


def gathered_items(spec, current_objects, scope=None):
    """Current objects in the module's input shape, sorted by identity (protected ones left out)."""
    scope = scope or Scope(spec)
    items = []
    for api_object in current_objects:
        key = spec.key_of_api(api_object)
        if key is None or _protected_reason(spec, api_object) or not scope.contains(key, _label_of(spec, api_object)):
            continue
        # Absent fields are left out, so the items are valid ``config`` input as they are.
        item = dict((option, value) for option, value in spec.item_from_api(api_object).items() if value is not None)
        items.append((key, item))
    return [item for dummy, item in sorted(items, key=lambda pair: pair[0])]
