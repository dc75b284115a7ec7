"""The "Lisez-moi" sheet: the rules of the workbook in plain French."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .columns import LIST_SEPARATOR
from .layout import COORDINATOR_FIELDS, READ_ONLY_SHEET

if TYPE_CHECKING:
    from .export import SheetPlan

Line = tuple[str, str]  # (text, style: "titre", "section" or "")


def readme_lines(plans: list[SheetPlan], territoire: str | None, data_name: str) -> list[Line]:
    editable = [p for p in plans if not p.read_only]
    lines: list[Line] = [
        ("Offre de services des Clefop — classeur de saisie", "titre"),
        (
            f"Exporté des données « {data_name} »"
            + (f" pour le territoire « {territoire} »." if territoire else " (toute l'offre)."),
            "",
        ),
        ("", ""),
        ("Ce que contient ce classeur", "section"),
    ]
    for plan in editable:
        lines.append(
            (f"• Feuille « {plan.title} » : {len(plan.records)} fiche(s), une par ligne.", "")
        )
    if territoire:
        lines += [
            (
                f"• Dans la feuille « Territoires », seules les colonnes "
                f"{', '.join(COORDINATOR_FIELDS)} (priorités et contacts locaux) sont "
                "modifiables ; le périmètre vient du fichier officiel de la Région.",
                "",
            ),
            (
                f"• Feuille « {READ_ONLY_SHEET} » : les dispositifs valables dans toute la "
                "région, pour référence. Elle est protégée et n'est pas relue à l'import.",
                "",
            ),
            ("• Un nouveau porteur se demande au Cariforef.", ""),
        ]
    lines += [
        ("", ""),
        ("Les règles", "section"),
        (
            "1. Une ligne = une fiche ; une colonne = un champ. Survolez l'en-tête d'une colonne "
            "(petit triangle rouge) : son commentaire dit ce que le champ signifie, s'il est "
            "obligatoire et comment l'écrire.",
            "",
        ),
        (
            "2. La colonne « id » est l'identifiant de la fiche : minuscules sans accents, "
            "chiffres et tirets (par exemple « aide-permis-jeunes »). Il fait l'adresse de la "
            "page : ne le changez jamais pour une fiche existante. Une ligne nouvelle doit "
            "avoir son identifiant : il n'est jamais déduit du titre.",
            "",
        ),
        (
            f"3. Plusieurs valeurs dans une cellule : séparez-les par « {LIST_SEPARATOR.strip()} » "
            f"(par exemple « jeunes{LIST_SEPARATOR}demandeurs-emploi »).",
            "",
        ),
        (
            "4. Les listes déroulantes donnent les valeurs autorisées (publics, thématiques, "
            "statut, porteur…). Elles sont sur la feuille masquée « Listes » (clic droit sur un "
            "onglet, « Afficher la feuille ») avec leur libellé.",
            "",
        ),
        (
            "5. Dates : une vraie date (31/03/2026 ou 2026-03-31). Pour date_debut et date_fin, "
            "AAAA-MM ou AAAA quand la source ne précise pas le jour. N'inventez jamais une date "
            "ni un montant : notez le point dans « a_verifier ».",
            "",
        ),
        (
            "6. Les champs composés ont des colonnes à points : « modalites_mobilisation.modes », "
            "« contacts.regional.telephone ». Les listes de sources, de liens ou de contacts ont "
            "des groupes numérotés : « sources.1.url », « sources.1.titre », puis "
            "« sources.2.url »… "
            "Un groupe vide est ignoré. Pour en ajouter davantage, insérez des colonnes avec le "
            "numéro suivant, nommées de la même façon.",
            "",
        ),
        (
            "7. Vider une cellule retire l'information de la fiche. Supprimer une ligne ne "
            "supprime pas la fiche : l'import le signale seulement. Pour un dispositif qui "
            "s'arrête, mettez plutôt le statut « termine ».",
            "",
        ),
        (
            "8. Ne renommez, ne déplacez et ne supprimez ni les feuilles ni les en-têtes de "
            "colonnes : l'import les reconnaît par leur nom. Une colonne absente laisse le "
            "champ inchangé.",
            "",
        ),
        (
            "9. Enregistrez au format .xlsx (ou .ods avec LibreOffice).",
            "",
        ),
        ("", ""),
        ("Après la saisie", "section"),
        (
            "Le classeur est relu par la commande « offre classeur importer FICHIER.xlsx ». "
            "Chaque ligne est vérifiée par le même validateur que les fichiers de l'offre. "
            "Chaque problème est signalé avec sa feuille et sa cellule, par exemple "
            "« classeur.xlsx:Dispositifs!D12: error: titre: texte trop court » ; tant qu'il "
            "reste une erreur, aucun fichier n'est modifié. Sinon, seules les fiches changées "
            "sont réécrites, et l'import dit ce qu'il a créé, modifié ou laissé tel quel.",
            "",
        ),
    ]
    return lines
