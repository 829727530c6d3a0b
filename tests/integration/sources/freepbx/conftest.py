# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A real MariaDB server (one per test session) loaded with the fictional FreePBX database.

Also builds the PBX file tree the collector reads: /etc/freepbx.conf, /etc/asterisk,
the AstDB (from astdb.sql) and voicemail greetings / system recordings as small WAV files.
"""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import time
import wave
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
DB_USER = "freepbxuser"
DB_PASSWORD = "Harb0r-DB-pass'x"     # the value written in fixtures/etc/freepbx.conf
LIMITED_USER = "limiteduser"
LIMITED_PASSWORD = "Limited-DB-pass-5"
GREETINGS = ("default/201/unavail", "default/201/greet", "default/202/busy", "default/203/unavail", "default/203/temp", "default/801/unavail")
RECORDINGS = ("custom/main-menu", "custom/support-menu", "custom/after-hours", "custom/holiday-closed", "custom/queue-intro", "custom/sales-hello")


def _binary(*names):
    for name in names:
        path = shutil.which(name) or (shutil.which(name, path="/usr/sbin:/usr/local/sbin"))
        if path:
            return path
    return None


def write_wav(path, seed):
    """A short, deterministic 8 kHz mono WAV whose bytes depend on ``seed``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = bytes(((index * (seed % 7 + 3)) % 256 for index in range(1600)))
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(1)
        handle.setframerate(8000)
        handle.writeframes(frames)


@pytest.fixture(scope="session")
def mariadb(tmp_path_factory):
    """Socket path of a running MariaDB with the fixture database and two users."""
    install = _binary("mariadb-install-db", "mysql_install_db")
    server = _binary("mariadbd", "mysqld")
    client = _binary("mariadb", "mysql")
    if not (install and server and client):
        pytest.skip("MariaDB server binaries (mariadb-install-db, mariadbd, mariadb) are not installed; scripts/bootstrap.sh installs mariadb-server")
    base = tmp_path_factory.mktemp("mariadb")
    datadir, socket = base / "data", base / "sock"
    subprocess.run([install, "--datadir=%s" % datadir, "--auth-root-authentication-method=normal", "--user=root",
                    "--skip-test-db"], check=True, capture_output=True, timeout=300)
    log = open(base / "server.log", "wb")
    proc = subprocess.Popen([server, "--no-defaults", "--datadir=%s" % datadir, "--socket=%s" % socket, "--skip-networking",
                             "--pid-file=%s" % (base / "server.pid"), "--user=root", "--log-error=%s" % (base / "error.log")],
                            stdout=log, stderr=log)
    root = [client, "--no-defaults", "--socket=%s" % socket, "-uroot"]
    try:
        for dummy in range(600):
            if subprocess.run(root + ["-e", "SELECT 1"], capture_output=True, check=False).returncode == 0:
                break
            if proc.poll() is not None:
                pytest.fail("mariadbd exited: %s" % (base / "error.log").read_text(errors="replace")[-2000:])
            time.sleep(0.1)
        else:
            pytest.fail("mariadbd did not accept connections")
        subprocess.run(root, input=(FIXTURES / "freepbx.sql").read_bytes(), check=True, capture_output=True)
        grants = ("CREATE USER '%s'@'localhost' IDENTIFIED BY '%s'; GRANT SELECT ON asterisk.* TO '%s'@'localhost';"
                  % (DB_USER, DB_PASSWORD.replace("'", "''"), DB_USER))
        tables = subprocess.run(root + ["-N", "-e", "SHOW TABLES FROM asterisk"], check=True, capture_output=True, text=True).stdout.split()
        grants += "CREATE USER '%s'@'localhost' IDENTIFIED BY '%s';" % (LIMITED_USER, LIMITED_PASSWORD)
        grants += "".join("GRANT SELECT ON asterisk.`%s` TO '%s'@'localhost';" % (t, LIMITED_USER) for t in tables if t != "findmefollow")
        subprocess.run(root + ["-e", grants], check=True, capture_output=True)
        yield dict(socket=str(socket), client=client, user=DB_USER, password=DB_PASSWORD)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def pbx_tree(tmp_path_factory):
    """Root of a PBX file tree: etc/freepbx.conf, etc/asterisk, astdb, voicemail spool, sounds."""
    root = tmp_path_factory.mktemp("pbx")
    shutil.copytree(FIXTURES / "etc", root / "etc")
    astdb = root / "var/lib/asterisk/astdb.sqlite3"
    astdb.parent.mkdir(parents=True)
    connection = sqlite3.connect(str(astdb))
    connection.executescript((FIXTURES / "astdb.sql").read_text())
    connection.commit()
    connection.close()
    for seed, name in enumerate(GREETINGS):
        write_wav(root / "var/spool/asterisk/voicemail" / (name + ".wav"), seed)
    for seed, name in enumerate(RECORDINGS):
        write_wav(root / "var/lib/asterisk/sounds/en" / (name + ".wav"), seed + 20)
    return root


@pytest.fixture(scope="session")
def plain_asterisk_tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("asterisk")
    shutil.copytree(FIXTURES / "plain-asterisk" / "etc", root / "etc")
    write_wav(root / "var/spool/asterisk/voicemail/default/301/unavail.wav", 40)
    return root


@pytest.fixture(scope="session")
def freepbx_options(pbx_tree, mariadb):
    """A factory of collector options pointing at the fixture tree and the MariaDB server."""
    def build(**overrides):
        return collector_options(pbx_tree, mariadb, **overrides)
    return build


@pytest.fixture(scope="session")
def limited_db_user():
    return dict(db_user=LIMITED_USER, db_password=LIMITED_PASSWORD)


def collector_options(pbx_tree, mariadb, **overrides):
    options = dict(
        mode="freepbx", freepbx_conf=str(pbx_tree / "etc/freepbx.conf"), asterisk_etc=str(pbx_tree / "etc/asterisk"),
        astdb=str(pbx_tree / "var/lib/asterisk/astdb.sqlite3"), voicemail_spool=str(pbx_tree / "var/spool/asterisk/voicemail"),
        sounds_dir=str(pbx_tree / "var/lib/asterisk/sounds"), mysql_command=mariadb["client"], db_socket=mariadb["socket"],
        customer="Harborview Logistics", default_region="US", time_zone="America/New_York", instance="pbx.harborview.example", year=2026)
    options.update(overrides)
    return options
