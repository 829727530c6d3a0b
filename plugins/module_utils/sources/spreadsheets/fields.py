# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading typed values out of one row, reporting bad cells as row problems.

A bad value in a column that identifies the row (extension, number, MAC) skips the row;
a bad value in any other column is left out and the rest of the row is kept.  Either way
the problem names the file, the row as the partner sees it and the column.
"""

from __future__ import annotations

import re

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import (
    NormalizationError,
    normalize_e164,
    normalize_extension,
    normalize_mac,
)

_YES = ("yes", "y", "true", "1", "on", "enabled", "x")
_NO = ("no", "n", "false", "0", "off", "disabled")
_LIST_SEPARATORS = re.compile(r"[;,\s]+")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DIGITS = re.compile(r"^[0-9]+$")
_SLUG = re.compile(r"[^a-z0-9]+")
SKIPPED = "row skipped"
IGNORED = "value ignored"


class SkipRow(Exception):
    """The row cannot be collected; its problem is already recorded."""


def slug(text):
    return _SLUG.sub("-", str(text).lower()).strip("-") or "x"


def yes_no(value):
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise NormalizationError("%r is not yes or no" % (value,))


def email(value):
    if not _EMAIL.match(value):
        raise NormalizationError("%r is not an e-mail address" % (value,))
    return value


def emails(value):
    result = []
    for item in _LIST_SEPARATORS.split(value):
        if item and email(item) not in result:
            result.append(item)
    return result


def digits(value):
    if not _DIGITS.match(value):
        raise NormalizationError("%r is not a number of digits" % (value,))
    return value


def positive_int(value):
    if not _DIGITS.match(value) or int(value) < 1:
        raise NormalizationError("%r is not a whole number of at least 1" % (value,))
    return int(value)


def one_of(choices):
    def check(value):
        text = value.strip().lower()
        if text not in choices:
            raise NormalizationError("%r is not one of: %s" % (value, ", ".join(choices)))
        return text
    return check


class RowFields:
    """Typed access to the cells of one row; records problems on ``builder``."""

    def __init__(self, builder, row, default_region):
        self.builder = builder
        self.row = row
        self.default_region = default_region

    def problem(self, column, message):
        self.builder.row_problem(self.row.file, self.row.number, column, message)

    def text(self, column):
        return self.row.get(column).strip()

    def required(self, column, convert=None):
        """The converted value, or record the problem and raise SkipRow."""
        value = self.text(column)
        if not value:
            self.problem(column, "required value is missing; %s" % SKIPPED)
            raise SkipRow()
        if convert is None:
            return value
        try:
            return convert(value)
        except NormalizationError as exc:
            self.problem(column, "%s; %s" % (exc, SKIPPED))
            raise SkipRow()

    def optional(self, column, convert=None, secret=False):
        """The converted value, None when blank, or None with a problem when bad."""
        value = self.text(column)
        if not value:
            return None
        if convert is None:
            return value
        try:
            return convert(value)
        except NormalizationError as exc:
            # never repeat a secret in a problem line
            message = "not a valid value" if secret else str(exc)
            self.problem(column, "%s; %s" % (message, IGNORED))
            return None

    def e164(self, value):
        return normalize_e164(value, self.default_region)

    @staticmethod
    def extension(value):
        return normalize_extension(value)

    @staticmethod
    def mac(value):
        return normalize_mac(value)
