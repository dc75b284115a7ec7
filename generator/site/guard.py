"""Which output folders a build may replace: checked before anything is touched.

A build replaces its output folder whole, so an output that is the data, the pages
written by hand, the project itself or a regular file would be destroyed. The check
compares real paths (symbolic links resolved), so a link cannot smuggle one in.
"""

from __future__ import annotations

from pathlib import Path


class UnsafeOutput(Exception):
    """The output folder would destroy something (message in French)."""


def _real(path: Path) -> Path:
    return Path(path).expanduser().resolve()


def check_output(output: Path, *, data_dir: Path, docs_dir: Path, project_dir: Path) -> None:
    """Raise UnsafeOutput if a build into `output` would replace anything it must keep."""
    out = _real(output)
    hint = "Choisissez un dossier de sortie à part, par exemple `--sortie site`."
    if out.exists() and not out.is_dir():
        raise UnsafeOutput(
            f"La sortie {output} est un fichier, pas un dossier : la construction le "
            f"remplacerait. Rien n'a été modifié. {hint}"
        )
    protected = (
        (_real(data_dir), "dossier des données", True),
        (_real(docs_dir), "dossier des pages écrites à la main, docs_dir", True),
        # The output usually lies inside the project (site/): only the project itself,
        # or a folder holding it, is refused.
        (_real(project_dir), "dossier du projet, celui de mkdocs.yml", False),
    )
    for folder, name, refuse_inside in protected:
        if out == folder:
            relation = "est le"
        elif folder in out.parents and refuse_inside:
            relation = "est à l'intérieur du"
        elif out in folder.parents:
            relation = "contient le"
        else:
            continue
        raise UnsafeOutput(
            f"La sortie {output} {relation} {name} ({folder}) : la construction remplace "
            f"tout le dossier de sortie et détruirait ces fichiers. Rien n'a été modifié. "
            f"{hint}"
        )
