"""The cutting proxy relays bytes exactly, and cuts at least its rate of connections, some
mid-request and some mid-response (the bench and the push tests rely on both)."""

from __future__ import annotations

import hashlib
import socket
import socketserver
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from facilitator.hub.cutting_proxy import CuttingProxy


class _Answer(socketserver.BaseRequestHandler):
    """Reads a length-prefixed request, answers its SHA-256 then ``size`` bytes, and closes."""

    def handle(self) -> None:
        server: _Server = self.server  # type: ignore[assignment]
        head = self._read(8)
        size = struct.unpack("!Q", head)[0] if len(head) == 8 else 0
        body = self._read(size)
        with server.lock:
            server.received.append((size, len(body)))
        if len(body) < size or len(head) < 8:
            return  # cut mid-request: nothing done
        answer = hashlib.sha256(body).digest() + bytes(range(256)) * (server.answer_size // 256)
        self.request.sendall(answer)

    def _read(self, size: int) -> bytes:
        got = bytearray()
        while len(got) < size:
            chunk = self.request.recv(min(1 << 16, size - len(got)))
            if not chunk:
                break
            got += chunk
        return bytes(got)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, answer_size: int) -> None:
        super().__init__(("127.0.0.1", 0), _Answer)
        self.answer_size = answer_size
        self.received: list[tuple[int, int]] = []
        self.lock = threading.Lock()


@pytest.fixture
def server() -> Iterator[_Server]:
    served = _Server(answer_size=2048)
    thread = threading.Thread(target=served.serve_forever, daemon=True)
    thread.start()
    yield served
    served.shutdown()
    served.server_close()


def _wait_for(server: _Server, count: int) -> None:
    """The server notes a cut request once its read ends, maybe after the client gave up."""
    deadline = time.monotonic() + 10
    while len(server.received) < count and time.monotonic() < deadline:
        time.sleep(0.01)


@dataclass
class _Exchange:
    whole: bool  # the full, right answer came back
    answered: int  # answer bytes received


def _exchange(port: int, body: bytes, answer_size: int) -> _Exchange:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        try:
            sock.sendall(struct.pack("!Q", len(body)) + body)
        except OSError:
            return _Exchange(False, 0)
        got = bytearray()
        try:
            while chunk := sock.recv(1 << 16):
                got += chunk
        except OSError:
            pass
    expected = hashlib.sha256(body).digest() + bytes(range(256)) * (answer_size // 256)
    return _Exchange(bytes(got) == expected, len(got))


def test_without_cuts_every_byte_passes_both_ways(server: _Server) -> None:
    port = server.server_address[1]
    server.answer_size = 3_000_000  # bigger than the socket buffers: the relay waits for them
    bodies = [bytes([n]) * size for n, size in enumerate([0, 1, 70_000, 5_000_000])]
    with CuttingProxy(port, rate=0.0) as proxy:
        results = [_exchange(proxy.port, body, server.answer_size) for body in bodies]
    assert all(r.whole for r in results)
    assert proxy.cuts == 0 and proxy.connections == len(bodies)
    assert sorted(server.received) == sorted((len(b), len(b)) for b in bodies)


def test_concurrent_connections_are_relayed_apart(server: _Server) -> None:
    port = server.server_address[1]
    bodies = [bytes([n % 256]) * (10_000 + 997 * n) for n in range(24)]
    with CuttingProxy(port, rate=0.0) as proxy:
        results: list[_Exchange | None] = [None] * len(bodies)

        def run(n: int) -> None:
            results[n] = _exchange(proxy.port, bodies[n], server.answer_size)

        threads = [threading.Thread(target=run, args=(n,)) for n in range(len(bodies))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert all(r is not None and r.whole for r in results)


def test_every_cut_lands_mid_request_or_mid_response(server: _Server) -> None:
    port = server.server_address[1]
    body = b"r" * 40_000
    with CuttingProxy(port, rate=1.0, max_offset=30_000, seed=5) as proxy:
        results = [_exchange(proxy.port, body, server.answer_size) for _ in range(60)]
    assert proxy.connections == 60 and proxy.cuts == 60
    _wait_for(server, 60)
    assert not any(r.whole for r in results)  # no cut connection gives its whole answer
    assert proxy.request_cuts >= 15 and proxy.response_cuts >= 15
    # mid-request: the server got part of the body and did nothing
    assert sum(1 for size, got in server.received if got < size) == proxy.request_cuts
    # mid-response: the server did the work; the client got only part of its answer
    assert sum(1 for size, got in server.received if got == size) == proxy.response_cuts
    assert all(r.answered < 32 + server.answer_size for r in results)


def test_at_least_the_rate_is_cut_and_a_seed_replays_the_same_cuts(server: _Server) -> None:
    port = server.server_address[1]
    seen = []
    for _run in range(2):
        server.received.clear()
        with CuttingProxy(port, rate=0.05, max_offset=30_000, seed=3) as proxy:
            results = [_exchange(proxy.port, b"q" * 20_000, server.answer_size) for _ in range(150)]
        assert proxy.connections == 150
        assert proxy.cuts >= 0.05 * 150 and proxy.cuts < 0.2 * 150
        assert sum(1 for r in results if not r.whole) == proxy.cuts
        seen.append([r.whole for r in results])
    assert seen[0] == seen[1]


def test_max_cuts_bounds_the_faults(server: _Server) -> None:
    port = server.server_address[1]
    with CuttingProxy(port, rate=1.0, seed=2, max_cuts=3) as proxy:
        results = [_exchange(proxy.port, b"m" * 1000, server.answer_size) for _ in range(10)]
    assert proxy.cuts == 3 and sum(1 for r in results if r.whole) == 7
