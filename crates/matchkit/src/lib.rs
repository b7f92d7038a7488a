//! Matching in the bourse aux initiatives: which offers fit a request (and which requests fit
//! an offer), ranked, each with the reasons a person reads (« même thématique, à 12 km,
//! 3 places restantes »). Pure and deterministic: the caller gives the texts as TF-IDF
//! vectors (normalised to unit length, terms in increasing order) and places as points.
//!
//! An offer fits a request when it gives the kind of support asked, is open and has capacity
//! left. Among those, the score is a weighted sum of four closenesses, each between 0 and 1:
//!
//! - **theme**: 1 when both name the same theme, 0 when they name different ones, ½ when one
//!   names none;
//! - **place**: 1 for the same place or an offer for the whole territory, then falling with the
//!   distance between the two places' centres, `1 / (1 + d / 20 km)` (½ at 20 km);
//! - **text**: the cosine between the two texts' vectors;
//! - **capacity**: the share of the request the offer can still cover, at most 1.
//!
//! Weights: theme 0.35, place 0.25, text 0.25, capacity 0.15: what a request is about and
//! where it is come first, then what it says, then whether the offer can cover it all. Ties
//! go to the older offer (its id), so that a ranking does not move between two runs.

use rayon::prelude::*;

/// Weight of the theme in the score.
pub const THEME_WEIGHT: f32 = 0.35;
/// Weight of the place.
pub const PLACE_WEIGHT: f32 = 0.25;
/// Weight of the text.
pub const TEXT_WEIGHT: f32 = 0.25;
/// Weight of the capacity.
pub const CAPACITY_WEIGHT: f32 = 0.15;
/// The distance at which the place's closeness is ½, in kilometres.
pub const HALF_CLOSENESS_KM: f64 = 20.0;

/// An offer as matching sees it.
#[derive(Clone, Debug, Default)]
pub struct Offer {
    /// Its id (ties go to the smaller).
    pub id: i64,
    /// The kind of support it gives (the caller's code).
    pub kind: u8,
    /// Its theme.
    pub theme: Option<i64>,
    /// Where it is given: a place's centre `[lon, lat]`; none: the whole territory.
    pub place: Option<[f64; 2]>,
    /// Capacity left (places, hours or euros).
    pub remaining: i64,
    /// Whether it takes new requests.
    pub open: bool,
    /// Its text as a unit TF-IDF vector, terms in increasing order.
    pub text: Vec<(u32, f32)>,
}

/// A request as matching sees it.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// Its id.
    pub id: i64,
    /// The kind of support asked.
    pub kind: u8,
    /// The theme of its solution.
    pub theme: Option<i64>,
    /// Where its solution is: a place's centre; none: the whole territory.
    pub place: Option<[f64; 2]>,
    /// How much it asks (places, hours or euros).
    pub amount: i64,
    /// Its text as a unit TF-IDF vector, terms in increasing order.
    pub text: Vec<(u32, f32)>,
}

/// How an offer and a request fit, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// The other side's id (the offer's for a request, the request's for an offer).
    pub id: i64,
    /// The score, from 0 to 1.
    pub score: f32,
    /// Whether both name the same theme.
    pub same_theme: bool,
    /// The distance between their places, in kilometres (none: one is territory-wide).
    pub km: Option<f64>,
    /// The text's cosine.
    pub text: f32,
    /// The offer's capacity left.
    pub remaining: i64,
}

/// The cosine of two unit vectors whose terms are in increasing order.
pub fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum.clamp(0.0, 1.0)
}

/// The great-circle distance between two `[lon, lat]` points, in kilometres (haversine, on a
/// sphere of the Earth's mean radius).
pub fn distance_km([lon1, lat1]: [f64; 2], [lon2, lat2]: [f64; 2]) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6_371.0;
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let dphi = (lat2 - lat1).to_radians();
    let dlambda = (lon2 - lon1).to_radians();
    let h = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// How `offer` fits `request`; none when it does not (another kind, closed, nothing left).
