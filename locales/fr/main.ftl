## Layout
site-name = Concerto
site-tagline = La concertation citoyenne, du besoin à l'initiative
skip-to-content = Aller au contenu
nav-main = Navigation principale
nav-home = Accueil
nav-account = Mon compte
nav-admin = Administration
nav-sign-in = Se connecter
nav-sign-up = Créer un compte
nav-sign-out = Se déconnecter
nav-signed-in-as = Connecté·e : { $name }
lang-switch-label = Langue
lang-switch-button = English
lang-switch-target = en
footer-legal = Mentions légales
footer-privacy = Données personnelles
footer-accessibility = Accessibilité : partiellement conforme
footer-free-software = Concerto est un logiciel libre.
footer-links = Liens utiles
footer-about = À propos
footer-demo = Démonstration : les participants, leurs soutiens, commentaires et votes sont fictifs ; les besoins reprennent des réponses réelles au Grand Débat National 2019 (données ouvertes).

## Home
home-title = Concerto, la concertation à l'échelle d'un territoire
home-lead = Concerto accompagne une démarche de concertation citoyenne sur tout un territoire, en ligne et sur le terrain : les habitantes et les habitants expriment leurs besoins, imaginent des solutions et les portent jusqu'aux initiatives, avec les acteurs locaux.
home-steps-title = Trois temps pour agir ensemble
home-step-needs-title = Exprimer des besoins
home-step-needs-text = En ligne ou lors d'ateliers près de chez vous, chacun dit ce qui manque sur son territoire. Les besoins sont ensuite synthétisés en grands thèmes.
home-step-solutions-title = Imaginer des solutions
home-step-solutions-text = Des événements réunissent habitants, associations, entreprises et élus pour inventer des réponses, placées sur une carte du territoire.
home-step-initiatives-title = Accompagner les initiatives
home-step-initiatives-text = Les porteurs de projet rencontrent des partenaires qui offrent du temps, des compétences, des moyens ou des lieux.
home-processes-title = Démarches en cours
home-processes-empty = Aucune démarche n'est encore publiée sur cette plateforme.
home-join-title = Participer
home-join-text = Créez un compte pour contribuer, soutenir les propositions des autres et suivre ce que deviennent vos besoins.

## Forms
form-errors-summary = { $n ->
    [one] Le formulaire contient une erreur : corrigez le champ signalé.
   *[other] Le formulaire contient { $n } erreurs : corrigez les champs signalés.
}
field-required-hint = obligatoire
field-email = Adresse électronique
field-display-name = Nom affiché
field-display-name-hint = Visible par les autres participants. Un prénom ou un pseudonyme suffit.
field-password = Mot de passe
field-password-new = Nouveau mot de passe
field-password-hint = Au moins 12 caractères. Une phrase facile à retenir fait un bon mot de passe.
field-password-confirm = Confirmez le mot de passe
field-password-current = Mot de passe actuel
field-honeypot = Ne remplissez pas ce champ
error-required = Ce champ est obligatoire.
error-email-invalid = Saisissez une adresse électronique valide, par exemple nom@exemple.fr.
error-too-long = Ce texte est trop long.
error-password-short = Le mot de passe doit contenir au moins 12 caractères.
error-password-mismatch = Les deux mots de passe ne sont pas identiques.
error-password-wrong = Le mot de passe actuel est incorrect.
error-email-same = C'est déjà votre adresse actuelle.
error-sign-in-failed = Adresse électronique ou mot de passe incorrect.
error-sign-in-unconfirmed = Votre adresse n'est pas encore confirmée. Nous venons de vous renvoyer le lien de confirmation : ouvrez-le, puis connectez-vous.
error-too-many-attempts = Trop de tentatives. Patientez quelques minutes avant de réessayer.
error-role-unknown = Choisissez un rôle dans la liste.
error-account-unknown = Aucun compte n'utilise cette adresse.
error-last-admin = Impossible : c'est le dernier compte administrateur de la plateforme.
error-delete-confirm = Cochez la case pour confirmer la suppression.

## Sign up
sign-up-title = Créer un compte
sign-up-intro = Un compte vous permet de contribuer, de soutenir et de commenter. Nous vous enverrons un lien pour confirmer votre adresse.
sign-up-submit = Créer mon compte
sign-up-have-account = Vous avez déjà un compte ?
sign-up-sent-title = Vérifiez votre messagerie
sign-up-sent-text = Si cette adresse peut être utilisée, un message vient de vous être envoyé avec un lien pour confirmer votre compte. Le lien est valable 48 heures.
confirm-title = Confirmer votre adresse
confirm-text = Cliquez sur le bouton pour confirmer votre adresse électronique et activer votre compte.
confirm-submit = Confirmer mon adresse
link-invalid-title = Lien invalide ou expiré
link-invalid-text = Ce lien a déjà servi ou n'est plus valable. Vous pouvez en demander un nouveau.

## Sign in
sign-in-title = Se connecter
sign-in-submit = Se connecter
sign-in-forgot = Mot de passe oublié ?
sign-in-no-account = Pas encore de compte ?

