//! Lambert-93 (EPSG:2154), the official conformal conic projection of metropolitan France:
//! shapes keep their true proportions, unlike raw longitude/latitude.

use std::f64::consts::FRAC_PI_4;

const A: f64 = 6_378_137.0; // GRS80 semi-major axis
const E: f64 = 0.081_819_191_042_815_8; // GRS80 first eccentricity
const LON0: f64 = 3.0; // central meridian, degrees
const LAT0: f64 = 46.5; // latitude of origin
const LAT1: f64 = 44.0; // standard parallels
const LAT2: f64 = 49.0;
const X0: f64 = 700_000.0;
const Y0: f64 = 6_600_000.0;

fn m(lat: f64) -> f64 {
    lat.cos() / (1.0 - E * E * lat.sin().powi(2)).sqrt()
}

fn t(lat: f64) -> f64 {
    (FRAC_PI_4 - lat / 2.0).tan() / ((1.0 - E * lat.sin()) / (1.0 + E * lat.sin())).powf(E / 2.0)
}

/// The constants of the cone, computed once.
struct Cone {
    n: f64,
    af: f64,
    rho0: f64,
}

fn cone() -> &'static Cone {
    static CONE: std::sync::OnceLock<Cone> = std::sync::OnceLock::new();
    CONE.get_or_init(|| {
        let (p1, p2, p0) = (LAT1.to_radians(), LAT2.to_radians(), LAT0.to_radians());
        let n = (m(p1).ln() - m(p2).ln()) / (t(p1).ln() - t(p2).ln());
        let af = A * m(p1) / (n * t(p1).powf(n));
        Cone {
            n,
            af,
            rho0: af * t(p0).powf(n),
        }
    })
}

/// Projects `[longitude, latitude]` (degrees, WGS84/RGF93) to Lambert-93 `[x, y]` metres.
pub fn lambert93([lon, lat]: [f64; 2]) -> [f64; 2] {
    let cone = cone();
    let rho = cone.af * t(lat.to_radians()).powf(cone.n);
    let theta = cone.n * (lon - LON0).to_radians();
    [X0 + rho * theta.sin(), Y0 + cone.rho0 - rho * theta.cos()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_projects_to_the_false_origin() {
        let [x, y] = lambert93([3.0, 46.5]);
        assert!(
            (x - 700_000.0).abs() < 1e-6 && (y - 6_600_000.0).abs() < 1e-3,
            "{x} {y}"
        );
    }

    #[test]
    fn known_points_land_where_proj_puts_them() {
        // Reference values from PROJ (pyproj, EPSG:4326 to EPSG:2154), to the centimetre.
        let [x, y] = lambert93([6.8628, 47.6379]);
        assert!(
            (x - 989_938.537).abs() < 0.01 && (y - 6_733_483.919).abs() < 0.01,
            "{x} {y}"
        );
        let [x, y] = lambert93([2.3522, 48.8566]);
        assert!(
            (x - 652_469.023).abs() < 0.01 && (y - 6_862_035.259).abs() < 0.01,
            "{x} {y}"
        );
        // One degree of latitude is about 111 km north-south.
        let (a, b) = (lambert93([3.0, 46.0]), lambert93([3.0, 47.0]));
        assert!(((b[1] - a[1]) - 111_200.0).abs() < 500.0);
    }
}
