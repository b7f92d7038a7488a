//! The role matrix over HTTP: for each role, what it may and may not do. A refused action
//! answers 403 (or sends a visitor to sign in) and changes nothing.

use crate::common::{Browser, TestApp};
use axum::http::StatusCode;
use concerto::features::accounts;
use concerto::features::processes;
use concerto::platform::permissions::Role;

/// Who is asking.
#[derive(Clone, Copy, Debug)]
enum Who {
    Visitor,
    Holder(Role),
}

/// What they try.
#[derive(Clone, Copy, Debug)]
enum Attempt {
    OpenAdministration,
    ReadRoleRegistry,
    GrantRole,
    RevokeRole,
    ReadOutbox,
    ReadAuditLog,
    OpenOwnAccount,
    CreateProcess,
    OpenTerritoryImport,
}

const ATTEMPTS: [Attempt; 9] = [
    Attempt::CreateProcess,
    Attempt::OpenTerritoryImport,
    Attempt::OpenAdministration,
    Attempt::ReadRoleRegistry,
    Attempt::GrantRole,
    Attempt::RevokeRole,
    Attempt::ReadOutbox,
    Attempt::ReadAuditLog,
    Attempt::OpenOwnAccount,
];

/// The expected answer: the table this test checks.
fn allowed(who: Who, attempt: Attempt) -> bool {
    match (who, attempt) {
        (Who::Visitor, _) => false,
        (Who::Holder(_), Attempt::OpenOwnAccount) => true,
        (Who::Holder(role), Attempt::CreateProcess) => matches!(role, Role::Admin | Role::Manager),
        (Who::Holder(role), _) => role == Role::Admin,
    }
}

async fn try_it(browser: &mut Browser, attempt: Attempt, target_id: i64, slug: &str) -> StatusCode {
    let target = target_id.to_string();
    let page = match attempt {
        Attempt::OpenAdministration => browser.get("/admin").await,
        Attempt::ReadRoleRegistry => browser.get("/admin/roles").await,
        Attempt::GrantRole => {
            browser
                .post(
                    "/admin/roles",
                    &[("email", "cible@exemple.fr"), ("role", "moderator")],
                )
                .await
        }
        Attempt::RevokeRole => {
            browser
                .post(
                    "/admin/roles/retrait",
                    &[("user_id", &target), ("role", "facilitator")],
                )
                .await
        }
        Attempt::ReadOutbox => browser.get("/admin/courriels").await,
        Attempt::ReadAuditLog => browser.get("/admin/journal").await,
        Attempt::OpenOwnAccount => browser.get("/compte").await,
        Attempt::CreateProcess => {
            browser
                .post(
                    "/gestion/demarches",
                    &[("title", "Essai"), ("slug", slug), ("summary", "Essai")],
                )
                .await
        }
        Attempt::OpenTerritoryImport => browser.get("/gestion/territoires").await,
    };
    page.status
}