## Password reset
reset-request-title = Mot de passe oublié
reset-request-intro = Indiquez l'adresse de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.
reset-request-submit = Recevoir le lien
reset-sent-title = Vérifiez votre messagerie
reset-sent-text = Si un compte utilise cette adresse, un message vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe. Le lien est valable une heure.
reset-title = Choisir un nouveau mot de passe
reset-submit = Enregistrer le mot de passe

## Account
account-title = Mon compte
account-profile = Profil
account-name-submit = Enregistrer le nom
account-email = Adresse électronique
account-email-current = Adresse actuelle : { $email }
account-email-new = Nouvelle adresse
account-email-submit = Changer d'adresse
account-email-explain = Un lien de confirmation sera envoyé à la nouvelle adresse ; elle remplacera l'actuelle quand vous l'aurez ouvert.
account-password = Mot de passe
account-password-submit = Changer le mot de passe
account-roles = Vos rôles
account-roles-none = Participant·e
account-data = Vos données
account-data-text = Téléchargez tout ce que la plateforme conserve à votre sujet, dans un fichier JSON.
account-data-download = Télécharger mes données
account-delete = Supprimer mon compte
account-delete-text = La suppression est définitive. Vos contributions publiques resteront visibles sous le nom « participant anonyme ».
account-delete-confirm = Je comprends que la suppression est définitive.
account-delete-submit = Supprimer définitivement mon compte
account-email-change-title = Confirmer la nouvelle adresse
account-email-change-text = Cliquez sur le bouton pour que cette adresse devienne celle de votre compte.
account-email-change-submit = Confirmer la nouvelle adresse
account-email-taken-title = Adresse déjà utilisée
account-email-taken-text = Un autre compte utilise déjà cette adresse ; votre adresse n'a pas changé.

## Flash messages
flash-signed-in = Vous êtes connecté·e.
flash-signed-out = Vous êtes déconnecté·e.
flash-email-confirmed = Votre adresse est confirmée. Vous pouvez vous connecter.
flash-password-reset = Votre mot de passe est changé. Connectez-vous avec le nouveau.
flash-password-changed = Votre mot de passe est changé. Vos autres sessions ont été fermées.
flash-name-changed = Votre nom affiché est enregistré.
flash-email-change-sent = Un lien de confirmation a été envoyé à la nouvelle adresse.
flash-email-changed = Votre nouvelle adresse est enregistrée.
flash-account-deleted = Votre compte est supprimé.
flash-role-granted = Le rôle est attribué.
flash-role-revoked = Le rôle est retiré.
flash-language = La langue est changée.

## Mails
mail-confirm-subject = Confirmez votre adresse sur Concerto
mail-confirm-body = Bonjour { $name },

    Pour activer votre compte Concerto, ouvrez ce lien (valable 48 heures) :
    { $link }

    Si vous n'avez pas créé de compte, ignorez ce message.
mail-reset-subject = Nouveau mot de passe sur Concerto
mail-reset-body = Bonjour { $name },

    Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure) :
    { $link }

    Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.
mail-change-subject = Confirmez votre nouvelle adresse sur Concerto
mail-change-body = Bonjour { $name },

    Pour que cette adresse devienne celle de votre compte Concerto, ouvrez ce lien (valable 48 heures) :
    { $link }

    Si vous n'avez rien demandé, ignorez ce message.
mail-existing-subject = Tentative d'inscription avec votre adresse
mail-existing-body = Bonjour { $name },

    Quelqu'un vient de demander la création d'un compte Concerto avec votre adresse, qui en a déjà un.
    Si c'était vous, connectez-vous ou choisissez un nouveau mot de passe : { $url }/mot-de-passe-oublie

    Sinon, ignorez ce message.
mail-email-changing-subject = Changement d'adresse demandé sur Concerto
mail-email-changing-body = Bonjour { $name },

    Un changement d'adresse électronique a été demandé pour votre compte Concerto. Il ne prendra effet que lorsque la nouvelle adresse aura été confirmée.
    Si vous n'êtes pas à l'origine de cette demande, changez votre mot de passe : { $url }/compte

## Administration
admin-title = Administration
admin-intro = Gérez les comptes et les rôles de la plateforme.
admin-roles = Rôles
admin-roles-title = Qui a quel rôle
admin-roles-intro = Tout compte connecté est participant. Les autres rôles donnent des droits supplémentaires sur toute la plateforme ; les rôles propres à une démarche s'attribuent dans la démarche.
admin-roles-none = Personne n'a encore ce rôle.
admin-grant-title = Attribuer un rôle
admin-grant-email = Adresse du compte
admin-grant-role = Rôle
admin-grant-submit = Attribuer
admin-revoke = Retirer
admin-revoke-label = Retirer le rôle { $role } à { $name }
admin-outbox = Courriels envoyés
admin-outbox-title = Boîte d'envoi
admin-outbox-intro = Aucun serveur SMTP n'est configuré : les courriels sont conservés ici au lieu d'être envoyés.
admin-outbox-smtp = Un serveur SMTP est configuré : les courriels partent directement, la boîte d'envoi n'est pas utilisée.
admin-outbox-empty = Aucun courriel pour l'instant.
admin-outbox-to = Destinataire
admin-outbox-subject = Objet
admin-outbox-date = Date
admin-outbox-back = Retour à la boîte d'envoi
admin-audit = Journal
admin-audit-title = Journal des actions
admin-audit-intro = Les actions qui changent des droits ou des contenus, les plus récentes d'abord.
admin-audit-empty = Aucune action enregistrée.
admin-audit-actor = Par
admin-audit-action = Action
admin-audit-subject = Sur
admin-audit-detail = Détail
admin-audit-deleted-actor = compte supprimé
admin-users = Comptes
admin-users-count = { $n ->
    [one] { $n } compte
   *[other] { $n } comptes
}
table-name = Nom
table-email = Adresse
table-since = Depuis
table-actions = Actions

