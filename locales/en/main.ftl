## Layout
site-name = Concerto
site-tagline = Citizen consultation, from needs to initiatives
skip-to-content = Skip to content
nav-main = Main navigation
nav-home = Home
nav-account = My account
nav-admin = Administration
nav-sign-in = Sign in
nav-sign-up = Create an account
nav-sign-out = Sign out
nav-signed-in-as = Signed in: { $name }
lang-switch-label = Language
lang-switch-button = Français
lang-switch-target = fr
footer-legal = Legal notice
footer-privacy = Personal data
footer-accessibility = Accessibility: partially compliant
footer-free-software = Concerto is free software.
footer-links = Useful links
footer-about = About
footer-demo = Demonstration: the participants and their supports, comments and votes are fictitious; the needs are real answers to the 2019 Grand Débat National (open data).

## Home
home-title = Concerto, consultation across a whole territory
home-lead = Concerto runs a citizen consultation across a whole territory, online and in the field: residents voice their needs, invent solutions and carry them to real initiatives, with local actors.
home-steps-title = Three stages to act together
home-step-needs-title = Voice needs
home-step-needs-text = Online or in workshops near you, everyone says what their territory lacks. The needs are then synthesised into themes.
home-step-solutions-title = Invent solutions
home-step-solutions-text = Events bring residents, associations, companies and elected officials together to invent answers, placed on a map of the territory.
home-step-initiatives-title = Support initiatives
home-step-initiatives-text = Project carriers meet partners who offer time, skills, means or premises.
home-processes-title = Current processes
home-processes-empty = No process has been published on this platform yet.
home-join-title = Take part
home-join-text = Create an account to contribute, support other people's proposals and follow what becomes of your needs.

## Forms
form-errors-summary = { $n ->
    [one] The form has one error: correct the field marked below.
   *[other] The form has { $n } errors: correct the fields marked below.
}
field-required-hint = required
field-email = E-mail address
field-display-name = Display name
field-display-name-hint = Visible to other participants. A first name or a pseudonym is enough.
field-password = Password
field-password-new = New password
field-password-hint = At least 12 characters. A sentence you remember makes a good password.
field-password-confirm = Confirm the password
field-password-current = Current password
field-honeypot = Leave this field empty
error-required = This field is required.
error-email-invalid = Enter a valid e-mail address, for example name@example.org.
error-too-long = This text is too long.
error-password-short = The password must have at least 12 characters.
error-password-mismatch = The two passwords differ.
error-password-wrong = The current password is wrong.
error-email-same = This is already your current address.
error-sign-in-failed = Wrong e-mail address or password.
error-sign-in-unconfirmed = Your address is not confirmed yet. We have just sent the confirmation link again: open it, then sign in.
error-too-many-attempts = Too many attempts. Wait a few minutes before trying again.
error-role-unknown = Choose a role from the list.
error-account-unknown = No account uses this address.
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
account-roles-none = Participant
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
flash-role-granted = The role is granted.
flash-role-revoked = The role is revoked.
flash-language = The language is changed.

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

## Administration
admin-title = Administration
admin-intro = Manage the platform's accounts and roles.
admin-roles = Roles
admin-roles-title = Who holds which role
admin-roles-intro = Every signed-in account is a participant. Other roles give extra rights across the platform; roles within a process are granted in the process.
admin-roles-none = Nobody holds this role yet.
admin-grant-title = Grant a role
admin-grant-email = Account address
admin-grant-role = Role
admin-grant-submit = Grant
admin-revoke = Revoke
admin-revoke-label = Revoke the role { $role } from { $name }
admin-outbox = Sent e-mails
admin-outbox-title = Outbox
admin-outbox-intro = No SMTP server is configured: e-mails are kept here instead of being sent.
admin-outbox-smtp = An SMTP server is configured: e-mails go out directly, the outbox is not used.
admin-outbox-empty = No e-mail yet.
admin-outbox-to = Recipient
admin-outbox-subject = Subject
admin-outbox-date = Date
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
admin-users = Accounts
admin-users-count = { $n ->
    [one] { $n } account
   *[other] { $n } accounts
}
table-name = Name
table-email = Address
table-since = Since
table-actions = Actions

## Roles
role-admin = Administrator
role-manager = Process manager
role-facilitator = Facilitator
role-moderator = Moderator
role-partner = Partner
role-participant = Participant

