## Solutions (phase 2)
solutions-title = Solutions
solutions-list = Liste
solutions-planisphere = Planisphère des solutions
solutions-views = Vues des solutions
solutions-propose = Proposer une solution
solutions-propose-intro = Une solution répond à au moins un besoin exprimé pendant la concertation, ou à un groupe de la synthèse. Décrivez-la, dites où elle se situe et qui la porte.
solutions-none = Aucune solution ne correspond à ces critères.
solutions-count-found = { $n ->
    [0] Aucune solution
    [one] { $n } solution
   *[other] { $n } solutions
}
solutions-count-more = Plus de { $n } solutions
solutions-by-stage = Par étape
solutions-submit = Proposer la solution
solutions-closed-title = Les propositions de solutions sont fermées
solutions-closed-text = Cette démarche ne reçoit pas de solutions en ce moment : aucune phase ouverte aux solutions n'est en cours.
filter-all-stages = Toutes les étapes
field-stage = Étape
solution-at-stage = Étape : { $stage }
solution-stage-none = Sans étape
planisphere-title = Planisphère des solutions : { $title }
planisphere-description = Carte du territoire ; chaque point est une solution, de la couleur de sa thématique ; plus une commune est foncée, plus la part de ses besoins auxquels répond au moins une solution est grande.
coverage-share = Part des besoins couverts (%)
coverage-total = Ensemble
coverage-title = Couverture des besoins
coverage-summary = { $needs } besoins, dont { $covered } couverts par au moins une solution ({ $percent } %).
coverage-by-theme = Besoins couverts par thématique
coverage-by-commune = Besoins couverts par commune
coverage-needs = Besoins
coverage-covered = Couverts
answer-none = Pas encore de réponse
answer-retenue = Retenue
answer-a-retravailler = À retravailler
answer-hors-champ = Hors champ
scope-point = Un lieu précis (point sur la carte)
scope-commune = Une commune
scope-epci = Une intercommunalité
scope-territory = Tout le territoire
solution-event-none = Aucun : je la propose moi-même
solution-place-map-title = Où se situe la solution ? { $title }
solution-place-map-caption = Cliquez sur la carte pour placer un point, ou choisissez une commune ou une intercommunalité.
solution-epci-none = Choisir une intercommunalité
error-need-reference = « { $piece } » n'est ni un numéro de besoin ni le lien d'un besoin.
error-epci-required = Choisissez l'intercommunalité.
error-commune-required = Choisissez la commune.
error-point-required = Placez un point sur la carte, ou choisissez une autre portée.
error-carrier-unknown = Aucun compte n'a l'adresse { $email } : la personne doit d'abord créer son compte.
error-carriers-too-many = Au plus { $n } porteurs.
error-links-required = Choisissez au moins un besoin ou un groupe de la synthèse auquel la solution répond.
error-needs-unknown = Ces besoins n'existent pas dans cette démarche : { $ids }.
error-needs-unpublished = Ces besoins ont été masqués ou fusionnés : { $ids }.
error-clusters-unknown = Ces groupes ne font pas partie de la synthèse publiée : { $ids }.
error-links-too-many = Au plus { $n } besoins et groupes par solution.
error-event-unknown = Cet événement n'appartient pas à la démarche.
error-stage-unknown = Choisissez une étape de la démarche.
error-answer-unknown = Choisissez une réponse de la liste.
error-last-link = Une solution répond à au moins un besoin ou groupe : ajoutez-en un autre avant de retirer celui-ci.
error-stage-in-use = Des solutions sont à cette étape : déplacez-les avant de la retirer.
error-stage-key = La clé compte de 2 à 40 caractères : lettres minuscules sans accent, chiffres, tirets et soulignés.
error-stage-key-taken = Une étape a déjà cette clé.
flash-solution-created = Votre solution est publiée. Merci !
flash-solution-moved = Le suivi de la solution est à jour.
flash-milestone-added = Le jalon est ajouté.
flash-solution-answered = La réponse officielle est enregistrée.
flash-links-changed = Les besoins de la solution sont à jour.
flash-solution-moderated = La décision de modération est enregistrée.
flash-stages-saved = Les étapes sont enregistrées.
field-solution-title = Titre de la solution
field-solution-title-hint = En quelques mots : ce que la solution propose.
field-solution-body = Description
field-solution-body-hint = Ce qu'elle change, pour qui, comment. Mise en forme Markdown possible (listes, liens, gras).
field-solution-needs = Besoins auxquels elle répond
field-solution-needs-hint = Cochez au moins un besoin ou un groupe. « Trouver des besoins » propose les besoins les plus proches du texte de votre solution, ceux que votre recherche trouve et, si vous avez choisi une commune (liste ou carte du lieu, plus bas), les plus soutenus de cette commune.
solution-needs-in-commune = Besoins exprimés à { $commune }, les plus soutenus d’abord
solution-needs-chosen = Besoins choisis
solution-needs-suggested = Besoins proches du texte de la solution
solution-needs-searched = Besoins trouvés par la recherche
field-solution-search = Rechercher des besoins par mots
solution-suggest = Trouver des besoins
field-solution-need-numbers = Numéros ou liens de besoins
field-solution-need-numbers-hint = Par exemple : 12, 57 ou l'adresse d'une page de besoin, séparés par des virgules.
field-solution-clusters = Groupes de la synthèse
field-scope = Portée
field-scope-hint = Un lieu précis, une commune, une intercommunalité ou tout le territoire.
field-epci = Intercommunalité
field-solution-carriers = Qui la porte ?
field-organisation = Organisation (facultatif)
field-organisation-hint = Association, collectif, entreprise, collectivité…
field-carriers = Autres porteurs (facultatif)
field-carriers-hint = Les adresses e-mail de leurs comptes, séparées par des virgules.
field-solution-event = Inventée à l'événement
field-solution-event-hint = Pour une solution imaginée lors d'un atelier ou d'un événement de la démarche, que vous saisissez pour le groupe.
solution-hidden = Cette solution a été masquée par la modération.
solution-invented-at = inventée à « { $event } »
solution-proposed-on = Proposée le { $date }
solution-proposed-by = par { $name }
solution-updated-on = suivi mis à jour le { $date }
solution-carried-by = Portée par :
solution-follow-up = Suivi de la solution
field-progress = Avancement
field-progress-hint = En pourcentage, de 0 à 100 ; laissé vide, l'avancement de l'étape choisie s'applique.
solution-official-answer = Réponse officielle de la démarche
solution-answers = Elle répond à
solution-need-unpublished = Un besoin masqué ou fusionné
solution-unlink = Retirer
solution-cluster = Groupe de la synthèse : { $label }
solution-link = Ajouter ces besoins
solution-milestones = Jalons
solution-milestones-none = Aucun jalon pour l'instant.
solution-move-on = Mettre à jour le suivi
solution-milestone-add = Ajouter un jalon
field-milestone-date = Date du jalon
field-milestone-title = Titre du jalon
field-milestone-text = Ce qui s'est passé (facultatif)
field-answer = Réponse
field-answer-reason = Motif public
field-answer-reason-hint = Obligatoire avec une réponse : il est affiché avec elle.
solution-answer-submit = Enregistrer la réponse
moderation-hide-solution = Masquer la solution
solution-map-title = Lieu de la solution : { $title }
solution-map-description = Carte de la commune ou de l'intercommunalité de la solution.
stages-title = Étapes des solutions
stages-intro = Chaque solution avance d'étape en étape ; l'avancement par défaut s'applique quand une solution atteint l'étape (laissé vide, elle garde le sien).
stages-add = Ajouter une étape
field-stage-label = Nom de l'étape
field-stage-progress = Avancement par défaut (%)
field-stage-progress-hint = De 0 à 100 ; vide pour une étape comme « abandonnée ».
field-stage-key = Clé
field-stage-key-hint = Utilisée dans les imports et exports : minuscules, chiffres et tirets.
trail-title = Le parcours de ce besoin
trail-at-workshop = à l'atelier « { $workshop } »
trail-voiced = Exprimé
trail-cluster = Dans la synthèse
trail-solution = Solution
trail-no-solution = Aucune solution n'y répond encore.
trail-propose = Proposer une solution à ce besoin
said-title = Vous avez dit, nous avons fait
said-intro = Pour chaque thématique de la synthèse (version { $version }) : ce que vous avez dit, et les solutions qui y répondent, là où elles en sont.
said-coverage = { $needs } besoins, dont { $covered } avec au moins une solution
said-you-said = Vous avez dit
said-we-did = Ce qui y répond
said-nothing-yet = Aucune solution pour l'instant.
said-no-synthesis = La synthèse des besoins n'est pas encore publiée.
said-waiting = { $n ->
    [one] { $n } groupe attend encore une solution
   *[other] { $n } groupes attendent encore une solution
}
said-needs = { $n ->
    [one] { $n } besoin
   *[other] { $n } besoins
}
solution-all-clusters = { $n ->
    [one] { $n } autre groupe de la synthèse
   *[other] { $n } autres groupes de la synthèse
}
import-solutions-title = Importer des solutions
import-solutions-intro = Un fichier CSV de solutions : celui des données ouvertes de Concerto (une ligne avec un « id » ou un « id_externe » connu met à jour la solution, les autres en créent), ou l'export des résultats d'un module Suivi (Accountability) de Decidim, dont les propositions liées doivent avoir été importées comme besoins. Vous verrez d'abord ce que ferait chaque ligne.
import-format = Type de fichier
import-format-concerto = Solutions de Concerto (colonnes des données ouvertes)
import-format-decidim = Résultats d'un suivi Decidim (Accountability)
import-check = Vérifier le fichier
import-dry-run = Ce que ferait l'import (rien n'est encore enregistré)
import-confirm = Importer les lignes valides
import-counts = { $created } à créer, { $updated } à mettre à jour, { $unchanged } inchangées, { $refused } refusées.
import-rows = Chaque ligne du fichier
import-line = Ligne
import-outcome = Ce qu'elle fait
import-row-create = création : « { $title } »
import-row-update = mise à jour : « { $title } »
import-row-unchanged = inchangée
import-row-refused = refusée — { $reason }
import-stage-unknown = étape inconnue « { $stage } » : ajoutez-la aux étapes des solutions de la démarche, avec cette clé
import-proposals-unknown = aucun besoin importé ne correspond aux propositions liées ({ $ids })
import-solution-unknown = aucune solution n° { $id } dans cette démarche
import-id = Identifiant
import-date = Date
manage-full-export-solutions = solutions complètes :
solution-support = Soutenir cette solution
solution-sign-in-to-support = Connectez-vous pour soutenir cette solution
capture-solutions-title = Saisir les solutions de l'atelier
capture-solutions-intro = Tapez chaque solution imaginée par le groupe, puis Entrée : le formulaire revient vide, le groupe de la synthèse et la commune gardés pour la suivante. Chaque solution répond à un groupe de la synthèse ou à des besoins (leurs numéros).
capture-solutions-submit = Enregistrer et saisir la suivante
capture-solutions-csv-hint = Un fichier CSV avec une colonne « titre », et au choix « description », « thematique », « commune » (code INSEE), « besoins » (numéros) et « groupes » (numéros des groupes de la synthèse).
capture-solutions-count = { $n ->
    [0] Aucune solution saisie
    [one] { $n } solution saisie
   *[other] { $n } solutions saisies
}
capture-cluster-none = Aucun (je donne des numéros de besoins)
field-capture-cluster = Groupe de la synthèse auquel elle répond
flash-solution-captured = Solution enregistrée. Saisissez la suivante.
wall-title = Mur des solutions
wall-solutions = { $n ->
    [0] Aucune solution
    [one] { $n } solution inventée ici
   *[other] { $n } solutions inventées ici
}
wall-empty = Les solutions apparaîtront ici dès leur saisie.
wall-refresh = Cette page se met à jour toute seule toutes les 15 secondes.
wall-pause = Mettre en pause
wall-resume = Reprendre les mises à jour
wall-reload = Actualiser maintenant
capture-solutions-kept = { $n ->
    [0] Aucune solution importée.
    [one] { $n } solution importée.
   *[other] { $n } solutions importées.
}
scope-auto = Déduite du lieu indiqué (point, commune, intercommunalité, sinon tout le territoire)
error-merge-solution = Donnez le numéro ou le lien d'une autre solution publiée de la même démarche.
flash-solution-merged = Les deux solutions n'en font plus qu'une : soutiens, besoins et porteurs sont réunis ici.
moderation-merge-solution = Fusionner avec la solution n°
moderation-merge-solution-hint = Le numéro ou le lien de la solution à garder ; celle-ci y mènera désormais.
solution-report = Signaler cette solution
moderation-merge-solution-submit = Fusionner dans cette solution
planisphere-capped = La carte montre les { $n } solutions placées les plus récentes ; la liste et les tableaux les comptent toutes.
solution-edit = Modifier la solution
flash-solution-edited = La solution est modifiée.
solution-picture = Image
solution-picture-remove = Retirer l’image
solution-picture-submit = Enregistrer l’image
field-solution-picture = Image (JPEG, PNG ou WebP, 8 Mo au plus)
field-solution-picture-hint = Elle est réenregistrée sans ses métadonnées (appareil, position GPS) et réduite à 1 600 pixels de côté.
field-solution-picture-text = Description de l’image
field-solution-picture-text-hint = Une phrase pour les personnes qui ne la voient pas, par exemple « Le jardin partagé au printemps ».
flash-solution-picture = L’image de la solution est enregistrée.
field-milestone-file = Image ou document PDF (facultatif, 8 Mo au plus)
field-milestone-file-hint = Une image est réenregistrée sans ses métadonnées ; un PDF est proposé en téléchargement.
field-milestone-file-text = Description de l’image ou titre du document
field-milestone-file-text-hint = Pour les personnes qui ne voient pas l’image ; pour un document, le texte de son lien (son nom sinon).
solutions-sort-recentes = Les plus récentes
solutions-sort-soutiens = Les plus soutenues
solutions-sort-avancement = Les plus avancées
solutions-sort-suivi = Suivies le plus récemment
solution-support-requests = Accompagnement (bourse aux initiatives)
