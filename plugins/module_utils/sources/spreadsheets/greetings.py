# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The greetings manifest: audio files the partner provides, copied into ``<dest>/audio/``.

Each row names a file relative to ``base_dir`` (where the partner files were delivered),
its purpose and its owner.  The file is copied atomically, and only when the copy's
sha256 differs, so a second run changes nothing; it is registered as an audio asset and,
for a voicemail greeting, attached to the owner's voicemail box.
"""

from __future__ import annotations

import os

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import write_if_changed
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import AUDIO_FORMATS, AUDIO_PURPOSES, GREETING_KINDS
from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import sha256_file
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets import fields as cells
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.columns import GREETING_OWNER_TYPES
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.context import user_id, voicemail_id

AUDIO_DIR = "audio"


def artifact_name(relative):
    """``greetings/201 Unavailable.WAV`` -> ``audio/greetings-201-unavailable.wav`` (unique per provided path)."""
    stem, suffix = os.path.splitext(relative)
    return "%s/%s%s" % (AUDIO_DIR, cells.slug(stem), suffix.lower())


def _inside(base_dir, relative):
    if os.path.isabs(relative) or ".." in relative.replace("\\", "/").split("/"):
        return None
    return os.path.join(base_dir, relative)


def copy_if_changed(source, target, check_mode):
    """Copy ``source`` to ``target`` (atomically, only when it differs); True when (it would be) written."""
    with open(source, "rb") as handle:
        changed, dummy_before = write_if_changed(target, handle.read(), check_mode=check_mode)
    return changed


def collect_greetings(ctx, table, base_dir, dest, check_mode):
    """Map the manifest; returns (artifact files, changed)."""
    files = []
    changed = False
    for row in table.rows:
        fields = cells.RowFields(ctx.builder, row, ctx.default_region)
        try:
            entry = _read_row(ctx, fields, base_dir)
        except cells.SkipRow:
            continue
        relative, source, purpose, owner_type, extension, kind = entry
        artifact = artifact_name(relative)
        digest = sha256_file(source)
        changed = copy_if_changed(source, os.path.join(dest, artifact), check_mode) or changed
        files.append(artifact)
        asset_id = "aud-%s" % cells.slug(os.path.splitext(relative)[0])
        attributes = dict(provided_as=relative, owner_type=owner_type, owner_extension=extension)
        asset = ctx.builder.audio_asset(asset_id, artifact, sha256=digest, purpose=purpose,
                                        name=fields.optional("name") or os.path.basename(relative),
                                        source_attributes=dict((k, v) for k, v in attributes.items() if v))
        transcript = fields.optional("transcript")
        if transcript:
            asset["transcript"] = transcript
        if purpose == "voicemail_greeting" and owner_type == "user":
            _attach(ctx, extension, kind, asset_id, fields.optional("active", cells.yes_no))
    return sorted(files), changed


def _read_row(ctx, fields, base_dir):
    relative = fields.required("file")
    source = _inside(base_dir, relative)
    if source is None:
        fields.problem("file", "%r is not a path inside the partner files folder; %s" % (relative, cells.SKIPPED))
        raise cells.SkipRow()
    if not os.path.isfile(source):
        fields.problem("file", "%r does not exist in the partner files folder; %s" % (relative, cells.SKIPPED))
        raise cells.SkipRow()
    audio_format = os.path.splitext(relative)[1][1:].lower()
    if audio_format not in AUDIO_FORMATS:
        fields.problem("file", "%r is not an audio format the platform takes (%s); %s" % (
            relative, ", ".join(AUDIO_FORMATS), cells.SKIPPED))
        raise cells.SkipRow()
    purpose = fields.required("purpose", cells.one_of(AUDIO_PURPOSES))
    owner_type = fields.optional("owner_type", cells.one_of(GREETING_OWNER_TYPES)) or "user"
    extension = None
    kind = None
    if owner_type != "company":
        extension = fields.required("extension", fields.extension)
    if purpose == "voicemail_greeting" and owner_type == "user":
        kind = fields.optional("greeting_kind", cells.one_of(GREETING_KINDS)) or "unavailable"
        ctx.claim(fields, "greetings", "greeting_kind", "%s/%s" % (extension, kind), "greeting of extension/kind")
    ctx.claim(fields, "greeting_files", "file", relative, "file")
    return relative, source, purpose, owner_type, extension, kind


def _attach(ctx, extension, kind, asset_id, active):
    box = ctx.builder.get("voicemail_boxes", voicemail_id(extension))
    if box is None:
        # the box of a user collected elsewhere; inventory_merge attaches it by extension
        box = ctx.builder.add("voicemail_boxes", dict(source_id=voicemail_id(extension), user_id=user_id(extension),
                                                      mailbox=extension, enabled=True))
    box.setdefault("greetings", []).append(dict(kind=kind, audio_asset_id=asset_id, active=True if active is None else active))
