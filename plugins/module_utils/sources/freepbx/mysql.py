# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read the FreePBX database with the ``mysql``/``mariadb`` command-line client.

The PBX's Python has no MySQL driver, but every FreePBX host has the client.  Credentials
go through a temporary ``--defaults-extra-file`` (mode 0600, removed afterwards), never the
command line, and results are read as ``--xml`` so NULL and the empty string differ.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET

from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import SourceError

_XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
_AMP_CONF = re.compile(r"""\$amp_conf\s*\[\s*(['"])(\w+)\1\s*\]\s*=\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([0-9]+))\s*;""")
_ERROR_CODE = re.compile(r"ERROR (\d+)")
# Server errors meaning "log-in refused" and "this table is not there / not readable".
ACCESS_DENIED_CODES = ("1045", "1044", "1698", "2059")
TABLE_MISSING_CODES = ("1146", "1142", "1143", "1049")


class TableUnavailable(Exception):
    """A table is missing (module not installed) or not readable by the database user."""


def read_freepbx_conf(path):
    """The ``$amp_conf[...]`` values of ``/etc/freepbx.conf`` (a PHP file) as a dict."""
    try:
        with open(path, "r", encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except (IOError, OSError) as exc:
        raise SourceError("%s: cannot read the FreePBX configuration: %s" % (path, exc.strerror or exc))
    values = {}
    for match in _AMP_CONF.finditer(text):
        single, double, number = match.group(3), match.group(4), match.group(5)
        if single is not None:
            value = re.sub(r"\\([\\'])", r"\1", single)
        elif double is not None:
            value = re.sub(r"\\(.)", r"\1", double)
        else:
            value = number
        values[match.group(2)] = value
    return values


def _option_value(value):
    return '"%s"' % str(value).replace("\\", "\\\\").replace('"', '\\"')


class MysqlClient:
    """Runs one SELECT at a time through the command-line client and returns rows as dicts."""

    def __init__(self, command="mysql", host=None, port=None, user=None, password=None, database="asterisk", socket=None,
                 timeout=120, runner=None):
        self.command = command
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.socket = socket
        self.timeout = timeout
        self._run = runner or subprocess.run

    def describe(self):
        """Where the database is, for messages (never the password)."""
        host = self.host or "localhost"
        if host == "localhost" and self.socket:
            where = "localhost (socket %s)" % self.socket
        elif self.port and host != "localhost":
            where = "%s:%s" % (host, self.port)
        else:
            where = host
        return "database '%s' on %s as user '%s'" % (self.database, where, self.user or "(default)")

    def _defaults_file(self):
        lines = ["[client]"]
        for key, value in (("user", self.user), ("password", self.password), ("host", self.host), ("port", self.port),
                           ("socket", self.socket)):
            if value not in (None, ""):
                lines.append("%s=%s" % (key, _option_value(value)))
        handle, path = tempfile.mkstemp(prefix="ucaas-my-", suffix=".cnf")
        try:
            os.fchmod(handle, 0o600)
            os.write(handle, ("\n".join(lines) + "\n").encode("utf-8"))
        finally:
            os.close(handle)
        return path

    def query(self, sql):
        """Rows of one statement as a list of dicts (NULL -> None); raises TableUnavailable or SourceError."""
        defaults = self._defaults_file()
        try:
            argv = [self.command, "--defaults-extra-file=%s" % defaults, "--xml", "--batch", "--default-character-set=utf8mb4",
                    "--execute", sql, self.database]
            try:
                proc = self._run(argv, capture_output=True, timeout=self.timeout, check=False)
            except (IOError, OSError) as exc:
                raise SourceError("cannot run the database client '%s' for the %s: %s" % (self.command, self.describe(), exc.strerror or exc))
            except subprocess.TimeoutExpired:
                raise SourceError("the database client '%s' did not answer within %s s (%s)" % (self.command, self.timeout, self.describe()))
        finally:
            os.unlink(defaults)
        stderr = proc.stderr.decode("utf-8", "replace").strip() if isinstance(proc.stderr, bytes) else (proc.stderr or "").strip()
        if proc.returncode != 0:
            code = _ERROR_CODE.search(stderr)
            code = code.group(1) if code else None
            if code in ACCESS_DENIED_CODES:
                raise SourceError("the FreePBX database refused the log-in: %s (check AMPDBUSER/AMPDBPASS in freepbx.conf or the db_* options)"
                                  % self.describe())
            if code in TABLE_MISSING_CODES:
                raise TableUnavailable(stderr.splitlines()[-1] if stderr else "table unavailable")
            raise SourceError("reading the %s failed: %s" % (self.describe(), (stderr.splitlines() or ["exit code %s" % proc.returncode])[-1]))
        return parse_xml_rows(proc.stdout)


def parse_xml_rows(output):
    """Rows of ``mysql --xml`` output: ``<row><field name=..>value</field>...</row>``."""
    if isinstance(output, str):
        output = output.encode("utf-8")
    if not output.strip():
        return []
    try:
        root = ET.fromstring(output)
    except ET.ParseError as exc:
        raise SourceError("the database client printed something that is not its XML output: %s" % exc)
    rows = []
    for row in root.iter("row"):
        record = {}
        for field in row.findall("field"):
            record[field.get("name")] = None if field.get(_XSI_NIL) == "true" else (field.text or "")
        rows.append(record)
    return rows
