# Concerto — syntheses: versions, themes and clusters, their edits (English).

## Syntheses
pagination-previous = Previous page
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
