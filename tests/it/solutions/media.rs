//! A solution's picture and its milestones' pictures and documents: stored without metadata,
//! served to those who may see them, refused with a clear message when they are not what is
//! asked, hidden with the solution.

use super::{MODERATOR, propose, seed_needs, solution_id};
use crate::common::{Browser, TestApp};
use axum::http::StatusCode;
use concerto::features::solutions;
use std::io::Cursor;

/// A camera's JPEG: `width`×`height` pixels with an EXIF segment naming the camera and a
/// position, and orientation 6 (to be turned upright).
pub fn photo_with_exif(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut plain = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut plain), image::ImageFormat::Jpeg)
        .unwrap();
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    tiff.extend_from_slice(&2u16.to_le_bytes());
    for (tag, kind, count, value) in [(0x0112u16, 3u16, 1u32, 6u32), (0x010F, 2, 12, 38)] {
        tiff.extend_from_slice(&tag.to_le_bytes());
        tiff.extend_from_slice(&kind.to_le_bytes());
        tiff.extend_from_slice(&count.to_le_bytes());
        tiff.extend_from_slice(&value.to_le_bytes());
    }
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(b"GPS-47.6N-6.8");
    let mut segment = b"Exif\0\0".to_vec();
    segment.extend_from_slice(&tiff);
    let mut photo = plain[..2].to_vec();
    photo.extend_from_slice(&[0xFF, 0xE1]);
    photo.extend_from_slice(&((segment.len() + 2) as u16).to_be_bytes());
    photo.extend_from_slice(&segment);
    photo.extend_from_slice(&plain[2..]);
    photo
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The `/medias/{id}` address the page shows first.
fn first_media(body: &str) -> String {
    let start = body.find("/medias/").expect("the page shows a file");
    body[start..].chars().take_while(|c| *c != '"').collect()
}

/// A solution carried by `carrier`, answering a need about gardens.
pub async fn a_solution(app: &TestApp, carrier: &mut Browser) -> i64 {
    let ids = seed_needs(app.db()).await;
    solution_id(
        &propose(
            carrier,
            &[
                ("title", "Un jardin partagé"),
                ("body", "Des parcelles pour les habitants."),
                ("besoins", &ids[8].to_string()),
            ],
        )
        .await,
    )
}

#[tokio::test]
async fn a_picture_loses_its_metadata_is_described_and_replaced_by_the_next() {
    let app = TestApp::with_demo().await;
    let mut carrier = app.signed_in("porteuse@exemple.fr", "Porteuse").await;
    let id = a_solution(&app, &mut carrier).await;
    let photo = photo_with_exif(2400, 1200);
    assert!(contains(&photo, b"GPS-47.6N-6.8"));
    let saved = carrier
        .post_file(
            &format!("/solutions/{id}/image"),
            &[("image_texte", "Le jardin au printemps")],
            ("image", "IMG_0001.jpg", &photo),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = app.browser().get(&format!("/solutions/{id}")).await;
    assert!(page.body.contains("alt=\"Le jardin au printemps\""));
    let address = first_media(&page.body);
    let served = app.browser().get(&address).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.headers["content-type"], "image/jpeg");
    assert!(!contains(&served.bytes, b"GPS-47.6N-6.8"));
    assert!(!contains(&served.bytes, b"Exif"));
    let stored = image::load_from_memory(&served.bytes).unwrap();
    // Turned upright (orientation 6), then scaled to 1,600 pixels on its longest side.
    assert_eq!((stored.width(), stored.height()), (800, 1600));
    assert!(page.body.contains("width=\"800\" height=\"1600\""));

    // A new picture replaces it; the old one is forgotten.
    let again = carrier
        .post_file(
            &format!("/solutions/{id}/image"),
            &[("image_texte", "La première récolte")],
            ("image", "IMG_0002.jpg", &photo_with_exif(300, 200)),
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.browser().get(&address).await.status,
        StatusCode::NOT_FOUND
    );
    // Taken away: the page shows none.
    let removed = carrier
        .post(&format!("/solutions/{id}/image"), &[("action", "retirer")])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let stored = solutions::store::by_id(app.db(), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.image_id, None);
    assert!(
        !app.browser()
            .get(&format!("/solutions/{id}"))
            .await
            .body
            .contains("/medias/")
    );
}

