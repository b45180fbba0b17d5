"""A throwaway PostgreSQL server for the tests: Debian's binaries, a temp folder, a free port.

    with running_server() as server:          # skips nothing itself; see find_bin_dir()
        url = server.create_database()        # postgresql://storyline:PASSWORD@127.0.0.1:PORT/t_...
        store_url = server.create_schema(url) # ...same...?options=-csearch_path%3Ds_...
        ...
        server.drop_database(url)

``initdb`` writes a fresh cluster into a temp folder, ``pg_ctl start`` serves it on a free
127.0.0.1 port (its unix socket stays in the temp folder), and leaving the block stops it with
``pg_ctl stop -m immediate`` and deletes the folder. PostgreSQL refuses to run as root, so as root
the programs run as Debian's ``postgres`` user (else ``nobody``) through ``runuser``.

The server trades durability for speed (fsync off): the tests kill clients, never the server.
"""

from __future__ import annotations

import getpass
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "storyline"
BIN_DIR_VARIABLE = "STORYLINE_TEST_PG_BIN"
START_ATTEMPTS = 3  # a free port can be taken by someone else before the server binds it


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin holding initdb and pg_ctl (None when absent).

    $STORYLINE_TEST_PG_BIN names another folder (e.g. /usr/pgsql-16/bin); set to a folder
    without them, it makes the PostgreSQL tests skip."""
    if (chosen := os.environ.get(BIN_DIR_VARIABLE)) is not None:
        found = Path(chosen)
        return found if (found / "initdb").exists() and (found / "pg_ctl").exists() else None
    candidates = sorted(
        (Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    found = [path for path in candidates if (path / "pg_ctl").exists()]
    return found[-1] if found else None


@dataclass
class PostgresServer:
    bin_dir: Path
    folder: Path
    run_as: str | None  # the unprivileged user the programs run as, when we are root
    password: str
    port: int = 0

    @property
    def admin_url(self) -> str:
        return self.url("postgres")

    def url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new, empty database; returns its URL."""
        name = f"t_{uuid.uuid4().hex}"
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def create_schema(self, database_url: str) -> str:
        """A new, empty schema in a database: the URL of a fresh store, ~100 times quicker
        to make than a database. The URL selects it with ``options=-csearch_path=...``."""
        name = f"s_{uuid.uuid4().hex}"
        self._admin(f'CREATE SCHEMA "{name}"', database_url)
        return f"{database_url}?options=-csearch_path%3D{name}"

    def drop_schema(self, url: str) -> None:
        database_url, name = url.split("?options=-csearch_path%3D")
        # A client that still holds the schema (say, a killed test's) must not hang the session.
        self._admin(f'SET lock_timeout = \'5s\'; DROP SCHEMA IF EXISTS "{name}" CASCADE', database_url)

    def _admin(self, sql: str, url: str | None = None) -> None:
        import psycopg

        with psycopg.connect(url or self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def run(self, program: str, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / program), *args]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)


def unprivileged_user() -> str | None:
    """Who runs the server: nobody special unless we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root, and neither a 'postgres' nor a 'nobody' user exists")


@contextmanager
def running_server(bin_dir: Path | None = None) -> Iterator[PostgresServer]:
    """Start a fresh server; stop it and delete its folder on leaving the block."""
    bin_dir = bin_dir or find_bin_dir()
    if bin_dir is None:
        raise RuntimeError("no PostgreSQL binaries under /usr/lib/postgresql/*/bin")
    # Not under pytest's tmp folders: those are private to root, and the server user must enter.
    folder = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    server = PostgresServer(bin_dir, folder, unprivileged_user(), secrets.token_urlsafe(12))
    try:
        _prepare(server)
        _init(server)
        _start(server)
        try:
            yield server
        finally:
            server.run("pg_ctl", "stop", "-D", str(folder / "data"), "-m", "immediate", "-w")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _prepare(server: PostgresServer) -> None:
    (server.folder / "pwfile").write_text(server.password + "\n", encoding="utf-8")
    if server.run_as:
        user = pwd.getpwnam(server.run_as)
        for path in (server.folder, server.folder / "pwfile"):
            os.chown(path, user.pw_uid, user.pw_gid)


def _init(server: PostgresServer) -> None:
    done = server.run(
        "initdb", "-D", str(server.folder / "data"), "-U", SUPERUSER, "-E", "UTF8",
        "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256",
        f"--pwfile={server.folder / 'pwfile'}", "--no-sync",
    )
    if done.returncode != 0:
        raise RuntimeError(f"initdb failed ({server.run_as or getpass.getuser()}): {done.stderr}")


def _start(server: PostgresServer) -> None:
    options = (
        f"-c listen_addresses=127.0.0.1 -c unix_socket_directories={server.folder} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    for _attempt in range(START_ATTEMPTS):
        server.port = _free_port()
        done = server.run(
            "pg_ctl", "start", "-w", "-t", "60", "-D", str(server.folder / "data"),
            "-l", str(server.folder / "server.log"), "-o", f"-p {server.port} {options}",
        )
        if done.returncode == 0:
            return
    log = (server.folder / "server.log")
    tail = log.read_text(encoding="utf-8", errors="replace")[-2000:] if log.exists() else ""
    raise RuntimeError(f"pg_ctl start failed: {done.stderr}\n{tail}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
