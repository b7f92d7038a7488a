## Questionnaires
questionnaires-title = Questionnaires
questionnaires-intro = Les questionnaires de la démarche : répondez en quelques minutes, section par section ; vous pouvez vous arrêter et revenir plus tard.
questionnaires-none = Aucun questionnaire pour le moment.
questionnaire-new = Nouveau questionnaire
questionnaire-create = Créer le questionnaire
questionnaire-build = Construire
questionnaire-first-section = Questions
questionnaire-responses = { $n ->
    [one] { $n } réponse
   *[other] { $n } réponses
}
questionnaire-state-draft = Brouillon (visible de l'équipe seulement)
questionnaire-state-not-yet = Ouvre le { $day }
questionnaire-state-open = Ouvert
questionnaire-state-closed = Clos
questionnaire-sections-count = { $n ->
    [one] { $n } section
   *[other] { $n } sections
}
questionnaire-questions-count = { $n ->
    [one] { $n } question
   *[other] { $n } questions
}
questionnaire-already-answered = Vous avez répondu à ce questionnaire : merci !
flash-questionnaire-thanks = Merci, votre réponse est enregistrée.
questionnaire-resume = Reprendre où vous en étiez
questionnaire-start = Commencer
questionnaire-needs-account = Ce questionnaire demande un compte (une réponse par personne).
questionnaire-one-per-account = Une réponse par compte ; vos réponses sont enregistrées à chaque section.
questionnaire-anonymous = Réponse anonyme : vos réponses sont enregistrées à chaque section, et ce navigateur se souvient où vous en êtes.
questionnaire-results = Résultats
questionnaire-results-catching-up = Ces résultats comptent les { $counted } réponses reçues jusqu’à il y a quelques instants ; les plus récentes sont en cours de calcul : rechargez la page dans quelques secondes.
questionnaire-paper = Saisie papier
questionnaire-preview = Aperçu
questionnaire-public-page = Page publique
questionnaire-weighting = Pondération
questionnaire-step = Section { $step } sur { $steps }
questionnaire-error-title = Erreur
questionnaire-submit = Envoyer mes réponses
questionnaire-next = Enregistrer et continuer
questionnaire-previous = Section précédente
questionnaire-saved-per-section = Vos réponses sont enregistrées à chaque section : vous pouvez revenir plus tard.
questionnaire-required = obligatoire
questionnaire-other = Autre
questionnaire-other-say = Précisez
questionnaire-choose-commune = Choisissez votre commune
questionnaire-answer-if = Répondez si vous avez choisi « { $choice } » à « { $question } ».
questionnaire-hint-max-choices = { $max } choix au plus.
questionnaire-hint-bounds = Entre { $min } et { $max }.
questionnaire-hint-ranking = Numérotez de 1 (en premier) à { $count }, chaque rang une fois.
questionnaire-hint-date = Au format AAAA-MM-JJ.
questionnaire-error-required = Répondez à cette question pour continuer.
questionnaire-error-unknown-choice = Ce choix ne fait pas partie de la question.
questionnaire-error-too-many = { $max } choix au plus.
questionnaire-error-other = Précisez votre réponse « autre ».
questionnaire-error-number = Écrivez un nombre (par exemple 12 ou 12,5).
questionnaire-error-bounds = Le nombre doit être entre { $min } et { $max }.
questionnaire-error-ranks = Les rangs vont de 1 à n, chacun une fois.
questionnaire-error-too-long = { $max } caractères au plus.
questionnaire-paper-intro = Saisissez un questionnaire rempli sur papier, tel qu'il est écrit : les questions s'enchaînent au clavier (Tab), les conditions sont appliquées à l'enregistrement.
questionnaire-paper-entered = { $n ->
    [one] { $n } questionnaire papier saisi.
   *[other] { $n } questionnaires papier saisis.
}
questionnaire-paper-workshop = Recueilli lors de
questionnaire-paper-no-workshop = Saisie papier (hors atelier)
questionnaire-paper-save = Enregistrer ce questionnaire
flash-questionnaire-paper-saved = Questionnaire enregistré. Vous pouvez saisir le suivant.
questionnaire-preview-note = Aperçu : le questionnaire tel que les répondants le liront, toutes sections ensemble ; rien n'est enregistré.
questionnaire-settings = Réglages
questionnaire-save = Enregistrer les réglages
flash-questionnaire-saved = Réglages enregistrés.
questionnaire-section-rank = Section { $rank }
questionnaire-section-numbered = Section { $rank } · { $title }
questionnaire-section-empty = Aucune question dans cette section.
flash-questionnaire-section-added = Section ajoutée.
questionnaire-add-section = Ajouter une section
questionnaire-add-question = Ajouter une question
flash-questionnaire-question-added = Question ajoutée.
flash-questionnaire-question-saved = Question enregistrée.
flash-questionnaire-question-deleted = Question supprimée.
questionnaire-edit-question = Modifier
questionnaire-save-question = Enregistrer la question
questionnaire-delete-question = Supprimer la question
questionnaire-kept-answered = { $n ->
    [one] Déjà répondue une fois : elle ne peut plus être supprimée.
   *[other] Déjà répondue { $n } fois : elle ne peut plus être supprimée.
}
questionnaire-chosen-by = { $n ->
    [one] choisi { $n } fois
   *[other] choisi { $n } fois
}
questionnaire-condition-none = Toujours
questionnaire-condition-said = Si « { $choice } » à « { $question } »
questionnaire-limits-bounds = de { $min } à { $max }
questionnaire-limits-max-choices = { $max } choix au plus
questionnaire-copy = Copier vers une autre démarche
flash-questionnaire-copied = Questionnaire copié (non publié).
questionnaire-error-closes-before = La clôture doit suivre l'ouverture.
questionnaire-error-condition = La condition doit porter sur un choix d'une question placée avant.
questionnaire-error-profile-twice = Cette question de profil est déjà posée dans le questionnaire.
questionnaire-error-bounds-order = Le maximum doit dépasser le minimum.
questionnaire-error-scale-size = Une échelle compte 11 valeurs au plus (de 0 à 10 par exemple).
questionnaire-error-two-choices = Écrivez au moins deux choix, un par ligne.
questionnaire-error-many-choices = { $max } choix au plus, de 300 caractères chacun au plus.
questionnaire-error-rows = Écrivez au moins une ligne, une par ligne.
questionnaire-error-max-choices = Un nombre entier, entre 1 et le nombre de choix.
questionnaire-error-choice-chosen = « { $choice } » a été choisi { $count } fois : il ne peut plus être retiré (les réponses le perdraient). Rien n'a été modifié.
questionnaire-error-answered = Cette question a déjà des réponses : elle ne peut plus être supprimée.
questionnaire-kind-single = Choix unique
questionnaire-kind-multiple = Choix multiples
questionnaire-kind-scale = Échelle
questionnaire-kind-ranking = Classement
questionnaire-kind-matrix = Grille (lignes × échelle)
questionnaire-kind-short_text = Texte court
questionnaire-kind-long_text = Texte long
questionnaire-kind-number = Nombre
questionnaire-kind-date = Date
questionnaire-kind-commune = Commune
questionnaire-kind-iris = Quartier (IRIS)
questionnaire-profile-age = Profil : tranche d'âge
questionnaire-profile-sex = Profil : sexe
questionnaire-profile-occupation = Profil : catégorie socioprofessionnelle
questionnaire-profile-commune = Profil : commune de résidence
questionnaire-profile-iris = Profil : quartier de résidence (IRIS)
field-questionnaire-title = Titre
field-questionnaire-intro = Introduction
field-questionnaire-opens = Ouverture
field-questionnaire-closes = Clôture
field-questionnaire-signed-in = Réponses avec un compte seulement (une par personne)
field-questionnaire-published = Publié
field-questionnaire-results-public = Résultats publics
field-questionnaire-copy-to = Démarche
field-section-title = Titre de la section
field-section-intro = Introduction de la section
field-section-condition = Afficher la section
field-question-section = Section
field-question-type = Type de question
field-question-type-hint = Les questions de profil (âge, sexe, catégorie socioprofessionnelle, commune) servent au redressement des résultats.
field-question-label = Question
field-question-help = Aide (facultatif)
field-question-required = Réponse obligatoire
field-question-choices = Choix
field-question-choices-hint = Un par ligne (choix unique, multiples, classement).
field-question-choices-edit-hint = Un par ligne. Une ligne nouvelle ajoute un choix ; une ligne effacée retire le choix, s'il n'a jamais été choisi.
field-question-other = Ajouter « Autre, précisez »
field-question-max-choices = Nombre de choix au plus (choix multiples)
field-question-rows = Lignes de la grille
field-question-rows-hint = Une par ligne ; chacune se note sur l'échelle.
field-question-min = Minimum
field-question-bounds-hint = Échelle et grille : de 1 à 5 par défaut, 11 valeurs au plus. Nombre : bornes facultatives.
field-question-max = Maximum
field-question-low = Libellé du minimum (échelle)
field-question-high = Libellé du maximum (échelle)
field-question-condition = Poser la question
field-question-condition-hint = Seulement si un choix d'une question précédente a été fait.
questionnaire-answered = { $n ->
    [0] Aucune réponse
    [one] { $n } réponse
   *[other] { $n } réponses
}
questionnaire-fragile = Effectif trop faible pour être lu seul (moins de 30 répondants effectifs)
questionnaire-fragile-short = effectif faible
questionnaire-chart-description = Part des répondants à la question, pour chaque réponse ; les mêmes valeurs sont dans le tableau qui suit.
questionnaire-ranking-description = Part des répondants qui placent chaque choix en premier.
questionnaire-ranking-note = Rang moyen (1 = en premier) et part des répondants qui le placent en premier.
questionnaire-matrix-note = Moyenne de chaque ligne, puis la répartition des notes.
questionnaire-numbers = Moyenne { $mean } · médiane { $median } · de { $min } à { $max }
questionnaire-dates = Du { $first } au { $last }
questionnaire-texts = { $n ->
    [one] { $n } réponse
   *[other] { $n } réponses
}
questionnaire-table-caption = Réponses à « { $question } »
questionnaire-col-answer = Réponse
questionnaire-col-count = Répondants
questionnaire-col-share = Part brute
questionnaire-col-weighted-share = Part redressée
questionnaire-col-margin = Marge d'erreur (95 %)
questionnaire-col-category = Catégorie
questionnaire-col-target = Cible
questionnaire-col-unweighted = Brut
questionnaire-col-weighted = Redressé
questionnaire-kept-by-filter = { $n ->
    [one] { $n } retenue par les filtres
   *[other] { $n } retenues par les filtres
}
questionnaire-weighted-note = Résultats redressés sur la population du territoire.
questionnaire-unweighted = Résultats bruts : aucune marge de population n'est définie.
questionnaire-weighted-summary = Effet de plan { $deff }, taille effective { $effective } : les marges d'erreur en tiennent compte.
questionnaire-filters = Filtres
questionnaire-filter-place = Territoire (commune de résidence)
questionnaire-filter-everywhere = Tout le territoire
questionnaire-filter-profile = Profil
questionnaire-filter-everyone = Tous les répondants
questionnaire-raw-figures = Résultats bruts (sans redressement)
questionnaire-apply-filters = Appliquer
questionnaire-cross-tab = Croiser deux questions
questionnaire-cross-rows = En lignes
questionnaire-cross-columns = En colonnes
questionnaire-cross = Croiser
questionnaire-cross-caption = Part de chaque réponse en colonne parmi les répondants de chaque ligne (%)
questionnaire-weighting-intro = Le redressement (calage par raking) donne à chaque répondant un poids tel que les réponses reflètent la population du territoire : saisissez pour chaque question de profil la part de chaque catégorie dans la population (en %, total 100).
questionnaire-weighting-no-profile = Ajoutez une question de profil (âge, sexe, catégorie socioprofessionnelle, commune) pour redresser les résultats.
questionnaire-weighting-no-respondents = Aucune réponse ne renseigne toutes les questions de redressement : les résultats restent bruts.
questionnaire-weighting-empty-category = Aucun répondant dans « { $category } » (« { $question } ») : le redressement ne peut pas atteindre cette cible. Retirez la catégorie des marges ou recueillez des réponses de ce public ; les résultats restent bruts.
questionnaire-weighting-bad-trim = Les bornes des poids doivent encadrer 1 (par exemple 0,3 et 3) : les résultats restent bruts.
questionnaire-report = Rapport de redressement
questionnaire-report-converged = Convergé en { $iterations } itérations
questionnaire-report-not-converged = Non convergé après { $iterations } itérations
questionnaire-report-gap = plus grand écart relatif à une marge : { $gap }
questionnaire-report-weights = Poids de { $min } à { $max } (rapport { $ratio })
questionnaire-report-design = Effet de plan (Kish) { $deff } · taille effective { $effective }
questionnaire-report-left-out = { $n ->
    [one] { $n } répondant n'a pas répondu à une question de redressement : poids 1.
   *[other] { $n } répondants n'ont pas répondu à une question de redressement : poids 1.
}
questionnaire-report-trimmed = Poids bornés : { $moved } de poids déplacés vers les autres répondants, marges recalées.
questionnaire-margin-hint = Part de chaque catégorie dans la population, en %, total 100. Tout effacer retire cette marge.
questionnaire-margin-save = Enregistrer la marge
flash-questionnaire-margin-saved = Marge enregistrée ; les résultats sont redressés.
questionnaire-margin-from-population = Remplir d'après les populations légales des communes
questionnaire-margin-from-census = Remplir d'après le recensement { $year }
questionnaire-margin-from-census-all = Remplir d'après le recensement { $year } (toute la population)
questionnaire-margin-from-census-adults = Remplir d'après le recensement { $year } (15 ans ou plus)
questionnaire-margin-from-census-iris = Remplir d'après la population des IRIS au recensement
questionnaire-margin-by-commune = par commune
questionnaire-margin-by-epci = par EPCI
questionnaire-margin-level-hint = Une marge par EPCI remplace celle par commune, et inversement.
questionnaire-margin-no-population = Aucune population n'est connue pour ces catégories : importez le recensement dans l'observatoire.
questionnaire-margin-not-a-share = « { $category } » : une part entre 0 et 100.
questionnaire-margin-sum = Les parts totalisent { $sum } % : il faut 100 %.
questionnaire-trim = Bornes des poids
questionnaire-trim-save = Enregistrer les bornes
flash-questionnaire-trim-saved = Bornes enregistrées.
questionnaire-trim-invalid = Deux nombres : un minimum entre 0 et 1, un maximum d'au moins 1 (par exemple 0,3 et 3).
field-trim-min = Poids minimum (relatif à la moyenne)
field-trim-max = Poids maximum
field-trim-hint = Facultatif : les poids hors bornes sont ramenés aux bornes et l'écart réparti sur les autres.
questionnaire-import = Importer des réponses
questionnaire-import-intro = Un fichier CSV aux colonnes de l'export des réponses (Q1, Q2_3…) : chaque ligne devient une réponse, vérifiée comme une saisie papier. Les colonnes reponse, source, soumise_le, poids et les libellés sont ignorés.
questionnaire-export-codebook = Le dictionnaire des codes
questionnaire-import-response = { $n ->
    [one] une réponse ({ $n } question répondue)
   *[other] une réponse ({ $n } questions répondues)
}
questionnaire-import-unknown-columns = Colonnes inconnues : { $columns }. Les colonnes sont celles de l'export des réponses (Q1, Q2_3…).
questionnaire-import-no-question = Aucune colonne ne correspond à une question (Q1, Q2_3…).
questionnaire-import-unknown-code = { $column } : « { $code } » n'est pas un code de la question.
questionnaire-import-not-chosen = { $column } : 1 (choisi) ou 0 (non choisi) attendu.
questionnaire-import-empty-row = ligne vide.
questionnaire-exports = Exports
questionnaire-export-answers = Réponses
questionnaire-export-results = Télécharger les résultats (XLSX)
questionnaire-representation = Représentativité
questionnaire-representation-intro = Qui a répondu, comparé à qui habite le territoire : pour savoir où aller chercher les réponses qui manquent.
questionnaire-least-heard-title = Les publics les moins entendus
questionnaire-least-heard = { $public } de { $place } : { $observed } pour { $expected } réponses attendues
questionnaire-least-heard-hint = Attendues : la part de la commune dans la population multipliée par la part de la tranche d'âge dans les marges, comme si les âges se répartissaient partout de la même façon.
questionnaire-per-thousand = Réponses pour 1 000 habitants
questionnaire-per-thousand-unit = pour 1 000 habitants
questionnaire-reach-map = Réponses pour 1 000 habitants : { $title }
questionnaire-reach-map-description = Carte des communes colorées selon le nombre de réponses pour 1 000 habitants ; les mêmes valeurs sont dans les tableaux.
questionnaire-reach-epci = Réponses par EPCI, les moins touchés d'abord
questionnaire-reach-communes = Réponses par commune, les moins touchées d'abord
questionnaire-zone = Territoire
questionnaire-population = Population
questionnaire-reach-no-commune = Ajoutez la question de profil « commune de résidence » pour voir la portée par territoire.
questionnaire-reach-profiles = Profils des répondants et de la population
questionnaire-reach-profiles-caption = Part de chaque catégorie parmi les répondants et dans la population (marges de la pondération)
questionnaire-reach-among-respondents = Parmi les répondants
questionnaire-reach-in-population = Dans la population
questionnaire-reach-index = Indice (100 = autant qu'attendu)
questionnaire-choose-iris = Choisissez votre quartier (IRIS)
questionnaire-pick-map-title = Carte des communes de { $title }
questionnaire-pick-map-description = Cliquer sur une commune la choisit dans la liste qui suit.
questionnaire-pick-iris-map-title = Carte des IRIS et des communes de { $title }
questionnaire-pick-iris-map-description = Cliquer sur un IRIS le choisit dans la liste qui suit ; là où les IRIS ne sont pas dessinés, cliquer sur une commune choisit son premier IRIS.
