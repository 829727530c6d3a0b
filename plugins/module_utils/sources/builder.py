# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every source adapter uses to assemble a canonical inventory.

An adapter reads its platform and calls :class:`InventoryBuilder`: ``add`` for each
object, ``not_collected`` for what it could not read, ``secret`` for values that must
never reach an artifact in clear text, ``audio_asset`` for greeting and recording files,
``row_problem`` for input rows it skipped. ``build()`` returns the inventory (stable
ordering, so the same source gives the same bytes), the secrets apart from it, and the
problems.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import COLLECTION_NAMES, SCHEMA_VERSION
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.model import Inventory
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.secrets import make_secret

_REF_UNSAFE = re.compile(r"[^A-Za-z0-9_.:/-]+")


class SourceError(Exception):
    """The source cannot be read at all (unreachable, refused credentials, missing file).

    The message names the source and never holds a credential.
    """


class DuplicateSourceId(ValueError):
    """An adapter added two objects with one source id to the same collection."""


def secret_ref(*parts):
    """A secret reference built from readable parts: ``secret_ref('vm_pin', '201')`` -> ``vm_pin/201``."""
    return "/".join(_REF_UNSAFE.sub("_", str(part)) for part in parts)


def sha256_file(path, chunk_size=1 << 16):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


def utc_now():
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class InventoryBuilder:
    """Collects objects for one inventory; see the module docstring."""

    def __init__(self, platform, version=None, instance=None, customer=None, default_region=None,
                 time_zone=None, collector=None, collected_at=None):
        self.source = dict(platform=platform, version=version, instance=instance, customer=customer,
                           default_region=default_region, time_zone=time_zone, collector=collector,
                           collected_at=collected_at or utc_now())
        self.collections = dict((name, {}) for name in COLLECTION_NAMES)
        self.secrets = {}
        self.problems = []

    def add(self, collection, obj):
        """Add one object (a dict in the schema's shape with a ``source_id``); returns it."""
        items = self.collections[collection]
        source_id = obj.get("source_id")
        if not source_id:
            raise ValueError("%s object without source_id: %r" % (collection, sorted(obj)))
        if source_id in items:
            raise DuplicateSourceId("%s: source id %r added twice" % (collection, source_id))
        items[source_id] = dict((key, value) for key, value in obj.items() if value is not None)
        return items[source_id]

    def get(self, collection, source_id):
        return self.collections[collection].get(source_id)

    def has(self, collection, source_id):
        return source_id in self.collections[collection]

    def not_collected(self, kind, source_id, reason, partner_action, related=None):
        """Record something the source has but could not be read (never guessed)."""
        entry = dict(source_id=source_id, kind=kind, reason=reason, partner_action=partner_action)
        if related:
            entry["related"] = list(related)
        return self.add("not_collected", entry)

    def secret(self, ref, value):
        """Keep ``value`` apart from the inventory and return the inventory's reference to it."""
        if value is None or value == "":
            return make_secret(None)
        self.secrets[ref] = str(value)
        return make_secret(ref)

    def audio_asset(self, source_id, file, path=None, name=None, audio_format=None, duration_seconds=None, purpose=None,
                    sha256=None, source_attributes=None):
        """Register an audio file.

        ``file`` is where the artifact lives relative to the host's state directory
        (e.g. ``audio/vm-201-unavail.wav``); ``sha256`` is computed from ``path``, the
        file as it is on disk now, when not given.
        """
        digest = sha256 or sha256_file(path)
        audio_format = audio_format or (file.rsplit(".", 1)[-1].lower() if "." in file else None)
        return self.add("audio_assets", dict(source_id=source_id, name=name, file=file, sha256=digest, format=audio_format,
                                             duration_seconds=duration_seconds, purpose=purpose,
                                             source_attributes=source_attributes))

    def row_problem(self, file, row, column, message):
        """An input row that was skipped or partly read: where it is and what is wrong."""
        self.problems.append(dict(file=file, row=row, column=column, message=message))

    def build(self):
        """The canonical inventory (ordered as artifacts are written), its secrets and the row problems."""
        data = dict(schema_version=SCHEMA_VERSION,
                    source=dict((key, value) for key, value in self.source.items() if value is not None))
        for name in COLLECTION_NAMES:
            data[name] = list(self.collections[name].values())
        inventory = Inventory.from_dict(data).to_dict()
        problems = sorted(self.problems, key=lambda p: (str(p["file"]), p["row"] or 0, str(p["column"] or ""), p["message"]))
        return dict(inventory=inventory, secrets=dict(sorted(self.secrets.items())), problems=problems)


def format_row_problem(problem):
    """One line per skipped row, as engineers read them: ``users.csv row 7, column mac: ...``."""
    where = "%s row %s" % (problem["file"], problem["row"])
    if problem.get("column"):
        where += ", column %s" % problem["column"]
    return "%s: %s" % (where, problem["message"])
