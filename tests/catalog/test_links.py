"""`offre liens` against a local HTTP server: every classification, positions, exit codes.

Every address of the dataset is rewritten to 127.0.0.1 before the check; nothing here
may contact another host.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.catalog.links import USER_AGENT, Result, check_all, collect
from generator.catalog.load import load_catalog
from tests.support.datasets import copy_fixture, run_cli

# Generous enough for a loaded CI machine; the slow path sleeps well past it.
TIMEOUT = 1.0
SLOW = TIMEOUT * 4


@dataclass
class LocalServer:
    base: str
    requests: list[tuple[str, str, str]] = field(default_factory=list)


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "essai"
    record: list[tuple[str, str, str]]

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        self.record.append((self.command, self.path, self.headers.get("User-Agent", "")))
        path = self.path
        if path.startswith("/lent"):
            time.sleep(SLOW)
        if path.startswith("/redirige"):
            self._send(301, location="/cible" + path.removeprefix("/redirige"))
        elif path.startswith("/absent"):
            self._send(404)
        elif path.startswith("/disparu"):
            self._send(410)
        elif path.startswith("/sans-head") and self.command == "HEAD":
            self._send(405)
        elif path.startswith("/panne"):
            self._send(500)
        else:
            self._send(200)

    def _send(self, code: int, location: str | None = None) -> None:
        body = b"ok\n"
        try:
            self.send_response(code)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)
        except OSError:
            pass  # the checker gave up waiting (timeout case)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    # The default backlog (5) drops connections when the checker opens many at once,
    # and a dropped SYN is retried after a second: a false "timeout".
    request_queue_size = 64


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment would route 127.0.0.1 elsewhere."""
    for name in (
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def server() -> Iterator[LocalServer]:
    record: list[tuple[str, str, str]] = []
    handler = type("Handler", (_Handler,), {"record": record})
    httpd = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield LocalServer(f"http://127.0.0.1:{httpd.server_address[1]}", record)
    finally:
        httpd.shutdown()
        httpd.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _point_to(data: Path, base: str, replacements: dict[str, str]) -> None:
    """Apply `replacements`, then send every example.org address to the local server."""
    for path in data.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for old, new in replacements.items():
            text = text.replace(old, new)
        path.write_text(text.replace("https://example.org", base), encoding="utf-8")


def _assert_only_localhost(data: Path) -> None:
    catalog, report = load_catalog(data, positions=True)
    assert catalog is not None, report.render()
    occurrences = collect(catalog)
    assert occurrences
    assert {urlsplit(o.url).hostname for o in occurrences} == {"127.0.0.1"}


BROKEN_CASES = {
    # Scheme link: 404.
    "https://example.org/aide-mobilite\n": "https://example.org/absent/aide-mobilite\n",
    # How-to-mobilise link: moved permanently.
    "https://example.org/inscription": "https://example.org/redirige/inscription",
    # Source on a server that refuses HEAD but answers GET.
    "https://example.org/source-permis": "https://example.org/sans-head/source-permis",
    # Source too slow to answer.
    "https://example.org/source-apprentissage": "https://example.org/lent/apprentissage",
    # Provider site: server error.
    "https://example.org/region\n": "https://example.org/panne/region\n",
    # Contact site: gone.
    "https://example.org/contact-regional": "https://example.org/disparu/contact",
}


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle} absent de {path}")


