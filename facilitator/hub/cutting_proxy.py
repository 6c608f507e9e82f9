"""A TCP proxy on 127.0.0.1 that cuts some connections at a random byte (tests and bench).

Each accepted connection is, with probability ``rate``, given a cut point: after that many
bytes have passed (either direction) both sockets are closed mid-stream. The random
generator is seeded, so a failing run can be replayed; ``max_cuts`` bounds the faults.
"""

from __future__ import annotations

import random
import socket
import threading
from contextlib import suppress


class CuttingProxy:
    def __init__(
        self,
        target_port: int,
        *,
        rate: float = 0.3,
        max_offset: int = 20_000,
        seed: int = 1,
        max_cuts: int = 10_000,
    ) -> None:
        self.target_port = target_port
        self.rate = rate
        self.max_offset = max_offset
        self.random = random.Random(seed)
        self.max_cuts = max_cuts
        self.cuts = 0
        self.connections = 0
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> CuttingProxy:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.running = False
        with suppress(OSError):
            self.listener.close()
        self.thread.join(timeout=5)

    def _budget(self) -> int | None:
        with self.lock:
            self.connections += 1
            if self.cuts < self.max_cuts and self.random.random() < self.rate:
                self.cuts += 1
                return self.random.randint(0, self.max_offset)
        return None

    def _accept(self) -> None:
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
        except OSError:
            client.close()
            return
        state = {"left": self._budget()}
        lock = threading.Lock()

        def pump(source: socket.socket, sink: socket.socket) -> None:
            try:
                while True:
                    chunk = source.recv(65536)
                    if not chunk:
                        break
                    with lock:
                        left = state["left"]
                        if left is not None:
                            if len(chunk) >= left:
                                chunk = chunk[:left]
                                state["left"] = 0
                            else:
                                state["left"] = left - len(chunk)
                    if chunk:
                        sink.sendall(chunk)
                    if state["left"] == 0:
                        break
            except OSError:
                pass
            finally:
                if state["left"] == 0:  # the cut: both ends at once, mid-stream
                    for sock in (client, upstream):
                        with suppress(OSError):
                            sock.shutdown(socket.SHUT_RDWR)
                else:
                    with suppress(OSError):
                        sink.shutdown(socket.SHUT_WR)

        other = threading.Thread(target=pump, args=(upstream, client), daemon=True)
        other.start()
        pump(client, upstream)
        other.join(timeout=60)
        for sock in (client, upstream):
            with suppress(OSError):
                sock.close()
