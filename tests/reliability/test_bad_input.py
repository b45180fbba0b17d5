"""Bad input: every kind in bad_inputs.CASES is ingested into a copy of a store that already
holds the demo corpus. Each gets one clear ``failed:`` line naming it (or is handled: stored,
or reported as a duplicate), the command exits cleanly with no traceback, and nothing stored
before is lost or changed. Unreadable files and folders run as a real process without the
right to read them (as root: without the capabilities that bypass file permissions).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import traceback
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.store import open_store
from tests.reliability.bad_inputs import CASES, GOOD, Case, write
from tests.reliability.conftest import isolated_env
from tests.reliability.facts import KINDS, fact_rows

MAX_TEXT = 10_000_000  # the default ingest.max_bytes: no stored text may be larger
STORYLINE = str(Path(sys.executable).with_name("storyline"))
# As root, drop the capabilities that let root read any file, so permissions apply.
NO_DAC = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
          "--bounding-set=-dac_override,-dac_read_search", "--"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def good_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[tuple]]]:
    """A store holding the demo corpus, and its facts."""
    db = tmp_path_factory.mktemp("good") / "good.db"
    demo = resources.files("storyline") / "demo"
    with resources.as_file(demo) as folder:
        result = CliRunner().invoke(main, ["ingest", str(folder / "articles"), "--manifest",
                                           str(folder / "manifest.jsonl"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with open_store(str(db)) as store:
        return db, fact_rows(store)


def copy_store(good: Path, folder: Path) -> Path:
    target = folder / "store.db"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{good}{suffix}").exists():
            shutil.copy(f"{good}{suffix}", f"{target}{suffix}")
    return target


def assert_nothing_lost(db: Path, before: dict[str, list[tuple]]) -> list[str]:
    """Every fact of the articles stored before is still there, unchanged; returns the ids of
    the articles this run added."""
    old_ids = {row[0] for row in before["articles"]}
    with open_store(str(db)) as store:
        assert store.integrity_check() == []
        after = fact_rows(store)
        new_ids = [i for i in store.article_ids() if i not in old_ids]
        for article_id in new_ids:
            text = store.article(article_id).text
            assert "\x00" not in text and len(text) <= MAX_TEXT
    for kind in KINDS:
        if kind == "entities":  # counts may grow with new articles; none may go
            assert {r[:2] for r in before[kind]} <= {r[:2] for r in after[kind]}
        else:
            assert [r for r in after[kind] if r[0] in old_ids] == before[kind], kind
    return new_ids


@pytest.mark.timeout(300)
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_gets_a_clear_line_and_loses_nothing(
    case: Case, good_store: tuple[Path, dict], tmp_path: Path
) -> None:
    good, before = good_store
    db = copy_store(good, tmp_path)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    args = case.build(inputs)
    if case.config:
        (tmp_path / "case.toml").write_text(case.config, encoding="utf-8")
        args += ["--config", str(tmp_path / "case.toml")]
    result = CliRunner().invoke(main, ["ingest", *args, "--db", str(db)], input=case.stdin)

    crash = None if isinstance(result.exception, SystemExit) else result.exception
    assert crash is None, "".join(traceback.format_exception(crash))
    assert "Traceback" not in result.output
    assert result.exit_code == case.exit_code, result.stderr[-3000:]
    lines = result.stderr.splitlines()
    if case.exit_code == 1:
        assert any(all(w in line for w in case.words) for line in lines
                   if line.startswith("failed: ")), result.stderr[-3000:]
    else:
        assert all(word in result.stderr for word in case.words), result.stderr[-3000:]
    new_ids = assert_nothing_lost(db, before)
    if case.stored is not None:
        assert len(new_ids) == case.stored, result.stderr[-3000:]
    if case.name == "billion laughs feed":  # the entities were not expanded
        with open_store(str(db)) as store:
            assert len(store.article(new_ids[0]).text) < 10_000


@pytest.mark.timeout(300)
def test_unreadable_file_and_folder_as_a_real_process(
    good_store: tuple[Path, dict], tmp_path: Path
) -> None:
    good, before = good_store
    db = copy_store(good, tmp_path)
    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    write(corpus / "locked", "inside.txt", GOOD)
    write(corpus, "secret.txt", GOOD.replace("Tuesday", "Friday"))
    write(corpus, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    (corpus / "secret.txt").chmod(0)
    (corpus / "locked").chmod(0)
    command = [STORYLINE, "ingest", str(corpus), "--db", str(db)]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root, and no setpriv to drop the right to read any file")
        command = NO_DAC + command
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=240,
                              env=isolated_env(tmp_path))
    finally:
        (corpus / "locked").chmod(0o755)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    failed = [line for line in done.stderr.splitlines() if line.startswith("failed: ")]
    assert failed == [
        f"failed: {corpus / 'photo.txt'}: is binary data (it contains NUL bytes), not text; "
        "pass a text, HTML, JSON, CSV or feed file",
        f"failed: {corpus / 'secret.txt'}: cannot be read (Permission denied); check the path "
        "and its permissions",
        f"failed: {corpus / 'locked'}: folder cannot be read (Permission denied); check its "
        "permissions",
    ]
    assert assert_nothing_lost(db, before) == []


def test_bad_input_count(record_property) -> None:
    kinds = len(CASES) + 2  # the table, an unreadable file and an unreadable folder
    assert kinds >= 30
    summary = f"bad input: {kinds} kinds tried, each refused with one line or handled; facts lost: 0"
    print(summary)
    record_property("summary", summary)
