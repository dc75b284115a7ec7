"""`offre schema`: the JSON Schema of the files editors type, and their field reference."""

from __future__ import annotations

from pathlib import Path

import click

from .shell import DATA_OPTION, verb


@verb("schema")
@DATA_OPTION
@click.option(
    "--sortie",
    "--out",
    "-o",
    "output",
    type=click.Path(path_type=Path),
    default=None,
    help="Fichier où écrire le schéma (par défaut : sortie standard).",
)
@click.option(
    "--type",
    "kind",
    type=click.Choice(["dispositif", "porteur", "territoire", "lieu", "reglages", "reseaux"]),
    default="dispositif",
    show_default=True,
    help="Type de fiche décrit.",
)
@click.option(
    "--ecrire",
    "write_all",
    is_flag=True,
    help="Écrire tous les schémas dans DOSSIER/schemas/ (fichiers versionnés).",
)
def command(dossier: Path, output: Path | None, kind: str, write_all: bool) -> None:
    """Écrire le schéma JSON d'une fiche, pour l'autocomplétion dans l'éditeur."""
    from ..data.schema import KINDS, json_schema, schema_path, schema_text

    if write_all:
        for each in KINDS:
            path = schema_path(dossier, each)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(schema_text(json_schema(each, dossier)), encoding="utf-8")
            click.echo(f"Schéma écrit dans {path}.")
        from ..importers.editor_doc import DOC_FILE, editor_reference

        (dossier / DOC_FILE).write_text(editor_reference(), encoding="utf-8")
        click.echo(f"Référence des champs écrite dans {dossier / DOC_FILE}.")
        return
    text = schema_text(json_schema(kind, dossier))
    if output is None:
        click.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        click.echo(f"Schéma écrit dans {output}.")
