# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Assemble the canonical inventory of one NetSapiens domain (the logic behind ``netsapiens_collect``)."""

from __future__ import annotations

import io
import wave

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsApiError
from ansible_collections.ucaas.migration.plugins.module_utils.client.redaction import MASK
from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import InventoryBuilder, SourceError, secret_ref
from ansible_collections.ucaas.migration.plugins.module_utils.sources.netsapiens import mapping as nsmap
from ansible_collections.ucaas.migration.plugins.module_utils.sources.netsapiens.routing import RoutingCollector
from ansible_collections.ucaas.migration.plugins.module_utils.sources.netsapiens.scrape import download, read_domain, sha256_bytes, store_audio

COLLECTOR = "ucaas.migration netsapiens adapter"
AUDIO_DIR = "audio"


def collect_netsapiens(client, domain, dest, customer=None, default_region="US", time_zone=None, check_mode=False,
                       collected_at=None):
    """Scrape ``domain`` and return ``{inventory, secrets, problems, audio_files, changed}``.

    Raises :class:`SourceError` (naming the source host and domain) when the domain cannot be read.
    """
    try:
        objects = read_domain(client, domain, person_filter=lambda user: not str(user.get("service-code") or "").startswith("system-"))
    except NsApiError as exc:
        raise SourceError("NetSapiens source %s, domain %s: %s" % (client.host, domain, exc)) from None
    domain_object = objects.get("domain") or {}
    time_zone = time_zone or domain_object.get("time-zone") or None
    builder = InventoryBuilder("netsapiens", version=_version(client), instance=client.host,
                               customer=customer or domain_object.get("description") or domain,
                               default_region=default_region, time_zone=time_zone, collector=COLLECTOR,
                               collected_at=collected_at)
    collector = _Collector(client, builder, objects, dest, default_region, time_zone, check_mode)
    collector.run()
    result = builder.build()
    result["audio_files"] = sorted(collector.audio_files)
    result["changed"] = collector.changed
    return result


def audio_seconds(data, reported):
    """Length of WAV bytes (to 1/100 s), else the duration the API reported, else None."""
    try:
        with wave.open(io.BytesIO(data), "rb") as audio:
            return round(audio.getnframes() / float(audio.getframerate()), 2)
    except (wave.Error, EOFError, ZeroDivisionError):
        pass
    text = str(reported or "")
    return float(text) if text.replace(".", "", 1).isdigit() else None


def _version(client):
    try:
        answer = client.get("/version")
    except NsApiError:
        return None
    if isinstance(answer, dict):
        return str(answer.get("apiversion") or "") or None
    return None


