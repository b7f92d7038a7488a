# Concerto — needs: contributing, the list and map, a need's page, exports and the Decidim import (français).

## Needs
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
flash-reported = Merci, votre signalement est transmis aux modérateurs.

## Workshops and events
needs-open-data = Données ouvertes, sans données personnelles :

## Participant profile
capture-csv-file = Fichier CSV
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
decidim-bad-date = date illisible « { $date } »
decidim-bad-votes = nombre de soutiens invalide « { $votes } » (un nombre entier de 0 à 100 000 000)
decidim-see = Voir les besoins importés
moderation-merge = Fusionner avec un doublon
moderation-merge-target = Besoin à conserver (son lien ou son numéro)
moderation-merge-hint = Les soutiens et commentaires de ce besoin rejoindront le besoin conservé ; cette page renverra vers lui.
moderation-merge-submit = Fusionner dans ce besoin
needs-views = Affichage des besoins
needs-count-more = Plus de { $n } besoins
