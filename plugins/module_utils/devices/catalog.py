# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The supported-device catalog: loading, provider layers merged over the shipped data, matching.

A source names a phone as its brand and model (``Yealink`` + ``T54W``), as one string
(``Yealink SIP-T54W``, ``Polycom VVX 450``, ``CP-8841-3PCC``) or with the brand repeated in the
model. Matching compares texts with case and punctuation removed and nothing else: a text
that is not a catalog spelling is reported (with close spellings as hints), never guessed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import difflib
import json
import re

from ansible_collections.ucaas.migration.plugins.module_utils.devices.catalog_data import CATALOG

try:
    import yaml
    HAS_YAML = True
    YAML_ERRORS = (yaml.YAMLError,)
except ImportError:  # pragma: no cover - PyYAML ships with ansible-core
    HAS_YAML = False
    YAML_ERRORS = ()

FORMAT = 'ucaas.migration/device-catalog-v1'
REDIRECT_METHODS = ('vendor_redirect', 'dhcp_option', 'manual', 'onsite_factory_reset')
TRANSPORTS = ('udp', 'tcp', 'tls')
STATUSES = ('supported', 'unsupported')
MODEL_TYPES = ('desk_phone', 'cordless', 'conference', 'ata', 'door_phone', 'paging', 'other')
MODEL_FIELDS = ('id', 'brand', 'model', 'status', 'type', 'target', 'lines', 'transport', 'redirect', 'redirect_service', 'onsite',
                'reason', 'notes', 'aliases')
BRAND_FIELDS = ('transport', 'redirect', 'redirect_service', 'onsite', 'aliases')
DEFAULT_FIELDS = ('transport', 'redirect', 'onsite')
_NOT_ALNUM = re.compile(r'[\W_]+', re.UNICODE)


class CatalogError(ValueError):
    """A catalog (or a layer of it) that cannot be used; one problem per line."""

    def __init__(self, problems):
        self.problems = list(problems)
        super(CatalogError, self).__init__('Invalid device catalog:\n' + '\n'.join(self.problems))


def match_key(text):
    """The form texts are compared in: case folded, every character but letters and digits removed."""
    if text is None:
        return ''
    return _NOT_ALNUM.sub('', str(text).casefold())


def read_catalog_file(path):
    """A catalog layer from a JSON or YAML file (by extension; YAML also for anything not ``.json``)."""
    with open(path, encoding='utf-8') as handle:
        text = handle.read()
    try:
        if str(path).lower().endswith('.json'):
            data = json.loads(text)
        elif HAS_YAML:
            data = yaml.safe_load(text)
        else:
            raise CatalogError(['%s: reading YAML needs PyYAML; use a .json catalog file' % path])
    except (ValueError,) + YAML_ERRORS as exc:
        raise CatalogError(['%s: not valid JSON/YAML (%s)' % (path, str(exc).splitlines()[0])])
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CatalogError(['%s: expected a mapping with format/defaults/brands/models' % path])
    return data


def _merge_entry(base, layer):
    """``layer``'s fields replace ``base``'s; aliases are added to the existing ones."""
    merged = dict(base)
    for key, value in layer.items():
        if key == 'aliases':
            merged['aliases'] = list(base.get('aliases') or []) + [alias for alias in value or [] if alias not in (base.get('aliases') or [])]
        else:
            merged[key] = value
    return merged


