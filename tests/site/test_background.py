"""Producers in a forked process (site/background.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.site.background import Background, ProductionError, run_producers
from generator.site.writer import Produced


def _one(sources: str) -> Produced:
    return {f"{sources}/un.txt": "1"}


def _two(sources: str) -> Produced:
    return {f"{sources}/deux.txt": b"2"}


def _broken(sources: str) -> Produced:
    raise RuntimeError("export impossible (simulé)")


def test_producers_run_in_order_and_may_not_share_a_path() -> None:
    assert list(run_producers([_two, _one], "x")) == ["x/deux.txt", "x/un.txt"]
    with pytest.raises(ProductionError, match=re.escape("« x/un.txt »")):
        run_producers([_one, _one], "x")


def test_the_child_writes_the_files_and_reports_their_paths(tmp_path: Path) -> None:
    background = Background.start([_one, _two], "sortie", tmp_path)
    assert sorted(background.finish()) == ["sortie/deux.txt", "sortie/un.txt"]
    assert (tmp_path / "sortie" / "un.txt").read_text(encoding="utf-8") == "1"


def test_a_failing_producer_is_reported_with_its_traceback(tmp_path: Path) -> None:
    background = Background.start([_broken, _one], "sortie", tmp_path)
    with pytest.raises(ProductionError, match=r"(?s)Production des fichiers échouée.*simulé"):
        background.finish()
    # Nothing after the failure: the build then drops its whole staging folder.
    assert not (tmp_path / "sortie").exists()


def test_each_production_is_written_before_the_next_is_made(tmp_path: Path) -> None:
    def _checks_one_is_written(sources: str) -> Produced:
        assert (tmp_path / sources / "un.txt").is_file()
        return {f"{sources}/vu.txt": "oui"}

    background = Background.start([_one, _checks_one_is_written], "sortie", tmp_path)
    assert sorted(background.finish()) == ["sortie/un.txt", "sortie/vu.txt"]


def test_two_productions_in_the_child_may_not_share_a_path(tmp_path: Path) -> None:
    background = Background.start([_one, _one], "sortie", tmp_path)
    with pytest.raises(ProductionError, match=re.escape("« sortie/un.txt »")):
        background.finish()


def _many(sources: str) -> Produced:
    # Enough paths that the child's report is larger than a pipe holds (64 KiB).
    return {f"{sources}/fichier-{n:05d}.txt": "" for n in range(5000)}


def test_the_child_exits_once_done_without_waiting_for_the_build(tmp_path: Path) -> None:
    # The build calls finish only after the last page: a child kept alive until then
    # would hold its memory for the whole page rendering.
    background = Background.start([_many], "sortie", tmp_path)
    process = background._process
    process.join(timeout=30)
    try:
        assert process.exitcode == 0, "the child is still waiting for its report to be read"
    finally:
        assert len(background.finish()) == 5000


def _named(sources: str) -> tuple[Produced, dict[str, str]]:
    return {f"{sources}/index.abc.json": "{}"}, {"index": f"{sources}/index.abc.json"}


def test_a_named_production_is_known_before_the_others_end(tmp_path: Path) -> None:
    background = Background.start([_slow], "sortie", tmp_path, [_named])
    try:
        assert background.name("index") == "sortie/index.abc.json"  # while _slow sleeps
        assert (tmp_path / "sortie" / "index.abc.json").read_text(encoding="utf-8") == "{}"
    finally:
        background.cancel()


def test_a_name_never_made_is_an_error_once_the_child_is_done(tmp_path: Path) -> None:
    background = Background.start([_one], "sortie", tmp_path, [_named])
    with pytest.raises(ProductionError, match="« autre »"):
        background.name("autre")
    assert sorted(background.finish()) == ["sortie/index.abc.json", "sortie/un.txt"]


def _slow(sources: str) -> Produced:
    import time

    time.sleep(60)
    return {f"{sources}/lent.txt": "jamais"}


def test_cancel_stops_the_child(tmp_path: Path) -> None:
    background = Background.start([_slow], "sortie", tmp_path)
    child = background._process
    assert child is not None
    assert child.is_alive()
    background.cancel()
    assert not child.is_alive()
    assert child.exitcode is not None
    assert child.exitcode < 0  # ended by a signal, not by finishing its work
    assert not (tmp_path / "sortie").exists()
    background.cancel()  # twice is harmless
    assert background.finish() == []  # nothing reported by a cancelled child


def _noting(sources: str) -> Produced:
    import logging

    logging.getLogger("mkdocs.plugins.offre.essai").info("note de la production %s", sources)
    return {}


def test_what_the_child_logs_reaches_the_build_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.offre"):
        Background.start([_noting], "sortie", tmp_path).finish()
    notes = [r for r in caplog.records if r.name == "mkdocs.plugins.offre.essai"]
    assert [r.getMessage() for r in notes] == ["note de la production sortie"]


def test_first_producers_run_before_the_named_ones(tmp_path: Path) -> None:
    def _named_after_one(sources: str) -> tuple[Produced, dict[str, str]]:
        assert (tmp_path / sources / "un.txt").is_file()
        return _named(sources)

    background = Background.start([_two], "sortie", tmp_path, [_named_after_one], first=[_one])
    assert background.name("index") == "sortie/index.abc.json"
    assert sorted(background.finish()) == [
        "sortie/deux.txt",
        "sortie/index.abc.json",
        "sortie/un.txt",
    ]
