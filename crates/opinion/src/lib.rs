//! Opinion maps for Concerto: participants vote agree / disagree / pass on short statements;
//! this crate places them on a map, finds opinion groups, what characterises each group and
//! what everyone shares, following the pipeline of Polis (compdemocracy/polis, `math/`):
//!
//! 1. the vote matrix, last vote wins, statements moderated out set to 0 for everyone;
//! 2. two principal components by power iteration on the centred votes (missing votes take
//!    their statement's mean), each participant projected from their own votes and pushed out
//!    by √(statements / votes);
//! 3. participants admitted to the groups by Polis's rule, evaluated on the votes at hand: at
//!    least min(7, statements voted on) votes, and the most active up to 15 while fewer
//!    qualify; everyone else is placed on the map by their votes, in no group;
//! 4. 100 base clusters by k-means on their places, then groups by weighted k-means of the
//!    base centres: for each k from 2 to min(5, 2 + bases / 12) the tightest of several
//!    starts, and k chosen by the silhouette of the base centres weighted by their sizes
//!    (Polis weighs them equally; weighted, the number of groups Polis settles on over a
//!    conversation's life is found more often); the groups are then settled on the
//!    participants themselves;
//! 5. representative statements per group, consensus statements, group-aware consensus, and
//!    the priority of each statement for the next participant.
//!
//! Pure and deterministic: the same votes and seed give the same map. Heavy steps run on
//! every core.

pub mod hull;
pub mod kmeans;
pub mod pca;
pub mod repness;
pub mod votes;

pub use repness::{Side, StatementStat, Tally};
pub use votes::{MISSING, Vote, VoteMatrix};

/// Base clusters (Polis: 100).
const BASE_K: usize = 100;
/// Most groups.
const MAX_GROUPS: usize = 5;
/// k-means steps at most, for base clusters and groups (Polis: 100).
const KMEANS_ITERATIONS: usize = 100;
/// Extra starts tried for the groups once their number is chosen.
const GROUP_RESTARTS: usize = 10;

/// A participant on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The participant's identifier.
    pub participant: i64,
    /// Position on the first component.
    pub x: f64,
    /// Position on the second component.
    pub y: f64,
    /// Their group, if they are admitted to the groups (enough votes).
    pub group: Option<usize>,
    /// How many statements they voted on.
    pub votes: usize,
}

/// An opinion group.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Its members' identifiers, ascending.
    pub members: Vec<i64>,
    /// What characterises it, at most five statements.
    pub representative: Vec<StatementStat>,
    /// Its centre on the map.
    pub center: [f64; 2],
}

/// The whole map of a conversation.
#[derive(Clone, Debug)]
pub struct OpinionMap {
    /// Statement identifiers, by column.
    pub statements: Vec<i64>,
    /// Every participant who voted, ascending.
    pub places: Vec<Place>,
    /// The groups (none when nobody is in the conversation).
    pub groups: Vec<Group>,
    /// Statements everyone agrees with, then those everyone disagrees with.
    pub consensus: [Vec<StatementStat>; 2],
    /// Group-aware consensus by column.
    pub group_consensus: Vec<f64>,
    /// How informative each statement is to show next (Polis's comment priority), by column;
    /// 0 for statements moderated out.
    pub priorities: Vec<f64>,
    /// Votes on each statement (by column) within each group.
    pub group_tallies: Vec<Vec<Tally>>,
    /// Votes on each statement (by column) by everyone.
    pub totals: Vec<Tally>,
    /// Votes that admit a participant to the groups: min(7, statements voted on) (while fewer
    /// than 15 are admitted, the most active are admitted with fewer).
    pub votes_to_join: usize,
}

impl OpinionMap {
    /// The statement to show a participant next: the most informative one they have not voted
    /// on (moderated-out ones never), by column; `None` when they have seen everything.
    pub fn next_statement(&self, voted: &[bool]) -> Option<usize> {
        self.priorities
            .iter()
            .enumerate()
            .filter(|(c, p)| !voted[*c] && **p > 0.0)
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
            .map(|(c, _)| c)
    }
}

