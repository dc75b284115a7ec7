# ruff: noqa: E501 (one French sentence per line reads better than split strings)
"""Word and phrase banks for `offre synth` (synthetic datasets for performance measurements).

Everything here is invented: plausible French text about employment, training and
guidance schemes, with no external corpus. `synth.py` combines these pieces at random
(seeded), so the banks are plain data: tuples of strings and small records.

Conventions used by the combiner:
- a *head* is a scheme name's first words, with its grammatical gender/number
  (m, f, mp, fp) and the preposition that introduces its topic (à, de, sur, pour);
- a *topic* is (determiner, noun phrase), so « à » + (le, permis de conduire) gives
  « au permis de conduire »;
- `{public}`, `{goal}`, `{metier}`… in sentences are filled by the combiner.
"""

from __future__ import annotations

from typing import NamedTuple


class Head(NamedTuple):
    text: str
    gender: str  # m, f, mp, fp
    prep: str  # à, de, sur, pour


class ProviderSpec(NamedTuple):
    id: str
    nom: str
    sigle: str | None
    niveau: str
    reseau: str | None
    departement: str | None  # home département of departmental and local providers
    description: str


# ---------------------------------------------------------------------------- providers

PROVIDERS: tuple[ProviderSpec, ...] = (
    # national
    ProviderSpec(
        "france-travail",
        "France Travail",
        None,
        "national",
        "france-travail",
        None,
        "Opérateur public de l'emploi : inscription, accompagnement et aides aux demandeurs "
        "d'emploi, appui au recrutement des entreprises.",
    ),
    ProviderSpec(
        "etat-dreets",
        "État – Direction régionale de l'économie, de l'emploi, du travail et des solidarités",
        "DREETS",
        "national",
        None,
        None,
        "Services déconcentrés de l'État chargés des politiques de l'emploi et de l'insertion.",
    ),
    ProviderSpec(
        "agefiph",
        "Association de gestion du fonds pour l'insertion des personnes handicapées",
        "Agefiph",
        "national",
        "agefiph",
        None,
        "Finance des aides et des services pour l'emploi des personnes handicapées.",
    ),
    ProviderSpec(
        "apec",
        "Association pour l'emploi des cadres",
        "Apec",
        "national",
        None,
        None,
        "Conseille les cadres, les jeunes diplômés et les entreprises qui les recrutent.",
    ),
    ProviderSpec(
        "afpa",
        "Agence nationale pour la formation professionnelle des adultes",
        "Afpa",
        "national",
        "afpa",
        None,
        "Organisme de formation qualifiante des adultes, avec hébergement sur certains sites.",
    ),
    ProviderSpec(
        "caisse-des-depots",
        "Caisse des Dépôts",
        None,
        "national",
        None,
        None,
        "Gère le compte personnel de formation et sa plateforme.",
    ),
    ProviderSpec(
        "action-logement",
        "Action Logement",
        None,
        "national",
        "action-logement",
        None,
        "Aides au logement des salariés et des jeunes en formation ou en alternance.",
    ),
    ProviderSpec(
        "epide",
        "Établissement pour l'insertion dans l'emploi",
        "EPIDE",
        "national",
        "epide",
        None,
        "Parcours d'insertion en internat pour les jeunes de 17 à 25 ans.",
    ),
    ProviderSpec(
        "cnam",
        "Conservatoire national des arts et métiers",
        "Cnam",
        "national",
        "cnam",
        None,
        "Formations diplômantes pour adultes, en cours du soir ou à distance.",
    ),
    ProviderSpec(
        "adie",
        "Association pour le droit à l'initiative économique",
        "Adie",
        "national",
        "adie",
        None,
        "Microcrédit et accompagnement des créateurs d'entreprise sans accès au crédit bancaire.",
    ),
    # regional
    ProviderSpec(
        "region-pays-de-la-loire",
        "Région Pays de la Loire",
        None,
        "regional",
        "regions",
        None,
        "Finance la formation des demandeurs d'emploi, l'orientation et l'apprentissage.",
    ),
    ProviderSpec(
        "cariforef",
        "Carif-Oref des Pays de la Loire",
        None,
        "regional",
        None,
        None,
        "Informe sur l'offre de formation et observe l'emploi et la formation en région.",
    ),
    ProviderSpec(
        "transitions-pro",
        "Transitions Pro Pays de la Loire",
        None,
        "regional",
        None,
        None,
        "Finance les projets de transition professionnelle des salariés.",
    ),
    ProviderSpec(
        "aract",
        "Association régionale pour l'amélioration des conditions de travail",
        "Aract",
        "regional",
        None,
        None,
        "Appuie les entreprises sur l'organisation du travail et la qualité de vie au travail.",
    ),
    ProviderSpec(
        "cma",
        "Chambre de métiers et de l'artisanat des Pays de la Loire",
        "CMA",
        "regional",
        "chambres-consulaires",
        None,
        "Accompagne les artisans, les créateurs d'entreprise artisanale et les apprentis.",
    ),
    ProviderSpec(
        "cci",
        "Chambre de commerce et d'industrie des Pays de la Loire",
        "CCI",
        "regional",
        "chambres-consulaires",
        None,
        "Appuie les entreprises du commerce, de l'industrie et des services.",
    ),
    ProviderSpec(
        "opco-ep",
        "Opérateur de compétences des entreprises de proximité",
        "Opco EP",
        "regional",
        None,
        None,
        "Finance l'alternance et la formation des salariés des petites entreprises.",
    ),
    ProviderSpec(
        "e2c",
        "Écoles de la deuxième chance des Pays de la Loire",
        "E2C",
        "regional",
        "ecoles-de-la-deuxieme-chance",
        None,
        "Parcours en alternance pour les jeunes sortis du système scolaire sans diplôme.",
    ),
    ProviderSpec(
        "bge",
        "BGE Atlantique Vendée",
        "BGE",
        "regional",
        "reseau-bge",
        None,
        "Conseil et formation des porteurs de projet de création d'entreprise.",
    ),
    ProviderSpec(
        "unis-cite",
        "Unis-Cité Pays de la Loire",
        None,
        "regional",
        "unis-cite",
        None,
        "Programmes de service civique en équipe pour les jeunes.",
    ),
    # departmental
    ProviderSpec(
        "departement-44",
        "Département de Loire-Atlantique",
        None,
        "departemental",
        "departements",
        "44",
        "Insertion des bénéficiaires du RSA, action sociale et aides à la mobilité.",
    ),
    ProviderSpec(
        "departement-49",
        "Département de Maine-et-Loire",
        None,
        "departemental",
        "departements",
        "49",
        "Insertion des bénéficiaires du RSA et accompagnement social.",
    ),
    ProviderSpec(
        "departement-53",
        "Département de la Mayenne",
        None,
        "departemental",
        "departements",
        "53",
        "Insertion, action sociale et soutien aux familles.",
    ),
    ProviderSpec(
        "departement-72",
        "Département de la Sarthe",
        None,
        "departemental",
        "departements",
        "72",
        "Insertion des bénéficiaires du RSA et aides individuelles.",
    ),
    ProviderSpec(
        "departement-85",
        "Département de la Vendée",
        None,
        "departemental",
        "departements",
        "85",
        "Insertion, autonomie et action sociale de proximité.",
    ),
    ProviderSpec(
        "cap-emploi-44",
        "Cap emploi Loire-Atlantique",
        None,
        "departemental",
        "cap-emploi-reseau-cheops",
        "44",
        "Accompagne vers l'emploi et dans l'emploi les personnes en situation de handicap.",
    ),
    ProviderSpec(
        "caf-49",
        "Caisse d'allocations familiales de Maine-et-Loire",
        "CAF 49",
        "departemental",
        "caf",
        "49",
        "Prestations familiales et aides à la garde d'enfants.",
    ),
    ProviderSpec(
        "mdph-72",
        "Maison départementale des personnes handicapées de la Sarthe",
        "MDPH 72",
        "departemental",
        "mdph",
        "72",
        "Reconnaissance du handicap et orientation professionnelle.",
    ),
    ProviderSpec(
        "udaf-85",
        "Union départementale des associations familiales de la Vendée",
        "UDAF 85",
        "departemental",
        "unaf",
        "85",
        "Soutien aux familles, information budgétaire et protection des majeurs.",
    ),
    ProviderSpec(
        "siao-53",
        "Service intégré d'accueil et d'orientation de la Mayenne",
        "SIAO 53",
        "departemental",
        "siao",
        "53",
        "Orientation vers l'hébergement et le logement accompagné.",
    ),
    # local
    ProviderSpec(
        "mission-locale-nantes",
        "Mission locale Nantes Métropole",
        None,
        "local",
        "mission-locale",
        "44",
        "Accompagne les jeunes de 16 à 25 ans vers l'emploi, la formation et l'autonomie.",
    ),
    ProviderSpec(
        "mission-locale-angers",
        "Mission locale angevine",
        None,
        "local",
        "mission-locale",
        "49",
        "Accueil, information et accompagnement des jeunes de 16 à 25 ans.",
    ),
    ProviderSpec(
        "mission-locale-sarthe-nord",
        "Mission locale Sarthe Nord",
        None,
        "local",
        "mission-locale",
        "72",
        "Accompagnement des jeunes en milieu rural et périurbain.",
    ),
    ProviderSpec(
        "plie-vendee-littoral",
        "Plan local pour l'insertion et l'emploi du littoral vendéen",
        "PLIE",
        "local",
        "plie",
        "85",
        "Parcours renforcés vers l'emploi pour les personnes qui en sont éloignées.",
    ),
    ProviderSpec(
        "maison-emploi-laval",
        "Maison de l'emploi du Pays de Laval",
        None,
        "local",
        "maisons-de-l-emploi",
        "53",
        "Coordonne les acteurs de l'emploi et organise des événements de recrutement.",
    ),
    ProviderSpec(
        "ccas-saint-nazaire",
        "Centre communal d'action sociale de Saint-Nazaire",
        "CCAS",
        "local",
        "ccas-cias",
        "44",
        "Aides sociales de proximité et accompagnement des personnes isolées.",
    ),
    ProviderSpec(
        "garage-solidaire-vendeen",
        "Garage solidaire vendéen",
        None,
        "local",
        None,
        "85",
        "Réparation, location et vente de véhicules à prix solidaires.",
    ),
    ProviderSpec(
        "chantier-insertion-saumurois",
        "Atelier chantier d'insertion du Saumurois",
        "ACI",
        "local",
        "aci",
        "49",
        "Emplois en insertion dans les espaces verts, le bâtiment et le réemploi.",
    ),
    ProviderSpec(
        "centre-social-la-fleche",
        "Centre social du Pays fléchois",
        None,
        "local",
        "fcsf",
        "72",
        "Animation de la vie sociale, ateliers numériques et soutien aux familles.",
    ),
    ProviderSpec(
        "geiq-btp-44",
        "GEIQ BTP de Loire-Atlantique",
        None,
        "local",
        "geiq",
        "44",
        "Recrute et forme en alternance des personnes éloignées de l'emploi pour le bâtiment.",
    ),
)

