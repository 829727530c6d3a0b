# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin behind ``ucaas.migration.inventory_save`` (documented in plugins/modules/inventory_save.py).

It runs on the controller because it needs the play's vault secrets to encrypt
``secrets.vault.yml``; a module on a target could never see them.
"""

from __future__ import annotations

import json
import os

import yaml

from ansible.errors import AnsibleActionFail, AnsibleError
from ansible.module_utils.common.text.converters import to_bytes, to_text
from ansible.parsing.vault import AnsibleVaultError, VaultLib, is_encrypted, match_encrypt_secret
from ansible.plugins.action import ActionBase

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, json_bytes, read_bytes, write_if_changed
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.model import Inventory, InventoryModelError, dumps

try:
    from ansible.parsing.vault import VaultSecretsContext
except ImportError:  # older ansible-core: the loader's vault is the only source
    VaultSecretsContext = None

INVENTORY_NAME = "inventory.json"
SECRETS_NAME = "secrets.vault.yml"
PROBLEMS_NAME = "problems.json"
FINDINGS_NAME = "findings.json"
SECRETS_HEADER = "# ucaas_secrets collected for this host; copy into host_vars/<host>/vault.yml or load with include_vars.\n"


def _without_stamp(data):
    """The inventory minus ``source.collected_at``: what decides whether inventory.json changes."""
    copy = dict(data)
    copy["source"] = dict((key, value) for key, value in (data.get("source") or {}).items() if key != "collected_at")
    return copy


def secrets_yaml(secrets):
    """The plaintext of secrets.vault.yml (sorted keys, so equal secrets give equal text)."""
    body = yaml.safe_dump({"ucaas_secrets": dict(sorted((str(key), str(value)) for key, value in secrets.items()))},
                          default_flow_style=False, sort_keys=True, allow_unicode=True)
    return SECRETS_HEADER + body


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(("dest", "inventory", "secrets", "problems", "findings"))
    _requires_connection = False

    def _vault_secrets(self):
        secrets = getattr(getattr(self._loader, "_vault", None), "secrets", None)
        if not secrets and VaultSecretsContext is not None:
            context = VaultSecretsContext.current(optional=True)
            secrets = context.secrets if context else None
        return secrets or []

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        args = self._task.args
        unknown = sorted(set(args) - self._VALID_ARGS)
        if unknown:
            raise AnsibleActionFail("inventory_save: unknown option %s (known: %s)" % (", ".join(unknown), ", ".join(sorted(self._VALID_ARGS))))
        dest = args.get("dest")
        if not dest:
            raise AnsibleActionFail("inventory_save: dest is required (the host's state directory)")
        dest = os.path.expanduser(str(dest))
        inventory = args.get("inventory")
        if not isinstance(inventory, dict):
            raise AnsibleActionFail("inventory_save: inventory is required and must be a mapping")
        secrets = args.get("secrets") or {}
        if not isinstance(secrets, dict):
            raise AnsibleActionFail("inventory_save: secrets must be a mapping of secret reference to value")
        problems = args.get("problems") or []
        findings = args.get("findings") or []
        if not isinstance(problems, list) or not isinstance(findings, list):
            raise AnsibleActionFail("inventory_save: problems and findings must be lists")
        check_mode = bool(self._task.check_mode)
        try:
            files, saved, diffs = self._save(dest, inventory, secrets, problems, findings, check_mode)
        except (ArtifactError, InventoryModelError, ValueError) as exc:
            raise AnsibleActionFail("inventory_save: %s" % to_text(exc)) from None
        result.update(changed=any(item["changed"] for item in files), files=files, inventory=saved,
                      secrets_saved=len(secrets), path=os.path.join(dest, INVENTORY_NAME))
        if self._task.diff and diffs:
            result["diff"] = diffs
        return result

    def _save(self, dest, inventory, secrets, problems, findings, check_mode):
        files = []
        diffs = []
        # the secrets are planned (vault loaded? existing file decrypts?) before any file is written
        secrets_entry, ciphertext, secrets_diff = self._plan_secrets(dest, secrets)
        inventory_path = os.path.join(dest, INVENTORY_NAME)
        new_data = Inventory.from_dict(inventory).to_dict()
        content = dumps(new_data)
        before = read_bytes(inventory_path)
        saved = new_data
        if before is not None:
            try:
                old_data = json.loads(before.decode("utf-8"))
            except ValueError:
                old_data = None
            if isinstance(old_data, dict) and _without_stamp(old_data) == _without_stamp(new_data):
                # only the collection time differs: keep the file (and its stamp) so a re-run reports no change
                content = before.decode("utf-8")
                saved = old_data
        changed, dummy = write_if_changed(inventory_path, content, mode=0o644, check_mode=check_mode)
        files.append(dict(file=INVENTORY_NAME, path=inventory_path, changed=changed))
        if changed:
            diffs.append(dict(before_header=inventory_path, after_header=inventory_path,
                              before=to_text(before or b""), after=content))
        if ciphertext is not None and not check_mode:
            write_if_changed(secrets_entry["path"], ciphertext, mode=0o600)
        files.append(secrets_entry)
        diffs.extend(secrets_diff)
        for name, payload in ((PROBLEMS_NAME, problems), (FINDINGS_NAME, findings)):
            path = os.path.join(dest, name)
            body = json_bytes(payload)
            previous = read_bytes(path)
            changed, dummy = write_if_changed(path, body, mode=0o644, check_mode=check_mode)
            files.append(dict(file=name, path=path, changed=changed))
            if changed:
                diffs.append(dict(before_header=path, after_header=path, before=to_text(previous or b""), after=to_text(body)))
        return files, saved, diffs

    def _plan_secrets(self, dest, secrets):
        """``(file entry, ciphertext to write or None, diffs)``; raises when the secrets cannot be saved."""
        path = os.path.join(dest, SECRETS_NAME)
        entry = dict(file=SECRETS_NAME, path=path, changed=False)
        existing = read_bytes(path)
        if not secrets and existing is None:
            entry["skipped"] = "no secrets collected"
            return entry, None, []
        vault_secrets = self._vault_secrets()
        if not vault_secrets:
            if not secrets:
                entry["skipped"] = "no secrets collected; existing file kept (no vault secret loaded to compare)"
                return entry, None, []
            raise AnsibleActionFail(
                "inventory_save: %d secrets to save in %s but no vault secret is loaded; run with --vault-password-file, "
                "--vault-id or --ask-vault-pass (or set ANSIBLE_VAULT_PASSWORD_FILE)" % (len(secrets), path))
        vault = VaultLib(vault_secrets)
        old = None
        if existing is not None:
            if not is_encrypted(existing):
                raise AnsibleActionFail("inventory_save: %s exists but is not vault-encrypted; move it away, it may hold clear-text secrets" % path)
            try:
                old = (yaml.safe_load(to_text(vault.decrypt(existing))) or {}).get("ucaas_secrets") or {}
            except (AnsibleVaultError, AnsibleError):
                raise AnsibleActionFail("inventory_save: %s cannot be decrypted with the loaded vault secrets; "
                                        "use the vault password it was written with" % path) from None
        new = dict((str(key), str(value)) for key, value in secrets.items())
        if old is not None and dict((str(key), str(value)) for key, value in old.items()) == new:
            return entry, None, []
        entry["changed"] = True
        old = dict((str(key), str(value)) for key, value in (old or {}).items())
        diff = dict(before_header=path, after_header=path,
                    before="".join("%s: (secret)\n" % key for key in sorted(old)),
                    after="".join("%s: (secret%s)\n" % (key, "" if old.get(key) == new[key] else ", changed") for key in sorted(new)))
        vault_id, secret = match_encrypt_secret(vault_secrets)
        ciphertext = vault.encrypt(to_bytes(secrets_yaml(new)), secret=secret, vault_id=vault_id)
        return entry, ciphertext, [diff]
