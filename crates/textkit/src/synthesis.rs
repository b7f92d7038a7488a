//! A synthesis draft: every text gets a theme (its own, or the one suggested from the themes'
//! texts and the texts already labelled), then the texts of each theme are split into
//! clusters with a label and representative texts. The shape people then edit: themes →
//! clusters → texts.

use crate::clusters::{ClusterOptions, cluster, summarize};
use crate::corpus::{Corpus, CorpusOptions};
use crate::suggest::{Suggester, Suggestion, ThemeText};

/// Fewer texts than this in a theme make one cluster: splitting them would not help anyone.
const SMALLEST_SPLIT: usize = 12;
/// At most this many clusters per theme, whatever its size.
const MOST_CLUSTERS: usize = 12;
/// Texts per cluster aimed at when choosing the upper bound of k.
const TEXTS_PER_CLUSTER: usize = 10;
/// Representative texts kept per cluster.
const REPRESENTATIVES: usize = 5;

/// One cluster of a draft.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftCluster {
    /// Distinctive terms as people write them (empty for texts without any meaningful word).
    pub label: Vec<String>,
    /// Its texts, by index in the input, ascending.
    pub members: Vec<usize>,
    /// Its most representative texts, by index in the input, best first.
    pub representatives: Vec<usize>,
}

/// The clusters of one theme (`None`: texts no theme could be found for).
#[derive(Clone, Debug, PartialEq)]
pub struct DraftTheme {
    /// The theme, by index in the themes given.
    pub theme: Option<usize>,
    /// Its clusters, largest first.
    pub clusters: Vec<DraftCluster>,
}

/// A draft synthesis.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// Themes in the order given, then texts without a theme.
    pub themes: Vec<DraftTheme>,
    /// For each text without a known theme, the suggested one (None when nothing could be
    /// read from the text, or with no themes).
    pub suggestions: Vec<Option<Suggestion>>,
}

/// Builds a draft. `known[i]` is the theme people gave text `i`, if any: it is kept, and it
/// teaches the suggestion for the others. `progress` receives the share done, 0 to 1.
pub fn draft(
    texts: &[String],
    themes: &[ThemeText],
    known: &[Option<usize>],
    seed: u64,
    progress: &mut dyn FnMut(f32),
) -> Draft {
    assert_eq!(
        texts.len(),
        known.len(),
        "one known theme (or none) per text"
    );
    progress(0.0);
    let suggestions = if themes.is_empty() || known.iter().all(Option::is_some) {
        vec![None; texts.len()]
    } else {
        let corpus = Corpus::build(texts, &CorpusOptions::for_suggestion());
        let labelled: Vec<(usize, usize)> = known
            .iter()
            .enumerate()
            .filter_map(|(i, theme)| theme.map(|t| (i, t)))
            .collect();
        let model = Suggester::train(&corpus, themes, &labelled, seed);
        let matrix = corpus.matrix();
        (0..texts.len())
            .map(|i| match known[i] {
                Some(_) => None,
                None => model.suggest(matrix.row(i)),
            })
            .collect()
    };
    progress(0.2);

    let mut by_theme: Vec<Vec<usize>> = vec![Vec::new(); themes.len() + 1];
    for i in 0..texts.len() {
        let theme = known[i].or(suggestions[i].map(|s| s.theme));
        by_theme[theme.unwrap_or(themes.len())].push(i);
    }
    let total = texts.len().max(1) as f32;
    let mut done = 0usize;
    let mut drafted = Vec::new();
    for (theme, members) in by_theme.into_iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        done += members.len();
        let clusters = split_texts(texts, &members, None, seed);
        drafted.push(DraftTheme {
            theme: (theme < themes.len()).then_some(theme),
            clusters,
        });
        progress(0.2 + 0.8 * done as f32 / total);
    }
    Draft {
        themes: drafted,
        suggestions,
    }
}

