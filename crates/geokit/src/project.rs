//! Lambert-93 (EPSG:2154), the official conformal conic projection of metropolitan France:
//! shapes keep their true proportions, unlike raw longitude/latitude. Computed by `proj4rs`
//! from the projection's PROJ definition.

use std::sync::OnceLock;

use proj4rs::Proj;

/// EPSG:2154 as PROJ defines it (RGF93 on GRS80, whose datum is WGS84's to the centimetre).
const LAMBERT_93: &str = "+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 \
                          +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0 +units=m +no_defs";
/// Longitude/latitude on the same datum.
const LONGITUDE_LATITUDE: &str = "+proj=longlat +ellps=GRS80 +towgs84=0,0,0 +no_defs";

/// The two projections, built once.
fn projections() -> &'static (Proj, Proj) {
    static PROJECTIONS: OnceLock<(Proj, Proj)> = OnceLock::new();
    PROJECTIONS.get_or_init(|| {
        let parse = |definition| Proj::from_proj_string(definition).expect("a valid definition");
        (parse(LONGITUDE_LATITUDE), parse(LAMBERT_93))
    })
}

/// Projects `[longitude, latitude]` (degrees, WGS84/RGF93) to Lambert-93 `[x, y]` metres;
/// both NaN for a point the projection cannot reach (a pole).
pub fn lambert93([lon, lat]: [f64; 2]) -> [f64; 2] {
    let (from, to) = projections();
    let mut point = (lon.to_radians(), lat.to_radians(), 0.0);
    match proj4rs::transform::transform(from, to, &mut point) {
        Ok(()) => [point.0, point.1],
        Err(_) => [f64::NAN, f64::NAN],
    }
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
