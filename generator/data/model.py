"""The shape of the data editors type: schemes (dispositifs), providers (porteurs),
territories (territoires) and our vocabulary additions.

Keys are French because editors type them. Field descriptions are French because they
become the tooltips of the JSON Schema in the editor. Checks that need other files
(does this provider exist? is this value in the vocabulary?) live in `crossref.py`;
this module only checks what one file can tell on its own, with the field types of
`fields.py`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from ..rules.statuses import (
    CLOSED_STATUSES as CLOSED_STATUSES,
)
from ..rules.statuses import (
    CURRENT_STATUSES as CURRENT_STATUSES,
)
from ..rules.statuses import (
    STATUTS as STATUTS,
)
from ..rules.statuses import (
    STATUTS_TERRITOIRE as STATUTS_TERRITOIRE,
)
from ..rules.statuses import (
    Statut,
    StatutTerritoire,
)
from . import dates
from .fields import (
    ALL_TERRITORIES,
    CodeCommune,
    CodePostal,
    Courriel,
    DateComplete,
    DatePartielle,
    Domaine,
    DomaineEtChemin,
    HorairesOsm,
    Identifiant,
    Strict,
    Telephone,
    Texte,
    TexteMultiligne,
    Url,
    ValeurVocabulaire,
    _fr_error,
    _territories,
)

# ---------------------------------------------------------------------------- shared parts


class Lien(Strict):
    titre: Texte = Field(description="Texte du lien, tel qu'il s'affichera.")
    url: Url = Field(description="Adresse de la page officielle (https://…).")


class Source(Strict):
    url: Url = Field(description="Page d'où viennent les informations de la fiche.")
    titre: Texte | None = Field(None, description="Nom de la page ou de l'organisme source.")
    consulte_le: DateComplete | None = Field(
        None, description="Date de consultation de la source (AAAA-MM-JJ)."
    )
    date_publication: DatePartielle | None = Field(
        None,
        description="Date que porte la page (AAAA-MM-JJ, AAAA-MM ou AAAA), ou à défaut "
        "l'année des faits qu'elle rapporte : elle dit de quand datent les informations.",
    )


class Contact(Strict):
    nom: Texte | None = Field(None, description="Service ou structure à contacter.")
    telephone: Telephone | None = Field(None, description="Numéro de téléphone.")
    courriel: Courriel | None = Field(None, description="Adresse électronique.")
    site: Url | None = Field(None, description="Page web de contact.")
    adresse: Texte | None = Field(None, description="Adresse postale.")
    precisions: Texte | None = Field(None, description="Horaires, conditions d'accueil…")

    @model_validator(mode="after")
    def _au_moins_un_moyen(self) -> Contact:
        if not (self.telephone or self.courriel or self.site or self.adresse):
            raise _fr_error(
                "contact_vide",
                "contact sans moyen de joindre : ajoutez au moins telephone, courriel, "
                "site ou adresse.",
            )
        return self


class Contacts(Strict):
    regional: Contact | None = Field(
        None, description="Contact par défaut, valable dans toute la région."
    )
    territoires: dict[str, Contact] = Field(
        default_factory=dict,
        description="Contacts propres à un territoire, rangés par identifiant de territoire.",
    )


class Mobilisation(Strict):
    modes: list[ValeurVocabulaire] = Field(
        default_factory=list,
        description="Comment le mobiliser (vocabulaire modes_mobilisation de data·inclusion).",
    )
    mobilisable_par: list[ValeurVocabulaire] = Field(
        default_factory=list,
        description="Qui peut le mobiliser : usagers, professionnels, ou les deux.",
    )
    precisions: TexteMultiligne | None = Field(
        None, description="Étapes, prescripteurs, pièces à fournir (Markdown)."
    )
    lien: Url | None = Field(None, description="Lien direct pour demander ou prescrire.")


class DelivrePar(Strict):
    reseaux: list[ValeurVocabulaire] = Field(
        default_factory=list,
        description="Réseaux dont les lieux délivrent le dispositif (vocabulaire "
        "reseaux_porteurs de data·inclusion : mission-locale, france-travail…).",
    )
    lieux: list[Identifiant] = Field(
        default_factory=list,
        description="Lieux précis qui délivrent le dispositif (identifiants de lieux).",
    )


# ---------------------------------------------------------------------------- dispositif

DESTINATAIRES = ("personne", "employeur", "professionnel")
Destinataire = Literal["personne", "employeur", "professionnel"]
"""Who a scheme is for: its pages word « Mobilisable par » and « Coût pour … » by it."""
FINANCEURS = (
    "personne",
    "employeur",
    "etat",
    "region",
    "departement",
    "opco",
    "france-travail",
    "agefiph",
    "autre",
)
Financeur = Literal[
    "personne",
    "employeur",
    "etat",
    "region",
    "departement",
    "opco",
    "france-travail",
    "agefiph",
    "autre",
]
"""Who bears the cost of a scheme (`frais_a_la_charge_de`)."""


class Dispositif(Strict):
    """A scheme, action or tool an adviser can mobilise."""

    id: Identifiant = Field(
        description="Identifiant stable, jamais déduit du titre : il fait l'adresse de la page."
    )
    nature: Literal["dispositif", "instance", "plan", "information"] = Field(
        "dispositif",
        description="dispositif (ce qu'un conseiller mobilise), instance (de gouvernance : "
        "comité, conseil), plan (plan, programme ou contrat entre partenaires) ou "
        "information (service d'information, lettre, portail).",
    )
    titre: Annotated[Texte, Field(min_length=3, max_length=150)] = Field(
        description="Nom du dispositif (3 à 150 caractères)."
    )
    sigle: Texte | None = Field(None, description="Sigle usuel (CEJ, POEI…).")
    porteur: Identifiant = Field(description="Identifiant du porteur principal.")
    co_porteurs: list[Identifiant] = Field(
        default_factory=list, description="Autres porteurs ou opérateurs."
    )
    resume: Annotated[Texte, Field(min_length=20, max_length=400)] = Field(
        description="Une ou deux phrases (20 à 400 caractères)."
    )
    description: TexteMultiligne = Field(description="Présentation détaillée, en Markdown.")
    publics: list[ValeurVocabulaire] = Field(
        min_length=1, description="Publics visés (vocabulaire publics)."
    )
    precisions_publics: Texte | None = Field(None, description="Âge, statut, situation…")
    age_min: Annotated[int, Field(ge=0, le=120)] | None = Field(
        None,
        description="Âge minimal d'accès (0 à 120 ans), seulement quand une source citée le "
        "dit ; sinon laissez vide : la recherche affiche « conditions d'âge non précisées ».",
    )
    age_max: Annotated[int, Field(ge=0, le=120)] | None = Field(
        None,
        description="Âge maximal d'accès (0 à 120 ans, inclus), seulement quand une source "
        "citée le dit (« moins de 26 ans » : 25).",
    )
    situations: list[ValeurVocabulaire] = Field(
        default_factory=list,
        description="Situations de la personne qui ouvrent l'accès (vocabulaire publics : "
        "demandeurs-emploi, beneficiaires-des-minimas-sociaux, "
        "personnes-en-situation-de-handicap, salaries, employeurs, jeunes…), d'après les "
        "sources ; vide quand les publics suffisent.",
    )
    thematiques: list[ValeurVocabulaire] = Field(
        min_length=1, description="Thématiques (vocabulaire thematiques)."
    )
    type: ValeurVocabulaire = Field(description="Type de dispositif (vocabulaire types).")
    frais: ValeurVocabulaire = Field(
        description="Coût pour le destinataire (la personne, l'employeur ou le "
        "professionnel : voir destinataire) : gratuit, payant, ou non-precise quand aucune "
        "source ne le dit (vocabulaire frais)."
    )
    precisions_frais: Texte | None = Field(None, description="Reste à charge, prise en charge…")
    destinataire: Destinataire = Field(
        "personne",
        description="À qui le dispositif s'adresse, ce qui règle « Mobilisable par » et "
        "« Coût pour … » sur les pages : personne (une personne accompagnée ; par défaut), "
        "employeur (une entreprise ou un employeur, même si ses salariés en bénéficient) ou "
        "professionnel (les professionnels de l'emploi, de la formation et de l'orientation).",
    )
    frais_a_la_charge_de: list[Financeur] = Field(
        default_factory=list,
        description="Qui paie, d'après les sources (personne, employeur, etat, region, "
        "departement, opco, france-travail, agefiph, autre) ; vide quand aucune source ne "
        "le dit. data·inclusion n'a pas ce champ : l'export le reprend dans frais_precisions.",
    )
    conditions: list[TexteMultiligne] = Field(
        default_factory=list, description="Conditions d'accès, une par ligne."
    )
    modalites_mobilisation: Mobilisation = Field(
        description="Comment un conseiller ou une personne mobilise le dispositif."
    )
    contacts: Contacts = Field(
        default_factory=Contacts, description="Contact régional et contacts par territoire."
    )
    delivre_par: DelivrePar | None = Field(
        None,
        description="Qui délivre le dispositif près de chez la personne : réseaux et lieux. "
        "Sans cette clé, ce sont les lieux de ses porteurs.",
    )
    liens: list[Lien] = Field(default_factory=list, description="Pages officielles utiles.")
    territoires: Annotated[
        list[Texte],
        BeforeValidator(_territories),
        WithJsonSchema(
            {
                "anyOf": [
                    {"const": ALL_TERRITORIES},
                    {"type": "array", "items": {"type": "string"}, "minItems": 1},
                ]
            }
        ),
    ] = Field(
        description="« tous » (toute la région), ou une liste d'identifiants de territoires "
        "et de codes EPCI (SIREN, 9 chiffres) ou commune (INSEE, 5 caractères), entre guillemets."
    )
    date_debut: DatePartielle | None = Field(
        None, description="Début (AAAA-MM-JJ, ou AAAA-MM / AAAA si la source ne dit pas plus)."
    )
    date_fin: DatePartielle | None = Field(None, description="Fin prévue ou effective.")
    statut: Statut = Field(description="actif, suspendu, termine ou remplace.")
    statut_depuis: DatePartielle | None = Field(
        None, description="Date depuis laquelle le statut s'applique, si une source la donne."
    )
    statut_a_confirmer: bool = Field(
        False,
        description="true quand aucune source récente n'établit que le dispositif est encore "
        "actif : la fiche affiche « Statut à confirmer » au lieu de « Actif ».",
    )
    remplace_par: Identifiant | None = Field(
        None, description="Identifiant du dispositif qui le remplace (statut remplace)."
    )
    anciens_identifiants: list[Identifiant] = Field(
        default_factory=list,
        description="Anciens identifiants : leurs adresses redirigent vers cette fiche.",
    )
    sources: list[Source] = Field(
        min_length=1, description="Pages d'où viennent les faits de la fiche."
    )
    consulte_le: DateComplete = Field(
        description="Date à laquelle les sources citées ont été lues pour la dernière fois."
    )
    verifie_le: DateComplete | None = Field(
        None,
        description="Date à laquelle le porteur a confirmé la fiche ; laissez vide tant "
        "qu'il ne l'a pas fait (lire une source n'est pas une confirmation).",
    )
    cree_le: DateComplete | None = Field(
        None, description="Date d'entrée de la fiche dans l'offre publiée."
    )
    modifie_le: DateComplete | None = Field(
        None, description="Date de la dernière modification notable du contenu."
    )
    axes_clefop: list[ValeurVocabulaire] = Field(
        default_factory=list, description="Priorités de la feuille de route Clefop 2020."
    )
    mots_cles: list[Texte] = Field(
        default_factory=list, description="Mots que les conseillers tapent pour le trouver."
    )
    a_verifier: list[TexteMultiligne] = Field(
        default_factory=list,
        description="Points incertains, affichés comme « à vérifier » sur la fiche.",
    )

    @model_validator(mode="after")
    def _coherence(self) -> Dispositif:
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise _fr_error(
                "ages",
                f"age_min ({self.age_min}) est supérieur à age_max ({self.age_max}) : "
                "inversez-les ou corrigez l'un des deux.",
                "age_max",
            )
        if (
            self.date_debut
            and self.date_fin
            and dates.latest(self.date_fin) < dates.earliest(self.date_debut)
        ):
            raise _fr_error(
                "dates",
                f"date_fin ({self.date_fin}) est antérieure à date_debut "
                f"({self.date_debut}) : inversez-les ou corrigez l'une des deux.",
                "date_fin",
            )
        if self.statut == "remplace" and not self.remplace_par:
            raise _fr_error(
                "remplace_par",
                "statut « remplace » sans remplace_par : indiquez l'identifiant du "
                "dispositif qui le remplace.",
                "statut",
            )
        if self.statut_a_confirmer and self.statut in CLOSED_STATUSES:
            raise _fr_error(
                "statut_a_confirmer",
                f"statut_a_confirmer vaut true mais le statut est « {self.statut} » : un "
                "dispositif terminé ou remplacé n'a pas de statut à confirmer ; retirez la clé.",
                "statut_a_confirmer",
            )
        if self.remplace_par and self.statut != "remplace":
            raise _fr_error(
                "remplace_par",
                f"remplace_par est renseigné mais le statut est « {self.statut} » : "
                "mettez statut: remplace, ou supprimez remplace_par.",
                "remplace_par",
            )
        return self

    @property
    def everywhere(self) -> bool:
        return self.territoires == [ALL_TERRITORIES]

    @property
    def is_open(self) -> bool:
        """Still mobilisable: not ended, replaced or suspended."""
        return self.statut == "actif"

    @property
    def is_scheme(self) -> bool:
        """A scheme an adviser mobilises (not a governance body, plan or information service)."""
        return self.nature == "dispositif"

    @property
    def updated_on(self) -> date:
        """The record's « last updated » date, wherever one is given (the site map,
        data·inclusion): last changed, else the day its sources were read."""
        return self.modifie_le or self.consulte_le

    def evidence_date(self) -> str | None:
        """Latest date the cited sources state (a partial date), or None if none is dated."""
        stated = [s.date_publication for s in self.sources if s.date_publication]
        return max(stated, key=dates.latest) if stated else None


# ---------------------------------------------------------------------------- porteur


class Porteur(Strict):
    """An organisation that carries or operates schemes."""

    id: Identifiant = Field(description="Identifiant stable du porteur.")
    nom: Texte = Field(description="Nom officiel.")
    sigle: Texte | None = Field(None, description="Sigle usuel.")
    niveau: Literal["national", "regional", "departemental", "local"] = Field(
        description="national, regional, departemental ou local."
    )
    site: Url | None = Field(None, description="Site officiel.")
    reseau: ValeurVocabulaire | None = Field(
        None, description="Réseau data·inclusion (reseaux_porteurs) quand il en existe un."
    )
    description: Texte | None = Field(None, description="Rôle du porteur, en une ou deux phrases.")
    anciens_noms: list[Texte] = Field(default_factory=list, description="Noms précédents.")
    sources: list[Source] = Field(default_factory=list, description="Sources de la fiche.")
    consulte_le: DateComplete | None = Field(
        None, description="Date à laquelle les sources citées ont été lues."
    )
    verifie_le: DateComplete | None = Field(
        None, description="Date à laquelle le porteur a confirmé la fiche (vide sinon)."
    )


# ---------------------------------------------------------------------------- territoire


class ContactLocal(Strict):
    role: Texte = Field(description="Rôle ou structure (animateur du Clefop, agence…).")
    nom: Texte | None = Field(
        None, description="Service ou structure (jamais le nom d'une personne)."
    )
    telephone: Telephone | None = Field(None, description="Numéro de téléphone.")
    courriel: Courriel | None = Field(None, description="Adresse électronique.")
    site: Url | None = Field(None, description="Page web de contact.")
    adresse: Texte | None = Field(None, description="Adresse postale.")


class Territoire(Strict):
    """A Clefop territory: a group of EPCI (plus communes belonging to no EPCI)."""

    id: Identifiant = Field(description="Identifiant stable : il fait l'adresse de la page.")
    nom: Texte = Field(description="Nom du territoire.")
    code: Texte | None = Field(None, description="Code du territoire dans le fichier EFOP.")
    statut: StatutTerritoire = Field(
        description="provisoire tant que le périmètre officiel n'est pas importé."
    )
    regle: Texte | None = Field(None, description="Comment le périmètre a été établi.")
    source: Url | None = Field(None, description="Fichier officiel d'où vient le périmètre.")
    epci: list[Texte] = Field(description="Codes SIREN des EPCI, entre guillemets.")
    communes_hors_epci: list[Texte] = Field(
        default_factory=list, description="Codes INSEE des communes hors EPCI, entre guillemets."
    )
    priorites: list[ValeurVocabulaire] = Field(
        default_factory=list,
        max_length=3,
        description="Jusqu'à 3 priorités de la feuille de route.",
    )
    contacts: list[ContactLocal] = Field(default_factory=list, description="Contacts locaux.")

    @property
    def is_provisional(self) -> bool:
        """Its perimeter is a provisional grouping, not yet the Région's official one."""
        return self.statut == STATUTS_TERRITOIRE[0]