class _Collector(RoutingCollector):
    """One collection run; the routing half (queues, attendants, rules, numbers) lives in RoutingCollector."""

    def __init__(self, client, builder, objects, dest, default_region, time_zone, check_mode):
        super().__init__(builder, default_region)
        self.client = client
        self.objects = objects
        self.dest = dest
        self.time_zone = time_zone
        self.check_mode = check_mode
        self.audio_files = []
        self.changed = False
        self.sites = {}
        self.users = {}           # extension -> ns user (people)
        self.mailboxes = {}       # extension -> ns user (virtual mailboxes)
        self.system = {}          # extension -> ns user (queue / attendant / router users)
        self.greetings = {}       # extension -> {index: audio asset source id}
        self.pin_missing = []

    def run(self):
        self.classify_users()
        self.collect_sites()
        self.collect_time_frames()
        self.collect_audio()
        self.collect_users()
        self.collect_devices()
        self.collect_routing()
        self.record_missing_pins()

    # -- users and what they are ----------------------------------------------------------------------

    def classify_users(self):
        devices_of = {}
        for device in self.objects.get("devices", []):
            devices_of.setdefault(str(device.get("user")), []).append(device)
            self.directory.device_owner[str(device.get("device"))] = str(device.get("user"))
        rules_of = {}
        for rule in self.objects.get("answerrules", []):
            rules_of.setdefault(str(rule.get("user")), []).append(rule)
        for user in self.objects.get("users", []):
            ext = str(user.get("user") or "")
            code = str(user.get("service-code") or "")
            if code in (nsmap.SYSTEM_QUEUE, nsmap.SYSTEM_AA, nsmap.SYSTEM_TOD):
                self.system[ext] = user
            elif code.startswith("system-"):
                self.unsupported_system_user(ext, code)
            elif nsmap.extension_or_none(ext) is None:
                continue  # platform plumbing such as the "domain" defaults user
            elif not devices_of.get(ext) and self.is_mailbox(user, rules_of.get(ext, [])):
                self.mailboxes[ext] = user
            else:
                self.users[ext] = user
        self.rules_of = rules_of
        for ext in self.users:
            self.directory.add(ext, {"type": "user", "id": "u-%s" % ext},
                               {"type": "voicemail", "id": "vm-%s" % ext} if nsmap.yes(self.users[ext].get("voicemail-enabled")) else None)
        for ext in self.mailboxes:
            self.directory.add(ext, {"type": "virtual_mailbox", "id": "vmb-%s" % ext}, {"type": "virtual_mailbox", "id": "vmb-%s" % ext})
        self.register_system_users()

    @staticmethod
    def is_mailbox(user, rules):
        """A user without devices that only takes messages: scope No Portal, or an always-on forward to its own voicemail."""
        if str(user.get("user-scope") or "") == "No Portal":
            return True
        own = "vmail_%s" % user.get("user")
        for rule in rules:
            forward = rule.get("forward-always") or {}
            if nsmap.yes(rule.get("enabled")) and nsmap.yes(forward.get("enabled")) and own in (forward.get("parameters") or []):
                return True
        return False

    def unsupported_system_user(self, ext, code):
        self.builder.not_collected(
            "system_user", "system-user-%s" % ext,
            "Extension %s is a system user with service code %s, which has no equivalent in the canonical model." % (ext, code),
            "Describe what extension %s does (it is reached by its extension) so it can be rebuilt by hand." % ext)

    # -- sites, time frames ----------------------------------------------------------------------------

    def collect_sites(self):
        for site in self.objects.get("sites", []):
            name = str(site.get("site") or "")
            if not name:
                continue
            source_id = "site-%s" % nsmap.slug(name)
            self.sites[name] = source_id
            number = nsmap.e164(site.get("caller-id-number"), self.default_region)
            caller_id = dict((key, value) for key, value in (("name", site.get("caller-id-name") or None), ("number", number)) if value)
            self.builder.add("sites", {
                "source_id": source_id, "name": name, "time_zone": site.get("time-zone") or None,
                "caller_id": caller_id or None,
                "emergency_caller_id": nsmap.e164(site.get("caller-id-number-emergency"), self.default_region)})

    def site_id(self, user):
        return self.sites.get(str(user.get("site") or ""))

    def collect_time_frames(self):
        for frame in self.objects.get("timeframes", []):
            self.add_time_frame(frame, "tf-%s" % nsmap.slug(frame.get("timeframe-name") or frame.get("timeframe-id")), None, self.time_zone)
        for frame in self.objects.get("usertimeframes", []):
            ext = str(frame.get("user"))
            if ext not in self.users and ext not in self.mailboxes:
                continue
            owner = self.users.get(ext) or self.mailboxes.get(ext)
            source_id = "tf-%s-%s" % (ext, nsmap.slug(frame.get("timeframe-name") or frame.get("timeframe-id")))
            owner_id = "u-%s" % ext if ext in self.users else None
            self.add_time_frame(frame, source_id, ext, owner.get("time-zone") or self.time_zone, owner_id)

    def add_time_frame(self, frame, source_id, owner_ext, time_zone, owner_user_id=None):
        if self.builder.has("time_frames", source_id):
            source_id = "%s-%s" % (source_id, frame.get("timeframe-id"))
        item, unsupported = nsmap.time_frame(frame, source_id, time_zone, owner_user_id)
        self.builder.add("time_frames", item)
        for key in (frame.get("timeframe-name"), frame.get("timeframe-id")):
            if key not in (None, ""):
                self.time_frames[(owner_ext, str(key))] = (source_id, item["kind"])
        if unsupported:
            self.builder.not_collected(
                "time_frame_detail", "time-frame-detail-%s" % source_id,
                "Time frame %r uses %s, which the canonical model cannot express; it was collected without it." % (
                    item["name"], "; ".join(unsupported)),
                "Confirm how time frame %r should behave on the new platform." % item["name"],
                related=[{"type": "time_frame", "id": source_id}])

    # -- greetings -------------------------------------------------------------------------------------

    def collect_audio(self):
        for greeting in self.objects.get("greetings", []):
            ext = str(greeting.get("user") or "")
            index = str(greeting.get("index") or greeting.get("ordinal-order") or "")
            if not ext or not index:
                continue
            source_id = "aud-%s-%s" % (ext, index)
            filename = str(greeting.get("filename") or "greeting-%s.wav" % index)
            audio_format = filename.rsplit(".", 1)[-1].lower() if "." in filename else "wav"
            relative = "%s/ns-%s-greeting-%s.%s" % (AUDIO_DIR, ext, index, audio_format)
            url = greeting.get("file-access-url")
            data, reason = (None, "the API gave no file-access-url") if not url else download(self.client, url)
            if data is None:
                self.builder.not_collected(
                    "greeting", "greeting-%s-%s" % (ext, index),
                    "Greeting %s of extension %s could not be downloaded: %s." % (index, ext, reason),
                    "Export greeting %s of extension %s as a WAV file and provide it." % (index, ext))
                continue
            if store_audio(self.dest, relative, data, self.check_mode):
                self.changed = True
            self.audio_files.append(relative)
            purpose = "voicemail_greeting"
            if ext in self.system:
                purpose = {nsmap.SYSTEM_AA: "menu_greeting", nsmap.SYSTEM_QUEUE: "queue_greeting"}.get(
                    self.system[ext].get("service-code"), "announcement")
            self.builder.audio_asset(
                source_id, relative, sha256=sha256_bytes(data), name=filename, audio_format=audio_format,
                duration_seconds=audio_seconds(data, greeting.get("file-duration-seconds")),
                purpose=purpose, source_attributes={"filename": filename, "index": index, "user": ext})
            if greeting.get("file-script-text"):
                self.builder.get("audio_assets", source_id)["transcript"] = str(greeting["file-script-text"])
            self.greetings.setdefault(ext, {})[index] = source_id

    def voicemail_greetings(self, user):
        ext = str(user.get("user"))
        active = str(user.get("voicemail-greeting-index") or "")
        return [{"kind": "unavailable", "audio_asset_id": asset, "active": index == active}
                for index, asset in sorted(self.greetings.get(ext, {}).items(), key=lambda pair: int(pair[0]) if pair[0].isdigit() else 0)]

    # -- people, voicemail, mailboxes ------------------------------------------------------------------

    def pin(self, user, owner):
        value = user.get("voicemail-login-pin")
        if value in (None, "", MASK):
            self.pin_missing.append(owner)
            return {"is_set": False}
        return self.builder.secret(secret_ref("vm_pin", user.get("user")), value)

    def collect_users(self):
        for ext, user in self.users.items():
            first = str(user.get("name-first-name") or "").strip() or ext
            last = str(user.get("name-last-name") or "").strip() or ext
            addresses = nsmap.emails(user.get("email"))
            number = nsmap.e164(user.get("caller-id-number"), self.default_region)
            caller_id = dict((key, value) for key, value in (("name", user.get("caller-id-name") or None), ("number", number)) if value)
            directory = dict((key, nsmap.yes(user.get(field))) for key, field in (
                ("listed", "directory-name-visible-in-list-enabled"), ("dial_by_name", "directory-announce-in-dial-by-name-enabled"))
                if nsmap.yes(user.get(field)) is not None)
            language = str(user.get("language-token") or "").replace("_", "-") or None
            self.builder.add("users", {
                "source_id": "u-%s" % ext, "extension": ext, "first_name": first, "last_name": last,
                "display_name": "%s %s" % (first, last), "email": addresses[0] if addresses else None,
                "department": user.get("department") or None, "site_id": self.site_id(user),
                "time_zone": user.get("time-zone") or None, "language": language,
                "caller_id": caller_id or None,
                "emergency_caller_id": nsmap.e164(user.get("caller-id-number-emergency"), self.default_region),
                "ring_seconds": nsmap.positive_int(user.get("ring-no-answer-timeout-seconds")),
                "directory": directory or None,
                "source_attributes": dict((key, str(user[key])) for key in ("user-scope", "dial-policy", "service-code")
                                          if user.get(key) not in (None, "")) or None})
            if nsmap.yes(user.get("voicemail-enabled")) is not None:
                owner = {"type": "voicemail", "id": "vm-%s" % ext}
                self.builder.add("voicemail_boxes", {
                    "source_id": "vm-%s" % ext, "user_id": "u-%s" % ext, "mailbox": ext,
                    "enabled": bool(nsmap.yes(user.get("voicemail-enabled"))), "pin": self.pin(user, owner),
                    "greetings": self.voicemail_greetings(user) or None,
                    "notification": nsmap.voicemail_notification(user)})
            self.copy_list(user, {"type": "user", "id": "u-%s" % ext})
        for ext, user in self.mailboxes.items():
            name = " ".join(part for part in (str(user.get("name-first-name") or ""), str(user.get("name-last-name") or ""))
                            if part and part != ext) or "Mailbox %s" % ext
            owner = {"type": "virtual_mailbox", "id": "vmb-%s" % ext}
            self.builder.add("virtual_mailboxes", {
                "source_id": "vmb-%s" % ext, "extension": ext, "name": name, "site_id": self.site_id(user),
                "pin": self.pin(user, owner), "greetings": self.voicemail_greetings(user) or None,
                "notification": nsmap.voicemail_notification(user)})
            self.copy_list(user, owner)

    def copy_list(self, user, related):
        if user.get("email-send-alert-new-voicemail-cc-list-csv"):
            self.builder.not_collected(
                "voicemail_copy", "voicemail-copy-%s" % user.get("user"),
                "Extension %s copies new voicemails to %s; the canonical model has no voicemail copy list." % (
                    user.get("user"), user.get("email-send-alert-new-voicemail-cc-list-csv")),
                "Confirm whether extension %s should keep copying voicemails to those users." % user.get("user"),
                related=[related])

    def record_missing_pins(self):
        if not self.pin_missing:
            return
        self.builder.not_collected(
            "voicemail_pin", "voicemail-pins",
            "ns-api never returns voicemail-login-pin (write-only), so the PINs of %d voicemail boxes are unknown." % len(self.pin_missing),
            "Provide the current voicemail PIN of each related box (ucaas_secrets vm_pin/<extension>), "
            "or agree that new PINs are set and users are told.",
            related=sorted(self.pin_missing, key=lambda item: (item["type"], item["id"])))

    # -- devices and phones ----------------------------------------------------------------------------

    def collect_devices(self):
        owners = dict(self.directory.device_owner)
        on_phones = set()
        for phone in self.objects.get("phones", []):
            mac = str(phone.get("device-provisioning-mac-address") or "").lower()
            brand, model = nsmap.split_brand_model(phone.get("device-models-brand-and-model"))
            lines = []
            for number in range(1, 9):
                uri = str(phone.get("device-provisioning-sip-uri-%d" % number) or "")
                device = uri[4:].split("@", 1)[0] if uri.startswith("sip:") else ""
                if not device:
                    continue
                on_phones.add(device)
                ext = owners.get(device)
                if ext in self.users:
                    line = {"line": number, "user_id": "u-%s" % ext}
                    if nsmap.yes(phone.get("device-provisioning-sip-uri-%d-shared-line-enabled" % number)):
                        line["shared"] = True
                    lines.append(line)
            kind = "ata" if "ata" in str(model or "").lower().split() or nsmap.yes(phone.get("device-models-fxs-support-enabled")) else "desk_phone"
            self.builder.add("devices", {
                "source_id": "dev-%s" % mac, "type": kind, "mac": mac, "brand": brand, "model": model,
                "name": phone.get("notes") or None, "lines": lines or None,
                "site_id": self.site_id(self.users[lines[0]["user_id"][2:]]) if lines else None,
                "source_attributes": {"device-models-brand-and-model": str(phone.get("device-models-brand-and-model") or "")}})
        for device in self.objects.get("devices", []):
            name = str(device.get("device") or "")
            ext = str(device.get("user") or "")
            if name in on_phones or ext not in self.users:
                continue
            mac = str(device.get("device-provisioning-mac-address") or "").lower() or None
            brand, model = nsmap.split_brand_model(device.get("device-models-model"))
            self.builder.add("devices", {
                "source_id": "dev-%s" % (mac or name), "type": "desk_phone" if mac else "softphone", "mac": mac,
                "brand": brand, "model": model, "name": name, "site_id": self.site_id(self.users[ext]),
                "lines": [{"line": 1, "user_id": "u-%s" % ext}],
                "source_attributes": {"device": name}})
