//! The vote matrix: one row per participant, one column per statement, the last vote of each
//! participant on each statement (agree 1, disagree -1, pass 0), or nothing.

use std::collections::HashMap;

/// A cell nobody voted in.
pub const MISSING: i8 = i8::MIN;

/// Votes that put someone in the conversation, when there are at least this many statements
/// (Polis: 7).
pub const JOINING_VOTES: usize = 7;

/// While fewer participants than this are in the conversation, the most active join (Polis:
/// 15).
pub const GREEDY_PARTICIPANTS: usize = 15;

/// One vote as recorded: who, on what, when, and which way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vote {
    /// The participant's identifier.
    pub participant: i64,
    /// The statement's identifier.
    pub statement: i64,
    /// 1 agree, -1 disagree, 0 pass.
    pub value: i8,
    /// When it was cast (any increasing clock): of two votes on the same statement by the same
    /// participant, the later wins.
    pub at: i64,
}

/// Participants × statements, row-major, with the identifiers behind each row and column
/// (both in ascending order).
#[derive(Clone, Debug)]
pub struct VoteMatrix {
    /// Participant identifiers, one per row.
    pub participants: Vec<i64>,
    /// Statement identifiers, one per column.
    pub statements: Vec<i64>,
    /// Whether each statement was moderated out: its column counts as a pass for everyone.
    pub moderated_out: Vec<bool>,
    /// Whether each participant, at some moment as the votes arrived, had voted on at least
    /// min(7, statements voted on by anyone so far): Polis keeps such a participant in the
    /// conversation for good, so early voters on a young conversation stay in.
    pub joined_early: Vec<bool>,
    cells: Vec<i8>,
}

impl VoteMatrix {
    /// Builds the matrix from votes in any order: the last vote wins (by time, then by order
    /// of arrival). Votes other than -1, 0 and 1 are ignored. Statements in `moderated_out`
    /// have their column set to 0 for every participant; statements only known from
    /// `statements` (no vote yet) get an empty column.
    pub fn new(votes: &[Vote], statements: &[i64], moderated_out: &[i64]) -> VoteMatrix {
        let mut participants: Vec<i64> = votes.iter().map(|v| v.participant).collect();
        participants.sort_unstable();
        participants.dedup();
        let mut columns: Vec<i64> = votes
            .iter()
            .map(|v| v.statement)
            .chain(statements.iter().copied())
            .chain(moderated_out.iter().copied())
            .collect();
        columns.sort_unstable();
        columns.dedup();
        let row_of: HashMap<i64, usize> = participants
            .iter()
            .enumerate()
            .map(|(i, p)| (*p, i))
            .collect();
        let column_of: HashMap<i64, usize> =
            columns.iter().enumerate().map(|(i, s)| (*s, i)).collect();
        let width = columns.len();
        let mut cells = vec![MISSING; participants.len() * width];
        // Votes applied in time order (exports usually are already): the last one stays.
        let mut order: Vec<usize> = (0..votes.len()).collect();
        if !votes.windows(2).all(|w| w[0].at <= w[1].at) {
            order.sort_by_key(|&i| votes[i].at);
        }
        let mut voted_on = vec![0usize; participants.len()];
        let mut column_used = vec![false; width];
        let mut columns_used = 0;
        let mut joined_early = vec![false; participants.len()];
        let mut joined = 0;
        let mut first_vote = vec![usize::MAX; participants.len()];
        for (arrival, vote) in order.into_iter().map(|i| &votes[i]).enumerate() {
            if !(-1..=1).contains(&vote.value) {
                continue;
            }
            let (row, column) = (row_of[&vote.participant], column_of[&vote.statement]);
            let cell = &mut cells[row * width + column];
            if *cell == MISSING {
                voted_on[row] += 1;
                first_vote[row] = first_vote[row].min(arrival);
            }
            *cell = vote.value;
            if !column_used[column] {
                column_used[column] = true;
                columns_used += 1;
            }
            if !joined_early[row] && voted_on[row] >= JOINING_VOTES.min(columns_used) {
                joined_early[row] = true;
                joined += 1;
            }
            if joined < GREEDY_PARTICIPANTS {
                // Too few yet: the most active join (earliest first among equals).
                let mut waiting: Vec<usize> = (0..participants.len())
                    .filter(|&r| voted_on[r] > 0 && !joined_early[r])
                    .collect();
                waiting.sort_by_key(|&r| (std::cmp::Reverse(voted_on[r]), first_vote[r]));
                for r in waiting.into_iter().take(GREEDY_PARTICIPANTS - joined) {
                    joined_early[r] = true;
                    joined += 1;
                }
            }
        }
        let mut out = vec![false; width];
        for statement in moderated_out {
            let c = column_of[statement];
            out[c] = true;
            for row in 0..participants.len() {
                cells[row * width + c] = 0;
            }
        }
        VoteMatrix {
            participants,
            statements: columns,
            moderated_out: out,
            joined_early,
            cells,
        }
    }