## Roles
role-admin = Administrateur·rice
role-manager = Responsable de démarche
role-facilitator = Animateur·rice
role-moderator = Modérateur·rice
role-partner = Partenaire
role-participant = Participant·e

## Errors
error-page-status = Erreur { $status }
error-back-home = Retour à l'accueil
error-400-title = Requête incorrecte
error-400-text = La demande n'a pas pu être comprise. Vérifiez l'adresse ou le formulaire, puis réessayez.
error-403-title = Accès refusé
error-403-text = Vous n'avez pas le droit de faire cette action. Si vous venez d'envoyer un formulaire, il a peut-être expiré : rechargez la page et réessayez.
error-404-title = Page introuvable
error-404-text = Cette page n'existe pas ou a été déplacée.
error-405-title = Action impossible
error-405-text = Cette adresse n'accepte pas ce type de demande.
error-408-title = Délai dépassé
error-408-text = La demande a pris trop de temps. Réessayez dans un instant.
error-413-title = Envoi trop volumineux
error-413-text = Le contenu envoyé dépasse la taille autorisée. Réduisez la taille du texte ou du fichier, puis réessayez.
error-429-title = Trop de demandes
error-429-text = Vous avez fait trop de demandes en peu de temps. Patientez quelques minutes avant de réessayer.
error-500-title = Erreur du serveur
error-500-text = Une erreur inattendue s'est produite. Rien de ce que vous avez envoyé n'a été enregistré à moitié ; réessayez dans un instant.
error-503-title = Service indisponible
error-503-text = La plateforme est momentanément indisponible. Réessayez dans un instant.

## Legal
legal-title = Mentions légales
legal-text-1 = Cette plateforme de concertation est éditée par l'organisme qui conduit la démarche, responsable de sa publication.
legal-text-2 = Concerto est un logiciel libre. Il n'utilise aucun service tiers : aucune page ne charge de script, de police ou d'image depuis un autre site.
privacy-title = Données personnelles
privacy-text-1 = La plateforme conserve votre adresse électronique, votre nom affiché, votre mot de passe sous forme chiffrée (argon2id), vos sessions de connexion, et ce que vous y faites : besoins, soutiens, commentaires, signalements, inscriptions aux ateliers, propositions et votes de la carte des opinions, profil facultatif.
privacy-text-2 = Aucun cookie publicitaire ni de mesure d'audience n'est déposé. Les cookies utilisés servent à la connexion, à la protection des formulaires et au choix de la langue.
privacy-text-3 = Depuis la page « Mon compte », vous pouvez télécharger tout ce qui vous concerne et supprimer votre compte à tout moment : vos contributions restent alors, attribuées à « participant anonyme ».
accessibility-title = Accessibilité
accessibility-text-1 = Concerto vise la conformité au RGAA 4.1 (WCAG 2.1 niveau AA) : navigation au clavier, lien d'évitement, libellés de formulaire, contrastes suffisants, pages utilisables sans JavaScript.
accessibility-text-2 = La plateforme est partiellement conforme tant que l'audit complet n'a pas été réalisé. Si vous rencontrez une difficulté, signalez-la à l'organisme qui conduit la démarche.
about-title = À propos de Concerto
about-text-1 = Concerto est une plateforme de concertation territoriale : les habitants y expriment leurs besoins, en ligne et en atelier, les besoins sont synthétisés en thématiques, des solutions sont inventées puis accompagnées par les acteurs locaux.
about-text-2 = C'est un logiciel libre. Les cartes sont dessinées à partir des limites du territoire, et aucune contribution ne quitte le serveur pour être analysée.
about-demo-1 = Ce site est une démonstration. Le territoire (Pôle métropolitain Nord Franche-Comté, ses 5 intercommunalités et 197 communes) et la démarche Aux Actes Citoyens sont réels ; les contributions sont illustratives.
about-demo-2 = Les textes des besoins sont des réponses réelles au Grand Débat National 2019 (données ouvertes publiées par le gouvernement), classées par mots-clés dans les thématiques de la démarche et placées dans les communes selon leur population. Les participants, leurs soutiens, commentaires, inscriptions et votes sont fictifs, tirés au hasard à partir d'une graine fixe.
about-demo-3 = Données : IGN – ADMIN EXPRESS COG ; Insee – COG 2026, populations légales 2023, RP2016 ; DGCL – composition des EPCI ; Grand Débat National 2019 – données ouvertes (Licence Ouverte).

