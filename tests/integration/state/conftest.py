# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A real git server for the state backend tests: ``git daemon`` serving bare repositories on 127.0.0.1."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest


class GitServer:
    """``git daemon`` with push enabled, serving every bare repository under ``root``."""

    def __init__(self, root):
        self.root = Path(root)
        self.process = None
        self.port = None

    def start(self):
        daemon = shutil.which("git")
        for dummy_attempt in range(5):
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                self.port = probe.getsockname()[1]
            self.process = subprocess.Popen(
                [daemon, "daemon", "--reuseaddr", "--listen=127.0.0.1", "--port=%d" % self.port, "--base-path=%s" % self.root,
                 "--export-all", "--enable=receive-pack", "--informative-errors", str(self.root)],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if self._wait_ready():
                return self
            self.stop()
        pytest.fail("git daemon did not start")

    def _wait_ready(self):
        for dummy_attempt in range(100):
            if self.process.poll() is not None:
                return False
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return True
            time.sleep(0.1)
        return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def new_repository(self, name):
        subprocess.run(["git", "init", "-q", "--bare", str(self.root / name)], check=True)
        return "git://127.0.0.1:%d/%s" % (self.port, name)

    def git(self, name, *args):
        return subprocess.run(["git", "-C", str(self.root / name), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def git_server(tmp_path_factory):
    exec_path = subprocess.run(["git", "--exec-path"], capture_output=True, text=True, check=False).stdout.strip() if shutil.which("git") else ""
    if not exec_path or not (Path(exec_path) / "git-daemon").exists():
        pytest.skip("git (with git daemon) is not installed; scripts/bootstrap.sh installs it")
    server = GitServer(tmp_path_factory.mktemp("git-server")).start()
    yield server
    server.stop()


@pytest.fixture
def state_repo(git_server, request):
    """A new empty bare repository on the server: ``(name, url)``."""
    name = "%s.git" % request.node.name.replace("[", "-").replace("]", "")
    return name, git_server.new_repository(name)
