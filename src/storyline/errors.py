"""The errors Storyline raises on purpose.

Every message says what was given and what is allowed, so the CLI can print it as one line
and the API can return it as JSON with a status::

    StorylineError                 base: catch this to catch everything below
    ├── InputError                 an input (file, record, URL, option) can't be used
    │   ├── EmptyInputError        the input has no text
    │   ├── BinaryInputError       the input is not text at all
    │   ├── EncodingError          text in an encoding we could not determine
    │   ├── InputTooLargeError     over the configured size cap
    │   ├── MalformedInputError    HTML/JSON/CSV/feed that can't be parsed, or no text found
    │   └── FetchError             a URL could not be fetched (unreachable, timeout, status)
    │       └── BlockedAddressError  the URL points at a private/loopback/non-HTTP target
    ├── ConfigError                a settings file or value is invalid
    ├── ModelError                 the NLP model can't be loaded
    ├── ClusterError               the Dask cluster can't be started or reached
    └── StoreError                 the store can't be opened, migrated, read or written
        └── NotFoundError          an id or name that the store does not hold
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base of every error Storyline raises on purpose."""

    exit_code = 1


class InputError(StorylineError):
    """An input (file, record, URL or option value) can't be used."""

    exit_code = 2

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryInputError(InputError):
    """The input is binary data, not text."""


class EncodingError(InputError):
    """The input is text in an encoding we could not determine."""


class InputTooLargeError(InputError):
    """The input is over the configured size cap."""


class MalformedInputError(InputError):
    """The input can't be parsed, or no article text was found in it."""


class FetchError(InputError):
    """A URL could not be fetched."""


class BlockedAddressError(FetchError):
    """A URL points at a private, loopback or non-HTTP target and was refused."""


class ConfigError(StorylineError):
    """A settings file or value is invalid."""


class ModelError(StorylineError):
    """The NLP model can't be loaded."""


class ClusterError(StorylineError):
    """The Dask cluster for a distributed run can't be started or reached."""


class StoreError(StorylineError):
    """The store can't be opened, migrated, read or written."""


class NotFoundError(StoreError):
    """The store holds no item with the given id or name."""
