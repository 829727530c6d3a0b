# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How a resource module describes its object kind to the reconcile engine.

A :class:`ResourceSpec` names the client's resource kind, the identity option and the
managed :class:`Field` s. Each field maps one module option (snake_case) to one API field
(kebab-case) and knows how to normalise a value from either side, so both compare equal
when they mean the same thing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from ansible_collections.ucaas.migration.plugins.module_utils.client.resources import get_kind
from ansible_collections.ucaas.migration.plugins.module_utils.client.urls import template_params

MASK = '********'
_PHONE_FORMATTING = re.compile(r'[\s().\-]')
_TRUE = ('yes', 'y', 'true', 't', 'on', '1')
_FALSE = ('no', 'n', 'false', 'f', 'off', '0')


class SpecValueError(ValueError):
    """A value that does not fit its field; ``str()`` completes "<field>: ..."."""


def normalize_bool(value):
    """``True``/``False`` from a bool or the API's ``yes``/``no`` strings."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SpecValueError('expected a boolean (yes/no), got %r' % (value,))


def normalize_int(value):
    if isinstance(value, bool):
        raise SpecValueError('expected an integer, got %r' % (value,))
    try:
        return int(str(value).strip())
    except ValueError:
        raise SpecValueError('expected an integer, got %r' % (value,))


def normalize_str(value):
    if isinstance(value, (dict, list)):
        raise SpecValueError('expected a string, got a %s' % type(value).__name__)
    return str(value).strip()


def normalize_casefold(value):
    return normalize_str(value).casefold()


def normalize_email_list(value):
    """Semicolon-separated addresses: trimmed, lower case, order kept."""
    parts = [part.strip().lower() for part in re.split(r'[;,]', normalize_str(value))]
    return ';'.join(part for part in parts if part)


def normalize_phone(value):
    """Digits of a number as the API stores them (no ``+``, no formatting); patterns like ``[*]`` stay as given."""
    text = normalize_str(value)
    if '[' in text or not text:
        return text
    digits = _PHONE_FORMATTING.sub('', text)
    if digits.startswith('+'):
        digits = digits[1:]
    if not digits.isdigit():
        raise SpecValueError('expected a phone number (digits, optional +), got %r' % (value,))
    return digits


def normalize_digits(value):
    """A numeric code such as a voicemail PIN (kept as text: leading zeros matter)."""
    text = normalize_str(value)
    if not text.isdigit():
        raise SpecValueError('expected digits only')
    return text


def entries_normalizer(ignore=()):
    """Normaliser for a list of entry objects: values as trimmed text, keys in ``ignore`` (read-only) dropped, order kept."""
    ignored = frozenset(ignore)

    def normalize(value):
        if not isinstance(value, list):
            raise SpecValueError('expected a list of mappings, got %s' % type(value).__name__)
        entries = []
        for position, entry in enumerate(value):
            if not isinstance(entry, dict):
                raise SpecValueError('entry %d: expected a mapping, got %s' % (position, type(entry).__name__))
            entries.append(dict((str(key), normalize_str(item)) for key, item in entry.items()
                                if key not in ignored and item is not None))
        return entries
    return normalize


def dict_normalizer(ignore=()):
    """Normaliser for a nested mapping (an auto attendant tier): strings trimmed, absent values and ``ignore`` keys dropped at any depth."""
    ignored = frozenset(ignore)

    def clean(value):
        if isinstance(value, dict):
            return dict((str(key), clean(item)) for key, item in sorted(value.items(), key=lambda pair: str(pair[0]))
                        if key not in ignored and item is not None)
        if isinstance(value, (list, tuple)):
            return [clean(item) for item in value]
        if isinstance(value, str):
            return value.strip()
        return value

    def normalize(value):
        if not isinstance(value, dict):
            raise SpecValueError('expected a mapping, got %s' % type(value).__name__)
        return clean(value)
    return normalize


def comparable_tree(value):
    """A nested value in a form where ``1`` equals ``"1"`` and ``True`` equals ``"yes"`` (how the API echoes scalars)."""
    if isinstance(value, dict):
        return dict((key, comparable_tree(item)) for key, item in value.items())
    if isinstance(value, list):
        return [comparable_tree(item) for item in value]
    if isinstance(value, bool):
        return 'yes' if value else 'no'
    if value is None:
        return ''
    return str(value)


_BY_TYPE = {'str': normalize_str, 'bool': normalize_bool, 'int': normalize_int, 'list': entries_normalizer(), 'dict': dict_normalizer()}


class Field:
    """One managed field.

    ``option``: module option name; ``api``: API field name; ``type``: str, bool or int.
    ``normalize``: canonical form for comparison (default by type). ``reset``: value
    ``state=replaced`` gives the field when the item omits it (``''`` clears a string).
    ``write_only``: a secret the API never returns (never diffed, never shown).
    ``create_default``: sent on create when the item omits it. ``required_on_create``: the
    API needs it to create the object. ``choices``: allowed option values. ``update_api``: the
    field's name in update bodies when it differs from ``api``. ``type='list'`` holds a list of
    entry mappings (``reset`` defaults to an empty list). ``canonical_label`` (identity only): the
    normalised value is the identity's spelling, sent on create and shown as the key (phone numbers).
    ``send_on_update``: every update body carries the field (the API requires it), changed or not.
    """

    def __init__(self, option, api, type='str', normalize=None, reset='', write_only=False, create_default=None,
                 required_on_create=False, choices=None, update_api=None, description='', canonical_label=False,
                 send_on_update=False):
        # pylint: disable=redefined-builtin
        if type not in _BY_TYPE:
            raise ValueError('Unknown field type %r' % type)
        self.option = option
        self.api = api
        self.type = type
        self.normalizer = normalize or _BY_TYPE[type]
        if type == 'list' and reset == '':
            reset = []
        elif type == 'dict' and reset == '':
            # A nested mapping has no "empty" the API accepts: replaced leaves it alone unless told.
            reset = None
        self.reset = None if write_only else reset
        self.update_api = update_api or api
        self.write_only = write_only
        self.create_default = create_default
        self.required_on_create = required_on_create
        self.choices = tuple(choices) if choices else None
        self.description = description
        self.canonical_label = canonical_label
        self.send_on_update = send_on_update

    def normalize(self, value):
        """Canonical form of a value from either side; None stays None (absent)."""
        if value is None:
            return None
        if self.type == 'str' and value == '':
            return ''
        normalized = self.normalizer(value)
        if self.choices is not None and normalized not in self.choices and normalized != '':
            raise SpecValueError('%r is not one of %s' % (value, ', '.join(str(choice) for choice in self.choices)))
        return normalized

    def comparable(self, value):
        """Form used to compare: an absent string equals an empty one."""
        if value is None and self.type == 'str':
            return ''
        if value is None and self.type == 'list':
            return []
        if self.type == 'dict':
            return comparable_tree(value or {})
        return value

    def to_api(self, value):
        """API encoding of a normalised value (yes/no strings, JSON integers, strings)."""
        if value is None:
            return None
        if self.type == 'bool':
            return 'yes' if value else 'no'
        if self.type == 'int':
            return int(value)
        if self.type == 'list':
            return [dict(entry) for entry in value]
        if self.type == 'dict':
            return copy.deepcopy(value)
        return str(value)

    def argument_spec(self):
        spec = dict(type=self.type)
        if self.type == 'list':
            spec['elements'] = 'dict'
        if self.choices:
            spec['choices'] = list(self.choices)
        if self.write_only:
            spec['no_log'] = True
        return spec


class ResourceSpec:
    """What the engine needs to know about one object kind.

    ``kind``: name in the client's ``RESOURCES`` registry. ``identity``: the identity
    :class:`Field` (its ``normalize`` decides when two identities are the same item).
    ``fields``: managed fields. ``protected``: ``fn(api_object) -> reason or None`` for
    objects the module must never change or delete (e.g. system users). ``references``:
    ``{option: kind}`` - a value must name an existing object of that kind in the domain
    (checked with one list read before any write). ``noun``: singular word for messages.
    ``client_confirms``: the client's read-back compares the sent body with the read as is; set it
    False for kinds whose reads add fields to what was sent (entry ids), and the engine confirms
    with the fields' normalisers instead.

    Kinds that live under another object (a user's devices, a queue's agents) name it with
    ``parent`` (a :class:`Field`: the option items carry and the API field that holds it);
    an item's key is then ``(parent, identity)`` and its label ``parent/identity``.
    ``parent_kind`` lists every parent when the API has no domain-wide list of the kind and
    a run must see all of them (``overridden``, ``gathered``). ``parent_in_body``: the parent's
    API field goes into create bodies (the API takes it there rather than in the path).
    ``domain_scoped=False``: objects above domains (the domains themselves).
    ``hooks``: an object with optional ``prepare``, ``write`` and ``finish`` methods for kinds
    whose writes are not plain JSON bodies (audio uploads) or need a step after the writes
    (reordering); see docs/reconcile.md.
    """

    def __init__(self, kind, identity, fields, noun=None, protected=None, references=None, client_confirms=True,
                 parent=None, parent_kind=None, parent_in_body=False, domain_scoped=True, hooks=None):
        self.kind = get_kind(kind)
        self.identity = identity
        self.fields = tuple(fields)
        for field in self.fields:
            if field.api in self.kind.write_only:
                # The registry knows the kind's write-only fields: never compare them with a read.
                field.write_only = True
                field.reset = None
        self.noun = noun or kind.rstrip('s')
        self.protected = protected
        self.references = dict(references or {})
        self.client_confirms = client_confirms
        self.parent = parent
        self.parent_kind = get_kind(parent_kind) if parent_kind else None
        self.parent_in_body = parent_in_body
        self.domain_scoped = domain_scoped
        self.hooks = hooks
        self.by_option = dict((field.option, field) for field in self.fields)
        if identity.option in self.by_option:
            raise ValueError('The identity %r must not also be a managed field' % identity.option)
        if parent is not None and parent.option in self.by_option:
            raise ValueError('The parent %r must not also be a managed field' % parent.option)

    def hook(self, name):
        """The hook method called ``name``, or None."""
        return getattr(self.hooks, name, None) if self.hooks is not None else None

    @property
    def parent_placeholders(self):
        """Path placeholders of the kind that hold the parent (``{user}`` of a user's devices)."""
        if self.parent is None:
            return ()
        names = set()
        for template in (self.kind.list_path, self.kind.create_path, self.kind.update_path, self.kind.delete_path):
            for name in template_params(template or ''):
                if name == self.parent.api or self.kind.path_fields.get(name) == self.parent.api:
                    names.add(name)
        return tuple(sorted(names))

    @property
    def lists_per_parent(self):
        """True when the kind can only be listed one parent at a time."""
        if self.parent is None or self.kind.domain_list_path:
            return False
        return any(name in template_params(self.kind.list_path) for name in self.parent_placeholders)

    def make_key(self, parent_key, identity_key):
        return identity_key if self.parent is None else (parent_key, identity_key)

    def make_label(self, parent_label, identity_label):
        return identity_label if self.parent is None else '%s/%s' % (parent_label, identity_label)

    def split_label(self, text):
        """``(parent, identity)`` from a ``parent/identity`` label (scope keys); the parent is None for plain kinds."""
        if self.parent is None:
            return None, text
        parent, sep, identity = str(text).partition('/')
        if not sep:
            raise SpecValueError('expected <%s>/<%s>, got %r' % (self.parent.option, self.identity.option, text))
        return parent, identity

    @property
    def can_delete(self):
        return bool(self.kind.delete_path)

    @property
    def write_only_options(self):
        return tuple(field.option for field in self.fields if field.write_only)

    def item_argument_spec(self):
        """Suboptions of ``config`` items: the identity plus every field."""
        options = dict((field.option, field.argument_spec()) for field in self.fields)
        options[self.identity.option] = self.identity.argument_spec()
        if self.parent is not None:
            options[self.parent.option] = self.parent.argument_spec()
        return options

    @staticmethod
    def _normalized_key(field, value):
        if value in (None, ''):
            return None
        try:
            return field.normalize(value)
        except SpecValueError:
            # An identity the module would refuse as input (an invalid number) can never match an item: keep its text.
            return normalize_str(value)

    def key_of_api(self, api_object):
        """Normalised identity of an API object (None when it has none); ``(parent, identity)`` for child kinds."""
        key = self._normalized_key(self.identity, api_object.get(self.identity.api))
        if key is None or self.parent is None:
            return key
        parent_key = self._normalized_key(self.parent, api_object.get(self.parent.api))
        return None if parent_key is None else (parent_key, key)

    def label_of_api(self, api_object):
        """How an API object is named in results: its identity, or ``parent/identity``."""
        label = str(api_object.get(self.identity.api))
        if self.parent is None:
            return label
        return self.make_label(api_object.get(self.parent.api), label)

    def item_from_api(self, api_object):
        """An API object in the module's shape (normalised; write-only fields left out)."""
        item = {self.identity.option: normalize_str(api_object.get(self.identity.api))}
        if self.identity.type != 'str':
            # Typed identities (a greeting's index) come back in their type, so gathered items are valid input as they are.
            item[self.identity.option] = self._normalized_key(self.identity, api_object.get(self.identity.api))
        if self.parent is not None:
            item[self.parent.option] = normalize_str(api_object.get(self.parent.api))
        for field in self.fields:
            if field.write_only:
                continue
            try:
                item[field.option] = field.normalize(api_object.get(field.api))
            except SpecValueError:
                # An unexpected value on the platform is kept (scalars as text), so it shows as a difference.
                value = api_object.get(field.api)
                item[field.option] = value if isinstance(value, (dict, list)) else normalize_str(value)
        return item

    def masked(self, item):
        """A copy of a module-shaped item with write-only values shown as a mask."""
        return dict((key, MASK if key in self.write_only_options and value is not None else value)
                    for key, value in item.items())

    def masked_change(self, option, change):
        """A ``{before, after}`` change with a write-only value shown as a mask."""
        if option not in self.write_only_options:
            return dict(change)
        return {'before': None, 'after': MASK if change.get('after') is not None else None}
