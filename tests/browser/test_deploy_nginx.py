"""The nginx recipe of scripts/deploy/nginx/, served for real by Debian's nginx.

One nginx on 127.0.0.1 (temporary prefix, the shipped files with only the listen
address, the folders and the include paths replaced) serves the shipped data twice: at
the root of one port (built with precompressed .gz files) and under /offre/ on another
(built without). Its workers run as `nobody`, so the site is served only if the build
made it readable by others (0644/0755), here under a umask of 077. Checked: headers
(cache, CSP, nosniff, referrer), the 404 page, the sub-path, compression, and in
Chromium that a partner can frame an embed page but not a scheme page.

Needs /usr/sbin/nginx (Debian's `nginx` package): skipped without it, except when
OFFRE_EXIGER_NGINX=1 or OFFRE_EXIGER_NAVIGATEUR=1 (set by .ci/run), where it fails.
"""

from __future__ import annotations

import gzip
import http.client
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.site.csp import header_policy
from tests.support.environment import REQUIRE_BROWSER
from tests.support.paths import REPO

NGINX = Path("/usr/sbin/nginx")
REQUIRE_NGINX = REQUIRE_BROWSER or os.environ.get("OFFRE_EXIGER_NGINX") == "1"
DEPLOY = REPO / "scripts" / "deploy" / "nginx"
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
AS_ROOT = os.geteuid() == 0


@dataclass
class Hosted:
    base: Path
    root_port: int
    sub_port: int
    root_site: Path
    sub_site: Path
    master: int

    def get(self, path: str, *, sub: bool = False, headers: dict[str, str] | None = None) -> Any:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.sub_port if sub else self.root_port, timeout=10
        )
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.body = response.read()
        connection.close()
        return response


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"« {old} » attendu une fois dans la recette"
    return text.replace(old, new)


def _build(out: Path, url: str, *, precompress: bool) -> None:
    env = {**os.environ, "OFFRE_URL_SITE": url, "NO_MKDOCS_2_WARNING": "1"}
    env["SOURCE_DATE_EPOCH"] = "1767225600"
    if precompress:
        env["OFFRE_PRECOMPRESSER"] = "1"
    else:
        env.pop("OFFRE_PRECOMPRESSER", None)
    code = (
        "import os, sys; os.umask(0o077); from generator.cli import main; "
        "sys.argv = ['offre', 'build', '--out', sys.argv[1]]; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nginx n'écoute pas sur {port}")


