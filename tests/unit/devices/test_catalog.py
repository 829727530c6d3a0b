# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shipped catalog, provider layers and matching of the spellings sources use."""
from __future__ import annotations

import json

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.devices.catalog import (
    CatalogError, load_catalog, match_key, merge_layers, validate_catalog,
)
from ansible_collections.ucaas.migration.plugins.module_utils.devices.catalog_data import CATALOG


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_shipped_catalog_is_valid_and_covers_the_common_families(catalog):
    assert validate_catalog(CATALOG) == []
    families = {"Yealink": ("T54W", "T46U", "T31P", "W60P", "W73P", "CP960"), "Poly": ("VVX 450", "Edge E350", "Trio 8800"),
                "Cisco": ("8841", "6851", "7841"), "Grandstream": ("GXP2170", "GRP2614", "HT802"), "Snom": ("D735", "D785"),
                "Fanvil": ("X4U", "X6U")}
    for brand, models in families.items():
        for model in models:
            entry = catalog.lookup(brand, model).entry
            assert entry is not None and entry["status"] == "supported", (brand, model)
            assert entry["lines"] >= 1 and entry["target"]


@pytest.mark.parametrize("brand, model, expected", [
    ("Yealink", "T54W", "yealink-t54w"),                      # inventory brand + model
    ("", "Yealink SIP-T54W", "yealink-t54w"),                 # vendor spelling in one string (3CX, user agents)
    ("yealink", "sip t54w", "yealink-t54w"),                  # case and punctuation ignored
    ("Yealink", "Yealink T54W", "yealink-t54w"),              # brand repeated in the model
    (None, "Yealink T54W", "yealink-t54w"),                   # NetSapiens brand-and-model
    ("Polycom", "VVX450", "poly-vvx-450"),                    # FreePBX endpoint manager
    ("", "Polycom VVX 450", "poly-vvx-450"),
    ("Poly", "Edge E350", "poly-edge-e350"),
    ("Cisco", "CP-8841-3PCC-K9", "cisco-8841"),
    ("", "Cisco SPA-303 Desk Phone", "cisco-spa303"),         # RingCentral model name
    ("Grandstream", "GRP-2614", "grandstream-grp2614"),
    ("", "HT802", "grandstream-ht802"),                       # model alone, unique in the catalog
    ("snom", "D735", "snom-d735"),
    ("", "SPIP331", "poly-soundpoint-ip-331"),
    ("Cisco", "CP-7960G", "cisco-7960"),
])
def test_spellings_of_sources_match(catalog, brand, model, expected):
    match = catalog.lookup(brand, model)
    assert match.problem is None and match.entry["id"] == expected


def test_unknown_texts_are_reported_never_guessed(catalog):
    near = catalog.lookup("Yealink", "T54X")
    assert near.entry is None and near.problem == "'Yealink T54X' is not in the device catalog"
    assert "Yealink T54W" in near.suggestions
    assert catalog.lookup("", "T54").entry is None
    wrong_brand = catalog.lookup("Polycom", "Yealink T54W")
    assert wrong_brand.entry is None and "brand 'Polycom'" in wrong_brand.problem
    assert catalog.lookup("Poly", "T54W").entry is None
    assert catalog.lookup("", "").problem.startswith("missing")


def test_unsupported_models_carry_a_reason(catalog):
    for brand, model in (("Polycom", "SoundPoint IP 331"), ("Cisco", "7960"), ("Cisco", "SPA504G"), ("Yealink", "T28P")):
        entry = catalog.lookup(brand, model).entry
        assert entry["status"] == "unsupported" and entry["reason"], (brand, model)


def test_attributes_come_from_model_then_brand_then_defaults(catalog):
    t54w = catalog.lookup("Yealink", "T54W").entry
    assert catalog.attribute(t54w, "transport") == "tls" and catalog.attribute(t54w, "redirect") == "vendor_redirect"
    ht802 = catalog.lookup("Grandstream", "HT802").entry
    assert catalog.attribute(ht802, "transport") == "udp"
    assert catalog.attribute(ht802, "redirect_service") == "Grandstream GDMS"


def test_provider_layers_merge_by_id_and_add_models(tmp_path):
    layer_file = tmp_path / "provider.json"
    layer_file.write_text(json.dumps({"format": "ucaas.migration/device-catalog-v1", "models": [
        {"id": "cisco-spa504g", "status": "supported", "target": "Cisco SPA504G", "lines": 4, "aliases": ["SPA 504 G"]}]}))
    layer = {"brands": {"polycom": {"redirect": "dhcp_option"}},
             "models": [{"id": "acme-x1", "brand": "Acme", "model": "X1", "status": "supported", "target": "Acme X1", "lines": 2}]}
    catalog = load_catalog(layers=[layer], files=[str(layer_file)])
    spa = catalog.lookup("Cisco", "SPA 504 G").entry
    assert spa["status"] == "supported" and "SPA-504G" in spa["aliases"]   # aliases are added, not replaced
    assert catalog.attribute(catalog.lookup("Poly", "VVX 450").entry, "redirect") == "dhcp_option"  # brand by any spelling
    assert catalog.lookup("acme", "x-1").entry["target"] == "Acme X1"
    assert load_catalog().lookup("Cisco", "SPA504G").entry["status"] == "unsupported"  # the shipped data is untouched


def test_bad_layers_are_refused_with_every_problem():
    with pytest.raises(CatalogError) as caught:
        load_catalog(layers=[{"models": [{"id": "x", "brand": "B", "model": "M", "status": "maybe", "redirect": "pigeon"},
                                         {"id": "y", "brand": "B", "model": "N", "status": "supported", "lines": 0}]}])
    text = str(caught.value)
    assert "models[270] (x).status: 'maybe' is not one of supported, unsupported" in text
    assert "models[270] (x).redirect: 'pigeon'" in text
    assert "models[271] (y).target: missing" in text and "models[271] (y).lines" in text
    with pytest.raises(CatalogError, match="both claim the spelling"):
        load_catalog(layers=[{"models": [{"id": "dup", "brand": "Yealink", "model": "SIP-T54W", "status": "unsupported", "reason": "x"}]}])
    with pytest.raises(CatalogError, match="unknown key"):
        merge_layers(CATALOG, [("layer", {"modles": []})])


def test_match_key_ignores_case_and_punctuation():
    assert match_key(" Yealink SIP-T54W ") == match_key("yealink_sip.t54w") == "yealinksipt54w"


def test_unreadable_layer_files_name_the_file(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("models: [unclosed\n")
    with pytest.raises(CatalogError, match="broken.yml: not valid JSON/YAML"):
        load_catalog(files=[str(broken)])
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]")
    with pytest.raises(CatalogError, match="expected a mapping"):
        load_catalog(files=[str(listed)])
