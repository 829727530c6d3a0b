# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""pytest fixtures that start the lab emulator.

* ``ns_lab``: a started, strict, in-memory LabServer for one test. At teardown
  the test fails if the lab recorded a contract violation, unless the test is
  marked ``@pytest.mark.lab_allow_violations``.
* ``ns_lab_factory``: ``ns_lab_factory(**LabServer kwargs)`` starts more labs
  (other state files, faults, seeds); all are stopped at teardown, and the same
  contract-violation rule applies to each of them.
"""
from __future__ import annotations

import json

import pytest

from nslab.server import LabServer


def pytest_configure(config):
    config.addinivalue_line("markers", "lab_allow_violations: the test expects the lab to record contract violations")


def _violation_report(lab):
    violations = lab.stats()["contract_violations"]
    return violations, json.dumps(violations[:20], indent=1)


def _check_and_stop(labs, request):
    """Stop every lab; then fail the test if one recorded a violation it did not expect."""
    reports = []
    for lab in labs:
        try:
            violations, report = _violation_report(lab)
            if violations:
                reports.append("the lab at %s recorded %d contract violation(s):\n%s" % (lab.url, len(violations), report))
        finally:
            lab.stop()
    if reports and request.node.get_closest_marker("lab_allow_violations") is None:
        pytest.fail("\n".join(reports), pytrace=False)


@pytest.fixture
def ns_lab(request):
    lab = LabServer(strict=True).start()
    try:
        yield lab
    finally:
        _check_and_stop([lab], request)


@pytest.fixture
def ns_lab_factory(request):
    started = []

    def make(**kwargs):
        lab = LabServer(**kwargs).start()
        started.append(lab)
        return lab

    try:
        yield make
    finally:
        _check_and_stop(started, request)
