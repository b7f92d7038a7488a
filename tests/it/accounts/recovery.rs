//! Getting back in and changing credentials: a forgotten password reset through a one-time
//! link, a change of password or address, and the links each change revokes.

use super::*;

#[tokio::test]
async fn forgotten_password_is_reset_through_a_one_time_link() {
    let app = TestApp::new().await;
    let mut old_session = app.signed_in("ines@exemple.fr", "Inès").await;
    let mut browser = app.browser();

    let unknown = browser
        .post("/mot-de-passe-oublie", &[("email", "inconnu@exemple.fr")])
        .await;
    let known = browser
        .post("/mot-de-passe-oublie", &[("email", "ines@exemple.fr")])
        .await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert_eq!(
        unknown.main_content(),
        known.main_content(),
        "the same answer either way"
    );
    assert!(app.last_mail_to("inconnu@exemple.fr").await.is_none());

    let link = app.link_in_last_mail_to("ines@exemple.fr").await;
    assert!(link.starts_with("/nouveau-mot-de-passe?jeton="));
    let form = browser.get(&link).await;
    let token = form.input_value("jeton").unwrap();

    let short = browser
        .post(
            "/nouveau-mot-de-passe",
            &[
                ("jeton", &token),
                ("password", "court"),
                ("password_confirm", "court"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("au moins 12 caractères"));

    let new_password = "une toute nouvelle phrase";
    let done = browser
        .post(
            "/nouveau-mot-de-passe",
            &[
                ("jeton", &token),
                ("password", new_password),
                ("password_confirm", new_password),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let reused = browser
        .post(
            "/nouveau-mot-de-passe",
            &[
                ("jeton", &token),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert!(reused.body.contains("Lien invalide ou expiré"));

    // Every earlier session is closed; only the new password works.
    assert_eq!(
        old_session.get("/compte").await.status,
        StatusCode::SEE_OTHER
    );
    let old = browser
        .post(
            "/connexion",
            &[("email", "ines@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(old.status, StatusCode::UNPROCESSABLE_ENTITY);
    let new = browser
        .post(
            "/connexion",
            &[("email", "ines@exemple.fr"), ("password", new_password)],
        )
        .await;
    assert_eq!(new.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn password_change_needs_the_current_one_and_closes_other_sessions() {
    let app = TestApp::new().await;
    let mut phone = app.signed_in("yann@exemple.fr", "Yann").await;
    let mut laptop = app.browser();
    laptop
        .post(
            "/connexion",
            &[("email", "yann@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(laptop.get("/compte").await.status, StatusCode::OK);

    let new_password = "encore une autre phrase";
    let wrong = phone
        .post(
            "/compte/mot-de-passe",
            &[
                ("current_password", "pas le bon"),
                ("new_password", new_password),
                ("new_password_confirm", new_password),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong
            .body
            .contains("id=\"current_password-error\">Le mot de passe actuel est incorrect.")
    );

    let ok = phone
        .post(
            "/compte/mot-de-passe",
            &[
                ("current_password", PASSWORD),
                ("new_password", new_password),
                ("new_password_confirm", new_password),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(
        phone.get("/compte").await.status,
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        laptop.get("/compte").await.status,
        StatusCode::SEE_OTHER,
        "others are closed"
    );
}

/// Asks, as `browser`, for the account's address to become `new_email`.
async fn ask_address_change(browser: &mut Browser, new_email: &str) {
    let page = browser
        .post(
            "/compte/courriel",
            &[("new_email", new_email), ("email_password", PASSWORD)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
}

#[tokio::test]
async fn email_change_takes_effect_only_once_the_new_address_is_confirmed() {
    let app = TestApp::new().await;
    let mut browser = app.signed_in("old@exemple.fr", "Ada").await;
    ask_address_change(&mut browser, "new@exemple.fr").await;
    assert!(
        app.last_mail_to("old@exemple.fr")
            .await
            .unwrap()
            .email
            .subject
            .contains("Changement d'adresse")
    );
    let user = accounts::users::by_email(app.db(), "old@exemple.fr")
        .await
        .unwrap();
    assert!(user.is_some(), "not changed before confirmation");

    let link = app.link_in_last_mail_to("new@exemple.fr").await;
    let form = browser.get(&link).await;
    let token = form.input_value("jeton").unwrap();
    let done = browser
        .post("/compte/courriel/confirmation", &[("jeton", &token)])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(
        accounts::users::by_email(app.db(), "old@exemple.fr")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        accounts::users::by_email(app.db(), "new@exemple.fr")
            .await
            .unwrap()
            .is_some()
    );
    assert!(browser.get("/compte").await.body.contains("new@exemple.fr"));
}

/// Follows the newest link mailed to `to` and says whether it still works (its form shows).
async fn link_still_works(app: &TestApp, browser: &mut Browser, to: &str) -> bool {
    let link = app.link_in_last_mail_to(to).await;
    browser.get(&link).await.input_value("jeton").is_some()
}

#[tokio::test]
async fn every_change_of_password_or_address_revokes_the_accounts_other_links() {
    let app = TestApp::new().await;
    // Someone who knew the old password asks for the address to move to theirs…
    let mut intruder = app.signed_in("owner@exemple.fr", "Owner").await;
    ask_address_change(&mut intruder, "intrus@exemple.fr").await;
    assert!(link_still_works(&app, &mut intruder, "intrus@exemple.fr").await);
    // …then the owner resets the password: the intruder's link dies with the old password.
    let mut owner = app.browser();
    owner
        .post("/mot-de-passe-oublie", &[("email", "owner@exemple.fr")])
        .await;
    let reset = app.link_in_last_mail_to("owner@exemple.fr").await;
    let token = owner.get(&reset).await.input_value("jeton").unwrap();
    let new_password = "la phrase de la propriétaire";
    let done = owner
        .post(
            "/nouveau-mot-de-passe",
            &[
                ("jeton", &token),
                ("password", new_password),
                ("password_confirm", new_password),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(!link_still_works(&app, &mut intruder, "intrus@exemple.fr").await);
    let change = app.link_in_last_mail_to("intrus@exemple.fr").await;
    let token = change.split("jeton=").nth(1).unwrap().to_owned();
    intruder
        .post("/compte/courriel/confirmation", &[("jeton", &token)])
        .await;
    assert!(
        accounts::users::by_email(app.db(), "intrus@exemple.fr")
            .await
            .unwrap()
            .is_none(),
        "the address did not move"
    );

    // A password change revokes a reset link asked before it.
    let mut signed = app.browser();
    signed
        .post(
            "/connexion",
            &[("email", "owner@exemple.fr"), ("password", new_password)],
        )
        .await;
    let mut anyone = app.browser();
    anyone
        .post("/mot-de-passe-oublie", &[("email", "owner@exemple.fr")])
        .await;
    assert!(link_still_works(&app, &mut anyone, "owner@exemple.fr").await);
    let changed = signed
        .post(
            "/compte/mot-de-passe",
            &[
                ("current_password", new_password),
                ("new_password", PASSWORD),
                ("new_password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    assert!(!link_still_works(&app, &mut anyone, "owner@exemple.fr").await);

    // Confirming a new address revokes a reset link asked before, and closes the other
    // sessions (the one confirming stays).
    let mut laptop = app.browser();
    laptop
        .post(
            "/connexion",
            &[("email", "owner@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(laptop.get("/compte").await.status, StatusCode::OK);
    anyone
        .post("/mot-de-passe-oublie", &[("email", "owner@exemple.fr")])
        .await;
    let pending_reset = app.link_in_last_mail_to("owner@exemple.fr").await;
    ask_address_change(&mut signed, "owner2@exemple.fr").await;
    let confirm = app.link_in_last_mail_to("owner2@exemple.fr").await;
    let token = signed.get(&confirm).await.input_value("jeton").unwrap();
    let moved = signed
        .post("/compte/courriel/confirmation", &[("jeton", &token)])
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        signed.get("/compte").await.status,
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        laptop.get("/compte").await.status,
        StatusCode::SEE_OTHER,
        "others close"
    );
    assert!(
        anyone
            .get(&pending_reset)
            .await
            .input_value("jeton")
            .is_none()
    );
}

#[tokio::test]
async fn a_reset_answers_alike_for_known_and_unknown_addresses_even_when_mail_fails() {
    // An SMTP server that does not answer.
    let app = TestApp::with_config(|c| c.smtp_url = Some("smtp://127.0.0.1:9".into())).await;
    accounts::users::create(app.db(), "connue@exemple.fr", "Connue", "!", true)
        .await
        .unwrap();
    let mut browser = app.browser();
    let known = browser
        .post("/mot-de-passe-oublie", &[("email", "connue@exemple.fr")])
        .await;
    let unknown = browser
        .post("/mot-de-passe-oublie", &[("email", "inconnue@exemple.fr")])
        .await;
    assert_eq!(known.status, StatusCode::OK, "no error for a known address");
    assert_eq!(unknown.status, StatusCode::OK);
    assert_eq!(known.main_content(), unknown.main_content());
    // Each request queued the same thing; nothing was sent while it ran.
    assert_eq!(mail_queue::waiting(app.db()).await.unwrap(), 2);

    // The worker writes the known address's link, fails to send it and keeps it for later;
    // the unknown address's request leaves nothing behind.
    let sent = concerto::jobs::deliver_mail(&app.state).await.unwrap();
    assert_eq!(sent, 0);
    assert_eq!(mail_queue::waiting(app.db()).await.unwrap(), 1);
    let user = accounts::users::by_email(app.db(), "connue@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    let held =
        concerto::features::accounts::personal_data::document(app.db(), user.id, &user.email)
            .await
            .unwrap();
    let waiting = held["mail_waiting"].as_array().unwrap();
    assert_eq!(
        waiting.len(),
        1,
        "the written message waits for its account"
    );
    assert_eq!(waiting[0]["recipient"], "connue@exemple.fr");
    assert!(
        waiting[0]["subject"]
            .as_str()
            .unwrap()
            .contains("mot de passe"),
        "{waiting:?}"
    );
    assert_eq!(waiting[0]["attempts"], 1, "one attempt so far");
    // Not due again at once: the next round sends nothing and keeps it.
    assert_eq!(concerto::jobs::deliver_mail(&app.state).await.unwrap(), 0);
    assert_eq!(mail_queue::waiting(app.db()).await.unwrap(), 1);
}
