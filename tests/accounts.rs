//! Accounts over HTTP: sign up, confirm through the outbox, sign in and out, reset, change of
//! address and password, personal-data download and deletion.

mod common;

use axum::http::StatusCode;
use common::{Browser, TestApp};
use concerto::features::accounts;
use concerto::platform::mail::queue as mail_queue;

const PASSWORD: &str = "un mot de passe solide";

#[tokio::test]
async fn newcomer_signs_up_confirms_through_the_outbox_signs_in_and_out() {
    let app = TestApp::new().await;
    let mut browser = app.browser();

    let form = browser.get("/inscription").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Créer un compte"));
    let sent = browser
        .post(
            "/inscription",
            &[
                ("email", "Lea.Martin@Exemple.fr"),
                ("display_name", "Léa"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    assert!(sent.body.contains("Vérifiez votre messagerie"));

    // Not confirmed yet: signing in is refused and the link is sent again.
    let early = browser
        .post(
            "/connexion",
            &[("email", "lea.martin@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains("pas encore confirmée"));
    assert_eq!(
        app.mails()
            .await
            .iter()
            .filter(|m| m.email.to == "lea.martin@exemple.fr")
            .count(),
        2
    );

    let link = app.link_in_last_mail_to("lea.martin@exemple.fr").await;
    assert!(link.starts_with("/confirmation?jeton="));
    let confirm_page = browser.get(&link).await;
    assert_eq!(confirm_page.status, StatusCode::OK);
    assert!(confirm_page.body.contains("Confirmer mon adresse"));
    // Opening the link changes nothing by itself (mail scanners open links).
    let user = accounts::users::by_email(app.db(), "lea.martin@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    assert!(user.email_confirmed_at.is_none());

    let token = confirm_page
        .input_value("jeton")
        .expect("token in the form");
    let confirmed = browser.post("/confirmation", &[("jeton", &token)]).await;
    assert_eq!(confirmed.status, StatusCode::SEE_OTHER);
    assert_eq!(confirmed.location(), "/connexion");
    let login_page = browser.get("/connexion").await;
    assert!(login_page.body.contains("Votre adresse est confirmée"));

    // The link works once.
    let again = browser.post("/confirmation", &[("jeton", &token)]).await;
    assert!(again.body.contains("Lien invalide ou expiré"));

    let signed_in = browser
        .post(
            "/connexion",
            &[
                ("email", "lea.martin@exemple.fr"),
                ("password", PASSWORD),
                ("suite", "/compte"),
            ],
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.location(), "/compte");
    let account = browser.get("/compte").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains("lea.martin@exemple.fr"));
    assert!(account.body.contains("Se déconnecter"));

    let signed_out = browser.post("/deconnexion", &[]).await;
    assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
    let after = browser.get("/compte").await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert_eq!(after.location(), "/connexion?suite=/compte");
}

#[tokio::test]
async fn sign_up_errors_are_shown_next_to_fields_in_french_and_keep_what_was_typed() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    let page = browser
        .post(
            "/inscription",
            &[
                ("email", "pas-une-adresse"),
                ("display_name", "Camille <b>"),
                ("password", "court"),
                ("password_confirm", "court"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("id=\"email-error\">Saisissez une adresse électronique valide")
    );
    assert!(
        page.body.contains(
            "id=\"password-error\">Le mot de passe doit contenir au moins 12 caractères."
        )
    );
    assert!(page.body.contains("value=\"pas-une-adresse\""));
    assert!(
        page.body.contains("value=\"Camille &#60;b&#62;\"")
            || page.body.contains("value=\"Camille &lt;b&gt;\"")
    );
    assert!(
        !page.body.contains("value=\"court\""),
        "passwords are never sent back"
    );
    assert!(page.body.contains("aria-invalid=\"true\""));

    let mismatch = browser
        .post(
            "/inscription",
            &[
                ("email", "a@exemple.fr"),
                ("display_name", "A"),
                ("password", PASSWORD),
                ("password_confirm", "autre mot de passe"),
            ],
        )
        .await;
    assert!(
        mismatch.body.contains(
            "id=\"password_confirm-error\">Les deux mots de passe ne sont pas identiques."
        )
    );
    assert_eq!(
        accounts::users::count(app.db()).await.unwrap(),
        0,
        "nothing was saved"
    );
}

#[tokio::test]
async fn sign_up_with_a_taken_address_answers_the_same_and_warns_its_owner() {
    let app = TestApp::new().await;
    app.signed_in("sam@exemple.fr", "Sam").await;
    let mails_before = app.mails().await.len();

    let mut stranger = app.browser();
    let page = stranger
        .post(
            "/inscription",
            &[
                ("email", "sam@exemple.fr"),
                ("display_name", "Imposteur"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Vérifiez votre messagerie"));
    assert_eq!(accounts::users::count(app.db()).await.unwrap(), 1);
    let notice = app.last_mail_to("sam@exemple.fr").await.unwrap();
    assert_eq!(app.mails().await.len(), mails_before + 1);
    assert!(notice.email.subject.contains("Tentative d'inscription"));
    assert!(
        !notice.email.body.contains("jeton"),
        "the notice carries no usable link"
    );
}

#[tokio::test]
async fn wrong_passwords_are_refused_alike_and_throttled_per_account() {
    let app = TestApp::new().await;
    app.signed_in("noe@exemple.fr", "Noé").await;
    let mut browser = app.browser();

    let unknown = browser
        .post(
            "/connexion",
            &[("email", "personne@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    let wrong = browser
        .post(
            "/connexion",
            &[
                ("email", "noe@exemple.fr"),
                ("password", "mauvais mot de passe"),
            ],
        )
        .await;
    assert_eq!(unknown.status, wrong.status);
    assert!(
        unknown
            .body
            .contains("Adresse électronique ou mot de passe incorrect.")
    );
    assert!(
        wrong
            .body
            .contains("Adresse électronique ou mot de passe incorrect.")
    );

    // Failures from other addresses do not lock the owner out of their own.
    for _ in 0..4 {
        let mut other = app.browser();
        other
            .post(
                "/connexion",
                &[
                    ("email", "noe@exemple.fr"),
                    ("password", "mauvais mot de passe"),
                ],
            )
            .await;
    }
    let mut owner = app.browser();
    let signed = owner
        .post(
            "/connexion",
            &[("email", "noe@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);

    // From one address, five attempts on the account; the sixth is refused, even the right
    // password.
    let mut guesser = app.browser();
    for _ in 0..5 {
        let page = guesser
            .post(
                "/connexion",
                &[("email", "noe@exemple.fr"), ("password", "encore faux")],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let blocked = guesser
        .post(
            "/connexion",
            &[("email", "noe@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.body.contains("Trop de tentatives"));
    assert!(!guesser.cookies.contains_key("concerto_session"));

    // Guessing from many addresses stays bounded per account (50 in a quarter of an hour).
    for _ in 0..10 {
        let mut other = app.browser();
        for _ in 0..5 {
            other
                .post(
                    "/connexion",
                    &[("email", "noe@exemple.fr"), ("password", "faux")],
                )
                .await;
        }
    }
    let mut fresh = app.browser();
    let page = fresh
        .post(
            "/connexion",
            &[("email", "noe@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_sign_in_attempts_cannot_pass_the_limit_together() {
    let app = TestApp::new().await;
    app.signed_in("zoe@exemple.fr", "Zoé").await;
    let ip = "10.9.9.9";
    let mut attempts = Vec::new();
    for _ in 0..12 {
        let mut browser = app.browser();
        browser.ip = ip.to_owned();
        browser.get("/").await;
        attempts.push(tokio::spawn(async move {
            browser
                .post(
                    "/connexion",
                    &[("email", "zoe@exemple.fr"), ("password", "pas le bon")],
                )
                .await
                .status
        }));
    }
    let mut checked = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            StatusCode::UNPROCESSABLE_ENTITY => checked += 1,
            status => assert_eq!(status, StatusCode::TOO_MANY_REQUESTS),
        }
    }
    assert_eq!(checked, 5, "exactly five passwords were checked");
}

#[tokio::test]
async fn sign_in_is_throttled_per_client_address() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    for n in 0..30 {
        let page = browser
            .post(
                "/connexion",
                &[
                    ("email", &format!("p{n}@exemple.fr")),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let page = browser
        .post(
            "/connexion",
            &[("email", "p99@exemple.fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
}

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
async fn the_interface_switches_to_english_and_back() {
    let app = TestApp::new().await;
    let mut browser = app.browser();
    assert!(browser.get("/").await.body.contains("<html lang=\"fr\">"));
    let switched = browser
        .post("/langue", &[("lang", "en"), ("retour", "/inscription")])
        .await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(switched.location(), "/inscription");
    let page = browser.get("/inscription").await;
    assert!(page.body.contains("<html lang=\"en\">"));
    assert!(page.body.contains("Create an account"));
    let errors = browser
        .post(
            "/inscription",
            &[
                ("email", "x"),
                ("display_name", ""),
                ("password", ""),
                ("password_confirm", ""),
            ],
        )
        .await;
    assert!(errors.body.contains("Enter a valid e-mail address"));
    // An outside target is never followed.
    let outside = browser
        .post("/langue", &[("lang", "fr"), ("retour", "//evil.example/")])
        .await;
    assert_eq!(outside.location(), "/");
}

#[tokio::test]
async fn honeypot_sign_ups_are_answered_but_ignored() {
    let app = TestApp::new().await;
    let mut robot = app.browser();
    let page = robot
        .post(
            "/inscription",
            &[
                ("email", "bot@exemple.fr"),
                ("display_name", "Bot"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("website", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(accounts::users::count(app.db()).await.unwrap(), 0);
    assert!(app.mails().await.is_empty());
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
