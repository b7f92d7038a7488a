# Concerto — the opinion map: statements, votes, groups, moderation and the report (English).

## Opinion map
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
