# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Registry of the ns-api v2 object kinds the collection manages.

Each :class:`ResourceKind` names its path templates (from the vendor spec, relative
to ``/ns-api/v2``), the fields that identify one object, and which object field
fills each path placeholder. Resource modules and ``ns_info`` build on it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ucaas.migration.plugins.module_utils.client.urls import template_params


class ResourceKind:
    """Description of one object kind.

    ``identity``: object fields that make an item unique within its parent (what a
    resource module matches desired items on). ``path_fields``: placeholder -> object
    field, for the placeholders of ``read_path`` etc. that are not parents.
    ``parents``: placeholders the caller supplies (``domain``, and ``user`` or ``callqueue``
    for kinds that live under one). ``domain_list_path``: a domain-wide listing for kinds
    whose ``list_path`` is per parent. ``paged``: read lists with ``start``/``limit``. The spec
    declares them on few list endpoints, but the controllers honour them on all and may apply a
    default limit of 100, so every listing pages unless a kind opts out.
    ``write_only``: fields the API accepts but never returns faithfully (never diff them).
    ``body_identity``: the object is addressed by fields of the JSON body, not the path.
    """

    def __init__(self, name, identity, list_path, create_path=None, read_path=None, update_path=None,
                 delete_path=None, path_fields=None, parents=('domain',), domain_list_path=None, paged=True,
                 write_only=(), body_identity=False, synchronous_create=True, description=''):
        self.name = name
        self.identity = tuple(identity)
        self.list_path = list_path
        self.create_path = create_path
        self.read_path = read_path
        self.update_path = update_path
        self.delete_path = delete_path
        self.path_fields = dict(path_fields or {})
        self.parents = tuple(parents)
        self.domain_list_path = domain_list_path
        self.paged = paged
        self.write_only = tuple(write_only)
        self.body_identity = body_identity
        self.synchronous_create = synchronous_create
        self.description = description

    def __repr__(self):
        return 'ResourceKind(%r)' % self.name

    def operations(self):
        """``(method, template)`` pairs this kind uses, for checks against the spec."""
        pairs = [('GET', self.list_path)]
        if self.domain_list_path:
            pairs.append(('GET', self.domain_list_path))
        for method, path in (('POST', self.create_path), ('GET', self.read_path),
                             ('PUT', self.update_path), ('DELETE', self.delete_path)):
            if path:
                pairs.append((method, path))
        return pairs

    def identity_of(self, item):
        """Identity tuple of an object (values as strings; missing fields are None)."""
        return tuple(None if item.get(field) is None else str(item.get(field)) for field in self.identity)

    def path_params(self, item, parents=None):
        """Placeholder values for the per-object paths, from the parents and the object's fields."""
        params = dict(parents or {})
        for placeholder, field in self.path_fields.items():
            if placeholder not in params and item.get(field) not in (None, ''):
                params[placeholder] = item.get(field)
        return params

    def can_read_by_identity(self, item, parents=None):
        """True when ``read_path`` can be filled from the parents and ``item`` alone."""
        if not self.read_path:
            return False
        params = self.path_params(item, parents)
        return all(params.get(name) not in (None, '') for name in template_params(self.read_path))


_DOMAIN = '/domains/{domain}'
_USER = _DOMAIN + '/users/{user}'

