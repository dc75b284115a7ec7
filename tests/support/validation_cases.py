"""Bad-input cases for the validator: files to add to the valid test dataset.

Each case is one editor mistake. The expected messages live in
tests/golden/validation/<case>.txt: they are a contract with editors, reviewed by a
person, and only rewritten on purpose with `pytest --update-goldens`.
"""

from __future__ import annotations

from tests.support.paths import FIXTURE

BASE_SCHEME = """\
id: {id}
titre: Dispositif d'essai
porteur: region-essai
resume: Un résumé d'au moins vingt caractères pour le test.
description: Description de test.
publics: [jeunes]
thematiques: [se-former--trouver-sa-formation]
type: formation
frais: gratuit
modalites_mobilisation:
  modes: [se-presenter]
  mobilisable_par: [usagers]
territoires: tous
statut: actif
sources:
  - url: https://example.org/source
consulte_le: 2026-01-15
"""


def scheme(ident: str = "cas-essai", **replace: str) -> str:
    """The base scheme with some lines replaced (key → full new line(s), or "" to drop)."""
    lines = BASE_SCHEME.format(id=ident).splitlines()
    out: list[str] = []
    dropping = False
    for line in lines:
        if line.startswith(" ") and dropping:
            continue  # the indented block of a replaced key goes with it
        dropping = False
        key = line.split(":", 1)[0]
        if key in replace:
            dropping = True
            if replace[key]:
                out.append(replace.pop(key))
            else:
                replace.pop(key)
            continue
        out.append(line)
    out.extend(value for value in replace.values() if value)
    return "\n".join(out) + "\n"


PATH = "dispositifs/region-essai/cas-essai.yaml"
OTHER = "dispositifs/region-essai/autre-essai.yaml"
VOCABULARIES = (FIXTURE / "vocabulaires.yaml").read_text(encoding="utf-8")
GEO_FILE = "geo/pays-de-la-loire.json"