## Processes
nav-manage = Gestion
footer-attribution = Données : IGN – ADMIN EXPRESS COG ; Insee – COG 2026, populations légales 2023, RP2016 ; DGCL – composition des EPCI ; Grand Débat National 2019 – données ouvertes (Licence Ouverte).
process-current-phase = Phase en cours : { $name }
process-edit = Modifier
process-figures = Chiffres clés
figure-communes = communes
figure-themes = thématiques
figure-phases = phases
figure-processes = démarches
unit-inhabitants = habitants
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
territory-map-title = Carte de { $name }
territory-map-description = Les unités du territoire, colorées selon leur population ; chacune mène à sa page.
map-caption = Cliquez sur une commune pour ouvrir sa page. Les valeurs de la carte sont aussi données dans le tableau ci-dessous.
map-data = Données de la carte
map-legend-population = Population
table-territory = Territoire
table-code = Code
table-population = Population
breadcrumb = Fil d'Ariane
territory-processes = Démarches sur ce territoire
territory-processes-none = Aucune démarche publiée ne couvre ce territoire.
locate-outside = Ce lieu n'est dans aucune commune connue.
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
status-closed = Terminée
level-pole = Pôle métropolitain
level-pole-plural = pôles
level-region = Région
level-region-plural = régions
level-departement = Département
level-departement-plural = départements
level-epci = Intercommunalité (EPCI)
level-epci-plural = intercommunalités
level-commune = Commune
level-commune-plural = communes
level-iris = IRIS
level-iris-plural = IRIS
level-quartier = Quartier
level-quartier-plural = quartiers
process-role-manager = Responsable de la démarche
process-role-facilitator = Animateur·rice
process-role-moderator = Modérateur·rice

## Management
manage-title = Gestion des démarches
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

## Territory import
import-title = Importer des territoires
import-intro = Importez des limites territoriales au format GeoJSON (communes, intercommunalités, IRIS, quartiers…). Chaque élément est vérifié ; un nouvel import du même fichier met à jour sans créer de doublon.
import-form = Fichier à importer
import-file = Fichier GeoJSON
import-file-hint = Une FeatureCollection de Polygon ou MultiPolygon en longitude/latitude (WGS84), 2 Mo au plus ; au-delà, utilisez la commande « concerto territories import ».
import-level = Niveau
import-level-hint = Par exemple commune, epci, iris, quartier.
import-code-property = Propriété du code
import-name-property = Propriété du nom
import-parent-property = Propriété du code parent (facultatif)
import-population-property = Propriété de la population (facultatif)
import-population-year = Année de la population (facultatif)
import-population-source = Source de la population (facultatif)
import-submit = Importer
import-report = Rapport d'import
import-report-kept = { $created } créé(s), { $updated } mis à jour.
import-report-none-refused = Aucun élément refusé.
import-report-refused = { $n ->
    [one] { $n } élément refusé :
   *[other] { $n } éléments refusés :
}
import-position = Élément n°
import-reason = Raison
import-missing-code = code manquant
import-missing-name = nom manquant
import-invalid-geometry = géométrie invalide
import-unknown-parent = territoire parent inconnu
import-duplicate = code en double dans le fichier
import-file-required = Choisissez un fichier GeoJSON.
import-not-utf8 = Le fichier n'est pas encodé en UTF-8.
import-level-invalid = Indiquez un niveau en lettres minuscules, par exemple commune.
import-year-invalid = Indiquez une année, par exemple 2023.
import-not-geojson = Ce fichier n'est pas du GeoJSON

