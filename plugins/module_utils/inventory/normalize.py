# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Normalization of phone numbers, MAC addresses and extensions.

One implementation for the validator, the filters and every module, so a number
compares equal wherever it was normalized.  Each function returns the canonical
form or raises NormalizationError whose message completes the sentence
"<value> ..." in a validation problem line.
"""

from __future__ import annotations

import re

try:
    import phonenumbers
    HAS_PHONENUMBERS = True
    PHONENUMBERS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised only without the library
    phonenumbers = None
    HAS_PHONENUMBERS = False
    PHONENUMBERS_IMPORT_ERROR = exc

DEFAULT_REGION = "US"
_MAC_SEPARATORS = re.compile(r"[\s:.\-]")
_MAC_HEX = re.compile(r"^[0-9a-f]{12}$")
_EXTENSION = re.compile(r"^[0-9]{2,10}$")
MAC_FORMATS = ("bare", "colon", "dash", "dot")


class NormalizationError(ValueError):
    """A value that cannot be brought into canonical form; str() is the reason."""


class MissingLibraryError(RuntimeError):
    """A Python library needed for normalization is not installed."""

    def __init__(self, library):
        super().__init__("the Python library '%s' is required" % library)
        self.library = library


def _text(value):
    if isinstance(value, bool) or value is None:
        raise NormalizationError("%r is not text" % (value,))
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise NormalizationError("%r is not text" % (value,))
    return value.strip()


def normalize_e164(value, default_region=DEFAULT_REGION):
    """Return ``value`` as an E.164 number (``+15551234567``).

    Numbers without a leading ``+`` are read as national numbers of ``default_region``
    (ISO 3166-1 alpha-2).  The number must be valid for its country, not merely possible,
    so a transposed digit is caught before anything is written.
    """
    if not HAS_PHONENUMBERS:
        raise MissingLibraryError("phonenumbers")
    text = _text(value)
    region = (default_region or DEFAULT_REGION).upper()
    try:
        parsed = phonenumbers.parse(text, None if text.startswith("+") else region)
    except phonenumbers.NumberParseException:
        raise NormalizationError("%r is not a phone number" % (value,))
    if not phonenumbers.is_valid_number(parsed):
        if text.startswith("+"):
            raise NormalizationError("%r is not a valid E.164 number" % (value,))
        raise NormalizationError("%r is not a valid phone number (read as a national number of region %s)" % (value, region))
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def e164_digits(value, default_region=DEFAULT_REGION):
    """E.164 without the ``+``: the form ns-api uses for phone numbers (``15551234567``)."""
    return normalize_e164(value, default_region)[1:]


def normalize_mac(value, mac_format="bare", upper=False):
    """Return ``value`` as a MAC address: 12 lower-case hex digits by default.

    ``mac_format`` ``colon``/``dash``/``dot`` gives ``00:11:22:aa:bb:cc`` /
    ``00-11-22-aa-bb-cc`` / ``0011.22aa.bbcc``.  All-zero, broadcast and multicast
    addresses are refused: they are placeholders, not phones.
    """
    if mac_format not in MAC_FORMATS:
        raise ValueError("mac_format must be one of %s" % ", ".join(MAC_FORMATS))
    if not isinstance(value, str):
        raise NormalizationError("%r is not a MAC address (12 hex digits)" % (value,))
    bare = _MAC_SEPARATORS.sub("", value).lower()
    if not _MAC_HEX.match(bare):
        raise NormalizationError("%r is not a MAC address (12 hex digits)" % (value,))
    if bare in ("000000000000", "ffffffffffff"):
        raise NormalizationError("%r is a placeholder, not a device MAC address" % (value,))
    if int(bare[0:2], 16) & 1:
        raise NormalizationError("%r is a multicast address, not a device MAC address" % (value,))
    if upper:
        bare = bare.upper()
    if mac_format == "bare":
        return bare
    if mac_format == "dot":
        return ".".join(bare[i:i + 4] for i in range(0, 12, 4))
    separator = ":" if mac_format == "colon" else "-"
    return separator.join(bare[i:i + 2] for i in range(0, 12, 2))


def normalize_extension(value):
    """Return ``value`` as an extension: a string of 2 to 10 digits (``1001``)."""
    text = _text(value)
    if not _EXTENSION.match(text):
        raise NormalizationError("%r is not an extension (2 to 10 digits)" % (value,))
    return text