# ---------------------------------------------------------------------------- titles

HEADS: dict[str, tuple[Head, ...]] = {
    "accompagnement": (
        Head("Accompagnement", "m", "à"),
        Head("Appui", "m", "à"),
        Head("Parcours d'accompagnement", "m", "à"),
        Head("Suivi", "m", "pour"),
        Head("Coaching", "m", "pour"),
        Head("Accompagnement individuel", "m", "à"),
        Head("Accompagnement collectif", "m", "à"),
    ),
    "aide-financiere": (
        Head("Aide", "f", "à"),
        Head("Aide financière", "f", "pour"),
        Head("Prime", "f", "à"),
        Head("Bourse", "f", "pour"),
        Head("Participation financière", "f", "à"),
        Head("Chèque", "m", "pour"),
    ),
    "aide-materielle": (
        Head("Aide matérielle", "f", "pour"),
        Head("Prêt solidaire", "m", "pour"),
        Head("Dotation en équipement", "f", "pour"),
        Head("Mise à disposition de matériel", "f", "pour"),
    ),
    "atelier": (
        Head("Atelier", "m", "sur"),
        Head("Ateliers collectifs", "mp", "sur"),
        Head("Session d'initiation", "f", "à"),
        Head("Atelier pratique", "m", "sur"),
        Head("Cycle d'ateliers", "m", "sur"),
    ),
    "formation": (
        Head("Formation", "f", "à"),
        Head("Préparation", "f", "à"),
        Head("Parcours de formation", "m", "à"),
        Head("Module de formation", "m", "sur"),
        Head("Formation qualifiante", "f", "à"),
        Head("Formation certifiante", "f", "à"),
    ),
    "information": (
        Head("Réunion d'information", "f", "sur"),
        Head("Permanence d'information", "f", "sur"),
        Head("Information collective", "f", "sur"),
        Head("Point conseil", "m", "sur"),
    ),
    "outil": (
        Head("Plateforme en ligne", "f", "pour"),
        Head("Guide pratique", "m", "de"),
        Head("Portail", "m", "de"),
        Head("Répertoire des acteurs", "m", "de"),
        Head("Boîte à outils", "f", "pour"),
    ),
    "evenement": (
        Head("Forum", "m", "de"),
        Head("Salon", "m", "de"),
        Head("Rencontres", "fp", "de"),
        Head("Semaine", "f", "de"),
        Head("Job dating", "m", "pour"),
    ),
    "programme": (
        Head("Programme territorial", "m", "pour"),
        Head("Plan d'action", "m", "pour"),
        Head("Démarche concertée", "f", "pour"),
        Head("Programme", "m", "de"),
    ),
    "contrat-aide": (
        Head("Contrat aidé", "m", "pour"),
        Head("Contrat d'insertion", "m", "pour"),
        Head("Parcours emploi compétences", "m", "pour"),
    ),
}