## Needs
needs-title = Les besoins
needs-contribute = Exprimer un besoin
needs-contribute-intro = Dites ce qui manque près de chez vous ou sur le territoire. Votre besoin sera public, avec votre nom affiché.
needs-submit = Publier mon besoin
needs-list = Liste des besoins
needs-none = Aucun besoin ne correspond à ces critères.
needs-count-found = { $n ->
    [0] Aucun besoin
    [one] { $n } besoin
   *[other] { $n } besoins
}
needs-supports = { $n ->
    [one] { $n } soutien
   *[other] { $n } soutiens
}
needs-comments = { $n ->
    [0] Aucun commentaire
    [one] { $n } commentaire
   *[other] { $n } commentaires
}
needs-by-theme = Par thématique
needs-map = Carte des besoins
needs-map-title = Carte des besoins de la démarche { $title }
needs-map-description = Les besoins placés sur la carte, ou leur nombre par commune.
needs-view-points = Points
needs-view-communes = Par commune
needs-view-densite = Pour 1 000 habitants
needs-count = Besoins
needs-per-thousand = Besoins pour 1 000 habitants
unit-needs = { $n ->
    [one] besoin
   *[other] besoins
}
needs-place-map-title = Carte pour placer le besoin, démarche { $title }
needs-place-map-description = Cliquez sur la carte pour placer le besoin ; sans souris, choisissez la commune dans la liste.
needs-closed-title = La collecte des besoins n'est pas ouverte
needs-closed-text = Aucune phase de collecte des besoins n'est en cours pour cette démarche. Vous pouvez lire les besoins déjà exprimés.
filter-search = Rechercher
filter-search-cut = La recherche porte sur les { $n } mots les plus longs.
filter-all-themes = Toutes les thématiques
filter-all-places = Tout le territoire
filter-all-sources = Toutes les sources
filter-submit = Filtrer
field-theme = Thématique
field-place = Lieu
field-place-hint = Facultatif. Cliquez sur la carte, ou choisissez une commune dans la liste.
field-commune = Commune
field-source = Source
field-sort = Tri
field-need-title = Titre du besoin
field-need-title-hint = En une phrase, 120 caractères au plus.
field-need-body = Description
field-need-body-hint = Facultatif, 3 000 caractères au plus. Les retours à la ligne sont gardés.
sort-recent = Les plus récents
sort-supported = Les plus soutenus
source-online = En ligne
source-workshop = Atelier
source-import = Import
need-theme-unknown = Je ne sais pas
need-place-none = Pas de lieu précis
need-place-pointed = Lieu placé sur la carte.
need-place-map-caption = Cliquez sur la carte pour placer le besoin ; le lieu choisi s'affiche au-dessus de la carte.
need-byline = Exprimé par { $author } le { $date } ({ $source })
need-supports-title = Soutiens
need-support = Soutenir ce besoin
need-support-withdraw = Retirer mon soutien
need-sign-in-to-support = Connectez-vous pour soutenir ce besoin
need-sign-in-to-comment = Connectez-vous pour commenter
need-share = Partager
need-share-link = Lien vers ce besoin
need-map-title = Lieu du besoin « { $title } »
need-map-description = La commune du besoin, et son point s'il a été placé.
need-hidden = Ce besoin a été masqué par la modération.
need-hidden-title = Besoin masqué
need-contributions-closed = La démarche est close : elle ne reçoit plus de soutiens ni de commentaires.
comment-hidden = Ce commentaire a été masqué par la modération.
moderation-reason = Motif : { $reason }
comment-label = Votre commentaire
comment-submit = Publier
comment-reply = Répondre
comment-reply-label = Votre réponse
participant-anonymous = participant anonyme
pagination = Pages
pagination-first = Première page
pagination-next = Page suivante
error-theme-unknown = Choisissez une thématique de la liste, ou « Je ne sais pas ».
error-place-outside = Ce lieu est hors du territoire de la démarche.
flash-need-created = Votre besoin est publié. Merci !
flash-support-added = Votre soutien est enregistré.
flash-support-withdrawn = Votre soutien est retiré.
flash-comment-added = Votre commentaire est publié.

## Moderation
report-need = Signaler ce besoin
report-comment = Signaler ce commentaire
report-reason = Pourquoi le signalez-vous ?
report-hint = Par exemple : propos injurieux, données personnelles, publicité. Les modérateurs de la démarche liront votre signalement.
report-submit = Envoyer le signalement
moderation-title = Modération
moderation-reason-label = Motif (affiché publiquement)
moderation-hide-need = Masquer ce besoin
moderation-hide-comment = Masquer
moderation-restore = Rétablir
moderation-default-reason = contenu contraire à la charte de participation
moderation-queue = File de modération
moderation-queue-intro = Les signalements en attente, les plus anciens d'abord. Ouvrez le contenu pour le masquer ou le garder.
moderation-queue-empty = Aucun signalement en attente.
moderation-reported = Contenu signalé
moderation-reporter = Signalé par
moderation-comment-on = Commentaire sur
moderation-link = Modération
flash-reported = Merci, votre signalement est transmis aux modérateurs.
flash-hidden = Le contenu est masqué ; sa page indique pourquoi.
flash-restored = Le contenu est rétabli.

## Workshops and events
agenda-title = Agenda des ateliers et événements
agenda-empty = Aucun atelier ni événement pour l'instant.
event-new = Nouvel atelier ou événement
event-create = Créer l'événement
event-when = Quand
event-attendance = Participants présents
event-attendance-save = Enregistrer la participation
event-facilitation = Animation
event-capture = Saisir les besoins de l'atelier
event-capture-intro = Saisissez les besoins recueillis (post-it, fiches papier) l'un après l'autre : Entrée sur le bouton enregistre et ramène au titre, la commune reste choisie.
event-capture-submit = Enregistrer et saisir le suivant
event-captured = { $n ->
    [0] Aucun besoin saisi pour cet atelier
    [one] { $n } besoin saisi pour cet atelier
   *[other] { $n } besoins saisis pour cet atelier
}
event-kind-atelier = Atelier
event-kind-marche_exploratoire = Marche exploratoire
event-kind-table_ronde = Table ronde
event-kind-evenement_synthese = Événement de synthèse
event-kind-grand_evenement = Grand événement
audience-grand_public = Grand public
audience-jeunesse = Jeunesse
audience-publics_eloignes = Publics éloignés
audience-entreprises_ess = Entreprises et ESS
field-event-kind = Type
field-event-place = Lieu (adresse ou salle)
field-event-place-hint = Facultatif, par exemple « Maison de quartier des Résidences ».
field-capacity = Nombre de places
field-capacity-hint = Facultatif : laissez vide si les places ne sont pas limitées.
field-audience = Public visé
error-choose-from-list = Choisissez une valeur dans la liste.
error-datetime-invalid = Saisissez une date et une heure.
error-event-ends-before = L'événement doit se terminer après son début.
error-number-invalid = Saisissez un nombre entier positif.
flash-event-created = L'événement est créé.
flash-attendance-saved = La participation est enregistrée.
flash-need-captured = Besoin enregistré. Au suivant !
agenda-link = Agenda
event-registration = Inscription
event-places-left = { $n ->
    [0] Complet
    [one] { $n } place restante
   *[other] { $n } places restantes
}
event-places-open = Entrée libre, places non limitées.
event-register = M'inscrire
event-unregister = Annuler mon inscription
event-sign-in-to-register = Connectez-vous pour vous inscrire
error-event-full = Cet événement est complet : il n'y a plus de place.
flash-registered = Vous êtes inscrit·e.
flash-unregistered = Votre inscription est annulée.
agenda-subscribe = S'abonner à l'agenda (iCalendar)
needs-open-data = Données ouvertes, sans données personnelles :