## Errors
error-page-status = Error { $status }
error-back-home = Back to the home page
error-400-title = Bad request
error-400-text = The request could not be understood. Check the address or the form, then try again.
error-403-title = Access denied
error-403-text = You are not allowed to do this. If you have just sent a form, it may have expired: reload the page and try again.
error-404-title = Page not found
error-404-text = This page does not exist or has moved.
error-405-title = Action not possible
error-405-text = This address does not accept this kind of request.
error-408-title = Timed out
error-408-text = The request took too long. Try again in a moment.
error-413-title = Too large
error-413-text = What you sent is larger than allowed. Shorten the text or the file, then try again.
error-429-title = Too many requests
error-429-text = You made too many requests in a short time. Wait a few minutes before trying again.
error-500-title = Server error
error-500-text = Something unexpected went wrong. Nothing you sent was half-saved; try again in a moment.
error-503-title = Service unavailable
error-503-text = The platform is temporarily unavailable. Try again in a moment.

## Legal
legal-title = Legal notice
legal-text-1 = This consultation platform is published by the organisation that runs the process, which is responsible for its publication.
legal-text-2 = Concerto is free software. It uses no third-party service: no page loads any script, font or image from another site.
privacy-title = Personal data
privacy-text-1 = The platform keeps your e-mail address, your display name, your password in hashed form (argon2id), your sign-in sessions, and what you do here: needs, supports, comments, reports, workshop registrations, opinion-map statements and votes, optional profile.
privacy-text-2 = No advertising or audience-measurement cookie is set. The cookies used serve signing in, protecting forms and choosing the language.
privacy-text-3 = From the "My account" page, you can download everything about you and delete your account at any time: your contributions then stay, attributed to "anonymous participant".
accessibility-title = Accessibility
accessibility-text-1 = Concerto aims at RGAA 4.1 (WCAG 2.1 level AA) conformance: keyboard navigation, skip link, form labels, sufficient contrast, pages usable without JavaScript.
accessibility-text-2 = The platform is partially compliant until a full audit has been made. If you meet a difficulty, report it to the organisation that runs the process.
about-title = About Concerto
about-text-1 = Concerto is a territorial concertation platform: residents voice their needs, online and in workshops, the needs are synthesised into themes, solutions are invented and then accompanied by local actors.
about-text-2 = It is free software. Maps are drawn from the territory's own boundaries, and no contribution leaves the server to be analysed.
about-demo-1 = This site is a demonstration. The territory (Pôle métropolitain Nord Franche-Comté, its 5 intercommunalities and 197 communes) and the Aux Actes Citoyens process are real; the contributions are illustrative.
about-demo-2 = The needs' texts are real answers to the 2019 Grand Débat National (open data published by the French government), filed under the process's themes by their keywords and placed in communes by population. The participants and their supports, comments, registrations and votes are fictitious, drawn at random from a fixed seed.
about-demo-3 = Data: IGN – ADMIN EXPRESS COG; Insee – COG 2026, legal populations 2023, RP2016; DGCL – EPCI composition; Grand Débat National 2019 – open data (Licence Ouverte).

## Processes
nav-manage = Management
footer-attribution = Data: IGN – ADMIN EXPRESS COG; Insee – COG 2026, legal populations 2023, RP2016; DGCL – EPCI composition; Grand Débat National 2019 – open data (Licence Ouverte).
process-current-phase = Current phase: { $name }
process-edit = Edit
process-figures = Key figures
figure-communes = communes
figure-themes = themes
figure-phases = phases
figure-processes = processes
unit-inhabitants = inhabitants
process-timeline = Timeline
phase-dates = from { $start } to { $end }
phase-past = Over
phase-current = Under way
phase-upcoming = Upcoming
process-about = About
process-themes = Themes
process-territory = Territory
process-map-title = Map of the territory of { $title }
process-map-description = The territory's communes, coloured by population; each commune leads to its page.
territory-map-title = Map of { $name }
territory-map-description = The territory's units, coloured by population; each leads to its page.
map-caption = Click a commune to open its page. The map's values are also given in the table below.
map-data = Map data
map-legend-population = Population
table-territory = Territory
table-code = Code
table-population = Population
breadcrumb = Breadcrumb
territory-processes = Processes on this territory
territory-processes-none = No published process covers this territory.
locate-outside = This place is in no known commune.
module-needs = Needs
module-events = Workshops and events
module-synthesis = Synthesis
module-solutions = Solutions
module-initiatives = Initiatives exchange
module-resources = Resource library
module-questionnaire = Questionnaire
module-opinion_map = Opinion map
status-draft = Draft
status-published = Published
status-closed = Closed
level-pole = Metropolitan pole
level-pole-plural = poles
level-region = Region
level-region-plural = regions
level-departement = Département
level-departement-plural = départements
level-epci = Intercommunality (EPCI)
level-epci-plural = intercommunalities
level-commune = Commune
level-commune-plural = communes
level-iris = IRIS
level-iris-plural = IRIS
level-quartier = Neighbourhood
level-quartier-plural = neighbourhoods
process-role-manager = Process manager
process-role-facilitator = Facilitator
process-role-moderator = Moderator

