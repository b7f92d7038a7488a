## Questionnaires
questionnaires-title = Questionnaires
questionnaires-intro = This process's questionnaires: answer in a few minutes, section by section; you can stop and come back later.
questionnaires-none = No questionnaire yet.
questionnaire-new = New questionnaire
questionnaire-create = Create the questionnaire
questionnaire-build = Build
questionnaire-first-section = Questions
questionnaire-responses = { $n ->
    [one] { $n } response
   *[other] { $n } responses
}
questionnaire-state-draft = Draft (seen by the team only)
questionnaire-state-not-yet = Opens on { $day }
questionnaire-state-open = Open
questionnaire-state-closed = Closed
questionnaire-sections-count = { $n ->
    [one] { $n } section
   *[other] { $n } sections
}
questionnaire-questions-count = { $n ->
    [one] { $n } question
   *[other] { $n } questions
}
questionnaire-already-answered = You have answered this questionnaire: thank you!
flash-questionnaire-thanks = Thank you, your response is saved.
questionnaire-resume = Resume where you left off
questionnaire-start = Start
questionnaire-needs-account = This questionnaire needs an account (one response per person).
questionnaire-one-per-account = One response per account; your answers are saved at each section.
questionnaire-anonymous = Anonymous response: your answers are saved at each section, and this browser remembers where you are.
questionnaire-results = Results
questionnaire-results-catching-up = These results count the { $counted } responses received until a few moments ago; the latest are being computed: reload the page in a few seconds.
questionnaire-paper = Paper entry
questionnaire-preview = Preview
questionnaire-public-page = Public page
questionnaire-weighting = Weighting
questionnaire-step = Section { $step } of { $steps }
questionnaire-error-title = Error
questionnaire-submit = Send my answers
questionnaire-next = Save and continue
questionnaire-previous = Previous section
questionnaire-saved-per-section = Your answers are saved at each section: you can come back later.
questionnaire-required = required
questionnaire-other = Other
questionnaire-other-say = Please specify
questionnaire-choose-commune = Choose your commune
questionnaire-answer-if = Answer if you chose “{ $choice }” for “{ $question }”.
questionnaire-hint-max-choices = At most { $max } choices.
questionnaire-hint-bounds = Between { $min } and { $max }.
questionnaire-hint-ranking = Number them from 1 (first) to { $count }, each rank once.
questionnaire-hint-date = As YYYY-MM-DD.
questionnaire-error-required = Answer this question to go on.
questionnaire-error-unknown-choice = This choice is not one of the question's.
questionnaire-error-too-many = At most { $max } choices.
questionnaire-error-other = Please specify your “other” answer.
questionnaire-error-number = Write a number (for example 12 or 12.5).
questionnaire-error-bounds = The number must be between { $min } and { $max }.
questionnaire-error-ranks = Ranks run from 1 to n, each once.
questionnaire-error-too-long = At most { $max } characters.
questionnaire-paper-intro = Enter a questionnaire filled in on paper, as written: questions follow each other from the keyboard (Tab), conditions are applied when it is saved.
questionnaire-paper-entered = { $n ->
    [one] { $n } paper questionnaire entered.
   *[other] { $n } paper questionnaires entered.
}
questionnaire-paper-workshop = Collected at
questionnaire-paper-no-workshop = Paper entry (no workshop)
questionnaire-paper-save = Save this questionnaire
flash-questionnaire-paper-saved = Questionnaire saved. You can enter the next one.
questionnaire-preview-note = Preview: the questionnaire as respondents will read it, all sections together; nothing is saved.
questionnaire-settings = Settings
questionnaire-save = Save the settings
flash-questionnaire-saved = Settings saved.
questionnaire-section-rank = Section { $rank }
questionnaire-section-numbered = Section { $rank } · { $title }
questionnaire-section-empty = No question in this section.
flash-questionnaire-section-added = Section added.
questionnaire-add-section = Add a section
questionnaire-add-question = Add a question
flash-questionnaire-question-added = Question added.
flash-questionnaire-question-saved = Question saved.
flash-questionnaire-question-deleted = Question deleted.
questionnaire-edit-question = Edit
questionnaire-save-question = Save the question
questionnaire-delete-question = Delete the question
questionnaire-kept-answered = { $n ->
    [one] Already answered once: it can no longer be deleted.
   *[other] Already answered { $n } times: it can no longer be deleted.
}
questionnaire-chosen-by = { $n ->
    [one] chosen once
   *[other] chosen { $n } times
}
questionnaire-condition-none = Always
questionnaire-condition-said = If “{ $choice }” for “{ $question }”
questionnaire-limits-bounds = from { $min } to { $max }
questionnaire-limits-max-choices = at most { $max } choices
questionnaire-copy = Copy to another process
flash-questionnaire-copied = Questionnaire copied (not published).
questionnaire-error-closes-before = The closing day must follow the opening day.
questionnaire-error-condition = The condition must be a choice of a question placed before.
questionnaire-error-profile-twice = This profile question is already asked in the questionnaire.
questionnaire-error-bounds-order = The maximum must exceed the minimum.
questionnaire-error-scale-size = A scale holds at most 11 values (0 to 10 for example).
questionnaire-error-two-choices = Write at least two choices, one per line.
questionnaire-error-many-choices = At most { $max } choices, each of at most 300 characters.
questionnaire-error-rows = Write at least one row, one per line.
questionnaire-error-max-choices = A whole number, between 1 and the number of choices.
questionnaire-error-choice-chosen = “{ $choice }” was chosen { $count } times: it can no longer be removed (answers would lose it). Nothing was changed.
questionnaire-error-answered = This question already has answers: it can no longer be deleted.
questionnaire-kind-single = Single choice
questionnaire-kind-multiple = Multiple choice
questionnaire-kind-scale = Scale
questionnaire-kind-ranking = Ranking
questionnaire-kind-matrix = Grid (rows × scale)
questionnaire-kind-short_text = Short text
questionnaire-kind-long_text = Long text
questionnaire-kind-number = Number
questionnaire-kind-date = Date
questionnaire-kind-commune = Commune
questionnaire-kind-iris = Neighbourhood (IRIS)
questionnaire-profile-age = Profile: age bracket
questionnaire-profile-sex = Profile: sex
questionnaire-profile-occupation = Profile: occupation category
questionnaire-profile-commune = Profile: commune of residence
questionnaire-profile-iris = Profile: neighbourhood of residence (IRIS)
field-questionnaire-title = Title
field-questionnaire-intro = Introduction
field-questionnaire-opens = Opens
field-questionnaire-closes = Closes
field-questionnaire-signed-in = Answers with an account only (one per person)
field-questionnaire-published = Published
field-questionnaire-results-public = Public results
field-questionnaire-copy-to = Process
field-section-title = Section title
field-section-intro = Section introduction
field-section-condition = Show the section
field-question-section = Section
field-question-type = Question type
field-question-type-hint = Profile questions (age, sex, occupation, commune) serve to weight the results.
field-question-label = Question
field-question-help = Help (optional)
field-question-required = Answer required
field-question-choices = Choices
field-question-choices-hint = One per line (single, multiple choice, ranking).
field-question-choices-edit-hint = One per line. A new line adds a choice; an erased line removes the choice, if it was never chosen.
field-question-other = Add “Other, please specify”
field-question-max-choices = Most choices (multiple choice)
field-question-rows = Grid rows
field-question-rows-hint = One per line; each is rated on the scale.
field-question-min = Minimum
field-question-bounds-hint = Scale and grid: 1 to 5 by default, at most 11 values. Number: optional bounds.
field-question-max = Maximum
field-question-low = Label of the minimum (scale)
field-question-high = Label of the maximum (scale)
field-question-condition = Ask the question
field-question-condition-hint = Only if a choice of an earlier question was made.
questionnaire-answered = { $n ->
    [0] No answer
    [one] { $n } answer
   *[other] { $n } answers
}
questionnaire-fragile = Too few respondents to be read alone (effective size under 30)
questionnaire-fragile-short = small base
questionnaire-chart-description = Share of respondents to the question for each answer; the same values are in the table that follows.
questionnaire-ranking-description = Share of respondents who rank each choice first.
questionnaire-ranking-note = Mean rank (1 = first) and share of respondents who rank it first.
questionnaire-matrix-note = Each row's mean, then how its ratings spread.
questionnaire-numbers = Mean { $mean } · median { $median } · from { $min } to { $max }
questionnaire-dates = From { $first } to { $last }
questionnaire-texts = { $n ->
    [one] { $n } answer
   *[other] { $n } answers
}
questionnaire-table-caption = Answers to “{ $question }”
questionnaire-col-answer = Answer
questionnaire-col-count = Respondents
questionnaire-col-share = Raw share
questionnaire-col-weighted-share = Weighted share
questionnaire-col-margin = Margin of error (95 %)
questionnaire-col-category = Category
questionnaire-col-target = Target
questionnaire-col-unweighted = Raw
questionnaire-col-weighted = Weighted
questionnaire-kept-by-filter = { $n ->
    [one] { $n } kept by the filters
   *[other] { $n } kept by the filters
}
questionnaire-weighted-note = Results weighted to the territory's population.
questionnaire-unweighted = Raw results: no population margin is set.
questionnaire-weighted-summary = Design effect { $deff }, effective size { $effective }: margins of error take them into account.
questionnaire-filters = Filters
questionnaire-filter-place = Territory (commune of residence)
questionnaire-filter-everywhere = The whole territory
questionnaire-filter-profile = Profile
questionnaire-filter-everyone = All respondents
questionnaire-raw-figures = Raw results (unweighted)
questionnaire-apply-filters = Apply
questionnaire-cross-tab = Cross two questions
questionnaire-cross-rows = In rows
questionnaire-cross-columns = In columns
questionnaire-cross = Cross
questionnaire-cross-caption = Share of each column answer among each row's respondents (%)
questionnaire-weighting-intro = Weighting (raking) gives each respondent a weight so that the answers reflect the territory's population: type for each profile question the share of each category in the population (in %, total 100).
questionnaire-weighting-no-profile = Add a profile question (age, sex, occupation, commune) to weight the results.
questionnaire-weighting-no-respondents = No response answers every weighting question: results stay raw.
questionnaire-weighting-empty-category = No respondent in “{ $category }” (“{ $question }”): weighting cannot reach this target. Remove the category from the margins or collect answers from this public; results stay raw.
questionnaire-weighting-bad-trim = Weight bounds must hold 1 (for example 0.3 and 3): results stay raw.
questionnaire-report = Weighting report
questionnaire-report-converged = Converged in { $iterations } iterations
questionnaire-report-not-converged = Not converged after { $iterations } iterations
questionnaire-report-gap = largest relative gap to a margin: { $gap }
questionnaire-report-weights = Weights from { $min } to { $max } (ratio { $ratio })
questionnaire-report-design = Design effect (Kish) { $deff } · effective size { $effective }
questionnaire-report-left-out = { $n ->
    [one] { $n } respondent did not answer a weighting question: weight 1.
   *[other] { $n } respondents did not answer a weighting question: weight 1.
}
questionnaire-report-trimmed = Weights bounded: { $moved } of weight moved to the other respondents, margins re-fitted.
questionnaire-margin-hint = Share of each category in the population, in %, total 100. Erasing all removes this margin.
questionnaire-margin-save = Save the margin
flash-questionnaire-margin-saved = Margin saved; results are weighted.
questionnaire-margin-from-population = Fill from the communes' legal populations
questionnaire-margin-from-census = Fill from the { $year } census
questionnaire-margin-from-census-all = Fill from the { $year } census (whole population)
questionnaire-margin-from-census-adults = Fill from the { $year } census (aged 15 or over)
questionnaire-margin-from-census-iris = Fill from the IRIS' census populations
questionnaire-margin-by-commune = by commune
questionnaire-margin-by-epci = by EPCI
questionnaire-margin-level-hint = A margin by EPCI replaces the one by commune, and the other way round.
questionnaire-margin-no-population = No population is known for these categories: import the census in the observatory.
questionnaire-margin-not-a-share = “{ $category }”: a share between 0 and 100.
questionnaire-margin-sum = The shares add up to { $sum } %: 100 % is needed.
questionnaire-trim = Weight bounds
questionnaire-trim-save = Save the bounds
flash-questionnaire-trim-saved = Bounds saved.
questionnaire-trim-invalid = Two numbers: a minimum between 0 and 1, a maximum of at least 1 (for example 0.3 and 3).
field-trim-min = Least weight (relative to the mean)
field-trim-max = Most weight
field-trim-hint = Optional: weights outside the bounds are brought to them and the difference spread over the others.
questionnaire-import = Import answers
questionnaire-import-intro = A CSV file with the answers export's columns (Q1, Q2_3…): each row becomes a response, checked as a paper entry. The columns reponse, source, soumise_le, poids and the labels are ignored.
questionnaire-export-codebook = The codebook
questionnaire-import-response = { $n ->
    [one] a response ({ $n } question answered)
   *[other] a response ({ $n } questions answered)
}
questionnaire-import-unknown-columns = Unknown columns: { $columns }. The columns are those of the answers export (Q1, Q2_3…).
questionnaire-import-no-question = No column matches a question (Q1, Q2_3…).
questionnaire-import-unknown-code = { $column }: “{ $code }” is not one of the question's codes.
questionnaire-import-not-chosen = { $column }: 1 (chosen) or 0 (not chosen) expected.
questionnaire-import-empty-row = empty row.
questionnaire-exports = Exports
questionnaire-export-answers = Answers
questionnaire-export-results = Download the results (XLSX)
questionnaire-representation = Representativeness
questionnaire-representation-intro = Who answered, against who lives in the territory: to know where to go for the answers missing.
questionnaire-least-heard-title = The publics least heard
questionnaire-least-heard = { $public } of { $place }: { $observed } for { $expected } answers expected
questionnaire-least-heard-hint = Expected: the commune's share of the population times the age bracket's share in the margins, as if ages were spread alike everywhere.
questionnaire-per-thousand = Answers per 1,000 inhabitants
questionnaire-per-thousand-unit = per 1,000 inhabitants
questionnaire-reach-map = Answers per 1,000 inhabitants: { $title }
questionnaire-reach-map-description = Map of the communes coloured by answers per 1,000 inhabitants; the same values are in the tables.
questionnaire-reach-epci = Answers by EPCI, least reached first
questionnaire-reach-communes = Answers by commune, least reached first
questionnaire-zone = Territory
questionnaire-population = Population
questionnaire-reach-no-commune = Add the profile question “commune of residence” to see the reach by territory.
questionnaire-reach-profiles = Respondents' and population's profiles
questionnaire-reach-profiles-caption = Each category's share among respondents and in the population (the weighting margins)
questionnaire-reach-among-respondents = Among respondents
questionnaire-reach-in-population = In the population
questionnaire-reach-index = Index (100 = as many as expected)
questionnaire-choose-iris = Choose your neighbourhood (IRIS)
questionnaire-pick-map-title = Map of the communes of { $title }
questionnaire-pick-map-description = Clicking a commune chooses it in the list below.
questionnaire-pick-iris-map-title = Map of the IRIS and communes of { $title }
questionnaire-pick-iris-map-description = Clicking an IRIS chooses it in the list below; where IRIS are not drawn, clicking a commune chooses its first IRIS.
