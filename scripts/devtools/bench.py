"""What the search benchmarks share: a static server that compresses like a CDN,
Pagefind (installed from npm into a temporary folder, never into the repository),
Chromium's network and CPU throttling, and small statistics helpers."""

from __future__ import annotations

import functools
import gzip
import os
import shlex
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
PAGEFIND_VERSION = "1.6.0"
PAGEFIND_PREFIX = Path("/tmp/offre-pagefind")
PAGEFIND_FOLDER = "pagefind"
# Pagefind reads the page's content, not the theme around it (header, navigation,
# footer): Material puts the content in this element. It indexes the scheme pages, as
# ours does: the other pages list schemes (a territory's booklet holds hundreds of them,
# 1.5 MB of text at 1,000 schemes, and Pagefind then takes seconds for its excerpt).
PAGEFIND_ROOT = "article"
PAGEFIND_GLOB = "dispositifs/**/*.html"

# "Slow 4G" as Chromium's DevTools presets it, and a 4× slower CPU (an old laptop).
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
CPU_SLOWDOWN = 4
PROFILES = ("local", "slow4g")

COMPRESSED = (".html", ".js", ".json", ".css", ".svg", ".xml", ".txt")


class _Handler(SimpleHTTPRequestHandler):
    """Serves files gzip-compressed when the browser accepts it, as a CDN does (Pagefind's
    own files are already compressed and go out as they are)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            opened = super().send_head()
            if opened is not None and hasattr(opened, "fileno"):
                self.server.count(self.path, os.fstat(opened.fileno()).st_size)  # type: ignore[attr-defined]
            return opened
        body = _compressed(path, path.stat().st_mtime_ns)
        self.server.count(self.path, len(body))  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)


@functools.lru_cache(maxsize=65536)
def _compressed(path: Path, _mtime: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class _QuietServer(ThreadingHTTPServer):
    """Counts the body bytes it sends, per path (Pagefind fetches from a worker, which
    the page's DevTools session does not see: the server sees everything)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.sent: dict[str, int] = {}
        self.lock = threading.Lock()

    def count(self, path: str, size: int) -> None:
        with self.lock:
            self.sent[path] = self.sent.get(path, 0) + size

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the browser closed a connection early (a page closed mid-download)


class Server:
    """A static server on 127.0.0.1 (a free port) for one site folder."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_Handler, directory=str(root))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.root = root
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def reset(self) -> None:
        with self.httpd.lock:
            self.httpd.sent.clear()

    def sent(self, keep: Any = None) -> int:
        """Body bytes sent since the last reset (compressed as sent), for paths `keep`s."""
        with self.httpd.lock:
            return sum(n for p, n in self.httpd.sent.items() if keep is None or keep(p))

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# ---------------------------------------------------------------------------- Pagefind


def pagefind_binary(prefix: Path = PAGEFIND_PREFIX, version: str = PAGEFIND_VERSION) -> Path:
    """The Pagefind executable, installed from npm into `prefix` the first time (its
    platform binary comes as an optional dependency of the npm package)."""
    binary = prefix / "node_modules" / ".bin" / "pagefind"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("npm introuvable : installez Node.js et npm pour comparer à Pagefind.")
        print(f"Installing pagefind@{version} with npm into {prefix}", flush=True)
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(prefix),
                f"pagefind@{version}",
            ],
            check=True,
        )
    return binary


@dataclass
class PagefindIndex:
    seconds: float
    files: int
    bytes: int
    command: list[str]


def index_with_pagefind(binary: Path, site: Path) -> PagefindIndex:
    """Index a built site with Pagefind's defaults (French from <html lang="fr">)."""
    output = site / PAGEFIND_FOLDER
    if output.exists():
        shutil.rmtree(output)
    command = [
        str(binary), "--site", str(site), "--root-selector", PAGEFIND_ROOT, "--glob", PAGEFIND_GLOB,
    ]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    files = [p for p in output.rglob("*") if p.is_file()]
    return PagefindIndex(seconds, len(files), sum(p.stat().st_size for p in files), command)


# Runs in a page of the site: the Pagefind results (page URLs, best first) of each query.
PAGEFIND_QUERIES_JS = """
async ([url, queries, depth]) => {
  const pagefind = await import(url);
  await pagefind.init();
  const out = [];
  for (const q of queries) {
    const search = await pagefind.search(q);
    const data = await Promise.all(search.results.slice(0, depth).map(r => r.data()));
    out.push(data.map(d => d.url));
  }
  return out;
}
"""


# ---------------------------------------------------------------------------- Chromium


def throttle(page: Any, profile: str) -> Any:
    """Apply a network and CPU profile to a page through the DevTools protocol."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if profile == "slow4g":
        session.send("Network.emulateNetworkConditions", SLOW_4G)
        session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return session


def task_ms(session: Any) -> float:
    """Main-thread task time of the page so far (DevTools Performance.getMetrics)."""
    metrics = session.send("Performance.getMetrics")["metrics"]
    return float(next(m["value"] for m in metrics if m["name"] == "TaskDuration")) * 1000


# ---------------------------------------------------------------------------- statistics


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def summary(values: list[float]) -> str:
    if not values:
        return "–"
    return f"{median(values):.1f} / {percentile(values, 95):.1f}"


def kb(value: float) -> str:
    return f"{value / 1024:,.0f} KB" if value < 10 * 1024 * 1024 else f"{value / 1048576:,.1f} MB"


def print_header(name: str, code: Path | None = None) -> None:
    """A benchmark's first lines: what ran and when, how to run it again, which copy of
    the code built the sites (when given), and the machine."""
    print(f"# {name} — {datetime.now().isoformat(timespec='seconds')}")
    print(f"Reproduce: {shlex.join([sys.executable, *sys.argv])}  (cwd {Path.cwd()})")
    if code is not None:
        print(f"Builds run from: {code}")
    print(f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
