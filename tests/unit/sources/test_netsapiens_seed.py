# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Acme Dental Group lab seed is generated: the checked-in file must match its generator."""
from __future__ import annotations

import base64
import importlib.util
import io
import json
import wave
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
GENERATOR = REPO / "lab" / "seeds" / "make_acme_dental.py"


def _generator():
    spec = importlib.util.spec_from_file_location("make_acme_dental", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_checked_in_seed_is_fresh():
    generator = _generator()
    assert generator.SEED_FILE.read_text(encoding="utf-8") == generator.render(), \
        "lab/seeds/acme-dental-group.json is stale: run python lab/seeds/make_acme_dental.py"
    assert generator.main(["--check"]) == 0


def test_seed_has_what_the_company_needs():
    seed = json.loads(_generator().SEED_FILE.read_text(encoding="utf-8"))
    domain = seed["domains"][0]
    people = [u for u in domain["users"] if not u.get("service-code") and u.get("user-scope") != "No Portal"]
    assert len(people) >= 40
    assert all(u["email"] and u["department"] and u["site"] and u["caller-id-number"] and u["voicemail-login-pin"] for u in people)
    macs = [d["device-provisioning-mac-address"] for u in people for d in u["devices"] if d.get("device-provisioning-mac-address")]
    assert len(macs) == len(set(macs)) == 30
    assert len({d["device-models-model"] for u in people for d in u["devices"] if d.get("device-models-model")}) == 3
    assert len(domain["phonenumbers"]) == 50
    greetings = [g for u in domain["users"] for g in u.get("greetings", [])]
    for item in greetings:
        with wave.open(io.BytesIO(base64.b64decode(item["base64_file"])), "rb") as audio:
            assert audio.getnframes() > 0
