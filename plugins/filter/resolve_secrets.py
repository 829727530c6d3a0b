# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""resolve_secrets: a plan's secret references replaced by their values (documented in resolve_secrets.yml)."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.secrets import SecretNotFound, is_secret_ref, resolve_secret


def resolve_secrets(config, secrets=None):
    """Each option of each item that is ``{"secret_ref": ..., "is_set": ...}`` becomes its value; unknown or unset ones are dropped."""
    if not isinstance(config, list):
        raise AnsibleFilterError("ucaas.migration.resolve_secrets: expected a list of config items, got %s" % type(config).__name__)
    if secrets is not None and not isinstance(secrets, dict):
        raise AnsibleFilterError("ucaas.migration.resolve_secrets: secrets must be the ucaas_secrets mapping")
    result = []
    for index, item in enumerate(config):
        if not isinstance(item, dict):
            raise AnsibleFilterError("ucaas.migration.resolve_secrets: item %d is not a mapping" % index)
        resolved = {}
        for option, value in item.items():
            if not is_secret_ref(value):
                resolved[option] = value
                continue
            try:
                clear = resolve_secret(value, secrets or {})
            except SecretNotFound:
                clear = None
            if clear is not None and clear != "":
                resolved[option] = str(clear)
        result.append(resolved)
    return result


class FilterModule:
    """ucaas.migration secret resolution."""

    def filters(self):
        return {"resolve_secrets": resolve_secrets}
