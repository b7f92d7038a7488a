# Concerto — processes: the public page and the management area (English).

## Forms
error-role-unknown = Choose a role from the list.
error-account-unknown = No account uses this address.

## Administration
admin-grant-email = Account address
admin-grant-role = Role
admin-grant-submit = Grant
admin-revoke = Revoke
table-actions = Actions

## Processes
process-current-phase = Current phase: { $name }
process-edit = Edit
process-figures = Key figures
figure-communes = communes
figure-themes = themes
figure-phases = phases
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
level-epci = Intercommunality (EPCI)
process-role-manager = Process manager
process-role-facilitator = Facilitator
process-role-moderator = Moderator

## Management
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

## Needs
needs-title = Needs

## Moderation
moderation-queue = Moderation queue

## Workshops and events
agenda-link = Agenda

## Participant profile
decidim-title = Import Decidim proposals
manage-full-export = Full export of the needs:

## Syntheses
synthesis-manage-title = Syntheses of the needs
synthesis-link = Synthesis of the needs

## Opinion map
opinions-title = Opinion map
