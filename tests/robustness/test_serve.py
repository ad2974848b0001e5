"""The preview server binds the loopback address unless --host says otherwise, and serves
nothing outside the built site: no `..` however it is spelled, no symlink out of the site."""

from __future__ import annotations

import http.client
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from harness import cli_env
from helpers import make_project

SECRET = "factsite-secret-0c5e"
TRAVERSALS = [
    "/../../../../etc/passwd",
    "/en/../../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/..%2f..%2f..%2f..%2fetc/passwd",
    "//etc/passwd",
    "/secret.txt",  # beside site/ in the project folder
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/leak.txt",  # a symlink in site/ to the secret
    "/leakdir/secret.txt",  # a symlinked folder
    "/leakdir/",
    "/en/%00",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> set[str]:
    """The local addresses of the listening TCP sockets on `port` (from /proc/net/tcp*)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            local, state = row.split()[1], row.split()[3]
            address, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:  # 0A: LISTEN
                found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1])
                          if len(address) == 8 else address)
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory, user_cache):
    root = tmp_path_factory.mktemp("serve")
    project = make_project(root)
    (project / "secret.txt").write_text(SECRET)
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "factsite.cli", "--project", str(project),
                             "serve", "--port", str(port)], env=cli_env(user_cache),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True).start()
    deadline = time.monotonic() + 120
    while not any("serving" in line for line in lines):
        assert proc.poll() is None and time.monotonic() < deadline, "".join(lines)
        time.sleep(0.05)
    while time.monotonic() < deadline:  # the server thread starts after the message
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    site = project / "site"
    (site / "leak.txt").symlink_to(project / "secret.txt")
    (site / "leakdir").symlink_to(outside, target_is_directory=True)
    yield port
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)  # the path exactly as given
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_serve_binds_loopback_only(server):
    assert listening(server) == {"127.0.0.1"}


def test_serve_serves_the_site(server):
    status, body = get(server, "/en/")
    assert status == 200 and b"<html" in body


@pytest.mark.parametrize("path", TRAVERSALS)
def test_serve_refuses_paths_out_of_the_site(server, path):
    status, body = get(server, path)
    assert 400 <= status < 500, (status, body[:200])
    assert SECRET.encode() not in body and b"root:" not in body
