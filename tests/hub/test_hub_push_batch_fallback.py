"""A hub that answers a batch with 500 or 413: the laptop sends smaller requests, loses and
doubles nothing, and ``declic hub status`` says what still waits."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hub_helpers import hub_events, laptop_events, organisation_with_code, play

from declic.cli import main
from facilitator.hub import client, local, schema, sync_batch, sync_server
from facilitator.hub.web import ServerThread, create_hub_app
from facilitator.storage.db import open_database
from facilitator.storage.hub_link import read_link

BATCH = "/sessions/batch"


class Recording(client.HubClient):
    """The laptop's real client, remembering each request's path and its body's size."""

    def __init__(self, url: str, credential: str | None) -> None:
        super().__init__(url, credential)
        self.calls: list[tuple[str, int]] = []
        self.statuses: list[tuple[str, int | None]] = []  # the requests that failed

    def call(self, method: str, path: str, body: Any = None, raw: bytes | None = None) -> Any:
        if isinstance(body, client.Encoded):
            size = len(body.text)
        else:
            size = len(json.dumps(body).encode()) if body is not None else 0
        self.calls.append((path, size))
        try:
            return super().call(method, path, body, raw)
        except (client.HubUnreachable, client.HubRefused) as exc:
            self.statuses.append((path, exc.status))
            raise


@pytest.fixture
def app(hub: sa.Engine) -> Any:
    return create_hub_app(hub)


@pytest.fixture
def served(app: Any) -> Iterator[ServerThread]:
    with ServerThread(app) as server:
        yield server


def _laptop(tmp_path: Path, url: str, code: str) -> Path:
    path = tmp_path / "laptop.db"
    play(path, "demo-escape")
    play(path, "demo-rally", tag="-r")
    play(path, "demo-escape", tag="-2")
    db = open_database(path)
    client.enrol(db, url, code)
    db.close()
    return path


def _client(path: Path, cls: type[Recording] = Recording) -> Recording:
    db = open_database(path)
    link = read_link(db)
    db.close()
    assert link is not None
    return cls(link.url, link.credential)


def _push(path: Path, hub_client: client.HubClient, attempts: int = 3) -> client.PushReport:
    db = open_database(path)
    try:
        return client.push_waiting(db, client=hub_client, attempts=attempts)
    finally:
        db.close()


def _held_once(hub: sa.Engine, laptop: Path) -> None:
    """Every event and every player of the laptop on the hub, each exactly once."""
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)
    db = open_database(laptop)
    tokens = sorted(str(t) for (t,) in db.execute("SELECT token FROM players"))
    db.close()
    with hub.connect() as conn:
        held = sorted(conn.execute(sa.select(schema.players.c.token)).scalars())
        states = list(conn.execute(sa.select(schema.sessions.c.state)).scalars())
        events = conn.execute(sa.select(sa.func.count()).select_from(schema.events)).scalar()
    assert held == tokens
    assert states == ["committed"] * 3
    assert events == sum(len(v) for v in laptop_events(laptop).values())


def test_a_hub_answering_500_to_a_batch_gets_each_session_alone(
    tmp_path: Path, hub: sa.Engine, served: ServerThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server error on the batch (a bug, an exhausted hub): nothing of the batch was
    written (one transaction), and each session goes in a request of its own."""

    def broken(*_args: Any) -> dict[str, Any]:
        raise RuntimeError("panne simulée du hub")

    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _laptop(tmp_path, served.url, code)
    monkeypatch.setattr(sync_batch, "commit_batch", broken)
    recording = _client(laptop)
    report = _push(laptop, recording)
    assert sorted(report.pushed) == [1, 2, 3] and not report.failed and not report.unreachable
    assert recording.statuses == [(BATCH, 500)]
    paths = [p for p, _size in recording.calls]
    assert paths.count(BATCH) == 1  # not sent again: the next requests are smaller
    assert {p for p in paths if p.endswith("/commit")} == {
        f"/sessions/{n}/commit" for n in (1, 2, 3)
    }
    _held_once(hub, laptop)
    assert _push(laptop, _client(laptop)).pushed == []  # acknowledged: nothing waits


def test_a_batch_larger_than_the_hub_accepts_413_goes_session_by_session(
    tmp_path: Path, hub: sa.Engine, app: Any, served: ServerThread
) -> None:
    """A hub (or a proxy in front of it) with a smaller body limit answers 413 to the batch:
    every session still reaches it, each in a request under the limit."""
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _laptop(tmp_path, served.url, code)
    db = open_database(laptop)
    pushes = [local.build_push(db, sid) for sid in (1, 2, 3)]
    alone = [len(client.whole_text(p, local.card_text_for(db, p)).encode()) for p in pushes]
    db.close()
    app.config["MAX_CONTENT_LENGTH"] = max(alone) + 2_000  # one session fits, three do not
    recording = _client(laptop)
    report = _push(laptop, recording)
    assert sorted(report.pushed) == [1, 2, 3] and not report.failed and not report.unreachable
    assert recording.statuses == [(BATCH, 413)]
    batches = [size for path, size in recording.calls if path == BATCH]
    assert len(batches) == 1 and batches[0] > app.config["MAX_CONTENT_LENGTH"]
    assert all(
        size <= app.config["MAX_CONTENT_LENGTH"] for path, size in recording.calls if path != BATCH
    )
    _held_once(hub, laptop)


def test_a_batch_the_hub_wrote_but_answered_with_500_is_held_once(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    """The hub committed the batch but a gateway in front of it answered 500: the sessions
    sent again one by one are acknowledged as held, never stored a second time."""

    class Gateway(Recording):
        def call(self, method: str, path: str, body: Any = None, raw: bytes | None = None) -> Any:
            answer = super().call(method, path, body, raw)
            if path == BATCH:
                raise client.HubUnreachable("réponse inattendue du hub (500)", 500)
            return answer

    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _laptop(tmp_path, served.url, code)
    gateway = _client(laptop, Gateway)
    report = _push(laptop, gateway)
    assert sorted(report.pushed) == [1, 2, 3] and not report.failed
    assert [p for p, _s in gateway.calls].count(BATCH) == 1
    _held_once(hub, laptop)


def test_a_hub_failing_every_push_leaves_the_sessions_waiting_and_status_lists_them(
    tmp_path: Path,
    hub: sa.Engine,
    served: ServerThread,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """500 to the batch and to every single push: nothing is marked sent, ``declic hub
    status`` lists the three sessions as waiting, and the next push once the hub is repaired
    sends each of them once."""

    def broken(*_args: Any) -> dict[str, Any]:
        raise RuntimeError("panne simulée du hub")

    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _laptop(tmp_path, served.url, code)
    with monkeypatch.context() as patched:
        patched.setattr(sync_batch, "commit_batch", broken)
        patched.setattr(sync_server, "commit", broken)
        patched.setattr(sync_server, "begin", broken)
        report = _push(laptop, _client(laptop), attempts=2)
        assert report.pushed == [] and report.unreachable
        assert "500" in report.unreachable
        assert main(["hub", "status", "--db", str(laptop)]) == 0
        out = capsys.readouterr().out
        assert out.count(": en attente") == 3 and "envoyée" not in out
        with hub.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(schema.events)).scalar() == 0
            assert conn.execute(sa.select(schema.sessions.c.state)).scalars().all() == []
    assert main(["hub", "push", "--db", str(laptop)]) == 0
    capsys.readouterr()
    assert main(["hub", "status", "--db", str(laptop)]) == 0
    assert capsys.readouterr().out.count(": envoyée") == 3
    _held_once(hub, laptop)