## Participant profile
profile-title = Mon profil de participant (facultatif)
profile-intro = Ces informations servent uniquement à des statistiques anonymes sur qui a participé (pour savoir quels publics et quels territoires ont été entendus). Elles ne sont jamais affichées avec vos contributions. Vous pouvez les modifier ou les supprimer à tout moment.
profile-commune = Commune de résidence
profile-age = Tranche d'âge
profile-situation = Situation
profile-consent = J'accepte que ces informations servent à des statistiques anonymes sur la participation.
profile-save = Enregistrer mon profil
profile-delete = Supprimer mon profil
profile-unspecified = Non précisé
age-moins-18 = Moins de 18 ans
age-18-29 = 18 à 29 ans
age-30-44 = 30 à 44 ans
age-45-59 = 45 à 59 ans
age-60-74 = 60 à 74 ans
age-75-plus = 75 ans et plus
error-profile-consent = Cochez la case pour donner votre accord, ou laissez le profil vide.
flash-profile-saved = Votre profil est enregistré.
flash-profile-deleted = Votre profil est supprimé.
capture-csv-title = Importer un tableau de besoins (CSV)
capture-csv-hint = Colonnes : titre (obligatoire), description, thematique (nom de la thématique), commune (code INSEE ou nom). Séparateur « ; » ou « , », encodage UTF-8. Les lignes valides sont gardées, les autres sont signalées.
capture-csv-file = Fichier CSV
capture-csv-submit = Importer le tableau
capture-csv-kept = { $n ->
    [0] Aucun besoin importé.
    [one] { $n } besoin importé.
   *[other] { $n } besoins importés.
}
capture-csv-line = Ligne { $line } :
import-missing-column = Colonne manquante : « { $column } ».
import-malformed = Le fichier CSV est illisible à la ligne { $line }.
import-theme-unknown = thématique inconnue « { $theme } »
import-commune-unknown = commune hors du territoire de la démarche « { $commune } »
decidim-title = Importer des propositions Decidim
decidim-intro = Choisissez l'export CSV des propositions d'un espace Decidim (séparateur « ; »). Vous confirmerez ensuite à quelle thématique correspond chaque catégorie.
decidim-read = Lire le fichier
decidim-mapping = Catégories et thématiques
decidim-mapping-intro = Pour chaque catégorie Decidim, choisissez la thématique de la démarche ; la plus proche est proposée.
decidim-rows = { $n ->
    [one] { $n } proposition lue.
   *[other] { $n } propositions lues.
}
decidim-proposals = { $n ->
    [one] { $n } proposition
   *[other] { $n } propositions
}
decidim-no-theme = Aucune thématique
decidim-confirm = Importer avec ces correspondances
decidim-shortened = { $n ->
    [one] { $n } titre trop long a été raccourci (il reste entier en tête de la description).
   *[other] { $n } titres trop longs ont été raccourcis (ils restent entiers en tête de la description).
}
decidim-bad-date = date illisible « { $date } »
decidim-bad-votes = nombre de soutiens invalide « { $votes } » (un nombre entier de 0 à 100 000 000)
decidim-see = Voir les besoins importés
manage-full-export = Export complet des besoins :
moderation-merge = Fusionner avec un doublon
moderation-merge-target = Besoin à conserver (son lien ou son numéro)
moderation-merge-hint = Les soutiens et commentaires de ce besoin rejoindront le besoin conservé ; cette page renverra vers lui.
moderation-merge-submit = Fusionner dans ce besoin
error-merge-target = Indiquez le lien ou le numéro d'un autre besoin publié de cette démarche.
error-merge-self = Un besoin ne peut pas être fusionné avec lui-même.
flash-merged = Les besoins sont fusionnés : voici le besoin conservé, avec leurs soutiens et commentaires.
digest-subject = Concerto : du nouveau sur vos besoins
digest-greeting = Bonjour { $name },
digest-intro = Voici ce qui s'est passé sur les besoins que vous avez déposés.
digest-commented = { $n ->
    [one] un nouveau commentaire
   *[other] { $n } nouveaux commentaires
}
digest-commented-by = de { $names }
digest-hidden = masqué par la modération. Motif : { $reason }
digest-merged = fusionné par la modération avec un besoin semblable, qui rassemble désormais ses soutiens et ses commentaires :
digest-footer = Ces nouvelles sont regroupées en un seul message pour ne pas encombrer votre boîte. Ceci est un message automatique : merci de ne pas y répondre.
attendance-breakdown = Répartition anonyme (facultatif)
attendance-breakdown-hint = Comptez les personnes par tranche d'âge et par public si vous le savez ; laissez vide ce que vous ignorez. Ces chiffres servent seulement à savoir qui a participé.
attendance-by-age = Par tranche d'âge
attendance-by-public = Par public
attendance-who = Qui est venu
error-breakdown-exceeds = Cette répartition compte { $counted } personnes, plus que les { $total } présentes.
needs-views = Affichage des besoins
needs-count-more = Plus de { $n } besoins

