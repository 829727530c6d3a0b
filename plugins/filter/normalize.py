# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Normalization filters backed by the inventory's module_utils (documented in the *.yml files here)."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import (
    DEFAULT_REGION,
    MissingLibraryError,
    NormalizationError,
    e164_digits,
    normalize_e164,
    normalize_extension,
    normalize_mac,
)
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.secrets import redact


def _call(name, function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except NormalizationError as exc:
        raise AnsibleFilterError("ucaas.migration.%s: %s" % (name, exc))
    except MissingLibraryError as exc:
        raise AnsibleFilterError("ucaas.migration.%s: %s (pip install %s)" % (name, exc, exc.library))
    except ValueError as exc:
        raise AnsibleFilterError("ucaas.migration.%s: %s" % (name, exc))


def e164(value, region=DEFAULT_REGION):
    return _call("e164", normalize_e164, value, region)


def e164_digits_filter(value, region=DEFAULT_REGION):
    return _call("e164_digits", e164_digits, value, region)


def mac(value, style="bare", upper=False):
    return _call("mac", normalize_mac, value, mac_format=style, upper=upper)


def extension(value):
    return _call("extension", normalize_extension, value)


def redact_secrets(data):
    return redact(data)


class FilterModule:
    """ucaas.migration normalization filters."""

    def filters(self):
        return {
            "e164": e164,
            "e164_digits": e164_digits_filter,
            "mac": mac,
            "extension": extension,
            "redact_secrets": redact_secrets,
        }
