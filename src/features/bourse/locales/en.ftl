## The bourse aux initiatives (phase 3)
bourse-title = Initiatives exchange
bourse-intro = Partners offer time, skills, premises, equipment, their network or funding; solution carriers say what they need. The platform brings the two together, and a companionship begins once both have accepted.
bourse-request-from-solution = Ask for support from your solution's page
bourse-figures = Exchange follow-up
bourse-offers = Partners' offers
bourse-requests = Carriers' requests
bourse-no-offers = No open offer yet.
bourse-no-requests = No open request yet.
bourse-left = { $left } available
bourse-asked = { $asked } asked
offer-new = Publish an offer
offer-new-intro = Say what your organisation offers solution carriers, and how much: the capacity falls with each accepted companionship.
offer-publish = Publish the offer
offer-capacity-of = of { $capacity }
offer-until = until { $day }
offer-closed = Closed
offer-close = Close the offer
offer-reopen = Reopen the offer
offer-fits = Requests that fit
offer-no-fits = No open request fits this offer yet.
request-new = Ask for support
request-new-intro = Say what the solution needs and by when: the partners' offers that fit will be suggested to you.
request-publish = Publish the request
request-by = by { $day }
request-status-open = Open
request-status-met = Met
request-status-withdrawn = Withdrawn
request-fits = Offers that fit
request-no-fits = No open offer fits this request yet.
fit-propose = Propose a companionship
fit-ask = Ask for an introduction
fit-same-theme = same theme
fit-same-place = same commune
fit-km = { $km } km away
fit-everywhere = across the whole territory
fit-close-text = close descriptions
fit-remaining = { $left } left
unit-places = { $n ->
    [one] { $n } place
   *[other] { $n } places
}
unit-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
support-kind-mentoring = Mentoring
support-kind-skills = Skills
support-kind-hours = Volunteer hours
support-kind-premises = Premises
support-kind-equipment = Equipment
support-kind-network = Networking
support-kind-funding = Funding
field-offer-organisation = Organisation
field-support-kind = Kind of support
field-support-kind-hint = Skills and volunteering count in hours, funding in euros, the rest in places.
field-offer-title = Offer title
field-offer-text = What you offer
field-offer-commune = Commune (INSEE code)
field-offer-commune-hint = Where the support takes place; empty: across the whole territory.
field-offer-capacity = Capacity
field-offer-capacity-hint = A whole number: places, hours or euros depending on the kind.
field-offer-end = Last day
field-date-hint = As YYYY-MM-DD, optional.
field-request-title = Request title
field-request-text = What the solution needs
field-request-amount = Amount asked
field-request-by = By when
companionships-title = Companionships
companionship-title = Companionship
companionship-state-proposed = Proposed
companionship-state-accepted = Accepted
companionship-state-in_progress = In progress
companionship-state-completed = Completed
companionship-state-refused = Declined
companionship-state-cancelled = Cancelled
companionship-proposed-by-partner = proposed by the partner
companionship-proposed-by-carrier = proposed by the carriers
side-partner = Partner
side-carrier = Carriers
side-team = Process team
side-you-partner = You are on the partner's side.
side-you-carrier = You are on the side of the solution's carriers.
side-you-team = You follow this companionship for the process team.
companionship-next = What next?
companionship-move-accepter = Accept
companionship-move-refuser = Decline
companionship-move-demarrer = Start
companionship-move-terminer = Mark completed
companionship-move-annuler = Cancel
field-end-reason = Reason (to decline or cancel)
field-end-reason-hint = Reasons are counted to improve the exchange.
end-reason-no_capacity = No capacity left
end-reason-out_of_scope = Outside the offer's scope
end-reason-too_far = Too far
end-reason-timing = Not the right time
end-reason-no_longer_needed = No longer needed
end-reason-found_elsewhere = Support found elsewhere
end-reason-mismatch = No agreement on how to work together
end-reason-solution_stopped = The solution stopped
end-reason-other = Another reason
companionship-log = Log
companionship-log-private = Seen only by the partner, the carriers and the process team.
companionship-log-empty = Nothing noted yet.
companionship-log-add = Add to the log
field-log-kind = Kind
field-log-date = Date
field-log-text = What happened
log-kind-meeting = Meeting
log-kind-milestone = Milestone reached
log-kind-note = Note
companionship-testimonies = Testimonies
companionship-no-testimony = No testimony yet: each side may leave one once the companionship is completed.
companionship-testify = Leave my testimony
field-testimony = Your testimony
field-testimony-hint = A few lines on what this companionship brought.
bourse-figures-intro = Each partner's reactivity and the capacity taken, for the process team.
bourse-reactivity = Partners' reactivity
reactivity-asked = Requests received
reactivity-in-time = Answered within 7 days
reactivity-completed = Completed
reactivity-cancelled = Cancelled
reactivity-taken = Capacity taken
ledger-reconciled = { $n ->
    [one] The capacity ledger of { $n } offer adds up: capacity and movements give what is left.
   *[other] The capacity ledgers of the { $n } offers add up: capacity and movements give what is left.
}
ledger-unreconciled = { $n ->
    [one] { $n } offer has a capacity ledger that does not add up.
   *[other] { $n } offers have a capacity ledger that does not add up.
}
error-companionship-not-yours = It is for the other side to answer this proposal.
error-companionship-not-now = This is no longer possible at this stage of the companionship.
error-companionship-changed = The companionship changed in the meantime: here is where it stands.
error-offer-full = The offer has not enough capacity left for this companionship.
error-offer-organisation = Choose an organisation you are a contact of.
error-support-kind = Choose the kind of support.
error-end-reason = Choose a reason.
error-companionship-not-running = The log opens once both sides have accepted.
error-log-kind = Choose the kind of note.
error-testimony-not-yet = Testimonies are written once the companionship is completed.
flash-offer-published = The offer is published.
flash-offer-saved = The offer is saved.
flash-request-published = The request is published: here are the offers that fit.
flash-companionship-impossible = This offer or request takes no more companionships.
flash-companionship-proposed = The proposal is sent to the other side.
flash-companionship-exists = This companionship was already proposed.
flash-companionship-moved = The companionship is up to date.
flash-log-added = Noted in the log.
flash-testimony-saved = Thank you for your testimony.
mail-companionship-proposed-subject = Companionship proposed: { $solution }
mail-companionship-proposed-body = Hello,

    A companionship is proposed to you between the offer "{ $offer }" and the solution "{ $solution }".
    Accept or decline it here: { $link }
mail-companionship-moved-subject = Companionship { $detail }: { $solution }
mail-companionship-moved-body = Hello,

    The companionship between the offer "{ $offer }" and the solution "{ $solution }" is now: { $detail }.
    { $link }
mail-companionship-reminder-subject = A proposal awaits your answer: { $solution }
mail-companionship-reminder-body = Hello,

    For a week, a companionship proposal between the offer "{ $offer }" and the solution "{ $solution }" has been waiting for your answer.
    { $link }
mail-companionship-escalated-subject = Proposal unanswered for two weeks: { $solution }
mail-companionship-escalated-body = Hello,

    The companionship proposal between the offer "{ $offer }" and the solution "{ $solution }" has been waiting for an answer for two weeks. You may remind both sides.
    { $link }
