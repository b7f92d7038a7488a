## The bourse aux initiatives (phase 3)
bourse-title = Bourse aux initiatives
bourse-intro = Les partenaires proposent du temps, des compétences, des locaux, du matériel, leur réseau ou un financement ; les porteurs de solutions disent ce dont ils ont besoin. La plateforme rapproche les deux, et un compagnonnage commence quand chacun a accepté.
bourse-request-from-solution = Demander un accompagnement depuis la page de votre solution
bourse-figures = Suivi de la bourse
bourse-offers = Offres des partenaires
bourse-requests = Demandes des porteurs
bourse-no-offers = Aucune offre ouverte pour l'instant.
bourse-no-requests = Aucune demande ouverte pour l'instant.
bourse-left = { $left } disponible(s)
bourse-asked = { $asked } demandé(s)
offer-new = Publier une offre
offer-new-intro = Dites ce que votre organisation propose aux porteurs de solutions, et combien : la capacité diminue à chaque compagnonnage accepté.
offer-publish = Publier l'offre
offer-capacity-of = sur { $capacity }
offer-until = jusqu'au { $day }
offer-closed = Fermée
offer-close = Fermer l'offre
offer-reopen = Rouvrir l'offre
offer-fits = Les demandes qui correspondent
offer-no-fits = Aucune demande ouverte ne correspond à cette offre pour l'instant.
request-new = Demander un accompagnement
request-new-intro = Dites ce dont la solution a besoin et pour quand : les offres des partenaires qui y correspondent vous seront proposées.
request-publish = Publier la demande
request-by = pour le { $day }
request-status-open = Ouverte
request-status-met = Pourvue
request-status-withdrawn = Retirée
request-fits = Les offres qui correspondent
request-no-fits = Aucune offre ouverte ne correspond à cette demande pour l'instant.
fit-propose = Proposer un compagnonnage
fit-ask = Demander une mise en relation
fit-same-theme = même thématique
fit-same-place = même commune
fit-km = à { $km } km
fit-everywhere = sur tout le territoire
fit-close-text = descriptions proches
fit-remaining = { $left } restant(s)
unit-places = { $n ->
    [one] { $n } place
   *[other] { $n } places
}
unit-hours = { $n ->
    [one] { $n } heure
   *[other] { $n } heures
}
support-kind-mentoring = Parrainage
support-kind-skills = Compétences
support-kind-hours = Heures de bénévolat
support-kind-premises = Locaux
support-kind-equipment = Matériel
support-kind-network = Mise en réseau
support-kind-funding = Financement
field-offer-organisation = Organisation
field-support-kind = Type d'accompagnement
field-support-kind-hint = Compétences et bénévolat se comptent en heures, un financement en euros, le reste en places.
field-offer-title = Titre de l'offre
field-offer-text = Ce que vous proposez
field-offer-commune = Commune (code INSEE)
field-offer-commune-hint = Où l'accompagnement a lieu ; vide : sur tout le territoire.
field-offer-capacity = Capacité
field-offer-capacity-hint = Un nombre entier : places, heures ou euros selon le type.
field-offer-end = Dernier jour
field-date-hint = Au format AAAA-MM-JJ, facultatif.
field-request-title = Titre de la demande
field-request-text = Ce dont la solution a besoin
field-request-amount = Quantité demandée
field-request-by = Pour quand
companionships-title = Compagnonnages
companionship-title = Compagnonnage
companionship-state-proposed = Proposé
companionship-state-accepted = Accepté
companionship-state-in_progress = En cours
companionship-state-completed = Terminé
companionship-state-refused = Refusé
companionship-state-cancelled = Annulé
companionship-proposed-by-partner = proposé par le partenaire
companionship-proposed-by-carrier = proposé par les porteurs
side-partner = Partenaire
side-carrier = Porteurs
side-team = Équipe de la démarche
side-you-partner = Vous y êtes du côté du partenaire.
side-you-carrier = Vous y êtes du côté des porteurs de la solution.
side-you-team = Vous suivez ce compagnonnage pour l'équipe de la démarche.
companionship-next = Et maintenant ?
companionship-move-accepter = Accepter
companionship-move-refuser = Refuser
companionship-move-demarrer = Démarrer
companionship-move-terminer = Marquer terminé
companionship-move-annuler = Annuler
field-end-reason = Motif (pour refuser ou annuler)
field-end-reason-hint = Les motifs sont comptés pour améliorer la bourse.
end-reason-no_capacity = Plus de disponibilité
end-reason-out_of_scope = Hors du champ de l'offre
end-reason-too_far = Trop loin
end-reason-timing = Pas le bon moment
end-reason-no_longer_needed = Plus besoin
end-reason-found_elsewhere = Accompagnement trouvé ailleurs
end-reason-mismatch = Pas d'accord sur la manière de travailler
end-reason-solution_stopped = La solution s'est arrêtée
end-reason-other = Autre motif
companionship-log = Journal
companionship-log-private = Visible seulement par le partenaire, les porteurs et l'équipe de la démarche.
companionship-log-empty = Rien n'est encore noté.
companionship-log-add = Ajouter au journal
field-log-kind = Type
field-log-date = Date
field-log-text = Ce qui s'est passé
log-kind-meeting = Rencontre
log-kind-milestone = Étape franchie
log-kind-note = Note
companionship-testimonies = Témoignages
companionship-no-testimony = Aucun témoignage pour l'instant : chacun peut en laisser un une fois le compagnonnage terminé.
companionship-testify = Laisser mon témoignage
field-testimony = Votre témoignage
field-testimony-hint = Quelques lignes sur ce que ce compagnonnage a apporté.
bourse-figures-intro = La réactivité de chaque partenaire et la capacité consommée, pour l'équipe de la démarche.
bourse-reactivity = Réactivité des partenaires
reactivity-asked = Demandes reçues
reactivity-in-time = Répondues sous 7 jours
reactivity-completed = Terminés
reactivity-cancelled = Annulés
reactivity-taken = Capacité consommée
ledger-reconciled = { $n ->
    [one] Le registre de capacité de { $n } offre est juste : capacité et mouvements donnent ce qui reste.
   *[other] Les registres de capacité des { $n } offres sont justes : capacité et mouvements donnent ce qui reste.
}
ledger-unreconciled = { $n ->
    [one] { $n } offre a un registre de capacité qui ne tombe pas juste.
   *[other] { $n } offres ont un registre de capacité qui ne tombe pas juste.
}
error-companionship-not-yours = C'est à l'autre partie de répondre à cette proposition.
error-companionship-not-now = Ce n'est plus possible à ce stade du compagnonnage.
error-companionship-changed = Le compagnonnage a changé entre-temps : voici où il en est.
error-offer-full = L'offre n'a plus assez de capacité pour ce compagnonnage.
error-offer-organisation = Choisissez une organisation pour laquelle vous êtes contact.
error-support-kind = Choisissez le type d'accompagnement.
error-end-reason = Choisissez un motif.
error-companionship-not-running = Le journal s'ouvre quand les deux parties ont accepté.
error-log-kind = Choisissez le type de note.
error-testimony-not-yet = Les témoignages s'écrivent une fois le compagnonnage terminé.
flash-offer-published = L'offre est publiée.
flash-offer-saved = L'offre est enregistrée.
flash-request-published = La demande est publiée : voici les offres qui y correspondent.
flash-companionship-impossible = Cette offre ou cette demande ne prend plus de compagnonnage.
flash-companionship-proposed = La proposition est envoyée à l'autre partie.
flash-companionship-exists = Ce compagnonnage a déjà été proposé.
flash-companionship-moved = Le compagnonnage est à jour.
flash-log-added = C'est noté au journal.
flash-testimony-saved = Merci pour votre témoignage.
mail-companionship-proposed-subject = Proposition de compagnonnage : { $solution }
mail-companionship-proposed-body = Bonjour,

    Un compagnonnage vous est proposé entre l'offre « { $offer } » et la solution « { $solution } ».
    Acceptez-le ou refusez-le ici : { $link }
mail-companionship-moved-subject = Compagnonnage { $detail } : { $solution }
mail-companionship-moved-body = Bonjour,

    Le compagnonnage entre l'offre « { $offer } » et la solution « { $solution } » est maintenant : { $detail }.
    { $link }
mail-companionship-reminder-subject = Une proposition attend votre réponse : { $solution }
mail-companionship-reminder-body = Bonjour,

    Depuis une semaine, une proposition de compagnonnage entre l'offre « { $offer } » et la solution « { $solution } » attend votre réponse.
    { $link }
mail-companionship-escalated-subject = Proposition sans réponse depuis deux semaines : { $solution }
mail-companionship-escalated-body = Bonjour,

    La proposition de compagnonnage entre l'offre « { $offer } » et la solution « { $solution } » attend une réponse depuis deux semaines. Vous pouvez relancer les deux parties.
    { $link }