# Adjectives as (m, f, mp, fp).
ADJECTIVES: tuple[tuple[str, str, str, str], ...] = (
    ("renforcé", "renforcée", "renforcés", "renforcées"),
    ("personnalisé", "personnalisée", "personnalisés", "personnalisées"),
    ("intensif", "intensive", "intensifs", "intensives"),
    ("territorial", "territoriale", "territoriaux", "territoriales"),
    ("solidaire", "solidaire", "solidaires", "solidaires"),
    ("expérimental", "expérimentale", "expérimentaux", "expérimentales"),
    ("départemental", "départementale", "départementaux", "départementales"),
    ("régional", "régionale", "régionaux", "régionales"),
    ("itinérant", "itinérante", "itinérants", "itinérantes"),
    ("court", "courte", "courts", "courtes"),
)

# Business sectors, each as "de la logistique" (used after « métiers »).
SECTORS: tuple[str, ...] = (
    "de la logistique",
    "du bâtiment",
    "des travaux publics",
    "de l'industrie",
    "de la métallurgie",
    "de l'agroalimentaire",
    "de l'aide à domicile",
    "du soin",
    "de la petite enfance",
    "de l'hôtellerie-restauration",
    "du commerce",
    "de la vente",
    "du transport routier",
    "du numérique",
    "de l'agriculture",
    "du maraîchage",
    "de la viticulture",
    "de la propreté",
    "de la sécurité",
    "de l'animation",
    "du sport",
    "de la navale",
    "de l'aéronautique",
    "de l'énergie",
    "de la maintenance",
    "de l'automobile",
    "de la plasturgie",
    "du bois",
    "de l'ameublement",
    "de la banque et de l'assurance",
    "de la comptabilité",
    "de l'environnement",
    "du tourisme",
    "de la mer",
    "de la culture",
)

TRADES: tuple[str, ...] = (
    "aide-soignant",
    "auxiliaire de vie",
    "agent de propreté",
    "cariste",
    "préparateur de commandes",
    "conducteur de bus",
    "conducteur routier",
    "soudeur",
    "chaudronnier",
    "électricien",
    "plombier chauffagiste",
    "maçon",
    "peintre en bâtiment",
    "menuisier",
    "charpentier",
    "couvreur",
    "cuisinier",
    "serveur",
    "commis de cuisine",
    "boulanger",
    "boucher",
    "vendeur conseil",
    "employé de libre-service",
    "caissier",
    "agent de sécurité",
    "animateur périscolaire",
    "assistant maternel",
    "agent de service hospitalier",
    "technicien de maintenance",
    "mécanicien automobile",
    "carrossier",
    "opérateur de production",
    "conducteur de ligne",
    "usineur",
    "développeur web",
    "technicien support informatique",
    "comptable",
    "assistant administratif",
    "secrétaire médical",
    "ouvrier agricole",
    "maraîcher",
    "ouvrier viticole",
    "paysagiste",
    "agent d'entretien des espaces verts",
    "ambulancier",
    "moniteur d'auto-école",
    "coiffeur",
    "esthéticien",
    "agent portuaire",
    "matelot",
)

