# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read once, plan, apply on the client's bounded pool, report one outcome per item."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsNotFoundError, NsWriteNotConfirmedError
from ansible_collections.ucaas.migration.plugins.module_utils.client.resources import get_kind
from ansible_collections.ucaas.migration.plugins.module_utils.client.urls import template_params
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import (
    OUTCOMES, Scope, desired_value, gathered_items, plan,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import SpecValueError


def read_references(client, spec, domain, desired_items):
    """``{option: set of existing values}`` for the referenced kinds the desired items use (one list each)."""
    references = {}
    for option, kind_name in sorted(spec.references.items()):
        if not any(desired_value(spec, item, option) not in (None, '') for item in desired_items):
            continue
        field = spec.parent if spec.parent is not None and option == spec.parent.option else spec.by_option[option]
        kind = get_kind(kind_name)
        values = set()
        for api_object in client.list_kind(kind, domain=domain):
            try:
                values.add(field.normalize(api_object.get(kind.identity[0])))
            except SpecValueError:
                continue
        references[option] = values
    return references


def _domain_args(spec, domain):
    return {'domain': domain} if spec.domain_scoped else {}


def _list_parent(client, spec, domain, parent):
    """One parent's objects, each carrying the parent's field (some reads leave it out)."""
    params = dict((placeholder, parent) for placeholder in spec.parent_placeholders)
    try:
        objects = client.list_kind(spec.kind, **dict(_domain_args(spec, domain), **params))
    except NsNotFoundError:
        # A parent that does not exist yet has nothing under it; creating under it fails with the API's message.
        return []
    for api_object in objects:
        if isinstance(api_object, dict) and api_object.get(spec.parent.api) in (None, ''):
            api_object[spec.parent.api] = parent
    return objects


def read_current(client, spec, domain, state, desired_items, scope):
    """The existing objects of the kind: one paged list, or one per parent when the API has no domain-wide list."""
    if not spec.lists_per_parent:
        return client.list_kind(spec.kind, domain_wide=True, **_domain_args(spec, domain))
    needs_all = state in ('overridden', 'gathered') or (state == 'deleted' and not desired_items)
    if needs_all and spec.parent_kind is not None:
        parent_field = spec.parent_kind.identity[0]
        parents = sorted(set(str(found.get(parent_field)) for found in client.list_kind(spec.parent_kind, domain=domain)
                             if found.get(parent_field) not in (None, '')))
    else:
        parents = sorted(set(item.parent for item in desired_items if item.parent not in (None, '')))
    current = []
    for outcome in client.map(lambda parent: _list_parent(client, spec, domain, parent), parents):
        if outcome.error is not None:
            raise outcome.error
        current.extend(outcome.value)
    return current


def _path_parents(spec, api_object):
    """Path placeholders of an existing object, taken from the object itself (its exact spelling)."""
    params = dict((placeholder, api_object.get(field)) for placeholder, field in spec.kind.path_fields.items())
    if spec.parent is not None:
        for placeholder in spec.parent_placeholders:
            params.setdefault(placeholder, api_object.get(spec.parent.api))
    return params


def _create_parents(spec, action):
    """Path placeholders of a create: the parent as the item names it."""
    if spec.parent is None or action.desired is None:
        return {}
    return dict((placeholder, action.desired.parent) for placeholder in spec.parent_placeholders
                if placeholder in template_params(spec.kind.create_path or ''))


def _addressing_fields(spec, api_object):
    """The fields of an existing object that address it (path fields and identity)."""
    fields = list(spec.kind.path_fields.values()) + list(spec.kind.identity)
    if spec.parent is not None:
        fields.append(spec.parent.api)
    return dict((field, api_object.get(field)) for field in fields if api_object.get(field) is not None)


def _shows_changes(spec, action, api_object):
    """True when ``api_object`` shows every change of ``action`` (compared through the fields' normalisers)."""
    if not isinstance(api_object, dict) or spec.key_of_api(api_object) != action.key:
        return False
    item = spec.item_from_api(api_object)
    for option, change in action.changes.items():
        field = spec.by_option[option]
        if not field.write_only and field.comparable(change['after']) != field.comparable(item.get(option)):
            return False
    return True


def _engine_confirm(client, spec, domain, action, lookup, returned, parents):
    """Poll the object until it shows the changes (for kinds whose reads add fields the client would compare)."""
    # A synchronous answer is the stored object (it carries the fields that address it); an echo of the body is not.
    from_server = isinstance(returned, dict) and all(returned.get(field) not in (None, '') for field in spec.kind.path_fields.values())
    if from_server and _shows_changes(spec, action, returned):
        return returned
    deadline = time.monotonic() + client.confirm_timeout
    interval = max(client.confirm_interval, 0.05)
    while True:
        found = client.find(spec.kind, lookup, **dict(_domain_args(spec, domain), **parents))
        if _shows_changes(spec, action, found):
            return found
        if time.monotonic() + interval > deadline:
            raise NsWriteNotConfirmedError('The %s of %s %s was accepted but not visible on read-back within %.0fs.' % (
                action.op, spec.noun, action.label, client.confirm_timeout), host=client.host)
        time.sleep(interval)
        interval = min(interval * 2, 2.0)


def _apply(client, spec, domain, action):
    writer = spec.hook('write')
    if writer is not None and action.op in ('create', 'update'):
        return writer(client, spec, domain, action)
    confirm = spec.client_confirms
    where = _domain_args(spec, domain)
    if action.op == 'create':
        parents = _create_parents(spec, action)
        returned = client.create(spec.kind, action.body, confirm=confirm, **dict(where, **parents))
        lookup = {spec.identity.api: action.desired.name if action.desired is not None else action.label}
    elif action.op == 'update':
        # Identity travels in the path only: the update operations do not define it as a body field.
        parents = _path_parents(spec, action.current)
        returned = client.update(spec.kind, action.body, confirm=confirm, **dict(where, **parents))
        lookup = _addressing_fields(spec, action.current)
    else:
        parents = dict((placeholder, action.current.get(spec.parent.api)) for placeholder in spec.parent_placeholders) if spec.parent else {}
        return client.delete(spec.kind, _addressing_fields(spec, action.current), **dict(where, **parents))
    return returned if confirm else _engine_confirm(client, spec, domain, action, lookup, returned, parents)


def _result_entry(spec, action):
    entry = {'key': action.label, 'outcome': action.outcome}
    if action.changes:
        entry['changes'] = dict((option, spec.masked_change(option, change)) for option, change in action.changes.items())
    if action.msg:
        entry['msg'] = action.msg
    return entry


def _diff_entry(spec, action):
    header = '%s %s' % (spec.noun, action.label)
    return {'before': spec.masked(action.before or {}), 'after': spec.masked(action.after or {}),
            'before_header': header, 'after_header': header}


def reconcile(client, spec, domain, state, desired_items, scope=None, update_password='on_create', check_mode=False,
              diff=False):
    """Bring the domain's objects of ``spec``'s kind to ``state``; returns the module result (without ``failed``).

    Reads the kind once with the paged list (plus one list per referenced kind in use), plans,
    then runs creates/updates/deletes on the client's bounded pool. A failed item does not stop
    the others; ``failures`` lists one line per failed item.
    """
    scope = scope or Scope(spec)
    current = read_current(client, spec, domain, state, desired_items, scope)
    prepare = spec.hook('prepare')
    if prepare is not None:
        current = prepare(client, spec, domain, current, desired_items)
    if state == 'gathered':
        return {'changed': False, 'gathered': gathered_items(spec, current, scope), 'api_stats': client.api_stats()}

    references = read_references(client, spec, domain, desired_items)
    actions = plan(spec, state, desired_items, current, scope=scope, update_password=update_password, references=references)

    writes = [action for action in actions if action.writes]
    if not check_mode and writes:
        for outcome in client.map(lambda action: _apply(client, spec, domain, action), writes):
            if outcome.error is not None:
                outcome.item.op = 'fail'
                outcome.item.msg = client.redactor.text(str(outcome.error))
    finish = spec.hook('finish')
    if finish is not None:
        finish(client, spec, domain, actions, check_mode)

    results = [_result_entry(spec, action) for action in actions]
    summary = dict((outcome, 0) for outcome in OUTCOMES)
    for entry in results:
        summary[entry['outcome']] += 1
    result = {
        'changed': any(entry['outcome'] in ('created', 'updated', 'deleted') for entry in results),
        'results': results,
        'summary': summary,
        'failures': ['%s %s: %s' % (spec.noun, entry['key'], entry.get('msg', 'failed')) for entry in results if entry['outcome'] == 'failed'],
        'api_stats': client.api_stats(),
    }
    if diff:
        result['diff'] = [_diff_entry(spec, action) for action in actions if action.writes]
    return result
