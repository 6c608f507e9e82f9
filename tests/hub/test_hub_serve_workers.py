"""``declic hub serve --workers N``: N processes answer on one port and all stop together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from facilitator.hub.pgcluster import free_port

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


def _serve(tmp_path: Path, port: int, output: int) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "declic", "hub", "serve", "--port", str(port)]
    return subprocess.Popen(
        [*command, "--db", f"sqlite:///{tmp_path / 'hub.db'}", "--workers", "2"],
        cwd=ROOT,
        stdout=output,
        stderr=output,
        text=True,
    )


def test_workers_share_the_port_and_stop_together(tmp_path: Path) -> None:
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
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert "Hub Déclic" in out
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
