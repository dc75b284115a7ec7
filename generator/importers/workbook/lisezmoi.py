"""The "Lisez-moi" sheet: the rules of the workbook in plain French."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .columns import LIST_SEPARATOR
from .layout import COORDINATOR_FIELDS, READ_ONLY_SHEET

if TYPE_CHECKING:
    from .sheets import SheetPlan

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
            "5. Dates : une vraie date (31/03/2026 ou 2026-03-31) pour consulte_le, verifie_le, "
            "cree_le, modifie_le. Pour date_debut, date_fin, statut_depuis et "
            "sources.N.date_publication (cellules texte) : AAAA-MM-JJ, ou AAAA-MM ou AAAA "
            "quand la source ne précise pas le jour. N'inventez jamais une date ni un "
            "montant : notez le point dans « a_verifier ».",
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
        ("Les champs à connaître", "section"),
        *_field_rules({p.kind.kind for p in editable}),
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


def _field_rules(kinds: set[str]) -> list[Line]:
    lines: list[Line] = [
        (
            "• Deux dates, deux sens. « consulte_le » (obligatoire) : le jour où les sources "
            "citées ont été lues. « verifie_le » : le jour où le porteur (pour un lieu : la "
            "structure) a lui-même confirmé la fiche. Lire sa page n'est pas une "
            "confirmation : laissez alors verifie_le vide.",
            "",
        ),
        (
            "• Les codes (commune, EPCI, code postal) s'écrivent sans guillemets : leurs "
            "colonnes sont au format texte.",
            "",
        ),
        (
            "• « sources.N.date_publication » : la date que porte la page (ou l'année des faits "
            "qu'elle rapporte) ; elle dit de quand datent les informations.",
            "",
        ),
    ]
    if "dispositif" in kinds:
        lines += [
            (
                "• « frais » : gratuit ou payant seulement si une source le dit ; sinon "
                "non-precise.",
                "",
            ),
            (
                "• « nature » : dispositif pour ce qu'un conseiller mobilise ; instance (comité, "
                "conseil), plan (plan, programme, contrat entre partenaires) ou information "
                "(lettre, portail d'information) sont publiés à part.",
                "",
            ),
            (
                "• « statut_a_confirmer » : oui quand une source fait douter que le dispositif "
                "existe encore (la fiche affiche « Statut à confirmer ») ; « statut_depuis » : "
                "depuis quand le statut s'applique, si une source le dit.",
                "",
            ),
            (
                "• « delivre_par.reseaux » et « delivre_par.lieux » : les réseaux "
                "(mission-locale, france-travail…) et les lieux précis qui délivrent le "
                "dispositif ; vides, ce sont les lieux de ses porteurs.",
                "",
            ),
        ]
    if "lieu" in kinds:
        lines += [
            (
                "• Feuille « Lieux » : « adresse.commune » est le code INSEE de la commune (ce "
                "n'est pas le code postal) ; « zone_desservie » liste les codes des communes, "
                "EPCI ou départements, ou les territoires que le lieu dessert (vide si aucune "
                "source ne le dit). Un lieu ne publie que des structures, jamais le nom d'une "
                "personne.",
                "",
            ),
            (
                "• Les colonnes grisées « origine.… » disent d'où vient un lieu importé de "
                "data·inclusion. Elles sont en lecture seule : l'import du classeur refuse une "
                "cellule changée. Corriger une autre colonne d'un tel lieu est permis : son "
                "empreinte montrera qu'il a été retouché à la main.",
                "",
            ),
        ]
    lines.append(
        (
            "• Les réglages de l'offre (reglages.yaml : délais « statut à confirmer » et "
            "« fiche à revoir ») ne sont pas dans ce classeur : ce sont deux règles pour toute "
            "la région, que le Cariforef fixe dans le fichier, pas des fiches.",
            "",
        )
    )
    return lines
