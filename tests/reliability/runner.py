"""The test side of forkserver.py: start it, run commands, kill them after a delay."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SERVER = Path(__file__).with_name("forkserver.py")
READY_TIMEOUT = 120.0  # importing spaCy and loading the model on a busy 2-core machine
RUN_TIMEOUT = 300.0  # one whole ingest of the crash corpus, with plenty of room


@dataclass
class Run:
    status: int  # exit code, or minus the signal that ended it
    stdout: str
    stderr: str
    seconds: float

    @property
    def killed(self) -> bool:
        return self.status == -signal.SIGKILL


class ForkServer:
    """One forkserver.py process; ``run`` starts a ``storyline`` command and waits or kills it."""

    def __init__(self, workdir: Path, env: dict[str, str]) -> None:
        self.workdir = workdir
        self._process = subprocess.Popen(
            [sys.executable, str(SERVER)], cwd=workdir, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
        self._buffer = b""
        self._runs = 0
        assert self._read(READY_TIMEOUT) == {"ready": True}

    def run(self, argv: list[str], kill_after: float | None = None) -> Run:
        """Run ``storyline ARGV``; SIGKILL it ``kill_after`` seconds in unless it ended by then."""
        self._runs += 1
        out, err = (self.workdir / f"run{self._runs}.{name}" for name in ("out", "err"))
        request = {"argv": argv, "stdout": str(out), "stderr": str(err)}
        self._process.stdin.write((json.dumps(request) + "\n").encode())
        self._process.stdin.flush()
        started = time.monotonic()
        pid = self._read(READY_TIMEOUT)["pid"]
        ended = self._read(kill_after if kill_after is not None else RUN_TIMEOUT)
        if ended is None:
            _kill(pid)
            ended = self._read(RUN_TIMEOUT)
        assert ended is not None and ended["pid"] == pid, ended
        return Run(ended["status"], out.read_text(errors="replace"),
                   err.read_text(errors="replace"), time.monotonic() - started)

    def close(self) -> None:
        self._process.stdin.close()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def _read(self, timeout: float) -> dict | None:
        """The next JSON line from the server, or None when none came within ``timeout``."""
        deadline = time.monotonic() + timeout
        fd = self._process.stdout.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                raise RuntimeError("the fork server died; run forkserver.py by hand to see why")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # it ended (and was reaped) in the same instant: the status says how
