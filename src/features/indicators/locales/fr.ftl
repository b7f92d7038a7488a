# Indicators: the evaluation framework's dashboard.

indicator-title = Indicateurs de la concertation
indicator-intro = Les indicateurs du référentiel d'évaluation, calculés par Concerto à partir de ce que la concertation a recueilli, et leur évolution jour après jour.
indicator-export = Télécharger le référentiel et son historique (XLSX)
indicator-question-reach = Qui la concertation a-t-elle touché ?
indicator-question-needs = Les besoins exprimés ont-ils reçu une réponse ?
indicator-question-solutions = Les solutions sont-elles portées et accompagnées ?
indicator-contributors = Personnes ayant exprimé un besoin
indicator-needs = Besoins exprimés
indicator-needs-offline = Part des besoins recueillis hors ligne (ateliers, papier, imports)
indicator-age-brackets = Tranches d'âge représentées parmi les contributeurs (sur 6)
indicator-workshops-held = Ateliers et rencontres tenus
indicator-attendance = Participants aux ateliers
indicator-needs-answered = Part des besoins auxquels répond au moins une solution
indicator-days-to-first-answer = Délai médian entre un besoin et sa première solution
indicator-solutions = Solutions publiées
indicator-solutions-accompanied = Solutions accompagnées par un partenaire
indicator-partners = Partenaires engagés
indicator-answered-officially = Solutions ayant reçu une réponse officielle (vous avez dit, nous avons fait)
indicator-days = { $days } jours
indicator-chart-description = Valeur de l'indicateur chaque jour ; le tableau qui suit donne chaque valeur.
indicator-history = { $n ->
    [one] Historique ({ $n } jour)
   *[other] Historique ({ $n } jours)
}
indicator-no-history = Pas encore d'historique : la valeur du jour est gardée chaque jour.
indicator-unit-count = nombre
indicator-unit-percent = pourcentage
indicator-unit-days = jours
indicator-xlsx-question = Question évaluative
indicator-xlsx-indicator = Indicateur
indicator-xlsx-unit = Unité
indicator-xlsx-value = Valeur
indicator-xlsx-day = Jour
