"""The deploy recipes of scripts/deploy/ agree with the site and with each other: the
same policies (site/csp.py), cache rules that match exactly the content-hashed files of a
real build, and publishing jobs that build with the public address. nginx's recipe is
also served for real (tests/browser/test_deploy_nginx.py)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.site.csp import EMBED_PAGE_PATTERN, header_policy
from tests.support.datasets import BuiltSite
from tests.support.paths import REPO

DEPLOY = REPO / "scripts" / "deploy"
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
HEADER_FILES = [
    (DEPLOY / "nginx" / "offre-http.conf", DEPLOY / "nginx" / "offre-entetes.conf"),
    (DEPLOY / "cloudflare-pages" / "_headers",),
    (DEPLOY / "apache" / ".htaccess",),
]
# A name with a hash of 8 (Material) or 12 (ours, urls.hashed_name) hex digits.
HASHED = re.compile(r"\.[0-9a-f]{8,12}(\.min)?\.(js|css|json)(\.map)?$")


def _site_paths(site: Path) -> list[str]:
    return sorted("/" + str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())


def test_every_host_file_sends_the_same_headers() -> None:
    for paths in HEADER_FILES:
        text = "".join(path.read_text(encoding="utf-8") for path in paths)
        for expected in (
            header_policy(frameable=False),
            header_policy(frameable=True),
            IMMUTABLE,
            SHORT,
            "nosniff",
            "strict-origin-when-cross-origin",
        ):
            assert expected in text, f"{paths[0].name} : {expected}"


def test_the_cache_rule_matches_exactly_the_hashed_files(built_site: BuiltSite) -> None:
    nginx = (DEPLOY / "nginx" / "offre-http.conf").read_text(encoding="utf-8")
    rule = re.search(r'"~(\\\.\[0-9a-f\][^"]+)" "public, max-age=31536000', nginx)
    assert rule is not None
    assert rule.group(1) == HASHED.pattern
    paths = _site_paths(built_site.site)
    hashed = [p for p in paths if HASHED.search(p)]
    assert len(hashed) >= 20
    assert not [p for p in hashed if p.endswith((".html", ".xml", ".csv"))]
    # Every file named by urls.hashed_name (12 hex digits) is caught.
    ours = [p for p in paths if re.search(r"\.[0-9a-f]{12}\.[a-z]+$", p)]
    assert ours and set(ours) <= set(hashed)


def test_cloudflare_immutable_folders_hold_only_hashed_files(built_site: BuiltSite) -> None:
    text = (DEPLOY / "cloudflare-pages" / "_headers").read_text(encoding="utf-8")
    blocks = re.findall(r"^(/[^\n]+)\n((?:  [^\n]*\n)+)", text, re.M)
    folders = [p.removesuffix("*") for p, body in blocks if IMMUTABLE in body]
    assert len(folders) >= 4
    paths = _site_paths(built_site.site)
    for folder in folders:
        inside = [p for p in paths if p.startswith(folder)]
        assert inside, folder
        assert [p for p in inside if not HASHED.search(p)] == [], folder


def test_only_embed_pages_match_the_frameable_rule(built_site: BuiltSite) -> None:
    nginx = (DEPLOY / "nginx" / "offre-http.conf").read_text(encoding="utf-8")
    assert f'"~{EMBED_PAGE_PATTERN}" "{header_policy(frameable=True)}"' in nginx
    paths = _site_paths(built_site.site)
    frameable = [p for p in paths if re.search(EMBED_PAGE_PATTERN, p)]
    embeds = [p for p in paths if re.fullmatch(r"/integrer/[^/]+/index\.html", p)]
    assert embeds and frameable == embeds
    assert "/integrer/index.html" not in frameable


def test_publishing_jobs_build_with_the_public_address() -> None:
    gitlab = yaml.safe_load((DEPLOY / "gitlab-ci.yml").read_text(encoding="utf-8"))
    script = "\n".join(gitlab["pages"]["script"])
    assert "scripts/build --sortie public" in script and "OFFRE_URL_SITE" in script
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    github = yaml.safe_load((DEPLOY / "github" / "publier.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["construire"]["steps"]
    build = next(step for step in steps if step.get("name") == "Construire")
    assert "scripts/build --sortie public" in build["run"]
    assert build["env"]["OFFRE_URL_SITE"] == "${{ vars.OFFRE_URL_SITE }}"
    assert any(step.get("with", {}).get("path") == "public" for step in steps)
