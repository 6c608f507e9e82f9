"""A throwaway PostgreSQL cluster in a temp folder, for the tests and ``bench/hub.py``.

``initdb`` + ``pg_ctl`` as an unprivileged user (``nobody`` when run as root: PostgreSQL
refuses to run as root), listening on 127.0.0.1 only, on a free port, with trust
authentication for that one address. Nothing is installed or left behind: ``stop`` deletes
the folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

DEBIAN_BIN = Path("/usr/lib/postgresql/15/bin")
SUPERUSER = "declic"


class ClusterUnavailable(RuntimeError):
    """No PostgreSQL binaries here (``.ci/run`` installs Debian's ``postgresql``)."""


def find_bin() -> Path:
    """Debian's PostgreSQL 15 first, then any other Debian version, then ``$PATH``."""
    if (DEBIAN_BIN / "initdb").exists():
        return DEBIAN_BIN
    others = sorted(DEBIAN_BIN.parent.parent.glob("*/bin/initdb"))
    if others:
        return others[-1].parent
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise ClusterUnavailable("initdb introuvable : installez le paquet Debian postgresql")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Cluster:
    folder: Path
    port: int
    bin: Path
    run_as: str | None
    databases: int = field(default=0)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def command(self, name: str, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
        """Run one of the cluster's binaries (pg_dump, pg_restore, psql...) as its user."""
        return subprocess.run(  # type: ignore[call-overload, no-any-return]
            [str(self.bin / name), *args],
            user=self.run_as,
            check=True,
            capture_output=True,
            text=True,
            **kwargs,
        )

    def new_database(self, prefix: str = "hub") -> str:
        """A fresh empty database; returns its URL."""
        import psycopg

        self.databases += 1
        name = f"{prefix}_{self.databases}"
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(
            [str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
            user=self.run_as,
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster(*, fast: bool = True) -> Cluster:
    """Create and start a cluster; ``fast`` turns fsync off (test data need not survive a
    power cut; the bench keeps it on)."""
    binaries = find_bin()
    run_as = "nobody" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="declic-pg-"))
    if run_as:
        shutil.chown(folder, user=run_as)
    data = folder / "data"
    port = free_port()
    cluster = Cluster(folder, port, binaries, run_as)
    try:
        cluster.command(
            "initdb", "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C"
        )
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c max_connections=200"
        if fast:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        cluster.command(
            "pg_ctl", "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"
        )
    except subprocess.CalledProcessError as exc:
        log = (folder / "log").read_text() if (folder / "log").exists() else ""
        cluster.stop()
        raise ClusterUnavailable(f"PostgreSQL n'a pas démarré : {exc.stderr}{log}") from None
    return cluster
