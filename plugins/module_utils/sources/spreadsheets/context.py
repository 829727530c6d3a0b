# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""State shared by the mappers of one collection run.

Offline files name users by extension, so every mapper uses the same source ids:
users ``u-<extension>``, their voicemail boxes ``vm-<extension>``, sites
``site-<name>``.  ``inventory_merge`` relies on that convention to attach devices and
numbers from partner files to the users of another source.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.fields import SKIPPED, SkipRow, slug


def user_id(extension):
    return "u-%s" % extension


def voicemail_id(extension):
    return "vm-%s" % extension


class CollectContext:
    """The builder plus what rows of different files must agree on."""

    def __init__(self, builder, default_region):
        self.builder = builder
        self.default_region = default_region
        self._claimed = {}

    def claim(self, fields, scope, column, key, what):
        """Refuse a second row with the same key (across every file of the run)."""
        claimed = self._claimed.setdefault(scope, {})
        row = fields.row
        if key in claimed:
            file, number = claimed[key]
            where = "row %s" % number if file == row.file else "%s row %s" % (file, number)
            fields.problem(column, "%s %r is already on %s; %s" % (what, key, where, SKIPPED))
            raise SkipRow()
        claimed[key] = (row.file, row.number)

    def site_id(self, name):
        """The site named ``name`` (created on first use); None for a blank name."""
        if not name:
            return None
        source_id = "site-%s" % slug(name)
        if not self.builder.has("sites", source_id):
            self.builder.add("sites", {"source_id": source_id, "name": name})
        return source_id

    def gap(self, source_id, kind, reason, partner_action, related=None, source_attributes=None):
        """A not_collected entry shared by every object it affects; returns it."""
        entry = self.builder.get("not_collected", source_id)
        if entry is None:
            entry = self.builder.not_collected(kind, source_id, reason, partner_action)
            if source_attributes:
                entry["source_attributes"] = dict(source_attributes)
        if related and related not in entry.setdefault("related", []):
            entry["related"].append(related)
        return entry

    def unreachable(self, source_id, reason, partner_action, related=None, source_attributes=None):
        """A destination the files cannot describe: record the gap and point at it."""
        self.gap(source_id, "destination", reason, partner_action, related, source_attributes)
        return {"type": "not_collected", "id": source_id}