## Management
manage-title = Process management
manage-territories-link = Import territories (GeoJSON)
manage-processes = Processes
manage-processes-none = No process yet.
manage-new-process = New process
manage-create = Create the process
manage-edit-title = Edit the process
manage-view-public = See the public page
manage-sections = Sections
manage-general = General information
manage-team = Team
manage-team-intro = Roles given here count for this process only.
manage-team-none = Nobody in the team.
manage-copy = Duplicate
manage-copy-intro = Creates a draft with the same description, themes and phases, for another territory.
manage-copy-submit = Duplicate the process
manage-save = Save
manage-delete = Delete
manage-territories-choose = Covered territories
manage-themes-none = No theme.
manage-theme-add = Add a theme
manage-phases-none = No phase.
manage-phase-add = Add a phase
manage-theme-edit = Edit the theme
manage-phase-edit = Edit the phase
field-title = Title
field-status = Status
field-slug = Short address
field-slug-hint = Lower-case letters, digits and dashes, for example aux-actes-citoyens. Leave empty to derive it from the title.
field-summary = Summary
field-description = Description
field-description-hint = Markdown formatting: **bold**, *italics*, lists, links.
field-codes = Other territories, by code
field-codes-hint = INSEE codes of communes (or SIREN), one per line or comma-separated.
field-name = Name
field-colour = Colour
field-colour-hint = As #rrggbb; the name is shown in white on it, so the colour must be dark enough.
field-short-description = Short description
field-keywords = Keywords
field-keywords-hint = Comma-separated; they help classify contributions.
field-starts = Start
field-ends = End
field-modules = What the phase opens
error-slug-invalid = The short address must have 3 to 60 characters: unaccented lower-case letters, digits and dashes.
error-slug-taken = Another process already uses this short address.
error-status-unknown = Choose a status from the list.
error-codes-unknown = Unknown codes: { $codes }. Import these territories first.
error-colour-invalid = Enter a colour as #rrggbb, for example #1f4e5f.
error-colour-contrast = This colour is too light: white text on it would not be readable (contrast below 4.5:1).
error-date-invalid = Enter a date as YYYY-MM-DD.
error-modules-required = Tick at least one module.
error-phase-ends-before = The phase ends before it starts.
error-phase-overlap = These dates overlap another phase's.
flash-process-created = The process is created.
flash-process-saved = The changes are saved.

## Territory import
import-title = Import territories
import-intro = Import territorial boundaries as GeoJSON (communes, intercommunalities, IRIS, neighbourhoods…). Every feature is checked; importing the same file again updates without duplicating.
import-form = File to import
import-file = GeoJSON file
import-file-hint = A FeatureCollection of Polygon or MultiPolygon in longitude/latitude (WGS84), 2 MB at most; beyond, use the command "concerto territories import".
import-level = Level
import-level-hint = For example commune, epci, iris, quartier.
import-code-property = Code property
import-name-property = Name property
import-parent-property = Parent code property (optional)
import-population-property = Population property (optional)
import-population-year = Population year (optional)
import-population-source = Population source (optional)
import-submit = Import
import-report = Import report
import-report-kept = { $created } created, { $updated } updated.
import-report-none-refused = No feature refused.
import-report-refused = { $n ->
    [one] { $n } feature refused:
   *[other] { $n } features refused:
}
import-position = Feature no.
import-reason = Reason
import-missing-code = missing code
import-missing-name = missing name
import-invalid-geometry = invalid geometry
import-unknown-parent = unknown parent territory
import-duplicate = duplicate code in the file
import-file-required = Choose a GeoJSON file.
import-not-utf8 = The file is not UTF-8 encoded.
import-level-invalid = Give a level in lower-case letters, for example commune.
import-year-invalid = Give a year, for example 2023.
import-not-geojson = This file is not GeoJSON

