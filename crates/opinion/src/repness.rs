//! What each group stands for and what everyone shares, with Polis's statistics: smoothed
//! shares of agreement, a one-proportion z-test within the group and a two-proportion z-test
//! against everyone else, significance at 90 % (z > 1.2816).

/// Significant at 90 %, one-sided.
pub const Z_90: f64 = 1.2816;
/// Most representative statements kept per group, and consensus statements per side.
pub const MOST: usize = 5;

/// Votes on one statement within some participants.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    /// Agreed.
    pub agree: u32,
    /// Disagreed.
    pub disagree: u32,
    /// Voted at all (passes included).
    pub seen: u32,
}

/// z of a share against one half, with one pseudo-count added (Polis's `prop-test`).
pub fn prop_test(successes: u32, trials: u32) -> f64 {
    let (s, n) = (f64::from(successes) + 1.0, f64::from(trials) + 1.0);
    2.0 * n.sqrt() * (s / n - 0.5)
}

/// z of the difference between two shares, with one pseudo-count added to each number
/// (Polis's `two-prop-test`).
pub fn two_prop_test(success_in: u32, success_out: u32, trials_in: u32, trials_out: u32) -> f64 {
    let [s1, s2, n1, n2] =
        [success_in, success_out, trials_in, trials_out].map(|x| f64::from(x) + 1.0);
    let (p1, p2) = (s1 / n1, s2 / n2);
    let pooled = (s1 + s2) / (n1 + n2);
    if pooled >= 1.0 {
        return 0.0;
    }
    (p1 - p2) / (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt()
}

/// Which way a statement characterises a group or unites everyone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// By agreement.
    Agree,
    /// By disagreement.
    Disagree,
}

/// A statement and its statistics, for one group or for everyone.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementStat {
    /// The statement's column.
    pub column: usize,
    /// Agreement or disagreement.
    pub side: Side,
    /// Votes on that side.
    pub successes: u32,
    /// Votes cast.
    pub trials: u32,
    /// Smoothed share on that side, (successes + 1) / (trials + 2).
    pub share: f64,
    /// z of that share against one half.
    pub share_z: f64,
    /// The share divided by everyone else's (1 for consensus statements).
    pub ratio: f64,
    /// z of the difference with everyone else (0 for consensus statements).
    pub ratio_z: f64,
}

/// Everything computed for one statement in one group.
#[derive(Clone, Copy, Debug)]
struct GroupStat {
    na: u32,
    nd: u32,
    ns: u32,
    pa: f64,
    pd: f64,
    pat: f64,
    pdt: f64,
    ra: f64,
    rd: f64,
    rat: f64,
    rdt: f64,
}

impl GroupStat {
    fn new(inside: Tally, outside: Tally) -> GroupStat {
        let share = |n: u32, s: u32| (f64::from(n) + 1.0) / (f64::from(s) + 2.0);
        let (pa, pd) = (
            share(inside.agree, inside.seen),
            share(inside.disagree, inside.seen),
        );
        GroupStat {
            na: inside.agree,
            nd: inside.disagree,
            ns: inside.seen,
            pa,
            pd,
            pat: prop_test(inside.agree, inside.seen),
            pdt: prop_test(inside.disagree, inside.seen),
            ra: pa / share(outside.agree, outside.seen),
            rd: pd / share(outside.disagree, outside.seen),
            rat: two_prop_test(inside.agree, outside.agree, inside.seen, outside.seen),
            rdt: two_prop_test(inside.disagree, outside.disagree, inside.seen, outside.seen),
        }
    }

    /// Significant either way, as `passes-by-test?`.
    fn passes(&self) -> bool {
        (self.rat > Z_90 && self.pat > Z_90) || (self.rdt > Z_90 && self.pdt > Z_90)
    }

    /// The side that represents the group better, with its numbers.
    fn finalize(&self, column: usize) -> StatementStat {
        if self.rat > self.rdt {
            StatementStat {
                column,
                side: Side::Agree,
                successes: self.na,
                trials: self.ns,
                share: self.pa,
                share_z: self.pat,
                ratio: self.ra,
                ratio_z: self.rat,
            }
        } else {
            StatementStat {
                column,
                side: Side::Disagree,
                successes: self.nd,
                trials: self.ns,
                share: self.pd,
                share_z: self.pdt,
                ratio: self.rd,
                ratio_z: self.rdt,
            }
        }
    }

    /// Whether it beats the best agreement so far (`beats-best-agr?`).
    fn beats_best_agree(&self, best: Option<&GroupStat>) -> bool {
        if self.na == 0 && self.nd == 0 {
            return false;
        }
        match best {
            Some(b) if b.ra > 1.0 => {
                self.ra * self.rat * self.pa * self.pat > b.ra * b.rat * b.pa * b.pat
            }
            Some(b) => self.pa * self.pat > b.pa * b.pat,
            None => self.pat > Z_90 || (self.ra > 1.0 && self.pa > 0.5),
        }
    }
}

