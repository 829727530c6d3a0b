# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parsers for Asterisk configuration files (``voicemail.conf``, ``pjsip.conf``, ``queues.conf``...).

The generic reader understands sections, templates (``[name](!)``) and inheritance
(``[201](phone-tmpl)``), ``key = value`` and ``key => value`` lines, ``;`` comments
(``\\;`` is a literal semicolon) and ``#include``/``#tryinclude`` relative to the
configuration directory.
"""

from __future__ import annotations

import glob
import os
import re

from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import SourceError

_SECTION = re.compile(r"^\[([^\]]+)\]\s*(?:\(([^)]*)\))?\s*$")
_INCLUDE = re.compile(r"^#(try)?include\s+[\"<]?([^\">]+)[\">]?\s*$")
_CALLER_ID = re.compile(r'^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$')


class ConfigSection:
    """One ``[name]`` section: its own options in order, templates it inherits, template flag."""

    def __init__(self, name, templates=(), is_template=False, file=None, line=None):
        self.name = name
        self.templates = list(templates)
        self.is_template = is_template
        self.file = file
        self.line = line
        self.options = []

    def get(self, key, default=None):
        for option, value in reversed(self.options):
            if option == key:
                return value
        return default

    def get_all(self, key):
        return [value for option, value in self.options if option == key]


def _strip_comment(line):
    out = []
    index = 0
    while index < len(line):
        char = line[index]
        if char == "\\" and index + 1 < len(line) and line[index + 1] == ";":
            out.append(";")
            index += 2
            continue
        if char == ";":
            break
        out.append(char)
        index += 1
    return "".join(out).strip()


def read_config(path, base_dir=None, missing_ok=False, _seen=None):
    """Sections of a configuration file (includes resolved), in file order."""
    base_dir = base_dir or os.path.dirname(path)
    seen = _seen if _seen is not None else set()
    real = os.path.realpath(path)
    if real in seen:
        return []
    seen.add(real)
    try:
        with open(path, "r", encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except (IOError, OSError) as exc:
        if missing_ok:
            return []
        raise SourceError("%s: cannot read: %s" % (path, exc.strerror or exc))
    sections = []
    current = None
    for number, raw in enumerate(lines, 1):
        stripped = raw.strip()
        include = _INCLUDE.match(stripped)
        if include:
            target = include.group(2).strip()
            pattern = target if os.path.isabs(target) else os.path.join(base_dir, target)
            for included in sorted(glob.glob(pattern)) or ([] if include.group(1) else [pattern]):
                sub = read_config(included, base_dir, missing_ok=bool(include.group(1)), _seen=seen)
                if sub and current is not None and sub[0].name is None:
                    current.options.extend(sub.pop(0).options)
                sections.extend(sub)
                if sub:
                    current = sub[-1]
            continue
        line = _strip_comment(raw)
        if not line:
            continue
        header = _SECTION.match(line)
        if header:
            flags = [part.strip() for part in (header.group(2) or "").split(",") if part.strip()]
            current = ConfigSection(header.group(1).strip(), [f for f in flags if f not in ("!", "+")], "!" in flags, path, number)
            sections.append(current)
            continue
        key, sep, value = line.partition("=")
        if not sep:
            continue
        if value.startswith(">"):
            value = value[1:]
        if current is None:
            current = ConfigSection(None, file=path, line=number)
            sections.append(current)
        current.options.append((key.strip(), value.strip()))
    return sections


def resolve_templates(sections):
    """Map of concrete section name -> list of sections with that name (templates merged in first)."""
    templates = {}
    for section in sections:
        if section.name is not None and section.is_template:
            templates.setdefault(section.name, section)
    resolved = []
    for section in sections:
        if section.name is None or section.is_template:
            continue
        merged = ConfigSection(section.name, section.templates, False, section.file, section.line)
        for name in section.templates:
            merged.options.extend(_template_options(templates, name, set()))
        merged.options.extend(section.options)
        resolved.append(merged)
    return resolved


def _template_options(templates, name, seen):
    template = templates.get(name)
    if template is None or name in seen:
        return []
    seen.add(name)
    options = []
    for parent in template.templates:
        options.extend(_template_options(templates, parent, seen))
    return options + template.options


def parse_caller_id(text):
    """``"Alice Moreno" <201>`` -> (name, number); a bare number gives (None, number)."""
    if not text:
        return None, None
    match = _CALLER_ID.match(text)
    if match:
        return (match.group(1).strip() or None), (match.group(2).strip() or None)
    text = text.strip().strip('"')
    return (None, text) if re.match(r"^\+?[0-9]+$", text) else (text or None, None)


def read_voicemail_conf(path, missing_ok=True):
    """Mailboxes of ``voicemail.conf``: {(context, mailbox): {pin, name, emails, pager, options}}."""
    boxes = {}
    for section in read_config(path, missing_ok=missing_ok):
        if section.name in (None, "general", "zonemessages"):
            continue
        for mailbox, value in section.options:
            if not re.match(r"^[0-9]+$", mailbox):
                continue
            parts = value.split(",", 4)
            parts += [""] * (5 - len(parts))
            options = {}
            for item in parts[4].split("|"):
                key, sep, val = item.partition("=")
                if sep:
                    options[key.strip()] = val.strip()
            boxes[(section.name, mailbox)] = dict(
                pin=parts[0].strip(), name=parts[1].strip(),
                emails=[e for e in re.split(r"[|;\s]+", parts[2].strip()) if e],
                pager=parts[3].strip(), options=options)
    return boxes
