# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``ns_domain`` spec: the customer domains of the platform (not inside a domain), limited to one reseller on request.

Deleting a domain deletes everything in it, so ``overridden`` and a ``deleted`` run driven by
``scope`` alone need both the module option ``reseller`` and a ``scope``; domains of other
resellers are never changed or deleted when ``reseller`` is given.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import ConfigError
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import (
    Field, ResourceSpec, normalize_casefold, normalize_phone, normalize_str,
)

TRANSCRIPTION_CHOICES = ('no', 'Deepgram', 'Google', 'Mutare', 'Voicebase')
# Module options beyond the common ones.
DOMAIN_EXTRA_OPTIONS = dict(reseller=dict(type='str'))


def _other_reseller_reason(reseller):
    """``protected`` function: domains whose reseller is not ``reseller`` are not the module's to touch."""
    wanted = normalize_casefold(reseller)

    def reason(api_object):
        owner = normalize_str(api_object.get('reseller') or '')
        if owner.casefold() != wanted:
            return 'domain of reseller %r, not of %r (module option reseller)' % (owner, reseller)
        return None
    return reason


def domain_spec(reseller=None):
    """The spec; with ``reseller``, domains of other resellers are protected and new domains get that reseller."""
    protected = _other_reseller_reason(reseller) if reseller else None
    return ResourceSpec(
        'domains', noun='domain', domain_scoped=False, protected=protected,
        # Domain names are DNS-like: matched without regard to case, created as spelled.
        identity=Field('domain', 'domain', normalize=normalize_casefold),
        fields=[
            # With the module option, new domains get its reseller (the create default fills the requirement).
            Field('reseller', 'reseller', required_on_create=not reseller, reset=None, create_default=reseller or None),
            Field('description', 'description', required_on_create=True, reset=None),
            Field('time_zone', 'time-zone', reset=None),
            Field('area_code', 'area-code', type='int', reset=None),
            # The platform names the domain's dial plan after the domain on create; replaced leaves these alone.
            Field('dial_plan', 'dial-plan', reset=None),
            Field('dial_policy', 'dial-policy', reset=None),
            Field('caller_id_name', 'caller-id-name'),
            Field('caller_id_number', 'caller-id-number', normalize=normalize_phone),
            Field('caller_id_number_emergency', 'caller-id-number-emergency', normalize=normalize_phone),
            Field('email_sender', 'email-send-from-address'),
            Field('voicemail_enabled', 'voicemail-enabled', type='bool', reset=None),
            Field('voicemail_transcription', 'voicemail-transcription-enabled', choices=TRANSCRIPTION_CHOICES, reset='no'),
            Field('max_users', 'limits-max-users', type='int', reset=None),
            Field('max_callqueues', 'limits-max-call-queues', type='int', reset=None),
            Field('max_autoattendants', 'limits-max-auto-attendants', type='int', reset=None),
        ])


def configure_domain_spec(spec, params):
    """Bind the module option ``reseller``; refuse runs that could delete domains without both a reseller and a scope."""
    reseller = (params.get('reseller') or '').strip()
    state = params.get('state')
    config = params.get('config') or []
    scope = params.get('scope') or {}
    problems = []
    deletes_unlisted = state == 'overridden' or (state == 'deleted' and not config)
    if deletes_unlisted and not (reseller and (scope.get('keys') or scope.get('match'))):
        problems.append('state=%s deletes domains (and everything in them) that are not listed: it needs the module option '
                        'reseller and a scope (keys or match); refusing' % state)
    if reseller and state != 'deleted':
        for index, item in enumerate(config):
            given = item.get('reseller') if isinstance(item, dict) else None
            if given not in (None, '') and normalize_casefold(given) != normalize_casefold(reseller):
                problems.append('config[%d].reseller: %r differs from the module option reseller %r' % (index, given, reseller))
    if problems:
        raise ConfigError(problems)
    return domain_spec(reseller or None) if reseller else spec
