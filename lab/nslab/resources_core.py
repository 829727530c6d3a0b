# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resellers, domains, sites, users, devices, phone numbers, SMS numbers, phones (MAC/NDP).

Behaviours taken from the spec and NOTES.md: writes answer 202 unless
``synchronous: yes``; 404/409 bodies use the spec's messages; user create adds
the default ``*`` answer rule; user delete removes the user's devices, answer
rules, greetings, time frames and auto attendants but leaves phone numbers,
SMS numbers and queue agent rows pointing at it.
"""
from __future__ import annotations

import re
import secrets

from .routing import ApiError, now_text

DOMAIN_KINDS = ("site", "user", "phonenumber", "smsnumber", "callqueue", "timeframe")
USER_KINDS = ("device", "answerrule", "greeting", "usertimeframe", "autoattendant")
WRITE_ONLY = {"user": ("voicemail-login-pin",)}
_MAC = re.compile(r"^[0-9A-Fa-f]{12}$")
API_VERSION = "45.0"


def user_scope(domain, user):
    return "%s/%s" % (domain, user)


def public(kind, body):
    """What a read returns: the stored object minus write-only fields."""
    hidden = WRITE_ONLY.get(kind, ())
    return {k: v for k, v in body.items() if k not in hidden}


def require_reseller(call, reseller, for_write=False):
    found = call.store.get("reseller", "", reseller, include_pending=for_write)
    if found is None:
        raise ApiError(404, "Reseller %s does not exist" % reseller)
    return found


def require_domain(call, domain, for_write=False):
    found = call.store.get("domain", "", domain, include_pending=for_write)
    if found is None:
        raise ApiError(404, "Domain %s does not exist" % domain)
    return found


def require_user(call, domain, user, for_write=False):
    require_domain(call, domain, for_write)
    found = call.store.get("user", domain, user, include_pending=for_write)
    if found is None:
        raise ApiError(404, "User %s does not exist in domain %s" % (user, domain))
    return found


def require_field(fields, name):
    value = fields.get(name)
    if value in (None, ""):
        raise ApiError(400, "Missing required field %s" % name)
    return str(value)


def stamp(body, created=False):
    now = now_text()
    if created:
        body.setdefault("created-datetime", now)
    body["last-modified-datetime"] = now
    return body


def update_object(call, kind, scope, name, missing_message, key_fields=()):
    """Merge the request fields into an existing object (write side)."""
    current = call.store.get(kind, scope, name, include_pending=True)
    if current is None:
        raise ApiError(404, missing_message)
    fields = call.fields()
    for key in key_fields:
        fields.pop(key, None)
    current.update(fields)
    stamp(current)
    call.store.put(kind, scope, name, current, call.delay)
    return current


def read_object(call, kind, scope, name, missing_message):
    found = call.store.get(kind, scope, name)
    if found is None:
        raise ApiError(404, missing_message)
    return 200, public(kind, found)


# -- version / key introspection -------------------------------------------------
def get_version(_call):
    return 200, {"apiversion": API_VERSION, "hostname": "nslab", "current-time": now_text()}


def get_my_apikey(call):
    ident = call.identity
    if ident.get("kind") != "apikey":
        raise ApiError(404, "Record not found")
    return 200, {k: ident[k] for k in ("key-id", "description", "reseller", "domain", "user", "user-scope", "readonly")}


# -- resellers --------------------------------------------------------------------
def list_resellers(call):
    return 200, call.page(kind="reseller", scope="")


def count_resellers(call):
    return 200, {"total": call.store.count("reseller", "")}


def create_reseller(call):
    fields = call.fields()
    name = require_field(fields, "reseller")
    if call.store.get("reseller", "", name, include_pending=True) is not None:
        raise ApiError(409, "Reseller with name already exits")
    body = stamp(dict(fields), created=True)
    call.store.put("reseller", "", name, body, call.delay)
    return call.reply(body)


def get_reseller(call):
    return read_object(call, "reseller", "", call.params["reseller"], "Reseller %s does not exist" % call.params["reseller"])


def update_reseller(call):
    name = call.params["reseller"]
    return call.reply(update_object(call, "reseller", "", name, "Reseller %s does not exist" % name, ("reseller",)))


def delete_reseller(call):
    name = call.params["reseller"]
    require_reseller(call, name, for_write=True)
    if any(d.get("reseller") == name for d in call.store.list("domain", "", include_pending=True)):
        raise ApiError(409, "Cannot delete reseller with domains assigned")
    call.store.delete("reseller", "", name, call.delay)
    return call.reply({})


# -- domains ----------------------------------------------------------------------
def list_domains(call):
    return 200, call.page(kind="domain", scope="")


def count_domains(call):
    return 200, {"total": call.store.count("domain", "")}


def create_domain(call):
    fields = call.fields()
    name = require_field(fields, "domain")
    reseller = require_field(fields, "reseller")
    if reseller == "~":
        reseller = fields["reseller"] = call.identity.get("reseller", "")
    require_reseller(call, reseller, for_write=True)
    if call.store.get("domain", "", name, include_pending=True) is not None:
        raise ApiError(409, "Domain Already Exists")
    body = stamp(dict(fields), created=True)
    body.setdefault("dial-plan", name)
    call.store.put("domain", "", name, body, call.delay)
    return call.reply(body)


def get_domain(call):
    name = call.params["domain"]
    return read_object(call, "domain", "", name, "Domain %s does not exist" % name)


def domain_exists(call):
    require_domain(call, call.params["domain"])
    return 200, {"total": 1}


def update_domain(call):
    name = call.params["domain"]
    return call.reply(update_object(call, "domain", "", name, "Domain %s does not exist" % name, ("domain",)))


def delete_domain(call):
    name = call.params["domain"]
    require_domain(call, name, for_write=True)
    store = call.store
    with store.transaction():
        for user in store.keys("user", name):
            store.delete_scope(USER_KINDS, user_scope(name, user[1]), call.delay)
        for queue in store.keys("callqueue", name):
            store.delete_scope(("agent",), user_scope(name, queue[1]), call.delay)
        store.delete_scope(DOMAIN_KINDS, name, call.delay)
        for mac, phone in [(p["device-provisioning-mac-address"].lower(), p) for p in store.list("phone", "")]:
            if phone.get("domain") == name:
                store.delete("phone", "", mac, call.delay)
        store.delete("domain", "", name, call.delay)
    return call.reply({})


# -- sites (the spec has no DELETE) -----------------------------------------------
def list_sites(call):
    require_domain(call, call.params["domain"])
    return 200, call.page(kind="site", scope=call.params["domain"])


def list_sites_basic(call):
    status, rows = list_sites(call)
    return status, [{"site": r.get("site"), "domain": r.get("domain")} for r in rows]


def count_sites(call):
    require_domain(call, call.params["domain"])
    return 200, {"total": call.store.count("site", call.params["domain"])}


def create_site(call):
    domain = call.params["domain"]
    require_domain(call, domain, for_write=True)
    fields = call.fields()
    name = require_field(fields, "site")
    if call.store.get("site", domain, name, include_pending=True) is not None:
        raise ApiError(409, "Site %s already exists in domain %s" % (name, domain))
    body = stamp(dict(fields, domain=domain), created=True)
    call.store.put("site", domain, name, body, call.delay)
    return call.reply(body)


def get_site(call):
    domain, name = call.params["domain"], call.params["site"]
    require_domain(call, domain)
    return read_object(call, "site", domain, name, "Site %s does not exist in domain %s" % (name, domain))


def update_site(call):
    domain, name = call.params["domain"], call.params["site"]
    require_domain(call, domain, for_write=True)
    return call.reply(update_object(call, "site", domain, name, "Site %s does not exist in domain %s" % (name, domain), ("site", "domain")))


# -- users --------------------------------------------------------------------------
def default_answer_rule(domain, user):
    """The rule v2 user create adds: time frame ``*``, ring all the user's devices."""
    off = {"enabled": "no", "parameters": []}
    return stamp({
        "domain": domain, "user": user, "time-frame": "*", "enabled": "yes", "order": 99,
        "simultaneous-ring": {"enabled": "yes", "parameters": ["<OwnDevices>"]},
        "forward-always": dict(off), "forward-on-busy": dict(off), "forward-no-answer": dict(off),
        "forward-when-unregistered": dict(off), "forward-on-active": dict(off), "forward-on-dnd": dict(off),
        "forward-on-spam-call": dict(off), "do-not-disturb": {"enabled": "no"}, "call-screening": {"enabled": "no"},
    }, created=True)