def merge_layers(base, layers):
    """The catalog ``base`` with each layer merged over it, in order (models by ``id``, brands by name)."""
    merged = copy.deepcopy(base)
    problems = []
    for number, (name, layer) in enumerate(layers):
        where = name or 'catalog layer %d' % (number + 1)
        if not isinstance(layer, dict):
            problems.append('%s: expected a mapping, got %s' % (where, type(layer).__name__))
            continue
        for key in sorted(set(layer) - set(['format', 'defaults', 'brands', 'models'])):
            problems.append('%s.%s: unknown key (known: format, defaults, brands, models)' % (where, key))
        if layer.get('format') not in (None, FORMAT):
            problems.append('%s.format: %r is not %s' % (where, layer.get('format'), FORMAT))
        merged['defaults'] = dict(merged.get('defaults') or {}, **(layer.get('defaults') or {}))
        brands = merged.setdefault('brands', {})
        by_key = {}
        for brand, entry in brands.items():
            for spelling in [brand] + list(entry.get('aliases') or []):
                by_key.setdefault(match_key(spelling), brand)
        for brand, entry in sorted((layer.get('brands') or {}).items()):
            if not isinstance(entry, dict):
                problems.append('%s.brands.%s: expected a mapping' % (where, brand))
                continue
            existing = by_key.get(match_key(brand), brand)
            brands[existing] = _merge_entry(brands.get(existing, {}), entry)
        positions = dict((entry.get('id'), index) for index, entry in enumerate(merged.setdefault('models', [])))
        for index, entry in enumerate(layer.get('models') or []):
            if not isinstance(entry, dict) or not entry.get('id'):
                problems.append('%s.models[%d]: expected a mapping with an id' % (where, index))
                continue
            if entry['id'] in positions:
                merged['models'][positions[entry['id']]] = _merge_entry(merged['models'][positions[entry['id']]], entry)
            else:
                positions[entry['id']] = len(merged['models'])
                merged['models'].append(dict(entry))
    if problems:
        raise CatalogError(problems)
    return merged


def _check_common(where, entry, fields, problems):
    for key in sorted(set(entry) - set(fields)):
        problems.append('%s.%s: unknown field (known: %s)' % (where, key, ', '.join(fields)))
    if entry.get('transport') is not None and entry['transport'] not in TRANSPORTS:
        problems.append('%s.transport: %r is not one of %s' % (where, entry['transport'], ', '.join(TRANSPORTS)))
    if entry.get('redirect') is not None and entry['redirect'] not in REDIRECT_METHODS:
        problems.append('%s.redirect: %r is not one of %s' % (where, entry['redirect'], ', '.join(REDIRECT_METHODS)))
    if entry.get('onsite') is not None and not isinstance(entry['onsite'], bool):
        problems.append('%s.onsite: expected true or false' % where)
    aliases = entry.get('aliases') or []
    if not isinstance(aliases, list) or not all(isinstance(alias, str) and match_key(alias) for alias in aliases):
        problems.append('%s.aliases: expected a list of non-empty texts' % where)


def validate_catalog(data):
    """Problems of a merged catalog (empty when it can be used)."""
    problems = []
    _check_common('defaults', data.get('defaults') or {}, DEFAULT_FIELDS, problems)
    for brand, entry in sorted((data.get('brands') or {}).items()):
        _check_common('brands.%s' % brand, entry, BRAND_FIELDS, problems)
    for index, entry in enumerate(data.get('models') or []):
        where = 'models[%d] (%s)' % (index, entry.get('id'))
        _check_common(where, entry, MODEL_FIELDS, problems)
        for field in ('brand', 'model'):
            if not isinstance(entry.get(field), str) or not match_key(entry.get(field)):
                problems.append('%s.%s: missing' % (where, field))
        if entry.get('status') not in STATUSES:
            problems.append('%s.status: %r is not one of %s' % (where, entry.get('status'), ', '.join(STATUSES)))
        if entry.get('type', 'desk_phone') not in MODEL_TYPES:
            problems.append('%s.type: %r is not one of %s' % (where, entry.get('type'), ', '.join(MODEL_TYPES)))
        if entry.get('status') == 'supported':
            if not isinstance(entry.get('target'), str) or not entry['target'].strip():
                problems.append('%s.target: missing; the brand-and-model name the platform provisions' % where)
            lines = entry.get('lines')
            if isinstance(lines, bool) or not isinstance(lines, int) or not 1 <= lines <= 1000:
                problems.append('%s.lines: expected the number of SIP accounts (1-1000), got %r' % (where, lines))
        elif entry.get('status') == 'unsupported' and not entry.get('reason'):
            problems.append('%s.reason: missing; say why the model is not supported' % where)
    return problems


class Match:
    """Result of a lookup: ``entry`` (a catalog model) or None with ``problem`` and ``suggestions``."""

    def __init__(self, entry=None, problem=None, suggestions=()):
        self.entry = entry
        self.problem = problem
        self.suggestions = list(suggestions)


