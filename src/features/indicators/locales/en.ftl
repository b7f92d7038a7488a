# Indicators: the evaluation framework's dashboard.

indicator-title = Indicators of the consultation
indicator-intro = The evaluation framework's indicators, computed by Concerto from what the consultation gathered, and how they changed day after day.
indicator-export = Download the framework and its history (XLSX)
indicator-question-reach = Whom did the consultation reach?
indicator-question-needs = Were the needs voiced answered?
indicator-question-solutions = Are solutions carried and accompanied?
indicator-contributors = People who voiced a need
indicator-needs = Needs voiced
indicator-needs-offline = Share of needs gathered offline (workshops, paper, imports)
indicator-age-brackets = Age brackets among contributors (of 6)
indicator-workshops-held = Workshops and meetings held
indicator-attendance = Workshop attendance
indicator-needs-answered = Share of needs that at least one solution answers
indicator-days-to-first-answer = Median delay between a need and its first solution
indicator-solutions = Published solutions
indicator-solutions-accompanied = Solutions accompanied by a partner
indicator-partners = Partners engaged
indicator-answered-officially = Solutions with an official answer (you said, we did)
indicator-days = { $days } days
indicator-chart-description = The indicator's value each day; the table below gives every value.
indicator-history = { $n ->
    [one] History ({ $n } day)
   *[other] History ({ $n } days)
}
indicator-no-history = No history yet: the day's value is kept every day.
indicator-unit-count = count
indicator-unit-percent = percentage
indicator-unit-days = days
indicator-xlsx-question = Evaluative question
indicator-xlsx-indicator = Indicator
indicator-xlsx-unit = Unit
indicator-xlsx-value = Value
indicator-xlsx-day = Day
