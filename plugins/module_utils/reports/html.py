# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Self-contained HTML pages for partners: inline CSS, no scripts, no external assets."""

from __future__ import annotations

from html import escape

STYLE = """
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em; color: #1d2733; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 2px solid #d0d7de; padding-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em 0; font-size: 0.9em; }
th, td { border: 1px solid #d0d7de; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f0f3f6; }
tr:nth-child(even) td { background: #fafbfc; }
.meta td:first-child { font-weight: bold; }
.note { color: #57606a; }
.warning { color: #9a6700; }
.error { color: #cf222e; }
""".strip()


def text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return escape(str(value))


def table(columns, rows, css_class=None):
    lines = ['<table%s>' % (' class="%s"' % css_class if css_class else "")]
    if columns:
        lines.append("<thead><tr>%s</tr></thead>" % "".join("<th>%s</th>" % text(column) for column in columns))
    lines.append("<tbody>")
    for row in rows:
        lines.append("<tr>%s</tr>" % "".join("<td>%s</td>" % text(value) for value in row))
    lines.append("</tbody></table>")
    return "\n".join(lines)


def document(title, body_parts):
    """A whole page around already-escaped body parts."""
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<title>%s</title>" % text(title),
        "<style>",
        STYLE,
        "</style>",
        "</head>",
        "<body>",
        "<h1>%s</h1>" % text(title),
    ] + list(body_parts) + ["</body>", "</html>", ""])


def page(title, source, counts, kind_tables):
    """The inventory export page: source, counts per kind, each kind as a table, what was not collected."""
    parts = [table(None, [
        ("Customer", source.get("customer")),
        ("Source platform", " ".join(str(source[key]) for key in ("platform", "version") if source.get(key))),
        ("Source instance", source.get("instance")),
        ("Collected at (UTC)", source.get("collected_at")),
    ], css_class="meta")]
    parts.append("<h2>Summary</h2>")
    parts.append(table(("Kind", "Count"), [(kind_title, count) for dummy, kind_title, count in counts if count]))
    parts.append('<p class="note">Secret values (PINs, SIP passwords, port PINs) are never shown: their columns say '
                 '<em>set</em> or <em>not set</em>.</p>')
    for collection, kind_title, columns, rows in kind_tables:
        if collection == "not_collected":
            continue
        parts.append('<h2 id="%s">%s (%d)</h2>' % (text(collection), text(kind_title), len(rows)))
        parts.append(table(columns, rows))
    not_collected = [entry for entry in kind_tables if entry[0] == "not_collected"]
    parts.append('<h2 id="not_collected">Not collected: what we need from you</h2>')
    rows = not_collected[0][3] if not_collected else []
    if rows:
        parts.append('<p>These items exist on the old system but could not be read. Each row says why, and what to provide.</p>')
        parts.append(table(("Item", "Kind", "Why it was not collected", "What to provide", "Affects"), rows))
    else:
        parts.append("<p>Everything visible on the source was collected.</p>")
    return document(title, parts)