/// Computes the opinion map of a vote matrix.
pub fn analyze(matrix: &VoteMatrix, seed: u64) -> OpinionMap {
    let centred = pca::Centred::new(matrix);
    let components = pca::components(&centred, seed);
    let points = pca::project(&centred, &components);
    let counts = &centred.vote_counts;

    // Who is in the groups (Polis's rule; the others are placed, in no group).
    let in_conversation = matrix.admitted();

    // Base clusters, then groups of them.
    let located: Vec<[f64; 2]> = in_conversation.iter().map(|&r| points[r]).collect();
    let base = kmeans::kmeans(
        &located,
        &vec![1.0; located.len()],
        BASE_K,
        KMEANS_ITERATIONS,
    );
    let sizes: Vec<f64> = base.members().iter().map(|m| m.len() as f64).collect();
    let max_k = MAX_GROUPS.min(2 + base.centers.len() / 12);
    let mut grouping = kmeans::Clusters {
        centers: base.centers.clone(),
        assignment: vec![0; base.centers.len()],
    };
    grouping.centers.truncate(1);
    // Each k's groups are the tightest of several k-means starts (Polis's own, the first k
    // base clusters, then k-means++ draws), and k is the one whose groups have the best
    // silhouette. Polis refines each k's groups at every recomputation from the last ones;
    // judged on a single start, a k can lose only because that start settled badly.
    let mut best_silhouette = f64::NEG_INFINITY;
    for k in 2..=max_k {
        let candidate = kmeans::best_kmeans(
            &base.centers,
            &sizes,
            k,
            KMEANS_ITERATIONS,
            GROUP_RESTARTS,
            seed,
        );
        if candidate.centers.len() < 2 {
            continue;
        }
        // Weighted by the base clusters' sizes: a split that leaves most people together
        // is judged by those people, not by a few scattered base clusters.
        let score = kmeans::silhouette(
            &base.centers,
            &sizes,
            &candidate.assignment,
            candidate.centers.len(),
        );
        if score > best_silhouette {
            best_silhouette = score;
            grouping = candidate;
        }
    }
    if base.centers.is_empty() {
        grouping.centers.clear();
    } else if grouping.centers.len() == 1 {
        // One group: its centre is everyone's.
        let total: f64 = sizes.iter().sum();
        let mean = |axis: usize| {
            base.centers
                .iter()
                .zip(&sizes)
                .map(|(c, w)| c[axis] * w)
                .sum::<f64>()
                / total
        };
        grouping.centers = vec![[mean(0), mean(1)]];
    }

    let mut group_of = vec![None; matrix.rows()];
    for (i, &r) in in_conversation.iter().enumerate() {
        group_of[r] = Some(grouping.assignment[base.assignment[i]]);
    }
    // The base clusters served to choose the groups; the groups are then settled on the
    // participants themselves, by k-means from the groups' centres (as red-dwarf clusters
    // participants): someone whose base cluster straddles two groups joins the nearer.
    if grouping.centers.len() > 1 {
        let refined = kmeans::kmeans_from(
            &located,
            &vec![1.0; located.len()],
            grouping.centers.clone(),
            KMEANS_ITERATIONS,
        );
        if refined.centers.len() == grouping.centers.len() {
            for (i, &r) in in_conversation.iter().enumerate() {
                group_of[r] = Some(refined.assignment[i]);
            }
            grouping.centers = refined.centers;
        }
    }

    // Tallies per group and for everyone.
    let columns = matrix.columns();
    let mut tallies = vec![vec![Tally::default(); columns]; grouping.centers.len()];
    let mut totals = vec![Tally::default(); columns];
    for (r, group) in group_of.iter().enumerate() {
        for (c, &v) in matrix.row(r).iter().enumerate() {
            if v == MISSING {
                continue;
            }
            let add = |t: &mut Tally| {
                t.seen += 1;
                match v {
                    1 => t.agree += 1,
                    -1 => t.disagree += 1,
                    _ => {}
                }
            };
            add(&mut totals[c]);
            if let Some(g) = *group {
                add(&mut tallies[g][c]);
            }
        }
    }
    let representative = repness::representative(&tallies, &matrix.moderated_out);
    let groups = representative
        .into_iter()
        .enumerate()
        .map(|(g, representative)| Group {
            members: (0..matrix.rows())
                .filter(|&r| group_of[r] == Some(g))
                .map(|r| matrix.participants[r])
                .collect(),
            representative,
            center: grouping.centers[g],
        })
        .collect();

    let extremities = pca::extremities(&components);
    let priorities = (0..columns)
        .map(|c| {
            if matrix.moderated_out[c] {
                return 0.0;
            }
            let (mut a, mut d, mut s) = (0.0, 0.0, 0.0);
            for g in &tallies {
                a += f64::from(g[c].agree);
                d += f64::from(g[c].disagree);
                s += f64::from(g[c].seen);
            }
            let passes = s - (a + d);
            priority(a, passes, s, extremities[c])
        })
        .collect();

    OpinionMap {
        statements: matrix.statements.clone(),
        places: (0..matrix.rows())
            .map(|r| Place {
                participant: matrix.participants[r],
                x: points[r][0],
                y: points[r][1],
                group: group_of[r],
                votes: counts[r],
            })
            .collect(),
        groups,
        consensus: repness::consensus(&totals, &matrix.moderated_out),
        group_consensus: repness::group_aware_consensus(&tallies, columns),
        priorities,
        group_tallies: tallies,
        totals,
        votes_to_join: votes::JOINING_VOTES.min(matrix.statements_voted()),
    }
}

