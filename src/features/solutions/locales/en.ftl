## Solutions (phase 2)
solutions-title = Solutions
solutions-list = List
solutions-planisphere = Map of solutions
solutions-views = Views of the solutions
solutions-propose = Propose a solution
solutions-propose-intro = A solution answers at least one need voiced during the consultation, or a cluster of the synthesis. Describe it, say where it stands and who carries it.
solutions-none = No solution matches these criteria.
solutions-count-found = { $n ->
    [0] No solution
    [one] { $n } solution
   *[other] { $n } solutions
}
solutions-count-more = More than { $n } solutions
solutions-by-stage = By stage
solutions-submit = Propose the solution
solutions-closed-title = Solutions are closed
solutions-closed-text = This process takes no solutions right now: no phase open to solutions is under way.
filter-all-stages = All stages
field-stage = Stage
solution-at-stage = Stage: { $stage }
solution-stage-none = No stage
planisphere-title = Map of solutions: { $title }
planisphere-description = Map of the territory; each point is a solution, in its theme's colour; the darker a commune, the larger the share of its needs answered by at least one solution.
coverage-share = Share of needs answered (%)
coverage-total = All
coverage-title = Needs coverage
coverage-summary = { $needs } needs, { $covered } of them answered by at least one solution ({ $percent } %).
coverage-by-theme = Needs answered per theme
coverage-by-commune = Needs answered per commune
coverage-needs = Needs
coverage-covered = Answered
answer-none = No answer yet
answer-retenue = Taken up
answer-a-retravailler = To be reworked
answer-hors-champ = Out of scope
scope-point = A precise place (a point on the map)
scope-commune = A commune
scope-epci = An intercommunality
scope-territory = The whole territory
solution-event-none = None: I propose it myself
solution-place-map-title = Where is the solution? { $title }
solution-place-map-caption = Click the map to place a point, or choose a commune or an intercommunality.
solution-epci-none = Choose an intercommunality
error-need-reference = “{ $piece }” is neither a need's number nor a link to a need.
error-epci-required = Choose the intercommunality.
error-commune-required = Choose the commune.
error-point-required = Place a point on the map, or choose another scope.
error-carrier-unknown = No account has the address { $email }: that person must create an account first.
error-carriers-too-many = At most { $n } carriers.
error-links-required = Choose at least one need or synthesis cluster the solution answers.
error-needs-unknown = These needs do not exist in this process: { $ids }.
error-needs-unpublished = These needs were hidden or merged: { $ids }.
error-clusters-unknown = These clusters are not in the published synthesis: { $ids }.
error-links-too-many = At most { $n } needs and clusters per solution.
error-event-unknown = This event is not one of the process's.
error-stage-unknown = Choose a stage of the process.
error-answer-unknown = Choose an answer from the list.
error-last-link = A solution answers at least one need or cluster: add another before removing this one.
error-stage-in-use = Solutions stand at this stage: move them before removing it.
error-stage-key = The key has 2 to 40 characters: lower-case letters without accents, digits, dashes and underscores.
error-stage-key-taken = A stage already has this key.
flash-solution-created = Your solution is published. Thank you!
flash-solution-moved = The solution's follow-up is up to date.
flash-milestone-added = The milestone is added.
flash-solution-answered = The official answer is saved.
flash-links-changed = The solution's needs are up to date.
flash-solution-moderated = The moderation decision is saved.
flash-stages-saved = The stages are saved.
field-solution-title = Title of the solution
field-solution-title-hint = In a few words: what the solution proposes.
field-solution-body = Description
field-solution-body-hint = What it changes, for whom, how. Markdown formatting allowed (lists, links, bold).
field-solution-needs = Needs it answers
field-solution-needs-hint = Tick at least one need or cluster. “Find needs” offers the needs closest to your solution's text, those your search finds and, when you chose a commune (list or place map, below), its most supported ones.
solution-needs-in-commune = Needs voiced in { $commune }, most supported first
solution-needs-chosen = Chosen needs
solution-needs-suggested = Needs close to the solution's text
solution-needs-searched = Needs found by the search
field-solution-search = Search needs by words
solution-suggest = Find needs
field-solution-need-numbers = Numbers or links of needs
field-solution-need-numbers-hint = For instance: 12, 57 or the address of a need's page, separated by commas.
field-solution-clusters = Clusters of the synthesis
field-scope = Scope
field-scope-hint = A precise place, a commune, an intercommunality or the whole territory.
field-epci = Intercommunality
field-solution-carriers = Who carries it?
field-organisation = Organisation (optional)
field-organisation-hint = Association, collective, company, local authority…
field-carriers = Other carriers (optional)
field-carriers-hint = The e-mail addresses of their accounts, separated by commas.
field-solution-event = Invented at the event
field-solution-event-hint = For a solution imagined at a workshop or event of the process, which you type in for the group.
solution-hidden = This solution was hidden by moderation.
solution-invented-at = invented at “{ $event }”
solution-proposed-on = Proposed on { $date }
solution-proposed-by = by { $name }
solution-updated-on = follow-up updated on { $date }
solution-carried-by = Carried by:
solution-follow-up = Follow-up of the solution
field-progress = Progress
field-progress-hint = In percent, from 0 to 100; left empty, the chosen stage's progress applies.
solution-official-answer = Official answer of the process
solution-answers = It answers
solution-need-unpublished = A hidden or merged need
solution-unlink = Remove
solution-cluster = Synthesis cluster: { $label }
solution-link = Add these needs
solution-milestones = Milestones
solution-milestones-none = No milestone yet.
solution-move-on = Update the follow-up
solution-milestone-add = Add a milestone
field-milestone-date = Date of the milestone
field-milestone-title = Title of the milestone
field-milestone-text = What happened (optional)
field-answer = Answer
field-answer-reason = Public reason
field-answer-reason-hint = Required with an answer: it is shown with it.
solution-answer-submit = Save the answer
moderation-hide-solution = Hide the solution
solution-map-title = Place of the solution: { $title }
solution-map-description = Map of the solution's commune or intercommunality.
stages-title = Stages of solutions
stages-intro = Each solution moves from stage to stage; the default progress applies when a solution reaches the stage (left empty, it keeps its own).
stages-add = Add a stage
field-stage-label = Name of the stage
field-stage-progress = Default progress (%)
field-stage-progress-hint = From 0 to 100; empty for a stage such as “abandoned”.
field-stage-key = Key
field-stage-key-hint = Used in imports and exports: lower case, digits and dashes.
trail-title = The trail of this need
trail-at-workshop = at the workshop “{ $workshop }”
trail-voiced = Voiced
trail-cluster = In the synthesis
trail-solution = Solution
trail-no-solution = No solution answers it yet.
trail-propose = Propose a solution to this need
said-title = You said, we did
said-intro = For each theme of the synthesis (version { $version }): what you said, and the solutions answering it, where they stand.
said-coverage = { $needs } needs, { $covered } of them with at least one solution
said-you-said = You said
said-we-did = What answers it
said-nothing-yet = No solution yet.
said-no-synthesis = The synthesis of needs is not published yet.
said-waiting = { $n ->
    [one] { $n } cluster still waits for a solution
   *[other] { $n } clusters still wait for a solution
}
said-needs = { $n ->
    [one] { $n } need
   *[other] { $n } needs
}
solution-all-clusters = { $n ->
    [one] { $n } other cluster of the synthesis
   *[other] { $n } other clusters of the synthesis
}
import-solutions-title = Import solutions
import-solutions-intro = A CSV file of solutions: Concerto's open data (a row with a known “id” or “id_externe” updates that solution, the others create one), or the results export of a Decidim Accountability component, whose linked proposals must have been imported as needs. You will first see what each row would do.
import-format = Kind of file
import-format-concerto = Concerto solutions (the open data's columns)
import-format-decidim = Decidim Accountability results
import-check = Check the file
import-dry-run = What the import would do (nothing saved yet)
import-confirm = Import the valid rows
import-counts = { $created } to create, { $updated } to update, { $unchanged } unchanged, { $refused } refused.
import-rows = Every row of the file
import-line = Line
import-outcome = What it does
import-row-create = creates “{ $title }”
import-row-update = updates “{ $title }”
import-row-unchanged = unchanged
import-row-refused = refused — { $reason }
import-stage-unknown = unknown stage “{ $stage }”: add it to the process's solution stages, with this key
import-proposals-unknown = no imported need matches the linked proposals ({ $ids })
import-solution-unknown = no solution number { $id } in this process
import-id = Identifier
import-date = Date
manage-full-export-solutions = full solutions:
solution-support = Support this solution
solution-sign-in-to-support = Sign in to support this solution
capture-solutions-title = Type in the workshop's solutions
capture-solutions-intro = Type each solution the group imagined, then Enter: the form comes back empty, the synthesis cluster and the commune kept for the next one. Each solution answers a cluster of the synthesis or needs (their numbers).
capture-solutions-submit = Save and type the next one
capture-solutions-csv-hint = A CSV file with a “titre” column, and optionally “description”, “thematique”, “commune” (INSEE code), “besoins” (numbers) and “groupes” (numbers of synthesis clusters).
capture-solutions-count = { $n ->
    [0] No solution typed in
    [one] { $n } solution typed in
   *[other] { $n } solutions typed in
}
capture-cluster-none = None (I give need numbers)
field-capture-cluster = Synthesis cluster it answers
flash-solution-captured = Solution saved. Type the next one.
wall-title = Wall of solutions
wall-solutions = { $n ->
    [0] No solution
    [one] { $n } solution invented here
   *[other] { $n } solutions invented here
}
wall-empty = Solutions will show here as soon as they are typed in.
wall-refresh = This page updates itself every 15 seconds.
wall-pause = Pause
wall-resume = Resume the updates
wall-reload = Refresh now
capture-solutions-kept = { $n ->
    [0] No solution imported.
    [one] { $n } solution imported.
   *[other] { $n } solutions imported.
}
scope-auto = From the place given (point, commune, intercommunality, else the whole territory)
error-merge-solution = Give the number or link of another published solution of the same process.
flash-solution-merged = The two solutions are now one: supports, needs and carriers are gathered here.
moderation-merge-solution = Merge with the solution number
moderation-merge-solution-hint = The number or link of the solution to keep; this one will lead there from now on.
solution-report = Report this solution
moderation-merge-solution-submit = Merge into that solution
planisphere-capped = The map shows the { $n } newest placed solutions; the list and the tables count them all.
solution-edit = Edit the solution
flash-solution-edited = The solution is updated.
solution-picture = Picture
solution-picture-remove = Remove the picture
solution-picture-submit = Save the picture
field-solution-picture = Picture (JPEG, PNG or WebP, 8 MB at most)
field-solution-picture-hint = It is saved again without its metadata (camera, GPS position) and scaled down to 1,600 pixels on a side.
field-solution-picture-text = Description of the picture
field-solution-picture-text-hint = A sentence for people who cannot see it, for example “The shared garden in spring”.
flash-solution-picture = The solution's picture is saved.
field-milestone-file = Picture or PDF document (optional, 8 MB at most)
field-milestone-file-hint = A picture is saved again without its metadata; a PDF is offered as a download.
field-milestone-file-text = Description of the picture or title of the document
field-milestone-file-text-hint = For people who cannot see the picture; for a document, its link text (its name otherwise).
solutions-sort-recentes = Newest
solutions-sort-soutiens = Most supported
solutions-sort-avancement = Furthest along
solutions-sort-suivi = Most recently followed up
solution-support-requests = Support (initiatives exchange)
