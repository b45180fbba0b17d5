"""`storyline serve`: its help, its refusal to take writes without a token, a real server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from storyline.cli import main


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.mark.parametrize("words", ["--host", "127.0.0.1", "--port", "--allow-ingest", "STORYLINE_TOKEN", "/openapi.json"])
def test_serve_help(words: str) -> None:
    result = run("serve", "--help")
    assert result.exit_code == 0 and words in result.output


def test_allow_ingest_without_a_token_refuses_to_start(demo_db: Path) -> None:
    result = run("serve", "--db", str(demo_db), "--allow-ingest", env={"STORYLINE_TOKEN": ""})
    assert result.exit_code != 0 and "STORYLINE_TOKEN" in result.output


def test_serve_on_a_missing_store_is_one_clear_line(tmp_path: Path) -> None:
    result = run("serve", "--db", str(tmp_path / "none.db"))
    assert result.exit_code != 0 and "no store at" in result.output


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_on_localhost(demo_db: Path) -> None:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-c", "from storyline.cli import main; main()", "serve",
                               "--db", str(demo_db), "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        body = None
        for _ in range(100):
            try:
                body = httpx.get(f"http://127.0.0.1:{port}/api/articles", params={"limit": 1}, timeout=2).json()
                break
            except httpx.HTTPError:
                assert server.poll() is None, server.stderr.read()
                time.sleep(0.2)
        assert body is not None and body["total"] == 14
    finally:
        server.terminate()
        server.wait(timeout=10)
