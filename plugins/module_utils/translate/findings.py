# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Typed findings of the translation: every approximation, gap or decision the plan needs.

A finding has a stable fingerprint (sha256 of its kind, the source ids it is about and its
essential detail), so a partner's resolution in ``ucaas_resolutions`` keeps matching it
on every re-run, and a change of the facts behind it yields a new finding.
"""

from __future__ import annotations

import hashlib
import json

INFO = "info"
WARNING = "warning"
BLOCKING = "blocking"
SEVERITIES = (BLOCKING, WARNING, INFO)
RESOLUTION_FIELDS = ("decision", "note", "by")


class TranslationError(ValueError):
    """Bad input to the translation; the message names the variable and field."""


def fingerprint(kind, source_ids, detail=""):
    """Stable hex digest of a finding: kind, the sorted source ids, the essential detail."""
    material = json.dumps([kind, sorted(str(item) for item in source_ids), detail], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def check_resolutions(resolutions):
    """Validate ``ucaas_resolutions``: ``{fingerprint: {decision, note, by}}``."""
    checked = {}
    if resolutions is None:
        return checked
    if not isinstance(resolutions, dict):
        raise TranslationError("ucaas_resolutions: expected a mapping of finding fingerprint to {decision, note, by}")
    for key, value in sorted(resolutions.items()):
        where = "ucaas_resolutions[%r]" % (key,)
        if not isinstance(value, dict):
            raise TranslationError("%s: expected a mapping with decision, note and by" % where)
        unknown = sorted(set(value) - set(RESOLUTION_FIELDS))
        if unknown:
            raise TranslationError("%s.%s: unknown field (use decision, note, by)" % (where, unknown[0]))
        decision = str(value.get("decision") or "").strip()
        if not decision:
            raise TranslationError("%s.decision: required (what was decided, e.g. accept)" % where)
        checked[str(key)] = dict(decision=decision, note=str(value.get("note") or "").strip(), by=str(value.get("by") or "").strip())
    return checked


class Findings:
    """Collects findings; hands a blocking finding's recorded resolution back to the translator."""

    def __init__(self, resolutions=None):
        self.resolutions = check_resolutions(resolutions)
        self.items = {}
        self.used = set()

    def add(self, kind, severity, source, message, suggestion="", detail="", related=()):
        """Record a finding about ``source`` ({collection, source_id, label}); returns its resolution or None.

        ``detail`` is the essential fact (what a new decision would be about); ``related``
        adds more source ids to the fingerprint.
        """
        if severity not in SEVERITIES:
            raise ValueError("unknown severity %r" % (severity,))
        ids = ["%s:%s" % (source.get("collection"), source.get("source_id"))] + list(related)
        digest = fingerprint(kind, ids, detail)
        resolution = self.resolutions.get(digest)
        if resolution is not None:
            self.used.add(digest)
        self.items[digest] = dict(kind=kind, severity=severity, source=dict(source), message=message, fingerprint=digest,
                                  suggestion=suggestion, resolution=resolution)
        return resolution

    def blocking(self, kind, source, message, suggestion, detail="", related=()):
        return self.add(kind, BLOCKING, source, message, suggestion, detail, related)

    def warning(self, kind, source, message, suggestion="", detail="", related=()):
        return self.add(kind, WARNING, source, message, suggestion, detail, related)

    def info(self, kind, source, message, suggestion="", detail="", related=()):
        return self.add(kind, INFO, source, message, suggestion, detail, related)

    def sorted(self):
        order = dict((severity, index) for index, severity in enumerate(SEVERITIES))
        return sorted(self.items.values(), key=lambda item: (order[item["severity"]], item["kind"], item["source"].get("collection") or "",
                                                             str(item["source"].get("source_id")), item["fingerprint"]))

    def unresolved_blocking(self):
        return [item for item in self.sorted() if item["severity"] == BLOCKING and item["resolution"] is None]

    def stale_resolutions(self):
        """Resolutions that match no finding of this plan (the facts changed, or a typo)."""
        return sorted(set(self.resolutions) - self.used)

    def counts(self):
        result = dict((severity, 0) for severity in SEVERITIES)
        for item in self.items.values():
            result[item["severity"]] += 1
        return result


def fix_line(finding):
    """One line telling how to resolve a blocking finding in inventory variables."""
    return ("%s (%s %s): %s Fix: %s; or record a decision in ucaas_resolutions: {'%s': {decision: ..., note: ..., by: ...}}" % (
        finding["kind"], finding["source"].get("collection"), finding["source"].get("source_id"), finding["message"],
        finding["suggestion"] or "change the inventory", finding["fingerprint"]))