/// Polis's comment priority: statements agreed with rather than passed, that stand out on the
/// map, and that few have seen yet come first.
fn priority(agree: f64, passes: f64, seen: f64, extremity: f64) -> f64 {
    let p = (passes + 1.0) / (seen + 2.0);
    let a = (agree + 1.0) / (seen + 2.0);
    let importance = (1.0 - p) * (extremity + 1.0) * a;
    (importance * (1.0 + 8.0 * 2f64.powf(-seen / 5.0))).powi(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two camps of `n` people each over 10 statements: camp A agrees with 0–4 and disagrees
    /// with 5–8, camp B the reverse; everyone agrees with statement 9. One in seven votes of
    /// each person is missing.
    fn two_camps(n: i64) -> Vec<Vote> {
        let mut votes = Vec::new();
        for p in 0..2 * n {
            let camp_a = p < n;
            for s in 0..10 {
                if (p + s) % 7 == 0 {
                    continue;
                }
                let value = match s {
                    9 => 1,
                    0..=4 => {
                        if camp_a {
                            1
                        } else {
                            -1
                        }
                    }
                    _ => {
                        if camp_a {
                            -1
                        } else {
                            1
                        }
                    }
                };
                votes.push(Vote {
                    participant: p,
                    statement: s,
                    value,
                    at: p * 100 + s,
                });
            }
        }
        votes
    }

    #[test]
    fn two_camps_make_two_groups_with_what_each_stands_for_and_what_unites_them() {
        let matrix = VoteMatrix::new(&two_camps(30), &[], &[]);
        let map = analyze(&matrix, 1);
        assert_eq!(map.groups.len(), 2);
        let camp_of = |g: &Group| g.members.iter().all(|&p| p < 30);
        let (a, b) = if camp_of(&map.groups[0]) {
            (0, 1)
        } else {
            (1, 0)
        };
        assert_eq!(map.groups[a].members, (0..30).collect::<Vec<_>>());
        assert_eq!(map.groups[b].members, (30..60).collect::<Vec<_>>());
        for (g, agreed) in [(a, 0..=4), (b, 5..=8)] {
            let rep = &map.groups[g].representative;
            assert!(!rep.is_empty() && rep.len() <= 5);
            for stat in rep {
                let expected = if agreed.contains(&stat.column) {
                    Side::Agree
                } else {
                    Side::Disagree
                };
                assert_eq!(stat.side, expected, "{stat:?}");
                assert!(stat.column != 9, "the shared statement is not what divides");
                assert!(stat.ratio_z > repness::Z_90 && stat.share_z > repness::Z_90);
            }
        }
        let [agreed, disagreed] = &map.consensus;
        assert_eq!(agreed.first().map(|s| s.column), Some(9));
        assert!(disagreed.is_empty());
        let best_consensus =
            (0..10).max_by(|&x, &y| map.group_consensus[x].total_cmp(&map.group_consensus[y]));
        assert_eq!(best_consensus, Some(9));
        // The camps sit on opposite sides of the first axis.
        let side = |p: usize| map.places[p].x.signum();
        assert!((0..30).all(|p| side(p) == side(0)) && (30..60).all(|p| side(p) == -side(0)));
    }

    #[test]
    fn a_moderated_out_statement_weighs_nothing_and_is_never_shown() {
        let mut votes = two_camps(20);
        // Statement 10 splits people at random, then is moderated out.
        for p in 0..40 {
            votes.push(Vote {
                participant: p,
                statement: 10,
                value: if p % 3 == 0 { 1 } else { -1 },
                at: 10_000 + p,
            });
        }
        let with = analyze(&VoteMatrix::new(&votes, &[], &[10]), 1);
        let without = analyze(&VoteMatrix::new(&two_camps(20), &[], &[]), 1);
        let members = |m: &OpinionMap| {
            let mut g: Vec<Vec<i64>> = m.groups.iter().map(|g| g.members.clone()).collect();
            g.sort();
            g
        };
        assert_eq!(members(&with), members(&without));
        assert_eq!(with.priorities[10], 0.0);
        assert!(
            with.groups
                .iter()
                .all(|g| g.representative.iter().all(|s| s.column != 10))
        );
        assert!(with.consensus.iter().flatten().all(|s| s.column != 10));
        let voted = vec![
            true, true, true, true, true, true, true, true, true, false, false,
        ];
        assert_eq!(with.next_statement(&voted), Some(9));
        assert_eq!(with.next_statement(&[true; 11]), None);
    }

    #[test]
    fn the_same_votes_and_seed_give_the_same_map() {
        let matrix = VoteMatrix::new(&two_camps(25), &[], &[]);
        let (one, two) = (analyze(&matrix, 7), analyze(&matrix, 7));
        assert_eq!(one.places, two.places);
        assert_eq!(one.groups, two.groups);
    }

    #[test]
    fn tiny_or_unanimous_conversations_give_one_group_and_no_nan() {
        let one = vec![Vote {
            participant: 1,
            statement: 1,
            value: 1,
            at: 0,
        }];
        let map = analyze(&VoteMatrix::new(&one, &[], &[]), 1);
        assert_eq!(map.groups.len(), 1);
        assert_eq!(map.groups[0].members, vec![1]);
        assert!(
            map.places
                .iter()
                .all(|p| p.x.is_finite() && p.y.is_finite())
        );

        let same: Vec<Vote> = (0..50)
            .flat_map(|p| {
                (0..8).map(move |s| Vote {
                    participant: p,
                    statement: s,
                    value: 1,
                    at: 0,
                })
            })
            .collect();
        let map = analyze(&VoteMatrix::new(&same, &[], &[]), 1);
        assert_eq!(map.groups.len(), 1);
        assert_eq!(map.groups[0].members.len(), 50);
        assert!(map.places.iter().all(|p| p.x == 0.0 && p.y == 0.0));
        assert!(map.priorities.iter().all(|p| p.is_finite()));
        assert_eq!(map.consensus[0].len(), 5);

        let empty = analyze(&VoteMatrix::new(&[], &[], &[]), 1);
        assert!(empty.groups.is_empty() && empty.places.is_empty());
    }
}
