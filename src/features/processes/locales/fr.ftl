# Concerto — processes: the public page and the management area (français).

## Forms
error-role-unknown = Choisissez un rôle dans la liste.
error-account-unknown = Aucun compte n'utilise cette adresse.

## Administration
admin-grant-email = Adresse du compte
admin-grant-role = Rôle
admin-grant-submit = Attribuer
admin-revoke = Retirer
table-actions = Actions

## Processes
process-current-phase = Phase en cours : { $name }
process-edit = Modifier
process-figures = Chiffres clés
figure-communes = communes
figure-themes = thématiques
figure-phases = phases
process-timeline = Calendrier
phase-dates = du { $start } au { $end }
phase-past = Terminée
phase-current = En cours
phase-upcoming = À venir
process-about = Présentation
process-themes = Thématiques
process-territory = Territoire
process-map-title = Carte du territoire de la démarche { $title }
process-map-description = Les communes du territoire, colorées selon leur population ; chaque commune mène à sa page.
module-needs = Besoins
module-events = Ateliers et événements
module-synthesis = Synthèse
module-solutions = Solutions
module-initiatives = Bourse aux initiatives
module-resources = Ressourcerie
module-questionnaire = Questionnaire
module-opinion_map = Carte des opinions
status-draft = Brouillon
status-published = Publiée
level-epci = Intercommunalité (EPCI)
process-role-manager = Responsable de la démarche
process-role-facilitator = Animateur·rice
process-role-moderator = Modérateur·rice

## Management
manage-territories-link = Importer des territoires (GeoJSON)
manage-processes = Démarches
manage-processes-none = Aucune démarche pour l'instant.
manage-new-process = Nouvelle démarche
manage-create = Créer la démarche
manage-edit-title = Modifier la démarche
manage-view-public = Voir la page publique
manage-sections = Sections
manage-general = Informations générales
manage-team = Équipe
manage-team-intro = Les rôles donnés ici ne valent que pour cette démarche.
manage-team-none = Personne dans l'équipe.
manage-copy = Dupliquer
manage-copy-intro = Crée un brouillon avec la même présentation, les mêmes thématiques et les mêmes phases, pour un autre territoire.
manage-copy-submit = Dupliquer la démarche
manage-save = Enregistrer
manage-delete = Supprimer
manage-territories-choose = Territoires couverts
manage-themes-none = Aucune thématique.
manage-theme-add = Ajouter une thématique
manage-phases-none = Aucune phase.
manage-phase-add = Ajouter une phase
manage-theme-edit = Modifier la thématique
manage-phase-edit = Modifier la phase
field-title = Titre
field-status = Statut
field-slug = Adresse courte
field-slug-hint = Lettres minuscules, chiffres et tirets, par exemple aux-actes-citoyens. Laissez vide pour la déduire du titre.
field-summary = Résumé
field-description = Description
field-description-hint = Mise en forme Markdown : **gras**, *italique*, listes, liens.
field-codes = Autres territoires, par code
field-codes-hint = Codes INSEE des communes (ou SIREN), un par ligne ou séparés par des virgules.
field-name = Nom
field-colour = Couleur
field-colour-hint = Au format #rrggbb ; le nom s'affiche en blanc dessus, la couleur doit donc être assez foncée.
field-short-description = Courte description
field-keywords = Mots-clés
field-keywords-hint = Séparés par des virgules ; ils aident à classer les contributions.
field-starts = Début
field-ends = Fin
field-modules = Ce que la phase ouvre
error-slug-invalid = L'adresse courte doit faire de 3 à 60 caractères : lettres minuscules sans accent, chiffres et tirets.
error-slug-taken = Cette adresse courte est déjà prise par une autre démarche.
error-status-unknown = Choisissez un statut dans la liste.
error-codes-unknown = Codes inconnus : { $codes }. Importez d'abord ces territoires.
error-colour-invalid = Saisissez une couleur au format #rrggbb, par exemple #1f4e5f.
error-colour-contrast = Cette couleur est trop claire : le texte blanc n'y serait pas lisible (contraste inférieur à 4,5:1).
error-date-invalid = Saisissez une date au format AAAA-MM-JJ.
error-modules-required = Cochez au moins un module.
error-phase-ends-before = La phase se termine avant de commencer.
error-phase-overlap = Ces dates chevauchent celles d'une autre phase.
flash-process-created = La démarche est créée.
flash-process-saved = Les modifications sont enregistrées.

## Needs
needs-title = Les besoins

## Moderation
moderation-queue = File de modération

## Workshops and events
agenda-link = Agenda

## Participant profile
decidim-title = Importer des propositions Decidim
manage-full-export = Export complet des besoins :

## Syntheses
synthesis-manage-title = Synthèses des besoins
synthesis-link = Synthèse des besoins

## Opinion map
opinions-title = Carte des opinions