## Needs
needs-title = Needs
needs-contribute = Voice a need
needs-contribute-intro = Say what is missing near you or across the territory. Your need will be public, with your display name.
needs-submit = Publish my need
needs-list = List of needs
needs-none = No need matches these criteria.
needs-count-found = { $n ->
    [0] No need
    [one] { $n } need
   *[other] { $n } needs
}
needs-supports = { $n ->
    [one] { $n } support
   *[other] { $n } supports
}
needs-comments = { $n ->
    [0] No comment
    [one] { $n } comment
   *[other] { $n } comments
}
needs-by-theme = By theme
needs-map = Map of needs
needs-map-title = Map of the needs of { $title }
needs-map-description = Needs placed on the map, or their number per commune.
needs-view-points = Points
needs-view-communes = Per commune
needs-view-densite = Per 1,000 inhabitants
needs-count = Needs
needs-per-thousand = Needs per 1,000 inhabitants
unit-needs = { $n ->
    [one] need
   *[other] needs
}
needs-place-map-title = Map to place the need, process { $title }
needs-place-map-description = Click the map to place the need; without a mouse, choose the commune from the list.
needs-closed-title = Needs collection is not open
needs-closed-text = No needs-collection phase is under way for this process. You can read the needs already voiced.
filter-search = Search
filter-search-cut = The search looks for the { $n } longest words.
filter-all-themes = All themes
filter-all-places = The whole territory
filter-all-sources = All sources
filter-submit = Filter
field-theme = Theme
field-place = Place
field-place-hint = Optional. Click the map, or choose a commune from the list.
field-commune = Commune
field-source = Source
field-sort = Sort
field-need-title = Title of the need
field-need-title-hint = One sentence, 120 characters at most.
field-need-body = Description
field-need-body-hint = Optional, 3,000 characters at most. Line breaks are kept.
sort-recent = Most recent
sort-supported = Most supported
source-online = Online
source-workshop = Workshop
source-import = Import
need-theme-unknown = I don't know
need-place-none = No precise place
need-place-pointed = Place set on the map.
need-place-map-caption = Click the map to place the need; the chosen place shows above the map.
need-byline = Voiced by { $author } on { $date } ({ $source })
need-supports-title = Supports
need-support = Support this need
need-support-withdraw = Withdraw my support
need-sign-in-to-support = Sign in to support this need
need-sign-in-to-comment = Sign in to comment
need-share = Share
need-share-link = Link to this need
need-map-title = Place of the need "{ $title }"
need-map-description = The need's commune, and its point if it was placed.
need-hidden = This need was hidden by moderation.
need-hidden-title = Hidden need
need-contributions-closed = This process is closed: it no longer takes supports or comments.
comment-hidden = This comment was hidden by moderation.
moderation-reason = Reason: { $reason }
comment-label = Your comment
comment-submit = Publish
comment-reply = Reply
comment-reply-label = Your reply
participant-anonymous = anonymous participant
pagination = Pages
pagination-first = First page
pagination-next = Next page
error-theme-unknown = Choose a theme from the list, or "I don't know".
error-place-outside = This place is outside the process's territory.
flash-need-created = Your need is published. Thank you!
flash-support-added = Your support is recorded.
flash-support-withdrawn = Your support is withdrawn.
flash-comment-added = Your comment is published.

## Moderation
report-need = Report this need
report-comment = Report this comment
report-reason = Why do you report it?
report-hint = For example: insults, personal data, advertising. The process's moderators will read your report.
report-submit = Send the report
moderation-title = Moderation
moderation-reason-label = Reason (shown publicly)
moderation-hide-need = Hide this need
moderation-hide-comment = Hide
moderation-restore = Restore
moderation-default-reason = content contrary to the participation charter
moderation-queue = Moderation queue
moderation-queue-intro = Pending reports, oldest first. Open the content to hide or keep it.
moderation-queue-empty = No pending report.
moderation-reported = Reported content
moderation-reporter = Reported by
moderation-comment-on = Comment on
moderation-link = Moderation
flash-reported = Thank you, your report was passed on to the moderators.
flash-hidden = The content is hidden; its page says why.
flash-restored = The content is restored.