# Topics by theme category: (determiner, noun phrase). « les métiers {sector} » is added.
TOPICS: dict[str, tuple[tuple[str, str], ...]] = {
    "trouver-un-emploi": (
        ("la", "recherche d'emploi"),
        ("le", "retour à l'emploi"),
        ("l'", "accès à l'emploi durable"),
        ("l'", "emploi des seniors"),
        ("les", "candidatures spontanées"),
        ("le", "maintien dans l'emploi"),
    ),
    "se-former": (
        ("la", "qualification"),
        ("la", "formation qualifiante"),
        ("la", "certification professionnelle"),
        ("l'", "apprentissage"),
        ("la", "validation des acquis de l'expérience"),
        ("la", "préqualification"),
        ("le", "financement de la formation"),
    ),
    "mobilite": (
        ("le", "permis de conduire"),
        ("la", "mobilité"),
        ("la", "location de véhicules"),
        ("les", "déplacements domicile-travail"),
        ("le", "covoiturage solidaire"),
        ("la", "réparation de véhicules"),
        ("le", "code de la route"),
    ),
    "creer-une-entreprise": (
        ("la", "création d'entreprise"),
        ("la", "reprise d'entreprise"),
        ("l'", "entrepreneuriat"),
        ("le", "microcrédit professionnel"),
        ("le", "développement de son activité"),
    ),
    "numerique": (
        ("le", "numérique"),
        ("les", "démarches en ligne"),
        ("l'", "inclusion numérique"),
        ("l'", "équipement informatique"),
        ("les", "outils bureautiques"),
    ),
    "recruter": (
        ("l'", "embauche"),
        ("le", "recrutement"),
        ("l'", "alternance"),
        ("l'", "intégration des nouveaux salariés"),
        ("les", "métiers en tension"),
        ("le", "recrutement sans CV"),
    ),
    "competences-salaries": (
        ("la", "reconversion"),
        ("la", "formation des salariés"),
        ("l'", "évolution professionnelle"),
        ("la", "transition professionnelle"),
        ("le", "développement des compétences"),
    ),
    "choisir-un-metier": (
        ("l'", "orientation"),
        ("la", "découverte des métiers"),
        ("le", "projet professionnel"),
        ("le", "bilan de compétences"),
        ("l'", "immersion en entreprise"),
    ),
    "preparer-sa-candidature": (
        ("la", "candidature"),
        ("le", "curriculum vitae"),
        ("l'", "entretien d'embauche"),
        ("le", "réseau professionnel"),
        ("la", "valorisation des compétences"),
    ),
    "famille": (
        ("la", "garde d'enfants"),
        ("la", "parentalité"),
        ("les", "aidants familiaux"),
        ("la", "conciliation des temps de vie"),
    ),
    "logement-hebergement": (
        ("le", "logement"),
        ("l'", "hébergement temporaire"),
        ("l'", "accès au logement"),
        ("le", "logement des alternants"),
    ),
    "sante": (
        ("l'", "accès aux soins"),
        ("la", "santé au travail"),
        ("la", "santé mentale"),
        ("la", "prévention des addictions"),
    ),
    "remobilisation": (
        ("la", "confiance en soi"),
        ("la", "remobilisation"),
        ("le", "lien social"),
        ("l'", "engagement citoyen"),
    ),
    "lecture-ecriture-calcul": (
        ("le", "français à visée professionnelle"),
        ("les", "compétences de base"),
        ("la", "lecture et l'écriture"),
        ("le", "calcul professionnel"),
    ),
    "difficultes-administratives-ou-juridiques": (
        ("les", "démarches administratives"),
        ("l'", "accès aux droits"),
        ("la", "lutte contre les discriminations"),
    ),
    "difficultes-financieres": (
        ("le", "budget"),
        ("la", "gestion budgétaire"),
        ("la", "prévention du surendettement"),
    ),
    "soutien-entreprises": (
        ("le", "maintien de l'activité"),
        ("l'", "organisation du travail"),
        ("la", "gestion des compétences"),
        ("la", "qualité de vie au travail"),
        ("le", "dialogue social"),
    ),
    "outiller-les-professionnels": (
        ("la", "coordination des acteurs"),
        ("l'", "information des professionnels"),
        ("la", "connaissance de l'offre de formation"),
        ("l'", "observation de l'emploi"),
    ),
    "souvrir-a-linternational": (
        ("la", "mobilité internationale"),
        ("l'", "emploi à l'étranger"),
        ("le", "volontariat international"),
    ),
    "equipement-et-alimentation": (
        ("l'", "équipement de la maison"),
        ("l'", "aide alimentaire"),
        ("la", "tenue professionnelle"),
    ),
}

# Categories that also get « les métiers {sector} » as a topic.
SECTOR_CATEGORIES = frozenset(
    {"se-former", "recruter", "choisir-un-metier", "trouver-un-emploi", "competences-salaries"}
)

# Public → (phrase after « pour les » / « aux », short label for sentences).
PUBLIC_PHRASES: dict[str, str] = {
    "tous-publics": "personnes en recherche de solutions",
    "actifs": "actifs",
    "beneficiaires-des-minimas-sociaux": "bénéficiaires du RSA",
    "demandeurs-emploi": "demandeurs d'emploi",
    "etudiants": "étudiants",
    "familles": "familles",
    "femmes": "femmes",
    "jeunes": "jeunes de 16 à 25 ans",
    "personnes-en-situation-de-handicap": "personnes en situation de handicap",
    "personnes-en-situation-durgence": "personnes en situation d'urgence",
    "personnes-exilees": "personnes réfugiées",
    "residents-qpv-frr": "habitants des quartiers prioritaires",
    "seniors": "demandeurs d'emploi de plus de 50 ans",
    "employeurs": "employeurs",
    "salaries": "salariés",
    "professionnels-emploi-formation": "professionnels de l'accompagnement",
}

# Which publics fit which theme categories (the first public is the most likely).
CATEGORY_PUBLICS: dict[str, tuple[str, ...]] = {
    "trouver-un-emploi": ("demandeurs-emploi", "jeunes", "seniors", "beneficiaires-des-minimas-sociaux", "femmes", "residents-qpv-frr"),
    "se-former": ("demandeurs-emploi", "jeunes", "salaries", "personnes-en-situation-de-handicap", "actifs"),
    "mobilite": ("demandeurs-emploi", "jeunes", "beneficiaires-des-minimas-sociaux", "residents-qpv-frr"),
    "creer-une-entreprise": ("demandeurs-emploi", "actifs", "femmes", "beneficiaires-des-minimas-sociaux"),
    "numerique": ("tous-publics", "seniors", "demandeurs-emploi", "familles"),
    "recruter": ("employeurs",),
    "competences-salaries": ("salaries", "employeurs", "actifs"),
    "choisir-un-metier": ("jeunes", "demandeurs-emploi", "etudiants", "salaries"),
    "preparer-sa-candidature": ("demandeurs-emploi", "jeunes", "personnes-exilees"),
    "famille": ("familles", "femmes", "demandeurs-emploi"),
    "logement-hebergement": ("jeunes", "personnes-en-situation-durgence", "familles"),
    "sante": ("tous-publics", "demandeurs-emploi", "personnes-en-situation-de-handicap"),
    "remobilisation": ("jeunes", "beneficiaires-des-minimas-sociaux", "demandeurs-emploi"),
    "lecture-ecriture-calcul": ("personnes-exilees", "demandeurs-emploi", "salaries"),
    "difficultes-administratives-ou-juridiques": ("tous-publics", "personnes-exilees", "familles"),
    "difficultes-financieres": ("familles", "beneficiaires-des-minimas-sociaux"),
    "soutien-entreprises": ("employeurs", "salaries"),
    "outiller-les-professionnels": ("professionnels-emploi-formation",),
    "souvrir-a-linternational": ("jeunes", "etudiants", "demandeurs-emploi"),
    "equipement-et-alimentation": ("familles", "personnes-en-situation-durgence"),
}  # fmt: skip

