"""Builds into one output folder: serialised by a lock, each staged in its own folder,
the background producer dying with its build, the site never missing (site/lock.py,
site/writer.py, site/lifeline.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.site.lock import OutputLock
from generator.site.writer import leftovers, staging_dir, swap
from tests.support.datasets import BuiltSite, build_site, copy_fixture, run_cli
from tests.support.paths import REPO
from tests.support.sitecheck import tree_digest


def _build_process(data: Path, out: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    command = [sys.executable, "-m", "generator", "build", "--data", str(data), "--out", str(out)]
    return subprocess.Popen(
        [*command, "--config", str(REPO / "mkdocs.yml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=REPO,
        env=env,
    )


def test_two_builds_into_one_output_take_turns(tmp_path: Path, built_site: BuiltSite) -> None:
    data = copy_fixture(tmp_path / "donnees")
    site = tmp_path / "site"
    # The first build holds the output's lock (taken here, as a build takes it, so that
    # the test does not depend on how fast a build is); the second waits for it.
    first = OutputLock(site)
    first.acquire(timeout=5, on_wait=lambda _: None)
    watchdog = threading.Timer(120, first.release)  # never leave the second one hanging
    watchdog.start()
    second = _build_process(data, site)
    assert second.stdout is not None
    before_release = ""
    for line in second.stdout:
        before_release += line
        if "Une autre construction écrit déjà dans" in line:
            break
    first.release()
    watchdog.cancel()
    output = before_release + second.communicate(timeout=300)[0]
    assert second.returncode == 0, output
    assert "Une autre construction écrit déjà dans" in before_release, output
    assert tree_digest(site) == tree_digest(built_site.site)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.verrou", "donnees", "site"]


def _locked_project(tmp_path: Path) -> Path:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("data_dir: offer_data", "data_dir: offer_data\n      lock_timeout: 1")
    assert "lock_timeout: 1" in config
    project = tmp_path / "projet"
    (project / "docs").mkdir(parents=True)
    for page in (REPO / "docs").rglob("*"):
        if page.is_file():
            target = project / "docs" / page.relative_to(REPO / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.read_bytes())
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def test_a_build_waiting_too_long_stops_cleanly_and_touches_nothing(
    tmp_path: Path, built_site: BuiltSite
) -> None:
    project = _locked_project(tmp_path)
    data = copy_fixture(tmp_path / "donnees")
    site = tmp_path / "site"
    assert build_site(data, site)[0] == 0
    before = tree_digest(site)
    holder = OutputLock(site)
    holder.acquire(0, lambda _: None)
    try:
        config = str(project / "mkdocs.yml")
        code, output = run_cli("build", "--config", config, "--data", str(data), "--out", str(site))
    finally:
        holder.release()
    assert code == 1, output
    assert "Une autre construction écrit toujours dans" in output and "après 1 s" in output
    assert "Traceback" not in output
    assert tree_digest(site) == before
    assert leftovers(site) == []


def test_each_build_stages_in_its_own_folder_and_clears_dead_ones(tmp_path: Path) -> None:
    final = tmp_path / "site"
    dead = tmp_path / ".site.construction-tue"
    dead.mkdir()
    (dead / "moitié.html").write_text("x", encoding="utf-8")
    first = staging_dir(final)
    assert not dead.exists()
    assert first.name.startswith(".site.construction-") and first != staging_dir(final)


# A build whose background producer writes a heartbeat until the end of time.
_HEARTBEAT_BUILD = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from generator.site import lifeline
    from generator.site.background import Background

    if sys.argv[2] == "tube":  # as on a system without prctl
        lifeline._kernel_kills_orphan = lambda: False

    def heartbeat(folder):
        (folder / "pid").write_text(str(os.getpid()))
        while True:
            with open(folder / "battements", "a") as beats:
                beats.write(".")
            time.sleep(0.02)
        return {}

    Background.start([heartbeat], Path(sys.argv[1]), Path(sys.argv[1])).finish()
    """
)


def _dead(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")  # a zombie writes nothing


def _wait_for(condition: Callable[[], object], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("means", ["noyau", "tube"])
def test_the_background_producer_dies_with_a_killed_build(tmp_path: Path, means: str) -> None:
    script = tmp_path / "construction.py"
    script.write_text(_HEARTBEAT_BUILD, encoding="utf-8")
    build = subprocess.Popen([sys.executable, str(script), str(tmp_path), means], cwd=REPO)
    pid_file = tmp_path / "pid"
    assert _wait_for(lambda: pid_file.exists() and pid_file.read_text(), 60)
    child = int(pid_file.read_text())
    try:
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        assert _wait_for(lambda: _dead(child), 5), "le processus des productions survit"
        beats = (tmp_path / "battements").stat().st_size
        time.sleep(0.3)
        assert (tmp_path / "battements").stat().st_size == beats
    finally:
        if not _dead(child):
            os.kill(child, signal.SIGKILL)


# Spins on os.stat until told to stop; prints how many times index.html was missing.
_POLLER = textwrap.dedent(
    """
    import os, sys
    index, stop, ready = sys.argv[1:]
    open(ready, "w").close()
    missing = 0
    while not os.path.exists(stop):
        if not os.path.exists(index):
            missing += 1
    print(missing)
    """
)


class _Poller:
    def __init__(self, tmp_path: Path, index: Path) -> None:
        script = tmp_path / "guetteur.py"
        script.write_text(_POLLER, encoding="utf-8")
        self._stop = tmp_path / "stop"
        ready = tmp_path / "pret"
        self._process = subprocess.Popen(
            [sys.executable, str(script), str(index), str(self._stop), str(ready)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert _wait_for(ready.exists, 30)

    def misses(self) -> int:
        self._stop.touch()
        out, _ = self._process.communicate(timeout=30)
        return int(out)


def _site_with_index(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_the_swap_never_leaves_a_moment_without_index_html(tmp_path: Path) -> None:
    final = _site_with_index(tmp_path / "site", "0")
    poller = _Poller(tmp_path, final / "index.html")
    for turn in range(1, 400):
        swap(_site_with_index(staging_dir(final), str(turn)), final)
    assert poller.misses() == 0
    assert (final / "index.html").read_text(encoding="utf-8") == "399"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_the_two_renames_fallback_replaces_the_site_whole(tmp_path: Path) -> None:
    final = _site_with_index(tmp_path / "site", "ancien")
    (final / "ancienne-page.html").write_text("x", encoding="utf-8")
    swap(_site_with_index(staging_dir(final), "nouveau"), final, exchange=False)
    assert sorted(p.name for p in final.iterdir()) == ["index.html"]
    assert (final / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert leftovers(final) == []
    swap(_site_with_index(staging_dir(tmp_path / "neuf"), "1"), tmp_path / "neuf")
    assert (tmp_path / "neuf" / "index.html").read_text(encoding="utf-8") == "1"


def test_repeated_builds_never_leave_the_site_without_index_html(tmp_path: Path) -> None:
    data = copy_fixture(tmp_path / "donnees")
    site = tmp_path / "site"
    assert build_site(data, site)[0] == 0
    poller = _Poller(tmp_path, site / "index.html")
    for _ in range(3):
        code, output = build_site(data, site)
        assert code == 0, output
    assert poller.misses() == 0
