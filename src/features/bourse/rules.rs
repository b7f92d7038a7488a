//! The bourse aux initiatives without IO: kinds of support and their units, the states of a
//! companionship and who may move it where, the coded reasons for ending one, and when a
//! waiting proposal reminds the other side (7 days) and then the process's facilitators
//! (14 days).

use crate::platform::web::forms::FieldError;

crate::text_enum! {
    /// What an offer gives and a request asks.
    pub enum SupportKind {
        /// A mentor who follows the carriers over time.
        Mentoring = "mentoring",
        /// A skill lent for a task (law, accounting, design…).
        Skills = "skills",
        /// Volunteer hours.
        Hours = "hours",
        /// Premises: a room, an office, a workshop.
        Premises = "premises",
        /// Equipment lent or given.
        Equipment = "equipment",
        /// Introductions to the partner's network.
        Network = "network",
        /// Money.
        Funding = "funding",
    }
}

impl SupportKind {
    /// The unit its capacity counts in.
    pub fn unit(self) -> Unit {
        match self {
            SupportKind::Hours | SupportKind::Skills => Unit::Hours,
            SupportKind::Funding => Unit::Euros,
            _ => Unit::Places,
        }
    }

    /// Its rank, the code matching groups offers by.
    pub fn code(self) -> u8 {
        SupportKind::ALL
            .iter()
            .position(|k| *k == self)
            .expect("every kind is in ALL") as u8
    }
}

crate::text_enum! {
    /// What a capacity counts.
    pub enum Unit {
        /// Places (projects accompanied at once, rooms, loans).
        Places = "places",
        /// Hours.
        Hours = "hours",
        /// Euros.
        Euros = "euros",
    }
}

crate::text_enum! {
    /// Whether an offer takes new requests.
    pub enum OfferStatus {
        /// Open.
        Open = "open",
        /// Closed by its organisation.
        Closed = "closed",
    }
}

crate::text_enum! {
    /// Where a request stands.
    pub enum RequestStatus {
        /// Waiting for offers.
        Open = "open",
        /// Met by a companionship.
        Met = "met",
        /// Withdrawn by its carriers.
        Withdrawn = "withdrawn",
    }
}

crate::text_enum! {
    /// Where a companionship stands.
    pub enum State {
        /// One side proposed; the other has not answered.
        Proposed = "proposed",
        /// Both sides accepted: the capacity is taken.
        Accepted = "accepted",
        /// Under way (a meeting or a milestone was logged).
        InProgress = "in_progress",
        /// Done.
        Completed = "completed",
        /// The side asked declined.
        Refused = "refused",
        /// Ended before its term by either side or the team; the capacity is given back.
        Cancelled = "cancelled",
    }
}

impl State {
    /// Whether it has ended (completed, refused or cancelled).
    pub fn is_over(self) -> bool {
        matches!(self, State::Completed | State::Refused | State::Cancelled)
    }

    /// Whether both sides are in it (accepted or under way): the log and the end are open.
    pub fn is_running(self) -> bool {
        matches!(self, State::Accepted | State::InProgress)
    }
}

crate::text_enum! {
    /// One side of a companionship, or the process team.
    pub enum Side {
        /// The organisation making the offer.
        Partner = "partner",
        /// The carriers of the solution asking.
        Carrier = "carrier",
        /// The process's managers and facilitators.
        Team = "team",
    }
}

impl Side {
    /// The side across the pair (the team has none).
    pub fn other(self) -> Option<Side> {
        match self {
            Side::Partner => Some(Side::Carrier),
            Side::Carrier => Some(Side::Partner),
            Side::Team => None,
        }
    }
}

crate::text_enum! {
    /// Why a companionship was declined or ended, coded so that they can be counted.
    pub enum EndReason {
        /// The partner has no capacity left for it.
        NoCapacity = "no_capacity",
        /// Not what the offer is for.
        OutOfScope = "out_of_scope",
        /// Too far away.
        TooFar = "too_far",
        /// Not at the right time.
        Timing = "timing",
        /// The carriers no longer need it.
        NoLongerNeeded = "no_longer_needed",
        /// The carriers found support elsewhere.
        FoundElsewhere = "found_elsewhere",
        /// The two sides could not agree on how to work together.
        Mismatch = "mismatch",
        /// The solution stopped.
        SolutionStopped = "solution_stopped",
        /// Something else.
        Other = "other",
    }
}

/// What a side asks to do with a companionship.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Accept a proposal.
    Accept,
    /// Decline a proposal.
    Refuse,
    /// Note that it is under way.
    Start,
    /// Mark it done.
    Complete,
    /// End it before its term.
    Cancel,
}

/// Why a move is not allowed (each a message key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveRefused {
    /// The proposal waits for the other side, not for this one.
    NotYours,
    /// Not from where it stands.
    NotNow,
}

impl MoveRefused {
    /// The message key.
    pub fn message_key(self) -> &'static str {
        match self {
            MoveRefused::NotYours => "error-companionship-not-yours",
            MoveRefused::NotNow => "error-companionship-not-now",
        }
    }
}

