# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers shared by the call-flow tests."""
from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from ansible_collections.ucaas.migration.plugins.module_utils.callflow.model import Scenario

NEW_YORK = ZoneInfo("America/New_York")


def at(year, month, day, hour, minute=0, tz=NEW_YORK):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=tz)


def call(when, keys=(), conditions=()):
    return Scenario(when, tuple(keys), frozenset(conditions))
