# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cutover plan for the partner: ``cutover_plan.md`` and ``cutover_plan.html``.

Sections: the window, the numbers table (original -> temporary DID -> destination), the
per-number forwarding steps, caller ID and emergency caller ID, the phones (provisioning
pushes and the onsite schedule of provision_phones), porting coordination (the port orders
file's orders with carrier, account, status and FOC date; carriers and account numbers collected
with the numbers; dates; contacts), go/no-go criteria and rollback criteria.  Both renderings come
from one section list, so they always say the same; the content depends only on the inputs
(no clock), so a re-run writes the same bytes.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.cutover.model import RESYNC_GAP, plus
from ansible_collections.ucaas.migration.plugins.module_utils.reports import html as html_page

MARKDOWN_NAME = "cutover_plan.md"
HTML_NAME = "cutover_plan.html"


def _clock(value):
    return str(value)[:16].replace("T", " ") if value else ""


def _window_rows(schedule, rules):
    cutover = (schedule or {}).get("cutover") or {}
    rows = []
    if cutover:
        rows.append(("Agreed window", "%s %s to %s (%s)" % (cutover.get("date", ""), cutover.get("window_start", ""), cutover.get("window_end", ""),
                                                            cutover.get("time_zone") or rules.get("time_zone") or "America/New_York")))
    else:
        rows.append(("Agreed window", "not agreed yet (ucaas_schedule.cutover)"))
    rows.append(("Window rules", "%s, ending by %s %s" % (", ".join(rules.get("days") or ["mon", "tue", "wed", "thu", "fri"]),
                                                          rules.get("latest_end") or "21:00", rules.get("time_zone") or "America/New_York")))
    rows.append(("Outside the window", "the cutover refuses to start unless a reason is given (ucaas_cutover_override_reason); the reason is journaled"))
    rows.append(("Rehearsals", "on the lab only, the clock may be set (ucaas_cutover_now); the journal marks such runs as rehearsals"))
    return rows


def _forwarding_step(entry, model, carrier_text):
    temporary = plus(entry["temporary"])
    original = plus(entry["original"])
    if entry.get("source_item"):
        item = entry["source_item"]
        return ("Automatic (source API): number %s in domain %s becomes %s to %s@%s, header [%s]; rollback restores its routing (%s)."
                % (original, model["source"]["domain"], item["application"], item["destination_user"], item["destination_host"],
                   item["parameter"], entry.get("routing_at_source") or "as journaled"))
    return carrier_text(entry, original, temporary)


def _carrier_text_for(platform):
    def carrier_text(entry, original, temporary):
        carrier = entry.get("carrier") or "the losing carrier"
        account = " (account %s)" % entry["account_number"] if entry.get("account_number") else ""
        if platform in ("freepbx", "asterisk", "freepbx_csv"):
            return ("Manual, on the old PBX at the start of the window: Inbound Routes, DID %s: destination a Misc Destination that dials "
                    "%s over the outbound trunk (keep the caller's number); or ask %s%s for an unconditional forward of %s to %s. "
                    "Undo it if the cutover is rolled back." % (original, temporary, carrier, account, original, temporary))
        return ("Manual, by the partner with %s%s at the start of the window: forward %s unconditionally to %s until the port completes; "
                "remove the forward if the cutover is rolled back." % (carrier, account, original, temporary))
    return carrier_text


