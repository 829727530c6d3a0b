# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every translation step shares: the indexed inventory, scope, standards, findings,
the extension each source object gets on the target, and the mapping table being built."""

from __future__ import annotations

import os
import re

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import COLLECTION_NAMES
from ansible_collections.ucaas.migration.plugins.module_utils.reports.scope import MIGRATE, NEEDS_PARTNER_INPUT, NOT_MIGRATE, label
from ansible_collections.ucaas.migration.plugins.module_utils.translate.findings import TranslationError

# Collections whose objects own an extension on the target (users and the virtual users behind
# mailboxes, queues, attendants and time routers), in the order extensions are assigned.
EXTENSION_COLLECTIONS = ("users", "virtual_mailboxes", "hunt_groups", "queues", "auto_attendants", "time_routers")


def natural_key(text):
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", str(text)) if part != ""]


class Context:
    """One translation run."""

    def __init__(self, inventory, scope, standards, findings, time_zones, domain, state_dir=None):
        self.inventory = inventory
        self.standards = standards
        self.findings = findings
        self.time_zones = time_zones
        self.domain = domain
        self.state_dir = state_dir
        self.index = dict((name, dict((obj["source_id"], obj) for obj in inventory.get(name) or [])) for name in COLLECTION_NAMES)
        self.scope = self._scope_index(scope)
        self.extensions = {}
        self.mapping = {}

    # -- scope -------------------------------------------------------------------------------------
    def _scope_index(self, scope):
        if scope is None:
            return None
        if not isinstance(scope, dict) or not isinstance(scope.get("items"), list):
            raise TranslationError("scope: expected the content of scope.json (a mapping with items)")
        index = {}
        for position, item in enumerate(scope["items"]):
            if not isinstance(item, dict) or not item.get("kind") or not item.get("source_id"):
                raise TranslationError("scope.items[%d]: expected kind, source_id and classification" % position)
            if item.get("classification") not in (MIGRATE, NOT_MIGRATE, NEEDS_PARTNER_INPUT):
                raise TranslationError("scope.items[%d].classification: %r is not one of: migrate, not_migrate, needs_partner_input"
                                       % (position, item.get("classification")))
            index[(item["kind"], item["source_id"])] = item
        return index

    def scope_item(self, collection, source_id):
        if self.scope is None:
            return None
        return self.scope.get((collection, source_id))

    def in_scope(self, collection, source_id):
        """False only for objects the scope classifies not_migrate (objects absent from the scope migrate)."""
        item = self.scope_item(collection, source_id)
        return item is None or item.get("classification") != NOT_MIGRATE

    def objects(self, collection):
        """In-scope objects of a collection, in natural source-id order; out-of-scope ones get a mapping note."""
        result = []
        for source_id in sorted(self.index[collection], key=natural_key):
            obj = self.index[collection][source_id]
            item = self.scope_item(collection, source_id)
            if not self.in_scope(collection, source_id):
                self.note(collection, obj, "not migrated (scope): %s" % (item.get("reason") or "excluded"))
                continue
            if item is not None and item.get("classification") == NEEDS_PARTNER_INPUT:
                self.findings.warning("needs_partner_input", self.source(collection, obj),
                                      "Planned with what the inventory holds; the partner still has to provide: %s" % (item.get("reason") or ""),
                                      item.get("partner_action") or "", detail=item.get("reason") or "")
            result.append(obj)
        return result

    # -- references --------------------------------------------------------------------------------
    def get(self, collection, source_id):
        return self.index.get(collection, {}).get(source_id)

    def source(self, collection, obj):
        return dict(collection=collection, source_id=obj["source_id"], label=label(collection, obj))

    def ext(self, collection, source_id):
        return self.extensions.get((collection, source_id))

    def user_ext(self, user_id):
        return self.ext("users", user_id)

    def site_name(self, site_id):
        site = self.get("sites", site_id)
        if site is None or not self.in_scope("sites", site_id):
            return None
        return site["name"]

    def audio_path(self, asset):
        """Absolute path of an audio asset's file (relative to the host's state directory)."""
        if self.state_dir is None:
            return asset["file"]
        return os.path.abspath(os.path.join(self.state_dir, asset["file"]))

    # -- mapping -----------------------------------------------------------------------------------
    def _entry(self, collection, obj):
        key = (collection, obj["source_id"])
        if key not in self.mapping:
            self.mapping[key] = dict(source=self.source(collection, obj), targets=[], notes=[])
        return self.mapping[key]

    def target(self, collection, obj, kind, key):
        entry = self._entry(collection, obj)
        item = dict(kind=kind, key=key)
        if item not in entry["targets"]:
            entry["targets"].append(item)

    def note(self, collection, obj, text):
        entry = self._entry(collection, obj)
        if text not in entry["notes"]:
            entry["notes"].append(text)

    def mapping_table(self):
        order = dict((name, index) for index, name in enumerate(COLLECTION_NAMES))
        rows = []
        for (collection, source_id), entry in sorted(self.mapping.items(), key=lambda pair: (order.get(pair[0][0], 99), natural_key(pair[0][1]))):
            row = dict(source=entry["source"], targets=sorted(entry["targets"], key=lambda item: (item["kind"], natural_key(item["key"]))))
            if entry["notes"]:
                row["note"] = "; ".join(entry["notes"])
            rows.append(row)
        return rows