# Which scheme types fit which categories (first is the most likely).
CATEGORY_TYPES: dict[str, tuple[str, ...]] = {
    "trouver-un-emploi": ("accompagnement", "atelier", "evenement", "contrat-aide", "information"),
    "se-former": ("formation", "aide-financiere", "information", "outil"),
    "mobilite": ("aide-financiere", "aide-materielle", "accompagnement", "formation"),
    "creer-une-entreprise": ("accompagnement", "aide-financiere", "atelier", "information"),
    "numerique": ("atelier", "aide-materielle", "accompagnement", "outil"),
    "recruter": ("aide-financiere", "evenement", "accompagnement", "formation", "outil"),
    "competences-salaries": ("formation", "aide-financiere", "accompagnement", "programme"),
    "choisir-un-metier": ("accompagnement", "atelier", "evenement", "outil", "information"),
    "preparer-sa-candidature": ("atelier", "accompagnement"),
    "famille": ("aide-financiere", "accompagnement", "information"),
    "logement-hebergement": ("aide-financiere", "accompagnement", "information"),
    "sante": ("accompagnement", "information", "atelier"),
    "remobilisation": ("atelier", "accompagnement", "programme"),
    "lecture-ecriture-calcul": ("formation", "atelier"),
    "difficultes-administratives-ou-juridiques": ("accompagnement", "information"),
    "difficultes-financieres": ("accompagnement", "atelier", "aide-financiere"),
    "soutien-entreprises": ("accompagnement", "programme", "aide-financiere", "outil"),
    "outiller-les-professionnels": ("outil", "programme", "information", "evenement"),
    "souvrir-a-linternational": ("information", "aide-financiere", "accompagnement"),
    "equipement-et-alimentation": ("aide-materielle", "aide-financiere"),
}

# Weight of each category when drawing a scheme's main theme (employment and training first).
CATEGORY_WEIGHTS: dict[str, int] = {
    "trouver-un-emploi": 14,
    "se-former": 16,
    "mobilite": 8,
    "creer-une-entreprise": 6,
    "numerique": 5,
    "recruter": 10,
    "competences-salaries": 8,
    "choisir-un-metier": 8,
    "preparer-sa-candidature": 5,
    "famille": 3,
    "logement-hebergement": 3,
    "sante": 2,
    "remobilisation": 4,
    "lecture-ecriture-calcul": 3,
    "difficultes-administratives-ou-juridiques": 2,
    "difficultes-financieres": 2,
    "soutien-entreprises": 5,
    "outiller-les-professionnels": 3,
    "souvrir-a-linternational": 1,
    "equipement-et-alimentation": 1,
}

# ---------------------------------------------------------------------------- sentences

GOALS: tuple[str, ...] = (
    "retrouver un emploi durable",
    "sécuriser un parcours de formation",
    "lever les freins à la mobilité",
    "construire un projet professionnel réaliste",
    "accéder à une qualification reconnue",
    "préparer l'entrée en formation",
    "recruter plus facilement sur des postes difficiles à pourvoir",
    "développer les compétences des salariés",
    "se remettre en mouvement après une longue période sans activité",
    "découvrir un métier avant de s'engager",
    "créer ou reprendre une activité",
    "maintenir l'emploi pendant une baisse d'activité",
    "concilier vie familiale et reprise d'emploi",
    "gagner en autonomie dans ses démarches",
    "consolider les savoirs de base",
    "obtenir un premier contrat de travail",
    "changer de métier sans perdre sa rémunération",
    "mieux connaître les offres d'emploi du bassin",
    "faire reconnaître son expérience",
    "accéder à un logement proche de son lieu de travail",
    "financer tout ou partie d'une formation",
    "rompre l'isolement et reprendre confiance",
    "préparer un entretien d'embauche",
    "sécuriser les premiers mois dans l'emploi",
    "coordonner les acteurs autour d'un même parcours",
)

BENEFITS: tuple[str, ...] = (
    "un conseiller unique suit la personne pendant toute la durée du parcours",
    "les frais restent pris en charge pendant la formation",
    "l'employeur bénéficie d'un appui au recrutement et à l'intégration",
    "la personne repart avec un plan d'action daté",
    "les séances ont lieu près du domicile, en petits groupes",
    "une partie du parcours se déroule en entreprise",
    "l'aide est versée directement au prestataire",
    "le dispositif se cumule avec la plupart des aides existantes",
    "les démarches sont simplifiées grâce à un dossier unique",
    "un bilan est réalisé à mi-parcours avec le prescripteur",
)

# Opening sentences of the description; {titre} is the scheme name.
INTRO_SENTENCES: tuple[str, ...] = (
    "{titre} vise à {goal}.",
    "{titre} permet aux {public} de {goal}.",
    "Avec {titre}, {porteur} propose aux {public} un appui concret pour {goal}.",
    "{titre} répond à un besoin souvent exprimé par les conseillers : aider les {public} à {goal}.",
    "Le dispositif s'adresse aux {public} {lieu} qui souhaitent {goal}.",
)

INTRO_FOLLOW: tuple[str, ...] = (
    "Il est porté par {porteur} en lien avec {partenaire}.",
    "Il s'appuie sur un réseau de partenaires locaux, dont {partenaire}.",
    "Il complète l'offre de droit commun sans s'y substituer.",
    "Il a été conçu avec {partenaire} à partir des besoins repérés sur le terrain.",
    "Il est financé principalement par {porteur}, avec un cofinancement européen.",
    "Il peut être mobilisé à tout moment du parcours, y compris en complément d'une formation.",
)