## Workshops and events
agenda-title = Workshops and events
agenda-empty = No workshop or event yet.
event-new = New workshop or event
event-create = Create the event
event-when = When
event-attendance = People present
event-attendance-save = Save the attendance
event-facilitation = Facilitation
event-capture = Capture the workshop's needs
event-capture-intro = Type the needs collected (post-its, paper forms) one after another: Enter on the button saves and brings you back to the title, the commune stays chosen.
event-capture-submit = Save and capture the next
event-captured = { $n ->
    [0] No need captured for this workshop
    [one] { $n } need captured for this workshop
   *[other] { $n } needs captured for this workshop
}
event-kind-atelier = Workshop
event-kind-marche_exploratoire = Exploratory walk
event-kind-table_ronde = Round table
event-kind-evenement_synthese = Synthesis event
event-kind-grand_evenement = Major event
audience-grand_public = General public
audience-jeunesse = Young people
audience-publics_eloignes = Hard-to-reach publics
audience-entreprises_ess = Companies and social economy
field-event-kind = Kind
field-event-place = Place (address or room)
field-event-place-hint = Optional, for example "Maison de quartier des Résidences".
field-capacity = Places
field-capacity-hint = Optional: leave empty when places are not limited.
field-audience = Target public
error-choose-from-list = Choose a value from the list.
error-datetime-invalid = Enter a date and a time.
error-event-ends-before = The event must end after it starts.
error-number-invalid = Enter a positive whole number.
flash-event-created = The event is created.
flash-attendance-saved = The attendance is saved.
flash-need-captured = Need saved. Next one!
agenda-link = Agenda
event-registration = Registration
event-places-left = { $n ->
    [0] Full
    [one] { $n } place left
   *[other] { $n } places left
}
event-places-open = Open to all, places not limited.
event-register = Register
event-unregister = Cancel my registration
event-sign-in-to-register = Sign in to register
error-event-full = This event is full: no place is left.
flash-registered = You are registered.
flash-unregistered = Your registration is cancelled.
agenda-subscribe = Subscribe to the agenda (iCalendar)
needs-open-data = Open data, without personal data:

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
capture-csv-title = Import a table of needs (CSV)
capture-csv-hint = Columns: titre (required), description, thematique (theme name), commune (INSEE code or name). Separator ";" or ",", UTF-8 encoding. Valid lines are kept, the others are reported.
capture-csv-file = CSV file
capture-csv-submit = Import the table
capture-csv-kept = { $n ->
    [0] No need imported.
    [one] { $n } need imported.
   *[other] { $n } needs imported.
}
capture-csv-line = Line { $line }:
import-missing-column = Missing column: "{ $column }".
import-malformed = The CSV file cannot be read at line { $line }.
import-theme-unknown = unknown theme "{ $theme }"
import-commune-unknown = commune outside the process's territory "{ $commune }"
decidim-title = Import Decidim proposals
decidim-intro = Choose the CSV export of a Decidim space's proposals (";" separator). You will then confirm which theme each category maps to.
decidim-read = Read the file
decidim-mapping = Categories and themes
decidim-mapping-intro = For each Decidim category, choose the process's theme; the closest one is suggested.
decidim-rows = { $n ->
    [one] { $n } proposal read.
   *[other] { $n } proposals read.
}
decidim-proposals = { $n ->
    [one] { $n } proposal
   *[other] { $n } proposals
}
decidim-no-theme = No theme
decidim-confirm = Import with this mapping
decidim-shortened = { $n ->
    [one] { $n } title that was too long was shortened (it stays whole at the top of the description).
   *[other] { $n } titles that were too long were shortened (they stay whole at the top of the description).
}
decidim-bad-date = unreadable date "{ $date }"
decidim-bad-votes = invalid number of supports "{ $votes }" (a whole number from 0 to 100,000,000)
decidim-see = See the imported needs
manage-full-export = Full export of the needs:
moderation-merge = Merge with a duplicate
moderation-merge-target = Need to keep (its link or number)
moderation-merge-hint = This need's supports and comments will join the need kept; this page will lead to it.
moderation-merge-submit = Merge into that need
error-merge-target = Give the link or number of another published need of this process.
error-merge-self = A need cannot be merged with itself.
flash-merged = The needs are merged: here is the need kept, with their supports and comments.
digest-subject = Concerto: news about your needs
digest-greeting = Hello { $name },
digest-intro = Here is what happened to the needs you contributed.
digest-commented = { $n ->
    [one] one new comment
   *[other] { $n } new comments
}
digest-commented-by = by { $names }
digest-hidden = hidden by moderation. Reason: { $reason }
digest-merged = merged by moderation with a similar need, which now gathers its supports and comments:
digest-footer = This news is grouped into a single message so as not to clutter your inbox. This is an automatic message: please do not reply.
attendance-breakdown = Anonymous breakdown (optional)
attendance-breakdown-hint = Count people by age bracket and by public if you know; leave blank what you do not know. These figures only tell who took part.
attendance-by-age = By age bracket
attendance-by-public = By public
attendance-who = Who came
error-breakdown-exceeds = This breakdown counts { $counted } people, more than the { $total } present.
needs-views = Needs view
needs-count-more = More than { $n } needs

