"""Safe fetching: the address checks as a table, and real fetches from a local HTTP server.

No test touches the network: literal IPs resolve without DNS, and every fetch goes to a
server on 127.0.0.1 (allowed only with fetch.allow_private).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from http.server import BaseHTTPRequestHandler

import pytest


from storyline.errors import BlockedAddressError, FetchError
from storyline.ingest.web import blocked_reason, check_url, is_url
from tests.local_http import server_fixture

ARTICLE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Council approves budget</title>
<meta property="og:site_name" content="Local Ledger">
<meta property="article:published_time" content="2024-05-14">
</head><body><article><h1>Council approves budget</h1>
<p>The town council approved next year's budget on Monday by seven votes to two.</p>
<p>Spending on roads rises by a tenth, while the library keeps its current hours.</p>
</article></body></html>"""

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local Ledger</title>
<item><title>Budget</title><link>https://ledger.example/budget</link>
<description>Budget approved.</description></item>
</channel></rss>"""

# path -> (status, headers, body); a callable body is run instead (for slow responses)
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE),
    "/feed": (200, {"Content-Type": "application/rss+xml"}, FEED),
    "/feed-as-xml": (200, {"Content-Type": "text/xml"}, FEED),
    "/plain": (
        200,
        {"Content-Type": "text/plain; charset=utf-8"},
        "Plain headline\nPlain body — ok.".encode(),
    ),
    "/latin": (
        200,
        {"Content-Type": "text/plain; charset=iso-8859-1"},
        "Café au lait".encode("latin-1"),
    ),
    "/untyped": (200, {}, ARTICLE),
    "/pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7 ..."),
    "/empty": (200, {"Content-Type": "text/plain"}, b""),
    "/missing": (404, {"Content-Type": "text/html"}, b"<p>not here</p>"),
    "/broken": (500, {}, b""),
    "/big": (200, {"Content-Type": "text/plain"}, b"x" * 5000),
    "/redirect": (302, {"Location": "/article"}, b""),
    "/redirect-chain": (301, {"Location": "/redirect"}, b""),
    "/loop": (302, {"Location": "/loop"}, b""),
    "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
    "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
    "/no-location": (302, {}, b""),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == "/slow":
            time.sleep(2)
        status, headers, body = ROUTES.get(self.path, (404, {}, b""))
        if self.path == "/host":  # echo the Host header the client sent
            status, headers, body = (
                200,
                {"Content-Type": "text/plain"},
                self.headers["Host"].encode(),
            )
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if self.path != "/big":  # /big streams without a Content-Length, so the cap is hit mid-body
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass  # keep test output clean


server = server_fixture(_Handler)


@pytest.fixture
def local(settings):
    """Settings that allow fetching from the local test server."""
    return settings.with_overrides({"fetch.allow_private": True})


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "a loopback address"),
        ("127.8.9.10", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("172.16.0.1", "a private address"),
        ("192.168.1.1", "a private address"),
        ("fc00::1", "a private address"),
        ("169.254.1.1", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("169.254.169.254", "a cloud metadata address"),
        ("fd00:ec2::254", "a cloud metadata address"),
        ("0.0.0.0", "an unspecified address"),
        ("::", "an unspecified address"),
        ("224.0.0.1", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("255.255.255.255", "a reserved address"),
        ("100.64.0.1", "not a public address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("::ffff:169.254.169.254", "a cloud metadata address"),
        ("2002:7f00:1::", "a loopback address"),  # 6to4 wrapping 127.0.0.1
        ("8.8.8.8", None),
        ("93.184.215.14", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_blocked_reason(address, reason):
    assert blocked_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", None),
        ("10.0.0.1", None),
        ("fe80::1", None),
        ("169.254.169.254", "a cloud metadata address"),
    ],
)
def test_allow_private_lifts_all_but_cloud_metadata(address, reason):
    assert blocked_reason(ipaddress.ip_address(address), allow_private=True) == reason


@pytest.mark.parametrize(
    ("url", "error", "words"),
    [
        (
            "ftp://files.example/a.txt",
            BlockedAddressError,
            "scheme 'ftp' is not fetched; only http:// and https://",
        ),
        ("file:///etc/passwd", BlockedAddressError, "scheme 'file' is not fetched"),
        ("javascript:alert(1)", BlockedAddressError, "scheme 'javascript' is not fetched"),
        (
            "http://127.0.0.1/",
            BlockedAddressError,
            "127.0.0.1 is a loopback address; only public addresses are fetched",
        ),
        ("http://localhost:8080/", BlockedAddressError, "a loopback address"),
        ("http://[::1]/x", BlockedAddressError, "a loopback address"),
        ("http://10.0.0.5/admin", BlockedAddressError, "a private address"),
        (
            "http://169.254.169.254/latest/meta-data/",
            BlockedAddressError,
            "a cloud metadata address",
        ),
        (  # 127.0.0.1 written as one number
            "http://2130706433/",
            BlockedAddressError,
            "host 2130706433 is 127.0.0.1, a loopback address",
        ),
        ("http://0x7f.1/", BlockedAddressError, "a loopback address"),
        ("http:///no-host", FetchError, "has no host"),
        ("http://[::1/", FetchError, "is not a valid URL"),
    ],
)
def test_check_url_refuses(url, error, words):
    with pytest.raises(error) as caught:
        check_url(url)
    assert type(caught.value) is error
    assert words in str(caught.value)


@pytest.mark.parametrize(
    "url", ["http://8.8.8.8/", "https://93.184.215.14:8443/a?b=c", "http://[2606:4700:4700::1111]/"]
)
def test_check_url_allows_public_addresses(url):
    assert check_url(url)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("http://a.example", True),
        ("HTTPS://a.example/x", True),
        ("ftp://a.example", False),
        ("news/http-notes.txt", False),
        ("-", False),
    ],
)
def test_is_url(source, expected):
    assert is_url(source) is expected


def test_fetch_html(server, local, read_all):
    [article], [] = read_all([f"{server}/article"], local)
    assert article.source == f"{server}/article"
    assert article.text.startswith("The town council approved")
    assert article.metadata == {
        "title": "Council approves budget",
        "url": f"{server}/article",
        "published": "2024-05-14",
        "outlet": "Local Ledger",
        "language": "en",
        "format": "html",
    }


@pytest.mark.parametrize("path", ["/feed", "/feed-as-xml"])
def test_fetch_feed(server, local, read_all, path):
    [item], [] = read_all([f"{server}{path}"], local)
    assert (item.source, item.text) == (f"{server}{path}#1", "Budget approved.")
    assert item.metadata["url"] == "https://ledger.example/budget"


@pytest.mark.parametrize(
    ("path", "text", "encoding"),
    [("/plain", "Plain headline\nPlain body — ok.", None), ("/latin", "Café au lait", "cp1252")],
)
def test_fetch_plain_text(server, local, read_all, path, text, encoding):
    [article], [] = read_all([f"{server}{path}"], local)
    assert (article.text, article.kind, article.metadata.get("encoding")) == (text, "txt", encoding)


def test_untyped_body_is_sniffed(server, local, read_all):
    [article], [] = read_all([f"{server}/untyped"], local)
    assert article.metadata["format"] == "html"


@pytest.mark.parametrize("path", ["/redirect", "/redirect-chain"])
def test_redirects_are_followed(server, local, read_all, path):
    [article], [] = read_all([f"{server}{path}"], local)
    assert article.source == f"{server}{path}"  # as the user gave it
    assert article.metadata["url"] == f"{server}/article"  # where it ended up


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/missing", "server answered HTTP 404 Not Found"),
        ("/broken", "server answered HTTP 500 Internal Server Error"),
        ("/no-location", "server answered HTTP 302 Found"),
        ("/loop", "redirects more than 5 times (fetch.max_redirects)"),
        (
            "/to-metadata",
            "redirect to http://169.254.169.254/latest/meta-data/ failed: "
            "169.254.169.254 is a cloud metadata address",
        ),
        ("/to-file", "failed: scheme 'file' is not fetched"),
        (
            "/pdf",
            "content type 'application/pdf' is not supported; "
            "allowed: HTML, RSS/Atom feeds and plain text",
        ),
        ("/empty", "is empty"),
    ],
)
def test_fetch_failures(server, local, only_failure, path, words):
    failure = only_failure([f"{server}{path}"], local)
    assert failure.source == f"{server}{path}"
    assert words in failure.message


@pytest.mark.parametrize("path", ["/big", "/article"])  # streamed, and declared by Content-Length
def test_body_over_fetch_max_bytes_is_refused(server, local, only_failure, path):
    failure = only_failure([f"{server}{path}"], local.with_overrides({"fetch.max_bytes": 100}))
    assert "the fetch limit of 100 bytes; raise fetch.max_bytes" in failure.message


def test_local_server_is_refused_without_allow_private(server, settings, only_failure):
    failure = only_failure([f"{server}/article"], settings)
    assert (
        "a loopback address; only public addresses are fetched (pass --allow-private"
        in failure.message
    )


def test_unreachable_url_is_a_fetch_failure(local, only_failure):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    failure = only_failure([f"http://127.0.0.1:{port}/x"], local)
    assert f"could not connect to 127.0.0.1:{port}" in failure.message


def test_slow_server_times_out(server, local, only_failure):
    started = time.monotonic()
    failure = only_failure([f"{server}/slow"], local.with_overrides({"fetch.timeout_seconds": 0.3}))
    assert "timed out after 0.3 s (fetch.timeout_seconds)" in failure.message
    assert time.monotonic() - started < 1.5


def test_a_bad_url_does_not_stop_the_batch(server, local, read_all):
    articles, failures = read_all(
        [f"{server}/missing", f"{server}/plain", "ftp://x.example/"], local
    )
    assert [a.source for a in articles] == [f"{server}/plain"]
    assert [f.source for f in failures] == [f"{server}/missing", "ftp://x.example/"]


def test_a_host_name_is_resolved_checked_and_pinned(server, local, read_all):
    # "localhost" may resolve to ::1 first, where nothing listens: the next address is tried,
    # and the request still names the host (Host header) while connecting to the checked IP
    named = server.replace("127.0.0.1", "localhost")
    [article], [] = read_all([f"{named}/article"], local)
    assert article.metadata["url"] == f"{named}/article"
    [echo], [] = read_all([f"{named}/host"], local)
    assert echo.text == named.removeprefix("http://")
