# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``timeline.md`` and ``timeline.html``: the cutover timeline and communications plan.

The communications plan says, for each milestone, who is told what; it is derived from the
events and the contacts (``ucaas_contacts`` of the host, ``ucaas_partner.contacts``).
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.reports import html as html_page
from ansible_collections.ucaas.migration.plugins.module_utils.reports.timeline import event_local

# event kind or key -> (message, audiences); audiences are contact groups: partner, customer, provider
MESSAGES = (
    ("review", "Configured domain ready for review; approval requested by this date.", ("partner", "customer")),
    ("approved", "Approval recorded; cutover confirmed.", ("provider", "partner")),
    ("reprovisioning", "Two business days before: reminder of the window and who must be available. "
                       "At the start and end of the window: status to the partner.", ("partner", "customer", "provider")),
    ("porting", "Port date confirmed by the carrier (FOC); numbers move that day; SMS follows the port.", ("partner", "customer", "provider")),
    ("change-window-closes", "Change requests close; post-migration report follows.", ("partner",)),
)


def contact_groups(contacts=None, partner=None):
    """``[(group, role, name, email, phone)]`` in a stable order: partner, customer, provider."""
    rows = []
    for contact in (partner or {}).get("contacts") or []:
        rows.append(("partner",) + _contact(contact))
    for group in ("customer", "provider"):
        for contact in (contacts or {}).get(group) or []:
            rows.append((group,) + _contact(contact))
    return rows


def _contact(contact):
    return tuple(str(contact.get(key) or "") for key in ("role", "name", "email", "phone"))


def communications(timeline, contacts=None, partner=None):
    """``[(when, event title, message, to)]``, one row per event that has a message."""
    people = contact_groups(contacts, partner)
    rows = []
    for event in timeline["events"]:
        for key, message, audiences in MESSAGES:
            if event["key"] == key or event["kind"] == key:
                names = [name or role for group, role, name, dummy_email, dummy_phone in people if group in audiences]
                rows.append((event_local(event, timeline["rules"]), event["title"], message, ", ".join(names) or ", ".join(audiences)))
                break
    return rows


def _rules_text(timeline):
    rules = timeline["rules"]
    days = ", ".join(day.capitalize() for day in rules["days"])
    text = "Reprovisioning windows: %s, ending by %s %s" % (days, rules["latest_end"], rules["time_zone"])
    if rules.get("earliest_start"):
        text += ", starting no earlier than %s" % rules["earliest_start"]
    return text + "."


def _cell(value):
    return str(value).replace("|", "\\|").replace("\n", " ")


def render_markdown(timeline, title, contacts=None, partner=None):
    rules = timeline["rules"]
    lines = ["# %s" % title, "", _rules_text(timeline), ""]
    if timeline.get("override_reason"):
        lines += ["**Window rules overridden:** %s" % timeline["override_reason"], ""]
    lines += ["## Timeline", "", "| When (%s) | What | Notes |" % rules["time_zone"], "|---|---|---|"]
    for event in timeline["events"]:
        lines.append("| %s | %s | %s |" % (_cell(event_local(event, rules)), _cell(event["title"]), _cell(event.get("description") or "")))
    lines += ["", "## Communications plan", "", "| When | Milestone | Message | To |", "|---|---|---|---|"]
    for row in communications(timeline, contacts, partner):
        lines.append("| %s |" % " | ".join(_cell(value) for value in row))
    lines += ["", "## Contacts", "", "| Side | Role | Name | Email | Phone |", "|---|---|---|---|---|"]
    for row in contact_groups(contacts, partner):
        lines.append("| %s |" % " | ".join(_cell(value) for value in row))
    if timeline["warnings"]:
        lines += ["", "## Warnings", ""] + ["- %s" % warning for warning in timeline["warnings"]]
    lines.append("")
    return "\n".join(lines)


def render_html(timeline, title, contacts=None, partner=None):
    rules = timeline["rules"]
    parts = ["<p>%s</p>" % html_page.text(_rules_text(timeline))]
    if timeline.get("override_reason"):
        parts.append('<p class="warning"><strong>Window rules overridden:</strong> %s</p>' % html_page.text(timeline["override_reason"]))
    parts.append("<h2>Timeline</h2>")
    parts.append(html_page.table(("When (%s)" % rules["time_zone"], "What", "Notes"),
                                 [(event_local(event, rules), event["title"], event.get("description") or "") for event in timeline["events"]]))
    parts.append("<h2>Communications plan</h2>")
    parts.append(html_page.table(("When", "Milestone", "Message", "To"), communications(timeline, contacts, partner)))
    parts.append("<h2>Contacts</h2>")
    parts.append(html_page.table(("Side", "Role", "Name", "Email", "Phone"), contact_groups(contacts, partner)))
    if timeline["warnings"]:
        parts.append("<h2>Warnings</h2>")
        parts.append("<ul>%s</ul>" % "".join('<li class="warning">%s</li>' % html_page.text(warning) for warning in timeline["warnings"]))
    return html_page.document(title, parts)
