# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline stand-in for ansible-test's pip bootstrap script.

ansible-test downloads ``get-pip-<version>.py`` from a host that CI cannot reach,
unless ``~/.ansible/test/cache/get_pip_<version>.py`` already exists. The test
script copies this file there. ansible-test runs it inside a venv created
without pip as ``python quiet_pip.py --disable-pip-version-check pip==X
--no-setuptools --no-wheel``: bootstrap pip from CPython's bundled wheel
(ensurepip, offline), then let that pip install what was asked for from PyPI.
"""
from __future__ import annotations

import subprocess
import sys

ARGS = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"], stdout=subprocess.DEVNULL)
sys.exit(subprocess.call([sys.executable, "-m", "pip", "install", "-q"] + ARGS))