    /// The number of participants.
    pub fn rows(&self) -> usize {
        self.participants.len()
    }

    /// The number of statements.
    pub fn columns(&self) -> usize {
        self.statements.len()
    }

    /// One participant's votes, `MISSING` where they did not vote.
    pub fn row(&self, row: usize) -> &[i8] {
        let width = self.columns();
        &self.cells[row * width..(row + 1) * width]
    }

    /// How many statements each participant voted on (moderated-out ones included, as Polis
    /// counts them).
    pub fn vote_counts(&self) -> Vec<usize> {
        (0..self.rows())
            .map(|r| self.row(r).iter().filter(|&&v| v != MISSING).count())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_vote_wins_and_moderated_statements_are_passes() {
        let votes = [
            Vote {
                participant: 7,
                statement: 2,
                value: 1,
                at: 10,
            },
            Vote {
                participant: 7,
                statement: 2,
                value: -1,
                at: 20,
            },
            Vote {
                participant: 7,
                statement: 3,
                value: 1,
                at: 5,
            },
            Vote {
                participant: 3,
                statement: 2,
                value: 1,
                at: 1,
            },
            Vote {
                participant: 3,
                statement: 9,
                value: 5,
                at: 1,
            },
        ];
        let matrix = VoteMatrix::new(&votes, &[4], &[3]);
        assert_eq!(matrix.participants, vec![3, 7]);
        assert_eq!(matrix.statements, vec![2, 3, 4, 9]);
        assert_eq!(matrix.row(1), &[-1, 0, MISSING, MISSING]);
        assert_eq!(matrix.row(0), &[1, 0, MISSING, MISSING]);
        assert_eq!(matrix.vote_counts(), vec![2, 2]);
        assert_eq!(matrix.moderated_out, vec![false, true, false, false]);
    }
    #[test]
    fn who_joined_early_stays_in_and_latecomers_need_seven_votes() {
        let mut votes = Vec::new();
        let mut at = 0;
        let mut cast = |participant: i64, statement: i64| {
            at += 1;
            votes.push(Vote {
                participant,
                statement,
                value: 1,
                at,
            });
        };
        // The first voter on a one-statement conversation has voted on everything there is.
        cast(1, 1);
        // The second votes on one statement of two: too few, but fewer than fifteen are in.
        cast(2, 2);
        // Twenty others then vote on ten statements each.
        for participant in 100..120 {
            for statement in 1..=10 {
                cast(participant, statement);
            }
        }
        // Two latecomers: one votes on three statements, one on seven.
        for statement in 1..=3 {
            cast(200, statement);
        }
        for statement in 1..=7 {
            cast(201, statement);
        }
        let matrix = VoteMatrix::new(&votes, &[], &[]);
        let joined = |participant: i64| {
            matrix.joined_early[matrix.participants.binary_search(&participant).unwrap()]
        };
        assert!(joined(1), "in from the start, in for good");
        assert!(
            joined(2),
            "the most active join while fewer than fifteen are in"
        );
        assert!(joined(100) && joined(119));
        assert!(
            !joined(200),
            "three votes out of ten statements are not enough"
        );
        assert!(joined(201));
    }
}