def insert_user(store, domain, fields, delay=0.0):
    """Create a user and its default answer rule (also used for system users and seeds)."""
    name = str(fields["user"])
    body = dict(fields, domain=domain, user=name)
    body.setdefault("user-scope", "Basic User")
    body.setdefault("service-code", "")
    body.setdefault("login-username", "%s@%s" % (name, domain))
    stamp(body, created=True)
    with store.transaction():
        store.put("user", domain, name, body, delay)
        store.put("answerrule", user_scope(domain, name), "*", default_answer_rule(domain, name), delay)
    return body


def list_users(call):
    domain = call.params["domain"]
    require_domain(call, domain)
    if "site" in call.query:  # "search" variant: filtered, at most 100
        rows = [u for u in call.store.list("user", domain) if u.get("site") == call.query["site"]][:100]
    else:
        rows = call.page(kind="user", scope=domain)
    return 200, [public("user", r) for r in rows]


def list_users_basic(call):
    status, rows = list_users(call)
    wanted = [f.strip() for f in call.query.get("fields", "").split(",") if f.strip()]
    wanted = wanted or ["user", "domain", "name-first-name", "name-last-name", "site", "department"]
    return status, [{k: r.get(k, "") for k in wanted} for r in rows]


def count_users(call):
    require_domain(call, call.params["domain"])
    return 200, {"total": call.store.count("user", call.params["domain"])}