@pytest.fixture(scope="module")
def hosted() -> Iterator[Hosted]:
    if not NGINX.exists():
        if REQUIRE_NGINX:
            pytest.fail(
                "/usr/sbin/nginx manque alors que le test est exigé (CI) : apt-get install nginx"
            )
        pytest.skip("nginx de Debian absent (/usr/sbin/nginx) : apt-get install nginx")
    # A folder another user can traverse, as /srv is; what is below it is the build's.
    base = Path(tempfile.mkdtemp(prefix="offre-nginx-"))
    base.chmod(0o755)
    for folder in ("racine", "www"):
        (base / folder).mkdir(mode=0o755)
        (base / folder).chmod(0o755)
    root_port, sub_port = _free_port(), _free_port()
    root_site, sub_site = base / "racine" / "site", base / "www" / "offre"
    _build(root_site, f"http://127.0.0.1:{root_port}/", precompress=True)
    _build(sub_site, f"http://127.0.0.1:{sub_port}/offre/", precompress=False)

    headers_include = "/etc/nginx/snippets/offre-entetes.conf"
    site = (DEPLOY / "offre-site.conf").read_text(encoding="utf-8")
    site = _replace(site, "listen 80;", f"listen 127.0.0.1:{root_port};")
    site = _replace(site, "root /srv/offre/site;", f"root {root_site};")
    site = _replace(site, headers_include, str(DEPLOY / "offre-entetes.conf"))
    sub = (DEPLOY / "offre-sous-chemin.conf").read_text(encoding="utf-8")
    sub = _replace(sub, "listen 80;", f"listen 127.0.0.1:{sub_port};")
    sub = _replace(sub, "root /srv/www;", f"root {base / 'www'};")
    sub = _replace(sub, headers_include, str(DEPLOY / "offre-entetes.conf"))
    (base / "offre-site.conf").write_text(site, encoding="utf-8")
    (base / "offre-sous-chemin.conf").write_text(sub, encoding="utf-8")
    temp = base / "temp"
    (base / "nginx.conf").write_text(
        ("user nobody nogroup;\n" if AS_ROOT else "")
        + f"worker_processes 1;\npid {base / 'nginx.pid'};\nerror_log {base / 'error.log'};\n"
        "events {}\nhttp {\n    include /etc/nginx/mime.types;\n"
        "    default_type application/octet-stream;\n    access_log off;\n"
        + "".join(
            f"    {kind}_temp_path {temp / kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + f"    include {DEPLOY / 'offre-http.conf'};\n"
        f"    include {base / 'offre-site.conf'};\n"
        f"    include {base / 'offre-sous-chemin.conf'};\n}}\n",
        encoding="utf-8",
    )
    temp.mkdir()
    command = [str(NGINX), "-p", str(base), "-c", str(base / "nginx.conf")]
    command += ["-e", str(base / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    subprocess.run(command, check=True)
    master = 0
    try:
        _wait_for(root_port)
        _wait_for(sub_port)
        master = int((base / "nginx.pid").read_text().strip())
        yield Hosted(base, root_port, sub_port, root_site, sub_site, master)
    finally:
        if master:
            os.kill(master, signal.SIGTERM)
            for _ in range(100):
                if not Path(f"/proc/{master}").exists():
                    break
                time.sleep(0.05)
        shutil.rmtree(base, ignore_errors=True)


def _workers(master: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master:
                found.append(int(entry.name))
    return found


def _uid(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Uid:"):
            return int(line.split()[1])
    raise AssertionError(pid)


def test_workers_running_as_another_user_serve_the_whole_site(hosted: Hosted) -> None:
    if not AS_ROOT:
        pytest.skip("nginx ne change d'utilisateur que lancé par root (c'est le cas en CI)")
    nobody = pwd.getpwnam("nobody").pw_uid
    deadline = time.monotonic() + 10
    # The master listens before it forks its workers, and a worker changes user just
    # after the fork: wait for that, within a bound.
    while time.monotonic() < deadline:
        workers = _workers(hosted.master)
        uids = {_uid(pid) for pid in workers}
        if uids == {nobody}:
            break
        time.sleep(0.05)
    assert workers
    assert uids == {nobody}
    pages = sorted(hosted.root_site.rglob("index.html"))
    assert len(pages) > 100
    for page in pages[:: max(1, len(pages) // 40)]:
        path = "/" + str(page.parent.relative_to(hosted.root_site)).removeprefix(".") + "/"
        response = hosted.get(path.replace("//", "/"))
        assert response.status == 200, path
        assert response.body == page.read_bytes()


def test_pages_carry_the_security_and_cache_headers(hosted: Hosted) -> None:
    response = hosted.get("/dispositifs/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Content-Security-Policy") == header_policy(frameable=False)
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert response.getheader("Cache-Control") == SHORT


def test_only_embed_pages_may_be_framed(hosted: Hosted) -> None:
    embeds = sorted(p.name for p in (hosted.root_site / "integrer").iterdir() if p.is_dir())
    assert len(embeds) >= 10
    for path in (f"/integrer/{embeds[0]}/", f"/integrer/{embeds[-1]}/index.html"):
        response = hosted.get(path)
        assert response.status == 200
        assert response.getheader("Content-Security-Policy") == header_policy(frameable=True)
    for path in ("/integrer/", "/", "/territoires/", f"/integrer/{embeds[0]}/autre/"):
        response = hosted.get(path)
        assert response.getheader("Content-Security-Policy") == header_policy(frameable=False)


def test_hashed_files_are_cached_for_ever_and_the_rest_briefly(hosted: Hosted) -> None:
    home = (hosted.root_site / "index.html").read_text(encoding="utf-8")
    stylesheets = re.findall(r'href="(assets/stylesheets/main\.[0-9a-f]+\.min\.css)"', home)
    scripts = re.findall(r'src="(recherche/[a-z-]+\.[0-9a-f]{12}\.js)"', home)
    assert stylesheets and scripts
    index = next((hosted.root_site / "recherche").glob("index.*.json"))
    for path in (stylesheets[0], scripts[0], f"recherche/{index.name}"):
        response = hosted.get("/" + path)
        assert response.status == 200, path
        assert response.getheader("Cache-Control") == IMMUTABLE, path
    for path in ("/assets/offre/offre.css", "/flux/dispositifs.xml", "/donnees/offre.json"):
        response = hosted.get(path)
        assert response.status == 200, path
        assert response.getheader("Cache-Control") == SHORT, path
    feed = hosted.get("/flux/dispositifs.xml")
    assert feed.getheader("Content-Type") == "text/xml; charset=utf-8"
    stylesheet = hosted.get("/flux/flux.xsl")  # a feed opened in a browser reads as a page
    assert stylesheet.status == 200
    assert stylesheet.getheader("Content-Type") == "text/xsl; charset=utf-8"
    table = hosted.get("/donnees/offre.csv")
    assert table.getheader("Content-Type") == "text/csv; charset=utf-8"
    assert table.getheader("X-Content-Type-Options") == "nosniff"


def test_the_404_page_is_served_with_its_headers(hosted: Hosted) -> None:
    response = hosted.get("/nexiste/pas/")
    assert response.status == 404
    assert "Page introuvable" in response.body.decode("utf-8")
    assert response.getheader("Content-Security-Policy") == header_policy(frameable=False)
    assert response.getheader("Cache-Control") == SHORT
    sub = hosted.get("/offre/nexiste/pas/", sub=True)
    assert sub.status == 404
    text = sub.body.decode("utf-8")
    assert "Page introuvable" in text
    # Built for /offre/, its links and styles point under it, and they load.
    stylesheet = re.search(r'href="(/offre/assets/stylesheets/main\.[0-9a-f]+\.min\.css)"', text)
    assert stylesheet is not None
    assert hosted.get(stylesheet.group(1), sub=True).status == 200


def test_the_site_works_under_a_sub_path(hosted: Hosted) -> None:
    home = hosted.get("/offre/", sub=True)
    assert home.status == 200
    assert home.body == (hosted.sub_site / "index.html").read_bytes()
    links = set(re.findall(r'href="([a-z][a-z0-9-]*/)"', home.body.decode("utf-8")))
    assert len(links) >= 5
    for link in sorted(links):
        assert hosted.get(f"/offre/{link}", sub=True).status == 200, link
    redirect = hosted.get("/offre/territoires", sub=True)
    assert redirect.status == 301
    assert redirect.getheader("Location") == "/offre/territoires/"
    assert hosted.get("/", sub=True).status != 200  # the rest of that host is not ours


def test_compression_precompressed_or_on_the_fly(hosted: Hosted) -> None:
    index = next((hosted.root_site / "recherche").glob("index.*.json"))
    path = f"/recherche/{index.name}"
    plain = hosted.get(path)
    assert plain.getheader("Content-Encoding") is None
    assert plain.body == index.read_bytes()
    packed = hosted.get(path, headers={"Accept-Encoding": "gzip"})
    assert packed.getheader("Content-Encoding") == "gzip"
    assert packed.getheader("Vary") == "Accept-Encoding"
    # The root site was built with OFFRE_PRECOMPRESSER=1: nginx sends the .gz file as is.
    assert packed.body == index.with_name(index.name + ".gz").read_bytes()
    assert gzip.decompress(packed.body) == index.read_bytes()
    # The sub-path site was built without: no .gz but MkDocs' sitemap, gzip on the fly.
    assert [p.name for p in hosted.sub_site.rglob("*.gz")] == ["sitemap.xml.gz"]
    sub_index = next((hosted.sub_site / "recherche").glob("index.*.json"))
    on_the_fly = hosted.get(
        f"/offre/recherche/{sub_index.name}", sub=True, headers={"Accept-Encoding": "gzip"}
    )
    assert on_the_fly.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(on_the_fly.body) == sub_index.read_bytes()
    assert len(on_the_fly.body) < len(sub_index.read_bytes()) / 2


def test_a_partner_can_frame_an_embed_page_but_not_a_scheme_page(
    hosted: Hosted, browser: Any
) -> None:
    origin = f"http://127.0.0.1:{hosted.root_port}"
    embed = sorted(p.name for p in (hosted.root_site / "integrer").iterdir() if p.is_dir())[0]
    scheme = sorted(p.name for p in (hosted.root_site / "dispositifs").iterdir() if p.is_dir())[0]
    partner = (
        "<!doctype html><html lang=fr><title>Partenaire</title>"
        f'<iframe id="embed" src="{origin}/integrer/{embed}/"></iframe>'
        f'<iframe id="scheme" src="{origin}/dispositifs/{scheme}/"></iframe>'
    )
    # Another origin (host name and port differ), local like the site: Chromium refuses
    # frames from a local address inside a page from a public one, whatever the CSP.
    partner_url = f"http://localhost:{hosted.sub_port}/offre/partenaire.html"
    (hosted.sub_site / "partenaire.html").write_text(partner, encoding="utf-8")
    page = browser.new_page()
    try:
        refused: list[str] = []
        page.on("console", lambda message: refused.append(message.text))
        page.goto(partner_url, wait_until="load")
        page.wait_for_timeout(500)
        urls = [frame.url for frame in page.frames]
        assert urls[0] == partner_url and len(urls) == 3
        embed_frames = [f for f in page.frames if f.url == f"{origin}/integrer/{embed}/"]
        assert len(embed_frames) == 1
        assert embed_frames[0].evaluate("document.title").startswith("Dispositifs")
        assert f"{origin}/dispositifs/{scheme}/" not in urls
        assert any("frame-ancestors 'none'" in text for text in refused), refused
    finally:
        page.close()
