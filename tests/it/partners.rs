//! Partners over HTTP: registering an organisation (SIRET and RNA checked, numbers unique), its
//! logo and contacts, who may edit it; a process's tiers, engagements and counterparts from
//! owed to delivered, as its managers run them; the public partners page; every lesser role
//! refused.

use crate::common::{Browser, Page, TestApp, workshop};
use crate::solutions::media::photo_with_exif;
use axum::http::StatusCode;
use concerto::features::partners;
use concerto::platform::permissions::Role;

const PROCESS: &str = "aux-actes-citoyens";
const MANAGER: &str = "gestion@demo.concerto.localhost";
const FACILITATOR: &str = "animation@demo.concerto.localhost";

/// The organisation id a registration redirected to.
fn organisation_id(page: &Page) -> i64 {
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "{}",
        page.main_content()
    );
    page.location()
        .trim_start_matches("/organisations/")
        .trim_end_matches("/modifier")
        .parse()
        .expect("redirected to the organisation's edit page")
}

/// Registers an organisation through the form.
async fn register(browser: &mut Browser, name: &str, siret: &str, rna: &str) -> Page {
    browser
        .post(
            "/organisations",
            &[
                ("nom", name),
                (
                    "type",
                    if rna.is_empty() {
                        "company"
                    } else {
                        "association"
                    },
                ),
                ("siret", siret),
                ("rna", rna),
                ("site", "exemple.fr"),
                ("commune", ""),
                ("description", "Accompagne les projets locaux."),
            ],
        )
        .await
}

async fn organisations_count(app: &TestApp) -> i64 {
    partners::store::all(app.db()).await.unwrap().len() as i64
}