## Syntheses
pagination-previous = Previous page
synthesis-manage-title = Syntheses of the needs
synthesis-manage-intro = A synthesis groups the published needs into themes, then into clusters of needs that say the same thing. It runs on this server in seconds; no text leaves the platform. Each run makes a new draft version: validated versions are never overwritten.
synthesis-scope-label = Scope
synthesis-scope-hint = All needs, or those of one theme, territory or workshop.
synthesis-scope-all = All published needs
synthesis-scope-theme = Theme “{ $name }”
synthesis-scope-territory = Territory “{ $name }”
synthesis-scope-workshop = Workshop “{ $name }”
synthesis-run = Run the synthesis
synthesis-versions = Versions
synthesis-versions-none = No synthesis has been run yet.
synthesis-version = Version
synthesis-version-n = Version { $n }
synthesis-status = Status
synthesis-started-by = Started by
synthesis-author-cli = command line
synthesis-status-running = Running
synthesis-status-failed = Failed
synthesis-status-draft = Draft
synthesis-status-validated = Validated
synthesis-status-published = Published
synthesis-status-superseded = Superseded
synthesis-stage-reading = Reading the needs…
synthesis-stage-suggesting = Suggesting themes…
synthesis-stage-clustering = Clustering the needs…
synthesis-stage-saving = Saving the draft…
synthesis-stage-done = Done.
synthesis-error-scope = Choose a scope from the list.
synthesis-error-running = A synthesis of this process is already running: wait for it to finish.
synthesis-error-merge = Choose another cluster of the same theme.
synthesis-error-none-ticked = Tick at least one need to move.
synthesis-error-destination = Choose the cluster to move the ticked needs to.
synthesis-title = Synthesis · { $title }
synthesis-none-published = The synthesis of this process's needs is not published yet. You can already read every need.
synthesis-see-needs = See the needs
synthesis-running-hint = This page updates by itself.
synthesis-failed = The synthesis did not complete.
synthesis-needs-count = { $n ->
    [one] { $n } need
   *[other] { $n } needs
}
synthesis-themes-count = { $n ->
    [one] { $n } theme
   *[other] { $n } themes
}
synthesis-clusters-count = { $n ->
    [one] { $n } cluster
   *[other] { $n } clusters
}
synthesis-pending = { $n ->
    [one] { $n } suggested theme to confirm
   *[other] { $n } suggested themes to confirm
}
synthesis-created = Started on { $date }
synthesis-validated-on = validated on { $date }
synthesis-published-on = Published on { $date }
synthesis-draft-intro = Draft: open a cluster to rename it, write its text, merge or split it, move needs, confirm suggested themes and pin quotes. A manager validates, then publishes.
synthesis-cluster-unlabelled = Needs without distinctive words
synthesis-open-cluster = Open the cluster and its needs
synthesis-decisions = Decisions
synthesis-validate = Validate this version
synthesis-publish = Publish this version
synthesis-discard = Discard this version
synthesis-run-again = Run a new synthesis
synthesis-manager-decides = A manager of the process validates and publishes.
synthesis-edit-cluster = Edit this cluster
synthesis-label = Cluster name
synthesis-label-hint = At most 120 characters.
synthesis-summary = Synthesis text
synthesis-summary-hint = What these needs say, in a few sentences (at most 2,000 characters). It will be published.
synthesis-merge-with = Merge with the cluster
synthesis-merge = Merge
synthesis-split-hint = Splitting shares this cluster's needs between two clusters by their words.
synthesis-split = Split in two
synthesis-map = Where these needs were voiced
synthesis-map-title = Needs of the cluster “{ $name }”
synthesis-map-description = Number of the cluster's needs per commune, and the needs placed on the map.
synthesis-tick = Choose “{ $title }”
synthesis-pinned = Pinned quote
synthesis-representative = Representative
synthesis-need-not-public = Hidden or merged since
synthesis-suggested = Suggested theme ({ $percent } %)
synthesis-accept = Confirm the theme
synthesis-pin = Pin as a quote
synthesis-unpin = Unpin the quote
synthesis-move-to = Move the ticked needs to
synthesis-move-hint = Moved to a cluster of another theme, a need takes that theme: the next synthesis learns from it.
synthesis-move = Move
flash-synthesis-saved = Saved.
flash-synthesis-frozen = This version is no longer a draft: it does not change any more. Run a new synthesis to rework it.
flash-synthesis-merged = The two clusters are merged.
flash-synthesis-split = The cluster is split in two.
flash-synthesis-not-split = This cluster does not split: its needs are too alike.
flash-synthesis-moved = The ticked needs are moved.
flash-synthesis-theme-accepted = The theme is confirmed.
flash-synthesis-validated = The version is validated.
flash-synthesis-published = The synthesis is published.
flash-synthesis-discarded = The version is discarded.
synthesis-link = Synthesis of the needs