# A path mapped to None is deleted (file or folder) from the copied dataset.
CASES: dict[str, dict[str, bytes | str | None]] = {
    "code-non-quote": {PATH: scheme(territoires="territoires: [01004, 244400404]")},
    "non-lu-comme-booleen": {PATH: scheme(publics="publics: [jeunes, no]")},
    "cle-en-double": {PATH: scheme() + "titre: Autre titre\n"},
    "tabulation": {PATH: scheme().replace("  modes:", "\tmodes:")},
    "pas-utf8": {PATH: scheme().replace("Dispositif d'essai", "Dispositif é").encode("latin-1")},
    "fichier-vide": {PATH: "# rien ici\n"},
    "bombe-alias": {
        PATH: 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n',
    },
    "syntaxe": {PATH: scheme(titre='titre: "guillemet non fermé')},
    "plusieurs-documents": {PATH: scheme() + "---\n" + scheme()},
    "liste-au-lieu-de-bloc": {PATH: "- id: cas-essai\n"},
    "cle-inconnue": {PATH: scheme(resume="resumé: Un résumé d'au moins vingt caractères.")},
    "champs-manquants": {PATH: scheme(sources="", consulte_le="", publics="")},
    "date-format": {PATH: scheme(consulte_le="consulte_le: 15/01/2026")},
    "date-partielle-invalide": {PATH: scheme(date_debut="date_debut: 2024-13")},
    "fin-avant-debut": {
        PATH: scheme(date_debut="date_debut: 2024-06-01", date_fin="date_fin: 2023-12")
    },
    "date-impossible": {PATH: scheme(consulte_le="consulte_le: 2026-02-30")},
    "date-future": {PATH: scheme(consulte_le="consulte_le: 2099-01-01")},
    "url": {
        PATH: scheme(sources="sources:\n  - url: ftp://example.org/x\n  - url: www.example.org")
    },
    "vocabulaires": {
        PATH: scheme(
            publics="publics: [jeune, tous-publics]",
            type="type: acompagnement",
            thematiques="thematiques: [mobilite--preparer-son-permis]",
        )
    },
    "references": {
        PATH: scheme(
            porteur="porteur: region",
            territoires='territoires: [sarth, "200000000", "99999", "35"]',
            statut="statut: remplace",
            remplace_par="remplace_par: dispositif-inexistant",
        )
    },
    "statut-remplace-sans-successeur": {PATH: scheme(statut="statut: remplace")},
    "identifiant-en-double": {
        PATH: scheme(ident="aide-mobilite-essai"),
    },
    "anciens-identifiants": {
        PATH: scheme(
            anciens_identifiants="anciens_identifiants: [cas-essai, ancienne-aide-mobilite]"
        ),
    },
    "identifiant-invalide": {PATH: scheme(ident="Cas Essai")},
    "extension-yml": {"dispositifs/region-essai/cas-essai.yml": scheme()},
    "epci-dans-deux-territoires": {
        "territoires/doublon.yaml": (
            "id: doublon\nnom: Doublon\nstatut: provisoire\n"
            'epci: ["244400404", "123"]\ncommunes_hors_epci: ["44109"]\n'
        ),
    },
    "fin-passee-mais-actif": {PATH: scheme(date_fin="date_fin: 2020-12-31")},
    "statut-a-confirmer-termine": {
        PATH: scheme(statut="statut: termine", statut_a_confirmer="statut_a_confirmer: true")
    },
    "delivre-par": {
        PATH: scheme(
            delivre_par="delivre_par:\n  reseaux: [missions-locales]\n  lieux: [lieu-absent]"
        )
    },
    "lieu-invalide": {
        "lieux/france-travail-essai/lieu-essai.yaml": (
            "id: lieu-essai\n"
            "nom: Lieu d'essai\n"
            "porteur: france-travail-essai\n"
            "reseaux_porteurs: [france-travial]\n"
            "adresse:\n"
            '  code_postal: "44000"\n'
            '  commune: "72181"\n'
            "telephone: 02 40 00\n"
            "courriel: accueil@exemple\n"
            "horaires_osm: Lundi 9h-12h\n"
            'zone_desservie: ["72", "200000000", sarth]\n'
            "dispositifs: [dispositif-absent]\n"
            "sources:\n"
            "  - url: https://example.org/lieu\n"
            "consulte_le: 2026-01-15\n"
        ),
    },
    "lieu-commune-inconnue": {
        "lieux/region-essai/lieu-essai.yaml": (
            "id: lieu-essai\n"
            "nom: Lieu d'essai\n"
            "porteur: porteur-absent\n"
            "adresse:\n"
            "  commune: 72000\n"
            "sources:\n"
            "  - url: https://example.org/lieu\n"
            "consulte_le: 2026-01-15\n"
        ),
    },
    # Year 0 does not exist: the build used to crash on it, and validate too with "actif".
    "annee-zero": {
        PATH: scheme(date_debut='date_debut: "0000"', date_fin='date_fin: "0000-06"'),
        OTHER: scheme(ident="autre-essai", date_fin='date_fin: "0000"'),
    },
    "annee-hors-limites": {
        PATH: scheme(consulte_le="consulte_le: 1899-12-31", date_fin='date_fin: "9999"'),
    },
    "identifiant-trop-long": {PATH: scheme(ident="a" * 300)},
    "identifiant-retour-ligne": {
        PATH: scheme(ident='"cas-essai\\n"', porteur='porteur: "region-essai\\n"')
    },
    "caractere-de-controle": {
        PATH: scheme(
            titre="titre: Dispositif\x01 d'essai",
            resume='resume: "Un résumé\\a d\'au moins vingt caractères pour le test."',
        )
    },
    "caractere-de-controle-cle": {PATH: scheme() + '"mots\\u0007cles": [a]\n'},
    "separateur-de-ligne": {PATH: scheme(description="description: Texte\u2028suite.")},
    "retour-chariot-seul": {PATH: scheme().replace("frais: gratuit\n", "frais: gratuit\r")},
    "texte-sur-une-ligne": {
        PATH: scheme(
            titre='titre: "Dispositif\\nd\'essai"',
            mots_cles='mots_cles: ["mot\\tclé"]',
            description='description: "Markdown :\\tla tabulation et\\n\\nle paragraphe restent."',
        )
    },
    "url-avec-retour-ligne": {
        PATH: scheme(sources='sources:\n  - url: "https://example.org/\\nsource"')
    },
    "territoires-vide": {PATH: scheme(territoires="territoires: []")},
    "remplace-par-soi-meme": {
        PATH: scheme(statut="statut: remplace", remplace_par="remplace_par: cas-essai")
    },
    "remplace-par-boucle": {
        PATH: scheme(statut="statut: remplace", remplace_par="remplace_par: autre-essai"),
        OTHER: scheme(
            ident="autre-essai", statut="statut: remplace", remplace_par="remplace_par: cas-essai"
        ),
    },
    "etiquette-yaml": {PATH: scheme(titre="titre: !!python/object:os.system [ls]")},
    "aucun-dispositif": {"dispositifs": None},
    # One broken file others depend on: its error, and one line on what went unchecked.
    "vocabulaires-syntaxe": {
        "vocabulaires.yaml": VOCABULARIES.replace("libelle: Employeurs", 'libelle: "Employeurs')
    },
    "vocabulaires-entree-invalide": {
        "vocabulaires.yaml": VOCABULARIES.replace("libelle: Employeurs", "libelle: [Employeurs]")
    },
    "geo-json-invalide": {GEO_FILE: '{\n  "region": {\n    "code": \n'},
    "territoire-illisible": {"territoires/sarthe.yaml": 'id: "sarthe\nnom: Sarthe\n'},
}
