"""The editors' reference (offer_data/LISEZMOI.md), generated from the model.

Field names, whether they are required and what they mean come from the pydantic
models, so the reference can never disagree with the validator; a test checks that the
committed file is up to date (`offre schema --ecrire` rewrites it).
"""

from __future__ import annotations

from pydantic import BaseModel

from ..data.model import (
    Adresse,
    AideDemarches,
    Annuaire,
    Contact,
    ContactLocal,
    DelivrePar,
    Dispositif,
    Lien,
    Lieu,
    Mobilisation,
    Origine,
    Porteur,
    Reglages,
    Reseaux,
    Source,
    Territoire,
)
from ..data.synonyms import Equivalence, SensUnique
from .annuaire.mapping import CorrespondancesAnnuaire, RegleType
from .data_inclusion.mapping import (
    Correspondances,
    RegleDispositif,
    ReglePorteur,
    SourceImport,
)

DOC_FILE = "LISEZMOI.md"

_INTRO = """\
# Saisir et corriger les données de l'offre

Ce dossier contient toute l'offre publiée sur le site. Chaque fichier YAML décrit un
élément ; le validateur (`offre validate`) vérifie tout avant chaque publication et
indique, pour chaque problème, le fichier, la ligne, la colonne, la clé et la correction.

- `dispositifs/<porteur>/<identifiant>.yaml` : un dispositif (une fiche du site) ;
- `porteurs/<identifiant>.yaml` : une structure qui porte des dispositifs ;
- `territoires/<identifiant>.yaml` : un territoire (groupe d'EPCI) ;
- `lieux/<porteur>/<identifiant>.yaml` : un lieu d'accueil (mission locale, agence,
  antenne…) avec son adresse, ses coordonnées et la zone qu'il dessert ;
- `vocabulaires.yaml` : nos valeurs ajoutées aux vocabulaires de data·inclusion ;
- `reglages.yaml` (facultatif) : les seuils de l'offre (statut à confirmer, fiches à revoir) ;
- `reseaux.yaml` (facultatif) : l'annuaire officiel de chaque réseau, vers lequel « Où
  s'adresser » renvoie quand aucun lieu connu n'est proche, et la règle qui dit pour quels
  dispositifs afficher les France services (aide aux démarches en ligne) ;
- `correspondances-data-inclusion.yaml` : ce que `offre import-data-inclusion` retient
  des fichiers de data·inclusion (quelles structures deviennent des lieux de quel
  porteur, quels services relient un lieu à un dispositif) ;
- `correspondances-annuaire.yaml` : quels types de l'Annuaire de l'administration
  `offre import-annuaire` retient, et comme lieux de quel porteur ;
- `synonymes.yaml` (facultatif) : les synonymes et sigles que la recherche connaît ;
- `geo/` : communes et EPCI de la région (fichier généré, ne pas modifier) ;
- `schemas/` : schémas JSON pour l'autocomplétion dans l'éditeur (générés) ;
- `sources-officielles.yaml` : domaines des sources officielles et des pages d'autres
  régions (facultatif).

## Règles de saisie

- Les identifiants sont en minuscules, sans accents, avec des tirets ; ils font
  l'adresse des pages et **ne changent plus**. Pour renommer quand même, mettez l'ancien
  dans `anciens_identifiants` : l'ancienne adresse redirigera vers la nouvelle.
- Mettez les codes entre guillemets : `"244400404"`, `"01004"`, `"44"` (sans guillemets,
  YAML lit des nombres, et `01004` devient 516).
- Dates : `AAAA-MM-JJ` ; pour `date_debut` et `date_fin`, `AAAA-MM` ou `AAAA` quand la
  source ne précise pas le jour. N'inventez jamais une date ou un montant : notez le point
  dans `a_verifier`.
- Un dispositif local se décrit de préférence par les **codes des EPCI** (ou des
  communes, ou du département) plutôt que par un identifiant de territoire : il reste
  juste quand le périmètre des territoires change.
- Un dispositif terminé garde sa fiche : `statut: termine` (ou `remplace` avec
  `remplace_par`), et sa `date_fin` si elle est connue.
- Deux dates, deux sens : `consulte_le` est le jour où les sources citées ont été lues
  (obligatoire) ; `verifie_le` est le jour où **le porteur lui-même** a confirmé la fiche.
  Lire une page du porteur n'est pas une confirmation : laissez `verifie_le` vide.
- Datez les sources : `date_publication` est la date que porte la page (publication, mise
  à jour, « vérifié le »), ou l'année des faits qu'elle rapporte. Un dispositif actif
  s'affiche « Statut à confirmer » sauf si l'une de ses sources est datée de moins de
  24 mois (seuil dans `reglages.yaml`) ou si le porteur l'a confirmé dans ce délai : une
  source sans date n'établit rien. La page dit pourquoi et ce qui le confirmerait. Mettez
  `statut_a_confirmer: true` quand une source fait douter que le dispositif existe encore.
  Les exports le disent aussi (`statut_affiche: a-confirmer` et son motif) ; data·inclusion
  n'ayant pas cet état, le service y reste, sa description commençant par « Statut à
  confirmer. ».
- `frais` : `gratuit` ou `payant` seulement si une source le dit ; sinon `non-precise`.
  C'est le coût pour le `destinataire` : `personne` (par défaut), `employeur` (aide ou
  financement pour une entreprise, même si ses salariés en bénéficient) ou `professionnel`
  (outil ou instance des professionnels). Les pages écrivent « Coût pour l'employeur »,
  « Mobilisable par : l'employeur lui-même »… `frais_a_la_charge_de` dit qui paie
  (`etat`, `employeur`, `opco`…), seulement si une source le dit.
- Sources : celles de domaines officiels (liste dans `sources-officielles.yaml`, avec
  les domaines des pages d'autres régions) ou du site d'un porteur du dispositif sont
  « officielles ». Une fiche à source unique, ou sans source officielle de la région, le
  dit sur sa page (« source unique, non officielle ») et dans le rapport.
- `nature` : `dispositif` pour ce qu'un conseiller peut mobiliser ; `instance` (comité,
  conseil), `plan` (plan, programme, contrat entre partenaires) et `information`
  (lettre, portail d'information) sont publiés à part.
- Un lieu ne publie que des structures, jamais le nom d'une personne.
- Valeurs des vocabulaires : `offre vocabulaires` (liste), `offre vocabulaires publics`.

## Lieux importés de data·inclusion

`offre import-data-inclusion` écrit un fichier par lieu, `lieux/<porteur>/<id>.yaml`, à
partir des fichiers publiés par data·inclusion et selon `correspondances-data-inclusion.yaml` :

- `porteurs` : les structures d'un des `reseaux` (ou d'un des `producteurs`) d'une règle
  deviennent des lieux de son `porteur` ; la première règle qui convient l'emporte ; les
  autres structures sont écartées, et le bilan de l'import les compte par réseau.
- `dispositifs` : un service dont le nom contient l'un des `noms` (ou qui a l'une des
  `thematiques`), dans une structure de l'un des `reseaux` quand la clé est donnée, ajoute
  le `dispositif` de la règle à la liste `dispositifs` du lieu qui le propose.
- Un lieu importé porte une clé `origine` (source, producteur, identifiant, date de mise à
  jour, empreinte). Tant qu'il reste tel quel, chaque import le met à jour ; modifié à la
  main, il est laissé tel quel par les imports suivants (qui le signalent). Pour le rendre
  à l'import, supprimez le fichier : le prochain import le recrée.

## Lieux importés des listes officielles

- `offre import-france-services` écrit les France services de la liste de l'ANCT dans
  `lieux/france-services/` ; `origine.source` vaut « liste ANCT » et `origine.date_maj` la
  date de la liste : la page du lieu affiche « Provenance : liste ANCT du … ».
- `offre import-annuaire` écrit les guichets de l'Annuaire de l'administration retenus par
  `correspondances-annuaire.yaml` (`types` : les types de l'annuaire, `porteur`, `reseau`) ;
  les communes de compétence de l'annuaire deviennent la `zone_desservie` du lieu.
- Mêmes règles que ci-dessus : une fiche modifiée à la main n'est plus mise à jour.
## Synonymes de la recherche (`synonymes.yaml`)

La recherche trouve déjà les mots sans accents, au pluriel ou au féminin, et met en tête
les fiches qui contiennent le plus de mots tapés. Ce fichier lui apprend les sigles et les
expressions qui veulent dire la même chose :

- `equivalences` : chaque groupe (`termes`) réunit des expressions équivalentes ;
  chercher l'une trouve aussi les fiches qui emploient les autres
  (`[chômage partiel, activité partielle]`) ;
- `sens_unique` : chercher `recherche` trouve aussi `trouve_aussi`, pas l'inverse
  (`aide-soignant` trouve `sanitaire et social`).

N'y mettez que de vraies équivalences : un mot plus large ou voisin noierait les bons
résultats. Un sigle écrit en majuscules (`DE`) n'est reconnu que tapé en majuscules (en
minuscules, « de » reste un mot ignoré). `offre validate` signale une expression faite
seulement de mots ignorés, une expression répétée dans un groupe ou présente dans deux
groupes, et toute clé inconnue.
"""


