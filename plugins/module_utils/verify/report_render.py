# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The post-migration report rendered: Markdown, self-contained HTML (inline CSS, inline SVG diagrams), JSON."""

from __future__ import annotations

import csv
import io
from html import escape

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import json_bytes
from ansible_collections.ucaas.migration.plugins.module_utils.reports import html as html_page

NAMES = {"json": "post_migration_report.json", "md": "post_migration_report.md", "html": "post_migration_report.html",
         "numbers": "number_table.csv"}
NUMBER_COLUMNS = ("original", "label", "temporary", "ported", "answers_on_target", "sms", "call_flow")
ROW_HEIGHT = 34
STATUS_COLOURS = {"match": "#1a7f37", "accepted": "#9a6700", "mismatch": "#cf222e", "unverifiable": "#57606a"}


def _cell(value):
    return str("" if value is None else value).replace("|", "\\|").replace("\n", " ")


def _md_table(columns, rows):
    lines = ["| %s |" % " | ".join(columns), "|%s|" % "|".join("---" for dummy in columns)]
    lines += ["| %s |" % " | ".join(_cell(value) for value in row) for row in rows]
    return lines + [""]


def _sections(report):
    """``[(title, intro lines, columns, rows)]`` shared by Markdown and HTML."""
    verification = report.get("verification") or {}
    checks = verification.get("checks") or {}
    flows = verification.get("call_flows") or {}
    criteria = verification.get("criteria") or {}
    gaps = report["gaps"]
    cutover = report["cutover"]
    sections = [
        ("Summary", ["Verification %s." % ("passed" if report.get("passed") else "FAILED"),
                     "Checks: %s." % ", ".join("%s %d" % item for item in sorted(checks.items())),
                     "Call flows: %d calls compared, %d match, %d accepted differences, %d differences." % (
                         flows.get("calls", 0), flows.get("match", 0), flows.get("accepted", 0), flows.get("mismatch", 0)),
                     "Acceptance criteria: %d passed, %d failed." % (criteria.get("pass", 0), criteria.get("fail", 0)),
                     "Change window: %s." % report["change_window"]["text"]], None, None),
        ("What migrated", ["Objects per kind on the target (planned) and the read-back checks that passed."],
         ("Kind", "Planned", "Checks passed"), [(item["kind"], item["planned"], item["verified_checks"]) for item in report["migrated"]]),
        ("What was not migrated", ["Per the agreed scope: %s." % "; ".join(item["title"] for item in report["not_migrated_categories"])
                                   if report["not_migrated_categories"] else "Per the agreed scope."],
         ("Kind", "Item", "Status", "Reason", "Partner action"),
         [(item["kind"], item["item"], item["status"], item["reason"], item["partner_action"]) for item in report["not_migrated"]]),
        ("Known gaps: verification", ["Failed, warned and skipped checks."], ("Status", "Topic", "Check"),
         [(item["status"], item["topic"], item["message"]) for item in gaps["checks"]]),
        ("Known gaps: call-flow differences", ["Each difference with the path the call takes on each side."],
         ("Call", "Source path", "Target path"),
         [(item["message"], " -> ".join(item["source"]["path"]), " -> ".join(item["target"]["path"])) for item in gaps["call_flow_differences"]]),
        ("Accepted differences", ["Differences the plan made on purpose or the partner accepted."], ("Call", "Why"),
         [(item["message"], item.get("reason", "")) for item in gaps["accepted_differences"]]),
        ("Acceptance criteria", [], ("Criterion", "Description", "Status", "Result"),
         [(item["id"], item["description"], item["status"], item["message"]) for item in report["criteria"]]),
        ("Known gaps: unresolved plan findings", [], ("Severity", "Kind", "Object", "Finding", "Suggestion"),
         [(item["severity"], item["kind"], item["object"], item["message"], item["suggestion"]) for item in gaps["findings"]]),
        ("Numbers", ["Original -> temporary -> ported; port state: %s." % report["port_state"]],
         ("Original", "Label", "Temporary", "Ported", "Answers on the target", "SMS", "Call flow"),
         [(row["original"], row["label"], row["temporary"] or "", row["ported"], row["answers_on_target"] or "", row["sms"], row["call_flow"])
          for row in report["numbers"]]),
        ("Cutover", ["Cutover: %s%s." % (cutover["at"] or "not recorded yet", " (%s)" % cutover["source"] if cutover["source"] else ""),
                     "Runs: %s; journal lines: %d%s." % (", ".join(cutover["runs"]) or "none", cutover["entries"],
                                                         "; last rollback completed %s" % cutover["rolled_back_at"] if cutover["rolled_back_at"] else ""),
                     "Change window: %s." % report["change_window"]["text"]],
         ("Kind (system)", "Writes"), [(kind, ", ".join("%s %d" % item for item in sorted(counts.items())))
                                       for kind, counts in cutover["by_kind"].items()]),
    ]
    return sections


