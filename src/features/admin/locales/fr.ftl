# Concerto — administration: roles, the outbox and the audit log (français).

## Flash messages
flash-role-granted = Le rôle est attribué.
flash-role-revoked = Le rôle est retiré.

## Administration
admin-title = Administration
admin-intro = Gérez les comptes et les rôles de la plateforme.
admin-roles = Rôles
admin-roles-title = Qui a quel rôle
admin-roles-intro = Tout compte connecté est participant. Les autres rôles donnent des droits supplémentaires sur toute la plateforme ; les rôles propres à une démarche s'attribuent dans la démarche.
admin-roles-none = Personne n'a encore ce rôle.
admin-grant-title = Attribuer un rôle
admin-revoke-label = Retirer le rôle { $role } à { $name }
admin-outbox = Courriels envoyés
admin-outbox-title = Boîte d'envoi
admin-outbox-intro = Aucun serveur SMTP n'est configuré : les courriels sont conservés ici au lieu d'être envoyés.
admin-outbox-smtp = Un serveur SMTP est configuré : les courriels partent directement, la boîte d'envoi n'est pas utilisée.
admin-outbox-empty = Aucun courriel pour l'instant.
admin-outbox-to = Destinataire
admin-outbox-subject = Objet
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
admin-users-count = { $n ->
    [one] { $n } compte
   *[other] { $n } comptes
}
table-email = Adresse
table-since = Depuis
