"""Fetch URLs safely, then hand the body to the HTML, feed or text reader.

Storyline may run as a service that fetches URLs users submit, so a URL must not reach the
machine's own network (server-side request forgery): only http(s), only public addresses, and
every redirect hop is checked again. The connection goes to the very address that was checked
(the host name is kept for the Host header and TLS), so a DNS answer that changes between the
check and the connect (DNS rebinding) can't slip a private address through.

Cloud metadata addresses are refused even with ``fetch.allow_private``: that setting is for
fetching from a local test server, and no article lives at a metadata endpoint.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from storyline.config import Settings
from storyline.errors import (
    BlockedAddressError,
    FetchError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
)
from storyline.ingest.feeds import parse_feed
from storyline.ingest.files import decode_bytes
from storyline.ingest.html import declared_charset, looks_like_html, parse_html
from storyline.models import Failure, RawArticle

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = ("http", "https")
CLOUD_METADATA = frozenset(
    ipaddress.ip_address(address)
    for address in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean
        "fd00:ec2::254",  # AWS over IPv6
        "169.254.170.2",  # AWS ECS task metadata
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
    )
)
# Checked in this order, so an address gets its most telling name ("loopback", not "private").
_CATEGORIES = (
    ("is_unspecified", "an unspecified"),
    ("is_loopback", "a loopback"),
    ("is_link_local", "a link-local"),
    ("is_multicast", "a multicast"),
    ("is_reserved", "a reserved"),
    ("is_private", "a private"),
)
_ALLOW_PRIVATE_HINT = " (pass --allow-private or set fetch.allow_private to fetch a local server)"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_XML_TYPES = frozenset({"application/xml", "text/xml"})
_UNTYPED = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, text/plain;q=0.8, */*;q=0.1"
)


def is_url(source: str) -> bool:
    """True for a source the user gave as an http(s) URL (anything else is a path)."""
    return source.lower().startswith(("http://", "https://"))


def blocked_reason(address: IPAddress, allow_private: bool = False) -> str | None:
    """Why ``address`` must not be fetched ("a loopback address", ...), or ``None`` if it may be.

    IPv4 addresses carried inside IPv6 ones (::ffff:127.0.0.1, 6to4, Teredo) are judged too.
    """
    candidates = [*_embedded_ipv4(address), address]  # the wrapped IPv4 is the telling one
    if any(candidate in CLOUD_METADATA for candidate in candidates):
        return "a cloud metadata address"
    if allow_private:
        return None
    for candidate in candidates:
        for attribute, label in _CATEGORIES:
            if getattr(candidate, attribute):
                return f"{label} address"
        if not candidate.is_global:
            return "not a public address"  # e.g. 100.64.0.0/10, shared carrier-grade NAT space
    return None


def _embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    teredo_client = address.teredo[1] if address.teredo else None
    return [ip for ip in (address.ipv4_mapped, address.sixtofour, teredo_client) if ip is not None]


def check_url(url: str, allow_private: bool = False) -> list[IPAddress]:
    """Resolve the host of ``url`` and return its addresses if all of them may be fetched.

    Raises BlockedAddressError for a non-http(s) scheme or a refused address (every address the
    host resolves to must be allowed: one private answer among public ones is still refused),
    FetchError for a URL without a host or a host that does not resolve.
    """
    target = _parse_url(url)
    if target.scheme not in ALLOWED_SCHEMES:
        raise BlockedAddressError(
            url,
            f"scheme {target.scheme or 'none'!r} is not fetched; only http:// and https:// URLs "
            "are allowed",
        )
    host = target.raw_host.decode("ascii")
    addresses = _resolve(url, host, target.port or (443 if target.scheme == "https" else 80))
    for address in addresses:
        _refuse_if_blocked(url, host, address, allow_private)
    return addresses


def _refuse_if_blocked(url: str, host: str, address: IPAddress, allow_private: bool) -> None:
    reason = blocked_reason(address, allow_private)
    if reason is None:
        return
    subject = f"{address} is" if host == str(address) else f"host {host} is {address},"
    hint = "" if reason == "a cloud metadata address" else _ALLOW_PRIVATE_HINT
    raise BlockedAddressError(url, f"{subject} {reason}; only public addresses are fetched{hint}")


def _parse_url(url: str) -> httpx.URL:
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(url, f"is not a valid URL ({exc})") from exc
    if target.scheme in ALLOWED_SCHEMES and not target.raw_host:
        raise FetchError(url, "has no host; give a URL like https://example.com/article")
    return target


def _resolve(url: str, host: str, port: int) -> list[IPAddress]:
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(
            url, f"host {host} could not be resolved ({exc}); check the URL and the network"
        ) from exc
    addresses: list[IPAddress] = []
    for *_, sockaddr in answers:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])  # drop an IPv6 zone id
        if address not in addresses:
            addresses.append(address)
    return addresses


@dataclass
class Fetched:
    """A fetched response body and what the server said about it."""

    url: str  # the final URL, after redirects
    content_type: str  # the MIME type in lower case, without parameters; "" when not given
    charset: str | None  # the charset the server declared, if any
    body: bytes


@dataclass(frozen=True)
class _Limits:
    timeout: float
    max_bytes: int
    max_redirects: int
    allow_private: bool
    user_agent: str

    @classmethod
    def from_settings(cls, settings: Settings) -> _Limits:
        return cls(
            timeout=float(settings.get("fetch.timeout_seconds")),
            max_bytes=int(settings.get("fetch.max_bytes")),
            max_redirects=int(settings.get("fetch.max_redirects")),
            allow_private=bool(settings.get("fetch.allow_private")),
            user_agent=str(settings.get("fetch.user_agent")),
        )


def fetch(url: str, settings: Settings) -> Fetched:
    """GET ``url`` under the ``fetch.*`` limits, following redirects by hand (each hop checked).

    ``fetch.timeout_seconds`` bounds every network wait and also the whole fetch, so a server
    trickling bytes can't hold a worker forever.
    """
    limits = _Limits.from_settings(settings)
    deadline = time.monotonic() + limits.timeout
    headers = {"User-Agent": limits.user_agent, "Accept": _ACCEPT}
    # trust_env=False: a proxy from the environment would connect on our behalf, unchecked.
    # No keep-alive: connections are keyed by the pinned IP, and one opened (with its TLS name)
    # for one host must not carry a redirect to another host on the same IP.
    with httpx.Client(
        timeout=limits.timeout,
        follow_redirects=False,
        trust_env=False,
        headers=headers,
        limits=httpx.Limits(max_keepalive_connections=0),
    ) as client:
        current = url
        for _ in range(limits.max_redirects + 1):
            try:
                outcome = _get_once(client, current, limits, deadline)
            except InputError as exc:
                raise _from_hop(url, current, exc) from exc
            if isinstance(outcome, Fetched):
                return outcome
            current = outcome
    raise FetchError(
        url,
        f"redirects more than {limits.max_redirects} times (fetch.max_redirects); stopped at "
        f"{current}",
    )


def _from_hop(url: str, hop: str, error: InputError) -> InputError:
    """Name the URL the user gave, and the redirect hop that failed if it was another one."""
    if hop == url:
        return error
    return type(error)(url, f"redirect to {hop} failed: {error.problem}")


def _get_once(client: httpx.Client, url: str, limits: _Limits, deadline: float) -> Fetched | str:
    """Fetch one hop: a Fetched body, or the absolute URL a redirect points to."""
    addresses = check_url(url, limits.allow_private)
    target = httpx.URL(url)
    failure: httpx.ConnectError | None = None
    for address in addresses:
        try:
            return _request(client, url, target, address, limits, deadline)
        except httpx.ConnectError as exc:
            failure = exc  # try the host's next address, as a browser would
    raise FetchError(
        url,
        f"could not connect to {target.host}:{target.port or target.scheme} ({failure}); check "
        "the URL or try later",
    )


def _request(
    client: httpx.Client,
    url: str,
    target: httpx.URL,
    address: IPAddress,
    limits: _Limits,
    deadline: float,
) -> Fetched | str:
    pinned = target.copy_with(host=str(address))  # connect to the checked address itself
    host = target.raw_host.decode("ascii")
    try:
        with client.stream(
            "GET",
            pinned,
            headers={"Host": target.netloc.decode("ascii")},
            extensions={"sni_hostname": host},
        ) as response:
            return _read_response(url, target, response, limits, deadline)
    except httpx.TimeoutException as exc:
        raise FetchError(
            url,
            f"timed out after {limits.timeout:g} s (fetch.timeout_seconds); try later or raise it",
        ) from exc
    except httpx.ConnectError:
        raise
    except httpx.InvalidURL as exc:  # e.g. "Location: data:,x"; httpx parses it on receipt
        raise BlockedAddressError(
            url, f"redirect to a URL that can't be followed ({exc}); only http:// and https:// "
            "URLs are fetched",
        ) from exc
    except httpx.HTTPError as exc:
        raise FetchError(url, f"fetch failed ({type(exc).__name__}: {exc})") from exc


def _read_response(
    url: str, target: httpx.URL, response: httpx.Response, limits: _Limits, deadline: float
) -> Fetched | str:
    if response.is_redirect and "location" in response.headers:
        return str(target.join(response.headers["location"]))
    if response.status_code >= 300:
        reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
        raise FetchError(url, f"server answered {reason}; only successful (2xx) responses are read")
    _check_declared_size(url, response, limits.max_bytes)
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limits.max_bytes:
            raise _too_large(url, limits.max_bytes)
        if time.monotonic() > deadline:
            raise FetchError(
                url,
                f"timed out after {limits.timeout:g} s reading the body (fetch.timeout_seconds); "
                "try later or raise it",
            )
    content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return Fetched(
        url=url, content_type=content_type, charset=response.charset_encoding, body=bytes(body)
    )


def _check_declared_size(url: str, response: httpx.Response, max_bytes: int) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(url, max_bytes, int(declared))


def _too_large(url: str, max_bytes: int, size: int | None = None) -> InputTooLargeError:
    amount = f"is {size:,} bytes, over" if size is not None else "is over"
    return InputTooLargeError(
        url,
        f"{amount} the fetch limit of {max_bytes:,} bytes; raise fetch.max_bytes in the settings",
    )


def read_url(
    url: str, settings: Settings, encoding: str | None = None
) -> Iterator[RawArticle | Failure]:
    """Fetch ``url`` and yield what it holds: one article (HTML, text) or a feed's items."""
    fetched = fetch(url, settings)
    kind = _content_kind(fetched)
    if kind in ("feed", "xml"):
        try:
            yield from parse_feed(url, fetched.body, int(settings.get("ingest.max_feed_items")))
            return
        except MalformedInputError:
            if kind == "feed" or not _looks_like_html_bytes(fetched.body):
                raise
            kind = "html"  # XHTML served as application/xml
    if kind is None:
        raise MalformedInputError(
            url,
            f"content type {fetched.content_type!r} is not supported; allowed: HTML, RSS/Atom "
            "feeds and plain text",
        )
    yield _read_document(url, fetched, kind, int(settings.get("fetch.max_bytes")), encoding)