## Opinion map
opinions-title = Opinion map
opinions-intro = React to short statements: agree, disagree, or pass. The map then shows the opinion groups, what characterises each and what brings everyone together.
opinions-see-map = See the opinion map
opinions-moderation = Statement moderation
opinions-closed = The opinion map is not open in the current phase: you can read the map.
opinions-statement = Statement
opinions-agree = Agree
opinions-disagree = Disagree
opinions-pass = Pass
opinions-sign-in = Sign in to vote.
opinions-all-voted = You have reacted to every statement. Thank you! Add one, or read the map.
opinions-progress = Statements you have reacted to: { $voted } of { $total }.
opinions-add = Add a statement
opinions-statement-label = Your statement
opinions-statement-hint = A short sentence people can agree with or not (at most 140 characters).
opinions-premoderated = It will be published once a moderator has read it.
opinions-postmoderated = It is published at once; moderators may withdraw it.
opinions-submit = Submit
opinions-map = Opinion map
opinions-participants = { $n ->
    [one] { $n } participant
   *[other] { $n } participants
}
opinions-groups-count = { $n ->
    [one] { $n } opinion group
   *[other] { $n } opinion groups
}
opinions-where-am-i = Where I stand
opinions-in-group = You are in group { $group } (black circle on the map).
opinions-not-yet = You have reacted to { $votes } statements: not enough votes to be placed in a group (react to at least { $needed } statements).
opinions-ungrouped = Not enough votes to be placed in a group: { $n ->
    [one] { $n } participant
   *[other] { $n } participants
} (fewer than { $needed } statements)
opinions-sign-in-to-see = Sign in and vote to see where you stand.
opinions-map-description = Each dot is a participant, placed by their votes: people close together voted alike. Outlines surround the opinion groups.
opinions-map-caption = The groups are described below, with the statements that characterise them.
opinions-group = Group { $group }
opinions-agree-with = agree with
opinions-disagree-with = disagree with
opinions-votes-count = { $n ->
    [one] { $n } vote
   *[other] { $n } votes
}
opinions-consensus = What brings everyone together
opinions-no-consensus = No statement clearly brings everyone together yet.
opinions-moderation-when = When are statements moderated?
opinions-moderation-before = Before publication
opinions-moderation-after = After publication
opinions-pending = Waiting
opinions-pending-none = No statement waiting.
opinions-published = Published
opinions-accept = Publish
opinions-refuse = Refuse
opinions-withdraw = Withdraw (its votes count as a pass)
flash-opinion-voted = Vote recorded. Here is the next one.
flash-opinions-closed = The opinion map is not open at the moment.
flash-statement-pending = Thank you! Your statement will be published once read.
flash-statement-published = Thank you! Your statement is published.
flash-statement-moderated = The decision is recorded.
opinions-open-data = Open data, in Polis's format (participants numbered, no personal data):
opinions-report = Opinion map report
opinions-report-legend = For each statement: share of "agree" · "disagree" · "pass", and number of votes.
opinions-everyone = Everyone
opinions-withdrawn = withdrawn
opinions-workshop = Statement voiced at a workshop
opinions-workshop-none = No: it is my own statement
opinions-error-workshop = Choose a workshop of the process.
opinions-from-workshop = workshop “{ $workshop }”