def create_user(call):
    domain = call.params["domain"]
    require_domain(call, domain, for_write=True)
    fields = call.fields()
    name = require_field(fields, "user")
    if call.store.get("user", domain, name, include_pending=True) is not None:
        raise ApiError(409, "User %s already exists in domain %s" % (name, domain))
    return call.reply(public("user", insert_user(call.store, domain, fields, call.delay)))


def get_user(call):
    domain, name = call.params["domain"], call.params["user"]
    require_domain(call, domain)
    return read_object(call, "user", domain, name, "User %s does not exist in domain %s" % (name, domain))


def update_user(call):
    domain, name = call.params["domain"], call.params["user"]
    require_domain(call, domain, for_write=True)
    body = update_object(call, "user", domain, name, "User %s does not exist in domain %s" % (name, domain), ("user", "domain"))
    return call.reply(public("user", body))


def delete_user(call):
    domain, name = call.params["domain"], call.params["user"]
    require_user(call, domain, name, for_write=True)
    with call.store.transaction():
        # documented quirk: phone numbers and queue agent rows are left behind
        call.store.delete_scope(USER_KINDS, user_scope(domain, name), call.delay)
        call.store.delete("user", domain, name, call.delay)
    return call.reply({})


# -- devices ------------------------------------------------------------------------
def list_user_devices(call):
    domain, user = call.params["domain"], call.params["user"]
    require_user(call, domain, user)
    return 200, call.page(kind="device", scope=user_scope(domain, user))


def count_user_devices(call):
    domain, user = call.params["domain"], call.params["user"]
    require_user(call, domain, user)
    return 200, {"total": call.store.count("device", user_scope(domain, user))}


def list_domain_devices(call):
    domain = call.params["domain"]
    require_domain(call, domain)
    return 200, call.page(kind="device", scope_prefix=domain + "/")