# ---------------------------------------------------------------------------- lieu


class Adresse(Strict):
    ligne: Texte | None = Field(None, description="Numéro et voie (« 12 rue de la Gare »).")
    complement: Texte | None = Field(None, description="Bâtiment, étage, boîte postale…")
    code_postal: CodePostal | None = Field(
        None, description="Code postal (5 chiffres, entre guillemets)."
    )
    commune: CodeCommune = Field(
        description="Code INSEE de la commune (5 caractères, entre guillemets ; ce n'est pas "
        "le code postal)."
    )


class Origine(Strict):
    """Where an imported record comes from, so a re-import updates it and never a hand edit."""

    source: Texte = Field(description="Jeu de données importé (data-inclusion…).")
    producteur: Texte | None = Field(
        None, description="Producteur d'origine dans ce jeu (france-travail, dora…)."
    )
    identifiant: Texte = Field(description="Identifiant de l'enregistrement dans la source.")
    date_maj: DateComplete | None = Field(
        None, description="Date de mise à jour de l'enregistrement chez la source."
    )
    empreinte: Texte | None = Field(
        None,
        description="Empreinte du contenu importé : ne la modifiez pas (elle permet de "
        "savoir si la fiche a été retouchée à la main).",
    )


class Lieu(Strict):
    """A structure or reception point where people are received (aligned with data·inclusion
    `Structure` v1: nom, adresse, telephone, courriel, site_web, horaires_accueil…)."""

    id: Identifiant = Field(description="Identifiant stable : il fait l'adresse de la page.")
    nom: Annotated[Texte, Field(min_length=3, max_length=150)] = Field(
        description="Nom de la structure ou du point d'accueil (3 à 150 caractères)."
    )
    porteur: Identifiant = Field(description="Identifiant du porteur dont relève le lieu.")
    reseaux_porteurs: list[ValeurVocabulaire] = Field(
        default_factory=list,
        description="Réseaux du lieu (vocabulaire reseaux_porteurs de data·inclusion).",
    )
    description: TexteMultiligne | None = Field(
        None, description="Ce qu'on y trouve, en une phrase."
    )
    adresse: Adresse = Field(description="Adresse ; au moins le code INSEE de la commune.")
    telephone: Telephone | None = Field(None, description="Numéro d'accueil du lieu.")
    courriel: Courriel | None = Field(None, description="Adresse électronique du lieu.")
    site_web: Url | None = Field(None, description="Page web du lieu.")
    horaires: TexteMultiligne | None = Field(None, description="Horaires d'accueil, en clair.")
    horaires_osm: HorairesOsm | None = Field(
        None,
        description="Horaires au format OpenStreetMap (« Mo-Fr 08:30-12:30; PH off »), "
        "comme data·inclusion.",
    )
    rendez_vous: Literal["obligatoire", "conseille", "possible", "sans"] | None = Field(
        None,
        description="Rendez-vous : obligatoire, conseille, possible (proposé sans être "
        "exigé) ou sans (accueil libre) ; vide si aucune source ne le dit.",
    )
    accueil_precisions: TexteMultiligne | None = Field(
        None,
        description="Conditions d'accueil en clair (rendez-vous, permanences, itinérance, "
        "fermetures), telles que la source les donne.",
    )
    accessibilite: Url | None = Field(
        None, description="Page Acceslibre du lieu (accessibilité aux personnes handicapées)."
    )
    accessibilite_precisions: TexteMultiligne | None = Field(
        None, description="Accessibilité, en clair (plain-pied, ascenseur…)."
    )
    zone_desservie: list[Texte] = Field(
        default_factory=list,
        description="Communes (INSEE), EPCI (SIREN), départements ou territoires que le lieu "
        "dessert, entre guillemets ; vide si aucune source ne le dit.",
    )
    zone_precisions: TexteMultiligne | None = Field(
        None, description="Zone desservie, en clair, telle que la source la décrit."
    )
    dispositifs: list[Identifiant] = Field(
        default_factory=list,
        description="Dispositifs délivrés dans ce lieu en plus de ceux de son réseau.",
    )
    sources: list[Source] = Field(min_length=1, description="Pages d'où viennent les faits.")
    consulte_le: DateComplete = Field(
        description="Date à laquelle les sources citées ont été lues pour la dernière fois."
    )
    verifie_le: DateComplete | None = Field(
        None, description="Date à laquelle la structure a confirmé ces informations (vide sinon)."
    )
    a_verifier: list[TexteMultiligne] = Field(
        default_factory=list, description="Points incertains : quoi vérifier, et où."
    )
    origine: Origine | None = Field(
        None, description="Provenance d'un lieu importé (rempli par l'import ; ne pas saisir)."
    )

    @property
    def updated_on(self) -> date:
        """How recent the place's facts are, wherever a « last updated » date is given (the
        site map, data·inclusion): confirmed by the structure, else the date of the imported
        data (a dated list is not re-dated by reading it again), else the day its sources
        were read."""
        if self.verifie_le:
            return self.verifie_le
        if self.origine and self.origine.date_maj:
            return self.origine.date_maj
        return self.consulte_le


