# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Phones provisioned (the domain's MAC records) and, where the platform reports it, registered or config fetched.

The device objects themselves are read-back checks (``readback``). Here: a planned device with a
MAC must have its MAC in the domain's phones list once provision_phones provisioned it (its
provisioning sheet says so); registration (``device-sip-registration-state``) and the last
configuration fetch (``device-provisioning-last-retrieved-datetime``) are read-only values the
platform may or may not report, so a missing value is said, never guessed.
"""

from __future__ import annotations

import csv
import io

from ansible_collections.ucaas.migration.plugins.module_utils.verify.readback import FAIL, PASS, SKIP, WARN, check

REGISTRATION_FIELD = "device-sip-registration-state"
FETCHED_FIELD = "device-provisioning-last-retrieved-datetime"
MAC_FIELD = "device-provisioning-mac-address"
SHEET_NAME = "provisioning_sheet.csv"


def _mac(value):
    return "".join(ch for ch in str(value or "").lower() if ch in "0123456789abcdef")


def sheet_statuses(content):
    """``{mac: (status, reason)}`` from provisioning_sheet.csv text (None when there is no sheet)."""
    if content is None:
        return None
    statuses = {}
    for row in csv.DictReader(io.StringIO(content)):
        mac = _mac(row.get("MAC"))
        if mac:
            statuses[mac] = (row.get("Status") or "", row.get("Action or reason") or "")
    return statuses


def provisioning_checks(plan_document, gathered, sheet=None):
    """One check per planned MAC: on the domain's phones list (with config fetched when reported), or why not."""
    phones = dict((_mac(phone.get(MAC_FIELD) or phone.get("mac")), phone) for phone in gathered.get("phones") or [])
    planned = {}
    for item in (plan_document.get("resources") or {}).get("devices") or []:
        mac = _mac(item.get("mac"))
        if mac:
            planned.setdefault(mac, []).append("%s/%s" % (item.get("user"), item.get("device")))
    if not planned:
        return []
    if sheet is None and not phones:
        return [check("provisioning", "phones", "*", SKIP,
                      "%d planned phones (MACs) are not provisioned yet: provision_phones has not run (no %s)" % (len(planned), SHEET_NAME))]
    checks = []
    for mac in sorted(planned):
        devices = ", ".join(sorted(planned[mac]))
        phone = phones.get(mac)
        if phone is not None:
            fetched = phone.get(FETCHED_FIELD)
            note = ("config fetched at %s" % fetched) if fetched else "the platform reports no configuration fetch yet"
            checks.append(check("provisioning", "phones", mac, PASS, "phone %s (%s) is provisioned; %s" % (mac, devices, note),
                                config_fetched=fetched or None))
            continue
        status, reason = (sheet or {}).get(mac, ("", ""))
        if status == "provisioned":
            checks.append(check("provisioning", "phones", mac, FAIL,
                                "phone %s (%s) is provisioned according to %s but its MAC is not on the target" % (mac, devices, SHEET_NAME)))
        elif status:
            checks.append(check("provisioning", "phones", mac, SKIP, "phone %s (%s) is not provisioned: %s%s" % (
                mac, devices, status, " (%s)" % reason if reason else "")))
        else:
            checks.append(check("provisioning", "phones", mac, FAIL, "phone %s (%s) is planned but not provisioned on the target" % (mac, devices)))
    return checks


def registration_checks(plan_document, gathered, require_registration=False):
    """Registration of each planned device where the platform reports it; one summary line where it reports nothing."""
    read = dict(("%s/%s" % (device.get("user"), device.get("device")), device) for device in gathered.get("devices") or [])
    planned = ["%s/%s" % (item.get("user"), item.get("device")) for item in (plan_document.get("resources") or {}).get("devices") or []]
    checks, unreported = [], []
    for key in sorted(planned):
        state = str((read.get(key) or {}).get(REGISTRATION_FIELD) or "").strip().lower()
        if not state:
            unreported.append(key)
        elif state == "registered":
            checks.append(check("registration", "devices", key, PASS, "device %s is registered" % key))
        else:
            checks.append(check("registration", "devices", key, FAIL if require_registration else WARN,
                                "device %s is %s" % (key, state)))
    if unreported:
        checks.append(check("registration", "devices", "*", SKIP,
                            "the platform reports no registration state for %d planned devices (%s)" % (
                                len(unreported), ", ".join(unreported[:10]) + (", ..." if len(unreported) > 10 else ""))))
    return checks
