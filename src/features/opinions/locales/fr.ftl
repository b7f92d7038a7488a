# Concerto — the opinion map: statements, votes, groups, moderation and the report (français).

## Opinion map
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
