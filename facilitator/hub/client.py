"""The laptop's side of a push: enrol, push finished sessions, pull the hub's erasures.

Offline first: every network problem becomes ``HubUnreachable`` and the session simply stays
waiting; a push cut in the middle continues where the hub says it got to. Only the standard
library speaks HTTP here (``urllib``), so the laptop needs nothing more to sync.
"""

from __future__ import annotations

import http.client
import json
import platform
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from facilitator.hub import local
from facilitator.hub.cards import CARD_TEXT, cards_digest, scenario_from_bytes, session_cards
from facilitator.storage import hub_link as link_store

CHUNK = 500  # events per request: small enough to resume soon after a cut
BATCH = 20  # whole sessions per request when several wait (see ``push_batch``)
BATCH_EVENTS = 4000  # and at most this many events in all
ATTEMPTS = 8


class HubUnreachable(Exception):
    """The hub could not be reached or the connection was cut; try again later. ``status``:
    the HTTP status when the hub (or what answers at its address) answered without JSON."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class HubRefused(Exception):
    """The hub answered with a refusal; the message is the hub's French explanation."""

    def __init__(self, message: str, status: int, restart: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.restart = restart


@dataclass(frozen=True)
class Encoded:
    """A request body already written as JSON: a batch carries each session's cards as the
    laptop stored them (``local.card_text_for``), not read and written again."""

    text: bytes

    def value(self) -> Any:
        return json.loads(self.text)


class HubClient:
    """JSON calls to one hub, authenticated as this device when a credential is given."""

    def __init__(self, url: str, credential: str | None = None, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self.credential = credential
        self.timeout = timeout
        self.cards_as_text = False  # the hub said its batches take ``cards_text``
        self.cards_as_digest = False  # and ``cards_sha256``

    def call(self, method: str, path: str, body: Any = None, raw: bytes | None = None) -> Any:
        if isinstance(body, Encoded):
            data: bytes | None = body.text
        else:
            data = raw if raw is not None else None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}/hub/api/v1{path}", data=data, method=method)
        request.add_header(
            "Content-Type", "application/octet-stream" if raw is not None else "application/json"
        )
        if self.credential:
            request.add_header("Authorization", f"Bearer {self.credential}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            try:
                answer = json.loads(exc.read())
            except (ValueError, OSError, http.client.HTTPException):
                raise HubUnreachable(f"réponse inattendue du hub ({exc.code})", exc.code) from None
            if not isinstance(answer, dict) or "error" not in answer:
                raise HubUnreachable(f"réponse inattendue du hub ({exc.code})", exc.code) from None
            raise HubRefused(str(answer["error"]), exc.code, bool(answer.get("restart"))) from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise HubUnreachable(f"hub injoignable ({exc})") from None


def enrol(db: sqlite_utils.Database, url: str, code: str) -> link_store.HubLink:
    """Use the one-time code; keep the hub's address and this device's credential."""
    if not url.startswith(("http://", "https://")):
        raise HubRefused(
            f"« {url} » n'est pas une adresse web : elle commence par https:// ou http://", 0
        )
    answer = HubClient(url).call(
        "POST", "/enrol", {"code": code, "label": platform.node() or "poste"}
    )
    link = link_store.HubLink(
        url.rstrip("/"), str(answer["credential"]), answer["organisation"]["name"]
    )
    link_store.save_link(db, link)
    from facilitator.hub.badge_keys import enrol_key  # the badge key: its own step

    enrol_key(db, HubClient(link.url, link.credential), link.organisation)
    return link


def _send(client: HubClient, push: local.SessionPush, cards: dict[str, Any]) -> None:
    """One attempt. A session of at most ``CHUNK`` events goes in one request (``commit``
    carrying ``meta``, every event, the players and the cards: one transaction on the hub);
    a longer one, or a hub that does not know that request yet, goes step by step."""
    body = {"digest": push.digest, "players": push.players, "cards": cards}
    if len(push.rows) <= CHUNK:
        whole = {**body, "meta": push.meta, "events": [list(row) for row in push.rows]}
        commit = f"/sessions/{push.session_id}/commit"
        try:
            answer = client.call("POST", commit, whole)
            if answer.get("need_scenario"):
                client.call("PUT", f"/scenarios/{push.meta['scenario_hash']}", raw=push.scenario)
                answer = client.call("POST", commit, whole)
        except HubRefused as exc:
            if not exc.restart:
                raise
        else:
            if answer.get("state") == "committed":
                return
    _send_in_steps(client, push, body)


def _send_in_steps(client: HubClient, push: local.SessionPush, body: dict[str, Any]) -> None:
    """Begin, scenario if needed, the missing events in chunks, commit with the last one."""
    path = f"/sessions/{push.session_id}"
    state = client.call("POST", f"{path}/begin", push.meta)
    if state.get("need_scenario"):
        client.call("PUT", f"/scenarios/{push.meta['scenario_hash']}", raw=push.scenario)
        state = client.call("POST", f"{path}/begin", push.meta)
    if state.get("state") == "committed":
        return
    received = int(state.get("received", 0))
    missing = [list(row) for row in push.rows if row[0] > received]
    last = len(missing) - (len(missing) - 1) % CHUNK - 1 if missing else 0
    for start in range(0, last, CHUNK):  # every chunk but the last
        client.call("POST", f"{path}/events", {"events": missing[start : start + CHUNK]})
    client.call("POST", f"{path}/commit", {**body, "events": missing[last:]})


def push_one(
    client: HubClient,
    push: local.SessionPush,
    *,
    cards: dict[str, Any] | None = None,
    attempts: int = ATTEMPTS,
    pause: float = 0.2,
) -> None:
    """Push one session, continuing after cut connections (``attempts`` tries in all).
    ``cards``: those the laptop stored for it (``local.card_text_for``, read), else made here."""
    if cards is None:
        cards = session_cards(push.rows, scenario_from_bytes(push.scenario))  # once, not per try
    for attempt in range(1, attempts + 1):
        try:
            _send(client, push, cards)
            return
        except HubUnreachable:
            if attempt == attempts:
                raise
        except HubRefused as exc:
            if not exc.restart or attempt == attempts:
                raise
        time.sleep(min(pause * attempt, 2.0))


def push_batch(
    client: HubClient,
    pushes: list[local.SessionPush],
    *,
    cards: dict[int, str] | None = None,
    attempts: int = ATTEMPTS,
    pause: float = 0.2,
) -> dict[int, str | None]:
    """Push several short sessions in one request (``/sessions/batch``: one transaction on the
    hub), retrying after cut connections; returns, per session, None when the hub holds it or
    the hub's refusal. A session the hub asks to restart, and every session when the hub
    cannot take batches (an older hub, an error), go one by one (``push_one``). ``cards``:
    the JSON text of those the laptop stored, by session, else made here. Their digest goes
    instead once the hub takes it, the text for a session whose digest the hub did not find
    (``send_cards``)."""
    cards = dict(cards or {})
    for given in pushes:
        if given.session_id not in cards:
            made = session_cards(given.rows, scenario_from_bytes(given.scenario))
            cards[given.session_id] = CARD_TEXT.encode(made)
    waiting = {p.session_id: p for p in pushes}
    done: dict[int, str | None] = {}
    alone: list[local.SessionPush] = []
    in_full: set[int] = set()  # the hub asked for these cards themselves
    for attempt in range(1, attempts + 1):
        as_text, as_digest = client.cards_as_text, client.cards_as_digest
        items = ",".join(
            whole_text(p, cards[p.session_id], as_text, as_digest and p.session_id not in in_full)
            for p in waiting.values()
        )
        body = Encoded(f'{{"sessions":[{items}]}}'.encode())
        try:
            answer = client.call("POST", "/sessions/batch", body)
            results = answer["results"]
            client.cards_as_text = answer.get("cards_text") is True
            client.cards_as_digest = answer.get("cards_sha256") is True
        except HubUnreachable as exc:
            if exc.status is not None:  # answered, but not a batch: one by one
                alone += waiting.values()
                break
            if attempt == attempts:
                raise
            time.sleep(min(pause * attempt, 2.0))
            continue
        except HubRefused as exc:
            if exc.status == 401:  # this device was revoked: nothing goes
                done.update((session_id, str(exc)) for session_id in waiting)
            else:
                alone += waiting.values()
            break
        except (KeyError, TypeError):
            alone += waiting.values()
            break
        needed = set()
        for result in results:
            push = waiting.pop(int(result.get("session", 0)), None)
            if push is None:
                continue
            if result.get("state") == "committed":
                done[push.session_id] = None
            elif result.get("need_scenario"):
                needed.add(push.meta["scenario_hash"])
                waiting[push.session_id] = push
            elif result.get("restart"):
                alone.append(push)
            elif result.get("send_cards") and push.session_id not in in_full:
                in_full.add(push.session_id)
                waiting[push.session_id] = push
            else:
                done[push.session_id] = str(result.get("error", "refusé par le hub"))
        for push in {p.meta["scenario_hash"]: p for p in waiting.values()}.values():
            if push.meta["scenario_hash"] in needed:
                try:
                    client.call(
                        "PUT", f"/scenarios/{push.meta['scenario_hash']}", raw=push.scenario
                    )
                except HubRefused as exc:  # the hub will not take that scenario
                    for session_id, other in list(waiting.items()):
                        if other.meta["scenario_hash"] == push.meta["scenario_hash"]:
                            done[session_id] = str(exc)
                            del waiting[session_id]
        if not waiting:
            break
    else:
        alone += waiting.values()  # the hub kept answering without them
    for push in alone:
        try:
            made = json.loads(cards[push.session_id])
            push_one(client, push, cards=made, attempts=attempts, pause=pause)
        except HubRefused as exc:
            done[push.session_id] = str(exc)
        else:
            done[push.session_id] = None
    return done


def whole_text(
    push: local.SessionPush, cards: str, as_text: bool = False, as_digest: bool = False
) -> str:
    """One session of a batch as JSON, its cards (``cards``, JSON text) as they are: as
    values, ``as_text`` as one string the hub compares without reading, or ``as_digest`` as
    the SHA-256 of that string (``sync_batch``)."""
    if as_digest:
        sent = f'"cards_sha256":"{cards_digest(cards)}"'
    else:
        sent = f'"cards_text":{json.dumps(cards)}' if as_text else f'"cards":{cards}'
    return (
        f'{{"session":{int(push.session_id)},"meta":{json.dumps(push.meta)},'
        f'"digest":{json.dumps(push.digest)},"events":{json.dumps(push.rows)},'
        f'"players":{json.dumps(push.players)},{sent}}}'
    )


def batches(pushes: Iterable[local.SessionPush]) -> list[list[local.SessionPush]]:
    """Consecutive short sessions grouped (``BATCH`` and ``BATCH_EVENTS`` at most); a session
    longer than ``CHUNK`` events is a group of its own, pushed in steps."""
    return list(iter_batches(pushes))


def iter_batches(pushes: Iterable[local.SessionPush]) -> Iterator[list[local.SessionPush]]:
    """``batches``, each group given as soon as it is known to be complete (full, or the next
    session does not fit), so that it is sent while the next sessions are still being read."""
    group: list[local.SessionPush] = []
    size = 0
    for push in pushes:
        short = len(push.rows) <= CHUNK
        if (
            short
            and group
            and len(group[-1].rows) <= CHUNK
            and len(group) < BATCH
            and size + len(push.rows) <= BATCH_EVENTS
        ):
            group.append(push)
            size += len(push.rows)
        else:
            if group:
                yield group
            group, size = [push], len(push.rows)
        if len(group) == BATCH or not short:  # nothing more can join it
            yield group
            group, size = [], 0
    if group:
        yield group


@dataclass
class PushReport:
    pushed: list[int] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    forgotten: int = 0
    unreachable: str | None = None
    refused: str | None = None  # the hub refused this device (revoked): nothing was sent


def pull_forgotten(db: sqlite_utils.Database, client: HubClient) -> int:
    """Erase here the players the hub's admins erased there; returns how many were found."""
    from facilitator.sessions.privacy import forget
    from facilitator.storage.players import find_players

    answer = client.call("GET", f"/forgotten?after={link_store.forgotten_after(db)}")
    erased = 0
    last = link_store.forgotten_after(db)
    for tombstone_id, token in answer.get("forgotten", []):
        for player in find_players(db, str(token)):
            if player.token == token:
                forget(db, player)
                erased += 1
        last = max(last, int(tombstone_id))
    link_store.set_forgotten_after(db, last)
    return erased


def push_waiting(
    db: sqlite_utils.Database,
    sessions: list[int] | None = None,
    *,
    client: HubClient | None = None,
    attempts: int = ATTEMPTS,
) -> PushReport:
    """Pull the hub's erasures, then push the finished sessions not yet pushed as they are."""
    link = link_store.read_link(db)
    if link is None:
        raise HubRefused("ce poste n'est inscrit à aucun hub : declic hub enrol ADRESSE CODE", 0)
    client = client or HubClient(link.url, link.credential)
    report = PushReport()
    try:
        report.forgotten = pull_forgotten(db, client)
        from facilitator.hub.badge_keys import sync_badges  # the badge key and its list

        sync_badges(db, client)
    except HubUnreachable as exc:
        report.unreachable = str(exc)
        return report
    except HubRefused as exc:
        report.refused = str(exc)
        return report
    wanted = set(sessions) if sessions else None

    def waiting_pushes() -> Iterator[local.SessionPush]:
        """Read one session after the other (``local.iter_state``), only up to the next
        group: the first groups are on their way while the later ones are read."""
        for waiting in local.iter_state(db):
            if waiting.pushed or (wanted is not None and waiting.session_id not in wanted):
                continue
            if waiting.push is None:
                report.failed.append((waiting.session_id, waiting.problem or ""))
            else:
                yield waiting.push

    pending = waiting_pushes()
    for group in iter_batches(pending):
        cards = {p.session_id: local.card_text_for(db, p) for p in group}  # made once, kept
        try:
            if len(group) == 1:
                made = json.loads(cards[group[0].session_id])
                outcome = _alone(client, group[0], made, attempts)
            else:
                outcome = push_batch(client, group, cards=cards, attempts=attempts)
        except HubUnreachable as exc:
            report.unreachable = str(exc)
            for _rest in pending:  # the sessions that cannot be pushed as they are, still said
                pass
            break
        with db.atomic():  # one commit (one fsync) for the group, not one a session
            for push in group:
                problem = outcome.get(push.session_id, "")
                if problem is None:
                    local.record(db, push.session_id, digest=push.digest)
                    report.pushed.append(push.session_id)
                elif problem:
                    local.record(db, push.session_id, problem=problem)
                    local.drop_cards(db, push.session_id)  # made again next time, never stale
                    report.failed.append((push.session_id, problem))
    report.failed.sort()
    return report


def _alone(
    client: HubClient, push: local.SessionPush, cards: dict[str, Any], attempts: int
) -> dict[int, str | None]:
    try:
        push_one(client, push, cards=cards, attempts=attempts)
    except HubRefused as exc:
        return {push.session_id: str(exc)}
    return {push.session_id: None}