def count_domain_devices(call):
    require_domain(call, call.params["domain"])
    return 200, {"total": call.store.count("device", scope_prefix=call.params["domain"] + "/")}


def create_device(call):
    domain, user = call.params["domain"], call.params["user"]
    require_user(call, domain, user, for_write=True)
    fields = call.fields()
    name = require_field(fields, "device")
    if any(scope.startswith(domain + "/") for scope, dummy in call.store.find("device", name)):
        raise ApiError(409, "Device %s already exists in domain %s" % (name, domain))
    body = dict(fields, domain=domain, user=user, device=name)
    body.setdefault("device-sip-registration-password", secrets.token_urlsafe(12))
    stamp(body, created=True)
    with call.store.transaction():
        call.store.put("device", user_scope(domain, user), name, body, call.delay)
        mac = str(fields.get("device-provisioning-mac-address") or "")
        if _MAC.match(mac) and call.store.get("phone", "", mac.lower(), include_pending=True) is None:
            # "Create device" also writes the MAC record when a MAC is given
            phone = {"device-provisioning-mac-address": mac, "domain": domain,
                     "device-provisioning-sip-uri-1": "sip:%s@%s" % (name, domain)}
            if fields.get("device-models-model"):
                phone["device-models-brand-and-model"] = fields["device-models-model"]
            call.store.put("phone", "", mac.lower(), stamp(phone, created=True), call.delay)
    return call.reply(body)


def get_device(call):
    domain, user, name = call.params["domain"], call.params["user"], call.params["device"]
    require_user(call, domain, user)
    return read_object(call, "device", user_scope(domain, user), name, "Device %s does not exist" % name)


def update_device(call):
    domain, user, name = call.params["domain"], call.params["user"], call.params["device"]
    require_user(call, domain, user, for_write=True)
    body = update_object(call, "device", user_scope(domain, user), name, "Device %s does not exist" % name, ("device", "domain", "user"))
    return call.reply(body)


def delete_device(call):
    domain, user, name = call.params["domain"], call.params["user"], call.params["device"]
    require_user(call, domain, user, for_write=True)
    if call.store.get("device", user_scope(domain, user), name, include_pending=True) is None:
        raise ApiError(404, "Device %s does not exist" % name)
    call.store.delete("device", user_scope(domain, user), name, call.delay)
    return call.reply({})


# -- phone numbers (dial rules under the hood) ----------------------------------------
def list_phonenumbers(call):
    require_domain(call, call.params["domain"])
    return 200, call.page(kind="phonenumber", scope=call.params["domain"])


def list_all_phonenumbers(call):
    return 200, call.page(kind="phonenumber")


def count_phonenumbers(call):
    require_domain(call, call.params["domain"])
    return 200, {"total": call.store.count("phonenumber", call.params["domain"])}


def create_phonenumber(call):
    domain = call.params["domain"]
    require_domain(call, domain, for_write=True)
    fields = call.fields()
    number = require_field(fields, "phonenumber")
    if call.store.find("phonenumber", number):
        raise ApiError(409, "Phone number already exists")
    body = dict(fields, domain=domain, phonenumber=number)
    body.setdefault("enabled", "yes")
    body.setdefault("dial-rule-application", "available-number")
    body.setdefault("dial-rule-translation-destination-host", "[*]")
    body.setdefault("dial-rule-translation-source-name", "[*]")
    stamp(body, created=True)
    call.store.put("phonenumber", domain, number, body, call.delay)
    return call.reply(body)


def get_phonenumber(call):
    domain, number = call.params["domain"], call.params["phonenumber"]
    require_domain(call, domain)
    return read_object(call, "phonenumber", domain, number, "Phone number %s does not exist in domain %s" % (number, domain))


