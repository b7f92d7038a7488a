"""Selects the demo's needs from the Grand Débat National 2019 answers in ../shared/data.

Reads the free-text answers of the two themes stored there (La transition écologique, La
fiscalité et les dépenses publiques), keeps answers of 40 to 420 characters that read as a
sentence, answer a question about daily life (not national or European policy), carry no
address, telephone number or link and no insult, and files each under the process
theme whose keywords it uses most (accents and case ignored; words matched by their start).
Answers that use no theme's keywords stay without a theme (« je ne sais pas »), as people
leave them. Then draws, with a fixed seed, at most PER_THEME answers per theme and
UNTHEMED without a theme, and writes demo/needs-grand-debat.csv (theme, question_key,
text). Run from the repository root:

    python3 demo/extract_needs.py
"""
import csv
import random
import re
import unicodedata

SOURCE = "../shared/data/contributions/grand-debat-2019"
FILES = ["responses-transition.csv", "responses-fiscalite.csv"]
OUT = "demo/needs-grand-debat.csv"
PER_THEME = 220
UNTHEMED = 320
SEED = 20190315

# The process's 15 themes (demo.rs, THEMES) and the words that file an answer under each.
THEMES = {
    "Bien vieillir": ["retraite", "personnes agees", "aines", "ehpad", "dependance",
                      "maintien a domicile", "vieillesse", "seniors", "personnes vieillissantes"],
    "Solidarité": ["pauvrete", "precarite", "pauvres", "minima sociaux", "rsa", "solidarit",
                   "aide alimentaire", "sans abri", "sdf", "demunis", "isolement", "entraide"],
    "Vivre ensemble": ["lien social", "liens sociaux", "voisinage", "quartier", "vivre ensemble",
                       "convivial", "association", "fraternit", "civisme", "solitude"],
    "Lieux d'avenir": ["tiers lieu", "friche", "espace partage", "salle", "lieu de rencontre",
                       "maison des", "centre ville", "centres villes", "commerces de proximite",
                       "bourg", "locaux vides", "batiments vides"],
    "Éducation": ["ecole", "education", "enseignement", "eleve", "professeur", "apprentissage",
                  "enfants", "pedagog", "sensibilis", "eduqu"],
    "Agriculture de demain": ["agricult", "bio", "circuit court", "circuits courts",
                              "produits locaux", "pesticide", "alimentation", "maraich",
                              "paysan", "glyphosate", "elevage", "manger local"],
    "Tech pour le bien commun": ["numerique", "internet", "informatique", "donnees",
                                 "logiciel", "technolog", "5g", "smartphone"],
    "Emploi de demain": ["emploi", "chomage", "travail", "entreprise", "salaire", "metier",
                         "insertion", "embauche", "artisan"],
    "Énergie": ["energie", "chauffage", "isolation", "renovation", "solaire", "panneau",
                "electricite", "nucleaire", "eolien", "pompe a chaleur", "fioul", "gaz",
                "chaudiere", "thermique"],
    "Mobilité": ["transport", "bus", "train", "velo", "voiture", "covoiturage", "mobilite",
                 "trajet", "tram", "route", "deplacement", "ferroviaire", "carburant"],
    "Égalité des chances": ["egalit", "inegalit", "handicap", "discrimin", "acces aux droits",
                            "justice sociale", "equit"],
    "Santé d'avenir": ["sante", "medecin", "hopita", "soins", "maladie", "desert medical",
                       "pharmac", "urgences", "infirmi"],
    "Économie circulaire": ["recycl", "dechet", "emballage", "plastique", "repar", "reemploi",
                            "tri ", "obsolescence", "consigne", "gaspillage", "compost"],
    "Économie du partage": ["mutualis", "cooperati", "troc", "autopartage", "partage de",
                            "jardin partage", "jardins partages", "pret de", "en commun avec",
                            "entre voisins", "echange de services"],
    "Tourisme": ["tourisme", "touris", "patrimoine naturel", "patrimoine historique", "culture",
                 "randonn", "vacances", "paysage"],
}

PERSONAL = re.compile(r"(https?://|www\.|@|\b0\d([ .]?\d\d){4}\b|\b\d{5}\b)")
# Answers about national or international policy rather than local life: left out.
QUESTIONS_LEFT_OUT = {"transition_25", "fiscalite_13"}
# Words that would make a page unfit to show (the answers are published as written).
UNFIT = {"con", "cons", "connard", "connards", "merde", "salaud", "salauds", "pourri", "pourris",
         "voleur", "voleurs", "racaille", "putain", "bordel", "immigres", "migrants", "francais"}


def fold(text):
    """Lower case without accents, one space between words."""
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    text = text.replace("œ", "oe").replace("æ", "ae").replace("'", " ").replace("’", " ")
    return " " + re.sub(r"[^a-z0-9]+", " ", text).strip() + " "


def theme_of(folded):
    """The theme whose keywords the text uses most, or None."""
    best, best_hits = None, 0
    for theme, words in THEMES.items():
        hits = sum(folded.count(" " + fold(w).strip()) for w in words)
        if hits > best_hits:
            best, best_hits = theme, hits
    return best


def main():
    by_theme = {theme: [] for theme in THEMES}
    unthemed = []
    seen = set()
    for name in FILES:
        with open(f"{SOURCE}/{name}", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                text = " ".join(row["response"].split())
                if row["question_key"] in QUESTIONS_LEFT_OUT:
                    continue
                if not 40 <= len(text) <= 420 or PERSONAL.search(text):
                    continue
                if UNFIT & set(fold(text).split()):
                    continue
                if len(re.findall(r"[A-Za-zÀ-ÿ]+", text)) < 8:
                    continue
                folded = fold(text)
                if folded in seen:
                    continue
                seen.add(folded)
                theme = theme_of(folded)
                (by_theme[theme] if theme else unthemed).append((row["question_key"], text))
    rng = random.Random(SEED)
    rows = []
    for theme, answers in by_theme.items():
        rng.shuffle(answers)
        rows += [(theme, q, t) for q, t in answers[:PER_THEME]]
    rng.shuffle(unthemed)
    rows += [("", q, t) for q, t in unthemed[:UNTHEMED]]
    rng.shuffle(rows)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["theme", "question_key", "text"])
        out.writerows(rows)
    counts = {theme: min(len(a), PER_THEME) for theme, a in by_theme.items()}
    print(f"{len(rows)} needs written to {OUT}: {counts}, {min(len(unthemed), UNTHEMED)} without a theme")


if __name__ == "__main__":
    main()
