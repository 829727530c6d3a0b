# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The specs of ``ns_greeting`` and ``ns_answerrule`` (objects under a user) and their hooks.

Greetings are written as audio uploads (JSON + base64) or text to speech, and compared by the
sha256 kept in the controller's hash store. Answer rules compare feature objects in one
normalised form and apply ``order`` with one reorder request per user after the writes.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsApiError, NsWriteNotConfirmedError
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.answerrule_rules import (
    DEFAULT_RULE, FEATURES, WITHOUT_PARAMETERS, canonical_features, feature_input_problems, feature_normalizer, feature_off,
    feature_to_api, misplaced, read_sequence, reorder_body, target_sequence,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.greeting_media import (
    GreetingHashStore, HashStoreError, normalize_audio_path, normalize_sha256, sha256_of_file, tts_body, upload_body,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import ConfigError
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import (
    Field, ResourceSpec, SpecValueError, normalize_bool, normalize_int, normalize_str,
)

# Values the API does not hold, added to the read objects by the hooks (never sent).
KEPT_SHA256 = 'ucaas-kept-sha256'
KEPT_FILE = 'ucaas-kept-file'
RULE_POSITION = 'ucaas-rule-position'
REORDER_PATH = '/domains/{domain}/users/{user}/answerrules/reorder'
WRITE_STATES = ('merged', 'replaced', 'overridden')


def normalize_user(value):
    """A user's extension as text (an integer from YAML becomes its digits)."""
    text = normalize_str(value)
    if not text or '/' in text:
        raise SpecValueError('expected a user extension, got %r' % (value,))
    return text


def normalize_greeting_index(value):
    index = normalize_int(value)
    if index < 1:
        raise SpecValueError('expected a greeting index of 1 or more, got %r' % (value,))
    return index


def normalize_rule_order(value):
    order = normalize_int(value)
    if order < 0:
        raise SpecValueError('expected an order of 0 or more, got %r' % (value,))
    return order


def _wait_for(client, condition, what):
    """Poll ``condition()`` (returns the object or None) within the client's confirm timeout."""
    deadline = time.monotonic() + client.confirm_timeout
    interval = max(client.confirm_interval, 0.05)
    while True:
        found = condition()
        if found is not None:
            return found
        if time.monotonic() + interval > deadline:
            raise NsWriteNotConfirmedError('%s was accepted but not visible on read-back within %.0fs.' % (what, client.confirm_timeout),
                                           host=client.host)
        time.sleep(interval)
        interval = min(interval * 2, 2.0)


# -- greetings ------------------------------------------------------------------------------------------------


class GreetingHooks:
    """Uploads and the hash store of ``ns_greeting`` (bound to the module options by :meth:`configure`)."""

    def __init__(self, store=None, state='merged'):
        self.store = store
        self.state = state
        self._hashes = {}

    def file_sha256(self, path):
        if path not in self._hashes:
            self._hashes[path] = sha256_of_file(path)
        return self._hashes[path]

    def configure(self, spec, params):
        """Checks across options and the hash store, before any request; raises :class:`ConfigError`."""
        self.state = params.get('state') or 'merged'
        problems = []
        with_file = False
        if self.state in WRITE_STATES:
            for index, raw in enumerate(params.get('config') or []):
                problems.extend(self._item_problems('config[%d]' % index, raw))
                with_file = with_file or raw.get('file') not in (None, '')
        path = params.get('hash_store')
        if path:
            try:
                self.store = GreetingHashStore(path)
            except HashStoreError as exc:
                problems.append('hash_store: %s' % exc)
        elif with_file:
            problems.append('hash_store: required when an item has a file (the sha256 of each upload is kept there)')
        if problems:
            raise ConfigError(problems)
        return spec

    def _item_problems(self, where, raw):
        file_path, script, sha256 = raw.get('file'), raw.get('script'), raw.get('sha256')
        if file_path in (None, ''):
            if script in (None, ''):
                return ['%s.file: missing; a greeting needs a file (audio to upload) or a script (text to speech)' % where]
            if sha256 not in (None, ''):
                return ['%s.sha256: given without a file; it is the sha256 of the file to upload' % where]
            return []
        if sha256 in (None, ''):
            return []
        try:
            computed = self.file_sha256(normalize_audio_path(file_path))
            given = normalize_sha256(sha256)
        except (SpecValueError, OSError) as exc:
            return ['%s.file: %s' % (where, exc)]
        if given != computed:
            return ['%s.sha256: does not match the file (the sha256 of %s is %s)' % (where, file_path, computed)]
        return []

    def prepare(self, client, spec, domain, current, desired):
        """Desired items get the file's sha256 (TTS items: none); read greetings the kept sha256 and file."""
        files = {}
        for item in desired:
            if item.key is None or not item.fields:
                continue
            path = item.fields.get('file')
            if path:
                item.fields.setdefault('sha256', self.file_sha256(path))
                files[item.key] = path
            elif item.fields.get('script') not in (None, ''):
                # Text to speech replaces any uploaded audio: a kept sha256 then shows as a change.
                item.fields['sha256'] = ''
        prepared = []
        for api_object in current:
            found = dict(api_object)
            key = spec.key_of_api(found)
            kept = self.store.get(domain, key[0], key[1]) if self.store is not None and key is not None else None
            found[KEPT_SHA256] = kept['sha256'] if kept else None
            # The path is not compared: the sha256 is. So the desired path stands in for the read.
            found[KEPT_FILE] = files.get(key) or (kept or {}).get('file')
            prepared.append(found)
        return prepared

    def write(self, client, spec, domain, action):
        """Upload (JSON + base64) or text to speech; returns the greeting as read back."""
        desired = action.desired
        user, index = desired.parent, desired.key[1]
        if action.current is not None and action.current.get('user') not in (None, ''):
            user = action.current.get('user')
        path = desired.fields.get('file')
        script = desired.fields.get('script')
        if script is None and action.current is not None:
            script = normalize_str(action.current.get('file-script-text') or '')
        body = upload_body(path, script, index) if path else tts_body(script, index)
        params = {'domain': domain, 'user': user}
        kind = spec.kind

        def read():
            return client.get_or_none(kind.read_path, **dict(params, index=index))

        if action.op == 'create':
            # A retried create first looks for the greeting: one found there now is the earlier attempt's.
            client.request('POST', kind.create_path, path_params=params, json_body=body, recover=read)
        else:
            body.pop('index', None)
            client.request('PUT', kind.update_path, path_params=dict(params, index=index), json_body=body)

        def shows_script():
            found = read()
            if isinstance(found, list):
                found = found[0] if found else None
            if isinstance(found, dict) and normalize_str(found.get('file-script-text') or '') == (script or ''):
                return found
            return None

        found = dict(_wait_for(client, shows_script, 'The %s of greeting %s' % (action.op, action.label)))
        found[KEPT_SHA256] = desired.fields.get('sha256')
        found[KEPT_FILE] = path
        return found

    def finish(self, client, spec, domain, actions, check_mode):
        """Keep the sha256 of what was uploaded (forget deleted and TTS greetings), in one atomic write."""
        if check_mode or self.store is None:
            return
        written = []
        for action in actions:
            if action.key is None or not isinstance(action.key, tuple):
                continue
            user, index = action.key
            if action.op in ('create', 'update', 'unchanged') and action.desired is not None and action.desired.fields:
                sha256 = action.desired.fields.get('sha256')
                if sha256:
                    self.store.keep(domain, user, index, sha256, action.desired.fields.get('file'))
                elif action.op != 'unchanged':
                    self.store.forget(domain, user, index)
                if action.op != 'unchanged':
                    written.append(action)
            elif action.op == 'delete':
                self.store.forget(domain, user, index)
                written.append(action)
        try:
            self.store.save()
        except HashStoreError as exc:
            for action in written:
                action.op = 'fail'
                action.msg = 'written, but the sha256 was not kept (the next run uploads again): hash_store: %s' % exc


def greeting_spec(hooks=None):
    return ResourceSpec(
        'greetings', noun='greeting', parent=Field('user', 'user', normalize=normalize_user), parent_kind='users',
        hooks=hooks or GreetingHooks(),
        identity=Field('index', 'ordinal-order', type='int', normalize=normalize_greeting_index),
        fields=[
            Field('file', KEPT_FILE, normalize=normalize_audio_path, reset=None),
            Field('script', 'file-script-text', reset=None),
            Field('sha256', KEPT_SHA256, normalize=normalize_sha256, reset=None),
        ])


# -- answer rules ---------------------------------------------------------------------------------------------


class AnswerRuleHooks:
    """Feature normalisation, writes and the reorder of ``ns_answerrule``."""

    def __init__(self, state='merged'):
        self.state = state
        self.wanted = {}
        self._locks = {}
        self._locks_guard = threading.Lock()

    def _user_lock(self, user):
        with self._locks_guard:
            return self._locks.setdefault(user, threading.Lock())

    def configure(self, spec, params):
        self.state = params.get('state') or 'merged'
        problems = []
        for index, raw in enumerate(params.get('config') or []):
            where = 'config[%d]' % index
            default = normalize_str(raw.get('time_frame') or '') == DEFAULT_RULE
            if self.state == 'deleted':
                if default:
                    problems.append('%s.time_frame: the default rule * cannot be deleted (the platform requires it)' % where)
                continue
            if default and raw.get('order') is not None:
                problems.append('%s.order: the default rule * is always last; leave order out' % where)
            for option, api in FEATURES:
                problems.extend('%s.%s' % (where, problem) for problem in feature_input_problems(option, api, raw.get(option)))
        if problems:
            raise ConfigError(problems)
        return spec

    def prepare(self, client, spec, domain, current, desired):
        """Features in one form; each rule's position among its user's rules; an unlisted ``*`` is never deleted."""
        existing = set()
        by_user = {}
        rules = []
        for api_object in current:
            rule = canonical_features(api_object)
            key = spec.key_of_api(rule)
            if key is not None:
                existing.add(key)
                by_user.setdefault(key[0], []).append(rule)
            rules.append(rule)
        listed, wanted, new = {}, {}, {}
        for item in desired:
            if item.key is None:
                continue
            user, name = item.key
            listed.setdefault(user, set()).add(name)
            if item.fields.get('order') is not None and name != DEFAULT_RULE:
                wanted.setdefault(user, {})[name] = (item.fields['order'], item.index)
            if item.key not in existing and name != DEFAULT_RULE and item.fields:
                new.setdefault(user, []).append(name)
        self.wanted = wanted
        for user, user_rules in by_user.items():
            sequence = read_sequence(user_rules)
            rules_only = [name for name in sequence if name != DEFAULT_RULE]
            # The platform adds new rules at the bottom, above "*": that is where they start from.
            after_creates = rules_only + new.get(user, []) + [name for name in sequence if name == DEFAULT_RULE]
            user_wanted = wanted.get(user, {})
            moved = misplaced(after_creates, user_wanted)
            for rule in user_rules:
                name = spec.key_of_api(rule)[1]
                rule[RULE_POSITION] = self._position(name, rules_only, user_wanted, moved)
        prepared = []
        for rule in rules:
            key = spec.key_of_api(rule)
            if (self.state in ('overridden', 'deleted') and key is not None and key[1] == DEFAULT_RULE
                    and DEFAULT_RULE not in listed.get(key[0], ())):
                continue
            prepared.append(rule)
        return prepared

    @staticmethod
    def _position(name, rules_only, wanted, moved):
        """What a rule's ``order`` reads as: the wanted value when it is in place, else its position (1 = first)."""
        if name == DEFAULT_RULE:
            return None
        if name in wanted and name not in moved:
            return wanted[name][0]
        position = rules_only.index(name) + 1
        if name in wanted and position == wanted[name][0]:
            # Out of place although its position equals the wanted value: it must still show as a change.
            return None
        return position

    @staticmethod
    def _encode(spec, option, value):
        field = spec.by_option[option]
        if field.type == 'dict':
            return field.api, feature_to_api(field.api, value)
        return field.api, 'yes' if value else 'no'

    def write(self, client, spec, domain, action):
        """Create or update the rule (order excepted: :meth:`finish` reorders); returns it as read back.

        One user's rules are written one at a time: each write renumbers the user's rules, and
        concurrent writes to the same list could undo each other. Different users run in parallel.
        """
        with self._user_lock(action.key[0]):
            return self._write(client, spec, domain, action)

    def _write(self, client, spec, domain, action):
        desired = action.desired
        changes = dict((option, change) for option, change in action.changes.items() if option != 'order')
        if action.op == 'create':
            user, name = desired.parent, desired.name
            body = {'time-frame': name}
            for option, value in sorted(action.after.items()):
                if option in spec.by_option and option != 'order' and value is not None:
                    api, encoded = self._encode(spec, option, value)
                    body[api] = encoded
            client.create(spec.kind, body, confirm=False, domain=domain, user=user)
        else:
            user, name = action.current.get('user'), action.current.get('time-frame')
            if not changes:
                return dict(action.current, **{RULE_POSITION: desired.fields.get('order')})
            body = dict(self._encode(spec, option, change['after']) for option, change in sorted(changes.items()))
            # The update operation requires "enabled".
            body.setdefault('enabled', 'yes' if normalize_bool(action.current.get('enabled', 'yes')) else 'no')
            client.update(spec.kind, body, confirm=False, domain=domain, user=user, timeframe=name)

        def shows_changes():
            found = client.find(spec.kind, {'time-frame': name}, domain=domain, user=user)
            if not isinstance(found, dict):
                return None
            item = spec.item_from_api(canonical_features(found))
            for option, change in changes.items():
                field = spec.by_option[option]
                if field.comparable(change['after']) != field.comparable(item.get(option)):
                    return None
            return found

        found = dict(_wait_for(client, shows_changes, 'The %s of answer rule %s' % (action.op, action.label)))
        found[RULE_POSITION] = desired.fields.get('order')
        return found

    def finish(self, client, spec, domain, actions, check_mode):
        """One reorder per user whose rules were created or moved, when the read order differs from the wanted one."""
        if check_mode:
            return
        blamed = {}
        for action in actions:
            if action.op not in ('create', 'update') or action.desired is None or action.desired.fields.get('order') is None:
                continue
            if action.op == 'create' or 'order' in action.changes:
                blamed.setdefault(action.key[0], []).append(action)
        users = sorted(blamed)
        outcomes = client.map(lambda user: self._reorder(client, spec, domain, user, blamed[user]), users)
        for outcome in outcomes:
            if outcome.error is not None:
                if not isinstance(outcome.error, NsApiError):
                    raise outcome.error
                for action in blamed[outcome.item]:
                    action.op = 'fail'
                    action.msg = 'written, but the rules were not reordered: %s' % client.redactor.text(str(outcome.error))

    def _reorder(self, client, spec, domain, user_key, actions):
        # The path takes the user as the item names it.
        user = next((action.desired.parent for action in actions if action.desired is not None), user_key)
        wanted = self.wanted.get(user_key, {})

        def sequence():
            return read_sequence(client.list_kind(spec.kind, domain=domain, user=user))

        current = sequence()
        target = target_sequence(current, wanted)
        if target == current:
            return False
        client.request('PUT', REORDER_PATH, path_params={'domain': domain, 'user': user}, json_body=reorder_body(target))
        _wait_for(client, lambda: True if sequence() == target else None, 'The reorder of the answer rules of user %s' % user)
        return True


def answerrule_spec(hooks=None):
    features = [Field(option, api, type='dict', normalize=feature_normalizer(api not in WITHOUT_PARAMETERS), reset=feature_off())
                for option, api in FEATURES]
    return ResourceSpec(
        'answerrules', noun='answer rule', parent=Field('user', 'user', normalize=normalize_user), parent_kind='users',
        hooks=hooks or AnswerRuleHooks(),
        identity=Field('time_frame', 'time-frame'),
        fields=[
            Field('enabled', 'enabled', type='bool', create_default=True, reset=True),
            Field('order', RULE_POSITION, type='int', normalize=normalize_rule_order, reset=None),
        ] + features)