def update_phonenumber(call):
    domain = call.params["domain"]
    require_domain(call, domain, for_write=True)
    number = call.params.get("phonenumber") or require_field(call.fields(), "phonenumber")
    body = update_object(call, "phonenumber", domain, number, "Phone number %s does not exist in domain %s" % (number, domain), ("phonenumber", "domain"))
    return call.reply(body)


def delete_phonenumber(call):
    domain, number = call.params["domain"], call.params["phonenumber"]
    require_domain(call, domain, for_write=True)
    if call.store.get("phonenumber", domain, number, include_pending=True) is None:
        raise ApiError(404, "Phone number %s does not exist in domain %s" % (number, domain))
    call.store.delete("phonenumber", domain, number, call.delay)
    return call.reply({})


# -- SMS numbers --------------------------------------------------------------------------
def list_smsnumbers(call):
    require_domain(call, call.params["domain"])
    return 200, call.page(kind="smsnumber", scope=call.params["domain"])


def list_all_smsnumbers(call):
    return 200, call.page(kind="smsnumber")


def list_user_smsnumbers(call):
    domain, user = call.params["domain"], call.params["user"]
    require_user(call, domain, user)
    return 200, call.page(rows=[s for s in call.store.list("smsnumber", domain) if str(s.get("dest")) == user])


def create_smsnumber(call):
    domain = call.params["domain"]
    require_domain(call, domain, for_write=True)
    fields = call.fields()
    number = require_field(fields, "number")
    require_field(fields, "application")
    if call.store.find("smsnumber", number):
        raise ApiError(409, "SMS number already exists")
    body = stamp(dict(fields, domain=domain, number=number), created=True)
    call.store.put("smsnumber", domain, number, body, call.delay)
    return call.reply(body)


def update_smsnumber(call):
    domain, number = call.params["domain"], call.params["smsnumber"]
    require_domain(call, domain, for_write=True)
    body = update_object(call, "smsnumber", domain, number, "SMS number %s does not exist in domain %s" % (number, domain), ("number", "domain"))
    return call.reply(body)


def delete_smsnumber(call):
    domain, number = call.params["domain"], call.params["smsnumber"]
    require_domain(call, domain, for_write=True)
    if call.store.get("smsnumber", domain, number, include_pending=True) is None:
        raise ApiError(404, "SMS number %s does not exist in domain %s" % (number, domain))
    call.store.delete("smsnumber", domain, number, call.delay)
    return call.reply({})


# -- phones by MAC (NDP); the MAC travels in the body for POST/PUT/DELETE -------------------
def _mac(call, fields):
    mac = str(call.params.get("mac") or fields.get("device-provisioning-mac-address") or "")
    if not _MAC.match(mac):
        raise ApiError(400, "Invalid MAC address %r: 12 hexadecimal digits without separators" % mac)
    return mac


def list_phones(call):
    domain = call.params.get("domain")
    if domain:
        require_domain(call, domain)
        return 200, call.page(rows=[p for p in call.store.list("phone", "") if p.get("domain") == domain])
    return 200, call.page(kind="phone", scope="")


def count_phones(call):
    return 200, {"total": call.store.count("phone", "")}


def create_phone(call):
    fields = call.fields()
    mac = _mac(call, fields)
    domain = call.params.get("domain") or fields.get("domain")
    if domain:
        require_domain(call, domain, for_write=True)
        fields["domain"] = domain
    if call.store.get("phone", "", mac.lower(), include_pending=True) is not None:
        raise ApiError(409, "MAC address %s already exists" % mac)
    body = stamp(dict(fields), created=True)
    call.store.put("phone", "", mac.lower(), body, call.delay)
    return call.reply(body)


def _existing_phone(call, mac, for_write):
    found = call.store.get("phone", "", mac.lower(), include_pending=for_write)
    domain = call.params.get("domain")
    if found is None or (domain and found.get("domain") != domain):
        raise ApiError(404, "MAC address %s not found" % mac)
    return found


def get_phone(call):
    return 200, _existing_phone(call, _mac(call, {}), False)


