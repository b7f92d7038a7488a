# Concerto — workshops and events: the agenda, registrations, attendance and capture (français).

## Workshops and events
agenda-title = Agenda des ateliers et événements
agenda-empty = Aucun atelier ni événement pour l'instant.
event-new = Nouvel atelier ou événement
event-create = Créer l'événement
event-when = Quand
event-attendance = Participants présents
event-attendance-save = Enregistrer la participation
event-facilitation = Animation
event-capture = Saisir les besoins de l'atelier
event-capture-intro = Saisissez les besoins recueillis (post-it, fiches papier) l'un après l'autre : Entrée sur le bouton enregistre et ramène au titre, la commune reste choisie.
event-capture-submit = Enregistrer et saisir le suivant
event-captured = { $n ->
    [0] Aucun besoin saisi pour cet atelier
    [one] { $n } besoin saisi pour cet atelier
   *[other] { $n } besoins saisis pour cet atelier
}
event-kind-atelier = Atelier
event-kind-marche_exploratoire = Marche exploratoire
event-kind-table_ronde = Table ronde
event-kind-evenement_synthese = Événement de synthèse
event-kind-grand_evenement = Grand événement
field-event-kind = Type
field-event-place = Lieu (adresse ou salle)
field-event-place-hint = Facultatif, par exemple « Maison de quartier des Résidences ».
field-capacity = Nombre de places
field-capacity-hint = Facultatif : laissez vide si les places ne sont pas limitées.
field-audience = Public visé
error-datetime-invalid = Saisissez une date et une heure.
error-event-ends-before = L'événement doit se terminer après son début.
flash-event-created = L'événement est créé.
flash-attendance-saved = La participation est enregistrée.
flash-need-captured = Besoin enregistré. Au suivant !
event-registration = Inscription
event-places-left = { $n ->
    [0] Complet
    [one] { $n } place restante
   *[other] { $n } places restantes
}
event-places-open = Entrée libre, places non limitées.
event-register = M'inscrire
event-unregister = Annuler mon inscription
event-sign-in-to-register = Connectez-vous pour vous inscrire
error-event-full = Cet événement est complet : il n'y a plus de place.
flash-registered = Vous êtes inscrit·e.
flash-unregistered = Votre inscription est annulée.
agenda-subscribe = S'abonner à l'agenda (iCalendar)

## Participant profile
capture-csv-title = Importer un tableau de besoins (CSV)
capture-csv-hint = Colonnes : titre (obligatoire), description, thematique (nom de la thématique), commune (code INSEE ou nom). Séparateur « ; » ou « , », encodage UTF-8. Les lignes valides sont gardées, les autres sont signalées.
capture-csv-submit = Importer le tableau
import-theme-unknown = thématique inconnue « { $theme } »
import-commune-unknown = commune hors du territoire de la démarche « { $commune } »
attendance-breakdown = Répartition anonyme (facultatif)
attendance-breakdown-hint = Comptez les personnes par tranche d'âge et par public si vous le savez ; laissez vide ce que vous ignorez. Ces chiffres servent seulement à savoir qui a participé.
attendance-by-age = Par tranche d'âge
attendance-by-public = Par public
attendance-who = Qui est venu
error-breakdown-exceeds = Cette répartition compte { $counted } personnes, plus que les { $total } présentes.
