"""Secrets never show: the password in a postgresql:// URL (user:PASSWORD@ or ?password=) and
STORYLINE_TOKEN appear in no output, error message or log line of real ``storyline`` processes,
whether the database is unreachable, refuses the password, or works; nor in what the API server
prints or answers.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from storyline.store import open_store
from tests.reliability.conftest import isolated_env

STORYLINE = str(Path(sys.executable).with_name("storyline"))
TOKEN = "tok-Vq8ZLr3wYp1Kd7Mx"
PASSWORD = "pw-J4nS2cQ9tE6uHb0R"
ARTICLE = ("Harbour ferries resume\n\nThe harbour ferry to Port Amsel sails again after repairs, "
           "Mayor Ilse Brandvik said on Tuesday.\n")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {**isolated_env(tmp_path), "STORYLINE_TOKEN": TOKEN, **env}
    return subprocess.run([STORYLINE, *args], capture_output=True, text=True, timeout=180,
                          env=environment, cwd=tmp_path)


def assert_no_secret(*outputs: str, secrets: tuple[str, ...] = (PASSWORD, TOKEN)) -> None:
    for output in outputs:
        for secret in secrets:
            assert secret not in output, f"a secret leaked: {output[-500:]}"
        assert "Traceback" not in output


def with_password(url: str, password: str) -> str:
    parts = urlsplit(url)
    return url.replace(f":{parts.password}@", f":{password}@", 1)


@pytest.fixture
def article(tmp_path: Path) -> str:
    path = tmp_path / "ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return str(path)


def unreachable_url(form: int) -> str:
    port = free_port()  # nothing listens there
    return (f"postgresql://reader:{PASSWORD}@127.0.0.1:{port}/news",
            f"postgres://reader@127.0.0.1:{port}/news?password={PASSWORD}&sslmode=disable")[form]


@pytest.mark.parametrize(("command", "form", "via_env"), [
    (["articles"], 0, False), (["search", "ferry"], 1, True), (["ingest", "ARTICLE"], 0, True),
    (["entities", "--json"], 1, False),
])
def test_an_unreachable_database_never_shows_its_password(tmp_path, article, command, form,
                                                          via_env) -> None:
    url = unreachable_url(form)
    args = [article if a == "ARTICLE" else a for a in command]
    done = run(args, tmp_path, STORYLINE_DB=url) if via_env else run([*args, "--db", url], tmp_path)
    assert done.returncode != 0
    assert "could not connect" in done.stderr or "***" in done.stderr, done.stderr
    assert_no_secret(done.stdout, done.stderr)


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> str:
    """A fresh store on the session's PostgreSQL server (its URL holds the password)."""
    try:
        make: Callable[[], str] = request.getfixturevalue("postgres_db_url")
    except pytest.FixtureLookupError:
        pytest.skip("no PostgreSQL test fixture in this checkout")
    return make()


def test_a_working_database_never_shows_its_password(tmp_path, article, pg_url) -> None:
    password = urlsplit(pg_url).password
    assert password
    outputs = []
    for args in (["ingest", article], ["articles"], ["export", "--format", "json", "-o", "x.json"]):
        done = run([*args, "--db", pg_url], tmp_path)
        assert done.returncode == 0, done.stderr
        outputs += [done.stdout, done.stderr]
    wrong = run(["articles", "--db", with_password(pg_url, PASSWORD)], tmp_path)
    assert wrong.returncode != 0
    outputs += [wrong.stdout, wrong.stderr, (tmp_path / "x.json").read_text(encoding="utf-8")]
    assert "Ingested 1 article(s) into postgresql://storyline:***@" in outputs[1]
    assert_no_secret(*outputs, secrets=(password, PASSWORD, TOKEN))


@pytest.fixture
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, subprocess.Popen]]:
    """``storyline serve --allow-ingest`` over a PostgreSQL store when one can be had (its
    URL holds a password), else a SQLite file; yields (base URL, process)."""
    try:
        db = request.getfixturevalue("postgres_db_url")()
    except (pytest.FixtureLookupError, pytest.skip.Exception):
        db = str(tmp_path / "served.db")
        open_store(db).close()  # serve reads an existing store only
    port = free_port()
    process = subprocess.Popen(
        [STORYLINE, "serve", "--db", db, "--port", str(port), "--allow-ingest"],
        env={**isolated_env(tmp_path), "STORYLINE_TOKEN": TOKEN}, cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(base: str, process: subprocess.Popen, seconds: float = 60.0) -> None:
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        if process.poll() is not None:
            pytest.fail(f"storyline serve exited: {process.stderr.read()[-2000:]}")
        try:
            httpx.get(f"{base}/api/articles", timeout=2.0)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    pytest.fail("storyline serve did not answer within a minute")


def test_the_api_server_never_shows_the_token_or_the_password(served) -> None:
    base, process = served
    password = urlsplit(process.args[3]).password if "://" in process.args[3] else None
    secrets = tuple(filter(None, (TOKEN, password)))
    bodies = []
    with httpx.Client(base_url=base, timeout=120.0) as client:
        post = {"text": ARTICLE, "title": "Harbour ferries resume"}
        for headers, status in (({}, 401), ({"Authorization": "Bearer wrong-" + TOKEN}, 401),
                                ({"Authorization": f"Bearer {TOKEN}"}, 201)):
            response = client.post("/api/ingest", json=post, headers=headers)
            assert response.status_code == status, response.text[:500]
            bodies.append(response.text)
        for path in ("/api/articles", "/api/search?q=ferry", "/api/articles/nope",
                     f"/api/search?q=x&token={TOKEN}", "/openapi.json"):
            bodies.append(client.get(path).text)
    process.terminate()
    out, err = process.communicate(timeout=30)
    assert_no_secret(out, err, *bodies, secrets=secrets)
