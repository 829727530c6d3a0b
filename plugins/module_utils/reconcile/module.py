# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""AnsibleModule glue shared by every resource module: options, input checks, the run, the result.

The options here must match ``plugins/doc_fragments/resource_state.py`` option for option.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsApiError
from ansible_collections.ucaas.migration.plugins.module_utils.client.module import (
    client_from_module, connection_argument_spec, fail_from_error,
)
from ansible_collections.ucaas.migration.plugins.module_utils.client.transport import HAS_REQUESTS, REQUESTS_IMPORT_ERROR
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.engine import reconcile
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import STATES, ConfigError, Scope, validate_config


def resource_argument_spec(spec, extra_options=None):
    """Connection options + ``domain``, ``config`` (items per ``spec``), ``state``, ``scope`` (+ ``update_password``, ``extra_options``)."""
    options = dict(
        config=dict(type='list', elements='dict', default=[], options=spec.item_argument_spec()),
        state=dict(type='str', default='merged', choices=list(STATES)),
        scope=dict(type='dict', options=dict(keys=dict(type='list', elements='str', no_log=False), match=dict(type='str'))),
    )
    if spec.domain_scoped:
        options['domain'] = dict(type='str', required=True)
    if spec.write_only_options:
        options['update_password'] = dict(type='str', default='on_create', choices=['always', 'on_create'], no_log=False)
    options.update(extra_options or {})
    return connection_argument_spec(**options)


def check_request(spec, state, desired_items, scope):
    """Refusals that do not depend on what exists (raised as :class:`ConfigError`)."""
    if state in ('overridden', 'deleted') and not spec.can_delete:
        raise ConfigError(['state=%s: the API has no delete operation for %s; use merged or replaced' % (state, spec.kind.name)])
    if state == 'deleted' and not desired_items and not scope.limited:
        raise ConfigError(['state=deleted with an empty config needs a scope (keys or match); refusing to delete every %s' % spec.noun])


class ResourceModule(AnsibleModule):
    """AnsibleModule whose input errors name the ``config`` item and option.

    Ansible's own type checks of suboptions run first and name only the option; so the raw
    ``config`` is checked by the engine as soon as it is loaded, and when that finds problems,
    they replace Ansible's message should its validation fail.
    """

    def __init__(self, spec, extra_options=None, **kwargs):
        self.resource_spec = spec
        self.input_problems = []
        self.arguments_validated = False
        super(ResourceModule, self).__init__(argument_spec=resource_argument_spec(spec, extra_options), supports_check_mode=True, **kwargs)
        self.arguments_validated = True

    def _load_params(self):
        super(ResourceModule, self)._load_params()
        config = self.params.get('config')
        if isinstance(config, list):
            try:
                validate_config(self.resource_spec, config, self.params.get('state') or 'merged')
            except ConfigError as exc:
                self.input_problems = exc.problems

    def fail_json(self, msg, **kwargs):
        if self.input_problems and not self.arguments_validated:
            msg = 'Invalid input:\n' + '\n'.join(self.input_problems)
            kwargs.setdefault('problems', self.input_problems)
        super(ResourceModule, self).fail_json(msg=msg, **kwargs)


def run_resource_module(spec, extra_options=None, configure=None):
    """The whole ``main()`` of a resource module configured by ``spec``.

    ``extra_options``: module options beyond the common ones. ``configure(spec, params) -> spec``
    runs after the input checks and before any request (to bind such options into the spec's hooks);
    it may raise :class:`ConfigError`.
    """
    module = ResourceModule(spec, extra_options=extra_options)
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
    params = module.params
    state = params['state']
    scope_options = params.get('scope') or {}
    try:
        desired = validate_config(spec, params['config'], state)
        scope = Scope(spec, keys=scope_options.get('keys'), match=scope_options.get('match'))
        check_request(spec, state, desired, scope)
        if configure is not None:
            spec = configure(spec, params)
    except ConfigError as exc:
        module.fail_json(msg=str(exc), problems=exc.problems)

    client = client_from_module(module)
    try:
        result = reconcile(client, spec, params.get('domain'), state, desired, scope=scope,
                           update_password=params.get('update_password') or 'on_create',
                           check_mode=module.check_mode, diff=module._diff)
    except NsApiError as exc:
        fail_from_error(module, exc, client=client)
    finally:
        client.close()
    failures = result.pop('failures', [])
    if failures:
        total = len(result['results'])
        module.fail_json(msg='%d of %d %s items failed:\n%s' % (len(failures), total, spec.noun, '\n'.join(failures)), **result)
    module.exit_json(**result)
