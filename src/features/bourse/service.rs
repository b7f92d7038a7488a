//! What the bourse's pages and the reminder job call: who a visitor is to a companionship,
//! the matching index kept per process, the reasons a fit is shown with, moves with their
//! e-mails, and the reminders of waiting proposals.

use std::sync::Arc;

use matchkit::Fit;
use textkit::corpus::{Corpus, CorpusOptions};

use crate::features::bourse::rules::{
    self, EndReason, Move, MoveRefused, Reminder, Side, State, Unit,
};
use crate::features::bourse::store::{self, Companionship, Matchable, NotMoved, Transition};
use crate::features::partners;
use crate::features::processes;
use crate::features::processes::rules::Day;
use crate::features::solutions;
use crate::platform::Platform;
use crate::platform::db::Db;
use crate::platform::i18n::{Lang, Tr};
use crate::platform::mail::{Email, postman};
use crate::platform::permissions::{ProcessAction, ProcessRole};
use crate::platform::revision_cache::RevisionCache;
use crate::platform::web::visitor::Visitor;

/// How many fits a request's or an offer's page shows.
pub const SHOWN_FITS: usize = 10;

/// A process's open offers and requests as vectors, ready to match.
pub struct MatchIndex {
    pool: matchkit::OfferPool,
    requests: Vec<matchkit::Request>,
    /// Each request's place in `requests`, by id.
    request_at: std::collections::HashMap<i64, usize>,
    /// `(title, owner)` of each offer (its organisation) and request (its solution), by id.
    labels: std::collections::HashMap<i64, (String, String)>,
}

fn point(m: &Matchable) -> Option<[f64; 2]> {
    m.lon.zip(m.lat).map(|(lon, lat)| [lon, lat])
}

impl MatchIndex {
    /// Indexes offers and requests: one TF-IDF space over all their texts.
    pub fn build(offers: Vec<Matchable>, requests: Vec<Matchable>) -> MatchIndex {
        let texts: Vec<&str> = offers
            .iter()
            .chain(&requests)
            .map(|m| m.text.as_str())
            .collect();
        let options = CorpusOptions {
            min_df: 1,
            ..CorpusOptions::default()
        };
        let corpus = Corpus::build(&texts, &options);
        let vector = |row: usize| -> Vec<(u32, f32)> {
            let row = corpus.matrix().row(row);
            row.indices
                .iter()
                .copied()
                .zip(row.values.iter().copied())
                .collect()
        };
        let mut labels = std::collections::HashMap::new();
        for m in offers.iter().chain(&requests) {
            labels.insert(m.id, (m.title.clone(), m.owner.clone()));
        }
        let matchable_offers: Vec<matchkit::Offer> = offers
            .iter()
            .enumerate()
            .map(|(i, o)| matchkit::Offer {
                id: o.id,
                kind: o.kind.code(),
                theme: o.theme_id,
                place: point(o),
                remaining: o.quantity,
                open: true,
                text: vector(i),
            })
            .collect();
        let requests: Vec<matchkit::Request> = requests
            .iter()
            .enumerate()
            .map(|(i, r)| matchkit::Request {
                id: r.id,
                kind: r.kind.code(),
                theme: r.theme_id,
                place: point(r),
                amount: r.quantity,
                text: vector(offers.len() + i),
            })
            .collect();
        MatchIndex {
            pool: matchkit::OfferPool::new(matchable_offers),
            request_at: requests
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id, i))
                .collect(),
            requests,
            labels,
        }
    }

    /// The offers that fit a request best (none when the request is not open).
    pub fn offers_for(&self, request_id: i64) -> Vec<Fit> {
        self.request_at
            .get(&request_id)
            .map(|&i| self.pool.best_for(&self.requests[i], SHOWN_FITS))
            .unwrap_or_default()
    }

    /// The requests an offer fits best (none when it is closed or full).
    pub fn requests_for(&self, offer_id: i64) -> Vec<Fit> {
        self.pool
            .offer(offer_id)
            .map(|o| matchkit::requests_for(o, &self.requests, SHOWN_FITS))
            .unwrap_or_default()
    }

    /// Every open request's `k` best offers, in the index's order, on every core (what the
    /// matching benchmark times).
    pub fn every_request(&self, k: usize) -> Vec<Vec<Fit>> {
        self.pool.best_for_all(&self.requests, k)
    }

    /// `(title, owner)` of an offer or request of the index.
    pub fn label(&self, id: i64) -> (String, String) {
        self.labels.get(&id).cloned().unwrap_or_default()
    }
}

/// Matching indexes kept, by process.
pub type MatchIndexes = RevisionCache<(i64, String), MatchIndex>;