def test_every_classification_and_where_it_sits(server: LocalServer, tmp_path: Path) -> None:
    data = copy_fixture(tmp_path / "donnees")
    unreachable = f"http://127.0.0.1:{_closed_port()}/contact"
    _point_to(
        data, server.base, {**BROKEN_CASES, "https://example.org/contact\n": unreachable + "\n"}
    )
    _assert_only_localhost(data)
    report = tmp_path / "liens.json"

    code, output = run_cli(
        "liens",
        "--data",
        str(data),
        "--delai",
        str(TIMEOUT),
        "--concurrence",
        "4",
        "--json",
        str(report),
    )

    assert code == 1
    results = {entry["url"]: entry for entry in json.loads(report.read_text("utf-8"))["adresses"]}
    base = server.base
    assert results[f"{base}/absent/aide-mobilite"]["etat"] == "introuvable"
    assert results[f"{base}/absent/aide-mobilite"]["code"] == 404
    assert results[f"{base}/disparu/contact"]["etat"] == "introuvable"
    redirected = results[f"{base}/redirige/inscription"]
    assert redirected["etat"] == "redirection"
    assert redirected["adresse_finale"] == f"{base}/cible/inscription"
    assert redirected["redirections"] == [{"code": 301, "url": f"{base}/cible/inscription"}]
    head_refused = results[f"{base}/sans-head/source-permis"]
    assert head_refused["etat"] == "ok"
    assert head_refused["methode"] == "GET"
    assert results[f"{base}/lent/apprentissage"]["etat"] == "delai_depasse"
    assert results[f"{base}/panne/region"]["etat"] == "erreur"
    assert results[f"{base}/panne/region"]["code"] == 500
    assert results[unreachable]["etat"] == "injoignable"
    assert results[f"{base}/source-mobilite"]["etat"] == "ok"

    # HEAD first, then GET only where HEAD was refused; the project names itself.
    methods = {(m, p) for m, p, _ in server.requests}
    assert ("HEAD", "/sans-head/source-permis") in methods
    assert ("GET", "/sans-head/source-permis") in methods
    assert ("GET", "/source-mobilite") not in methods
    assert {agent for _, _, agent in server.requests} == {USER_AGENT}

    # Positions point at the line of the address in its file.
    scheme_file = data / "dispositifs/france-travail-essai/aide-mobilite-essai.yaml"
    line = _line_of(scheme_file, "/absent/aide-mobilite")
    occurrence = results[f"{base}/absent/aide-mobilite"]["occurrences"][0]
    assert occurrence["fichier"] == "dispositifs/france-travail-essai/aide-mobilite-essai.yaml"
    assert (occurrence["ligne"], occurrence["cle"]) == (line, "liens[0].url")
    assert occurrence["porteur"] == "france-travail-essai"

    # The text report: grouped per provider, file:line, then a summary.
    assert f"dispositifs/france-travail-essai/aide-mobilite-essai.yaml:{line}:" in output
    groups = output.split("\n\n")
    france_travail = next(g for g in groups if g.startswith("France Travail (essai)"))
    assert "introuvable (404)" in france_travail
    assert f"redirection (301) → {base}/cible/inscription" not in france_travail
    region = next(g for g in groups if g.startswith("Région (essai)"))
    assert f"redirection (301) → {base}/cible/inscription" in region
    assert "erreur (500)" in region
    assert "délai dépassé" in region
    territories = next(g for g in groups if g.startswith("Territoires"))
    assert "injoignable" in territories
    assert "territoires/sarthe.yaml:" in territories
    summary = groups[-1]
    assert summary.startswith("Résumé : ")
    assert "1 redirection" in summary
    assert "2 introuvable" in summary
    assert "1 délai dépassé" in summary
    assert "1 injoignable" in summary
    assert "5 liens cassés" in summary


def test_only_ok_and_redirections_exit_0(server: LocalServer, tmp_path: Path) -> None:
    data = copy_fixture(tmp_path / "donnees")
    _point_to(
        data, server.base, {"https://example.org/inscription": "https://example.org/redirige/x"}
    )
    _assert_only_localhost(data)
    code, output = run_cli("liens", "--data", str(data), "--delai", str(TIMEOUT))
    assert code == 0, output
    assert "1 redirection" in output
    assert "Aucun lien cassé" in output


def test_invalid_data_is_reported_not_checked(tmp_path: Path) -> None:
    data = copy_fixture(tmp_path / "donnees")
    (data / "dispositifs/region-essai/casse.yaml").write_text("id: [\n", encoding="utf-8")
    code, output = run_cli("liens", "--data", str(data))
    assert code == 1
    assert "casse.yaml:" in output
    assert "Vérification de" not in output


def test_the_pool_is_bounded() -> None:
    lock = threading.Lock()
    running = 0
    peak = 0

    def fake(url: str) -> Result:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.02)
        with lock:
            running -= 1
        return Result(url, "ok", 200)

    urls = [f"http://127.0.0.1/{n}" for n in range(40)] * 2
    results = check_all(urls, workers=3, checker=fake)
    assert len(results) == 40  # each distinct address once
    assert peak <= 3


def test_bad_options_are_user_errors_in_french(dataset: Path) -> None:
    code, output = run_cli("liens", "--data", str(dataset), "--concurrence", "0")
    assert code == 1
    assert "--concurrence 0 : choisissez un nombre entre 1 et 64." in output
    code, output = run_cli("liens", "--data", str(dataset), "--delai", "0")
    assert code == 1
    assert "choisissez au moins 0,1 seconde" in output
