"""Fetching refuses what it must: private, loopback, link-local, multicast/reserved and cloud
metadata addresses in every spelling, also behind DNS answers and redirects; and a server can't
hold a fetch beyond its size and time caps.

No test touches the network. Literal addresses need no DNS; host names are answered by a fake
``socket.getaddrinfo`` (the standard library's, not our code), and only for ``check_url``, which
never connects. Every fetch goes to a server on 127.0.0.1 (allowed by fetch.allow_private,
which never allows a metadata address); each redirect target is first shown to be refused by
``check_url``, so no request can leave this machine even if a check were broken.
(ingest/test_ingest_web.py holds the basic table; this one adds the evasions.)
"""

from __future__ import annotations

import gzip
import socket
import time
from http.server import BaseHTTPRequestHandler

import pytest

from click.testing import CliRunner

from storyline.cli import main
from storyline.errors import BlockedAddressError, FetchError
from storyline.ingest.web import check_url
from tests.local_http import server_fixture

FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title><item>'
        b"<title>Ferry</title><description>Ferries sail again.</description></item></channel></rss>")
SERVER_LIMIT = 20.0  # seconds any streaming route may run: the server stops by itself
BOMB = gzip.compress(b"\0" * 50_000_000, compresslevel=9)  # 50 MB inflated, ~50 KB sent

# Names the fake resolver answers: (addresses, what check_url must say)
FAKE_DNS = {
    "rebind.test": ["93.184.215.14", "127.0.0.1"],  # one private answer among public ones
    "meta.test": ["169.254.169.254"],
    "v6meta.test": ["fd00:ec2::254"],
    "mapped.test": ["::ffff:10.1.2.3"],
    "public.test": ["93.184.215.14"],
}


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in FAKE_DNS:
            return real(host, port, *args, **kwargs)
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (a, port)) for a in FAKE_DNS[host]]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


REFUSED = [
    # (url, words in the message); every one is refused before any connection
    ("http://0x7f000001/", "is 127.0.0.1, a loopback address"),
    ("http://127.1/", "is 127.0.0.1, a loopback address"),
    ("http://2130706433/", "is 127.0.0.1, a loopback address"),
    ("http://0177.0.0.1/", "is not a valid URL"),  # octal
    ("http://0/", "is 0.0.0.0, an unspecified address"),
    ("http://[::]/", "an unspecified address"),
    ("http://[::ffff:127.0.0.1]/", "a loopback address"),
    ("http://[0:0:0:0:0:ffff:127.0.0.1]/", "a loopback address"),
    ("http://[::ffff:7f00:1]/", "a loopback address"),
    ("http://[::127.0.0.1]/", "a reserved address"),
    ("http://[64:ff9b::7f00:1]/", "a reserved address"),  # NAT64 wrapping 127.0.0.1
    ("http://169.254.169.254/latest/meta-data/", "a cloud metadata address"),
    ("http://2852039166/", "is 169.254.169.254, a cloud metadata address"),  # decimal
    ("http://0xa9fea9fe/", "is 169.254.169.254, a cloud metadata address"),  # hex
    ("http://0251.0376.0251.0376/", "is not a valid URL"),  # octal
    ("http://[::ffff:169.254.169.254]/", "a cloud metadata address"),
    ("http://[::ffff:a9fe:a9fe]/", "a cloud metadata address"),
    ("http://[fd00:ec2::254]/", "a cloud metadata address"),
    ("http://100.100.100.200/", "a cloud metadata address"),
    ("http://169.254.1.1/", "a link-local address"),
    ("http://[fe80::1]/", "a link-local address"),
    ("http://224.0.0.251/", "a multicast address"),
    ("http://[ff02::1]/", "a multicast address"),
    ("http://240.0.0.1/", "a reserved address"),
    ("http://255.255.255.255/", "a reserved address"),
    ("http://10.0.0.1/", "a private address"),
    ("http://192.168.0.1:8080/", "a private address"),
    ("http://172.31.255.255/", "a private address"),
    ("http://[fc00::1]/", "a private address"),
    ("http://100.64.0.1/", "not a public address"),
    ("http://localhost/", "host localhost is 127.0.0.1, a loopback address"),
    ("http://user:pw@127.0.0.1/", "127.0.0.1 is a loopback address"),
    ("http://public.example@127.0.0.1/", "127.0.0.1 is a loopback address"),
    ("http://127.0.0.1#@public.example/", "127.0.0.1 is a loopback address"),
    ("HTTP://127.0.0.1/", "a loopback address"),
    ("http://rebind.test/", "host rebind.test is 127.0.0.1, a loopback address"),
    ("http://mapped.test/", "a private address"),
    ("http://meta.test/", "host meta.test is 169.254.169.254, a cloud metadata address"),
    ("http://v6meta.test/", "a cloud metadata address"),
    ("gopher://127.0.0.1/", "scheme 'gopher' is not fetched"),
    ("data:text/html,<p>x</p>", "scheme 'data' is not fetched"),
    ("file:///etc/passwd", "scheme 'file' is not fetched"),
]
METADATA = [url for url, words in REFUSED if "metadata" in words]


