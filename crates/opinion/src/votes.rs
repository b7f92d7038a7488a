//! The vote matrix: one row per participant, one column per statement, the last vote of each
//! participant on each statement (agree 1, disagree -1, pass 0), or nothing.

use std::collections::HashMap;

/// A cell nobody voted in.
pub const MISSING: i8 = i8::MIN;

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
        for vote in order.into_iter().map(|i| &votes[i]) {
            if !(-1..=1).contains(&vote.value) {
                continue;
            }
            cells[row_of[&vote.participant] * width + column_of[&vote.statement]] = vote.value;
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
}
