"""A TCP proxy on 127.0.0.1 that cuts some connections mid-request or mid-response (tests and
bench).

At least ``rate`` of the accepted connections are cut (a random draw per connection, and a
connection more whenever the cuts fall behind ``rate``), ``max_cuts`` at most. Half of the
cuts are planned in the request, after a random number of its bytes (0 to ``max_offset``;
a request that ends sooner is cut in its response instead), the other half in the response,
at a random byte of the first bytes the server sends back: the server may then have done the
work while the laptop never hears it. A cut closes both sockets at once. The generator is
seeded, so a failing run can be replayed; ``cuts`` counts the cuts that happened
(``request_cuts`` + ``response_cuts``).

One thread relays every connection (``selectors``: epoll on Linux) with large reads, rather
than two threads per connection: in the bench the proxy shares the 2 cores with the laptops
and the hub.
"""

from __future__ import annotations

import math
import random
import selectors
import socket
import threading
import time
from contextlib import suppress
from dataclasses import dataclass, field

READ_SIZE = 1 << 18  # bytes read at once: a batch of sessions is a few hundred kilobytes


@dataclass(eq=False)
class _Side:
    """One socket of a relayed connection and the bytes waiting to be written to it."""

    sock: socket.socket
    link: _Link | None = None
    pending: bytearray = field(default_factory=bytearray)
    ended: bool = False  # its peer sent everything (EOF), passed on once ``pending`` is out
    events: int = 0


@dataclass(eq=False)
class _Link:
    client: _Side
    upstream: _Side
    request_left: int | None = None  # a cut planned after this many more request bytes
    cut_response: bool = False  # a cut planned in the response
    closed: bool = False


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
        self.planned = 0
        self.request_cuts = 0
        self.response_cuts = 0
        self.connections = 0
        self.cpu = 0.0  # CPU seconds of the relay thread, once stopped
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=256)
        self.listener.setblocking(False)
        self.port = int(self.listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self.selector = selectors.DefaultSelector()
        self._wake_read, self._wake_write = socket.socketpair()
        self.links: set[_Link] = set()
        self.running = True
        self.thread = threading.Thread(target=self._loop, daemon=True)

    @property
    def cuts(self) -> int:
        return self.request_cuts + self.response_cuts

    def __enter__(self) -> CuttingProxy:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.running = False
        with suppress(OSError):
            self._wake_write.send(b"x")
        self.thread.join(timeout=5)

    # --- the plan ---------------------------------------------------------------------------

    def _plan(self, link: _Link) -> None:
        self.connections += 1
        behind = self.planned < math.floor(self.rate * self.connections)
        if self.planned >= self.max_cuts or not (behind or self.random.random() < self.rate):
            return
        self.planned += 1
        if self.random.random() < 0.5:
            link.request_left = self.random.randint(0, self.max_offset)
        else:
            link.cut_response = True

    # --- the loop ---------------------------------------------------------------------------

    def _loop(self) -> None:
        began = time.thread_time()
        self.selector.register(self.listener, selectors.EVENT_READ, None)
        self.selector.register(self._wake_read, selectors.EVENT_READ, None)
        try:
            while self.running:
                for key, mask in self.selector.select(timeout=1.0):
                    if key.fileobj is self.listener:
                        self._accept()
                    elif key.data is not None:
                        side = key.data
                        if side.link is not None and not side.link.closed:
                            self._ready(side.link, side, mask)
        finally:
            for link in list(self.links):
                self._close(link)
            for sock in (self.listener, self._wake_read, self._wake_write):
                with suppress(OSError):
                    sock.close()
            self.selector.close()
            self.cpu = time.thread_time() - began

    def _accept(self) -> None:
        for _ in range(64):
            try:
                client, _ = self.listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            try:  # loopback: the kernel completes it without waiting for the server
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                client.close()
                continue
            link = _Link(_Side(client), _Side(upstream))
            self._plan(link)
            for side in (link.client, link.upstream):
                side.link = link
                side.sock.setblocking(False)
                side.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                side.events = selectors.EVENT_READ
                self.selector.register(side.sock, side.events, side)
            self.links.add(link)

    def _ready(self, link: _Link, side: _Side, mask: int) -> None:
        if mask & selectors.EVENT_WRITE:
            self._flush(link, side)
        if mask & selectors.EVENT_READ and not link.closed:
            self._relay(link, side, link.upstream if side is link.client else link.client)

    def _relay(self, link: _Link, source: _Side, sink: _Side) -> None:
        try:
            chunk = source.sock.recv(READ_SIZE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:
            sink.ended = True
            self._watch(source, read=False)
            if not sink.pending:
                self._end(link, sink)
            return
        cut = False
        if source is link.client and link.request_left is not None:
            if len(chunk) >= link.request_left:
                chunk, cut = chunk[: link.request_left], True
            else:
                link.request_left -= len(chunk)
        elif source is link.upstream and (link.cut_response or link.request_left is not None):
            # mid-response: a random byte of what the server sends first (a request shorter
            # than its planned cut is cut here too)
            chunk, cut = chunk[: self.random.randrange(len(chunk))], True
        if cut:
            if source is link.client:
                self.request_cuts += 1
            else:
                self.response_cuts += 1
            sink.pending += chunk
            with suppress(OSError):  # the bytes before the cut, what the socket takes at once
                sink.sock.send(sink.pending)
            self._close(link)
            return
        sink.pending += chunk
        self._flush(link, sink)
        if sink.pending:  # the sink is slower: stop reading until it drains
            self._watch(source, read=False)

    def _flush(self, link: _Link, side: _Side) -> None:
        """Write what waits for ``side``; keep watching it for writing while some remains."""
        if side.pending:
            try:
                sent = side.sock.send(side.pending)
            except (BlockingIOError, InterruptedError):
                sent = 0
            except OSError:
                self._close(link)
                return
            del side.pending[:sent]
        self._watch(side, write=bool(side.pending))
        if not side.pending:
            source = link.client if side is link.upstream else link.upstream
            if side.ended:
                self._end(link, side)
            else:
                self._watch(source, read=True)

    def _end(self, link: _Link, side: _Side) -> None:
        """Pass an EOF on to ``side``; once both directions ended, the connection is done."""
        with suppress(OSError):
            side.sock.shutdown(socket.SHUT_WR)
        sides = (link.client, link.upstream)
        if all(s.ended and not s.pending for s in sides):
            self._close(link)

    def _watch(self, side: _Side, *, read: bool | None = None, write: bool | None = None) -> None:
        events = side.events
        if read is not None:
            events = events | selectors.EVENT_READ if read else events & ~selectors.EVENT_READ
        if write is not None:
            events = events | selectors.EVENT_WRITE if write else events & ~selectors.EVENT_WRITE
        if events == side.events:
            return
        if side.events and events:
            self.selector.modify(side.sock, events, side)
        elif events:
            self.selector.register(side.sock, events, side)
        else:
            self.selector.unregister(side.sock)
        side.events = events

    def _close(self, link: _Link) -> None:
        if link.closed:
            return
        link.closed = True
        self.links.discard(link)
        for side in (link.client, link.upstream):
            if side.events:
                with suppress(KeyError, ValueError, OSError):
                    self.selector.unregister(side.sock)
                side.events = 0
            with suppress(OSError):
                side.sock.shutdown(socket.SHUT_RDWR)
            with suppress(OSError):
                side.sock.close()
