# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Collect a list of offline files (Bulk Handler exports, partner templates) into one inventory."""

from __future__ import annotations

import os

from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import InventoryBuilder, SourceError
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets import bulk_handler, greetings, partner
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.columns import TEMPLATES, header_map
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.context import CollectContext
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.tables import Row, Table, read_table

# Files are mapped in this order whatever order they are listed in: users before the
# devices and numbers that name them, greetings last (they attach to voicemail boxes).
KINDS = ("freepbx_extensions", "users", "devices", "freepbx_dids", "dids", "greetings")
BULK_HANDLER_KINDS = ("freepbx_extensions", "freepbx_dids")
COLLECTOR = "ucaas.migration spreadsheet_collect"
# What the partner templates cannot hold; recorded so the scope and the SOW show it.
TEMPLATE_GAPS = (
    ("hunt_groups", "hunt groups (ring groups)"),
    ("queues", "call queues and their agents"),
    ("auto_attendants", "auto attendants (IVR menus)"),
    ("time_frames", "business hours, holidays and time-of-day routing"),
    ("answer_rules", "users' answering and forwarding rules"),
)


def display_name(path, base_dir):
    """How a file is named in problems: relative to ``base_dir`` when inside it."""
    if base_dir:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(base_dir))
        if not relative.startswith(".."):
            return relative
    return path


def _template_table(table, kind):
    """Rename aliases to template column names; refuse a file without a required column."""
    columns = TEMPLATES[kind]
    mapping = header_map(columns)
    renamed = dict((header, mapping[header]) for header in table.headers if header in mapping)
    missing = [column.name for column in columns if column.required and column.name not in renamed.values()]
    if missing:
        raise SourceError("%s: missing required column%s %s (the %s template's header row names them)" % (
            table.file, "" if len(missing) == 1 else "s", ", ".join(missing), kind))
    rows = []
    for row in table.rows:
        values = {}
        for header, value in row.values.items():
            name = renamed.get(header)
            if name and not values.get(name):
                values[name] = value
        rows.append(Row(row.file, row.number, values))
    unknown = [header for header in table.headers if header not in mapping]
    return Table(table.file, sorted(set(renamed.values())), rows), unknown


def _bulk_table(table, kind):
    if "extension" not in table.headers:
        raise SourceError("%s: missing required column extension (not a Bulk Handler %s export?)" % (
            table.file, "extensions" if kind == "freepbx_extensions" else "DIDs"))
    return table, []


def collect_files(files, base_dir=None, dest=None, platform="spreadsheet", customer=None, default_region="US",
                  time_zone=None, instance=None, check_mode=False, collected_at=None):
    """Read every file, then map them; returns inventory, secrets, problems, audio_files, changed.

    A file that cannot be read at all raises SourceError before anything is written.
    """
    base_dir = base_dir or os.getcwd()
    tables = []
    for position, item in enumerate(files):
        kind, path = item["kind"], item["path"]
        if kind not in KINDS:
            raise SourceError("files[%d]: kind %r is not one of %s" % (position, kind, ", ".join(KINDS)))
        full_path = path if os.path.isabs(path) else os.path.join(base_dir, path)
        file = display_name(full_path, base_dir)
        table = read_table(full_path, file=file, sheet=kind)
        table, unknown = _bulk_table(table, kind) if kind in BULK_HANDLER_KINDS else _template_table(table, kind)
        tables.append((KINDS.index(kind), position, kind, table, unknown))
    if any(kind == "greetings" for _order, _position, kind, _table, _unknown in tables) and not dest:
        raise SourceError("a greetings manifest is listed but no dest (state directory) to copy the audio into")

    builder = InventoryBuilder(platform, instance=instance, customer=customer, default_region=default_region,
                               time_zone=time_zone, collector=COLLECTOR, collected_at=collected_at)
    ctx = CollectContext(builder, default_region)
    audio_files = []
    changed = False
    for _order, _position, kind, table, unknown in sorted(tables, key=lambda entry: entry[:2]):
        for header in unknown:
            builder.row_problem(table.file, 1, header, "not a column of the %s template; column ignored" % kind)
        if kind == "freepbx_extensions":
            bulk_handler.collect_extensions(ctx, table)
        elif kind == "freepbx_dids":
            bulk_handler.collect_dids(ctx, table)
        elif kind == "users":
            partner.collect_users(ctx, table)
        elif kind == "devices":
            partner.collect_devices(ctx, table)
        elif kind == "dids":
            partner.collect_dids(ctx, table)
        else:
            written, wrote = greetings.collect_greetings(ctx, table, base_dir, dest, check_mode)
            audio_files.extend(written)
            changed = changed or wrote
    kinds = set(entry[2] for entry in tables)
    if kinds & set(BULK_HANDLER_KINDS):
        bulk_handler.scope_gaps(ctx)
    if kinds - set(BULK_HANDLER_KINDS):
        for name, label in TEMPLATE_GAPS:
            ctx.gap("partner_templates:%s" % name, name, "The partner spreadsheet templates hold DIDs, devices, users and greetings, not %s." % label,
                    "Describe the %s to the project team, or give access to the source platform." % label)
    result = builder.build()
    result["audio_files"] = sorted(set(audio_files))
    result["changed"] = changed
    return result