#[tokio::test]
async fn organisations_register_with_checked_numbers_and_only_their_people_edit_them() {
    let app = TestApp::with_demo().await;
    let before = organisations_count(&app).await;

    // Visitors are asked to sign in; a participant without the partner role is refused.
    let anonymous = app.browser().get("/organisations/nouvelle").await;
    assert_ne!(anonymous.status, StatusCode::OK);
    let mut participant = app.signed_in("habitant@exemple.fr", "Habitant").await;
    assert_eq!(
        participant.get("/organisations/nouvelle").await.status,
        StatusCode::FORBIDDEN
    );
    let refused = register(&mut participant, "Intrus", "", "").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // A partner registers: each bad number is named next to its field, nothing is written.
    let mut partner = app
        .signed_in_with_role("contact@boulangerie.fr", Role::Partner)
        .await;
    let wrong = register(
        &mut partner,
        "Boulangerie",
        "213 105 554 00016",
        "W75120854",
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.shows("sa clé de contrôle ne correspond pas"));
    assert!(wrong.shows("W suivi de 9 caractères"));
    assert!(wrong.body.contains("id=\"siret-error\"") && wrong.body.contains("id=\"rna-error\""));
    assert!(
        wrong.body.contains("type=\"text\" value=\"Boulangerie\""),
        "what was typed stays"
    );
    assert_eq!(organisations_count(&app).await, before);

    let siret = "21310555400017";
    assert!(partners::rules::siret(siret).is_ok());
    let id = organisation_id(
        &register(&mut partner, "Boulangerie du Lac", "213 105 554 00017", "").await,
    );
    assert_eq!(organisations_count(&app).await, before + 1);
    let shown = app.browser().get(&format!("/organisations/{id}")).await;
    assert!(shown.shows("Boulangerie du Lac") && shown.shows("213 105 554 00017"));
    assert!(
        !shown
            .body
            .contains(&format!("/organisations/{id}/modifier")),
        "visitors see no edit link"
    );

    // Another partner cannot take the same SIRET, nor edit the first organisation.
    let mut rival = app
        .signed_in_with_role("contact@rival.fr", Role::Partner)
        .await;
    let taken = register(&mut rival, "Rival", siret, "").await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.shows("a déjà ce SIRET"));
    assert_eq!(
        rival
            .get(&format!("/organisations/{id}/modifier"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let edit = [
        ("nom", "Volée"),
        ("type", "company"),
        ("siret", ""),
        ("rna", ""),
        ("site", ""),
        ("commune", ""),
        ("description", ""),
    ];
    let stolen = rival
        .post(&format!("/organisations/{id}/modifier"), &edit)
        .await;
    assert_eq!(stolen.status, StatusCode::FORBIDDEN);
    assert_eq!(
        partners::store::by_id(app.db(), id)
            .await
            .unwrap()
            .unwrap()
            .name,
        "Boulangerie du Lac"
    );

    // Its contact edits it: an unknown commune is refused, a known one kept.
    let mut fields = edit.to_vec();
    fields[0] = ("nom", "Boulangerie du Lac et du Port");
    fields[5] = ("commune", "99999");
    let unknown = partner
        .post(&format!("/organisations/{id}/modifier"), &fields)
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("id=\"commune-error\""));
    fields[5] = ("commune", "");
    let saved = partner
        .post(&format!("/organisations/{id}/modifier"), &fields)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let organisation = partners::store::by_id(app.db(), id).await.unwrap().unwrap();
    assert_eq!(organisation.name, "Boulangerie du Lac et du Port");
    assert_eq!(organisation.siret, None, "a number emptied is forgotten");

    // A logo that is not a picture is refused next to its field; a photo is re-encoded and
    // served to anyone.
    let text = partner
        .post_file(
            &format!("/organisations/{id}/logo"),
            &[],
            ("logo", "logo.png", b"pas une image"),
        )
        .await;
    assert_eq!(text.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text.body.contains("id=\"logo-error\""));
    let sent = partner
        .post_file(
            &format!("/organisations/{id}/logo"),
            &[],
            ("logo", "logo.jpg", &photo_with_exif(40, 20)),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let logo = partners::store::by_id(app.db(), id)
        .await
        .unwrap()
        .unwrap()
        .logo_id
        .expect("the logo is kept");
    let served = app.browser().get(&format!("/medias/{logo}")).await;
    assert_eq!(served.status, StatusCode::OK);
    assert!(!served.body.contains("GPS"), "no metadata survives");

    // Contacts: an unknown address is refused; a known one added; the last never removed.
    let unknown = partner
        .post(
            &format!("/organisations/{id}/contacts"),
            &[("email", "personne@nulle.part")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let added = partner
        .post(
            &format!("/organisations/{id}/contacts"),
            &[("email", "contact@rival.fr")],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    assert_eq!(
        rival
            .get(&format!("/organisations/{id}/modifier"))
            .await
            .status,
        StatusCode::OK,
        "a contact added edits it"
    );
    let contacts = partners::store::contacts(app.db(), id).await.unwrap();
    assert_eq!(contacts.len(), 2);
    for contact in &contacts {
        partner
            .post(
                &format!("/organisations/{id}/contacts"),
                &[("retirer", &contact.user_id.to_string())],
            )
            .await;
    }
    assert_eq!(
        partners::store::contacts(app.db(), id).await.unwrap().len(),
        1,
        "the last contact stays"
    );
}

#[tokio::test]
async fn managers_set_tiers_engage_organisations_and_deliver_counterparts_others_are_refused() {
    let app = TestApp::with_demo().await;
    let process = concerto::features::processes::store::by_slug(app.db(), PROCESS)
        .await
        .unwrap()
        .unwrap();
    let manage = format!("/gestion/demarches/{PROCESS}/partenaires");
    let mut partner = app
        .signed_in_with_role("contact@cooperative.fr", Role::Partner)
        .await;
    let organisation =
        organisation_id(&register(&mut partner, "Coopérative du Val", "", "W751208541").await);

    // Lesser roles are refused every change.
    let tier_fields = [
        ("libelle", "Mécène"),
        ("contribution", "money"),
        ("montant", "500"),
        ("description", "Finance la démarche."),
        ("logo", "1"),
        ("atelier", "1"),
        ("autres", "Une visite des projets"),
    ];
    let mut facilitator = app.demo_account(FACILITATOR).await;
    for browser in [&mut partner, &mut facilitator] {
        assert_eq!(browser.get(&manage).await.status, StatusCode::FORBIDDEN);
        let refused = browser
            .post(&format!("{manage}/paliers"), &tier_fields)
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
    }
    let tiers_before = partners::store::tiers(app.db(), process.id).await.unwrap();

    // A money tier without its amount is refused next to the field.
    let mut manager = app.demo_account(MANAGER).await;
    let mut no_amount = tier_fields.to_vec();
    no_amount[2] = ("montant", "");
    let refused = manager.post(&format!("{manage}/paliers"), &no_amount).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"montant-error\""));
    let added = manager
        .post(&format!("{manage}/paliers"), &tier_fields)
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let tiers = partners::store::tiers(app.db(), process.id).await.unwrap();
    assert_eq!(tiers.len(), tiers_before.len() + 1);
    let tier = tiers.iter().find(|t| t.label == "Mécène").unwrap();
    assert_eq!(tier.amount_cents, Some(50_000));

    // Engaged at the tier: the counterparts it promises are owed, the page shows the partner.
    let engage = [
        ("organisation", organisation.to_string()),
        ("palier", tier.id.to_string()),
        ("montant_engagement", String::new()),
    ];
    let engage: Vec<(&str, &str)> = engage.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let engaged = manager
        .post(&format!("{manage}/engagements"), &engage)
        .await;
    assert_eq!(
        engaged.status,
        StatusCode::SEE_OTHER,
        "{}",
        engaged.main_content()
    );
    let twice = manager
        .post(&format!("{manage}/engagements"), &engage)
        .await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(twice.shows("déjà engagée"));
    let by_tier = partners::service::partners_by_tier(app.db(), process.id)
        .await
        .unwrap();
    let at_tier = by_tier.iter().find(|t| t.tier.id == tier.id).unwrap();
    let (engagement, owed) = &at_tier.partners[0];
    assert_eq!(engagement.amount_cents, Some(50_000), "the tier's amount");
    let states: Vec<(&str, &str)> = owed
        .iter()
        .map(|c| (c.kind.as_str(), c.state.as_str()))
        .collect();
    assert_eq!(
        states,
        [("logo", "owed"), ("workshop", "owed"), ("other", "owed")]
    );
    let public = app
        .browser()
        .get(&format!("/demarches/{PROCESS}/partenaires"))
        .await;
    assert!(public.shows("Mécène") && public.shows("Coopérative du Val"));
    assert!(public.shows("500\u{a0}€"), "{}", public.main_content());
    let data = app
        .browser()
        .get(&format!(
            "/demarches/{PROCESS}/partenaires/partenaires.json"
        ))
        .await;
    let data: serde_json::Value = serde_json::from_str(&data.body).unwrap();
    let row = data
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["organisation"] == "Coopérative du Val")
        .expect("the partner is in the open data");
    assert_eq!(
        (row["rna"].as_str(), row["montant_euros"].as_i64()),
        (Some("W751208541"), Some(500))
    );
    let csv = app
        .browser()
        .get(&format!("/demarches/{PROCESS}/partenaires/partenaires.csv"))
        .await;
    assert!(csv.body.starts_with('\u{feff}') && csv.body.contains("Coopérative du Val"));

    // A workshop held names an event of this process; another process's is refused.
    let workshop_counterpart = owed[1].id;
    let path = format!("{manage}/contreparties/{workshop_counterpart}");
    let without = manager
        .post(&path, &[("etat", "livree"), ("note", "")])
        .await;
    assert_eq!(without.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        without
            .body
            .contains(&format!("id=\"evenement-{workshop_counterpart}-error\""))
    );
    assert!(without.shows("atelier tenu dans l'agenda"));
    let manager_id = concerto::features::accounts::users::by_email(app.db(), MANAGER)
        .await
        .unwrap()
        .unwrap()
        .id;
    let event = workshop(app.db(), process.id, manager_id).await;
    let event = event.to_string();
    let held = manager
        .post(
            &path,
            &[
                ("etat", "livree"),
                ("evenement", &event),
                ("note", "Tenu au siège"),
            ],
        )
        .await;
    assert_eq!(held.status, StatusCode::SEE_OTHER);
    // The logo is delivered once the organisation has one; it cannot be ticked by hand.
    let by_hand = manager
        .post(
            &format!("{manage}/contreparties/{}", owed[0].id),
            &[("etat", "livree")],
        )
        .await;
    assert_eq!(by_hand.status, StatusCode::UNPROCESSABLE_ENTITY);
    partner
        .post_file(
            &format!("/organisations/{organisation}/logo"),
            &[],
            ("logo", "logo.jpg", &photo_with_exif(30, 30)),
        )
        .await;
    let by_tier = partners::service::partners_by_tier(app.db(), process.id)
        .await
        .unwrap();
    let at_tier = by_tier.iter().find(|t| t.tier.id == tier.id).unwrap();
    let owed = &at_tier.partners[0].1;
    let states: Vec<&str> = owed.iter().map(|c| c.state.as_str()).collect();
    assert_eq!(states, ["delivered", "delivered", "owed"]);
    assert_eq!(owed[1].event_id.map(|e| e.to_string()), Some(event));
    assert_eq!(owed[1].note, "Tenu au siège");

    // A tier with partners stays; once the engagement ends it can go.
    let kept = manager
        .post(
            &format!("{manage}/paliers"),
            &[("retirer", &tier.id.to_string())],
        )
        .await;
    assert_eq!(kept.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ended = manager
        .post(
            &format!("{manage}/engagements"),
            &[("retirer", &at_tier.partners[0].0.id.to_string())],
        )
        .await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    let removed = manager
        .post(
            &format!("{manage}/paliers"),
            &[("retirer", &tier.id.to_string())],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(
        partners::store::tiers(app.db(), process.id).await.unwrap(),
        tiers_before
    );
}