def _table(model: type[BaseModel]) -> list[str]:
    lines = ["| clé | obligatoire | signification |", "|---|---|---|"]
    for name, info in model.model_fields.items():
        required = "oui" if info.is_required() else "non"
        lines.append(f"| `{name}` | {required} | {info.description or ''} |")
    return lines


SECTIONS: list[tuple[str, type[BaseModel]]] = [
    ("Dispositif (`dispositifs/<porteur>/<id>.yaml`)", Dispositif),
    ("`modalites_mobilisation` d'un dispositif", Mobilisation),
    ("Un contact (`contacts.regional`, `contacts.territoires.<id>`)", Contact),
    ("Une source (`sources`)", Source),
    ("Un lien (`liens`)", Lien),
    ("Porteur (`porteurs/<id>.yaml`)", Porteur),
    ("Qui délivre un dispositif (`delivre_par`)", DelivrePar),
    ("Territoire (`territoires/<id>.yaml`)", Territoire),
    ("Un contact local de territoire (`contacts`)", ContactLocal),
    ("Lieu d'accueil (`lieux/<porteur>/<id>.yaml`)", Lieu),
    ("L'adresse d'un lieu (`adresse`)", Adresse),
    ("La provenance d'un lieu importé (`origine`)", Origine),
    ("Réglages (`reglages.yaml`)", Reglages),
    ("Réseaux (`reseaux.yaml`)", Reseaux),
    ("Un annuaire officiel (`annuaires`)", Annuaire),
    ("Aide aux démarches en ligne (`aide_demarches`)", AideDemarches),
    ("Correspondances data·inclusion (`correspondances-data-inclusion.yaml`)", Correspondances),
    ("Source citée pour chaque lieu importé (`source`)", SourceImport),
    ("Une règle de porteur (`porteurs`)", ReglePorteur),
    ("Une règle de dispositif (`dispositifs`)", RegleDispositif),
    ("Correspondances de l'annuaire (`correspondances-annuaire.yaml`)", CorrespondancesAnnuaire),
    ("Une règle de type (`types`)", RegleType),
    ("Un groupe d'équivalences (`synonymes.yaml`, `equivalences`)", Equivalence),
    ("Un synonyme à sens unique (`synonymes.yaml`, `sens_unique`)", SensUnique),
]


def editor_reference() -> str:
    lines = [_INTRO.rstrip(), "", "## Les champs", ""]
    for title, model in SECTIONS:
        lines += [f"### {title}", "", *_table(model), ""]
    lines.append("(Ce fichier est généré par `offre schema --ecrire` à partir du modèle.)")
    return "\n".join(lines) + "\n"
