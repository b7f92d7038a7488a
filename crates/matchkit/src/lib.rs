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

/// The score of a pair from its closenesses (see the crate's documentation).
fn score(
    offer_theme: Option<i64>,
    request_theme: Option<i64>,
    km: Option<f64>,
    text: f32,
    remaining: i64,
    amount: i64,
) -> f32 {
    let theme = match (offer_theme, request_theme) {
        (Some(a), Some(b)) if a == b => 1.0,
        (Some(_), Some(_)) => 0.0,
        _ => 0.5,
    };
    let place = km.map_or(1.0, |d| (1.0 / (1.0 + d / HALF_CLOSENESS_KM)) as f32);
    let capacity = if amount <= 0 {
        1.0
    } else {
        (remaining as f32 / amount as f32).min(1.0)
    };
    THEME_WEIGHT * theme
        + PLACE_WEIGHT * place
        + TEXT_WEIGHT * text.clamp(0.0, 1.0)
        + CAPACITY_WEIGHT * capacity
}

/// How `offer` fits `request`; none when it does not (another kind, closed, nothing left).
pub fn fit(offer: &Offer, request: &Request) -> Option<Fit> {
    if offer.kind != request.kind || !offer.open || offer.remaining <= 0 {
        return None;
    }
    let km = offer
        .place
        .zip(request.place)
        .map(|(a, b)| distance_km(a, b));
    let text = cosine(&offer.text, &request.text);
    Some(Fit {
        id: offer.id,
        score: score(
            offer.theme,
            request.theme,
            km,
            text,
            offer.remaining,
            request.amount,
        ),
        same_theme: offer.theme.is_some() && offer.theme == request.theme,
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

/// `[lon, lat]` in degrees as a point on the unit sphere.
fn on_sphere([lon, lat]: [f64; 2]) -> [f64; 3] {
    let (phi, lambda) = (lat.to_radians(), lon.to_radians());
    [
        phi.cos() * lambda.cos(),
        phi.cos() * lambda.sin(),
        phi.sin(),
    ]
}

/// The great-circle distance between two points on the unit sphere, in kilometres (the same
/// as `distance_km`, from the chord between them).
fn sphere_km(a: [f64; 3], b: [f64; 3]) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6_371.0;
    let chord = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt();
    2.0 * EARTH_RADIUS_KM * (chord / 2.0).min(1.0).asin()
}

/// Offers made ready to rank for many requests: the open ones with capacity, grouped by
/// kind (a request is scored only against offers of its kind), each place a point on the unit
/// sphere (a distance then costs a square root and an arcsine). A request's text is spread
/// once into a dense vector, so that an offer's cosine is a sum over its own terms, and only
/// the `k` best become `Fit`s: the same rankings as `offers_for`, faster.
pub struct OfferPool {
    offers: Vec<Offer>,
    /// Per kind, `(offer's index, its place on the sphere)`.
    by_kind: Vec<Vec<(usize, Option<[f64; 3]>)>>,
    /// One more than the largest term of any offer.
    dimension: usize,
}

impl OfferPool {
    /// Prepares offers (closed or full ones are left out).
    pub fn new(offers: Vec<Offer>) -> OfferPool {
        let offers: Vec<Offer> = offers
            .into_iter()
            .filter(|o| o.open && o.remaining > 0)
            .collect();
        let mut by_kind: Vec<Vec<(usize, Option<[f64; 3]>)>> =
            (0..256).map(|_| Vec::new()).collect();
        for (i, offer) in offers.iter().enumerate() {
            by_kind[usize::from(offer.kind)].push((i, offer.place.map(on_sphere)));
        }
        let dimension = offers
            .iter()
            .flat_map(|o| o.text.last())
            .map(|(term, _)| *term as usize + 1)
            .max()
            .unwrap_or(0);
        OfferPool {
            offers,
            by_kind,
            dimension,
        }
    }

    /// A request's `k` best offers; `dense` is scratch space (any length, left all zeros).
    fn best_in(&self, request: &Request, k: usize, dense: &mut Vec<f32>) -> Vec<Fit> {
        if dense.len() < self.dimension {
            dense.resize(self.dimension, 0.0);
        }
        // Terms no offer holds add nothing: they are left out of the dense vector.
        let terms: Vec<(u32, f32)> = request
            .text
            .iter()
            .copied()
            .filter(|(t, _)| (*t as usize) < self.dimension)
            .collect();
        for &(term, weight) in &terms {
            dense[term as usize] = weight;
        }
        let here = request.place.map(on_sphere);
        let mut best: Vec<(f32, i64, usize)> = Vec::with_capacity(k + 1);
        for &(i, point) in &self.by_kind[usize::from(request.kind)] {
            let offer = &self.offers[i];
            let text: f32 = offer.text.iter().map(|&(t, w)| w * dense[t as usize]).sum();
            let km = point.zip(here).map(|(a, b)| sphere_km(a, b));
            let score = score(
                offer.theme,
                request.theme,
                km,
                text,
                offer.remaining,
                request.amount,
            );
            let better = best.len() < k
                || best
                    .last()
                    .is_some_and(|&(s, id, _)| score > s || (score == s && offer.id < id));
            if better {
                let at =
                    best.partition_point(|&(s, id, _)| s > score || (s == score && id < offer.id));
                best.insert(at, (score, offer.id, i));
                best.truncate(k);
            }
        }
        for &(term, _) in &terms {
            dense[term as usize] = 0.0;
        }
        best.into_iter()
            .filter_map(|(_, _, i)| fit(&self.offers[i], request))
            .collect()
    }

    /// An offer of the pool by id (none: closed, full or unknown).
    pub fn offer(&self, id: i64) -> Option<&Offer> {
        self.offers.iter().find(|o| o.id == id)
    }

    /// A request's `k` best offers.
    pub fn best_for(&self, request: &Request, k: usize) -> Vec<Fit> {
        self.best_in(request, k, &mut Vec::new())
    }

    /// Every request's `k` best offers, in the requests' order, on every core.
    pub fn best_for_all(&self, requests: &[Request], k: usize) -> Vec<Vec<Fit>> {
        requests
            .par_iter()
            .map_init(Vec::new, |dense, request| self.best_in(request, k, dense))
            .collect()
    }
}

/// Every request's `k` best offers, in the requests' order, on every core (`OfferPool`).
pub fn all_offers_for(requests: &[Request], offers: &[Offer], k: usize) -> Vec<Vec<Fit>> {
    OfferPool::new(offers.to_vec()).best_for_all(requests, k)
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
    fn the_fast_ranking_of_every_request_is_the_one_by_one_ranking() {
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let text = |next: &mut dyn FnMut(u64) -> u64| {
            let mut terms: Vec<u32> = (0..4).map(|_| next(30) as u32).collect();
            terms.sort_unstable();
            terms.dedup();
            unit(
                &terms
                    .iter()
                    .map(|t| (*t, 1.0 + *t as f32 / 10.0))
                    .collect::<Vec<_>>(),
            )
        };
        let offers: Vec<Offer> = (0..300)
            .map(|id| Offer {
                id,
                kind: next(3) as u8,
                theme: (next(4) > 0).then(|| next(5) as i64),
                place: (next(5) > 0).then(|| {
                    [
                        6.6 + next(50) as f64 / 100.0,
                        47.4 + next(40) as f64 / 100.0,
                    ]
                }),
                remaining: next(6) as i64,
                open: next(10) > 0,
                text: text(&mut next),
            })
            .collect();
        let requests: Vec<Request> = (0..100)
            .map(|id| Request {
                id: 10_000 + id,
                kind: next(3) as u8,
                theme: (next(4) > 0).then(|| next(5) as i64),
                place: (next(5) > 0).then(|| {
                    [
                        6.6 + next(50) as f64 / 100.0,
                        47.4 + next(40) as f64 / 100.0,
                    ]
                }),
                amount: 1 + next(4) as i64,
                text: text(&mut next),
            })
            .collect();
        let fast = all_offers_for(&requests, &offers, 5);
        let pool = OfferPool::new(offers.clone());
        for (request, fast) in requests.iter().zip(fast) {
            let slow = offers_for(request, &offers, 5);
            let ids = |fits: &[Fit]| fits.iter().map(|f| f.id).collect::<Vec<_>>();
            assert_eq!(ids(&fast), ids(&slow), "request {}", request.id);
            assert_eq!(
                ids(&pool.best_for(request, 5)),
                ids(&slow),
                "request {}",
                request.id
            );
        }
    }

    #[test]
    fn distances_follow_the_great_circle() {
        // Belfort to Montbéliard, town halls: about 15 km as the crow flies.
        let d = distance_km(BELFORT, MONTBELIARD);
        assert!((14.0..16.5).contains(&d), "{d}");
        let chord = sphere_km(on_sphere(BELFORT), on_sphere(MONTBELIARD));
        assert!((chord - d).abs() < 1e-6, "{chord} {d}");
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
