"""The security suites reuse fixtures of other folders: package-default ``settings`` and
``only_failure`` from the ingest tests, ``backend``/``new_target`` (a fresh store per backend)
from the reliability tests."""

from __future__ import annotations

from tests.ingest.conftest import only_failure, settings  # noqa: F401
from tests.reliability.conftest import backend, new_target  # noqa: F401