/// Processes whose index and lists are kept.
const PROCESSES_KEPT: usize = 64;

/// What the bourse keeps in memory, by process, until its offers or requests change.
pub struct BourseCaches {
    /// The matching indexes (and the day they were built for).
    pub indexes: MatchIndexes,
    /// The bourse page's lists as written, by language.
    pub lists: RevisionCache<(i64, Lang), axum::body::Bytes>,
}

impl Default for BourseCaches {
    fn default() -> Self {
        BourseCaches {
            indexes: MatchIndexes::new(PROCESSES_KEPT),
            lists: RevisionCache::new(PROCESSES_KEPT),
        }
    }
}

/// A process's matching index as of its bourse's revision and today's date (offers whose last
/// day has passed leave it the next day).
pub async fn match_index(
    db: &Db,
    indexes: &MatchIndexes,
    process_id: i64,
) -> Result<Arc<MatchIndex>, sqlx::Error> {
    let today = Day::today().iso();
    let revision = (store::revision(db, process_id).await?, today);
    if let Some(index) = indexes.get(process_id, &revision) {
        return Ok(index);
    }
    let offers = store::matchable_offers(db, process_id, &revision.1).await?;
    let requests = store::matchable_requests(db, process_id).await?;
    let index = tokio::task::spawn_blocking(move || MatchIndex::build(offers, requests))
        .await
        .map_err(|e| sqlx::Error::Io(std::io::Error::other(e)))?;
    Ok(indexes.put(process_id, revision, index))
}

/// A capacity written with its unit: « 3 places », « 12 heures », « 500 € ».
pub fn quantity(n: i64, unit: Unit, tr: Tr) -> String {
    match unit {
        Unit::Euros => partners::rules::format_euros(n * 100, tr.lang),
        Unit::Places => tr.t_count("unit-places", n),
        Unit::Hours => tr.t_count("unit-hours", n),
    }
}

/// Why a fit is shown, as a person reads it: « même thématique · à 12 km · 3 places
/// restantes ».
pub fn reasons(fit: &Fit, unit: Unit, tr: Tr) -> String {
    let mut parts = Vec::new();
    if fit.same_theme {
        parts.push(tr.t("fit-same-theme"));
    }
    parts.push(match fit.km {
        Some(km) if km < 1.0 => tr.t("fit-same-place"),
        Some(km) => tr.t1("fit-km", "km", km.round() as i64),
        None => tr.t("fit-everywhere"),
    });
    if fit.text >= 0.2 {
        parts.push(tr.t("fit-close-text"));
    }
    parts.push(tr.t1("fit-remaining", "left", quantity(fit.remaining, unit, tr)));
    parts.join(" · ")
}

/// Who the visitor is to a companionship: its partner's contact, its solution's carrier, or
/// its process's team (managers and facilitators, admins); none otherwise.
pub async fn side_of(
    db: &Db,
    visitor: &Visitor,
    companionship: &Companionship,
) -> Result<Option<Side>, sqlx::Error> {
    let Some(account) = &visitor.account else {
        return Ok(None);
    };
    if partners::service::speaks_for(db, companionship.organisation_id, account.id).await? {
        return Ok(Some(Side::Partner));
    }
    if solutions::store::carries(db, companionship.solution_id, account.id).await? {
        return Ok(Some(Side::Carrier));
    }
    let roles = processes::store::roles_in(db, companionship.process_id, account.id).await?;
    Ok(runs(visitor, &roles).then_some(Side::Team))
}

/// Whether the visitor runs the process, given their roles in it: its facilitators and
/// managers, and instance admins.
pub fn runs(visitor: &Visitor, roles: &[ProcessRole]) -> bool {
    visitor.may_in_process(roles, ProcessAction::Facilitate)
}

/// Why a move was not made (each a message key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not allowed from here, or not this side's.
    Rule(MoveRefused),
    /// Someone moved it first.
    Changed,
    /// The offer has nothing left.
    NoCapacity,
}

impl Refusal {
    /// The message key.
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::Rule(rule) => rule.message_key(),
            Refusal::Changed => "error-companionship-changed",
            Refusal::NoCapacity => "error-offer-full",
        }
    }
}