# ---------------------------------------------------------------------------- réglages


def _within_bounds(value: Any, info: ValidationInfo) -> Any:
    """A whole number out of its field's range: say the range (the generic message does not)."""
    if isinstance(value, int) and not isinstance(value, bool) and info.field_name:
        low, high = _SETTING_BOUNDS.get(info.field_name, (None, None))
        if (low is not None and value < low) or (high is not None and value > high):
            raise _fr_error(
                "bornes", f"{value} hors des bornes permises : de {low} à {high} (inclus)."
            )
    return value


class LimitesEntrees(Strict):
    """Sizes past which an input is refused before it is read (see README, « Limites »)."""

    _bounds = field_validator("*", mode="before")(_within_bounds)

    fichier_octets_max: Annotated[int, Field(ge=1_000, le=20_000_000_000)] = Field(
        300_000_000,
        description="Taille maximale d'un fichier importé (data·inclusion, classeur, CSV), "
        "en octets.",
    )
    csv_octets_max: Annotated[int, Field(ge=1_000, le=2_000_000_000)] = Field(
        10_000_000, description="Taille maximale du fichier CSV des territoires, en octets."
    )
    classeur_partie_octets_max: Annotated[int, Field(ge=1_000, le=2_000_000_000)] = Field(
        50_000_000,
        description="Taille décompressée maximale de chaque partie d'un classeur .xlsx/.ods, "
        "en octets.",
    )
    classeur_taux_compression_max: Annotated[int, Field(ge=10, le=10_000)] = Field(
        200, description="Taux de compression maximal d'une partie d'un classeur."
    )
    classeur_lignes_max: Annotated[int, Field(ge=10, le=1_000_000)] = Field(
        5_000, description="Lignes maximales par feuille d'un classeur."
    )
    classeur_fiches_ecrites_max: Annotated[int, Field(ge=10, le=1_000_000)] = Field(
        500,
        description="Fiches nouvelles ou modifiées au plus par import de classeur (chacune "
        "coûte de 15 à 80 ms).",
    )
    classeur_cellules_max: Annotated[int, Field(ge=100, le=100_000_000)] = Field(
        500_000, description="Cellules maximales par feuille d'un classeur."
    )
    enregistrements_max: Annotated[int, Field(ge=10, le=100_000_000)] = Field(
        250_000, description="Enregistrements maximaux d'un fichier data·inclusion."
    )
    json_texte_octets_max: Annotated[int, Field(ge=1_000, le=1_000_000_000)] = Field(
        1_000_000, description="Taille maximale d'une valeur texte d'un fichier JSON importé."
    )
    profondeur_json_max: Annotated[int, Field(ge=4, le=1_000)] = Field(
        32, description="Imbrication maximale ([…] et {…}) d'un fichier JSON importé."
    )
    synonymes_groupe_max: Annotated[int, Field(ge=2, le=1_000)] = Field(
        40, description="Expressions maximales d'un groupe d'équivalences (synonymes.yaml)."
    )
    synonymes_expansion_max: Annotated[int, Field(ge=10, le=10_000_000)] = Field(
        20_000,
        description="Liens maximaux entre expressions produits par synonymes.yaml "
        "(un groupe de n expressions en produit n × (n − 1)).",
    )