## Syntheses
pagination-previous = Page précédente
synthesis-manage-title = Synthèses des besoins
synthesis-manage-intro = Une synthèse regroupe les besoins publiés en thèmes puis en groupes de besoins qui disent la même chose. Elle tourne sur ce serveur, en quelques secondes ; aucun texte ne quitte la plateforme. Chaque lancement crée une nouvelle version en brouillon : les versions validées ne sont jamais écrasées.
synthesis-scope-label = Périmètre
synthesis-scope-hint = Tous les besoins, ou ceux d'un thème, d'un territoire ou d'un atelier.
synthesis-scope-all = Tous les besoins publiés
synthesis-scope-theme = Thème « { $name } »
synthesis-scope-territory = Territoire « { $name } »
synthesis-scope-workshop = Atelier « { $name } »
synthesis-run = Lancer la synthèse
synthesis-versions = Versions
synthesis-versions-none = Aucune synthèse n'a encore été lancée.
synthesis-version = Version
synthesis-version-n = Version { $n }
synthesis-status = État
synthesis-started-by = Lancée par
synthesis-author-cli = ligne de commande
synthesis-status-running = En cours
synthesis-status-failed = Échouée
synthesis-status-draft = Brouillon
synthesis-status-validated = Validée
synthesis-status-published = Publiée
synthesis-status-superseded = Remplacée
synthesis-stage-reading = Lecture des besoins…
synthesis-stage-suggesting = Suggestion des thèmes…
synthesis-stage-clustering = Regroupement des besoins…
synthesis-stage-saving = Enregistrement du brouillon…
synthesis-stage-done = Terminée.
synthesis-error-scope = Choisissez un périmètre de la liste.
synthesis-error-running = Une synthèse de cette démarche est déjà en cours : attendez qu'elle se termine.
synthesis-error-merge = Choisissez un autre groupe du même thème.
synthesis-error-none-ticked = Cochez au moins un besoin à déplacer.
synthesis-error-destination = Choisissez le groupe où déplacer les besoins cochés.
synthesis-title = Synthèse · { $title }
synthesis-none-published = La synthèse des besoins de cette démarche n'est pas encore publiée. Vous pouvez déjà lire tous les besoins.
synthesis-see-needs = Voir les besoins
synthesis-running-hint = Cette page se met à jour toute seule.
synthesis-failed = La synthèse n'a pas abouti.
synthesis-needs-count = { $n ->
    [one] { $n } besoin
   *[other] { $n } besoins
}
synthesis-themes-count = { $n ->
    [one] { $n } thème
   *[other] { $n } thèmes
}
synthesis-clusters-count = { $n ->
    [one] { $n } groupe
   *[other] { $n } groupes
}
synthesis-pending = { $n ->
    [one] { $n } thème suggéré à confirmer
   *[other] { $n } thèmes suggérés à confirmer
}
synthesis-created = Lancée le { $date }
synthesis-validated-on = validée le { $date }
synthesis-published-on = Publiée le { $date }
synthesis-draft-intro = Brouillon : ouvrez un groupe pour le renommer, écrire son texte, le fusionner ou le diviser, déplacer des besoins, confirmer les thèmes suggérés et épingler des citations. Un gestionnaire valide puis publie.
synthesis-cluster-unlabelled = Besoins sans mots distinctifs
synthesis-open-cluster = Ouvrir le groupe et ses besoins
synthesis-decisions = Décisions
synthesis-validate = Valider cette version
synthesis-publish = Publier cette version
synthesis-discard = Abandonner cette version
synthesis-run-again = Lancer une nouvelle synthèse
synthesis-manager-decides = Un gestionnaire de la démarche valide et publie.
synthesis-edit-cluster = Modifier ce groupe
synthesis-label = Nom du groupe
synthesis-label-hint = 120 caractères au plus.
synthesis-summary = Texte de synthèse
synthesis-summary-hint = Ce que disent ces besoins, en quelques phrases (2 000 caractères au plus). Il sera publié.
synthesis-merge-with = Fusionner avec le groupe
synthesis-merge = Fusionner
synthesis-split-hint = Diviser répartit les besoins de ce groupe en deux groupes selon leurs mots.
synthesis-split = Diviser en deux
synthesis-map = Où ces besoins ont été exprimés
synthesis-map-title = Besoins du groupe « { $name } »
synthesis-map-description = Nombre de besoins du groupe par commune, et les besoins placés sur la carte.
synthesis-tick = Choisir « { $title } »
synthesis-pinned = Citation épinglée
synthesis-representative = Représentatif
synthesis-need-not-public = Masqué ou fusionné depuis
synthesis-suggested = Thème suggéré ({ $percent } %)
synthesis-accept = Confirmer le thème
synthesis-pin = Épingler comme citation
synthesis-unpin = Retirer la citation
synthesis-move-to = Déplacer les besoins cochés vers
synthesis-move-hint = Vers un groupe d'un autre thème, le besoin prend ce thème : la prochaine synthèse en tient compte.
synthesis-move = Déplacer
flash-synthesis-saved = C'est enregistré.
flash-synthesis-frozen = Cette version n'est plus un brouillon : elle ne change plus. Lancez une nouvelle synthèse pour la retravailler.
flash-synthesis-merged = Les deux groupes sont fusionnés.
flash-synthesis-split = Le groupe est divisé en deux.
flash-synthesis-not-split = Ce groupe ne se divise pas : ses besoins ne se distinguent pas assez.
flash-synthesis-moved = Les besoins cochés sont déplacés.
flash-synthesis-theme-accepted = Le thème est confirmé.
flash-synthesis-validated = La version est validée.
flash-synthesis-published = La synthèse est publiée.
flash-synthesis-discarded = La version est abandonnée.
synthesis-link = Synthèse des besoins