#[tokio::test]
async fn each_role_may_do_what_the_model_allows_and_nothing_more() {
    let app = TestApp::new().await;
    let target = app.signed_in("cible@exemple.fr", "Cible").await;
    drop(target);
    let target_user = accounts::users::by_email(app.db(), "cible@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    accounts::roles::grant(app.db(), target_user.id, Role::Facilitator, None)
        .await
        .unwrap();

    let mut people: Vec<(Who, Browser)> = vec![(Who::Visitor, app.browser())];
    for role in [
        Role::Manager,
        Role::Facilitator,
        Role::Moderator,
        Role::Partner,
        Role::Participant,
    ] {
        let email = format!("{role}@exemple.fr");
        let browser = if role == Role::Participant {
            app.signed_in(&email, "Participant").await
        } else {
            app.signed_in_with_role(&email, role).await
        };
        people.push((Who::Holder(role), browser));
    }
    // The admin goes last: its grants and revocations must not hide a refusal above.
    people.push((
        Who::Holder(Role::Admin),
        app.signed_in_with_role("admin@exemple.fr", Role::Admin)
            .await,
    ));

    for (who, browser) in &mut people {
        for attempt in ATTEMPTS {
            let slug = format!(
                "essai-{}",
                format!("{who:?}")
                    .to_lowercase()
                    .replace(|c: char| !c.is_ascii_alphanumeric(), "")
            );
            let roles_before = accounts::roles::of_user(app.db(), target_user.id)
                .await
                .unwrap();
            let status = try_it(browser, attempt, target_user.id, &slug).await;
            let roles_after = accounts::roles::of_user(app.db(), target_user.id)
                .await
                .unwrap();
            let created = processes::store::by_slug(app.db(), &slug)
                .await
                .unwrap()
                .is_some();
            if matches!(attempt, Attempt::CreateProcess) {
                assert_eq!(created, allowed(*who, attempt), "{who:?} creates a process");
            }
            if allowed(*who, attempt) {
                assert!(
                    status == StatusCode::OK || status == StatusCode::SEE_OTHER,
                    "{who:?} {attempt:?}: {status}"
                );
            } else {
                match who {
                    Who::Visitor => {
                        assert_eq!(status, StatusCode::SEE_OTHER, "{who:?} {attempt:?}")
                    }
                    Who::Holder(_) => {
                        assert_eq!(status, StatusCode::FORBIDDEN, "{who:?} {attempt:?}")
                    }
                }
                assert_eq!(
                    roles_before, roles_after,
                    "{who:?} {attempt:?} changed roles"
                );
            }
        }
    }
    // The admin's grant and revoke did happen.
    let roles = accounts::roles::of_user(app.db(), target_user.id)
        .await
        .unwrap();
    assert_eq!(roles, vec![Role::Moderator]);
}

#[tokio::test]
async fn an_admin_grants_a_role_through_the_registry_and_it_is_logged() {
    let app = TestApp::new().await;
    let mut admin = app
        .signed_in_with_role("chef@exemple.fr", Role::Admin)
        .await;
    let mut manager = app
        .signed_in("consultante@exemple.fr", "Zoé Consultante")
        .await;

    let unknown = admin
        .post(
            "/admin/roles",
            &[("email", "personne@exemple.fr"), ("role", "manager")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.shows("Aucun compte n'utilise cette adresse."));
    assert!(unknown.body.contains("value=\"personne@exemple.fr\""));
    let bad_role = admin
        .post(
            "/admin/roles",
            &[("email", "consultante@exemple.fr"), ("role", "root")],
        )
        .await;
    assert!(bad_role.body.contains("Choisissez un rôle dans la liste."));

    let granted = admin
        .post(
            "/admin/roles",
            &[("email", "consultante@exemple.fr"), ("role", "manager")],
        )
        .await;
    assert_eq!(granted.status, StatusCode::SEE_OTHER);
    let registry = admin.get("/admin/roles").await;
    assert!(registry.body.contains("Zoé Consultante"));
    assert!(registry.body.contains("Le rôle est attribué."));
    assert!(
        manager
            .get("/compte")
            .await
            .body
            .contains("Responsable de démarche")
    );

    let log = admin.get("/admin/journal").await;
    assert!(log.body.contains("role.grant") && log.body.contains("manager"));
}

#[tokio::test]
async fn the_last_admin_cannot_be_revoked_nor_delete_their_account() {
    let app = TestApp::new().await;
    let mut admin = app
        .signed_in_with_role("seul@exemple.fr", Role::Admin)
        .await;
    let me = accounts::users::by_email(app.db(), "seul@exemple.fr")
        .await
        .unwrap()
        .unwrap();
    let page = admin
        .post(
            "/admin/roles/retrait",
            &[("user_id", &me.id.to_string()), ("role", "admin")],
        )
        .await;
    assert!(page.body.contains("dernier compte administrateur"));
    let deleting = admin
        .post(
            "/compte/suppression",
            &[
                ("delete_password", "un mot de passe solide"),
                ("delete_confirm", "oui"),
            ],
        )
        .await;
    assert_eq!(deleting.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        accounts::roles::of_user(app.db(), me.id).await.unwrap(),
        vec![Role::Admin]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_admins_revoking_each_other_at_once_leave_one() {
    let app = TestApp::new().await;
    let mut a = app.signed_in_with_role("a@exemple.fr", Role::Admin).await;
    let mut b = app.signed_in_with_role("b@exemple.fr", Role::Admin).await;
    let id = |email: &'static str| {
        let db = app.db().clone();
        async move {
            accounts::users::by_email(&db, email)
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let (a_id, b_id) = (id("a@exemple.fr").await, id("b@exemple.fr").await);
    for _ in 0..5 {
        a.get("/").await;
        b.get("/").await;
        let (a_id_text, b_id_text) = (a_id.to_string(), b_id.to_string());
        let (fields_b, fields_a) = (
            [("user_id", b_id_text.as_str()), ("role", "admin")],
            [("user_id", a_id_text.as_str()), ("role", "admin")],
        );
        let revoke_b = a.post("/admin/roles/retrait", &fields_b);
        let revoke_a = b.post("/admin/roles/retrait", &fields_a);
        tokio::join!(revoke_b, revoke_a);
        let admins = accounts::roles::holders_count(app.db(), Role::Admin)
            .await
            .unwrap();
        assert_eq!(admins, 1, "exactly one of the two revocations went through");
        // Whoever remains grants the other again for the next round.
        for (user, granted_by) in [(a_id, b_id), (b_id, a_id)] {
            accounts::roles::grant(app.db(), user, Role::Admin, Some(granted_by))
                .await
                .unwrap();
        }
    }
}

#[tokio::test]
async fn admins_read_the_outbox_on_the_site() {
    let app = TestApp::new().await;
    let mut admin = app
        .signed_in_with_role("lecteur@exemple.fr", Role::Admin)
        .await;
    let list = admin.get("/admin/courriels").await;
    assert!(list.body.contains("Confirmez votre adresse sur Concerto"));
    let file = app.mails().await[0].file.clone();
    let one = admin.get(&format!("/admin/courriels/{file}")).await;
    assert_eq!(one.status, StatusCode::OK);
    assert!(one.body.contains("/confirmation?jeton="));
    assert_eq!(
        admin
            .get("/admin/courriels/..%2F..%2Fetc%2Fpasswd")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
