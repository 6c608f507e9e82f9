"""``declic hub serve --workers N`` (granian): N processes answer on one port, keep the
connections alive, and all stop together; a taken port is a French sentence."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from facilitator.hub import wsgi
from facilitator.hub.database import HUB_DB_ENV
from facilitator.hub.pgcluster import free_port
from facilitator.hub.proxy import TrustedProxies

ROOT = Path(__file__).resolve().parents[2]


def _children(parent: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rpartition(")")[2].split()[1]) == parent:
                found.add(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _get(url: str, deadline: float) -> bytes:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body: bytes = response.read()
                return body
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _serve(tmp_path: Path, port: int, output: int, *extra: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "declic", "hub", "serve", "--port", str(port)]
    return subprocess.Popen(
        [*command, "--db", f"sqlite:///{tmp_path / 'hub.db'}", "--workers", "2", *extra],
        cwd=ROOT,
        stdout=output,
        stderr=output,
        text=True,
    )


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_workers_share_the_port_and_stop_together(tmp_path: Path, stop: signal.Signals) -> None:
    port = free_port()
    server = _serve(tmp_path, port, subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        first = _get(f"http://127.0.0.1:{port}/static/portal.css", deadline)
        assert first and all(
            _get(f"http://127.0.0.1:{port}/static/portal.css", deadline) == first for _ in range(6)
        )
        workers = _children(server.pid)
        assert len(workers) == 2
    finally:
        server.send_signal(stop)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert "Hub Déclic" in out
    assert "[INFO]" not in out + err  # granian's English start and stop lines stay quiet
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or _zombie(pid)


def test_a_worker_that_dies_stops_the_server_for_its_supervisor(tmp_path: Path) -> None:
    port = free_port()
    server = _serve(tmp_path, port, subprocess.DEVNULL)
    try:
        _get(f"http://127.0.0.1:{port}/static/portal.css", time.monotonic() + 60)
        os.kill(sorted(_children(server.pid))[0], signal.SIGKILL)
        assert server.wait(timeout=30) == 1  # systemd's Restart=on-failure starts it again
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=30)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
    except OSError:
        return True


def test_one_connection_carries_many_requests(tmp_path: Path) -> None:
    port = free_port()
    server = _serve(tmp_path, port, subprocess.DEVNULL)
    try:
        expected = _get(f"http://127.0.0.1:{port}/static/portal.css", time.monotonic() + 60)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        bodies, sockets = [], set()
        for path in ["/static/portal.css", "/s/unknown-token"] * 3:
            connection.request("GET", path)
            response = connection.getresponse()
            bodies.append((path, response.status, response.read()))
            sockets.add(id(connection.sock))  # http.client opens a new one if the server closed
        connection.close()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert len(sockets) == 1
    assert [(path, status) for path, status, _ in bodies] == [
        ("/static/portal.css", 200),
        ("/s/unknown-token", 404),
    ] * 3
    assert all(body == expected for path, _, body in bodies if path.startswith("/static"))


def test_a_taken_port_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "declic", "hub", "serve", "--port", str(port)]
        done = subprocess.run(
            [*command, "--db", f"sqlite:///{tmp_path / 'hub.db'}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "panicked" not in done.stderr
    assert f"port {port}" in done.stderr


def test_each_worker_builds_the_app_from_what_serve_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HUB_DB_ENV, f"sqlite:///{tmp_path / 'hub.db'}")
    monkeypatch.setenv(wsgi.TRUSTED_ENV, "10.0.0.0/8,127.0.0.1/32")
    app = wsgi.create_app()
    assert isinstance(app, TrustedProxies)
    assert app.trusts("10.1.2.3") and app.trusts("127.0.0.1") and not app.trusts("192.168.1.1")
