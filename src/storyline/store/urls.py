"""Store URLs as they may be shown: without the password.

A PostgreSQL URL can carry its password (``postgresql://user:secret@host/db`` or
``?password=secret``); every message, log line and ``Store.target`` shows it redacted.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

MASK = "***"
_PASSWORD_PARAM = re.compile(r"(?i)(^|&)(password=)[^&]*")


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ***; anything that is not a URL is returned as is."""
    if "://" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.split("://", 1)[0] + "://" + MASK  # unparsable: show nothing of it
    netloc = parts.netloc
    if "@" in netloc:
        credentials, host = netloc.rsplit("@", 1)
        if ":" in credentials:
            credentials = credentials.split(":", 1)[0] + ":" + MASK
        netloc = f"{credentials}@{host}"
    query = _PASSWORD_PARAM.sub(lambda m: m[1] + m[2] + MASK, parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def password_of(url: str) -> str | None:
    """The password a URL carries (to scrub it from driver messages), or None."""
    try:
        parts = urlsplit(url)
        found = re.search(r"(?i)(?:^|&)password=([^&]*)", parts.query)
        return parts.password or (found[1] if found else None)
    except ValueError:
        return None
