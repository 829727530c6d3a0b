# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource specs of the ``ns_*`` modules (fields from the vendor spec's create/update bodies)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import (
    MissingLibraryError, NormalizationError, e164_digits,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import (
    Field, ResourceSpec, SpecValueError, entries_normalizer, normalize_casefold, normalize_digits, normalize_email_list, normalize_phone,
    normalize_str,
)

USER_SCOPES = ('Advanced User', 'Basic User', 'Call Center Agent', 'Call Center Supervisor', 'NDP', 'No Portal',
               'Office Manager', 'Reseller', 'Simple User', 'Site Manager', 'Super User')
TRANSCRIPTION_CHOICES = ('no', 'Deepgram', 'Google', 'Mutare', 'Voicebase')
TIMEFRAME_TYPES = ('always', 'days-of-week', 'specific-dates', 'holiday', 'custom')
# Entry fields the platform fills in; they are not part of what a playbook describes.
TIMEFRAME_ENTRY_READ_ONLY = ('timeframe-id', 'timeframe-parent-id', 'ordinal-order', 'domain', 'timeframe-expiry-datetime',
                             'timeframe-next-observance-datetime', 'timeframe-is-v1', 'timeframe-recurrence-rrule')
VOICEMAIL_ALERT_CHOICES = ('no', 'yes', 'attnew', 'attsave', 'atttrash', 'brief', 'briefattnew', 'briefattsave', 'briefatttrash')


def _caller_id_fields():
    return [
        Field('caller_id_name', 'caller-id-name'),
        Field('caller_id_number', 'caller-id-number', normalize=normalize_phone),
        Field('caller_id_number_emergency', 'caller-id-number-emergency', normalize=normalize_phone),
    ]


def site_spec():
    return ResourceSpec(
        'sites', noun='site',
        # Site names are matched without regard to case; the existing spelling addresses the update.
        identity=Field('site', 'site', normalize=normalize_casefold),
        fields=_caller_id_fields() + [
            Field('email', 'email', normalize=normalize_email_list),
            Field('time_zone', 'time-zone', reset=None),
            Field('area_code', 'area-code', type='int', reset=None),
            Field('dial_plan', 'dial-plan'),
            Field('dial_policy', 'dial-policy'),
            Field('emergency_address_id', 'emergency-address-id'),
        ])


def system_user_reason(api_object):
    """Users with a ``system-*`` service code back queues, auto attendants and mailboxes."""
    code = str(api_object.get('service-code') or '')
    if code.startswith('system-'):
        return 'system user (service-code %s) owned by a queue, auto attendant or mailbox' % code
    return None


def user_spec():
    return ResourceSpec(
        'users', noun='user', protected=system_user_reason, references={'site': 'sites'},
        identity=Field('user', 'user'),
        fields=[
            Field('first_name', 'name-first-name', required_on_create=True),
            Field('last_name', 'name-last-name', required_on_create=True),
            Field('email', 'email', normalize=normalize_email_list),
            Field('department', 'department'),
            Field('site', 'site'),
            Field('user_scope', 'user-scope', choices=USER_SCOPES, create_default='Basic User', reset='Basic User'),
            Field('time_zone', 'time-zone', reset=None),
        ] + _caller_id_fields() + [
            Field('directory_listed', 'directory-name-visible-in-list-enabled', type='bool', reset=True),
            Field('directory_dial_by_name', 'directory-announce-in-dial-by-name-enabled', type='bool', reset=True),
            Field('voicemail_enabled', 'voicemail-enabled', type='bool', reset=True),
            Field('voicemail_transcription', 'voicemail-transcription-enabled', choices=TRANSCRIPTION_CHOICES, reset='no'),
            Field('voicemail_email_alert', 'email-send-alert-new-voicemail-behavior', choices=VOICEMAIL_ALERT_CHOICES, reset='no'),
            Field('voicemail_user_control', 'voicemail-user-control-enabled', type='bool', reset=False),
            Field('voicemail_pin', 'voicemail-login-pin', normalize=normalize_digits),
        ])


def timeframe_spec():
    entries = entries_normalizer(TIMEFRAME_ENTRY_READ_ONLY)
    return ResourceSpec(
        'timeframes', noun='timeframe', client_confirms=False,
        identity=Field('name', 'timeframe-name'),
        fields=[
            # Updates change the type with the "convert" form of the update operation (field ``type``).
            Field('type', 'timeframe-type', choices=TIMEFRAME_TYPES, required_on_create=True, reset=None, update_api='type'),
            Field('days_of_week', 'timeframe-days-of-week-array', type='list', normalize=entries),
            Field('specific_dates', 'timeframe-specific-dates-array', type='list', normalize=entries),
            Field('holidays', 'timeframe-holiday-array', type='list', normalize=entries),
        ])


DIAL_RULE_APPLICATIONS = (
    'available-number', 'hangup', 'spam-screening', 'to-callqueue', 'to-callqueue-announce-count-callers-ahead',
    'to-callqueue-announce-expected-wait-time', 'to-connection', 'to-connection-add-header', 'to-connection-add-header-force-caller-id',
    'to-connection-add-header-no-timeout', 'to-connection-block-caller-id', 'to-connection-no-timeout', 'to-connection-or-user-no-failover',
    'to-single-device', 'to-single-device-add-header', 'to-single-device-add-header-allow-voicemail',
    'to-single-device-add-header-allow-voicemail-residential', 'to-user', 'to-user-add-header', 'to-user-answer-and-fake-ringback',
    'to-user-notify-of-recording', 'to-user-residential', 'to-user-residential-add-header', 'to-voicemail', 'to-voicemail-residential',
    'toggle-timeframe')


def normalize_phonenumber(value):
    """A DID as ns-api stores it: E.164 digits without ``+``; numbers without ``+`` are read as US numbers."""
    text = normalize_str(value)
    try:
        return e164_digits(text)
    except NormalizationError as exc:
        raise SpecValueError(str(exc))
    except MissingLibraryError as exc:
        raise SpecValueError('cannot check the number: %s' % exc)


def phonenumber_spec():
    return ResourceSpec(
        'phonenumbers', noun='phonenumber',
        identity=Field('number', 'phonenumber', normalize=normalize_phonenumber, canonical_label=True),
        fields=[
            Field('enabled', 'enabled', type='bool', reset=True),
            Field('application', 'dial-rule-application', choices=DIAL_RULE_APPLICATIONS, reset=None),
            # The API requires the destination user on create and in every update body.
            Field('destination_user', 'dial-rule-translation-destination-user', required_on_create=True, reset=None, send_on_update=True),
            Field('destination_host', 'dial-rule-translation-destination-host', reset=None),
            Field('parameter', 'dial-rule-parameter'),
            Field('caller_name_prefix', 'dial-rule-translation-source-name', reset='[*]'),
            Field('description', 'dial-rule-description'),
        ])


SMS_APPLICATIONS = ('user', 'callqueue', 'available')


def smsnumber_spec():
    return ResourceSpec(
        # The kind has no single-object read: the engine confirms writes from the list, through the normalisers.
        'smsnumbers', noun='smsnumber', client_confirms=False,
        identity=Field('number', 'number', normalize=normalize_phonenumber, canonical_label=True),
        fields=[
            # The update operation requires the application; the spec's example update also carries the destination.
            Field('application', 'application', choices=SMS_APPLICATIONS, required_on_create=True, reset=None, send_on_update=True),
            Field('destination', 'dest', send_on_update=True),
            Field('carrier', 'carrier', reset=None),
        ])