class Reglages(Strict):
    """Rules the Cariforef sets for the whole offer, in offer_data/reglages.yaml."""

    _bounds = field_validator("*", mode="before")(_within_bounds)

    statut_a_confirmer_apres_mois: Annotated[int, Field(ge=1, le=240)] = Field(
        24,
        description="Un dispositif actif dont la source datée la plus récente a plus de "
        "mois que ce nombre affiche « Statut à confirmer ».",
    )
    fiche_a_revoir_apres_mois: Annotated[int, Field(ge=1, le=120)] = Field(
        12,
        description="Le rapport signale les fiches dont les sources n'ont pas été relues "
        "depuis plus de mois que ce nombre.",
    )
    limites: LimitesEntrees = Field(
        default_factory=LimitesEntrees,
        description="Limites des entrées (imports, synonymes) : voir le README, « Limites des "
        "entrées ».",
    )


def _bounds_of(*models: type[BaseModel]) -> dict[str, tuple[Any, Any]]:
    bounds: dict[str, tuple[Any, Any]] = {}
    for model in models:
        for name, info in model.model_fields.items():
            low = next((m.ge for m in info.metadata if hasattr(m, "ge")), None)
            high = next((m.le for m in info.metadata if hasattr(m, "le")), None)
            if low is not None or high is not None:
                bounds[name] = (low, high)
    return bounds


