# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The awx_schedule_rrule filter (documented in awx_schedule_rrule.yml)."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.ucaas.migration.plugins.module_utils.cutover.awx_schedule import cutover_rrule
from ansible_collections.ucaas.migration.plugins.module_utils.reports.timeline import ScheduleError


def awx_schedule_rrule(window, rules=None, override_reason=None):
    try:
        return cutover_rrule(window, rules_settings=rules, override_reason=override_reason)
    except ScheduleError as exc:
        raise AnsibleFilterError("ucaas.migration.awx_schedule_rrule: %s" % exc)


class FilterModule(object):
    def filters(self):
        return dict(awx_schedule_rrule=awx_schedule_rrule)
