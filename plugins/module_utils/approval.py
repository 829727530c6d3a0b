# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Partner approval of a migration plan, and which plan the target was configured from.

``<state dir>/<host>/approval.json``: ``{approved_by, approved_at, plan_fingerprint, note}``,
written when the partner approves the configured domain.
``<state dir>/<host>/applied.json``: ``{plan_fingerprint, applied_at, run_id}``, written by
recreate after an apply without failures.

Later phases call :func:`check` and refuse to go on when the plan applied is not the plan
approved. Both files are rewritten only when what they record changes (a re-run of recreate
with the same plan, or the same approval recorded twice, leaves them alone).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, json_bytes, read_bytes, write_if_changed

APPROVAL_NAME = 'approval.json'
APPLIED_NAME = 'applied.json'
PLAN_NAME = 'plan.json'
FINGERPRINT = re.compile(r'^sha256:[0-9a-f]{64}$')


class ApprovalError(Exception):
    """An approval record is missing, unreadable, or does not match; the message says what to do."""


def check_fingerprint(value, name='plan_fingerprint'):
    """``value`` when it is a plan fingerprint (``sha256:<64 hex>``); raises :class:`ApprovalError` otherwise."""
    if not isinstance(value, str) or not FINGERPRINT.match(value):
        raise ApprovalError('%s: %r is not a plan fingerprint (sha256:<64 hex digits>, as plan.json holds it)' % (name, value))
    return value


def read_record(path):
    """The JSON object in ``path``, or None when the file does not exist."""
    try:
        content = read_bytes(path)
    except ArtifactError as exc:
        raise ApprovalError(str(exc)) from exc
    if content is None:
        return None
    try:
        data = json.loads(content.decode('utf-8'))
    except ValueError as exc:
        raise ApprovalError('%s: not valid JSON (%s); restore it from the state backup or record it again' % (path, exc)) from exc
    if not isinstance(data, dict):
        raise ApprovalError('%s: not a JSON object' % path)
    return data


def plan_fingerprint_of(plan_path):
    """The ``fingerprint`` of the plan at ``plan_path``."""
    plan = read_record(plan_path)
    if plan is None:
        raise ApprovalError('%s does not exist: run playbooks/recreate.yml first, it writes the plan' % plan_path)
    return check_fingerprint(plan.get('fingerprint'), name='%s: fingerprint' % plan_path)


def _write(path, record, check_mode):
    try:
        changed, dummy = write_if_changed(path, json_bytes(record), mode=0o644, check_mode=check_mode)
    except ArtifactError as exc:
        raise ApprovalError(str(exc)) from exc
    return changed


def record_approval(dest, plan_fingerprint, approved_by, now, note='', check_mode=False):
    """Record that ``approved_by`` approved the plan; ``(changed, record, previous)``.

    Approving the same plan again with the same approver and note keeps the first record (and its time).
    """
    check_fingerprint(plan_fingerprint)
    if not isinstance(approved_by, str) or not approved_by.strip():
        raise ApprovalError('approved_by: required, the name (and e-mail) of the partner contact who approved the plan')
    path = os.path.join(dest, APPROVAL_NAME)
    previous = read_record(path)
    note = (note or '').strip()
    if previous and previous.get('plan_fingerprint') == plan_fingerprint and previous.get('approved_by') == approved_by.strip() \
            and (previous.get('note') or '') == note:
        return False, previous, previous
    record = {'approved_by': approved_by.strip(), 'approved_at': now, 'plan_fingerprint': plan_fingerprint, 'note': note}
    return _write(path, record, check_mode), record, previous


def record_applied(dest, plan_fingerprint, run_id, now, check_mode=False):
    """Record that the target now holds the plan; ``(changed, record, previous)``.

    The record of the same plan is kept as it is (when it was first applied and by which run),
    so a re-run that changes nothing changes no file.
    """
    check_fingerprint(plan_fingerprint)
    if not isinstance(run_id, str) or not run_id.strip():
        raise ApprovalError('run_id: required, the id of the recreate run that applied the plan')
    path = os.path.join(dest, APPLIED_NAME)
    previous = read_record(path)
    if previous and previous.get('plan_fingerprint') == plan_fingerprint:
        return False, previous, previous
    record = {'plan_fingerprint': plan_fingerprint, 'applied_at': now, 'run_id': run_id.strip()}
    return _write(path, record, check_mode), record, previous


def status(dest):
    """``{approval, applied}``: the two records of the host (None when missing)."""
    return {'approval': read_record(os.path.join(dest, APPROVAL_NAME)),
            'applied': read_record(os.path.join(dest, APPLIED_NAME))}


def problems(records, dest, plan_fingerprint=None, require_applied=True):
    """Why a later phase must not proceed (empty list: approved plan == applied plan [== ``plan_fingerprint``])."""
    found = []
    approval = records.get('approval')
    applied = records.get('applied')
    if approval is None:
        found.append('no approval recorded in %s: the partner reviews the configured domain, then run playbooks/approve_plan.yml '
                     '-e approved_by="<name>"' % os.path.join(dest, APPROVAL_NAME))
    if require_applied and applied is None:
        found.append('no applied plan recorded in %s: run playbooks/recreate.yml until it finishes without failures'
                     % os.path.join(dest, APPLIED_NAME))
    approved = (approval or {}).get('plan_fingerprint')
    if require_applied and approval is not None and applied is not None and applied.get('plan_fingerprint') != approved:
        found.append('the plan applied (%s, run %s at %s) is not the plan approved (%s, by %s at %s): have the partner approve the '
                     'configured domain again (playbooks/approve_plan.yml), or re-apply the approved plan'
                     % (applied.get('plan_fingerprint'), applied.get('run_id'), applied.get('applied_at'), approved,
                        approval.get('approved_by'), approval.get('approved_at')))
    if plan_fingerprint is not None and approval is not None and plan_fingerprint != approved:
        found.append('the current plan (%s) is not the plan approved (%s, by %s at %s): the inventory, standards or resolutions '
                     'changed since; run playbooks/recreate.yml and have the partner approve again'
                     % (plan_fingerprint, approved, approval.get('approved_by'), approval.get('approved_at')))
    return found


def check(dest, plan_fingerprint=None, require_applied=True):
    """Raise :class:`ApprovalError` listing every reason a later phase must not proceed; returns the records."""
    if plan_fingerprint is not None:
        check_fingerprint(plan_fingerprint)
    records = status(dest)
    found = problems(records, dest, plan_fingerprint=plan_fingerprint, require_applied=require_applied)
    if found:
        raise ApprovalError('refusing to proceed for %s:\n%s' % (dest, '\n'.join(found)))
    return records