def sections(model, schedule=None, rules=None, contacts=None, partner=None, onsite=None, approval=None, applied=None, customer=None,
             port_orders=None):
    """``[(title, [blocks])]``; a block is ``("p", text)``, ``("list", [text])`` or ``("table", columns, rows)``."""
    rules = rules or {}
    schedule = schedule or {}
    port = schedule.get("port") or {}
    out = []
    status = [("Customer", customer or ""), ("Target domain", model["domain"]),
              ("Source", "%s %s" % (model["source"]["platform"] or "", model["source"]["domain"] or "")),
              ("Plan", model.get("plan_fingerprint") or ""),
              ("Applied", "%s (run %s)" % ((applied or {}).get("plan_fingerprint"), (applied or {}).get("run_id")) if applied else "not applied yet"),
              ("Approved", "%s by %s on %s" % ((approval or {}).get("plan_fingerprint"), (approval or {}).get("approved_by"),
                                               (approval or {}).get("approved_at")) if approval else "not approved yet")]
    out.append(("Status", [("table", None, status)]))
    out.append(("Window", [("table", None, _window_rows(schedule, rules))]))
    rows = [(plus(entry["original"]), entry["label"], plus(entry["temporary"]), entry["destination_text"],
             "source API" if entry.get("source_item") else "manual") for entry in model["numbers"]]
    blocks = [("table", ("Original", "Label", "Temporary DID", "Destination (like the original)", "Forwarding"), rows)]
    if not rows:
        blocks = [("p", "No ported number has a temporary DID (ucaas_schedule.port.temporary).")]
    if model["without_temporary"]:
        blocks.append(("p", "Ported numbers without a temporary DID: they keep reaching the old platform until the port completes."))
        blocks.append(("table", ("Original", "Label", "Routing at the source"),
                       [(plus(entry["original"]), entry["label"], entry["routing_at_source"]) for entry in model["without_temporary"]]))
    out.append(("Numbers and their temporary DIDs", blocks))
    carrier_text = _carrier_text_for(model["source"]["platform"])
    steps = ["%s -> %s: %s" % (plus(entry["original"]), plus(entry["temporary"]), _forwarding_step(entry, model, carrier_text))
             for entry in model["numbers"]]
    out.append(("Forwarding steps, per number", [("list", steps)] if steps else [("p", "Nothing to forward.")]))
    caller = ["Domain default caller ID: %s (the main number)." % plus(model["main_number"]) if model["main_number"] else
              "Domain default caller ID: no main number known.",
              "Emergency caller ID: %s until the port completes (a temporary DID reaching this platform); finalize_port moves it to the "
              "original when that number has ported." % (plus(model["emergency_number"]) if model["emergency_number"] else "no temporary DID"),
              "Users with a temporary DID of their own get it as emergency caller ID; any emergency caller ID set to a ported number moves "
              "to that number's temporary DID, else to the main number's."]
    out.append(("Caller ID", [("list", caller), ("table", ("User", "Outbound caller ID"),
                                                 [(entry["user"], plus(entry["number"])) for entry in model["caller_ids"]])]))
    phones = [(phone["mac"], phone["model"], ", ".join(phone["devices"])) for phone in model["phones"]]
    blocks = [("p", RESYNC_GAP + " Per phone: reboot it (menu or power) once the numbers are forwarded, then check that every line "
                                 "registers; the cutover journal records each instruction.")]
    blocks.append(("table", ("MAC", "Model", "Devices (user/device)"), phones) if phones else ("p", "No planned phone has a MAC."))
    out.append(("Phones: provisioning pushes", blocks))
    out.append(("Onsite device schedule", _onsite_blocks(onsite)))
    out.append(("Porting coordination", _porting_blocks(model, port, contacts, partner, port_orders)))
    out.append(("Go / no-go", [("list", _go_criteria(model))]))
    out.append(("Rollback", [("list", _rollback_criteria(model))]))
    return out


def _onsite_blocks(onsite):
    if not onsite:
        return [("p", "Not produced yet: playbooks/provision_phones.yml writes onsite_schedule.json.")]
    blocks = []
    for site in onsite.get("sites") or []:
        slot = site.get("slot")
        when = "%s to %s (%s)" % (_clock(slot["start"]), _clock(slot["end"])[11:], slot["time_zone"]) if slot else "slot to be agreed"
        if site.get("onsite"):
            blocks.append(("p", "%s: someone at the phones %s." % (site["site"], when)))
            blocks.append(("table", ("Location", "MAC", "Model", "Extensions", "What to do"),
                           [(device.get("location") or device.get("source_id"), device.get("mac"), device.get("model"),
                             ", ".join(device.get("extensions") or []), device.get("action")) for device in site["onsite"]]))
        if site.get("special_access"):
            due = site.get("special_access_due") or {}
            macs = ", ".join(device.get("mac") or "" for device in site["special_access"])
            blocks.append(("p", "%s: special access %s, by %s: %s." % (site["site"], due.get("task", "(network change)"), _clock(due.get("by")), macs)))
    if not blocks:
        blocks.append(("p", "No phone needs someone onsite or special network access."))
    for warning in onsite.get("warnings") or []:
        blocks.append(("p", "Warning: %s" % warning))
    return blocks


def _order_rows(orders):
    """One row per port order of the port orders file (``ucaas_port_orders``): what the carrier has confirmed so far."""
    rows = []
    for order in orders or []:
        numbers = []
        for number in order.get("numbers") or []:
            if isinstance(number, dict):
                own = number.get("status")
                numbers.append("%s%s" % (number.get("number") or "", " (%s)" % own if own and own != order.get("status") else ""))
            else:
                numbers.append(str(number))
        rows.append((order.get("id") or "", order.get("carrier") or "", order.get("account") or "", order.get("status") or "",
                     order.get("foc_date") or "", "%d: %s" % (len(numbers), ", ".join(numbers))))
    return rows