class Catalog:
    """A validated catalog with its lookup indexes."""

    def __init__(self, data):
        problems = validate_catalog(data)
        if problems:
            raise CatalogError(problems)
        self.data = data
        self.defaults = dict(data.get('defaults') or {})
        self.brands = dict(data.get('brands') or {})
        self.models = list(data.get('models') or [])
        self.by_id = dict((entry['id'], entry) for entry in self.models)
        self._brand_of_key = {}
        for brand, entry in self.brands.items():
            for spelling in [brand] + list(entry.get('aliases') or []):
                self._brand_of_key[match_key(spelling)] = brand
        self._full = {}
        self._bare = {}
        duplicates = []
        for entry in self.models:
            brand_keys = self._brand_keys(entry['brand'])
            for spelling in [entry['model']] + list(entry.get('aliases') or []):
                bare = match_key(spelling)
                self._bare.setdefault(bare, [])
                if entry not in self._bare[bare]:
                    self._bare[bare].append(entry)
                for brand_key in brand_keys:
                    full = brand_key + bare
                    owner = self._full.setdefault(full, entry)
                    if owner is not entry:
                        duplicates.append('models %s and %s both claim the spelling %r' % (owner['id'], entry['id'], spelling))
        if duplicates:
            raise CatalogError(sorted(set(duplicates)))

    def _brand_keys(self, brand):
        canonical = self._brand_of_key.get(match_key(brand), brand)
        keys = set([match_key(brand), match_key(canonical)])
        keys.update(match_key(alias) for alias in (self.brands.get(canonical) or {}).get('aliases') or [])
        return sorted(key for key in keys if key)

    def brand_name(self, text):
        """The catalog's name for a brand spelling, or None."""
        return self._brand_of_key.get(match_key(text))

    def lookup(self, brand=None, model=None):
        """The catalog model a source's brand and model name (either may hold both), as a :class:`Match`."""
        brand_text = (brand or '').strip() if isinstance(brand, str) else ''
        model_text = (model or '').strip() if isinstance(model, str) else ''
        if not match_key(brand_text) and not match_key(model_text):
            return Match(problem='missing: the device has neither brand nor model')
        given_brand = self.brand_name(brand_text) if brand_text else None
        candidates = []
        if model_text:
            candidates.append(match_key(brand_text) + match_key(model_text))
            candidates.append(match_key(model_text))
        else:
            candidates.append(match_key(brand_text))
        for key in candidates:
            entry = self._full.get(key)
            if entry is None:
                continue
            if brand_text and given_brand != self.brand_name(entry['brand']) and key == match_key(model_text):
                return Match(problem='%r names %s, but the device says brand %r' % (model_text, self.label(entry), brand_text))
            return Match(entry)
        bare = self._bare.get(match_key(model_text)) if model_text else None
        if bare:
            if brand_text:
                bare = [entry for entry in bare if self.brand_name(entry['brand']) == given_brand]
            if len(bare) == 1:
                return Match(bare[0])
            if len(bare) > 1:
                return Match(problem='%r is ambiguous: %s; give the brand' % (model_text, ', '.join(sorted(self.label(entry) for entry in bare))))
        text = ' '.join(part for part in (brand_text, model_text) if part)
        return Match(problem='%r is not in the device catalog' % text, suggestions=self.suggestions(text))

    def suggestions(self, text, limit=3):
        """Catalog names close to ``text``: hints for the partner, never used as a match."""
        names = dict((match_key(self.label(entry)), self.label(entry)) for entry in self.models)
        close = difflib.get_close_matches(match_key(text), sorted(names), n=limit, cutoff=0.75)
        return [names[key] for key in close]

    @staticmethod
    def label(entry):
        return '%s %s' % (entry['brand'], entry['model'])

    def attribute(self, entry, name):
        """A model's setting, else its brand's, else the catalog default (None when nobody sets it)."""
        if entry.get(name) is not None:
            return entry[name]
        brand = self.brands.get(self.brand_name(entry['brand']) or entry['brand']) or {}
        if brand.get(name) is not None:
            return brand[name]
        return self.defaults.get(name)


def load_catalog(layers=(), files=()):
    """The shipped catalog with ``files`` (paths) and then ``layers`` (mappings) merged over it, validated."""
    named = [(str(path), read_catalog_file(path)) for path in files or ()]
    named.extend(('catalog', layer) for layer in layers or () if layer)
    return Catalog(merge_layers(CATALOG, named))
