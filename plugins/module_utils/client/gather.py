# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read every object of one domain (the logic behind ``ns_info``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ucaas.migration.plugins.module_utils.client.concurrency import raise_first_error
from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsNotFoundError
from ansible_collections.ucaas.migration.plugins.module_utils.client.redaction import mask_secret_fields
from ansible_collections.ucaas.migration.plugins.module_utils.client.resources import get_kind

GATHER_CHOICES = ('domain', 'sites', 'users', 'devices', 'phonenumbers', 'callqueues', 'autoattendants',
                  'timeframes', 'answerrules', 'greetings', 'phones', 'smsnumbers')
# Kinds the API only lists per user: read them by fanning out over the domain's users.
PER_USER_KINDS = ('answerrules', 'greetings')
# Kinds with a domain-level list endpoint (devices and agents have one besides their per-parent list).
DOMAIN_LIST_KINDS = ('sites', 'users', 'devices', 'phonenumbers', 'callqueues', 'autoattendants', 'timeframes',
                     'phones', 'smsnumbers')


def _sort_key(kind):
    def key(item):
        return tuple('' if value is None else value for value in kind.identity_of(item))
    return key


def _sorted(kind_name, items):
    kind = get_kind(kind_name)
    return sorted(items, key=_sort_key(kind))


def gather_domain(client, domain, gather=None):
    """Return ``{kind: objects}`` for the requested kinds of ``domain`` (``domain`` maps to one object).

    Lists are sorted by identity so two reads of the same state compare equal; call queues carry
    their agents under ``agents``; write-only secrets (PINs, SIP passwords) are masked.
    """
    wanted = list(GATHER_CHOICES) if not gather else [kind for kind in GATHER_CHOICES if kind in gather]
    objects = {}

    # Reading the domain first turns "no such domain" into one clear error instead of many 404s.
    domain_object = client.get('/domains/{domain}', domain=domain)
    if isinstance(domain_object, list):
        domain_object = domain_object[0] if domain_object else {}
    if 'domain' in wanted:
        objects['domain'] = domain_object

    list_kinds = [kind for kind in DOMAIN_LIST_KINDS if kind in wanted]
    if any(kind in wanted for kind in PER_USER_KINDS) and 'users' not in list_kinds:
        list_kinds.append('users')
    need_agents = 'callqueues' in wanted

    def read_list(kind_name):
        return client.list_kind(kind_name, domain=domain, domain_wide=True)

    jobs = list(list_kinds) + (['agents'] if need_agents else [])
    lists = dict(zip(jobs, raise_first_error(client.map(read_list, jobs))))

    for kind_name in list_kinds:
        if kind_name in wanted:
            objects[kind_name] = _sorted(kind_name, lists[kind_name])

    if need_agents:
        objects['callqueues'] = _attach_agents(client, domain, objects['callqueues'], lists['agents'])

    users = sorted(set(str(user['user']) for user in lists.get('users', []) if user.get('user') not in (None, '')))
    for kind_name in PER_USER_KINDS:
        if kind_name in wanted:
            objects[kind_name] = _sorted(kind_name, _read_per_user(client, domain, kind_name, users))

    return mask_secret_fields(client.redact(objects))


def _attach_agents(client, domain, callqueues, domain_agents):
    """Nest agents under their queue; per-queue listing when the domain listing lacks the queue field."""
    agents_kind = get_kind('agents')
    by_queue = {}
    if all(agent.get('callqueue') not in (None, '') for agent in domain_agents):
        for agent in domain_agents:
            by_queue.setdefault(str(agent['callqueue']), []).append(agent)
    else:
        names = [str(queue['callqueue']) for queue in callqueues if queue.get('callqueue') not in (None, '')]

        def read_agents(name):
            try:
                return client.list_kind(agents_kind, domain=domain, callqueue=name)
            except NsNotFoundError:
                return []

        for name, agents in zip(names, raise_first_error(client.map(read_agents, names))):
            by_queue[name] = [dict(agent, callqueue=agent.get('callqueue') or name) for agent in agents]
    result = []
    for queue in callqueues:
        agents = by_queue.get(str(queue.get('callqueue')), [])
        result.append(dict(queue, agents=sorted(agents, key=_sort_key(agents_kind))))
    return result


def _read_per_user(client, domain, kind_name, users):
    kind = get_kind(kind_name)

    def read_one(user):
        try:
            items = client.list_kind(kind, domain=domain, user=user)
        except NsNotFoundError:
            # The user disappeared between the listing and this read.
            return []
        return [dict(item, user=item.get('user') or user) for item in items]

    collected = []
    for items in raise_first_error(client.map(read_one, users)):
        collected.extend(items)
    return collected
