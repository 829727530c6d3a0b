# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Collect a FreePBX or plain Asterisk system into the canonical inventory (runs on the PBX)."""

from __future__ import annotations

import os

from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import InventoryBuilder, SourceError
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx import freepbx_routing as routing
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.asterisk_conf import read_voicemail_conf
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.asterisk_files import collect_asterisk
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.astdb import AstDB, read_astdb
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.audio import AudioCatalog
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.destinations import DestinationResolver
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.freepbx_db import PeopleMapper, read_tables
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.mysql import MysqlClient, read_freepbx_conf

COLLECTOR = "ucaas.migration freepbx_collect"
DEFAULTS = dict(
    mode="auto", freepbx_conf="/etc/freepbx.conf", asterisk_etc="/etc/asterisk", astdb="/var/lib/asterisk/astdb.sqlite3",
    voicemail_spool="/var/spool/asterisk/voicemail", sounds_dir="/var/lib/asterisk/sounds", sound_languages=["en"],
    mysql_command="mysql", db_host=None, db_port=None, db_user=None, db_password=None, db_name=None, db_socket=None,
    customer=None, default_region="US", time_zone=None, instance=None, ivr_extension_base=7000, inbound_contexts=None, year=None,
    db_timeout=120,
)
# Destination columns read before mapping, to tell top-level IVRs from sub-IVRs.
_ROUTING_COLUMNS = (("incoming", "destination"), ("timeconditions", "truegoto"), ("timeconditions", "falsegoto"), ("ringgroups", "postdest"),
                    ("queues_config", "dest"), ("users", "noanswer_dest"), ("users", "busy_dest"), ("users", "chanunavail_dest"),
                    ("findmefollow", "postdest"), ("announcement", "post_dest"))


class CollectContext:
    """What the mapping steps share: the builder, the destination resolver, options and source data."""

    def __init__(self, options, platform, version=None):
        self.options = options
        self.region = (options.get("default_region") or "US").upper()
        self.time_zone = options.get("time_zone")
        self.builder = InventoryBuilder(platform, version=version, instance=options.get("instance"), customer=options.get("customer"),
                                        default_region=self.region, time_zone=self.time_zone, collector=COLLECTOR)
        self.year = int(options.get("year") or self.builder.source["collected_at"][:4])
        self.resolver = DestinationResolver(self.builder, self.region)
        self.audio = AudioCatalog(self.builder)
        self.astdb = AstDB()
        self.astdb_read = False
        self.voicemail_conf = {}

    def load_common(self):
        self.voicemail_conf = read_voicemail_conf(os.path.join(self.options["asterisk_etc"], "voicemail.conf"))
        path = self.options.get("astdb")
        if path and os.path.isfile(path):
            self.astdb = AstDB(read_astdb(path))
            self.astdb_read = True
        else:
            self.builder.not_collected("astdb", "astdb", "The AstDB %s was not found: user-set call forwards, DND and follow-me on/off states were not read."
                                       % (path or "(not configured)"),
                                       "Ask users which forwards and do-not-disturb settings they use, or give the astdb option.")

    def result(self):
        built = self.builder.build()
        built["audio_files"] = sorted(self.audio.files, key=lambda f: f["file"])
        return built


def choose_mode(options):
    mode = options.get("mode") or "auto"
    if mode != "auto":
        return mode
    if os.path.isfile(options["freepbx_conf"]):
        return "freepbx"
    if any(os.path.isfile(os.path.join(options["asterisk_etc"], name)) for name in ("pjsip.conf", "extensions.conf", "voicemail.conf")):
        return "asterisk"
    raise SourceError("neither %s nor Asterisk configuration files in %s were found: is this the PBX host?"
                      % (options["freepbx_conf"], options["asterisk_etc"]))


def database_client(options):
    """The database client, credentials from freepbx.conf unless overridden by the db_* options."""
    conf = read_freepbx_conf(options["freepbx_conf"]) if os.path.isfile(options["freepbx_conf"]) or not options.get("db_user") else {}
    host = options.get("db_host") or conf.get("AMPDBHOST") or None
    return MysqlClient(
        command=options.get("mysql_command") or "mysql", host=host, port=options.get("db_port") or conf.get("AMPDBPORT") or None,
        user=options.get("db_user") or conf.get("AMPDBUSER"), password=options.get("db_password") if options.get("db_password") is not None
        else conf.get("AMPDBPASS"), database=options.get("db_name") or conf.get("AMPDBNAME") or "asterisk",
        socket=options.get("db_socket") or conf.get("AMPDBSOCK") or None, timeout=options.get("db_timeout") or 120)


def collect(options, client=None):
    """Collect with ``options`` (see DEFAULTS); returns {inventory, secrets, problems, audio_files}."""
    options = dict(DEFAULTS, **dict((k, v) for k, v in options.items() if v is not None))
    mode = choose_mode(options)
    if mode == "asterisk":
        ctx = CollectContext(options, "asterisk")
        ctx.load_common()
        collect_asterisk(ctx)
        return ctx.result()
    client = client or database_client(options)
    ctx = CollectContext(options, "freepbx")
    tables = read_tables(client, ctx.builder)
    version = next((row.get("value") for row in tables["admin"] if row.get("variable") == "version"), None)
    ctx.builder.source["version"] = version or None
    ctx.load_common()
    collect_freepbx(ctx, tables)
    return ctx.result()


def collect_freepbx(ctx, tables):
    people = PeopleMapper(ctx, tables)
    people.classify()
    resolver = ctx.resolver
    resolver.hunt_groups.update(row["grpnum"] for row in tables["ringgroups"])
    resolver.queues.update(row["extension"] for row in tables["queues_config"])
    groups = set(row["id"] for row in tables["timegroups_groups"])
    resolver.time_conditions.update(row["timeconditions_id"] for row in tables["timeconditions"]
                                    if (row.get("mode") or "time-group") == "time-group" and row.get("time") in groups)
    routing.announcements(ctx, tables)
    refs = [row.get(column) or "" for table, column in _ROUTING_COLUMNS for row in tables[table]]
    locations = routing.ivr_locations(tables, refs)
    for ivr_id, (attendant, menu_id, dummy) in locations.items():
        resolver.ivr_menus[ivr_id] = (attendant, menu_id)

    assets = routing.recordings(ctx, tables)
    people.users()
    people.voicemail()
    people.devices_and_phones()
    people.fax()
    routing.ring_groups(ctx, tables, assets)
    routing.queues(ctx, tables, assets)
    used = set(resolver.users) | resolver.virtual_mailboxes | resolver.hunt_groups | resolver.queues
    routing.ivrs(ctx, tables, assets, locations, used)
    routing.time_conditions(ctx, tables)
    routing.dids(ctx, tables)
    routing.answer_rules(ctx, tables)
