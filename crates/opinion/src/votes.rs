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
    /// How many statements each participant voted on as recorded, before moderated-out
    /// columns were set to pass for everyone (Polis's `user-vote-counts`, read from its raw
    /// rating matrix).
    pub votes_cast: Vec<usize>,
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
        let mut votes_cast = vec![0usize; participants.len()];
        for vote in order.into_iter().map(|i| &votes[i]) {
            if !(-1..=1).contains(&vote.value) {
                continue;
            }
            let (row, column) = (row_of[&vote.participant], column_of[&vote.statement]);
            let cell = &mut cells[row * width + column];
            if *cell == MISSING {
                votes_cast[row] += 1;
            }
            *cell = vote.value;
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
            votes_cast,
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

    /// The statements anyone voted on (Polis's `n-cmts`: the columns of its rating matrix,
    /// which holds only statements with votes).
    pub fn statements_voted(&self) -> usize {
        let mut voted = vec![false; self.columns()];
        for r in 0..self.rows() {
            for (c, &v) in self.row(r).iter().enumerate() {
                voted[c] |= v != MISSING;
            }
        }
        voted.iter().filter(|&&v| v).count()
    }

    /// The rows of the participants admitted to the groups, ascending, by Polis's rule
    /// (`conversation.clj`, `:in-conv`) evaluated on the votes at hand: whoever voted on at
    /// least min(7, statements voted on); then, while fewer than 15 are in, the most active
    /// of the others (most votes first, then the earliest row) until 15 are. Everyone else
    /// is placed on the map by their votes but in no group.
    pub fn admitted(&self) -> Vec<usize> {
        let needed = JOINING_VOTES.min(self.statements_voted());
        let cast = &self.votes_cast;
        let mut admitted: Vec<usize> = (0..self.rows())
            .filter(|&r| cast[r] > 0 && cast[r] >= needed)
            .collect();
        if admitted.len() < GREEDY_PARTICIPANTS {
            let mut others: Vec<usize> = (0..self.rows())
                .filter(|&r| cast[r] > 0 && cast[r] < needed)
                .collect();
            others.sort_by_key(|&r| (std::cmp::Reverse(cast[r]), r));
            let missing = GREEDY_PARTICIPANTS - admitted.len();
            admitted.extend(others.into_iter().take(missing));
            admitted.sort_unstable();
        }
        admitted
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
        assert_eq!(matrix.votes_cast, vec![1, 2]);
        assert_eq!(matrix.moderated_out, vec![false, true, false, false]);
    }
    #[test]
    fn polis_admits_seven_votes_or_all_statements_then_the_most_active_up_to_fifteen() {
        let mut votes = Vec::new();
        let mut cast = |participant: i64, statements: std::ops::RangeInclusive<i64>| {
            for statement in statements {
                votes.push(Vote {
                    participant,
                    statement,
                    value: 1,
                    at: votes.len() as i64,
                });
            }
        };
        // The first voters, on a young conversation: one vote on one statement each.
        cast(1, 1..=1);
        cast(2, 2..=2);
        // Twenty others then vote on ten statements each.
        for participant in 100..120 {
            cast(participant, 1..=10);
        }
        // Latecomers: three votes, then exactly seven.
        cast(200, 1..=3);
        cast(201, 1..=7);
        let matrix = VoteMatrix::new(&votes, &[], &[]);
        let admitted: Vec<i64> = matrix
            .admitted()
            .into_iter()
            .map(|r| matrix.participants[r])
            .collect();
        let mut expected: Vec<i64> = (100..120).collect();
        expected.push(201);
        assert_eq!(
            admitted, expected,
            "early light voters are not kept in for good: the rule is evaluated on the votes"
        );

        // Few participants: the most active join until fifteen are in (most votes first,
        // then the earliest), and light voters with them.
        let mut votes = Vec::new();
        for participant in 0..20 {
            for statement in 0..(participant % 5) {
                votes.push(Vote {
                    participant,
                    statement,
                    value: -1,
                    at: 0,
                });
            }
            votes.push(Vote {
                participant,
                statement: 9,
                value: 0,
                at: 0,
            });
        }
        let matrix = VoteMatrix::new(&votes, &[], &[]);
        let admitted = matrix.admitted();
        assert_eq!(admitted.len(), 15);
        let cast_by = |r: usize| matrix.votes_cast[r];
        let least_in = admitted.iter().map(|&r| cast_by(r)).min().unwrap();
        let most_out = (0..20)
            .filter(|r| !admitted.contains(r))
            .map(cast_by)
            .max()
            .unwrap();
        assert!(least_in >= most_out);
        assert_eq!(matrix.statements_voted(), 5);
    }

    #[test]
    fn moderated_out_statements_count_only_for_who_voted_on_them() {
        // Eight statements; two moderated out. Participant 1 voted on six including both;
        // participant 2 on five, none of them moderated out.
        let mut votes = Vec::new();
        for statement in 0..6 {
            votes.push(Vote {
                participant: 1,
                statement,
                value: 1,
                at: 0,
            });
        }
        for statement in 2..7 {
            votes.push(Vote {
                participant: 2,
                statement,
                value: 1,
                at: 0,
            });
        }
        votes.push(Vote {
            participant: 3,
            statement: 7,
            value: 1,
            at: 0,
        });
        let matrix = VoteMatrix::new(&votes, &[], &[0, 1]);
        assert_eq!(matrix.votes_cast, vec![6, 5, 1]);
        // The moderated-out columns read as passes for everyone in the matrix.
        assert_eq!(matrix.row(2)[0], 0);
    }
}
