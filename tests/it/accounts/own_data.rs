//! What an account holds about its person: the download, the optional profile, deletion.

use super::*;

#[tokio::test]
async fn personal_data_download_holds_the_account_and_no_secret() {
    let app = TestApp::new().await;
    let mut browser = app.signed_in("rgpd@exemple.fr", "Rosa").await;
    let user = accounts::users::by_email(app.db(), "rgpd@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    accounts::roles::grant(
        app.db(),
        user.id,
        concerto::platform::permissions::Role::Partner,
        None,
    )
    .await
    .unwrap();

    let download = browser.get("/compte/donnees").await;
    assert_eq!(download.status, StatusCode::OK);
    assert!(
        download.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let data: serde_json::Value = serde_json::from_str(&download.body).unwrap();
    assert_eq!(data["account"]["email"], "rgpd@exemple.fr");
    assert_eq!(data["account"]["display_name"], "Rosa");
    assert_eq!(data["roles"][0]["role"], "partner");
    assert_eq!(data["sessions"].as_array().unwrap().len(), 1);
    assert!(!download.body.contains("argon2"), "no password hash");

    let mut visitor = app.browser();
    assert_eq!(
        visitor.get("/compte/donnees").await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn deleting_the_account_needs_the_password_and_removes_everything() {
    let app = TestApp::new().await;
    let mut browser = app.signed_in("bye@exemple.fr", "Basile").await;

    let unconfirmed = browser
        .post("/compte/suppression", &[("delete_password", PASSWORD)])
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed.body.contains("Cochez la case"));
    let wrong = browser
        .post(
            "/compte/suppression",
            &[("delete_password", "pas le bon"), ("delete_confirm", "oui")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        accounts::users::by_email(app.db(), "bye@exemple.fr")
            .await
            .unwrap()
            .is_some()
    );

    let deleted = browser
        .post(
            "/compte/suppression",
            &[("delete_password", PASSWORD), ("delete_confirm", "oui")],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert!(
        accounts::users::by_email(app.db(), "bye@exemple.fr")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(browser.get("/compte").await.status, StatusCode::SEE_OTHER);
    let again = browser
        .post(
            "/connexion",
            &[("email", "bye@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_optional_profile_needs_consent_is_exported_and_deleted_with_the_account() {
    let app = TestApp::with_demo().await;
    let mut browser = app.signed_in("profil@exemple.fr", "Pia").await;
    let account = browser.get("/compte").await;
    assert!(account.shows("statistiques anonymes"));

    let no_consent = browser
        .post(
            "/compte/profil",
            &[
                ("commune", "90010"),
                ("age", "30-44"),
                ("situation", "jeunesse"),
            ],
        )
        .await;
    assert_eq!(no_consent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_consent.body.contains("id=\"consent-error\""));
    let user = accounts::users::by_email(app.db(), "profil@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    assert!(
        accounts::profiles::of_user(app.db(), user.id)
            .await
            .unwrap()
            .is_none()
    );
    let bad = browser
        .post("/compte/profil", &[("age", "127"), ("consent", "oui")])
        .await;
    assert!(bad.body.contains("id=\"age-error\""));

    let saved = browser
        .post(
            "/compte/profil",
            &[
                ("commune", "90010"),
                ("age", "30-44"),
                ("situation", "jeunesse"),
                ("consent", "oui"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let profile = accounts::profiles::of_user(app.db(), user.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(profile.commune_name.as_deref(), Some("Belfort"));
    assert!(
        browser
            .get("/compte")
            .await
            .body
            .contains("<option value=\"30-44\" selected>")
    );

    let data: serde_json::Value =
        serde_json::from_str(&browser.get("/compte/donnees").await.body).unwrap();
    assert_eq!(data["profile"]["commune"], "90010");
    assert_eq!(data["profile"]["situation"], "jeunesse");

    browser
        .post(
            "/compte/suppression",
            &[("delete_password", PASSWORD), ("delete_confirm", "oui")],
        )
        .await;
    assert!(
        accounts::profiles::of_user(app.db(), user.id)
            .await
            .unwrap()
            .is_none(),
        "deleted with the account"
    );
}