@pytest.mark.parametrize(("url", "words"), REFUSED, ids=[url for url, _ in REFUSED])
def test_every_spelling_of_a_private_address_is_refused(fake_dns, url: str, words: str) -> None:
    with pytest.raises(FetchError) as caught:
        check_url(url)
    assert words in str(caught.value)


@pytest.mark.parametrize("url", METADATA)
def test_metadata_addresses_are_refused_even_when_private_ones_are_allowed(fake_dns, url) -> None:
    with pytest.raises(BlockedAddressError, match="a cloud metadata address"):
        check_url(url, allow_private=True)


def test_a_public_answer_is_allowed(fake_dns) -> None:
    assert [str(a) for a in check_url("http://public.test/")] == ["93.184.215.14"]


# -- a local server that misbehaves ---------------------------------------------------------

REDIRECTS = {f"/to/{n}": target for n, target in enumerate(
    [*METADATA, "gopher://127.0.0.1/", "data:,x", "file:///etc/passwd"])}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path in REDIRECTS:
            self._head(302, {"Location": REDIRECTS[self.path], "Content-Length": "0"})
        elif self.path == "/feed":
            self._head(200, {"Content-Type": "application/rss+xml",
                             "Content-Length": str(len(FEED))})
            self.wfile.write(FEED)
        elif self.path == "/endless":
            self._head(200, {"Content-Type": "text/plain"})
            self._stream(b"ferry " * 10_000, pause=0.0)
        elif self.path == "/trickle":
            self._head(200, {"Content-Type": "text/plain"})
            self._stream(b"f", pause=0.05)
        elif self.path == "/bomb":
            self._head(200, {"Content-Type": "text/plain", "Content-Encoding": "gzip",
                             "Content-Length": str(len(BOMB))})
            self.wfile.write(BOMB)
        else:
            self._head(404, {"Content-Length": "0"})

    def _head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def _stream(self, chunk: bytes, pause: float) -> None:
        """Send ``chunk`` again and again until the client hangs up (or SERVER_LIMIT)."""
        ends = time.monotonic() + SERVER_LIMIT
        try:
            while time.monotonic() < ends:
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(pause)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


server = server_fixture(_Handler)


@pytest.fixture
def local(settings):
    """Settings that allow the local test server, with short limits."""
    return settings.with_overrides({"fetch.allow_private": True, "fetch.timeout_seconds": 1.0,
                                    "fetch.max_bytes": 1_000_000})


@pytest.mark.parametrize("path", sorted(REDIRECTS))
def test_a_redirect_to_a_refused_target_is_refused(server, local, only_failure, fake_dns, path):
    target = REDIRECTS[path]
    with pytest.raises(BlockedAddressError):  # so the fetch below can't reach it either
        check_url(target, allow_private=True)
    failure = only_failure([f"{server}{path}"], local)
    assert "redirect to " in failure.message  # names the hop when it can be parsed
    assert any(words in failure.message for words in (
        "a cloud metadata address", "is not fetched", "can't be followed"))


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/endless", "over the fetch limit of 1,000,000 bytes"),
        ("/bomb", "over the fetch limit of 1,000,000 bytes"),  # counted after inflating
        ("/trickle", "timed out after 1 s reading the body"),  # each byte in time, the whole not
    ],
)
def test_a_server_cannot_hold_a_fetch_past_its_caps(server, local, only_failure, path, words):
    started = time.monotonic()
    failure = only_failure([f"{server}{path}"], local)
    assert words in failure.message
    assert time.monotonic() - started < 5.0


@pytest.mark.parametrize("option", ["--feed", "--url"])
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "2130706433"])
def test_the_command_refuses_a_local_feed_or_page(server, tmp_path, option, host) -> None:
    url = server.replace("127.0.0.1", host) + "/feed"
    result = CliRunner().invoke(main, ["ingest", option, url, "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception,
                                                                             SystemExit)
    assert "a loopback address; only public addresses are fetched" in result.stderr
    assert "Ingested 0 article(s)" in result.stderr
