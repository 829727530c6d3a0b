# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scope classification and the SOW inputs derived from it."""
from __future__ import annotations

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.reports import scope, sow


def _item(result, kind, source_id):
    return next(item for item in result["items"] if item["kind"] == kind and item["source_id"] == source_id)


def test_every_item_is_classified(example):
    result = scope.classify(example)
    total = sum(len(example.get(name) or []) for name in example if isinstance(example[name], list))
    assert len(result["items"]) == total
    assert all(item["classification"] in scope.CLASSIFICATIONS for item in result["items"])
    assert _item(result, "users", "u-201")["classification"] == "migrate"
    assert _item(result, "sms_numbers", "sms-2155550100")["reason"].startswith("Moves after the port")


def test_gaps_need_partner_input(example):
    result = scope.classify(example)
    user = _item(result, "users", "u-211")
    assert user["classification"] == "needs_partner_input" and "MAC address" in user["reason"]
    assert _item(result, "voicemail_boxes", "vm-211")["classification"] == "needs_partner_input"
    assert _item(result, "not_collected", "voicemail.conf:default/211")["classification"] == "needs_partner_input"


def test_fixed_category_not_migrated_unless_partner_supplies_files(example):
    result = scope.classify(example)
    recordings = _item(result, "not_collected", "monitor")
    assert recordings["classification"] == "not_migrate" and recordings["category"] == "call_recordings"
    assert [c["category"] for c in result["categories"]] == list(scope.CATEGORY_IDS)
    assert all(c["classification"] == "not_migrate" for c in result["categories"])
    supplied = scope.classify(example, partner_exports=[{"category": "call_recordings", "location": "sftp://x/rec"}])
    assert _item(supplied, "not_collected", "monitor")["classification"] == "migrate"
    assert supplied["categories"][0]["reason"] == "The partner supplies the files (sftp://x/rec)."


def test_exclusions_by_source_id_pattern_and_kind(example):
    result = scope.classify(example, exclusions=[
        {"kind": "devices", "source_id": "dev-201", "reason": "Replaced by a new phone"},
        {"kind": "dids", "pattern": "+1215555017*", "reason": "Cancelled"},
        {"kind": "fax", "reason": "Fax moves to a separate service"},
        {"kind": "queues", "pattern": "nothing-*", "reason": "Unused"},
    ])
    assert _item(result, "devices", "dev-201") == dict(kind="devices", source_id="dev-201", label=_item(result, "devices", "dev-201")["label"],
                                                       classification="not_migrate", reason="Replaced by a new phone", rule="exclusion")
    assert _item(result, "dids", "did-2155550177")["classification"] == "not_migrate"
    assert _item(result, "dids", "did-2155550100")["classification"] == "migrate"
    assert _item(result, "fax", "fax-main")["reason"] == "Fax moves to a separate service"
    assert result["warnings"] == ["ucaas_scope_exclusions[3] (queues nothing-*) matches nothing in the inventory"]


@pytest.mark.parametrize(("exclusions", "message"), [
    ([{"kind": "phones", "reason": "x"}], r"ucaas_scope_exclusions\[0\]\.kind: 'phones' is not an inventory collection"),
    ([{"kind": "users", "source_id": "u-1"}], r"ucaas_scope_exclusions\[0\]\.reason: required"),
    ([{"kind": "users", "reason": "x", "sorce_id": "u-1"}], r"ucaas_scope_exclusions\[0\]\.sorce_id: unknown field"),
    ([{"kind": "users", "reason": "x", "source_id": "a", "pattern": "b"}], r"give source_id or pattern, not both"),
])
def test_bad_exclusions_name_the_field(example, exclusions, message):
    with pytest.raises(scope.ScopeError, match=message):
        scope.classify(example, exclusions=exclusions)


def test_bad_partner_export_names_the_field(example):
    with pytest.raises(scope.ScopeError, match=r"ucaas_partner_exports\[0\]\.category: 'voicemails' is not one of"):
        scope.classify(example, partner_exports=[{"category": "voicemails"}])


def test_sow_counts_add_up(example):
    result = scope.classify(example, exclusions=[{"kind": "devices", "pattern": "dev-ata*", "reason": "Fax ATA retired"}])
    inputs = sow.sow_inputs(example, result, schedule={"partner_review_by": "2026-12-02"})
    counts = inputs["counts"]
    assert counts["users"] == {"migrate": 11, "not_migrate": 0, "needs_partner_input": 1}
    assert counts["devices"] == {"migrate": 11, "not_migrate": 1, "needs_partner_input": 0}
    assert counts["total"]["migrate"] + counts["total"]["not_migrate"] + counts["total"]["needs_partner_input"] == len(result["items"])
    reasons = dict((entry["reason"], entry["count"]) for entry in inputs["not_migrated"])
    assert reasons == {"Fax ATA retired": 1, "Call recordings are not migrated.": 1}
    text = sow.render_markdown(inputs)
    assert "| **Total** | %d | 2 | 6 |" % counts["total"]["migrate"] in text


def test_checklist_statuses_follow_the_inventory(example):
    result = scope.classify(example)
    items = dict((item["key"], item) for item in sow.checklist(example, result, schedule={"partner_review_by": "2026-12-02"}))
    assert list(items) == ["credentials", "did_list", "device_inventory", "greeting_exports", "porting_information", "approval"]
    assert items["credentials"]["status"] == "done"
    assert items["did_list"]["status"] == "done"
    assert items["device_inventory"]["status"] == "open"
    assert items["greeting_exports"]["status"] == "open"
    assert items["porting_information"]["status"] == "open"
    assert items["approval"]["detail"] == "Not approved yet (due by 2026-12-02)."
    port_one = {"port": {"numbers": ["+12155550100"]}, "partner_approved_on": "2026-12-01"}
    items = dict((item["key"], item) for item in sow.checklist(example, result, source_platform="spreadsheet", schedule=port_one))
    assert items["credentials"]["status"] == "not_applicable"
    assert items["porting_information"]["status"] == "done"
    assert items["approval"]["status"] == "done"
    example["dids"] = []
    example["not_collected"] = []
    items = dict((item["key"], item) for item in sow.checklist(example, scope.classify(example)))
    assert items["did_list"]["status"] == "open" and items["porting_information"]["status"] == "not_applicable"
    assert items["greeting_exports"]["status"] == "done"
