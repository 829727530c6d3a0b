# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Time zones: the inventory's IANA names onto the values the platform's TimeZone enum accepts.

The vendor spec's enum is a short, old list (``US/Central`` but no ``America/Chicago``).
A zone is mapped, in order: the partner's ``time_zone_map``; unchanged when accepted; a
known alias of the same zone (exact, an info finding); else the accepted zone whose UTC
offsets agree most over the next years (lossy, a warning finding); else unmapped
(blocking: the partner names one in ``time_zone_map``).
"""

from __future__ import annotations

import datetime

try:
    import zoneinfo
except ImportError:  # pragma: no cover - Python < 3.9
    zoneinfo = None

# The vendor spec's TimeZone enum (netsapiens-api-v2.json components/schemas/TimeZone).
ACCEPTED_TIME_ZONES = (
    'US/Alaska', 'US/Central', 'US/Eastern', 'US/Hawaii', 'US/Mountain', 'US/Pacific', 'Africa/Addis_Ababa', 'Africa/Algiers', 'Africa/Brazzaville',
    'Africa/Cairo', 'Africa/Casablanca', 'Africa/Dakar', 'Africa/Dar_es_Salaam', 'Africa/Djibouti', 'Africa/Johannesburg', 'Africa/Khartoum',
    'Africa/Kigali', 'Africa/Kinshasa', 'Africa/Lagos', 'Africa/Nairobi', 'Africa/Timbuktu', 'Africa/Tripoli', 'Africa/Tunis', 'America/Antigua',
    'America/Aruba', 'America/Belize', 'America/Bogota', 'America/Buenos_Aires', 'America/Cancun', 'America/Caracas', 'America/Cayman',
    'America/Chihuahua', 'America/Costa_Rica', 'America/Denver', 'America/Detroit', 'America/Edmonton', 'America/El_Salvador', 'America/Ensenada',
    'America/Grenada', 'America/Guadeloupe', 'America/Guatemala', 'America/Havana', 'America/Indianapolis', 'America/Jamaica', 'America/Juneau',
    'America/La_Paz', 'America/Lima', 'America/Los_Angeles', 'America/Louisville', 'America/Martinique', 'America/Mazatlan', 'America/Mendoza',
    'America/Menominee', 'America/Merida', 'America/Mexico_City', 'America/Miquelon', 'America/Moncton', 'America/Monterrey', 'America/Montevideo',
    'America/Montreal', 'America/Montserrat', 'America/Nassau', 'America/New_York', 'America/Panama', 'America/Phoenix', 'America/Port-au-Prince',
    'America/Port_of_Spain', 'America/Regina', 'America/Santiago', 'America/Santo_Domingo', 'America/Sao_Paulo', 'America/Thule',
    'America/Thunder_Bay', 'America/Tijuana', 'America/Toronto', 'America/Vancouver', 'America/Winnipeg', 'America/Yellowknife',
    'Antarctica/South_Pole', 'Arctic/Longyearbyen', 'Asia/Amman', 'Asia/Baghdad', 'Asia/Bahrain', 'Asia/Bangkok', 'Asia/Beirut', 'Asia/Brunei',
    'Asia/Calcutta', 'Asia/Colombo', 'Asia/Dacca', 'Asia/Damascus', 'Asia/Dhaka', 'Asia/Dubai', 'Asia/Gaza', 'Asia/Hong_Kong', 'Asia/Istanbul',
    'Asia/Jakarta', 'Asia/Jerusalem', 'Asia/Kabul', 'Asia/Katmandu', 'Asia/Kuala_Lumpur', 'Asia/Kuching', 'Asia/Kuwait', 'Asia/Macau', 'Asia/Manila',
    'Asia/Muscat', 'Asia/Phnom_Penh', 'Asia/Rangoon', 'Asia/Riyadh', 'Asia/Saigon', 'Asia/Seoul', 'Asia/Shanghai', 'Asia/Singapore', 'Asia/Taipei',
    'Asia/Tehran', 'Asia/Tel_Aviv', 'Asia/Thimphu', 'Asia/Tokyo', 'Asia/Ulan_Bator', 'Asia/Vientiane', 'Asia/Vladivostok', 'Atlantic/Azores',
    'Atlantic/Bermuda', 'Atlantic/Canary', 'Atlantic/Cape_Verde', 'Atlantic/Faeroe', 'Atlantic/Reykjavik', 'Australia/ACT', 'Australia/Adelaide',
    'Australia/Brisbane', 'Australia/Canberra', 'Australia/Darwin', 'Australia/LHI', 'Australia/Melbourne', 'Australia/North', 'Australia/NSW',
    'Australia/Perth', 'Australia/Queensland', 'Australia/South', 'Australia/Sydney', 'Australia/Tasmania', 'Australia/Victoria', 'Australia/West',
    'Canada/Atlantic', 'Canada/Central', 'Canada/Eastern', 'Canada/Mountain', 'Canada/Newfoundland', 'Canada/Pacific', 'Canada/Saskatchewan',
    'Canada/Yukon', 'Cuba', 'Etc/GMT', 'Etc/GMT+1', 'Etc/GMT+10', 'Etc/GMT+11', 'Etc/GMT+12', 'Etc/GMT+2', 'Etc/GMT+3', 'Etc/GMT+4', 'Etc/GMT+5',
    'Etc/GMT+6', 'Etc/GMT+7', 'Etc/GMT+8', 'Etc/GMT+9', 'Etc/GMT-1', 'Etc/GMT-10', 'Etc/GMT-11', 'Etc/GMT-12', 'Etc/GMT-13', 'Etc/GMT-14',
    'Etc/GMT-2', 'Etc/GMT-3', 'Etc/GMT-4', 'Etc/GMT-5', 'Etc/GMT-6', 'Etc/GMT-7', 'Etc/GMT-8', 'Etc/GMT-9', 'Etc/Greenwich', 'Europe/Amsterdam',
    'Europe/Athens', 'Europe/Belfast', 'Europe/Belgrade', 'Europe/Berlin', 'Europe/Brussels', 'Europe/Bucharest', 'Europe/Budapest',
    'Europe/Copenhagen', 'Europe/Dublin', 'Europe/Helsinki', 'Europe/Istanbul', 'Europe/Kiev', 'Europe/Lisbon', 'Europe/Ljubljana', 'Europe/London',
    'Europe/Madrid', 'Europe/Malta', 'Europe/Monaco', 'Europe/Moscow', 'Europe/Oslo', 'Europe/Paris', 'Europe/Prague', 'Europe/Rome', 'Europe/Sofia',
    'Europe/Stockholm', 'Europe/Vienna', 'Europe/Warsaw', 'Europe/Zurich', 'Greenwich', 'Pacific/Auckland', 'Pacific/Easter', 'Pacific/Fiji',
    'Pacific/Galapagos', 'Pacific/Gambier', 'Pacific/Guam', 'Pacific/Honolulu', 'Pacific/Marquesas', 'Pacific/Midway', 'Pacific/Palau',
    'Pacific/Rarotonga', 'Pacific/Tahiti',
)
_ACCEPTED = frozenset(ACCEPTED_TIME_ZONES)

# Current IANA names whose zone the enum carries under another (older or link) name: the same rules.
ALIASES = {
    "America/Chicago": "US/Central", "America/Anchorage": "US/Alaska", "America/Halifax": "Canada/Atlantic",
    "America/St_Johns": "Canada/Newfoundland", "America/Indiana/Indianapolis": "America/Indianapolis",
    "America/Kentucky/Louisville": "America/Louisville", "America/Argentina/Buenos_Aires": "America/Buenos_Aires",
    "America/Argentina/Mendoza": "America/Mendoza", "America/Nuuk": "America/Thule", "Asia/Kolkata": "Asia/Calcutta",
    "Asia/Kathmandu": "Asia/Katmandu", "Asia/Yangon": "Asia/Rangoon", "Asia/Ho_Chi_Minh": "Asia/Saigon",
    "Asia/Ulaanbaatar": "Asia/Ulan_Bator", "Atlantic/Faroe": "Atlantic/Faeroe", "Europe/Kyiv": "Europe/Kiev",
    "UTC": "Etc/GMT", "Etc/UTC": "Etc/GMT", "GMT": "Etc/GMT", "Etc/Universal": "Etc/GMT", "US/Eastern": "US/Eastern",
    "Pacific/Honolulu": "Pacific/Honolulu", "America/Regina": "America/Regina", "America/Edmonton": "America/Edmonton",
}
_SAMPLE_YEARS = (2026, 2027)


def _signature(name):
    """UTC offsets of a zone at noon UTC on every 7th day of the sample years (None when unknown)."""
    if zoneinfo is None:
        return None
    try:
        zone = zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    start = datetime.datetime(_SAMPLE_YEARS[0], 1, 1, 12, tzinfo=datetime.timezone.utc)
    days = 365 * len(_SAMPLE_YEARS)
    return tuple((start + datetime.timedelta(days=day)).astimezone(zone).utcoffset() for day in range(0, days, 7))


def map_time_zone(name, time_zone_map=None):
    """``(accepted name or None, how)`` with how in map | accepted | alias | approximate | unmapped."""
    if name in (time_zone_map or {}):
        return str(time_zone_map[name]), "map"
    if name in _ACCEPTED:
        return name, "accepted"
    alias = ALIASES.get(name)
    if alias in _ACCEPTED:
        return alias, "alias"
    wanted = _signature(name)
    if wanted is None:
        return None, "unmapped"
    best, best_score = None, -1
    for candidate in ACCEPTED_TIME_ZONES:
        other = _signature(candidate)
        if other is None:
            continue
        score = sum(1 for mine, theirs in zip(wanted, other) if mine == theirs)
        if score > best_score:
            best, best_score = candidate, score
    if best is None or best_score == 0:
        return None, "unmapped"
    return best, ("alias" if best_score == len(wanted) else "approximate")


class TimeZones:
    """Maps time zones once per name and records one finding per name that is not accepted as is."""

    def __init__(self, findings, time_zone_map=None):
        self.findings = findings
        self.time_zone_map = time_zone_map or {}
        self.cache = {}

    def target(self, name):
        """The accepted zone for ``name`` (None when it cannot be mapped; a blocking finding says so)."""
        if not name:
            return None
        if name not in self.cache:
            self.cache[name] = map_time_zone(name, self.time_zone_map)
        mapped, how = self.cache[name]
        where = dict(collection="time_zones", source_id=name, label=name)
        if how == "alias":
            self.findings.info("time_zone_alias", where, "Time zone %s is written %s on the platform (same rules)." % (name, mapped), detail=mapped)
        elif how == "approximate":
            self.findings.warning("time_zone_approximated", where,
                                  "Time zone %s is not accepted by the platform; %s is used (its offsets differ on some dates)." % (name, mapped),
                                  "Check the daylight-saving dates, or set standards.time_zone_map[%r]." % name, detail=mapped)
        elif how == "unmapped":
            resolution = self.findings.blocking("time_zone_unsupported", where, "Time zone %s has no equivalent the platform accepts." % name,
                                                "Set standards.time_zone_map[%r] to a zone of the platform's list." % name)
            if resolution and resolution["decision"] in _ACCEPTED:
                return resolution["decision"]
            return None
        return mapped