def update_phone(call):
    fields = call.fields()
    mac = _mac(call, fields)
    body = _existing_phone(call, mac, True)
    body.update({k: v for k, v in fields.items() if k != "device-provisioning-mac-address"})
    call.store.put("phone", "", mac.lower(), stamp(body), call.delay)
    return call.reply(body)


def delete_phone(call):
    mac = _mac(call, call.fields())
    _existing_phone(call, mac, True)
    call.store.delete("phone", "", mac.lower(), call.delay)
    return call.reply({})


def register(router):
    d, u = "/domains/{domain}", "/domains/{domain}/users/{user}"
    routes = [
        ("GET", "/version", get_version), ("GET", "/apikeys/~", get_my_apikey),
        ("GET", "/resellers", list_resellers), ("POST", "/resellers", create_reseller), ("GET", "/resellers/count", count_resellers),
        ("GET", "/resellers/{reseller}", get_reseller), ("PUT", "/resellers/{reseller}", update_reseller),
        ("DELETE", "/resellers/{reseller}", delete_reseller),
        ("GET", "/domains", list_domains), ("POST", "/domains", create_domain), ("GET", "/domains/count", count_domains),
        ("GET", d, get_domain), ("PUT", d, update_domain), ("DELETE", d, delete_domain), ("GET", d + "/count", domain_exists),
        ("GET", d + "/sites", list_sites), ("POST", d + "/sites", create_site), ("GET", d + "/sites/count", count_sites),
        ("GET", d + "/sites/list", list_sites_basic), ("GET", d + "/sites/{site}", get_site), ("PUT", d + "/sites/{site}", update_site),
        ("GET", d + "/users", list_users), ("POST", d + "/users", create_user), ("GET", d + "/users/count", count_users),
        ("GET", d + "/users/list", list_users_basic), ("GET", u, get_user), ("PUT", u, update_user), ("DELETE", u, delete_user),
        ("GET", u + "/devices", list_user_devices), ("POST", u + "/devices", create_device),
        ("GET", u + "/devices/count", count_user_devices), ("GET", u + "/devices/{device}", get_device),
        ("PUT", u + "/devices/{device}", update_device), ("DELETE", u + "/devices/{device}", delete_device),
        ("GET", d + "/devices", list_domain_devices), ("GET", d + "/devices/count", count_domain_devices),
        ("GET", d + "/phonenumbers", list_phonenumbers), ("POST", d + "/phonenumbers", create_phonenumber),
        ("PUT", d + "/phonenumbers", update_phonenumber), ("GET", d + "/phonenumbers/count", count_phonenumbers),
        ("GET", "/phonenumbers", list_all_phonenumbers), ("GET", d + "/phonenumbers/{phonenumber}", get_phonenumber),
        ("PUT", d + "/phonenumbers/{phonenumber}", update_phonenumber), ("DELETE", d + "/phonenumbers/{phonenumber}", delete_phonenumber),
        ("GET", d + "/smsnumbers", list_smsnumbers), ("POST", d + "/smsnumbers", create_smsnumber),
        ("PUT", d + "/smsnumbers/{smsnumber}", update_smsnumber), ("DELETE", d + "/smsnumbers/{smsnumber}", delete_smsnumber),
        ("GET", u + "/smsnumbers", list_user_smsnumbers), ("GET", "/smsnumbers", list_all_smsnumbers),
        ("GET", "/phones", list_phones), ("POST", "/phones", create_phone), ("PUT", "/phones", update_phone),
        ("DELETE", "/phones", delete_phone), ("GET", "/phones/count", count_phones), ("GET", "/phones/{mac}", get_phone),
        ("GET", d + "/phones", list_phones), ("POST", d + "/phones", create_phone), ("PUT", d + "/phones", update_phone),
        ("DELETE", d + "/phones", delete_phone), ("GET", d + "/phones/{mac}", get_phone),
    ]
    for method, template, handler in routes:
        router.add(method, template, handler)
