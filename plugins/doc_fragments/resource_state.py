# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """Options shared by every resource module that reconciles a list of items of one domain."""

    DOCUMENTATION = r'''
options:
  config:
    description:
      - The desired items, one entry per object. One task handles the whole list (for example 1,000 users).
      - Each item needs its identity option; two items with the same identity fail the task before anything is written.
      - Options left out (or null) of an item are not managed by O(state=merged).
    type: list
    elements: dict
    default: []
  state:
    description:
      - V(merged) creates missing items and updates the options given; options left out are not touched.
      - V(replaced) makes the listed items exactly as given; managed options left out are reset as the module documents.
      - V(overridden) is V(replaced) plus deleting the existing items of the domain that are not listed, limited to O(scope)
        when given. Objects the module does not own (for example system users) are never deleted.
      - V(deleted) deletes the listed items (only the identity is needed). With an empty O(config) it deletes every item in
        O(scope), and refuses to run when O(scope) is not given.
      - V(gathered) only reads, and returns the current items in the shape of O(config) as RV(gathered).
    type: str
    choices: [merged, replaced, overridden, deleted, gathered]
    default: merged
  scope:
    description:
      - Limits which existing items O(state=overridden) and O(state=deleted) may delete, and which items O(state=gathered) returns.
      - An item is in scope when its identity is in O(scope.keys) or matches O(scope.match). Without O(scope), every item of the
        domain is in scope.
    type: dict
    suboptions:
      keys:
        description:
          - Identities of the items in scope.
        type: list
        elements: str
      match:
        description:
          - Python regular expression the whole identity must match, for example V(^2[0-9]{2}$).
        type: str
notes:
  - The module reads the domain's items once with the paged list endpoint, never one read per item, then sends creates,
    updates and deletes through a bounded pool of concurrent requests (O(max_concurrency)). Each write is read back.
  - A failed item does not stop the others; the task fails at the end, with one line per failed item in its message.
  - Check mode makes no writes and reports what would change; with C(--diff) each changed item shows before and after, with
    secrets shown as C(********).
'''

    # Every kind that lives in a domain (all but the domains themselves).
    DOMAIN = r'''
options:
  domain:
    description:
      - Name of the domain the items belong to.
    type: str
    required: true
'''