_SETTING_BOUNDS = _bounds_of(Reglages, LimitesEntrees)


class SourcesOfficielles(Strict):
    """Which source addresses are official, and which are other regions' pages, in
    offer_data/sources-officielles.yaml: the Cariforef keeps these lists."""

    officiels: list[Domaine] = Field(
        default_factory=list,
        description="Domaines officiels (État, Région, Départements, France Travail, "
        "service-public, legifrance, opérateurs publics…) : une adresse en fait partie si "
        "son nom de domaine est celui-ci ou en finit par « .celui-ci » (gouv.fr couvre "
        "travail-emploi.gouv.fr). Le site d'un porteur du dispositif compte aussi.",
    )
    autres_regions: list[DomaineEtChemin] = Field(
        default_factory=list,
        description="Domaines de pages qui parlent d'une autre région (préfecture d'un autre "
        "département, agence régionale d'ailleurs, presse locale d'ailleurs), même règle ; "
        "un domaine suivi d'un chemin (« francetravail.fr/region/bretagne ») ne vise que "
        "les pages dont l'adresse commence ainsi.",
    )


# ---------------------------------------------------------------------------- réseaux


class Annuaire(Strict):
    """The official directory where a network's local counters are found."""

    reseaux: Annotated[list[ValeurVocabulaire], Field(min_length=1)] = Field(
        description="Réseaux (vocabulaire reseaux_porteurs) dont cet annuaire donne les lieux."
    )
    titre: Texte = Field(description="Texte du lien (« Trouver sa mission locale »).")
    url: Url = Field(description="Adresse de l'annuaire officiel (https://…).")
    precisions: Texte | None = Field(
        None, description="Comment s'en servir (rubrique, critère de recherche…)."
    )
    sources: Annotated[list[Source], Field(min_length=1)] = Field(
        description="Pages officielles qui établissent que c'est l'annuaire du réseau."
    )
    consulte_le: DateComplete = Field(description="Date de lecture des sources (AAAA-MM-JJ).")