def _porting_blocks(model, port, contacts, partner, port_orders=None):
    blocks = []
    if port_orders:
        blocks.append(("table", ("Port order", "Losing carrier", "Account", "Status", "FOC date", "Numbers"), _order_rows(port_orders)))
    carriers = {}
    for entry in model["numbers"] + model["without_temporary"]:
        key = (entry.get("carrier") or "(carrier not collected)", entry.get("account_number") or "(not collected)",
               entry.get("billing_number") or "")
        carriers.setdefault(key, {"numbers": [], "pin": False})
        carriers[key]["numbers"].append(plus(entry["original"]))
        carriers[key]["pin"] = carriers[key]["pin"] or entry.get("port_pin_set")
    rows = [(carrier, account, billing, "set" if data["pin"] else "not set", ", ".join(data["numbers"]))
            for (carrier, account, billing), data in sorted(carriers.items())]
    blocks.append(("table", ("Losing carrier (inventory)", "Account number", "Billing number", "Port PIN", "Numbers"), rows))
    dates = ["Requested FOC date: %s" % (port.get("requested_foc") or "not requested yet")]
    for index, window in enumerate(port.get("windows") or []):
        numbers = ", ".join(window.get("numbers") or []) or "all"
        dates.append("Porting window %d: %s %s-%s, numbers: %s" % (index + 1, window.get("date", ""), window.get("start", ""), window.get("end", ""), numbers))
    dates += ["Steps: submit the port request (LOA signed by the customer, latest bill) -> receive the FOC date -> on the FOC date "
              "run playbooks/finalize_port.yml for the numbers that ported (each run moves only those) -> remove the forwards.",
              "Numbers that port are moved one by one; numbers not ported yet keep their temporary DID and forward."]
    blocks.append(("list", dates))
    people = []
    for contact in (partner or {}).get("contacts") or []:
        people.append(("partner", contact.get("role"), contact.get("name"), contact.get("email"), contact.get("phone")))
    for side in ("customer", "provider"):
        for contact in (contacts or {}).get(side) or []:
            people.append((side, contact.get("role"), contact.get("name"), contact.get("email"), contact.get("phone")))
    blocks.append(("table", ("Side", "Role", "Name", "E-mail", "Phone"), people) if people else ("p", "No contacts in the inventory (ucaas_contacts)."))
    return blocks


def _routed(model):
    return [entry for entry in model["numbers"] if (entry.get("destination") or {}).get("application") != "available-number"]


def _go_criteria(model):
    return [
        "GO only when every preflight check passes (the cutover refuses otherwise): the partner approved the plan that is applied, "
        "the run is inside the agreed window, every temporary DID is allocated and routed, every planned object exists.",
        "A test call to each temporary DID reaches its destination (%d numbers%s)." % (
            len(_routed(model)), "; spare numbers stay unrouted as at the source" if len(_routed(model)) < len(model["numbers"]) else ""),
        "The onsite people are confirmed for their slots, and the partner's project manager is reachable during the window.",
        "NO-GO: a blocking finding without a decision, an unanswered test call, or the partner's contact not reachable.",
    ]


def _rollback_criteria(model):
    return [
        "Roll back when, within the window: calls to the original numbers do not reach their destination after forwarding, more than a "
        "few phones do not register after their push, or an emergency test call shows a number that does not reach this platform.",
        "How: ansible-playbook playbooks/rollback_cutover.yml. It restores, newest first, every value the cutover journal recorded "
        "(temporary DID routing, caller IDs, emergency caller IDs%s); a second run changes nothing." % (
            ", the forwarding of the originals at the source" if model["source"]["api_forwarding"] else ""),
        "Not undone by the playbook: manual forwards with the carrier or the old PBX, and phones already rebooted onto this platform "
        "(point them back to the old provisioning server by hand).",
    ]


def _md_cell(value):
    return str(value if value is not None else "").replace("|", "/").replace("\n", " ")


def render_markdown(title, parts):
    lines = ["# %s" % title, ""]
    for heading, blocks in parts:
        lines += ["## %s" % heading, ""]
        for block in blocks:
            if block[0] == "p":
                lines += [block[1], ""]
            elif block[0] == "list":
                lines += ["- %s" % item for item in block[1]] + [""]
            else:
                columns, rows = block[1], block[2]
                if columns is None:
                    columns = ("", "")
                lines.append("| %s |" % " | ".join(_md_cell(column) for column in columns))
                lines.append("|%s|" % "|".join("---" for dummy in columns))
                lines += ["| %s |" % " | ".join(_md_cell(value) for value in row) for row in rows]
                lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_html(title, parts):
    body = []
    for heading, blocks in parts:
        body.append("<h2>%s</h2>" % html_page.text(heading))
        for block in blocks:
            if block[0] == "p":
                body.append("<p>%s</p>" % html_page.text(block[1]))
            elif block[0] == "list":
                body.append("<ul>%s</ul>" % "".join("<li>%s</li>" % html_page.text(item) for item in block[1]))
            else:
                body.append(html_page.table(block[1], block[2], css_class=None if block[1] else "meta"))
    return html_page.document(title, body)


def render(model, customer=None, **context):
    """``{file name: text}`` of both renderings."""
    title = "Cutover plan: %s" % (customer or model["domain"])
    parts = sections(model, customer=customer, **context)
    return {MARKDOWN_NAME: render_markdown(title, parts), HTML_NAME: render_html(title, parts)}
