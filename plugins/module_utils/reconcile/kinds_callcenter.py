# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource specs of the call center modules: ``ns_callqueue`` and ``ns_callqueue_agent``.

Fields come from the vendor spec's ``CallQueue`` and ``Agent`` create/update bodies. Where the spec
documents a default, ``state=replaced`` resets an omitted field to it; fields without a documented
default are left alone.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsConflictError
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import ConfigError
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import Field, ResourceSpec, SpecValueError, normalize_str

DISPATCH_TYPES = ('Round-robin', 'Tiered Round-robin', 'Ring All', 'Linear Cascade', 'Linear Hunt', 'Call Park')
RECORDING_CHOICES = ('no', 'yes', 'yes-with-transcription', 'yes-with-transcription-and-sentiment')
# The spec caps callback queueing at 6 hours.
CALLBACK_MAX_HOURS = 6


def normalize_extension(value):
    """A queue extension: digits as text (an integer from YAML becomes its digits)."""
    text = normalize_str(value)
    if not text.isdigit():
        raise SpecValueError('expected an extension (digits only), got %r' % (value,))
    return text


def _bounded_int(minimum, maximum=None):
    """Integer normaliser refusing values outside ``minimum``..``maximum`` (the spec's bounds)."""
    def normalize(value):
        if isinstance(value, bool):
            raise SpecValueError('expected an integer, got %r' % (value,))
        try:
            number = int(str(value).strip())
        except ValueError:
            raise SpecValueError('expected an integer, got %r' % (value,))
        if number < minimum or (maximum is not None and number > maximum):
            bounds = 'at least %d' % minimum if maximum is None else 'from %d to %d' % (minimum, maximum)
            raise SpecValueError('%r is out of range (%s)' % (value, bounds))
        return number
    return normalize


QUEUE_SERVICE_CODE = 'system-queue'


class QueueExtensionTaken(Exception):
    """The extension of a queue to create belongs to a user that is not a queue's system user."""