class AideDemarches(Strict):
    """Counters that help people with the online procedures of national partners."""

    reseau: ValeurVocabulaire = Field(
        description="Réseau de ces lieux (vocabulaire reseaux_porteurs), ex. france-service."
    )
    description: TexteMultiligne = Field(description="Ce que ces lieux font, d'après les sources.")
    partenaires: list[Texte] = Field(
        default_factory=list, description="Organismes nationaux dont ils aident les démarches."
    )
    porteurs: list[Identifiant] = Field(
        default_factory=list,
        description="Ces lieux s'affichent pour les dispositifs dont le porteur ou un co-porteur "
        "est l'un de ces porteurs…",
    )
    reseaux: list[ValeurVocabulaire] = Field(
        default_factory=list,
        description="… ou que délivre l'un de ces réseaux (delivre_par.reseaux).",
    )
    sources: Annotated[list[Source], Field(min_length=1)] = Field(
        description="Pages officielles du programme."
    )
    consulte_le: DateComplete = Field(description="Date de lecture des sources (AAAA-MM-JJ).")


class Reseaux(Strict):
    """Where each network's counters are listed, in offer_data/reseaux.yaml."""

    annuaires: list[Annuaire] = Field(
        default_factory=list, description="Annuaire officiel de chaque réseau."
    )
    aide_demarches: AideDemarches | None = Field(
        None,
        description="Lieux d'aide aux démarches en ligne (France services) et règle d'affichage.",
    )