pub fn fit(offer: &Offer, request: &Request) -> Option<Fit> {
    if offer.kind != request.kind || !offer.open || offer.remaining <= 0 {
        return None;
    }
    let theme = match (offer.theme, request.theme) {
        (Some(a), Some(b)) if a == b => 1.0,
        (Some(_), Some(_)) => 0.0,
        _ => 0.5,
    };
    let km = offer
        .place
        .zip(request.place)
        .map(|(a, b)| distance_km(a, b));
    let place = km.map_or(1.0, |d| (1.0 / (1.0 + d / HALF_CLOSENESS_KM)) as f32);
    let text = cosine(&offer.text, &request.text);
    let capacity = if request.amount <= 0 {
        1.0
    } else {
        (offer.remaining as f32 / request.amount as f32).min(1.0)
    };
    Some(Fit {
        id: offer.id,
        score: THEME_WEIGHT * theme
            + PLACE_WEIGHT * place
            + TEXT_WEIGHT * text
            + CAPACITY_WEIGHT * capacity,
        same_theme: theme == 1.0,
        km,
        text,
        remaining: offer.remaining,
    })
}

/// Best first; ties to the smaller id.
fn rank(fits: &mut Vec<Fit>, k: usize) {
    fits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    fits.truncate(k);
}

/// The `k` offers that fit a request best.
pub fn offers_for(request: &Request, offers: &[Offer], k: usize) -> Vec<Fit> {
    let mut fits: Vec<Fit> = offers.iter().filter_map(|o| fit(o, request)).collect();
    rank(&mut fits, k);
    fits
}

/// The `k` requests an offer fits best (each `Fit` names the request).
pub fn requests_for(offer: &Offer, requests: &[Request], k: usize) -> Vec<Fit> {
    let mut fits: Vec<Fit> = requests
        .iter()
        .filter_map(|r| fit(offer, r).map(|f| Fit { id: r.id, ..f }))
        .collect();
    rank(&mut fits, k);
    fits
}