## Opinion map
opinions-title = Carte des opinions
opinions-intro = Réagissez à de courtes propositions : d'accord, pas d'accord, ou passer. La carte montre ensuite les groupes d'opinion, ce qui caractérise chacun et ce qui rassemble tout le monde.
opinions-see-map = Voir la carte des opinions
opinions-moderation = Modération des propositions
opinions-closed = La carte des opinions n'est pas ouverte dans la phase en cours : vous pouvez consulter la carte.
opinions-statement = Proposition
opinions-agree = D'accord
opinions-disagree = Pas d'accord
opinions-pass = Passer
opinions-sign-in = Connectez-vous pour voter.
opinions-all-voted = Vous avez réagi à toutes les propositions. Merci ! Ajoutez-en une, ou consultez la carte.
opinions-progress = Propositions auxquelles vous avez réagi : { $voted } sur { $total }.
opinions-add = Ajouter une proposition
opinions-statement-label = Votre proposition
opinions-statement-hint = Une phrase courte, à laquelle on peut être d'accord ou pas (140 caractères au plus).
opinions-premoderated = Elle sera publiée après relecture par un modérateur.
opinions-postmoderated = Elle est publiée tout de suite ; les modérateurs peuvent la retirer.
opinions-submit = Proposer
opinions-map = Carte des opinions
opinions-participants = { $n ->
    [one] { $n } participant
   *[other] { $n } participants
}
opinions-groups-count = { $n ->
    [one] { $n } groupe d'opinion
   *[other] { $n } groupes d'opinion
}
opinions-where-am-i = Où je me situe
opinions-in-group = Vous êtes dans le groupe { $group } (cercle noir sur la carte).
opinions-not-yet = Vous avez réagi à { $votes } propositions : pas assez de votes pour être placé·e dans un groupe (il faut réagir à au moins { $needed } propositions).
opinions-ungrouped = Pas assez de votes pour être placé·e dans un groupe : { $n ->
    [one] { $n } participant
   *[other] { $n } participants
} (moins de { $needed } propositions)
opinions-sign-in-to-see = Connectez-vous et votez pour voir où vous vous situez.
opinions-map-description = Chaque point est un participant, placé selon ses votes : les personnes proches ont voté de la même façon. Les contours entourent les groupes d'opinion.
opinions-map-caption = Les groupes sont décrits ci-dessous, avec les propositions qui les caractérisent.
opinions-group = Groupe { $group }
opinions-agree-with = sont d'accord avec
opinions-disagree-with = ne sont pas d'accord avec
opinions-votes-count = { $n ->
    [one] { $n } vote
   *[other] { $n } votes
}
opinions-consensus = Ce qui rassemble
opinions-no-consensus = Aucune proposition ne rassemble encore clairement tout le monde.
opinions-moderation-when = Quand les propositions sont-elles modérées ?
opinions-moderation-before = Avant publication
opinions-moderation-after = Après publication
opinions-pending = En attente
opinions-pending-none = Aucune proposition en attente.
opinions-published = Publiées
opinions-accept = Publier
opinions-refuse = Refuser
opinions-withdraw = Retirer (ses votes comptent comme « passer »)
flash-opinion-voted = Vote enregistré. Voici la suivante.
flash-opinions-closed = La carte des opinions n'est pas ouverte en ce moment.
flash-statement-pending = Merci ! Votre proposition sera publiée après relecture.
flash-statement-published = Merci ! Votre proposition est publiée.
flash-statement-moderated = La décision est enregistrée.
opinions-open-data = Données ouvertes, au format de Polis (participants numérotés, sans donnée personnelle) :
opinions-report = Rapport de la carte des opinions
opinions-report-legend = Pour chaque proposition : part de « d'accord » · « pas d'accord » · « passer », et nombre de votes.
opinions-everyone = Tout le monde
opinions-withdrawn = retirée
opinions-workshop = Proposition recueillie lors d'un atelier
opinions-workshop-none = Non : c'est ma proposition
opinions-error-workshop = Choisissez un atelier de la démarche.
opinions-from-workshop = atelier « { $workshop } »