# ---------------------------------------------------------------------------- vocabulaires


class EntreeVocabulaire(Strict):
    valeur: ValeurVocabulaire = Field(description="Valeur tapée dans les fiches.")
    libelle: Texte = Field(description="Libellé affiché.")
    description: Texte | None = Field(None, description="Définition.")
    data_inclusion: ValeurVocabulaire | None = Field(
        None, description="Valeur data·inclusion équivalente pour l'export, s'il y en a une."
    )


class VocabulairesLocaux(Strict):
    """Our additions to the data·inclusion vocabularies, kept in offer_data/vocabulaires.yaml."""

    categories_thematiques: list[EntreeVocabulaire] = Field(default_factory=list)
    thematiques: list[EntreeVocabulaire] = Field(default_factory=list)
    publics: list[EntreeVocabulaire] = Field(default_factory=list)
    types: list[EntreeVocabulaire] = Field(default_factory=list)
    frais: list[EntreeVocabulaire] = Field(default_factory=list)
    modes_mobilisation: list[EntreeVocabulaire] = Field(default_factory=list)
    mobilisable_par: list[EntreeVocabulaire] = Field(default_factory=list)
    axes_clefop: list[EntreeVocabulaire] = Field(default_factory=list)


MODELS_BY_KIND: dict[str, type[Strict]] = {
    "dispositif": Dispositif,
    "porteur": Porteur,
    "territoire": Territoire,
    "lieu": Lieu,
    "vocabulaires": VocabulairesLocaux,
    "reglages": Reglages,
}


def field_names(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def describe(model: type[BaseModel]) -> dict[str, Any]:
    """Field → description, used by the editors' reference page and its test."""
    return {name: info.description for name, info in model.model_fields.items()}