def _content_kind(fetched: Fetched) -> str | None:
    kind = fetched.content_type
    if kind in _HTML_TYPES:
        return "html"
    if kind in _FEED_TYPES:
        return "feed"
    if kind in _XML_TYPES:
        return "xml"
    if kind == "text/plain":
        return "text"
    if kind in _UNTYPED:
        return _sniff_kind(fetched.body)
    return None


def _sniff_kind(body: bytes) -> str:
    """Guess the reader for a body the server did not type, from how it starts."""
    if _looks_like_html_bytes(body):
        return "html"
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")):
        return "xml"
    return "text"


def _looks_like_html_bytes(body: bytes) -> bool:
    return looks_like_html(body[:4096].decode("utf-8", errors="replace").lstrip("\ufeff"))


def _read_document(
    url: str, fetched: Fetched, kind: str, max_bytes: int, encoding: str | None
) -> RawArticle:
    hint = fetched.charset or (declared_charset(fetched.body) if kind == "html" else None)
    decoded = decode_bytes(url, fetched.body, max_bytes, encoding, hint=hint)
    if kind == "html":
        article = parse_html(url, decoded.text, url=fetched.url)
    else:
        article = RawArticle(
            source=url,
            text=decoded.text,
            metadata={"url": fetched.url, "format": "txt"},
            kind="txt",
        )
    if decoded.encoding:
        article.metadata["encoding"] = decoded.encoding
    return article
