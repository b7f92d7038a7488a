# Concerto — moderation: reports and the queue (English).

## Administration
admin-outbox-date = Date

## Moderation
moderation-default-reason = content contrary to the participation charter
moderation-queue-intro = Pending reports, oldest first. Open the content to hide or keep it.
moderation-queue-empty = No pending report.
moderation-reported = Reported content
moderation-reporter = Reported by
moderation-comment-on = Comment on
flash-hidden = The content is hidden; its page says why.
flash-restored = The content is restored.

## Participant profile
error-merge-target = Give the link or number of another published need of this process.
error-merge-self = A need cannot be merged with itself.
flash-merged = The needs are merged: here is the need kept, with their supports and comments.
digest-subject = Concerto: news about your needs
digest-greeting = Hello { $name },
digest-intro = Here is what happened to the needs you contributed or supported.
digest-commented = { $n ->
    [one] one new comment
   *[other] { $n } new comments
}
digest-commented-by = by { $names }
digest-hidden = hidden by moderation. Reason: { $reason }
digest-merged = merged by moderation with a similar need, which now gathers its supports and comments:
digest-footer = This news is grouped into a single message so as not to clutter your inbox. This is an automatic message: please do not reply.
notice-answered = a solution answers it: “{ $title }”
notice-staged = the solution “{ $title }” reached the stage “{ $detail }”
notice-progressed = the solution “{ $title }” moved on: { $detail } %
notice-milestone = the solution “{ $title }” reached a milestone: “{ $detail }”
notice-solution-commented = { $detail } commented your solution “{ $title }”
notice-official-answer = the process team answered the solution “{ $title }”: { $detail }
inbox-title = My notifications
inbox-intro = What happened to the needs you contributed or supported: comments, moderation, solutions answering them and their progress. The same news reaches you grouped by e-mail.
inbox-none = No notification yet.
inbox-commented = commented by { $name }
inbox-merged = merged with a similar need
inbox-see-solution = See the solution
moderation-solution = Solution:
