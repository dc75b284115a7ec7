"""What the territories of the site are, said plainly where readers meet them (home page,
territory index, « À propos », each provisional territory).

The region has 18 Clefop; until the Région's official perimeter file is loaded, the
site shows provisional groupings instead, and must say so rather than let a reader take
them for the Clefop. Counts come from the data; the only fixed fact is the number of
Clefop, with its source.
"""

from __future__ import annotations

from markupsafe import Markup

from ...catalog.catalog import Catalog
from ...rules import display

CLEFOP_COUNT = 18
"""« Depuis 2017, 18 Clefop pilotent des plans d'action locaux »:
https://pro.choisirmonmetier-paysdelaloire.fr/territoire/Dossier-Clefop/Onglet/actions-innovantes"""
OFFICIAL_FILE = "« Territoires EFOP en Pays de la Loire »"
# Published on data.gouv.fr (origin data.paysdelaloire.fr); named, not linked: the
# site links only to addresses its data cites.
IMPORT_COMMAND = "offre import-territoires FICHIER.csv"


def _by_arrondissement(catalog: Catalog) -> bool:
    provisional = [t for t in catalog.territoires.values() if t.is_provisional]
    return bool(provisional) and all("arrondissement" in (t.regle or "") for t in provisional)


def territories_explanation(catalog: Catalog) -> Markup:
    """A short paragraph: the 18 Clefop, what the site shows instead, how that changes."""
    total = len(catalog.territoires)
    provisional = sum(1 for t in catalog.territoires.values() if t.is_provisional)
    official = total - provisional
    if provisional == 0:
        return Markup(
            "Les {} territoires de ce site sont les périmètres officiels des Clefop (comités "
            "locaux emploi, formation, orientation professionnelles), chargés depuis le "
            "fichier {} de la Région."
        ).format(total, OFFICIAL_FILE)
    how = " par arrondissement" if _by_arrondissement(catalog) else ""
    grouping = (
        display.plural(provisional, "regroupement provisoire", "regroupements provisoires")
        + f" d'intercommunalités{how}, qui ne "
        + display.agree(provisional, "correspond pas", "correspondent pas")
    )
    already = ""
    if official:
        already = (
            " "
            + display.plural(official, "territoire a déjà son", "territoires ont déjà leur")
            + " périmètre officiel."
        )
    return Markup(
        "Les Pays de la Loire comptent {clefop} Clefop (comités locaux emploi, formation, "
        "orientation professionnelles). Leurs périmètres officiels, publiés par la Région "
        "(fichier {file}), ne sont pas encore chargés dans ce site : en attendant, il "
        "présente {grouping} aux {clefop} Clefop ; chaque page concernée le signale.{already} "
        "Le Cariforef charge le fichier officiel avec la commande <code>{command}</code> ; "
        "les pages des territoires suivent alors les périmètres officiels."
    ).format(
        clefop=CLEFOP_COUNT,
        file=OFFICIAL_FILE,
        grouping=grouping,
        already=already,
        command=IMPORT_COMMAND,
    )
