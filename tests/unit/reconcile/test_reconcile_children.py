# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Kinds that live under a parent (answer rules of a user, agents of a queue), nested fields and hooks."""
from __future__ import annotations

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsNotFoundError
from ansible_collections.ucaas.migration.plugins.module_utils.client.concurrency import ItemResult
from ansible_collections.ucaas.migration.plugins.module_utils.client.resources import get_kind
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.engine import reconcile
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import ConfigError, Scope, plan, validate_config
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import Field, ResourceSpec, SpecValueError


def rule_spec(hooks=None):
    return ResourceSpec(
        'answerrules', noun='answer rule', parent=Field('user', 'user'), parent_kind='users', hooks=hooks,
        identity=Field('time_frame', 'time-frame'),
        fields=[Field('enabled', 'enabled', type='bool', reset=True),
                Field('forward_always', 'forward-always', type='dict')])


def attendant_spec():
    return ResourceSpec('autoattendants', noun='auto attendant', parent=Field('user', 'user'), parent_in_body=True,
                        identity=Field('time_frame', 'time-frame'),
                        fields=[Field('name', 'attendant-name', required_on_create=True), Field('menu', 'auto-attendant', type='dict')])


class FakeClient:
    """Records reads and writes; lists come from ``objects`` per (path, parent)."""

    def __init__(self, objects, users=()):
        self.objects = objects
        self.users = users
        self.lists = []
        self.writes = []
        self.confirm_timeout = 1
        self.confirm_interval = 0

        class Redactor:
            @staticmethod
            def text(value):
                return value
        self.redactor = Redactor()

    def list_kind(self, kind, domain=None, domain_wide=False, **parents):
        kind = get_kind(kind) if isinstance(kind, str) else kind
        self.lists.append((kind.name, parents.get('user')))
        if kind.name == 'users':
            return [{'user': user} for user in self.users]
        if parents.get('user') == 'missing':
            raise NsNotFoundError('no such user')
        return [dict(found) for found in self.objects.get(parents.get('user'), [])]

    def map(self, fn, items, max_workers=None):
        results = []
        for item in items:
            try:
                results.append(ItemResult(item, value=fn(item)))
            except Exception as exc:  # pylint: disable=broad-except
                results.append(ItemResult(item, error=exc))
        return results

    def create(self, kind, body, confirm=True, **parents):
        self.writes.append(('create', kind.name, dict(body), parents))
        return dict(body, **{'user': parents.get('user')})

    def update(self, kind, body, confirm=True, **parents):
        self.writes.append(('update', kind.name, dict(body), parents))
        return dict(body)

    def delete(self, kind, item, confirm=True, **parents):
        self.writes.append(('delete', kind.name, dict(item), parents))
        return True

    def api_stats(self):
        return {'calls': len(self.lists) + len(self.writes)}


RULES = {
    '201': [{'time-frame': '*', 'enabled': 'yes', 'forward-always': {'enabled': 'no', 'parameters': []}},
            {'time-frame': 'After Hours', 'enabled': 'yes', 'forward-always': {'enabled': 'yes', 'parameters': ['vmail_201']}}],
    '202': [{'time-frame': '*', 'enabled': 'yes'}],
}


def test_child_items_key_on_parent_and_identity():
    spec = rule_spec()
    items = validate_config(spec, [{'user': ' 201 ', 'time_frame': '*'}, {'user': '202', 'time_frame': '*'}], 'merged')
    assert [item.key for item in items] == [('201', '*'), ('202', '*')]
    assert [item.label for item in items] == ['201/*', '202/*']
    assert items[0].parent == '201' and items[0].name == '*'


def test_child_items_need_their_parent_and_are_unique_per_parent():
    spec = rule_spec()
    with pytest.raises(ConfigError) as caught:
        validate_config(spec, [{'time_frame': '*'}, {'user': '201', 'time_frame': '*'}, {'user': '201', 'time_frame': '*'}], 'merged')
    assert caught.value.problems == [
        'config[0].user: missing; it names the user the answer rule belongs to',
        "config[2].time_frame: '201/*' is listed twice (also config[1])",
    ]


def test_scope_keys_take_parent_slash_identity():
    spec = rule_spec()
    scope = Scope(spec, keys=['201/After Hours'])
    assert scope.contains(('201', 'After Hours'), '201/After Hours')
    assert not scope.contains(('202', 'After Hours'), '202/After Hours')
    with pytest.raises(ConfigError) as caught:
        Scope(spec, keys=['After Hours'])
    assert caught.value.problems == ["scope.keys[0]: expected <user>/<time_frame>, got 'After Hours'"]


