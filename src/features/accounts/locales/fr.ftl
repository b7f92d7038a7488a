# Concerto — accounts: signing up and in, passwords, the account page, profiles and the mails that carry links (français).

## Forms
field-email = Adresse électronique
field-display-name = Nom affiché
field-display-name-hint = Visible par les autres participants. Un prénom ou un pseudonyme suffit.
field-password = Mot de passe
field-password-new = Nouveau mot de passe
field-password-hint = Au moins 12 caractères. Une phrase facile à retenir fait un bon mot de passe.
field-password-confirm = Confirmez le mot de passe
field-password-current = Mot de passe actuel
field-honeypot = Ne remplissez pas ce champ
error-sign-in-failed = Adresse électronique ou mot de passe incorrect.
error-sign-in-unconfirmed = Votre adresse n'est pas encore confirmée. Nous venons de vous renvoyer le lien de confirmation : ouvrez-le, puis connectez-vous.
error-too-many-attempts = Trop de tentatives. Patientez quelques minutes avant de réessayer.
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

## Roles
role-admin = Administrateur·rice
role-manager = Responsable de démarche
role-facilitator = Animateur·rice
role-moderator = Modérateur·rice
role-partner = Partenaire
role-participant = Participant·e

## Workshops and events
audience-grand_public = Grand public
audience-jeunesse = Jeunesse
audience-publics_eloignes = Publics éloignés
audience-entreprises_ess = Entreprises et ESS
error-choose-from-list = Choisissez une valeur dans la liste.

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
account-organisations = Vos organisations
