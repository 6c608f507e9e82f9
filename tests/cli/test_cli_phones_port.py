"""A second game opened while the first one's phones server holds its port: the facilitator
reads which address is taken and what to do, not « fichier ou dossier inutilisable »."""

from __future__ import annotations

import socket

import pytest

from declic.cli import main
from engine.shipped import resolve_scenario


def test_a_phones_port_already_taken(capsys: pytest.CaptureFixture[str]) -> None:
    scenario = str(resolve_scenario("demo-escape"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        argv = ["play", scenario, "--headless", "--phones", "--phones-host", "127.0.0.1"]
        code = main([*argv, "--phones-port", str(port)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"l'adresse « 127.0.0.1:{port} » est déjà prise" in err
    assert "--phones-port" in err
    assert "fichier ou dossier" not in err and "error while" not in err