RESOURCES = dict((kind.name, kind) for kind in (
    ResourceKind(
        'domains', identity=('domain',), parents=(),
        list_path='/domains', create_path='/domains', read_path=_DOMAIN, update_path=_DOMAIN, delete_path=_DOMAIN,
        path_fields={'domain': 'domain'}, description='customer domains'),
    ResourceKind(
        'sites', identity=('site',),
        list_path=_DOMAIN + '/sites', create_path=_DOMAIN + '/sites', read_path=_DOMAIN + '/sites/{site}',
        update_path=_DOMAIN + '/sites/{site}', path_fields={'site': 'site'}, description='sites (no DELETE in the API)'),
    ResourceKind(
        'users', identity=('user',),
        list_path=_DOMAIN + '/users', create_path=_DOMAIN + '/users', read_path=_USER, update_path=_USER,
        delete_path=_USER, path_fields={'user': 'user'}, write_only=('voicemail-login-pin',),
        description='users, including system users of queues and auto attendants'),
    ResourceKind(
        'devices', identity=('user', 'device'), parents=('domain', 'user'),
        list_path=_USER + '/devices', domain_list_path=_DOMAIN + '/devices', create_path=_USER + '/devices',
        read_path=_USER + '/devices/{device}', update_path=_USER + '/devices/{device}',
        delete_path=_USER + '/devices/{device}', path_fields={'user': 'user', 'device': 'device'},
        write_only=('device-sip-registration-password', 'device-provisioning-password'), description='SIP devices of users'),
    ResourceKind(
        'phonenumbers', identity=('phonenumber',), synchronous_create=False,
        list_path=_DOMAIN + '/phonenumbers', create_path=_DOMAIN + '/phonenumbers',
        read_path=_DOMAIN + '/phonenumbers/{phonenumber}', update_path=_DOMAIN + '/phonenumbers/{phonenumber}',
        delete_path=_DOMAIN + '/phonenumbers/{phonenumber}', path_fields={'phonenumber': 'phonenumber'},
        description='DIDs (dial rules)'),
    ResourceKind(
        'callqueues', identity=('callqueue',),
        list_path=_DOMAIN + '/callqueues', create_path=_DOMAIN + '/callqueues', read_path=_DOMAIN + '/callqueues/{callqueue}',
        update_path=_DOMAIN + '/callqueues/{callqueue}', delete_path=_DOMAIN + '/callqueues/{callqueue}',
        path_fields={'callqueue': 'callqueue'}, description='call queues'),
    ResourceKind(
        'agents', identity=('callqueue', 'callqueue-agent-id'), parents=('domain', 'callqueue'),
        list_path=_DOMAIN + '/callqueues/{callqueue}/agents', domain_list_path=_DOMAIN + '/agents',
        create_path=_DOMAIN + '/callqueues/{callqueue}/agents',
        read_path=_DOMAIN + '/callqueues/{callqueue}/agents/{callqueue-agent-id}',
        update_path=_DOMAIN + '/callqueues/{callqueue}/agents/{callqueue-agent-id}',
        delete_path=_DOMAIN + '/callqueues/{callqueue}/agents/{callqueue-agent-id}',
        path_fields={'callqueue': 'callqueue', 'callqueue-agent-id': 'callqueue-agent-id'}, description='call queue agents'),
    ResourceKind(
        'autoattendants', identity=('user', 'time-frame'), synchronous_create=False,
        list_path=_DOMAIN + '/autoattendants', create_path=_DOMAIN + '/autoattendants',
        read_path=_USER + '/autoattendants/{prompt}', update_path=_USER + '/autoattendants/{prompt}',
        delete_path=_USER + '/autoattendants/{prompt}', path_fields={'user': 'user', 'prompt': 'starting-prompt'},
        description='auto attendant menus (one per AA user and time frame)'),
    ResourceKind(
        'timeframes', identity=('timeframe-name',),
        list_path=_DOMAIN + '/timeframes', create_path=_DOMAIN + '/timeframes', read_path=_DOMAIN + '/timeframes/{id}',
        update_path=_DOMAIN + '/timeframes/{id}', delete_path=_DOMAIN + '/timeframes/{id}',
        path_fields={'id': 'timeframe-id'}, description='domain-shared time frames (v44.1+ recurring model)'),
    ResourceKind(
        'answerrules', identity=('user', 'time-frame'), parents=('domain', 'user'),
        list_path=_USER + '/answerrules', create_path=_USER + '/answerrules', read_path=_USER + '/answerrules/{timeframe}',
        update_path=_USER + '/answerrules/{timeframe}', delete_path=_USER + '/answerrules/{timeframe}',
        path_fields={'user': 'user', 'timeframe': 'time-frame'}, description='answering rules per user and time frame'),
    ResourceKind(
        'greetings', identity=('user', 'ordinal-order'), parents=('domain', 'user'),
        list_path=_USER + '/greetings', create_path=_USER + '/greetings', read_path=_USER + '/greetings/{index}',
        update_path=_USER + '/greetings/{index}', delete_path=_USER + '/greetings/{index}',
        path_fields={'user': 'user', 'index': 'ordinal-order'}, description='voicemail / AA greetings per user'),
    ResourceKind(
        'phones', identity=('device-provisioning-mac-address',), body_identity=True, synchronous_create=False,
        list_path=_DOMAIN + '/phones', create_path=_DOMAIN + '/phones', read_path=_DOMAIN + '/phones/{mac}',
        update_path=_DOMAIN + '/phones', delete_path=_DOMAIN + '/phones',
        path_fields={'mac': 'device-provisioning-mac-address'}, write_only=('device-provisioning-password',),
        description='NDP phone hardware by MAC (MAC in the body for update and delete)'),
    ResourceKind(
        'smsnumbers', identity=('number',), synchronous_create=False,
        list_path=_DOMAIN + '/smsnumbers', create_path=_DOMAIN + '/smsnumbers',
        update_path=_DOMAIN + '/smsnumbers/{smsnumber}', delete_path=_DOMAIN + '/smsnumbers/{smsnumber}',
        path_fields={'smsnumber': 'number'}, description='SMS numbers (no single-object GET: found by listing)'),
))

# Order in which objects depend on each other (create in this order, delete in reverse).
DEPENDENCY_ORDER = ('domains', 'sites', 'timeframes', 'users', 'devices', 'phones', 'greetings', 'callqueues',
                    'agents', 'autoattendants', 'answerrules', 'phonenumbers', 'smsnumbers')


def get_kind(name):
    """The :class:`ResourceKind` called ``name`` (KeyError names the known kinds)."""
    try:
        return RESOURCES[name]
    except KeyError:
        raise KeyError('Unknown resource kind %r; known: %s' % (name, ', '.join(sorted(RESOURCES))))