class QueueBackingUser:
    """Hooks of ``ns_callqueue``: a created queue must end up with its ``system-queue`` user.

    In the portal flow a queue is its callqueue record plus a system user (service code
    ``system-queue``) on the same extension. Whether ``POST /callqueues`` makes that user is not
    documented, so after each create the user is read and created when absent. Before a create,
    the extension must not belong to another user (an ordinary user or an auto attendant): that
    item fails instead. The domain's users are listed once, and only by runs that create queues,
    so a re-run reads nothing but the queue list.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._users = None

    def _users_by_extension(self, client, domain):
        with self._lock:
            if self._users is None:
                self._users = dict((str(user.get('user')), user) for user in client.list_kind('users', domain=domain))
            return self._users

    def _conflict(self, client, domain, extension):
        """Why the extension cannot take a queue (None when it is free or already a queue user)."""
        user = self._users_by_extension(client, domain).get(extension)
        if user is None or str(user.get('service-code') or '') == QUEUE_SERVICE_CODE:
            return None
        code = str(user.get('service-code') or '')
        what = 'the system user of another object (service-code %s)' % code if code else 'an ordinary user'
        return 'cannot create it: extension %s is already %s; free the extension or choose another one' % (extension, what)

    def write(self, client, spec, domain, action):
        if action.op == 'update':
            return client.update(spec.kind, action.body, domain=domain, callqueue=action.current.get('callqueue'))
        extension = action.desired.name
        problem = self._conflict(client, domain, extension)
        if problem:
            raise QueueExtensionTaken(problem)
        created = client.create(spec.kind, action.body, domain=domain)
        if self._users_by_extension(client, domain).get(extension) is None and client.find('users', {'user': extension}, domain=domain) is None:
            user = {'user': extension, 'name-first-name': action.body.get('description') or 'Call Queue', 'name-last-name': extension,
                    'service-code': QUEUE_SERVICE_CODE}
            try:
                client.create('users', user, domain=domain)
            except NsConflictError:
                # The platform made it in the meantime (its queue create may do so asynchronously).
                pass
        return created

    def finish(self, client, spec, domain, actions, check_mode):
        """Check mode: report the creates a taken extension would fail (the writes check it themselves)."""
        if not check_mode or not any(action.op == 'create' for action in actions):
            return
        for action in actions:
            if action.op == 'create':
                problem = self._conflict(client, domain, action.desired.name)
                if problem:
                    action.op = 'fail'
                    action.msg = problem


def callqueue_spec():
    non_negative = _bounded_int(0)
    return ResourceSpec(
        'callqueues', noun='callqueue', hooks=QueueBackingUser(),
        identity=Field('callqueue', 'callqueue', normalize=normalize_extension),
        fields=[
            Field('description', 'description'),
            Field('dispatch_type', 'callqueue-dispatch-type', choices=DISPATCH_TYPES, reset=None),
            Field('agent_dispatch_timeout_seconds', 'callqueue-agent-dispatch-timeout-seconds', type='int', normalize=_bounded_int(1),
                  reset=None),
            Field('sim_ring_first_round', 'callqueue-sim-ring-1st-round', type='int', normalize=non_negative, reset=0),
            Field('sim_ring_increment', 'callqueue-sim-ring-increment', type='int', normalize=non_negative, reset=1),
            Field('max_wait_timeout_minutes', 'callqueue-max-wait-timeout-minutes', type='int', normalize=non_negative, reset=0),
            Field('max_callers', 'callqueue-max-current-callers-to-accept-new-callers', type='int', normalize=non_negative, reset=0),
            Field('max_expected_wait_seconds', 'callqueue-max-current-wait-to-accept-new-callers-seconds', type='int',
                  normalize=non_negative, reset=0),
            Field('require_available_agents', 'callqueue-require-available-agents-to-accept-new-callers', type='bool', reset=False),
            Field('callback_max_hours', 'callqueue-max-callback-queueing-hours', type='int', normalize=_bounded_int(0, CALLBACK_MAX_HOURS),
                  reset=0),
            Field('agent_auto_logout_after_missed', 'callqueue-agent-auto-logout-after-missed', type='bool', reset=False),
            Field('force_full_intro_playback', 'callqueue-force-full-intro-playback', type='bool', reset=None),
            Field('calculate_statistics', 'callqueue-calculate-statistics', type='bool', reset=None),
            Field('recording', 'recording-configuration', choices=RECORDING_CHOICES, reset='no'),
        ])


AGENT_AVAILABILITY = ('automatic', 'manual', 'disabled', 'offnet-automatic')
_DEVICE_PREFIX = 'sip:'


def _split_agent(value):
    """``(device, user part, host)`` of an agent id (``201``, ``201@d``, ``sip:201wp@d``); host '' when not given."""
    text = normalize_str(value)
    device = text[:len(_DEVICE_PREFIX)].lower() == _DEVICE_PREFIX
    if device:
        text = text[len(_DEVICE_PREFIX):]
    name, sep, host = text.partition('@')
    name, host = name.strip(), host.strip().lower()
    if not name or (sep and not host) or '@' in host or ' ' in name:
        raise SpecValueError('expected an extension (201), user@domain or sip:device@domain, got %r' % (value,))
    return device, name, host


def agent_normalizer(domain=None):
    """Agent identity as compared: the agent without ``@<domain>`` of the queue's domain.

    ``201``, ``201@<domain>`` are the user agent ``201``; ``sip:201wp@<domain>`` is the device agent
    ``sip:201wp``. An agent of another domain keeps its domain (it never equals a local one). Without a
    ``domain`` every domain is dropped: input is checked against the module's domain separately
    (:func:`agent_spec_for`).
    """
    own = domain.strip().lower() if domain else None

    def normalize(value):
        device, name, host = _split_agent(value)
        keep_host = host and own is not None and host != own
        return '%s%s%s' % (_DEVICE_PREFIX if device else '', name, '@' + host if keep_host else '')
    return normalize


def full_agent_id(value, domain):
    """The agent id the API takes: ``201`` -> ``201@<domain>``, ``SIP:201wp`` -> ``sip:201wp@<domain>``."""
    device, name, host = _split_agent(value)
    return '%s%s@%s' % (_DEVICE_PREFIX if device else '', name, host or domain)


class AgentIds:
    """Hooks of ``ns_callqueue_agent``: an agent given as ``201`` is created as ``201@<domain>``.

    The items were matched without the domain; here, once the domain is known, each item takes the
    full id the API uses, both for the create body and for its label, so a result names an agent the
    same way whether it was created, updated or deleted (``300/201@<domain>``).
    """

    @staticmethod
    def prepare(client, spec, domain, current, desired):
        for item in desired:
            if item.key is None:
                continue
            item.name = full_agent_id(item.name, domain)
            item.label = spec.make_label(item.parent, item.name)
        return current


def agent_spec(domain=None):
    """Spec of a queue's agents; ``domain`` (the module's) tells local agents from agents of other domains."""
    return ResourceSpec(
        'agents', noun='agent', hooks=AgentIds(),
        parent=Field('callqueue', 'callqueue', normalize=normalize_extension), parent_kind='callqueues',
        identity=Field('agent', 'callqueue-agent-id', normalize=agent_normalizer(domain)),
        fields=[
            Field('availability', 'callqueue-agent-availability-type', choices=AGENT_AVAILABILITY, reset=None),
            Field('order', 'callqueue-agent-dispatch-order-ordinal', type='int', normalize=_bounded_int(0), reset=None),
            Field('priority', 'callqueue-agent-dispatch-queue-priority-ordinal', type='int', normalize=_bounded_int(0), reset=None),
            Field('wrap_up_seconds', 'callqueue-agent-wrap-up-allowance-seconds', type='int', normalize=_bounded_int(0), reset=0),
            Field('max_active_calls', 'limits-max-active-calls-total', type='int', normalize=_bounded_int(1), reset=None),
            Field('auto_answer', 'auto-answer-enabled', type='bool', reset=False),
            Field('answer_confirmation', 'callqueue-agent-answer-confirmation-enabled', type='bool', reset=False),
        ])


def _foreign_domain(value, domain):
    try:
        dummy, dummy_name, host = _split_agent(value)
    except SpecValueError:
        return None
    return host if host and host != domain.strip().lower() else None


def agent_spec_for(spec, params):
    """``configure`` of ``ns_callqueue_agent``: the spec bound to the module's domain.

    Items were compared without their domain part; an agent given with another domain is refused
    here (before any request), so dropping the domain could not merge two different agents.
    """
    domain = params['domain']
    problems = []
    for index, item in enumerate(params.get('config') or []):
        host = _foreign_domain(item.get('agent'), domain) if isinstance(item, dict) and item.get('agent') else None
        if host:
            problems.append('config[%d].agent: %r is in domain %s, not %s; only agents of the module\'s domain are managed'
                            % (index, item.get('agent'), host, domain))
    for index, key in enumerate((params.get('scope') or {}).get('keys') or []):
        host = _foreign_domain(str(key).partition('/')[2], domain)
        if host:
            problems.append('scope.keys[%d]: %r is in domain %s, not %s; use scope.match for agents of other domains'
                            % (index, key, host, domain))
    if problems:
        raise ConfigError(problems)
    return agent_spec(domain)
