# Concerto — needs: contributing, the list and map, a need's page, exports and the Decidim import (English).

## Needs
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
flash-reported = Thank you, your report was passed on to the moderators.

## Workshops and events
needs-open-data = Open data, without personal data:

## Participant profile
capture-csv-file = CSV file
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
decidim-bad-date = unreadable date "{ $date }"
decidim-bad-votes = invalid number of supports "{ $votes }" (a whole number from 0 to 100,000,000)
decidim-see = See the imported needs
moderation-merge = Merge with a duplicate
moderation-merge-target = Need to keep (its link or number)
moderation-merge-hint = This need's supports and comments will join the need kept; this page will lead to it.
moderation-merge-submit = Merge into that need
needs-views = Needs view
needs-count-more = More than { $n } needs