/// Where a move takes a companionship, given who proposed it and who moves: a proposal is
/// answered by the side that did not make it; either side (or the team) starts, completes
/// or cancels a running one; the team cannot accept for a side.
pub fn next_state(
    state: State,
    proposed_by: Side,
    mover: Side,
    step: Move,
) -> Result<State, MoveRefused> {
    match (state, step) {
        (State::Proposed, Move::Accept | Move::Refuse) if mover == proposed_by => {
            Err(MoveRefused::NotYours)
        }
        (State::Proposed, Move::Accept | Move::Refuse) if mover == Side::Team => {
            Err(MoveRefused::NotYours)
        }
        (State::Proposed, Move::Accept) => Ok(State::Accepted),
        (State::Proposed, Move::Refuse) => Ok(State::Refused),
        (State::Proposed, Move::Cancel) if mover == proposed_by || mover == Side::Team => {
            Ok(State::Cancelled)
        }
        (State::Accepted, Move::Start) => Ok(State::InProgress),
        (State::Accepted | State::InProgress, Move::Complete) => Ok(State::Completed),
        (State::Accepted | State::InProgress, Move::Cancel) => Ok(State::Cancelled),
        _ => Err(MoveRefused::NotNow),
    }
}

/// A day in milliseconds.
pub const DAY_MS: i64 = 24 * 3_600_000;
/// How long a proposal waits before the other side is reminded.
pub const REMIND_AFTER_MS: i64 = 7 * DAY_MS;
/// How long before the process's facilitators are told.
pub const ESCALATE_AFTER_MS: i64 = 14 * DAY_MS;

/// Who a waiting proposal should now be brought to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reminder {
    /// The side that has not answered (7 days).
    OtherSide,
    /// The process's facilitators (14 days).
    Facilitators,
}

/// The reminder due for a proposal made at `created_at`, given those already sent, at `now`:
/// one to the other side after 7 days, one to the facilitators after 14; each once.
pub fn reminder_due(
    created_at: i64,
    reminded_at: Option<i64>,
    escalated_at: Option<i64>,
    now: i64,
) -> Option<Reminder> {
    let waited = now - created_at;
    if waited >= ESCALATE_AFTER_MS && escalated_at.is_none() {
        Some(Reminder::Facilitators)
    } else if waited >= REMIND_AFTER_MS && reminded_at.is_none() {
        Some(Reminder::OtherSide)
    } else {
        None
    }
}

/// A capacity or an amount as typed: a whole number from 1 to 10 million.
pub fn parse_quantity(raw: &str) -> Result<i64, FieldError> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '€'))
        .collect();
    cleaned
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=10_000_000).contains(n))
        .ok_or(FieldError::NotACount)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proposal_is_answered_by_the_other_side_only() {
        use Move::*;
        use Side::*;
        assert_eq!(
            next_state(State::Proposed, Carrier, Partner, Accept),
            Ok(State::Accepted)
        );
        assert_eq!(
            next_state(State::Proposed, Partner, Carrier, Refuse),
            Ok(State::Refused)
        );
        assert_eq!(
            next_state(State::Proposed, Carrier, Carrier, Accept),
            Err(MoveRefused::NotYours),
            "accepted twice by the same side"
        );
        assert_eq!(
            next_state(State::Proposed, Carrier, Team, Accept),
            Err(MoveRefused::NotYours)
        );
        assert_eq!(
            next_state(State::Proposed, Carrier, Carrier, Cancel),
            Ok(State::Cancelled)
        );
        assert_eq!(
            next_state(State::Proposed, Carrier, Partner, Cancel),
            Err(MoveRefused::NotNow)
        );
        assert_eq!(
            next_state(State::Accepted, Carrier, Partner, Accept),
            Err(MoveRefused::NotNow)
        );
        assert_eq!(
            next_state(State::Accepted, Carrier, Partner, Start),
            Ok(State::InProgress)
        );
        assert_eq!(
            next_state(State::InProgress, Carrier, Team, Complete),
            Ok(State::Completed)
        );
        assert_eq!(
            next_state(State::InProgress, Carrier, Partner, Cancel),
            Ok(State::Cancelled)
        );
        assert_eq!(
            next_state(State::Completed, Carrier, Partner, Cancel),
            Err(MoveRefused::NotNow)
        );
        assert_eq!(
            next_state(State::Refused, Carrier, Partner, Accept),
            Err(MoveRefused::NotNow)
        );
    }

    #[test]
    fn a_waiting_proposal_reminds_at_7_days_then_escalates_at_14_each_once() {
        let t = 1_000 * DAY_MS;
        assert_eq!(reminder_due(t, None, None, t + 6 * DAY_MS), None);
        assert_eq!(
            reminder_due(t, None, None, t + 7 * DAY_MS),
            Some(Reminder::OtherSide)
        );
        let reminded = Some(t + 7 * DAY_MS);
        assert_eq!(reminder_due(t, reminded, None, t + 10 * DAY_MS), None);
        assert_eq!(
            reminder_due(t, reminded, None, t + 14 * DAY_MS),
            Some(Reminder::Facilitators)
        );
        // A proposal first seen at 15 days goes to the facilitators; the other side next.
        assert_eq!(
            reminder_due(t, None, None, t + 15 * DAY_MS),
            Some(Reminder::Facilitators)
        );
        let escalated = Some(t + 15 * DAY_MS);
        assert_eq!(
            reminder_due(t, None, escalated, t + 15 * DAY_MS),
            Some(Reminder::OtherSide)
        );
        assert_eq!(reminder_due(t, reminded, escalated, t + 30 * DAY_MS), None);
    }

    #[test]
    fn kinds_have_units_and_codes() {
        assert_eq!(SupportKind::Funding.unit(), Unit::Euros);
        assert_eq!(SupportKind::Hours.unit(), Unit::Hours);
        assert_eq!(SupportKind::Premises.unit(), Unit::Places);
        let codes: Vec<u8> = SupportKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes, (0..SupportKind::ALL.len() as u8).collect::<Vec<_>>());
        assert_eq!(parse_quantity("1 500 €"), Ok(1500));
        assert_eq!(parse_quantity("0"), Err(FieldError::NotACount));
        assert_eq!(parse_quantity("trois"), Err(FieldError::NotACount));
    }
}
