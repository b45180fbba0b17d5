"""A throwaway HTTP server on 127.0.0.1 for the fetching tests (ingest and security)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A client that hung up mid-body is what these tests do on purpose. The default prints a
        # traceback to sys.stderr, which may be another test's captured output by then.
        pass


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` in a background thread; yields the base URL."""
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def server_fixture(handler: type[BaseHTTPRequestHandler]):
    """A module-scoped fixture named ``server``: the base URL of ``handler`` served locally."""

    @pytest.fixture(scope="module", name="server")
    def server() -> Iterator[str]:
        with serving(handler) as url:
            yield url

    return server