#[tokio::test]
async fn what_is_not_a_picture_too_large_or_undescribed_is_refused_next_to_its_field() {
    let app = TestApp::with_demo().await;
    let mut carrier = app.signed_in("porteuse@exemple.fr", "Porteuse").await;
    let id = a_solution(&app, &mut carrier).await;
    let path = format!("/solutions/{id}/image");
    // (description, file, what the page says next to the field)
    let cases = [
        (
            "Un plan",
            b"%PDF-1.7 un plan".to_vec(),
            "n’est pas une image",
        ),
        (
            "Abîmée",
            photo_with_exif(64, 64)[..300].to_vec(),
            "n’est pas une image",
        ),
        ("Trop lourde", vec![0xFF; 9 * 1024 * 1024], "dépasse 8 Mo"),
        ("", photo_with_exif(64, 64), "Décrivez l’image"),
    ];
    for (description, bytes, message) in cases {
        let page = carrier
            .post_file(
                &path,
                &[("image_texte", description)],
                ("image", "x.jpg", &bytes),
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(page.shows(message), "{message}");
        assert!(page.body.contains("aria-invalid=\"true\""), "{message}");
    }
    // What was typed stays in its field.
    let typed = carrier
        .post_file(
            &path,
            &[("image_texte", "Le plan du jardin")],
            ("image", "plan.pdf", b"%PDF-1.7"),
        )
        .await;
    assert!(typed.body.contains("value=\"Le plan du jardin\""));
    let stored = solutions::store::by_id(app.db(), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.image_id, None);
    let (files,): (i64,) = concerto::with_db!(app.db(), pool => sqlx::query_as(
        "SELECT COUNT(*) FROM media").fetch_one(pool).await)
    .unwrap();
    assert_eq!(files, 0, "nothing half-saved");

    // Someone who does not carry it, and a visitor, are refused.
    let mut other = app.signed_in("autre@exemple.fr", "Autre").await;
    let refused = other
        .post_file(
            &path,
            &[("image_texte", "Moi")],
            ("image", "x.jpg", &photo_with_exif(64, 64)),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let anonymous = app
        .browser()
        .post_file(
            &path,
            &[("image_texte", "Moi")],
            ("image", "x.jpg", &photo_with_exif(64, 64)),
        )
        .await;
    assert!(anonymous.location().starts_with("/connexion"));
}

#[tokio::test]
async fn a_milestone_carries_a_pdf_offered_as_a_download_and_files_hide_with_the_solution() {
    let app = TestApp::with_demo().await;
    let mut carrier = app.signed_in("porteuse@exemple.fr", "Porteuse").await;
    let id = a_solution(&app, &mut carrier).await;
    let path = format!("/solutions/{id}/jalons");
    let fields = [
        ("jalon_date", "2027-03-01"),
        ("jalon_titre", "Convention signée"),
        ("jalon_texte", ""),
        ("jalon_fichier_texte", "La convention avec la mairie"),
    ];
    let refused = carrier
        .post_file(
            &path,
            &fields,
            ("jalon_fichier", "convention.docx", b"PK\x03\x04 word"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.shows("ni une image JPEG, PNG ou WebP lisible, ni un document PDF"));
    assert!(
        solutions::store::milestones(app.db(), id)
            .await
            .unwrap()
            .is_empty()
    );

    let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n";
    let added = carrier
        .post_file(
            &path,
            &fields,
            ("jalon_fichier", "../Convention signée.pdf", pdf),
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let page = app.browser().get(&format!("/solutions/{id}")).await;
    assert!(page.shows("La convention avec la mairie"));
    let address = first_media(&page.body);
    let served = app.browser().get(&address).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.headers["content-type"], "application/pdf");
    assert_eq!(served.bytes, pdf);
    let disposition = served.headers["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"Convention sign_e.pdf\""),
        "{disposition}"
    );
    let policy = served.headers["content-security-policy"].to_str().unwrap();
    assert!(policy.starts_with("sandbox"), "{policy}");

    // Hidden with the solution: visitors no longer get it, its moderators still do.
    let mut moderator = app.demo_account(MODERATOR).await;
    let hidden = moderator
        .post(
            &format!("/solutions/{id}/moderation"),
            &[("action", "masquer"), ("motif_moderation", "Hors sujet")],
        )
        .await;
    assert_eq!(hidden.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.browser().get(&address).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(moderator.get(&address).await.status, StatusCode::OK);
    moderator
        .post(
            &format!("/solutions/{id}/moderation"),
            &[("action", "publier")],
        )
        .await;
    assert_eq!(app.browser().get(&address).await.status, StatusCode::OK);
    // An unknown file answers 404.
    assert_eq!(
        app.browser().get("/medias/424242").await.status,
        StatusCode::NOT_FOUND
    );
}
