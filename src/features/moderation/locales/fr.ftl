# Concerto — moderation: reports and the queue (français).

## Administration
admin-outbox-date = Date

## Moderation
moderation-default-reason = contenu contraire à la charte de participation
moderation-queue-intro = Les signalements en attente, les plus anciens d'abord. Ouvrez le contenu pour le masquer ou le garder.
moderation-queue-empty = Aucun signalement en attente.
moderation-reported = Contenu signalé
moderation-reporter = Signalé par
moderation-comment-on = Commentaire sur
flash-hidden = Le contenu est masqué ; sa page indique pourquoi.
flash-restored = Le contenu est rétabli.

## Participant profile
error-merge-target = Indiquez le lien ou le numéro d'un autre besoin publié de cette démarche.
error-merge-self = Un besoin ne peut pas être fusionné avec lui-même.
flash-merged = Les besoins sont fusionnés : voici le besoin conservé, avec leurs soutiens et commentaires.
digest-subject = Concerto : du nouveau sur vos besoins
digest-greeting = Bonjour { $name },
digest-intro = Voici ce qui s'est passé sur les besoins que vous avez déposés ou soutenus.
digest-commented = { $n ->
    [one] un nouveau commentaire
   *[other] { $n } nouveaux commentaires
}
digest-commented-by = de { $names }
digest-hidden = masqué par la modération. Motif : { $reason }
digest-merged = fusionné par la modération avec un besoin semblable, qui rassemble désormais ses soutiens et ses commentaires :
digest-footer = Ces nouvelles sont regroupées en un seul message pour ne pas encombrer votre boîte. Ceci est un message automatique : merci de ne pas y répondre.
notice-answered = une solution y répond : « { $title } »
notice-staged = la solution « { $title } » passe à l'étape « { $detail } »
notice-progressed = la solution « { $title } » avance : { $detail } %
notice-milestone = la solution « { $title } » franchit une étape : « { $detail } »
notice-solution-commented = { $detail } a commenté votre solution « { $title } »
notice-official-answer = l'équipe de la démarche répond à la solution « { $title } » : { $detail }
inbox-title = Mes notifications
inbox-intro = Ce qui s'est passé sur les besoins que vous avez déposés ou soutenus : commentaires, modération, solutions qui y répondent et leur avancement. Les mêmes nouvelles vous parviennent regroupées par e-mail.
inbox-none = Aucune notification pour l'instant.
inbox-commented = commenté par { $name }
inbox-merged = fusionné avec un besoin semblable
inbox-see-solution = Voir la solution
moderation-solution = Solution :
