# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write ``acme-dental-group.json``: the lab seed of Acme Dental Group, a fictional customer.

Three offices, 44 people, 50 numbers, queues, two auto attendants (one with a sub-menu),
a time-of-day router, business hours, holidays and closure dates, two shared mailboxes,
answer rules, greetings with real WAV bytes, 30 desk phones of three models and SMS numbers;
plus a few things that cannot migrate (a number on a SIP trunk, an "on active call" forward,
a call-blocking list). Everything is derived from fixed tables, so the file is stable:

    python lab/seeds/make_acme_dental.py            # rewrite
    python lab/seeds/make_acme_dental.py --check    # exit 1 if the checked-in file is stale
"""
from __future__ import annotations

import argparse
import base64
import io
import json
import math
import struct
import sys
import wave
from pathlib import Path

DOMAIN = "acmedental.lab"
RESELLER = "lab-reseller"
# The demo partner's reseller on the provider's platform (the lab plays both sides): recreate
# creates the customer's new domain under it.
TARGET_RESELLER = ("keystone-voice", "Keystone Voice Partners")
SEED_FILE = Path(__file__).with_name("acme-dental-group.json")
AREA = "1215555"

SITES = [
    ("Main Street", "America/New_York", "0100"),
    ("Riverside", "America/New_York", "0102"),
    ("Hillcrest", "America/Denver", "0160"),
]
# (first, last, department, site index)
PEOPLE = [
    ("Maria", "Alvarez", "Front Desk", 0), ("Jonah", "Becker", "Front Desk", 0), ("Priya", "Chandran", "Front Desk", 1),
    ("Tomas", "Dvorak", "Front Desk", 2), ("Grace", "Eriksen", "Dentists", 0), ("Samuel", "Fofana", "Dentists", 0),
    ("Helena", "Gruber", "Dentists", 1), ("Isaac", "Haddad", "Dentists", 2), ("Leila", "Ibrahim", "Dentists", 0),
    ("Noah", "Jansen", "Hygiene", 0), ("Olivia", "Kowalski", "Hygiene", 0), ("Rafael", "Lima", "Hygiene", 1),
    ("Sofia", "Marino", "Hygiene", 1), ("Ethan", "Nakamura", "Hygiene", 2), ("Chloe", "Okafor", "Hygiene", 2),
    ("Daniel", "Petrov", "Billing", 0), ("Emma", "Quinn", "Billing", 0), ("Lucas", "Rossi", "Billing", 0),
    ("Amara", "Singh", "Billing", 1), ("Victor", "Tanaka", "Orthodontics", 0), ("Zoe", "Ulrich", "Orthodontics", 0),
    ("Mateo", "Vargas", "Orthodontics", 1), ("Hannah", "Weber", "Orthodontics", 2), ("Omar", "Yilmaz", "Assistants", 0),
    ("Ines", "Zamora", "Assistants", 0), ("Felix", "Albrecht", "Assistants", 0), ("Nadia", "Baptiste", "Assistants", 1),
    ("Kenji", "Carvalho", "Assistants", 1), ("Lena", "Dubois", "Assistants", 2), ("Marcus", "Ekberg", "Assistants", 2),
    ("Yara", "Fischer", "Lab", 0), ("Colin", "Garcia", "Lab", 0), ("Ruth", "Holm", "Lab", 1),
    ("Pavel", "Ivanov", "Imaging", 0), ("Alice", "Jovanovic", "Imaging", 1), ("Bruno", "Keller", "Imaging", 2),
    ("Carmen", "Lund", "Administration", 0), ("David", "Moreau", "Administration", 0), ("Elif", "Novak", "Administration", 0),
    ("Farah", "Olsen", "Administration", 1), ("Gustav", "Park", "IT", 0), ("Irene", "Quintero", "IT", 0),
    ("Jakob", "Rahman", "Marketing", 0), ("Keira", "Santos", "Marketing", 2),
]
FIRST_EXTENSION = 101
PHONE_MODELS = ["Yealink T54W", "Polycom VVX 450", "Grandstream GRP2614"]
MAC_PREFIXES = ["805ec0", "0004f2", "c074ad"]
PHONE_COUNT = 30
GREETING_USERS = (101, 102, 105, 106, 116, 120)
MAILBOXES = [("801", "General Mailbox", "office@acmedental.example", 0), ("802", "Billing Mailbox", "billing@acmedental.example", 1)]
ATTENDANT_MAIN, ATTENDANT_RIVERSIDE, ROUTER = "500", "510", "700"
QUEUES = [
    ("600", "Appointments", "Round-robin", (101, 102, 103, 104), "Appt_[*]"),
    ("601", "Billing", "Ring All", (116, 117, 118, 119), "Billing_[*]"),
    ("602", "Ortho Consults", "Linear Hunt", (120, 121, 122), "[*]"),
]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
HOLIDAYS = [
    ("New Year's Day", "20270101"), ("Memorial Day", "20270531"), ("Independence Day", "20270705"),
    ("Labor Day", "20270906"), ("Thanksgiving Day", "20261126"), ("Christmas Day", "20261225"),
]


def tone_wav(frequency, milliseconds, rate=8000):
    """A short sine tone as 16-bit mono WAV bytes (deterministic)."""
    frames = int(rate * milliseconds / 1000)
    samples = b"".join(struct.pack("<h", int(6000 * math.sin(2 * math.pi * frequency * n / rate))) for n in range(frames))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples)
    return buffer.getvalue()


def greeting(index, frequency, script):
    return {"index": index, "script": script, "convert": "no", "encoding": "audio/wav",
            "base64_file": base64.b64encode(tone_wav(frequency, 250)).decode("ascii")}


def did(suffix):
    return AREA + suffix


def off():
    return {"enabled": "no", "parameters": []}


def forward(*parameters):
    return {"enabled": "yes", "parameters": list(parameters)}


def person_rows():
    rows = []
    for offset, (first, last, department, site) in enumerate(PEOPLE):
        ext = FIRST_EXTENSION + offset
        email = "%s.%s@acmedental.example" % (first.lower(), last.lower())
        row = {
            "user": str(ext), "name-first-name": first, "name-last-name": last, "email": email,
            "user-scope": "Office Manager" if department == "Administration" else "Basic User",
            "department": department, "site": SITES[site][0], "time-zone": SITES[site][1],
            "caller-id-name": "Acme Dental", "caller-id-number": did("%04d" % (110 + offset)),
            "ring-no-answer-timeout-seconds": 20 + 5 * (offset % 3),
            "voicemail-enabled": "yes", "voicemail-login-pin": "%04d" % (7300 + ext),
            "email-send-alert-new-voicemail-enabled": "yes",
            "email-send-alert-new-voicemail-behavior": "attnew" if offset % 2 == 0 else "yes",
            "voicemail-transcription-enabled": "Google" if offset % 4 == 0 else "no",
            "directory-name-visible-in-list-enabled": "no" if department == "IT" else "yes",
            "directory-announce-in-dial-by-name-enabled": "yes",
        }
        if offset < PHONE_COUNT:
            model = offset % len(PHONE_MODELS)
            mac = "%s%06x" % (MAC_PREFIXES[model], 0xa10000 + ext)
            row["devices"] = [{"device": str(ext), "device-provisioning-mac-address": mac,
                               "device-models-model": PHONE_MODELS[model], "device-provisioning-sip-transport-protocol": "udp"}]
        else:
            row["devices"] = [{"device": "%dwp" % ext}]
        if ext in GREETING_USERS:
            row["greetings"] = [greeting(1, 440 + ext, "You have reached %s %s. Please leave a message." % (first, last))]
            row["voicemail-greeting-index"] = 1
        rows.append(row)
    rules = {
        103: [{"time-frame": "Business Hours", "enabled": "yes", "forward-on-busy": forward("vmail_103"),
               "forward-no-answer": forward("user_101")}],
        105: [{"time-frame": "Business Hours", "enabled": "yes", "simultaneous-ring": forward("<OwnDevices>", "12675550105;delay=10")}],
        106: [{"time-frame": "Holidays", "enabled": "yes", "forward-always": forward("12675550106")}],
        110: [{"time-frame": "Office Closures", "enabled": "yes", "forward-always": forward("vmail_110")}],
        116: [{"time-frame": "Business Hours", "enabled": "yes", "forward-when-unregistered": forward("user_117"),
               "forward-on-active": forward("vmail_116")}],
        120: [{"time-frame": "Business Hours", "enabled": "no", "forward-always": forward("queue_602")}],
        137: [{"time-frame": "Business Hours", "enabled": "yes", "do-not-disturb": {"enabled": "yes"},
               "phone-numbers-to-reject": {"enabled": "yes", "parameters": ["anonymous"]}}],
    }
    for row in rows:
        if int(row["user"]) in rules:
            row["answerrules"] = rules[int(row["user"])]
    return rows


def system_rows():
    rows = []
    for ext, name, email, site in MAILBOXES:
        rows.append({"user": ext, "name-first-name": name, "name-last-name": ext, "email": email, "user-scope": "No Portal",
                     "site": SITES[site][0], "voicemail-enabled": "yes", "voicemail-login-pin": "%s9" % ext,
                     "email-send-alert-new-voicemail-enabled": "yes", "email-send-alert-new-voicemail-behavior": "attnew",
                     "greetings": [greeting(1, 520 + int(ext) % 10, "You have reached the %s of Acme Dental." % name)],
                     "voicemail-greeting-index": 1,
                     "answerrules": [{"time-frame": "Always", "enabled": "yes", "forward-always": forward("vmail_%s" % ext)}]})
    main_audio = [greeting(1, 600, "Thank you for calling Acme Dental Group."), greeting(2, 620, "Our dentists."),
                  greeting(3, 640, "Our offices are closed."), greeting(4, 660, "Happy holidays from Acme Dental.")]
    rows.append({"user": ATTENDANT_MAIN, "name-first-name": "Main Menu", "name-last-name": ATTENDANT_MAIN, "email": "it@acmedental.example",
                 "service-code": "system-aa", "site": SITES[0][0], "greetings": main_audio})
    rows.append({"user": ATTENDANT_RIVERSIDE, "name-first-name": "Riverside Menu", "name-last-name": ATTENDANT_RIVERSIDE,
                 "email": "it@acmedental.example", "service-code": "system-aa", "site": SITES[1][0],
                 "greetings": [greeting(1, 700, "Thank you for calling Acme Dental Riverside.")]})
    rows.append({"user": ROUTER, "name-first-name": "Main Line Hours", "name-last-name": ROUTER, "email": "it@acmedental.example",
                 "service-code": "system-tod", "site": SITES[0][0], "answerrules": [
                     {"time-frame": "Holidays", "enabled": "yes", "forward-always": forward("vmail_801")},
                     {"time-frame": "Lunch", "enabled": "yes", "forward-always": forward("queue_600")},
                     {"time-frame": "Business Hours", "enabled": "yes", "forward-always": forward("user_%s" % ATTENDANT_MAIN)},
                     {"time-frame": "Always", "enabled": "yes", "forward-always": forward("user_%s" % ATTENDANT_MAIN)},
                 ]})
    return rows


def audio(index, script):
    return {"filename": "greeting-%d.wav" % index, "ordinal-order": index, "file-script-text": script}


def option(application, user, description):
    return {"destination-application": application, "destination-user": user, "description": description}


def attendants():
    dentists = {"audio": audio(2, "For Doctor Eriksen press 1. For Doctor Fofana press 2. For Doctor Ibrahim's voicemail press 3."),
                "no-key-press": "option-0", "unassigned-key-press": "repeat",
                "option-1": option("to-user", "105", "Dr. Eriksen"), "option-2": option("to-user", "106", "Dr. Fofana"),
                "option-3": option("to-voicemail", "109", "Dr. Ibrahim voicemail"), "option-0": option("to-user", "101", "Front desk")}
    business = {"audio": audio(1, "Thank you for calling Acme Dental Group. For appointments press 1. For billing press 2. "
                                  "For our dentists press 3. For orthodontic consults press 4. For the front desk press 0."),
                "3-digit-dial-by-extension": "yes", "no-key-press": "option-0", "unassigned-key-press": "repeat",
                "option-1": option("to-callqueue", "600", "Appointments"), "option-2": option("to-callqueue", "601", "Billing"),
                "option-3": {"description": "Dentists", "auto-attendant": dentists},
                "option-4": option("to-callqueue", "602", "Ortho consults"), "option-0": option("to-user", "101", "Front desk")}
    closed = {"audio": audio(3, "Our offices are closed. For a dental emergency press 1. To leave a message press 2."),
              "no-key-press": "option-2", "unassigned-key-press": "repeat",
              "option-1": option("to-user", "12675550142", "On-call dentist"), "option-2": option("to-voicemail", "801", "General mailbox")}
    holiday = {"audio": audio(4, "Happy holidays from Acme Dental. For a dental emergency press 1."),
               "no-key-press": "hangup", "unassigned-key-press": "hangup",
               "option-1": option("to-user", "12675550142", "On-call dentist")}
    riverside = {"audio": audio(1, "Thank you for calling Acme Dental Riverside. For billing press 1. To leave a message press 2. "
                                   "For the front desk press 0."),
                 "3-digit-dial-by-extension": "yes", "no-key-press": "option-0", "unassigned-key-press": "repeat",
                 "option-1": option("to-callqueue", "601", "Billing"), "option-2": option("to-voicemail", "802", "Billing mailbox"),
                 "option-0": option("to-user", "103", "Front desk")}
    return [
        {"attendant-name": "Main Menu", "user": ATTENDANT_MAIN, "time-frame": "Holidays", "auto-attendant": holiday},
        {"attendant-name": "Main Menu", "user": ATTENDANT_MAIN, "time-frame": "Business Hours", "auto-attendant": business},
        {"attendant-name": "Main Menu", "user": ATTENDANT_MAIN, "time-frame": "*", "auto-attendant": closed},
        {"attendant-name": "Riverside Menu", "user": ATTENDANT_RIVERSIDE, "time-frame": "*", "auto-attendant": riverside},
    ]


def timeframes():
    business = {}
    lunch = {}
    for day in WEEKDAYS:
        business.update({"timeframe-weekly-%s-begin-time-1" % day: "0800", "timeframe-weekly-%s-end-time-1" % day: "1700"})
        lunch.update({"timeframe-weekly-%s-begin-time-1" % day: "1200", "timeframe-weekly-%s-end-time-1" % day: "1300"})
    business.update({"timeframe-weekly-saturday-begin-time-1": "0900", "timeframe-weekly-saturday-end-time-1": "1300",
                     "timeframe-recurrence-type": "weekly", "timeframe-recurrence-end-option": "never"})
    lunch.update({"timeframe-recurrence-type": "weekly", "timeframe-recurrence-end-option": "never"})
    holidays = [{"timeframe-holiday-name": name, "timeframe-holiday-begin-date": date, "country-abbreviation": "US",
                 "state-province-abbreviation": "US-PA", "timeframe-holiday-begin-time-1": "0000", "timeframe-holiday-end-time-1": "2359",
                 "timeframe-recurrence-type": "yearlyOnHoliday", "timeframe-workweek-list": "M,T,W,Th,F"} for name, date in HOLIDAYS]
    closures = [
        {"timeframe-specific-dates-begin-date": "20261211", "timeframe-specific-dates-begin-time": "1200",
         "timeframe-specific-dates-end-date": "20261211", "timeframe-specific-dates-end-time": "1700", "timeframe-recurrence-type": "doesNotRecur"},
        {"timeframe-specific-dates-begin-date": "20261228", "timeframe-specific-dates-begin-time": "0000",
         "timeframe-specific-dates-end-date": "20261231", "timeframe-specific-dates-end-time": "2359", "timeframe-recurrence-type": "doesNotRecur"},
    ]
    return [
        {"timeframe-name": "Always", "timeframe-type": "always"},
        {"timeframe-name": "Business Hours", "timeframe-type": "days-of-week", "timeframe-days-of-week-array": [business]},
        {"timeframe-name": "Lunch", "timeframe-type": "days-of-week", "timeframe-days-of-week-array": [lunch]},
        {"timeframe-name": "Holidays", "timeframe-type": "holiday", "timeframe-holiday-array": holidays},
        {"timeframe-name": "Office Closures", "timeframe-type": "specific-dates", "timeframe-specific-dates-array": closures},
    ]


def phonenumbers():
    rows = [
        (did("0100"), "to-user", ROUTER, "Main number", "[*]"),
        (did("0101"), "to-user", ATTENDANT_MAIN, "Main menu direct", "[*]"),
        (did("0102"), "to-user", ATTENDANT_RIVERSIDE, "Riverside main", "Riverside_[*]"),
        (did("0103"), "to-callqueue", "600", "Appointments line", "Appt_[*]"),
        (did("0104"), "to-callqueue", "601", "Billing line", "Billing_[*]"),
        (did("0105"), "to-voicemail", "801", "After-hours message line", "[*]"),
        (did("0106"), "to-connection", "fax-gateway", "Fax server on SIP trunk", "[*]"),
        (did("0107"), "available-number", "[*]", "Spare number", "[*]"),
    ]
    for offset in range(len(PEOPLE) - 2):
        ext = FIRST_EXTENSION + offset
        rows.append((did("%04d" % (110 + offset)), "to-user", str(ext), "Direct %s %s" % PEOPLE[offset][:2], "[*]"))
    return [{"phonenumber": number, "dial-rule-application": application, "dial-rule-translation-destination-user": user,
             "dial-rule-translation-destination-host": DOMAIN, "dial-rule-description": description,
             "dial-rule-translation-source-name": source_name, "enabled": "yes"}
            for number, application, user, description, source_name in rows]


def build_seed():
    queues = [{"callqueue": ext, "description": name, "callqueue-dispatch-type": dispatch,
               "callqueue-agent-dispatch-timeout-seconds": 20, "callqueue-max-wait-timeout-minutes": 5,
               "callqueue-max-current-callers-to-accept-new-callers": 8,
               "callqueue-require-available-agents-to-accept-new-callers": "no" if ext != "602" else "yes",
               "agents": [{"callqueue-agent-id": "%d@%s" % (agent, DOMAIN), "callqueue-agent-dispatch-order-ordinal": position,
                           "callqueue-agent-dispatch-queue-priority-ordinal": 1 if position <= 2 else 2,
                           "callqueue-agent-wrap-up-allowance-seconds": 15,
                           "callqueue-agent-availability-type": "automatic" if position != 3 else "manual"}
                          for position, agent in enumerate(agents, start=1)]}
              for ext, name, dispatch, agents, dummy in QUEUES]
    sms = [{"number": did("0100"), "application": "user", "dest": "101", "carrier": "Example Messaging"},
           {"number": did("0103"), "application": "callqueue", "dest": "600", "carrier": "Example Messaging"},
           {"number": did("0115"), "application": "user", "dest": "106", "carrier": "Example Messaging"}]
    return {
        "resellers": [{"reseller": RESELLER, "description": "Lab reseller"},
                      {"reseller": TARGET_RESELLER[0], "description": TARGET_RESELLER[1]}],
        "domains": [{
            "domain": DOMAIN, "reseller": RESELLER, "description": "Acme Dental Group", "time-zone": "America/New_York",
            "caller-id-name": "Acme Dental", "caller-id-number": did("0100"),
            "sites": [{"site": name, "time-zone": zone, "caller-id-name": "Acme Dental %s" % name, "caller-id-number": did(number)}
                      for name, zone, number in SITES],
            "timeframes": timeframes(),
            "users": person_rows() + system_rows(),
            "callqueues": queues,
            "autoattendants": attendants(),
            "phonenumbers": phonenumbers(),
            "smsnumbers": sms,
        }],
    }


def render():
    return json.dumps(build_seed(), indent=1, sort_keys=True) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if %s is stale" % SEED_FILE.name)
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = SEED_FILE.read_text(encoding="utf-8") if SEED_FILE.exists() else ""
        if current != text:
            print("%s is stale: run python %s" % (SEED_FILE, Path(__file__).name), file=sys.stderr)
            return 1
        return 0
    SEED_FILE.write_text(text, encoding="utf-8")
    print("wrote %s" % SEED_FILE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
