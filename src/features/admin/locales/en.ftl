# Concerto — administration: roles, the outbox and the audit log (English).

## Flash messages
flash-role-granted = The role is granted.
flash-role-revoked = The role is revoked.

## Administration
admin-title = Administration
admin-intro = Manage the platform's accounts and roles.
admin-roles = Roles
admin-roles-title = Who holds which role
admin-roles-intro = Every signed-in account is a participant. Other roles give extra rights across the platform; roles within a process are granted in the process.
admin-roles-none = Nobody holds this role yet.
admin-grant-title = Grant a role
admin-revoke-label = Revoke the role { $role } from { $name }
admin-outbox = Sent e-mails
admin-outbox-title = Outbox
admin-outbox-intro = No SMTP server is configured: e-mails are kept here instead of being sent.
admin-outbox-smtp = An SMTP server is configured: e-mails go out directly, the outbox is not used.
admin-outbox-empty = No e-mail yet.
admin-outbox-to = Recipient
admin-outbox-subject = Subject
admin-outbox-back = Back to the outbox
admin-audit = Log
admin-audit-title = Action log
admin-audit-intro = Actions that change rights or content, newest first.
admin-audit-empty = No action recorded.
admin-audit-actor = By
admin-audit-action = Action
admin-audit-subject = On
admin-audit-detail = Detail
admin-audit-deleted-actor = deleted account
admin-users-count = { $n ->
    [one] { $n } account
   *[other] { $n } accounts
}
table-email = Address
table-since = Since