/// Splits the texts `members` (indices into `texts`) into clusters: `k` of them when given,
/// else as many as their number and diversity call for (one for a handful of texts). Texts
/// without any meaningful word form a cluster of their own, without a label.
pub fn split_texts(
    texts: &[String],
    members: &[usize],
    k: Option<usize>,
    seed: u64,
) -> Vec<DraftCluster> {
    let subset: Vec<&str> = members.iter().map(|&i| texts[i].as_str()).collect();
    let corpus = Corpus::build(&subset, &CorpusOptions::default());
    let upper = (members.len() / TEXTS_PER_CLUSTER).clamp(2, MOST_CLUSTERS);
    let k = match k {
        Some(k) => Some(k),
        None if members.len() < SMALLEST_SPLIT => Some(1),
        None => None,
    };
    let options = ClusterOptions {
        k,
        k_bounds: (2, upper),
        seed,
        ..ClusterOptions::default()
    };
    let clustering = cluster(&corpus, &options);
    let summaries = summarize(&corpus, &clustering, REPRESENTATIVES);
    let mut clusters: Vec<DraftCluster> = clustering
        .members()
        .into_iter()
        .zip(summaries)
        .filter(|(rows, _)| !rows.is_empty())
        .map(|(rows, summary)| DraftCluster {
            label: summary.label,
            members: rows.iter().map(|&r| members[r]).collect(),
            representatives: summary
                .representatives
                .iter()
                .map(|&r| members[r])
                .collect(),
        })
        .collect();
    let unread: Vec<usize> = clustering
        .assignment
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_none())
        .map(|(r, _)| members[r])
        .collect();
    if !unread.is_empty() {
        clusters.push(DraftCluster {
            label: Vec::new(),
            representatives: unread.iter().copied().take(REPRESENTATIVES).collect(),
            members: unread,
        });
    }
    clusters.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then(a.members.cmp(&b.members))
    });
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(spec: &[(&str, usize)]) -> Vec<String> {
        spec.iter()
            .flat_map(|(text, n)| (0..*n).map(move |i| format!("{text} (variante {i})")))
            .collect()
    }

    fn themes() -> Vec<ThemeText> {
        vec![
            ThemeText {
                name: "Mobilités".into(),
                description: "Bus, trains, vélo, covoiturage, routes".into(),
            },
            ThemeText {
                name: "Alimentation".into(),
                description: "Manger local, cantines, marchés, agriculteurs".into(),
            },
        ]
    }

    #[test]
    fn known_themes_are_kept_and_the_others_suggested() {
        let texts = texts(&[
            ("Plus de bus le soir pour rentrer du travail", 8),
            ("Des légumes des agriculteurs du coin à la cantine", 8),
        ]);
        let mut known = vec![None; texts.len()];
        known[0] = Some(0);
        known[8] = Some(1);
        let mut seen = Vec::new();
        let draft = draft(&texts, &themes(), &known, 7, &mut |p| seen.push(p));
        assert!(
            draft.suggestions[0].is_none(),
            "a known theme is not suggested"
        );
        for i in 1..8 {
            assert_eq!(draft.suggestions[i].map(|s| s.theme), Some(0), "bus {i}");
        }
        for i in 9..16 {
            assert_eq!(draft.suggestions[i].map(|s| s.theme), Some(1), "food {i}");
        }
        let mobility = draft.themes.iter().find(|t| t.theme == Some(0)).unwrap();
        let members: Vec<usize> = mobility
            .clusters
            .iter()
            .flat_map(|c| c.members.clone())
            .collect();
        assert_eq!(members, (0..8).collect::<Vec<_>>());
        assert_eq!(seen.first(), Some(&0.0));
        assert_eq!(seen.last(), Some(&1.0));
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "progress only grows");
    }

    #[test]
    fn a_large_theme_is_split_and_every_text_is_placed_once() {
        let texts = texts(&[
            ("Des pistes cyclables sécurisées vers le collège", 15),
            ("Un bus toutes les heures jusqu'à la gare", 15),
            ("Un service de covoiturage pour les villages", 15),
        ]);
        let known = vec![Some(0); texts.len()];
        let draft = draft(&texts, &themes(), &known, 3, &mut |_| {});
        assert_eq!(draft.themes.len(), 1);
        let clusters = &draft.themes[0].clusters;
        assert_eq!(clusters.len(), 3, "{clusters:?}");
        let mut all: Vec<usize> = clusters.iter().flat_map(|c| c.members.clone()).collect();
        all.sort_unstable();
        assert_eq!(all, (0..45).collect::<Vec<_>>());
        for c in clusters {
            let first = c.members[0] / 15;
            assert!(c.members.iter().all(|m| m / 15 == first), "{c:?}");
            assert!((2..=5).contains(&c.label.len()), "{:?}", c.label);
            assert!(c.representatives.iter().all(|r| c.members.contains(r)));
        }
        assert_eq!(
            draft,
            super::draft(&texts, &themes(), &known, 3, &mut |_| {})
        );
    }

    #[test]
    fn empty_and_wordless_texts_form_an_unlabelled_cluster() {
        let texts: Vec<String> = vec!["".into(), "!!!".into(), "  ".into()];
        let draft = draft(&texts, &themes(), &[None, None, None], 1, &mut |_| {});
        assert_eq!(draft.themes.len(), 1);
        assert_eq!(draft.themes[0].theme, None);
        assert_eq!(draft.themes[0].clusters[0].members, vec![0, 1, 2]);
        assert!(draft.themes[0].clusters[0].label.is_empty());
        // Only stop words: a theme may be guessed from them, but no label.
        let texts: Vec<String> = vec!["le la les".into(), "Des bus et des trains".into()];
        let draft = super::draft(&texts, &themes(), &[Some(0), Some(0)], 1, &mut |_| {});
        let clusters = &draft.themes[0].clusters;
        let unlabelled = clusters.iter().find(|c| c.label.is_empty()).unwrap();
        assert_eq!(unlabelled.members, vec![0]);
        let none = super::draft(&[], &themes(), &[], 1, &mut |_| {});
        assert!(none.themes.is_empty());
    }

    #[test]
    fn a_cluster_splits_in_two() {
        let texts = texts(&[
            ("Un marché de producteurs le samedi", 5),
            ("Une épicerie solidaire au centre", 5),
        ]);
        let members: Vec<usize> = (0..10).collect();
        let halves = split_texts(&texts, &members, Some(2), 9);
        assert_eq!(halves.len(), 2);
        assert_eq!(halves[0].members.len() + halves[1].members.len(), 10);
        assert!(
            halves
                .iter()
                .all(|h| h.members.iter().all(|m| m / 5 == h.members[0] / 5))
        );
    }
}
