# Concerto — accounts: signing up and in, passwords, the account page, profiles and the mails that carry links (English).

## Forms
field-email = E-mail address
field-display-name = Display name
field-display-name-hint = Visible to other participants. A first name or a pseudonym is enough.
field-password = Password
field-password-new = New password
field-password-hint = At least 12 characters. A sentence you remember makes a good password.
field-password-confirm = Confirm the password
field-password-current = Current password
field-honeypot = Leave this field empty
error-sign-in-failed = Wrong e-mail address or password.
error-sign-in-unconfirmed = Your address is not confirmed yet. We have just sent the confirmation link again: open it, then sign in.
error-too-many-attempts = Too many attempts. Wait a few minutes before trying again.
error-last-admin = Not possible: this is the platform's last administrator account.
error-delete-confirm = Tick the box to confirm the deletion.

## Sign up
sign-up-title = Create an account
sign-up-intro = An account lets you contribute, support and comment. We will send you a link to confirm your address.
sign-up-submit = Create my account
sign-up-have-account = Already have an account?
sign-up-sent-title = Check your mailbox
sign-up-sent-text = If this address can be used, a message has just been sent to it with a link to confirm your account. The link is valid for 48 hours.
confirm-title = Confirm your address
confirm-text = Press the button to confirm your e-mail address and activate your account.
confirm-submit = Confirm my address
link-invalid-title = Invalid or expired link
link-invalid-text = This link has already been used or is no longer valid. You can ask for a new one.

## Sign in
sign-in-title = Sign in
sign-in-submit = Sign in
sign-in-forgot = Forgot your password?
sign-in-no-account = No account yet?

## Password reset
reset-request-title = Forgotten password
reset-request-intro = Give your account's address: we will send you a link to choose a new password.
reset-request-submit = Send me the link
reset-sent-title = Check your mailbox
reset-sent-text = If an account uses this address, a message has just been sent to it with a link to choose a new password. The link is valid for one hour.
reset-title = Choose a new password
reset-submit = Save the password

## Account
account-title = My account
account-profile = Profile
account-name-submit = Save the name
account-email = E-mail address
account-email-current = Current address: { $email }
account-email-new = New address
account-email-submit = Change address
account-email-explain = A confirmation link will be sent to the new address; it replaces the current one once you open it.
account-password = Password
account-password-submit = Change the password
account-roles = Your roles
account-data = Your data
account-data-text = Download everything the platform keeps about you, as a JSON file.
account-data-download = Download my data
account-delete = Delete my account
account-delete-text = Deletion is final. Your public contributions stay visible under the name "anonymous participant".
account-delete-confirm = I understand that deletion is final.
account-delete-submit = Delete my account for good
account-email-change-title = Confirm the new address
account-email-change-text = Press the button to make this address your account's.
account-email-change-submit = Confirm the new address
account-email-taken-title = Address already in use
account-email-taken-text = Another account already uses this address; your address has not changed.

## Flash messages
flash-signed-in = You are signed in.
flash-signed-out = You are signed out.
flash-email-confirmed = Your address is confirmed. You can sign in.
flash-password-reset = Your password is changed. Sign in with the new one.
flash-password-changed = Your password is changed. Your other sessions were closed.
flash-name-changed = Your display name is saved.
flash-email-change-sent = A confirmation link was sent to the new address.
flash-email-changed = Your new address is saved.
flash-account-deleted = Your account is deleted.

## Mails
mail-confirm-subject = Confirm your address on Concerto
mail-confirm-body = Hello { $name },

    To activate your Concerto account, open this link (valid for 48 hours):
    { $link }

    If you did not create an account, ignore this message.
mail-reset-subject = New password on Concerto
mail-reset-body = Hello { $name },

    To choose a new password, open this link (valid for one hour):
    { $link }

    If you did not ask for anything, ignore this message: your password is unchanged.
mail-change-subject = Confirm your new address on Concerto
mail-change-body = Hello { $name },

    To make this address your Concerto account's, open this link (valid for 48 hours):
    { $link }

    If you did not ask for anything, ignore this message.
mail-existing-subject = Sign-up attempt with your address
mail-existing-body = Hello { $name },

    Someone has just asked to create a Concerto account with your address, which already has one.
    If it was you, sign in or choose a new password: { $url }/mot-de-passe-oublie

    Otherwise, ignore this message.
mail-email-changing-subject = Change of address requested on Concerto
mail-email-changing-body = Hello { $name },

    A change of e-mail address was requested for your Concerto account. It only takes effect once the new address is confirmed.
    If you did not ask for it, change your password: { $url }/compte

## Roles
role-admin = Administrator
role-manager = Process manager
role-facilitator = Facilitator
role-moderator = Moderator
role-partner = Partner
role-participant = Participant

## Workshops and events
audience-grand_public = General public
audience-jeunesse = Young people
audience-publics_eloignes = Hard-to-reach publics
audience-entreprises_ess = Companies and social economy
error-choose-from-list = Choose a value from the list.

## Participant profile
profile-title = My participant profile (optional)
profile-intro = This information serves only anonymous statistics on who took part (to know which publics and territories were heard). It is never shown with your contributions. You can change or delete it at any time.
profile-commune = Commune of residence
profile-age = Age bracket
profile-situation = Situation
profile-consent = I agree that this information serves anonymous statistics on participation.
profile-save = Save my profile
profile-delete = Delete my profile
profile-unspecified = Not specified
age-moins-18 = Under 18
age-18-29 = 18 to 29
age-30-44 = 30 to 44
age-45-59 = 45 to 59
age-60-74 = 60 to 74
age-75-plus = 75 and over
error-profile-consent = Tick the box to give your consent, or leave the profile empty.
flash-profile-saved = Your profile is saved.
flash-profile-deleted = Your profile is deleted.
account-organisations = Your organisations
