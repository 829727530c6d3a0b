# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The change journal of a migration host: ``<state dir>/<host>/journal.jsonl``.

One JSON object per line, one line per write a resource module made (or tried): what
(kind, key), before and after, the outcome, when, and by which run. Lines are only ever
appended. An entry is written with one ``write`` call and synced, so an interrupted run
leaves at most a torn last line; the next append starts on a fresh line and
:func:`read_journal` reports the torn line instead of failing on it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re

JOURNAL_NAME = 'journal.jsonl'
# Outcomes that are writes (or attempted writes); unchanged and skipped items are not journaled.
JOURNALED_OUTCOMES = ('created', 'updated', 'deleted', 'failed')
MASK = '********'
# Option names whose values are secrets. The modules mask write-only values already; this
# is the second line of defence, so a module that forgets can never put a secret on disk.
SECRET_NAME = re.compile(r'(pin|password|passwd|secret|api_key|token)', re.IGNORECASE)


class JournalError(Exception):
    """The journal cannot be read or written; the message names the file."""


def _masked(option, value):
    if value is None or value == '' or not SECRET_NAME.search(str(option)):
        return value
    return MASK


def _side(changes, side):
    return dict((option, _masked(option, (change or {}).get(side))) for option, change in sorted(changes.items()))


def entry_from_result(item, kind, run_id, at, phase='recreate', domain=None):
    """The journal entry of one ``results[]`` item of a resource module, or None when it wrote nothing.

    ``before``/``after`` hold only the options that changed (their ``changes``); a created item has an
    empty ``before``, a deleted one an empty ``after``.
    """
    if not isinstance(item, dict):
        raise JournalError('results: every item must be a mapping with key and outcome, got %r' % (item,))
    outcome = item.get('outcome')
    if outcome not in JOURNALED_OUTCOMES:
        return None
    changes = item.get('changes') or {}
    if not isinstance(changes, dict):
        raise JournalError('results: item %s: changes must be a mapping of option to {before, after}' % item.get('key'))
    before = {} if outcome == 'created' else _side(changes, 'before')
    after = {} if outcome == 'deleted' else _side(changes, 'after')
    entry = {'at': at, 'run_id': run_id, 'phase': phase, 'kind': kind, 'key': item.get('key'), 'outcome': outcome,
             'before': before, 'after': after, 'msg': item.get('msg') or ''}
    if domain:
        entry['domain'] = domain
    return entry


def entries_from_results(results, kind, run_id, at, phase='recreate', domain=None, task_failed=False, task_msg=''):
    """Journal entries of a resource module's ``results`` (in their order).

    A task that failed before it could report items (bad input, the platform unreachable) gets one
    ``failed`` entry with ``key`` null and the task's message, so the journal shows the attempt.
    """
    entries = []
    for item in results or []:
        entry = entry_from_result(item, kind, run_id, at, phase=phase, domain=domain)
        if entry is not None:
            entries.append(entry)
    if task_failed and not results:
        entry = {'at': at, 'run_id': run_id, 'phase': phase, 'kind': kind, 'key': None, 'outcome': 'failed',
                 'before': {}, 'after': {}, 'msg': task_msg or 'the task failed before reporting any item'}
        if domain:
            entry['domain'] = domain
        entries.append(entry)
    return entries


def entry_line(entry):
    """One entry as a journal line: compact JSON with sorted keys, newline-terminated."""
    return json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(',', ':')) + '\n'


def _ends_with_newline(path):
    try:
        with open(path, 'rb') as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() == 0:
                return True
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) == b'\n'
    except FileNotFoundError:
        return True
    except OSError as exc:
        raise JournalError('%s: cannot read: %s' % (path, exc.strerror or exc)) from exc


def append_entries(path, entries):
    """Append ``entries`` to the journal at ``path`` (created with its directory when missing); returns the count."""
    if not entries:
        return 0
    payload = ''.join(entry_line(entry) for entry in entries)
    if not _ends_with_newline(path):
        # a torn line from an interrupted run stays as it is; the new entries start on their own line
        payload = '\n' + payload
    try:
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            data = payload.encode('utf-8')
            written = 0
            while written < len(data):
                written += os.write(descriptor, data[written:])
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError as exc:
        raise JournalError('%s: cannot append: %s' % (path, exc.strerror or exc)) from exc
    return len(entries)


def read_journal(path):
    """``(entries, problems)`` of the journal at ``path``; a missing journal is empty.

    A line that is not a JSON object (a torn write) is reported in ``problems`` as ``line N: ...``
    and left out of ``entries``.
    """
    entries = []
    problems = []
    try:
        with open(path, 'rb') as handle:
            lines = handle.read().decode('utf-8', errors='replace').split('\n')
    except FileNotFoundError:
        return entries, problems
    except OSError as exc:
        raise JournalError('%s: cannot read: %s' % (path, exc.strerror or exc)) from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            problems.append('line %d: not a JSON object (an interrupted write?)' % number)
            continue
        if not isinstance(entry, dict):
            problems.append('line %d: not a JSON object' % number)
            continue
        entries.append(entry)
    return entries, problems