# Middle sentences: context, organisation, results. Slots: {public}, {metier}, {secteur},
# {duree}, {frequence}, {partenaire}, {lieu}, {nombre}, {porteur}.
BODY_SENTENCES: tuple[str, ...] = (
    "Le parcours dure en moyenne {duree} et s'organise autour de rendez-vous {frequence}.",
    "Chaque personne est reçue individuellement lors d'un premier entretien de diagnostic.",
    "Les entreprises {secteur} sont associées dès le début, notamment pour les métiers de {metier}.",
    "Des périodes de mise en situation en milieu professionnel peuvent être proposées, en particulier comme {metier}.",
    "Les groupes comptent en général de huit à douze participants, pour laisser la place aux échanges.",
    "L'an dernier, environ {nombre} personnes en ont bénéficié sur le territoire.",
    "Le conseiller s'assure que les freins périphériques (garde d'enfants, transport, santé) sont pris en compte.",
    "Un livret de suivi permet de garder la trace des étapes franchies et des compétences acquises.",
    "Les séances alternent apports collectifs, travail individuel et rencontres avec des professionnels.",
    "Les secteurs qui recrutent localement, comme ceux {secteur}, font l'objet d'une attention particulière.",
    "La personne peut être accompagnée par un référent de parcours jusqu'à six mois après sa reprise d'emploi.",
    "Les places étant limitées, les demandes sont examinées par ordre d'arrivée.",
    "Un comité de suivi réunit {partenaire} et {porteur} chaque trimestre pour faire le point sur les situations.",
    "Le contenu est adapté au niveau de chacun, sans prérequis de diplôme.",
    "Les horaires sont compatibles avec une activité à temps partiel ou des contraintes familiales.",
    "Le dispositif s'inscrit dans le pacte régional d'investissement dans les compétences.",
    "Des visites d'entreprises et des rencontres avec des salariés en poste ponctuent le parcours.",
    "Les personnes qui le souhaitent peuvent préparer un titre professionnel de {metier}.",
    "À l'issue du parcours, un bilan écrit est remis à la personne et, avec son accord, à son prescripteur.",
    "L'équipe compte des conseillers en insertion, des formateurs et un chargé de relation entreprises.",
    "Une attention particulière est portée aux {public} résidant loin des centres urbains.",
    "Le financement couvre les frais pédagogiques ; les frais annexes peuvent faire l'objet d'une aide complémentaire.",
    "Les démarches peuvent être engagées en ligne ou lors d'une permanence {lieu}.",
    "Le dispositif a été reconduit après une évaluation positive conduite avec {partenaire}.",
    "Les employeurs partenaires s'engagent à accueillir des stagiaires et à examiner leurs candidatures en priorité.",
    "Une aide à la garde d'enfants peut être sollicitée pendant les périodes de formation.",
    "En cas d'interruption, la personne peut reprendre le parcours là où elle l'avait laissé.",
    "Les sessions démarrent plusieurs fois par an, avec une entrée possible en cours de parcours.",
    "Les outils numériques utilisés sont présentés lors de la première séance, sans prérequis.",
    "Un temps d'échange est prévu avec d'anciens participants qui ont retrouvé un emploi {secteur}.",
    "La durée peut être prolongée de {duree} lorsque la situation le justifie.",
    "Les résultats sont suivis à trois et six mois : accès à l'emploi, entrée en formation ou création d'activité.",
    "Le dispositif est cofinancé par le Fonds social européen dans le cadre du programme régional.",
    "Les professionnels peuvent demander une présentation du dispositif lors de leurs réunions d'équipe.",
    "Un accompagnement renforcé est possible pour les personnes ayant une reconnaissance de handicap.",
    "Les candidatures sont étudiées lors d'une commission qui se réunit {frequence}.",
    "Les participants conservent leurs droits et leur statut pendant toute la durée du dispositif.",
    "Il est possible de cumuler ce dispositif avec une aide à la mobilité pour les trajets vers {lieu_court}.",
    "Le porteur publie chaque année un bilan d'activité consultable sur demande.",
    "Des ateliers thématiques complètent les entretiens : droit du travail, budget, santé, numérique.",
)

CLOSING_SENTENCES: tuple[str, ...] = (
    "Pour toute question, le porteur propose un contact dédié aux professionnels.",
    "Les conseillers peuvent orienter directement les personnes, sans démarche préalable de leur part.",
    "Les modalités précises sont rappelées dans la fiche de prescription.",
    "Les informations de cette fiche sont vérifiées régulièrement auprès du porteur.",
    "Le calendrier des prochaines sessions est disponible auprès du porteur.",
    "Les demandes sont traitées dans un délai de deux à trois semaines.",
)

LIST_INTROS: tuple[str, ...] = (
    "Concrètement, le dispositif comprend :",
    "**Ce que propose le dispositif :**",
    "Le parcours se déroule en plusieurs étapes :",
    "La personne bénéficie notamment de :",
    "**Les points clés :**",
)

# List items by type.
LIST_ITEMS: dict[str, tuple[str, ...]] = {
    "accompagnement": (
        "un entretien de diagnostic pour faire le point sur la situation",
        "un plan d'action construit avec la personne",
        "des rendez-vous réguliers avec un conseiller référent",
        "des mises en relation avec des employeurs du territoire",
        "un appui pour lever les freins liés à la mobilité ou à la garde d'enfants",
        "un suivi dans les premiers mois de l'emploi",
        "des ateliers collectifs sur la recherche d'emploi",
    ),
    "aide-financiere": (
        "une aide versée en une ou deux fois selon le montant",
        "un plafond fixé chaque année par le financeur",
        "une demande à déposer avant l'engagement des dépenses",
        "des justificatifs simples : devis, attestation, pièce d'identité",
        "une réponse rendue dans un délai d'un mois",
        "une aide cumulable avec d'autres financements sous conditions",
    ),
    "aide-materielle": (
        "le prêt d'un équipement pour une durée limitée",
        "une participation symbolique aux frais",
        "un état des lieux au départ et au retour du matériel",
        "un conseil sur l'utilisation et l'entretien",
        "une orientation vers une solution durable à l'issue du prêt",
    ),
    "atelier": (
        "des séances de deux à trois heures en petit groupe",
        "des exercices pratiques sur des situations réelles",
        "des supports remis à chaque participant",
        "un animateur formé à l'accompagnement des adultes",
        "un temps individuel en fin de cycle",
        "une attestation de participation",
    ),
    "formation": (
        "une période en centre de formation",
        "une ou plusieurs périodes d'application en entreprise",
        "une évaluation des acquis en début et en fin de parcours",
        "la préparation d'une certification inscrite au répertoire national",
        "une rémunération ou le maintien des allocations selon le statut",
        "un appui à la recherche d'emploi en fin de formation",
        "des modules de remise à niveau si nécessaire",
    ),
    "information": (
        "une présentation des conditions d'accès",
        "des témoignages de personnes passées par le dispositif",
        "un temps de questions-réponses",
        "la remise de la documentation utile",
        "une prise de rendez-vous individuelle si besoin",
    ),
    "outil": (
        "une recherche par territoire, public et thématique",
        "des fiches pratiques mises à jour régulièrement",
        "un espace réservé aux professionnels",
        "des données téléchargeables",
        "une lettre d'information mensuelle",
    ),
    "evenement": (
        "des stands d'employeurs qui recrutent",
        "des entretiens de recrutement sur place",
        "des ateliers CV et simulation d'entretien",
        "des démonstrations de métiers",
        "un espace d'information sur la formation",
        "des tables rondes avec des professionnels",
    ),
    "programme": (
        "un diagnostic partagé des besoins du territoire",
        "des actions financées chaque année par appel à projets",
        "un comité de pilotage réunissant les financeurs",
        "des indicateurs de suivi publiés",
        "une coordination des acteurs de terrain",
    ),
    "contrat-aide": (
        "un contrat de travail d'au moins vingt heures par semaine",
        "une aide financière versée à l'employeur",
        "un tuteur désigné dans la structure d'accueil",
        "des actions de formation pendant le contrat",
        "un bilan de fin de contrat avec le prescripteur",
    ),
}

