# Concerto — workshops and events: the agenda, registrations, attendance and capture (English).

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
field-event-kind = Kind
field-event-place = Place (address or room)
field-event-place-hint = Optional, for example "Maison de quartier des Résidences".
field-capacity = Places
field-capacity-hint = Optional: leave empty when places are not limited.
field-audience = Target public
error-datetime-invalid = Enter a date and a time.
error-event-ends-before = The event must end after it starts.
flash-event-created = The event is created.
flash-attendance-saved = The attendance is saved.
flash-need-captured = Need saved. Next one!
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

## Participant profile
capture-csv-title = Import a table of needs (CSV)
capture-csv-hint = Columns: titre (required), description, thematique (theme name), commune (INSEE code or name). Separator ";" or ",", UTF-8 encoding. Valid lines are kept, the others are reported.
capture-csv-submit = Import the table
import-theme-unknown = unknown theme "{ $theme }"
import-commune-unknown = commune outside the process's territory "{ $commune }"
attendance-breakdown = Anonymous breakdown (optional)
attendance-breakdown-hint = Count people by age bracket and by public if you know; leave blank what you do not know. These figures only tell who took part.
attendance-by-age = By age bracket
attendance-by-public = By public
attendance-who = Who came
error-breakdown-exceeds = This breakdown counts { $counted } people, more than the { $total } present.
