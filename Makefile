# The two commands the README names are `make demo` and `make test`; each sets up
# what it needs (scripts/bootstrap.sh) by itself.
.PHONY: help demo rehearse test unit lint sanity molecule changelog bootstrap lab constraints clean

help:
	@echo "make demo       run the collection's main job on the lab emulator"
	@echo "make rehearse   rehearse a real partner's collected host on the lab (INVENTORY, HOST; see docs/rehearsal.md)"
	@echo "make test       the whole test suite (unit, lint, sanity, molecule, changelog)"
	@echo "make unit|lint|sanity|molecule|changelog   one step of it"
	@echo "make lab        start the lab emulator in the foreground (LAB_PORT, LAB_STATE, LAB_SEED; see docs/lab.md)"

bootstrap:
	@scripts/bootstrap.sh

demo:
	@scripts/demo.sh

# Rehearse a real partner's host on the lab: INVENTORY= HOST= [VAULT_PASSWORD_FILE= PHASES= CUTOVER_NOW=
# REHEARSAL_DIR= EXTRA_VARS=] (docs/rehearsal.md). Only the lab is written to.
rehearse: bootstrap
	@scripts/rehearse.sh --inventory "$(INVENTORY)" --host "$(HOST)" \
		$(if $(VAULT_PASSWORD_FILE),--vault-password-file "$(VAULT_PASSWORD_FILE)") \
		$(if $(PHASES),--phases "$(PHASES)") $(if $(CUTOVER_NOW),--cutover-now "$(CUTOVER_NOW)") \
		$(if $(REHEARSAL_DIR),--dir "$(REHEARSAL_DIR)") $(foreach file,$(EXTRA_VARS),--extra-vars "$(file)")

test:
	@scripts/test.sh

unit lint sanity molecule changelog:
	@scripts/test.sh $@

lab: bootstrap
	@mkdir -p .lab
	@PYTHONPATH=lab .venv/bin/python -m nslab serve --port $${LAB_PORT:-8088} --state $${LAB_STATE:-.lab/lab.sqlite} \
		$${LAB_SEED:+--seed $$LAB_SEED}

# Re-resolve the full dependency set after changing a pin in requirements*.txt.
constraints: bootstrap
	@echo "# Full resolved dependency set for requirements-dev.txt, regenerated with \`make constraints\`." > constraints.txt
	@.venv/bin/python -m pip freeze --exclude-editable --disable-pip-version-check >> constraints.txt

clean:
	rm -rf .build .collections tests/output