PARTNERS: tuple[str, ...] = (
    "France Travail",
    "les missions locales",
    "Cap emploi",
    "les organismes de formation",
    "les entreprises du territoire",
    "les structures d'insertion par l'activité économique",
    "le Département",
    "les centres sociaux",
    "les chambres consulaires",
    "l'opérateur de compétences de la branche",
    "les communautés de communes",
    "les centres communaux d'action sociale",
    "les associations de solidarité",
    "les services de l'État",
    "la Région",
    "les groupements d'employeurs",
    "les lycées professionnels",
    "les maisons France services",
)

DURATIONS: tuple[str, ...] = (
    "trois mois",
    "quatre mois",
    "six mois",
    "huit semaines",
    "douze semaines",
    "neuf mois",
    "un an",
    "dix-huit mois",
)

FREQUENCIES: tuple[str, ...] = (
    "hebdomadaires",
    "tous les quinze jours",
    "mensuels",
    "deux fois par semaine",
    "chaque mois",
)

CONDITIONS: tuple[str, ...] = (
    "Être inscrit comme demandeur d'emploi auprès de France Travail.",
    "Avoir entre 16 et 25 ans révolus.",
    "Avoir moins de 30 ans pour les personnes ayant une reconnaissance de handicap.",
    "Résider sur le territoire concerné.",
    "Disposer d'un projet professionnel validé par un conseiller.",
    "Être bénéficiaire du RSA ou de l'allocation de solidarité spécifique.",
    "Avoir une promesse d'embauche ou une offre d'emploi identifiée.",
    "Ne pas suivre une autre formation financée sur la même période.",
    "Justifier de ressources inférieures au plafond fixé par le porteur.",
    "Être salarié d'une entreprise de moins de 50 salariés.",
    "Disposer d'une reconnaissance de la qualité de travailleur handicapé, ou l'avoir demandée.",
    "Être sorti du système scolaire depuis au moins six mois.",
    "Ne pas être titulaire d'un diplôme de niveau supérieur au baccalauréat.",
    "Avoir le permis B pour les postes nécessitant des déplacements.",
    "Être disponible à temps plein pendant la durée du parcours.",
    "Avoir au moins un an d'expérience professionnelle, continue ou non.",
    "Être orienté par un professionnel de l'accompagnement.",
    "Habiter un quartier prioritaire de la politique de la ville.",
    "Avoir un projet de création ou de reprise d'entreprise sur la région.",
    "Être âgé de 50 ans ou plus.",
    "Pour l'employeur : être à jour de ses cotisations sociales.",
    "Pour l'employeur : proposer un contrat d'au moins six mois.",
    "Maîtriser le français à l'oral, au moins à un niveau débutant.",
    "Avoir un titre de séjour autorisant à travailler.",
    "Ne pas avoir bénéficié de la même aide au cours des douze derniers mois.",
)

MOBILISATION_PRECISIONS: tuple[str, ...] = (
    "Le conseiller transmet la fiche de prescription au porteur, qui recontacte la personne sous quinze jours.",
    "La personne peut se présenter directement lors des permanences, sans rendez-vous.",
    "La demande se fait en ligne ; un conseiller peut aider à remplir le formulaire.",
    "L'entrée se fait après une information collective et un entretien individuel.",
    "L'employeur dépose la demande avant l'embauche, avec le projet de contrat.",
    "Le prescripteur vérifie l'éligibilité puis envoie le dossier complet par courriel.",
    "Les inscriptions ouvrent deux mois avant chaque session ; les places sont limitées.",
    "Un devis et une attestation de situation sont demandés avec le formulaire.",
    "La prescription passe par l'outil de suivi partagé des professionnels.",
    "Le porteur organise un entretien préalable pour vérifier l'adéquation avec le projet.",
    "La personne prend contact par téléphone ; un premier rendez-vous est fixé dans la semaine.",
    "Les professionnels peuvent réserver une place pour une personne qu'ils accompagnent.",
)

PRECISIONS_PUBLICS: tuple[str, ...] = (
    "Jeunes de 16 à 25 ans, ou jusqu'à 29 ans pour les personnes en situation de handicap.",
    "Demandeurs d'emploi inscrits depuis plus de douze mois.",
    "Personnes peu ou pas qualifiées, quel que soit leur âge.",
    "Salariés en contrat à durée indéterminée ou déterminée.",
    "Entreprises de moins de 250 salariés implantées dans la région.",
    "Bénéficiaires du RSA soumis aux droits et devoirs.",
    "Femmes reprenant une activité après un congé parental.",
    "Personnes habitant en zone rurale, sans solution de transport.",
    "Professionnels de l'emploi, de l'insertion et de la formation.",
    "Parents isolés en démarche d'insertion.",
)

PRECISIONS_FRAIS: tuple[str, ...] = (
    "Une participation de 10 euros est demandée à l'inscription.",
    "Reste à charge possible selon les ressources du foyer.",
    "Gratuit pour la personne ; le coût est pris en charge par le financeur.",
    "Frais de repas et de transport pris en charge sous conditions.",
    "Tarif dégressif selon le quotient familial.",
    "Coût pédagogique financé ; un reste à charge peut être couvert par le compte personnel de formation.",
)

A_VERIFIER: tuple[str, ...] = (
    "Montant de l'aide pour l'année en cours.",
    "Date de la prochaine session.",
    "Liste des communes couvertes par le dispositif.",
    "Maintien du financement après la fin de l'année.",
    "Conditions d'âge exactes (la source est ambiguë).",
    "Adresse de la permanence après le déménagement annoncé.",
)

SOURCE_TITLES: tuple[str, ...] = (
    "Fiche du porteur",
    "Page officielle du dispositif",
    "Guide des aides",
    "Délibération du conseil d'administration",
    "Plaquette de présentation",
    "Compte rendu du comité de pilotage",
    "Communiqué de presse",
    "Cahier des charges de l'appel à projets",
)

LINK_TITLES: tuple[str, ...] = (
    "Présentation du dispositif",
    "Formulaire de demande",
    "Questions fréquentes",
    "Calendrier des sessions",
    "Règlement de l'aide",
)

CONTACT_HOURS: tuple[str, ...] = (
    "Du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h.",
    "Sur rendez-vous uniquement.",
    "Permanences le mardi et le jeudi matin.",
    "Accueil sans rendez-vous le mercredi après-midi.",
)