def test_nested_fields_compare_through_their_normalised_form():
    spec = rule_spec()
    current = [dict(found, user='201') for found in RULES['201']]
    desired = validate_config(spec, [
        {'user': '201', 'time_frame': 'After Hours', 'forward_always': {'enabled': 'yes', 'parameters': [' vmail_201']}},
        {'user': '201', 'time_frame': '*', 'forward_always': {'enabled': True, 'parameters': ['user_300']}},
    ], 'merged')
    actions = {action.label: action for action in plan(spec, 'merged', desired, current)}
    assert actions['201/After Hours'].op == 'unchanged'
    assert actions['201/*'].op == 'update'
    assert actions['201/*'].body == {'forward-always': {'enabled': True, 'parameters': ['user_300']}}


def test_dict_fields_refuse_non_mappings():
    with pytest.raises(SpecValueError):
        Field('menu', 'auto-attendant', type='dict').normalize(['option-1'])


def test_per_parent_kinds_read_one_list_per_parent_named():
    client = FakeClient(RULES)
    config = [{'user': '201', 'time_frame': 'After Hours', 'enabled': True}, {'user': 'missing', 'time_frame': '*', 'enabled': True}]
    spec = rule_spec()
    result = reconcile(client, spec, 'acme', 'merged', validate_config(spec, config, 'merged'))
    assert sorted(client.lists) == [('answerrules', '201'), ('answerrules', 'missing')]
    assert [(entry['key'], entry['outcome']) for entry in result['results']] == [('201/After Hours', 'unchanged'), ('missing/*', 'created')]
    # The create goes under its parent; the parent is not a body field of answer rules.
    assert client.writes == [('create', 'answerrules', {'time-frame': '*', 'enabled': 'yes'}, {'domain': 'acme', 'user': 'missing'})]


def test_overridden_reads_every_parent_and_deletes_unlisted_children_in_scope():
    client = FakeClient(RULES, users=['201', '202'])
    spec = rule_spec()
    config = [{'user': '201', 'time_frame': '*', 'enabled': True}]
    result = reconcile(client, spec, 'acme', 'overridden', validate_config(spec, config, 'overridden'), scope=Scope(spec, match='201/.*'))
    assert ('users', None) in client.lists and ('answerrules', '202') in client.lists
    deleted = [write for write in client.writes if write[0] == 'delete']
    assert deleted == [('delete', 'answerrules', {'time-frame': 'After Hours', 'user': '201'}, {'domain': 'acme', 'user': '201'})]
    assert result['summary']['deleted'] == 1


def test_single_list_kinds_put_the_parent_in_the_create_body():
    spec = attendant_spec()
    assert not spec.lists_per_parent
    desired = validate_config(spec, [{'user': '700', 'time_frame': '*', 'name': 'Main', 'menu': {'option-1': {'destination-user': '201'}}}],
                              'merged')
    action = plan(spec, 'merged', desired, [])[0]
    assert action.body == {'time-frame': '*', 'user': '700', 'attendant-name': 'Main', 'auto-attendant': {'option-1': {'destination-user': '201'}}}
    assert action.label == '700/*'


def test_hooks_prepare_write_and_finish():
    calls = []

    class Hooks:
        @staticmethod
        def prepare(client, spec, domain, current, desired):
            calls.append('prepare')
            return [dict(found, enabled='no') for found in current]

        @staticmethod
        def write(client, spec, domain, action):
            calls.append(('write', action.label, action.desired.parent))
            return action.body

        @staticmethod
        def finish(client, spec, domain, actions, check_mode):
            calls.append(('finish', check_mode))
            actions[0].op = 'fail'
            actions[0].msg = 'reorder refused'

    client = FakeClient(RULES)
    spec = rule_spec(hooks=Hooks())
    config = [{'user': '202', 'time_frame': '*', 'enabled': True}]
    result = reconcile(client, spec, 'acme', 'merged', validate_config(spec, config, 'merged'))
    assert calls == ['prepare', ('write', '202/*', '202'), ('finish', False)]
    assert client.writes == []
    assert result['failures'] == ['answer rule 202/*: reorder refused']