/// Every request's `k` best offers, in the requests' order, on every core. Offers are
/// grouped by kind first, so that each request is scored only against offers of its kind.
pub fn all_offers_for(requests: &[Request], offers: &[Offer], k: usize) -> Vec<Vec<Fit>> {
    let mut by_kind: Vec<Vec<Offer>> = vec![Vec::new(); 256];
    for offer in offers.iter().filter(|o| o.open && o.remaining > 0) {
        by_kind[usize::from(offer.kind)].push(offer.clone());
    }
    requests
        .par_iter()
        .map(|request| offers_for(request, &by_kind[usize::from(request.kind)], k))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(terms: &[(u32, f32)]) -> Vec<(u32, f32)> {
        let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        terms.iter().map(|(t, w)| (*t, w / norm)).collect()
    }

    const BELFORT: [f64; 2] = [6.8628, 47.6383];
    const MONTBELIARD: [f64; 2] = [6.7983, 47.5100];

    fn request() -> Request {
        Request {
            id: 1,
            kind: 2,
            theme: Some(7),
            place: Some(BELFORT),
            amount: 4,
            text: unit(&[(1, 1.0), (5, 1.0)]),
        }
    }

    fn offer(id: i64) -> Offer {
        Offer {
            id,
            kind: 2,
            theme: Some(7),
            place: Some(BELFORT),
            remaining: 4,
            open: true,
            text: unit(&[(1, 1.0), (5, 1.0)]),
        }
    }

    #[test]
    fn distances_follow_the_great_circle() {
        // Belfort to Montbéliard, town halls: about 15 km as the crow flies.
        let d = distance_km(BELFORT, MONTBELIARD);
        assert!((14.0..16.5).contains(&d), "{d}");
        assert_eq!(distance_km(BELFORT, BELFORT), 0.0);
    }

    #[test]
    fn only_open_offers_of_the_kind_asked_with_capacity_fit() {
        let r = request();
        assert!(fit(&offer(1), &r).is_some());
        assert!(
            fit(
                &Offer {
                    kind: 3,
                    ..offer(1)
                },
                &r
            )
            .is_none()
        );
        assert!(
            fit(
                &Offer {
                    open: false,
                    ..offer(1)
                },
                &r
            )
            .is_none()
        );
        assert!(
            fit(
                &Offer {
                    remaining: 0,
                    ..offer(1)
                },
                &r
            )
            .is_none()
        );
    }

    #[test]
    fn a_perfect_fit_scores_one_and_each_difference_costs_its_weight() {
        let r = request();
        let perfect = fit(&offer(1), &r).unwrap();
        assert!((perfect.score - 1.0).abs() < 1e-5, "{perfect:?}");
        assert!(perfect.same_theme && perfect.km == Some(0.0));
        let other_theme = fit(
            &Offer {
                theme: Some(8),
                ..offer(1)
            },
            &r,
        )
        .unwrap();
        assert!((perfect.score - other_theme.score - THEME_WEIGHT).abs() < 1e-5);
        let no_theme = fit(
            &Offer {
                theme: None,
                ..offer(1)
            },
            &r,
        )
        .unwrap();
        assert!((perfect.score - no_theme.score - THEME_WEIGHT / 2.0).abs() < 1e-5);
        let half = fit(
            &Offer {
                remaining: 2,
                ..offer(1)
            },
            &r,
        )
        .unwrap();
        assert!((perfect.score - half.score - CAPACITY_WEIGHT / 2.0).abs() < 1e-5);
        let unrelated = fit(
            &Offer {
                text: unit(&[(9, 1.0)]),
                ..offer(1)
            },
            &r,
        )
        .unwrap();
        assert_eq!(unrelated.text, 0.0);
        assert!((perfect.score - unrelated.score - TEXT_WEIGHT).abs() < 1e-5);
        let away = fit(
            &Offer {
                place: Some(MONTBELIARD),
                ..offer(1)
            },
            &r,
        )
        .unwrap();
        let km = away.km.unwrap();
        let expected = PLACE_WEIGHT * (1.0 - (1.0 / (1.0 + km / HALF_CLOSENESS_KM)) as f32);
        assert!((perfect.score - away.score - expected).abs() < 1e-5);
        let everywhere = fit(
            &Offer {
                place: None,
                ..offer(1)
            },
            &r,
        )
        .unwrap();
        assert_eq!(everywhere.km, None);
        assert!((everywhere.score - perfect.score).abs() < 1e-5);
    }

    #[test]
    fn rankings_put_the_best_first_ties_to_the_older_and_keep_k() {
        let r = request();
        let offers = vec![
            Offer {
                theme: Some(8),
                ..offer(5)
            },
            offer(4),
            offer(3),
            Offer {
                kind: 9,
                ..offer(2)
            },
        ];
        let ranked = offers_for(&r, &offers, 2);
        let ids: Vec<i64> = ranked.iter().map(|f| f.id).collect();
        assert_eq!(ids, vec![3, 4]);
        let all = all_offers_for(
            &[
                r.clone(),
                Request {
                    kind: 9,
                    ..r.clone()
                },
            ],
            &offers,
            10,
        );
        assert_eq!(
            all[0].iter().map(|f| f.id).collect::<Vec<_>>(),
            vec![3, 4, 5]
        );
        assert_eq!(all[1].iter().map(|f| f.id).collect::<Vec<_>>(), vec![2]);
        let requests = vec![
            Request {
                id: 11,
                theme: Some(8),
                ..r.clone()
            },
            Request { id: 10, ..r },
        ];
        let for_offer = requests_for(&offer(3), &requests, 5);
        assert_eq!(
            for_offer.iter().map(|f| f.id).collect::<Vec<_>>(),
            vec![10, 11]
        );
    }
}