STREETS: tuple[str, ...] = (
    "rue de la République",
    "avenue de la Gare",
    "place de l'Hôtel de Ville",
    "rue Jean Jaurès",
    "boulevard Victor Hugo",
    "rue des Écoles",
    "allée des Tilleuls",
    "rue du Commerce",
    "chemin des Vignes",
    "rue Pasteur",
)

FIRST_NAMES: tuple[str, ...] = (
    "camille",
    "dominique",
    "claude",
    "alex",
    "sacha",
    "morgane",
    "yann",
    "soizic",
    "erwan",
    "nadia",
    "karim",
    "lea",
    "hugo",
    "ines",
)

LAST_NAMES: tuple[str, ...] = (
    "martin",
    "bernard",
    "guerin",
    "le-goff",
    "moreau",
    "rousseau",
    "girard",
    "bonnet",
    "lambert",
    "fontaine",
    "chevalier",
    "robin",
)

# Keywords editors would type, by theme category.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "trouver-un-emploi": ("retour à l'emploi", "chômage de longue durée", "emploi durable", "offres d'emploi", "CDI", "intérim"),
    "se-former": ("formation qualifiante", "titre professionnel", "CPF", "VAE", "certification", "remise à niveau", "AFC", "POEC"),
    "mobilite": ("permis B", "code de la route", "auto-école", "covoiturage", "transport", "véhicule", "scooter", "vélo"),
    "creer-une-entreprise": ("création d'entreprise", "micro-entreprise", "microcrédit", "ACRE", "business plan", "reprise"),
    "numerique": ("inclusion numérique", "ordinateur", "démarches en ligne", "Pix", "bureautique", "smartphone"),
    "recruter": ("aide à l'embauche", "alternance", "apprentissage", "recrutement", "POEI", "emploi franc", "job dating"),
    "competences-salaries": ("reconversion", "plan de développement des compétences", "PTP", "FNE-Formation", "CléA", "transition professionnelle"),
    "choisir-un-metier": ("orientation", "immersion", "PMSMP", "découverte métiers", "bilan de compétences", "stage"),
    "preparer-sa-candidature": ("CV", "lettre de motivation", "entretien", "réseau", "LinkedIn", "candidature"),
    "famille": ("garde d'enfants", "crèche", "parentalité", "aidants", "mode de garde"),
    "logement-hebergement": ("logement", "FJT", "hébergement", "loyer", "caution", "colocation"),
    "sante": ("santé", "mutuelle", "soins", "bilan de santé", "handicap"),
    "remobilisation": ("confiance en soi", "remobilisation", "sport", "bénévolat", "lien social"),
    "lecture-ecriture-calcul": ("FLE", "illettrisme", "savoirs de base", "français", "calcul"),
    "difficultes-administratives-ou-juridiques": ("accès aux droits", "démarches", "titre de séjour", "discrimination"),
    "difficultes-financieres": ("budget", "surendettement", "microcrédit personnel", "dettes"),
    "soutien-entreprises": ("activité partielle", "QVCT", "GPEC", "dialogue social", "RH"),
    "outiller-les-professionnels": ("professionnels", "coordination", "ressources", "observatoire", "Clefop"),
    "souvrir-a-linternational": ("Erasmus+", "international", "volontariat", "étranger"),
    "equipement-et-alimentation": ("aide alimentaire", "équipement", "vêtements", "électroménager"),
}  # fmt: skip

# ---------------------------------------------------------------------------- places

# Providers that run reception points, with how many of the region's places they hold
# (weight) and what their places are called. `france-services` is written only with
# places: it delivers no synthetic scheme, its places help with procedures (reseaux.yaml).
PLACE_KINDS: tuple[tuple[str, int, str], ...] = (
    ("france-travail", 14, "Agence"),
    ("france-services", 12, "Espace"),
    ("mission-locale-nantes", 4, "Antenne"),
    ("mission-locale-angers", 4, "Antenne"),
    ("mission-locale-sarthe-nord", 3, "Antenne"),
    ("departement-44", 4, "Espace départemental des solidarités"),
    ("departement-49", 3, "Maison départementale des solidarités"),
    ("departement-53", 2, "Antenne solidarités"),
    ("departement-72", 2, "Antenne solidarités"),
    ("departement-85", 3, "Centre médico-social"),
    ("cap-emploi-44", 1, "Permanence"),
    ("caf-49", 2, "Point d'accueil"),
    ("ccas-saint-nazaire", 2, "Accueil"),
    ("centre-social-la-fleche", 2, "Centre social"),
    ("bge", 3, "Permanence"),
    ("adie", 2, "Permanence"),
    ("afpa", 2, "Centre"),
    ("cma", 2, "Antenne"),
    ("cci", 2, "Antenne"),
    ("e2c", 1, "Site"),
    ("plie-vendee-littoral", 1, "Permanence"),
    ("maison-emploi-laval", 1, "Point relais"),
    ("chantier-insertion-saumurois", 1, "Atelier"),
    ("garage-solidaire-vendeen", 1, "Atelier"),
)

PLACE_PROVIDERS: tuple[ProviderSpec, ...] = (
    ProviderSpec(
        "france-services",
        "Réseau France services (fictif)",
        None,
        "national",
        "france-service",
        None,
        "Guichets de proximité inventés pour le jeu synthétique : ils aident aux démarches en "
        "ligne et ne délivrent aucun dispositif.",
    ),
)

PLACE_DESCRIPTIONS: tuple[str, ...] = (
    "Lieu inventé pour les mesures : accueil, information et premier rendez-vous.",
    "Lieu inventé pour les mesures : permanences d'accompagnement et ateliers collectifs.",
    "Lieu inventé pour les mesures : accueil sur rendez-vous des personnes orientées.",
)

PLACE_HOURS_OSM: tuple[str, ...] = (
    "Mo-Fr 09:00-12:00,13:30-17:00; PH off",
    "Mo-Th 08:30-12:30,13:30-17:00; Fr 08:30-12:00; PH off",
    "Tu,Th 09:00-12:00; PH off",
    "Mo,We,Fr 14:00-17:30; PH off",
    "Mo-Fr 08:45-12:15; PH off",
)

PLACE_ACCESS: tuple[str, ...] = (
    "Accueil de plain-pied (jeu synthétique).",
    "Ascenseur ; place de stationnement réservée (jeu synthétique).",
)

PLACE_ZONES: tuple[str, ...] = (
    "Communes voisines, selon la fiche inventée du lieu.",
    "Intercommunalité du lieu (jeu synthétique).",
)
