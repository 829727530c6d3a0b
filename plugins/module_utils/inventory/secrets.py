# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secret references: how the inventory names a secret without holding it.

A secret field (voicemail PIN, SIP password, port PIN) is ``{"secret_ref": "vm_pin/1001",
"is_set": true}``.  The value lives in the vaulted ``ucaas_secrets`` mapping of the host and
is looked up only when a phase writes to the target.  ``{"is_set": false}`` records that no
value is known (the partner must provide one or users reset it).
"""

from __future__ import annotations

import copy
import re

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import (
    SECRET_KEY_WORD_PAIRS,
    SECRET_KEY_WORDS,
    SECRET_REF_PATTERN,
)

REDACTED = "********"
_KEY_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
_SECRET_REF = re.compile(SECRET_REF_PATTERN)


class SecretNotFound(KeyError):
    """The secret reference does not resolve in the secrets mapping."""

    def __str__(self):
        return "secret %r is not in ucaas_secrets" % (self.args[0],)


def make_secret(secret_ref=None):
    """Return the inventory form of a secret: set when a reference is given."""
    if secret_ref is None:
        return {"is_set": False}
    if not _SECRET_REF.match(secret_ref):
        raise ValueError("%r is not a valid secret reference" % (secret_ref,))
    return {"secret_ref": secret_ref, "is_set": True}


def is_secret_ref(value):
    """True when ``value`` has the shape of a secret field (never clear text)."""
    if not isinstance(value, dict) or set(value) - {"secret_ref", "is_set"}:
        return False
    if not isinstance(value.get("is_set"), bool):
        return False
    ref = value.get("secret_ref")
    if ref is None:
        return not value["is_set"]
    return isinstance(ref, str) and bool(_SECRET_REF.match(ref))


def is_secret_key(key):
    """True for free-form keys (``password``, ``vm_pin``, ``api_key``...) that name a secret."""
    if not isinstance(key, str):
        return False
    words = [word.lower() for word in _KEY_WORDS.findall(key)]
    if any(word in SECRET_KEY_WORDS for word in words):
        return True
    return any(pair in SECRET_KEY_WORD_PAIRS for pair in zip(words, words[1:]))


def holds_clear_text(value):
    """True when a value under a secret key would disclose something."""
    if value is None or isinstance(value, bool) or value in ("", REDACTED):
        return False
    return not is_secret_ref(value)


def resolve_secret(secret, secrets):
    """Return the clear value of a secret field from the ``ucaas_secrets`` mapping.

    The reference is looked up first as a flat key (``"vm_pin/1001"``), then as a path of
    nested keys (``ucaas_secrets.vm_pin["1001"]``).  Returns None for ``is_set: false``.
    """
    if not is_secret_ref(secret):
        raise ValueError("not a secret reference")
    if not secret["is_set"]:
        return None
    ref = secret["secret_ref"]
    secrets = secrets or {}
    if ref in secrets and not isinstance(secrets[ref], dict):
        return secrets[ref]
    node = secrets
    for part in ref.split("/"):
        if not isinstance(node, dict) or part not in node:
            raise SecretNotFound(ref)
        node = node[part]
    if isinstance(node, dict):
        raise SecretNotFound(ref)
    return node


def redact(data, secret_paths=None):
    """Return a deep copy of ``data`` safe to print or store.

    Clear-text values under secret-looking keys are replaced with ``********``; secret
    references are kept (they hold no secret).  ``secret_paths`` (JSON-path-like tuples
    from the validator) are replaced whatever their key.
    """
    result = copy.deepcopy(data)
    for path in secret_paths or ():
        _replace_at(result, path)
    return _redact_node(result)


def _redact_node(node):
    if isinstance(node, dict) and not is_secret_ref(node):
        for key, value in node.items():
            if is_secret_key(key) and holds_clear_text(value):
                node[key] = REDACTED
            else:
                node[key] = _redact_node(value)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            node[index] = _redact_node(value)
    return node


def _replace_at(node, path):
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return
    try:
        if not is_secret_ref(node[path[-1]]):
            node[path[-1]] = REDACTED
    except (KeyError, IndexError, TypeError):
        return