def render_markdown(report):
    lines = ["# %s" % report["title"], "", "Domain: %s; plan %s." % (report.get("domain"), report.get("plan_fingerprint")), ""]
    for title, intro, columns, rows in _sections(report):
        lines += ["## %s" % title, ""] + list(intro) + ([""] if intro else [])
        if columns is not None:
            lines += _md_table(columns, rows) if rows else ["None.", ""]
    lines += ["## Call flows per number", ""]
    for flow in report["call_flows"]:
        lines += ["### %s %s" % (flow["number"], flow["label"]), ""]
        lines += _md_table(("When", "Keys", "Target", "Source", "Status"),
                           [(row["label"], " ".join(row["keys"]), row["target"], row["source"], row["status"]) for row in flow["diagram"]])
    return "\n".join(lines).rstrip("\n") + "\n"


def _svg_text(x, y, text, size=12, weight="normal", fill="#1d2733"):
    return '<text x="%d" y="%d" font-size="%d" font-weight="%s" fill="%s">%s</text>' % (x, y, size, weight, fill, escape(str(text)))


def _clip(text, width):
    """``text`` cut to ``width`` characters, with an ellipsis when it was cut."""
    text = str(text or "")
    return text if len(text) <= width else text[:width - 1].rstrip() + "\u2026"


def flow_svg(flow):
    """A DID's call flow: the number on the left, one branch per moment (and key) to where the call ends on the target."""
    rows = flow["diagram"]
    height = max(len(rows), 1) * ROW_HEIGHT + 20
    middle = height // 2
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="980" height="%d" role="img" aria-label="%s">' % (
        height, escape("call flow of %s" % flow["number"])),
        '<rect x="4" y="%d" width="190" height="44" rx="6" fill="#ddf4ff" stroke="#54aeff"/>' % (middle - 22),
        _svg_text(12, middle - 4, flow["number"], 13, "bold"),
        _svg_text(12, middle + 14, _clip(flow["label"] or "", 28), 11)]
    if flow.get("target_number") and flow["target_number"] != flow["number"]:
        parts.append(_svg_text(12, middle + 34, "answers on %s" % flow["target_number"], 10, fill="#57606a"))
    for index, row in enumerate(rows):
        y = 20 + index * ROW_HEIGHT
        colour = STATUS_COLOURS.get(row["status"], "#57606a")
        parts.append('<path d="M194 %d C 240 %d, 240 %d, 280 %d" fill="none" stroke="#8c959f"/>' % (middle, middle, y + 10, y + 10))
        keys = " ".join(row["keys"])
        # a scenario's label may already name its keys
        when = row["label"] if not keys or ("keys %s" % keys) in row["label"] else "%s / keys %s" % (row["label"], keys)
        parts.append('<rect x="280" y="%d" width="330" height="24" rx="4" fill="#f6f8fa" stroke="#d0d7de"/>' % (y - 2))
        parts.append(_svg_text(286, y + 14, _clip(when, 52), 11))
        parts.append('<line x1="610" y1="%d" x2="640" y2="%d" stroke="%s" stroke-width="2"/>' % (y + 10, y + 10, colour))
        parts.append('<rect x="640" y="%d" width="330" height="24" rx="4" fill="#ffffff" stroke="%s"/>' % (y - 2, colour))
        parts.append(_svg_text(646, y + 14, _clip(row["target"], 52), 11, fill=colour))
    parts.append("</svg>")
    return "\n".join(parts)


def render_html(report):
    text = html_page.text
    verdict = ('style="color: #1a7f37; font-weight: bold"', "passed") if report.get("passed") else ('class="error"', "FAILED")
    parts = ['<table class="meta"><tbody>',
             "<tr><td>Domain</td><td>%s</td></tr>" % text(report.get("domain")),
             "<tr><td>Plan</td><td>%s</td></tr>" % text(report.get("plan_fingerprint")),
             '<tr><td>Verification</td><td %s>%s</td></tr>' % verdict,
             "<tr><td>Change window</td><td>%s</td></tr>" % text(report["change_window"]["text"]),
             "</tbody></table>"]
    for title, intro, columns, rows in _sections(report):
        parts.append("<h2>%s</h2>" % text(title))
        parts += ['<p class="note">%s</p>' % text(line) for line in intro]
        if columns is not None:
            parts.append(html_page.table(columns, rows) if rows else '<p class="note">None.</p>')
    parts.append("<h2>Call flows per number</h2>")
    parts.append('<p class="note">Where each call ends on the new platform, per representative moment and key; green: same as before, '
                 'amber: accepted difference, red: differs.</p>')
    for flow in report["call_flows"]:
        parts.append("<h3>%s %s</h3>" % (text(flow["number"]), text(flow["label"])))
        parts.append(flow_svg(flow))
    return html_page.document(report["title"], parts)


def render_number_table(report):
    """The number table on its own (original -> temporary -> ported, SMS) as CSV, for the partner and the carrier."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=NUMBER_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in report.get("numbers") or []:
        writer.writerow(dict((column, "" if row.get(column) is None else row.get(column)) for column in NUMBER_COLUMNS))
    return out.getvalue()


def render_all(report):
    """``{file name: bytes}`` of the three formats and the number table."""
    return {NAMES["json"]: json_bytes(report), NAMES["md"]: render_markdown(report).encode("utf-8"),
            NAMES["html"]: render_html(report).encode("utf-8"), NAMES["numbers"]: render_number_table(report).encode("utf-8")}