fn metric(stat: &StatementStat) -> f64 {
    stat.ratio * stat.ratio_z * stat.share * stat.share_z
}

/// The representative statements of each group: those significantly more agreed (or
/// disagreed) within the group than outside it, the best first, at most five, agreements
/// before disagreements; the group's best agreement leads when there is one; a group always
/// gets at least one statement. `tallies[g][c]` counts group g's votes on column c;
/// moderated-out columns are skipped.
pub fn representative(tallies: &[Vec<Tally>], moderated_out: &[bool]) -> Vec<Vec<StatementStat>> {
    let columns = moderated_out.len();
    let mut totals = vec![Tally::default(); columns];
    for group in tallies {
        for (c, t) in group.iter().enumerate() {
            totals[c].agree += t.agree;
            totals[c].disagree += t.disagree;
            totals[c].seen += t.seen;
        }
    }
    tallies
        .iter()
        .map(|group| {
            let mut sufficient: Vec<StatementStat> = Vec::new();
            let mut best: Option<StatementStat> = None;
            let mut best_agree: Option<(usize, GroupStat)> = None;
            for c in (0..columns).filter(|&c| !moderated_out[c]) {
                let inside = group[c];
                let outside = Tally {
                    agree: totals[c].agree - inside.agree,
                    disagree: totals[c].disagree - inside.disagree,
                    seen: totals[c].seen - inside.seen,
                };
                let stat = GroupStat::new(inside, outside);
                if stat.passes() {
                    sufficient.push(stat.finalize(c));
                }
                if sufficient.is_empty()
                    && best
                        .as_ref()
                        .is_none_or(|b| stat.rat.max(stat.rdt) > b.ratio_z)
                {
                    best = Some(stat.finalize(c));
                }
                if stat.beats_best_agree(best_agree.as_ref().map(|(_, s)| s)) {
                    best_agree = Some((c, stat));
                }
            }
            let best_agree = best_agree.map(|(c, s)| s.finalize(c));
            if sufficient.is_empty() {
                return best_agree.or(best).into_iter().collect();
            }
            let lead = best_agree.as_ref().map(|b| b.column);
            sufficient.retain(|s| Some(s.column) != lead);
            sufficient.sort_by(|a, b| metric(b).total_cmp(&metric(a)));
            let mut chosen: Vec<StatementStat> = best_agree
                .into_iter()
                .chain(sufficient)
                .take(MOST)
                .collect();
            // Agreements before disagreements, each in their order.
            chosen.sort_by_key(|s| s.side == Side::Disagree);
            chosen
        })
        .collect()
}

/// Statements most agreed (or disagreed) by everyone: share above one half, significantly,
/// the strongest first, at most five per side; moderated-out columns are skipped.
pub fn consensus(totals: &[Tally], moderated_out: &[bool]) -> [Vec<StatementStat>; 2] {
    [Side::Agree, Side::Disagree].map(|side| {
        let mut stats: Vec<StatementStat> = totals
            .iter()
            .enumerate()
            .filter(|(c, _)| !moderated_out[*c])
            .map(|(c, t)| {
                let n = if side == Side::Agree {
                    t.agree
                } else {
                    t.disagree
                };
                StatementStat {
                    column: c,
                    side,
                    successes: n,
                    trials: t.seen,
                    share: (f64::from(n) + 1.0) / (f64::from(t.seen) + 2.0),
                    share_z: prop_test(n, t.seen),
                    ratio: 1.0,
                    ratio_z: 0.0,
                }
            })
            .filter(|s| s.share > 0.5 && s.share_z > Z_90)
            .collect();
        stats.sort_by(|a, b| (b.share * b.share_z).total_cmp(&(a.share * a.share_z)));
        stats.truncate(MOST);
        stats
    })
}

/// Group-aware consensus of each statement: the product over groups of their smoothed share
/// of agreement, high only when every group agrees.
pub fn group_aware_consensus(tallies: &[Vec<Tally>], columns: usize) -> Vec<f64> {
    (0..columns)
        .map(|c| {
            tallies
                .iter()
                .map(|g| (f64::from(g[c].agree) + 1.0) / (f64::from(g[c].seen) + 2.0))
                .product()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn z_tests_match_polis() {
        // Polis's own test: two-prop-test 15 56 24 71 ≈ -1.518 (its inputs get +1 inside).
        assert!((two_prop_test(15, 56, 24, 71) - -1.518).abs() < 0.01);
        // And a two-proportion test against a huge population tends to the one-proportion one.
        assert!((two_prop_test(30, 1_000_000, 50, 2_000_000) - prop_test(30, 50)).abs() < 0.05);
        assert_eq!(two_prop_test(5, 5, 5, 5), 0.0);
    }
}
