# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Representative calls for a number: the times worth testing and every auto-attendant key.

Times (in the graph's time zone, from ``start`` on, skipping days a date or holiday frame
covers): a moment inside each weekly frame on a weekday (avoiding the other weekly frames
where it can, so business hours and a lunch frame each get their own moment), a weekday
after hours, Saturday and Sunday late morning, and a moment inside every listed date entry
and on every (observed) holiday.  Keys: each call that waits in a menu is repeated with each
option key, an unassigned key and, where the menu allows it, a dialled extension, down to
``max_depth`` keys.
"""

from __future__ import annotations

import datetime

from ansible_collections.ucaas.migration.plugins.module_utils.callflow.model import MENU_KEYS, Scenario
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.simulate import simulate
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.timeframes import WEEKDAYS, zone

SEARCH_DAYS = 21
AFTER_HOURS_MINUTES = (20 * 60, 22 * 60, 3 * 60, 18 * 60 + 30, 6 * 60)
WEEKEND_MINUTE = 11 * 60
DEFAULT_CONDITIONS = ((), ("no_answer",), ("busy",), ("unregistered",))
KEYED_CONDITIONS = ((), ("no_answer",))


def _start_day(start, tz):
    if isinstance(start, datetime.datetime):
        return start.astimezone(tz).date() if start.tzinfo else start.date()
    return start


def _at(day, minute, tz):
    return datetime.datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=tz)


def _special(frames, moment):
    return any(frame.matches(moment) for frame in frames if frame.dates or frame.holidays)


def _plain_days(graph, start, tz, weekdays):
    """Days from ``start`` on whose weekday is in ``weekdays`` and which no date or holiday frame touches at noon."""
    frames = list(graph.time_frames.values())
    for offset in range(SEARCH_DAYS):
        day = start + datetime.timedelta(days=offset)
        if day.weekday() in weekdays and not _special(frames, _at(day, 12 * 60, tz)):
            yield day


def representative_times(graph, start):
    """``[(label, aware datetime)]`` for ``graph``'s time frames, from the date ``start`` on."""
    tz = zone(graph.time_zone)
    start = _start_day(start, tz)
    frames = sorted(graph.time_frames.items(), key=lambda item: item[1].name)
    weekly = [(key, frame) for key, frame in frames if frame.weekly and not frame.always]
    found = []
    for key, frame in weekly:
        weekdays = sorted(set(item.weekday for item in frame.weekly))
        preferred = [d for d in weekdays if d < 5] or weekdays
        day = next(_plain_days(graph, start, tz, set(preferred)), None)
        if day is None:
            continue
        best = None
        for item in (r for r in frame.weekly if r.weekday == day.weekday()):
            for minute in range(item.start + 30, item.end, 30):
                moment = _at(day, minute, tz)
                if not frame.matches(moment):
                    continue
                others = sum(1 for other_key, other in weekly if other_key != key and other.matches(moment))
                if best is None or others < best[0]:
                    best = (others, moment)
            if best is None and frame.matches(_at(day, (item.start + item.end) // 2, tz)):
                best = (99, _at(day, (item.start + item.end) // 2, tz))
        if best:
            found.append(("%s in %r" % (WEEKDAYS[day.weekday()], frame.name), best[1]))
    for day in _plain_days(graph, start, tz, {0, 1, 2, 3, 4}):
        moment = next((_at(day, m, tz) for m in AFTER_HOURS_MINUTES if not any(f.matches(_at(day, m, tz)) for k, f in weekly)), None)
        if moment is not None:
            found.append(("weekday after hours", moment))
            break
    for weekday, label in ((5, "Saturday"), (6, "Sunday")):
        day = next(_plain_days(graph, start, tz, {weekday}), None)
        if day is not None:
            found.append((label, _at(day, WEEKEND_MINUTE, tz)))
    for key, frame in frames:
        for name, day, minute in frame.special_days():
            found.append(("%r: %s" % (frame.name, name), _at(day, minute, tz)))
    unique, seen = [], set()
    for label, moment in found:
        if moment not in seen:
            seen.add(moment)
            unique.append((label, moment))
    return unique


def key_sequences(graph, number, at, max_depth=3, limit=80):
    """Key sequences that reach each option of every menu the call can wait in (``()`` = no key)."""
    sequences, frontier, explored = [()], [()], set()
    extensions = graph.user_extensions()
    while frontier and len(sequences) < limit:
        keys = frontier.pop(0)
        menu = simulate(graph, number, Scenario(at, keys)).waiting_menu
        if menu is None or len(keys) >= max_depth or id(menu) in explored:
            continue
        explored.add(id(menu))
        tries = sorted(menu.options, key=MENU_KEYS.index)
        unassigned = next((key for key in MENU_KEYS if key not in menu.options), None)
        if unassigned:
            tries.append(unassigned)
        dialled = next((ext for ext in extensions if menu.dials(ext)), None)
        if dialled:
            tries.append(dialled)
        for key in tries:
            if len(sequences) >= limit:
                break
            sequences.append(keys + (key,))
            frontier.append(keys + (key,))
    return sequences


def scenarios_for_number(graph, number, start, conditions=DEFAULT_CONDITIONS, keyed_conditions=KEYED_CONDITIONS, max_depth=3):
    """Representative scenarios of one number on ``graph``: each time, each key sequence, each condition set."""
    result = []
    for label, moment in representative_times(graph, start):
        for keys in key_sequences(graph, number, moment, max_depth):
            for condition in (conditions if not keys else keyed_conditions):
                parts = [label] + (["keys %s" % " ".join(keys)] if keys else []) + ([", ".join(condition)] if condition else [])
                result.append(Scenario(moment, keys, frozenset(condition), "; ".join(parts)))
    return result
