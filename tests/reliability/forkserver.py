"""Run ``storyline`` commands in forked processes that a test can SIGKILL at any moment.

Started as ``python tests/reliability/forkserver.py``, it imports Storyline and loads the spaCy
model once, then reads one JSON request per line on stdin::

    {"argv": ["ingest", ...], "stdout": "/tmp/out", "stderr": "/tmp/err"}

and forks a child that runs the real ``storyline`` command line (``storyline.cli.main``) with
that argv, its output going to the two files. It answers ``{"pid": N}`` at once and
``{"pid": N, "status": S}`` when the child has ended (S is the exit code, or minus the signal).

Why fork: a fresh ``storyline ingest`` spends ~4 s importing spaCy and loading the model before
it writes anything, so twenty kills of fresh processes would mostly land in imports. A forked
child starts with all that done and spends its whole life in the ingest itself, where a kill
tests something. The child is still a separate process with its own store connections, killed
by a real SIGKILL.
"""

from __future__ import annotations

import json
import os
import sys


def preload() -> None:
    """Import what ``storyline ingest`` imports and load the models (spaCy, the language
    identifier) before any fork."""
    import storyline.cli  # noqa: F401
    import storyline.pipeline  # noqa: F401
    from storyline.clean.language import detect_language
    from storyline.config import load_settings
    from storyline.extract.nlp import load_model

    load_model(load_settings().get("nlp.model"))
    detect_language("A sentence in English, long enough for the language identifier to load.")
    try:
        import psycopg  # noqa: F401  (the PostgreSQL backend's driver, when installed)
    except ImportError:
        pass


def run_child(request: dict) -> None:
    """In the child: point stdio at the files, run the command, and never return."""
    code = 1
    try:
        stdin = os.open(os.devnull, os.O_RDONLY)
        os.dup2(stdin, 0)
        for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
            target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(target, fd)
        from storyline.cli import main

        main(args=request["argv"], prog_name="storyline", standalone_mode=True)
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except BaseException:  # noqa: BLE001 (print it like the interpreter would, then exit 1)
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)  # no atexit handlers of the parent's in the child


def answer(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def serve() -> None:
    preload()
    answer({"ready": True})
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            run_child(request)
        answer({"pid": pid})
        _, status = os.waitpid(pid, 0)
        answer({"pid": pid, "status": os.waitstatus_to_exitcode(status)})


if __name__ == "__main__":
    serve()