/// Moves a companionship for a side, then tells the other side by e-mail.
pub async fn move_companionship(
    platform: &Platform,
    companionship: &Companionship,
    side: Side,
    step: Move,
    reason: Option<EndReason>,
) -> Result<Result<State, Refusal>, sqlx::Error> {
    let to = match rules::next_state(companionship.state, companionship.proposed_by, side, step) {
        Ok(to) => to,
        Err(rule) => return Ok(Err(Refusal::Rule(rule))),
    };
    let transition = Transition {
        from: companionship.state,
        to,
        by: side,
        reason,
    };
    match store::apply(&platform.db, companionship, transition).await? {
        Ok(()) => {}
        Err(NotMoved::Changed) => return Ok(Err(Refusal::Changed)),
        Err(NotMoved::NoCapacity) => return Ok(Err(Refusal::NoCapacity)),
    }
    let told = match side {
        Side::Team => vec![Side::Partner, Side::Carrier],
        side => side.other().into_iter().collect(),
    };
    let tr = Tr::new(Lang::Fr);
    let state = tr.t(&format!("companionship-state-{}", to.as_str()));
    for side in told {
        tell(
            platform,
            companionship,
            side,
            "mail-companionship-moved",
            &state,
        )
        .await?;
    }
    Ok(Ok(to))
}

/// Writes to one side of a companionship (its organisation's contacts, or its solution's
/// carriers), in French, with a link to the companionship.
async fn tell(
    platform: &Platform,
    companionship: &Companionship,
    side: Side,
    key: &str,
    detail: &str,
) -> Result<(), sqlx::Error> {
    let recipients = match side {
        Side::Partner => {
            partners::service::contact_addresses(&platform.db, companionship.organisation_id)
                .await?
        }
        Side::Carrier => store::carrier_addresses(&platform.db, companionship.solution_id).await?,
        Side::Team => store::team_addresses(&platform.db, companionship.process_id).await?,
    };
    let tr = Tr::new(Lang::Fr);
    let link = format!(
        "{}/compagnonnages/{}",
        platform.config.base_url(),
        companionship.id
    );
    let args = [
        ("offer", companionship.offer.as_str()),
        ("solution", companionship.solution.as_str()),
        ("detail", detail),
        ("link", link.as_str()),
    ];
    let email = |to: String| Email {
        to,
        subject: tr.t_args(&format!("{key}-subject"), &args),
        body: tr.t_args(&format!("{key}-body"), &args),
    };
    for (user_id, address) in recipients {
        postman::queue(platform, Some(user_id), &email(address), tr.lang).await?;
    }
    Ok(())
}

/// Proposes a companionship and tells the other side.
pub async fn propose(
    platform: &Platform,
    offer: &store::Offer,
    request: &store::SupportRequest,
    side: Side,
) -> Result<Option<i64>, sqlx::Error> {
    let units = request.amount.min(offer.remaining).max(1);
    let Some(id) = store::propose(&platform.db, offer, request.id, units, side).await? else {
        return Ok(None);
    };
    if let Some(companionship) = store::companionship(&platform.db, id).await? {
        let other = side.other().unwrap_or(Side::Partner);
        tell(
            platform,
            &companionship,
            other,
            "mail-companionship-proposed",
            "",
        )
        .await?;
    }
    Ok(Some(id))
}

/// Sends the reminders due at `now` (the job passes the clock's time; tests pass their
/// own): after 7 days without an answer the side asked, after 14 the process's team. Each
/// reminder goes once, whichever server notes it first. Returns how many were sent.
pub async fn remind(platform: &Platform, now: i64) -> Result<usize, sqlx::Error> {
    let mut sent = 0;
    for waiting in store::waiting(&platform.db, now - rules::REMIND_AFTER_MS).await? {
        let due = rules::reminder_due(
            waiting.created_at,
            waiting.reminded_at,
            waiting.escalated_at,
            now,
        );
        let Some(due) = due else { continue };
        let escalated = due == Reminder::Facilitators;
        if !store::mark_reminded(&platform.db, waiting.id, escalated, now).await? {
            continue;
        }
        let Some(companionship) = store::companionship(&platform.db, waiting.id).await? else {
            continue;
        };
        let (side, key) = match due {
            Reminder::OtherSide => (
                waiting.proposed_by.other().unwrap_or(Side::Partner),
                "mail-companionship-reminder",
            ),
            Reminder::Facilitators => (Side::Team, "mail-companionship-escalated"),
        };
        tell(platform, &companionship, side, key, "").await?;
        sent += 1;
    }
    Ok(sent)
}

/// A solution's requests to the bourse: `(id, title, status written)`, newest first.
pub async fn requests_of_solution(
    db: &Db,
    solution_id: i64,
    tr: Tr,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    Ok(store::requests_of_solution(db, solution_id)
        .await?
        .into_iter()
        .map(|r| {
            let status = tr.t(&format!("request-status-{}", r.status.as_str()));
            (r.id, r.title, status)
        })
        .collect())
}
