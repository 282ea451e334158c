// SPDX-License-Identifier: AGPL-3.0-only
//! Standard's sign-in with an OpenID Connect provider, against a real, certified provider
//! (`oidc-provider` on loopback) on both databases: sign-up, sign-in, linking and unlinking,
//! the password switches, a removed provider, and the attacks, each of which must end on a
//! clear page with nothing written.
#![cfg(feature = "standard")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "support/oidc.rs"]
mod oidc;

use common::*;
use oidc::{CLIENT_ID, CLIENT_SECRET, OidcProvider};
use serde_json::{Value, json};
use townhall_core::sea_orm::{ConnectionTrait, Statement};
use townhall_license::Plan;

struct Setup {
    server: TestServer,
    /// The administrator's bearer token and cookie.
    admin: String,
    admin_cookie: String,
    provider: OidcProvider,
}

/// A Standard server with the feature on and the provider `city` configured through the back
/// office, or `None` when the provider is not available (skipped).
async fn setup(db: &Db, options: Options<'_>) -> Option<Setup> {
    let key = dev_key(&claims(Plan::Standard, 30));
    let server = TestServer::start_with(db, Options { license: Some(&key), ..options }).await;
    server.make_admin("boss@example.org");
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    enable_feature(&server, &admin, "single_sign_on").await;
    let provider = OidcProvider::start(&[server.url("/auth/oidc/city/callback")])?;
    let admin_cookie = server.cookie_for("boss@example.org").await;
    add_provider(&server, &admin_cookie, "city", "City account", &provider.issuer).await;
    Some(Setup { server, admin, admin_cookie, provider })
}

async fn add_provider(server: &TestServer, admin_cookie: &str, slug: &str, label: &str, issuer: &str) {
    let form = [
        ("label", label),
        ("slug", slug),
        ("purpose", "sign_in"),
        ("issuer", issuer),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
        ("scopes", "openid email profile city"),
        ("claim_display_name", ""),
    ];
    let r = server.post_form(admin_cookie, "/admin/sign-in-providers", &form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

/// One number from the database.
async fn number(server: &TestServer, sql: &str) -> i64 {
    let conn = townhall_core::db::connect(&server.database_url).await.unwrap();
    let backend = conn.get_database_backend();
    let row = conn.query_one_raw(Statement::from_string(backend, sql.to_owned())).await.unwrap().unwrap();
    let n: i64 = row.try_get_by_index::<i64>(0).or_else(|_| row.try_get_by_index::<i32>(0).map(i64::from)).unwrap();
    conn.close().await.ok();
    n
}

/// What a sign-in may write: accounts, links, audit entries. Flows are not counted: an answer
/// ends its flow whatever comes of it.
async fn written(server: &TestServer) -> (i64, i64, i64) {
    (
        number(server, "SELECT COUNT(*) FROM users").await,
        number(server, "SELECT COUNT(*) FROM sso_links").await,
        number(server, "SELECT COUNT(*) FROM audit_events").await,
    )
}

/// A browser's cookies for the server, kept across requests.
#[derive(Default, Clone)]
struct Cookies(Vec<(String, String)>);

impl Cookies {
    fn keep(&mut self, r: &reqwest::Response) {
        for value in r.headers().get_all("set-cookie") {
            let pair = value.to_str().unwrap().split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            self.0.retain(|(n, _)| n != name);
            if !value.is_empty() {
                self.0.push((name.to_owned(), value.to_owned()));
            }
        }
    }

    fn header(&self) -> String {
        self.0.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    fn session(&self) -> Option<String> {
        self.0.iter().find(|(k, _)| k == "townhall_session").map(|(k, v)| format!("{k}={v}"))
    }
}

async fn get(server: &TestServer, cookies: &mut Cookies, url: &str) -> reqwest::Response {
    let url = if url.starts_with('/') { server.url(url) } else { url.to_owned() };
    let r = server.http.get(url).header("cookie", cookies.header()).send().await.unwrap();
    cookies.keep(&r);
    r
}

/// Starts a flow at `path` and signs in at the provider as `login`: the callback address.
async fn authorized(s: &Setup, cookies: &mut Cookies, path: &str, login: &str) -> String {
    let start = get(&s.server, cookies, path).await;
    assert_eq!(start.status(), 303, "{path}: {}", start.text().await.unwrap());
    let to = start.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.starts_with(&s.provider.issuer), "{to}");
    for part in ["code_challenge_method=S256", "state=", "nonce=", "response_type=code"] {
        assert!(to.contains(part), "{part} in {to}");
    }
    assert!(!to.contains("response_mode"), "the default (query) response mode: a GET back to us");
    s.provider.forget_session();
    let back = s.provider.authorize(&to, login).await;
    assert!(back.starts_with(&s.server.url("/auth/oidc/")), "{back}");
    back
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(w, h).write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// `text` as the templates escape it.
fn html(text: &str) -> String {
    text.replace('/', "&#x2f;")
}

/// Replaces (or adds) a query parameter of `url`.
fn with_param(url: &str, name: &str, value: &str) -> String {
    let mut parsed = url::Url::parse(url).unwrap();
    let kept: Vec<(String, String)> =
        parsed.query_pairs().filter(|(k, _)| k != name).map(|(k, v)| (k.into(), v.into())).collect();
    parsed.query_pairs_mut().clear().extend_pairs(kept).append_pair(name, value);
    parsed.to_string()
}

fn param(url: &str, name: &str) -> String {
    url::Url::parse(url).unwrap().query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned()).unwrap()
}

/// The viewer a session cookie stands for.
async fn viewer(server: &TestServer, session: &str) -> Value {
    let r = server
        .http
        .post(server.url("/graphql"))
        .header("cookie", session)
        .header("origin", &server.base)
        .json(&json!({ "query": "{ viewer { id email displayName locale emailConfirmed } }" }))
        .send()
        .await
        .unwrap();
    r.json::<Value>().await.unwrap()["data"]["viewer"].clone()
}

/// Asserts a refused answer: the failure page with `message`, no session. Returns the page.
async fn refused(r: reqwest::Response, status: u16, message: &str, case: &str) -> String {
    assert_eq!(r.status(), status, "{case}");
    let sets_session =
        r.headers().get_all("set-cookie").iter().any(|c| c.to_str().unwrap().starts_with("townhall_session="));
    assert!(!sets_session, "{case}: no session");
    let page = r.text().await.unwrap();
    assert!(page.contains("Signing in did not work"), "{case}: {page}");
    assert!(page.contains(message), "{case}: `{message}` in {page}");
    page
}

#[tokio::test]
async fn a_first_sign_in_makes_an_account_and_the_next_ones_reuse_it() {
    for db in backends() {
        let Some(s) = setup(&db, Options::default()).await else { return };
        let server = &s.server;
        // The sign-in page offers the provider, keeping where to go back to.
        let page = server.get("/sign-in?next=/projects/parks").await.text().await.unwrap();
        assert!(page.contains("Continue with City account"), "{page}");
        assert!(page.contains(&html("/auth/oidc/city?next=%2Fprojects%2Fparks\"")), "{page}");

        let before = written(server).await;
        let mut cookies = Cookies::default();
        let back = authorized(&s, &mut cookies, "/auth/oidc/city?next=/projects/parks", "alice-sub").await;
        assert_eq!(param(&back, "iss"), s.provider.issuer, "the provider names itself (RFC 9207)");
        let done = get(server, &mut cookies, &back).await;
        assert_eq!(done.status(), 303, "{}", db.name());
        assert_eq!(done.headers()["location"], "/projects/parks");
        let session = cookies.session().expect("a session");
        let me = viewer(server, &session).await;
        assert_eq!(me["email"], "alice@example.org");
        assert_eq!(me["displayName"], "Alice Provider");
        assert_eq!(me["locale"], "nl", "the provider's language for her");
        assert_eq!(me["emailConfirmed"], true, "the provider verified the address");
        assert_eq!(written(server).await.0, before.0 + 1);
        assert_eq!(written(server).await.1, before.1 + 1);
        // The account has no password: none opens it.
        assert!(server.login("alice@example.org", "").await.is_err());
        assert!(server.login("alice@example.org", "!").await.is_err());
        let account = server.get_as(&session, "/account").await.text().await.unwrap();
        assert!(account.contains("City account"), "the linked provider on the account page");

        // The next sign-in finds the same account.
        let mut again = Cookies::default();
        let back = authorized(&s, &mut again, "/auth/oidc/city", "alice-sub").await;
        let done = get(server, &mut again, &back).await;
        assert_eq!(done.status(), 303);
        assert_eq!(done.headers()["location"], "/");
        assert_eq!(viewer(server, &again.session().unwrap()).await["id"], me["id"]);
        assert_eq!(written(server).await.0, before.0 + 1, "{}", db.name());
    }
}

#[tokio::test]
async fn the_attack_table_fails_on_a_clear_page_and_writes_nothing() {
    for db in backends() {
        let Some(s) = setup(&db, Options::default()).await else { return };
        let server = &s.server;
        // A second, real provider: its issuer is the one a mix-up would slip in.
        let other = OidcProvider::start(&[server.url("/auth/oidc/other/callback")]).unwrap();
        add_provider(server, &s.admin_cookie, "other", "Other", &other.issuer).await;
        // The victim of the takeover: an account with a password, its address confirmed.
        server.register("victim@example.org", "Victim").await;
        server.confirm_email("victim@example.org").await;
        let victim_before = server.login("victim@example.org", PASSWORD).await.unwrap();

        // The control: the test provider's forging itself is sound (the same claims signed
        // again with its key pass), so each refusal below is the check it names.
        let mut cookies = Cookies::default();
        let back = authorized(&s, &mut cookies, "/auth/oidc/city", "alice-sub").await;
        s.provider.tamper("resign", None).await;
        assert_eq!(get(server, &mut cookies, &back).await.status(), 303, "the control case signs in");
        let baseline = written(server).await;

        let token_invalid = "could not be trusted";
        for (mode, case) in [
            ("nonce", "an ID token with another nonce"),
            ("key", "an ID token signed by another key (same kid)"),
            ("issuer", "an ID token of another issuer (mix-up)"),
            ("audience", "an ID token for another client"),
            ("expired", "an expired ID token"),
            ("none", "an unsigned ID token"),
        ] {
            let mut cookies = Cookies::default();
            let back = authorized(&s, &mut cookies, "/auth/oidc/city", "carla-sub").await;
            s.provider.tamper(mode, Some(&other.issuer)).await;
            refused(get(server, &mut cookies, &back).await, 400, token_invalid, case).await;
            assert_eq!(written(server).await, baseline, "{case}: nothing written ({})", db.name());
        }

        // A wrong state: refused; the flow of the right one is untouched and still works once.
        let mut cookies = Cookies::default();
        let back = authorized(&s, &mut cookies, "/auth/oidc/city", "alice-sub").await;
        let forged = with_param(&back, "state", "a-state-this-server-never-sent");
        refused(get(server, &mut cookies, &forged).await, 400, "not valid", "a wrong state").await;
        assert_eq!(written(server).await, baseline);
        assert_eq!(get(server, &mut cookies, &back).await.status(), 303, "the genuine answer");
        // The same answer replayed: the flow is gone.
        refused(get(server, &mut cookies, &back).await, 400, "not valid", "a replayed answer").await;
        // The used code slipped into a fresh flow of this browser: PKCE and the provider say no.
        let fresh = authorized(&s, &mut cookies, "/auth/oidc/city", "alice-sub").await;
        let replayed = with_param(&back, "state", &param(&fresh, "state"));
        refused(get(server, &mut cookies, &replayed).await, 502, "refused the sign-in", "a replayed code").await;
        assert_eq!(written(server).await, baseline);

        // A code issued for another browser's flow (login CSRF, code injection): the state is
        // the victim's, the code the attacker's; PKCE binds the code to its own flow.
        let mut attacker = Cookies::default();
        let attackers = authorized(&s, &mut attacker, "/auth/oidc/city", "carla-sub").await;
        let mut victim = Cookies::default();
        let victims = authorized(&s, &mut victim, "/auth/oidc/city", "alice-sub").await;
        let injected = with_param(&victims, "code", &param(&attackers, "code"));
        refused(get(server, &mut victim, &injected).await, 502, "refused the sign-in", "an injected code").await;
        // The attacker's own answer opened in the victim's browser: not this browser's flow.
        refused(get(server, &mut victim, &attackers).await, 400, "another browser", "another browser's answer").await;
        assert_eq!(written(server).await, baseline);

        // Mix-up: the answer names another issuer, or arrives at another provider's address.
        let mut cookies = Cookies::default();
        let back = authorized(&s, &mut cookies, "/auth/oidc/city", "alice-sub").await;
        let other_iss = with_param(&back, "iss", &other.issuer);
        refused(get(server, &mut cookies, &other_iss).await, 400, token_invalid, "an answer naming another issuer")
            .await;
        let back = authorized(&s, &mut cookies, "/auth/oidc/city", "alice-sub").await;
        let elsewhere = back.replace("/auth/oidc/city/callback", "/auth/oidc/other/callback");
        refused(
            get(server, &mut cookies, &elsewhere).await,
            400,
            "not valid",
            "an answer at another provider's address",
        )
        .await;
        assert_eq!(written(server).await, baseline);

        // An unverified address trying to take over the victim's account.
        let mut cookies = Cookies::default();
        let back = authorized(&s, &mut cookies, "/auth/oidc/city", "mallory-sub").await;
        let page = refused(
            get(server, &mut cookies, &back).await,
            403,
            "Sign in with your password once",
            "an unverified address of an existing account",
        )
        .await;
        assert!(page.contains(&html("/sign-in?next=%2Fauth%2Foidc%2Fcity%3Flink%3D1\"")), "the way to link: {page}");
        assert_eq!(written(server).await, baseline, "no link, no account ({})", db.name());
        assert!(server.login("victim@example.org", PASSWORD).await.is_ok(), "the victim's password still works");
        let still = server.graphql_as(&victim_before, "{ viewer { id } }", Value::Null).await;
        assert!(still["data"]["viewer"]["id"].is_string(), "and their sessions go on: {still}");
    }
}

#[tokio::test]
async fn a_verified_address_links_an_existing_account_and_ends_what_someone_else_set_up() {
    for db in backends() {
        let Some(s) = setup(&db, Options::default()).await else { return };
        let server = &s.server;
        // Someone signed up with victim@example.org and never confirmed it: maybe not its owner.
        server.register("victim@example.org", "Pre-hijacker").await;
        let squatter = server.login("victim@example.org", PASSWORD).await.unwrap();
        let users = written(server).await.0;

        let mut cookies = Cookies::default();
        let back = authorized(&s, &mut cookies, "/auth/oidc/city", "victim-sub").await;
        assert_eq!(get(server, &mut cookies, &back).await.status(), 303, "{}", db.name());
        let me = viewer(server, &cookies.session().unwrap()).await;
        assert_eq!(me["email"], "victim@example.org");
        assert_eq!(me["emailConfirmed"], true);
        assert_eq!(written(server).await.0, users, "linked, not a second account");
        assert!(server.login("victim@example.org", PASSWORD).await.is_err(), "the unconfirmed password is void");
        let gone = server.graphql_as(&squatter, "{ viewer { id } }", Value::Null).await;
        assert!(gone["data"]["viewer"].is_null(), "and its sessions ended: {gone}");
        assert_eq!(number(server, "SELECT COUNT(*) FROM audit_events WHERE action = 'sign_in_provider.link'").await, 1);
    }
}

#[tokio::test]
async fn claims_answer_registration_questions_and_the_rest_is_asked_before_going_on() {
    for db in backends() {
        let Some(s) = setup(&db, Options::default()).await else { return };
        let server = &s.server;
        enable_feature(server, &s.admin, "custom_registration_fields").await;
        let born = [("kind", "birth_year"), ("title_en", "Year of birth"), ("required", "yes")];
        assert_eq!(server.post_form(&s.admin_cookie, "/admin/registration-fields", &born).await.status(), 303);
        let street = [("kind", "text"), ("title_en", "Your street"), ("required", "yes")];
        assert_eq!(server.post_form(&s.admin_cookie, "/admin/registration-fields", &street).await.status(), 303);
        // The year of birth comes from the provider's `birthdate`; the street is nobody's claim.
        let id = number(server, "SELECT id FROM sso_providers WHERE slug = 'city'").await;
        let page =
            server.get_as(&s.admin_cookie, &format!("/admin/sign-in-providers/{id}")).await.text().await.unwrap();
        assert!(page.contains("name=\"claim_field_1\"") && page.contains("Year of birth"), "{page}");
        let map = [
            ("label", "City account"),
            ("slug", "city"),
            ("purpose", "sign_in"),
            ("issuer", s.provider.issuer.as_str()),
            ("client_id", CLIENT_ID),
            ("scopes", "openid email profile city"),
            ("claim_field_1", "birthdate"),
            ("claim_display_name", "name"),
        ];
        let r = server.post_form(&s.admin_cookie, &format!("/admin/sign-in-providers/{id}"), &map).await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());

        let mut carla = Cookies::default();
        let back = authorized(&s, &mut carla, "/auth/oidc/city?next=/projects/parks", "carla-sub").await;
        let r = get(server, &mut carla, &back).await;
        assert_eq!(r.headers()["location"], "/account/registration?next=%2Fprojects%2Fparks", "{}", db.name());
        let answers = server
            .http
            .post(server.url("/graphql"))
            .header("cookie", carla.session().unwrap())
            .header("origin", &server.base)
            .json(&json!({ "query": "{ myRegistrationAnswers }" }))
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap();
        assert_eq!(answers["data"]["myRegistrationAnswers"], json!({ "field_1": ["1985"] }), "{answers}");
    }
}

#[tokio::test]
async fn cancelled_missing_and_unverified_addresses() {
    for db in backends() {
        let Some(s) = setup(&db, Options::default()).await else { return };
        let server = &s.server;
        let baseline = written(server).await;
        // Cancelled at the provider.
        let mut cookies = Cookies::default();
        let start = get(server, &mut cookies, "/auth/oidc/city").await;
        let back = s.provider.cancel(start.headers()["location"].to_str().unwrap()).await;
        let r = get(server, &mut cookies, &back).await;
        assert_eq!(r.status(), 200);
        assert!(r.text().await.unwrap().contains("cancelled"));
        // No address shared.
        let back = authorized(&s, &mut cookies, "/auth/oidc/city", "noemail-sub").await;
        refused(get(server, &mut cookies, &back).await, 400, "did not share an e-mail address", "no address").await;
        assert_eq!(written(server).await, baseline, "{}", db.name());
        // A new address the provider does not vouch for: an account, to be confirmed by mail.
        let back = authorized(&s, &mut cookies, "/auth/oidc/city", "fresh-sub").await;
        assert_eq!(get(server, &mut cookies, &back).await.status(), 303);
        let me = viewer(server, &cookies.session().unwrap()).await;
        assert_eq!((me["email"].as_str(), me["emailConfirmed"].as_bool()), (Some("fresh@example.org"), Some(false)));
        let sent = number(server, "SELECT COUNT(*) FROM account_tokens WHERE purpose = 'confirm_email'").await;
        assert_eq!(sent, 1, "a confirmation link");
    }
}

#[tokio::test]
async fn keys_the_provider_rotates_are_picked_up() {
    let Some(s) = setup(&Db::Sqlite, Options::default()).await else { return };
    let mut cookies = Cookies::default();
    let back = authorized(&s, &mut cookies, "/auth/oidc/city", "alice-sub").await;
    let r = get(&s.server, &mut cookies, &back).await;
    assert_eq!(r.status(), 303, "{}", s.server.log());
    s.provider.rotate_keys().await;
    let mut cookies = Cookies::default();
    let back = authorized(&s, &mut cookies, "/auth/oidc/city", "alice-sub").await;
    let r = get(&s.server, &mut cookies, &back).await;
    assert_eq!(r.status(), 303, "signed with the new key: {}\n{}", r.text().await.unwrap(), s.server.log());
}

#[tokio::test]
async fn residents_link_and_unlink_providers_and_keep_a_way_in() {
    for db in backends() {
        let Some(s) = setup(&db, Options::default()).await else { return };
        let server = &s.server;
        server.register("bob@example.org", "Bob").await;
        let mut bob = Cookies::default();
        bob.0.push(
            server.cookie_for("bob@example.org").await.split_once('=').map(|(k, v)| (k.into(), v.into())).unwrap(),
        );
        let account = get(server, &mut bob, "/account").await.text().await.unwrap();
        assert!(account.contains("Link City account"), "{account}");
        // Linking needs the signed-in account: a visitor is sent to sign in first.
        let mut visitor = Cookies::default();
        let r = get(server, &mut visitor, "/auth/oidc/city?link=1").await;
        assert!(r.headers()["location"].to_str().unwrap().starts_with("/sign-in?next="), "{:?}", r.headers());

        // Bob links the provider's "fresh" person (another address: linking needs no match).
        let back = authorized(&s, &mut bob, "/auth/oidc/city?link=1", "fresh-sub").await;
        let r = get(server, &mut bob, &back).await;
        assert_eq!(r.headers()["location"], "/account?linked=1", "{}", db.name());
        // The link answer opened while signed in as someone else (or no one) is refused.
        let back = authorized(&s, &mut bob, "/auth/oidc/city?link=1", "carla-sub").await;
        let mut someone_else = Cookies(bob.0.iter().filter(|(k, _)| k != "townhall_session").cloned().collect());
        refused(get(server, &mut someone_else, &back).await, 400, "not valid", "a link answer without its account")
            .await;

        // Signing in through the provider now opens Bob's account.
        let mut elsewhere = Cookies::default();
        let back = authorized(&s, &mut elsewhere, "/auth/oidc/city", "fresh-sub").await;
        get(server, &mut elsewhere, &back).await;
        assert_eq!(viewer(server, &elsewhere.session().unwrap()).await["email"], "bob@example.org");

        // Bob unlinks it (he has a password); the provider's person is a stranger again.
        let provider_id = number(server, "SELECT id FROM sso_providers WHERE slug = 'city'").await.to_string();
        let r = server
            .post_form(&bob.session().unwrap(), &format!("/account/sign-in-providers/{provider_id}/remove"), &[])
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(number(server, "SELECT COUNT(*) FROM sso_links").await, 0);

        // An account made through the provider cannot remove its only way in.
        let mut alice = Cookies::default();
        let back = authorized(&s, &mut alice, "/auth/oidc/city", "alice-sub").await;
        get(server, &mut alice, &back).await;
        let r = server
            .post_form(&alice.session().unwrap(), &format!("/account/sign-in-providers/{provider_id}/remove"), &[])
            .await;
        assert_eq!(r.status(), 403);
        assert!(r.text().await.unwrap().contains("only way to sign in"));
        assert_eq!(number(server, "SELECT COUNT(*) FROM sso_links").await, 1);

        // "Download my data" names the link; deleting the account takes it away.
        let data = server.get_as(&alice.session().unwrap(), "/account/data.json").await.json::<Value>().await.unwrap();
        let links = &data["data"]["single_sign_on"]["sign_in_providers"];
        assert_eq!(links[0]["provider"], "City account", "{data}");
        assert_eq!(links[0]["subject"], "alice-sub");
        let back = authorized(&s, &mut bob, "/auth/oidc/city?link=1", "fresh-sub").await;
        get(server, &mut bob, &back).await;
        assert_eq!(number(server, "SELECT COUNT(*) FROM sso_links").await, 2);
        let delete = [("content", "anonymize"), ("delete_password", PASSWORD)];
        assert_eq!(server.post_form(&bob.session().unwrap(), "/account/delete", &delete).await.status(), 303);
        assert_eq!(number(server, "SELECT COUNT(*) FROM sso_links").await, 1, "Bob's link went with his account");
    }
}

#[tokio::test]
async fn administrators_switch_passwords_off_for_residents_staff_or_both() {
    for db in backends() {
        let Some(s) = setup(&db, Options::default()).await else { return };
        let server = &s.server;
        server.register("resident@example.org", "Resident").await;
        let off_for_residents = [("staff", "yes")];
        let r = server.post_form(&s.admin_cookie, "/admin/sign-in-providers/password", &off_for_residents).await;
        assert_eq!(r.status(), 303);

        let page = server.get("/sign-in").await.text().await.unwrap();
        assert!(page.contains("Only staff accounts sign in with a password here."), "{page}");
        let r = server
            .http
            .post(server.url("/sign-in"))
            .form(&[("email", "resident@example.org"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert!(r.text().await.unwrap().contains("Signing in with a password is switched off"), "{}", db.name());
        let login = server.login("resident@example.org", PASSWORD).await.unwrap_err();
        assert_eq!(error_code(&login), "password_sign_in_off", "GraphQL too");
        let signup = server.get("/sign-up").await.text().await.unwrap();
        assert!(!signup.contains("name=\"password\""), "no password sign-up");
        let r = server
            .graphql(
                "mutation($i: RegisterInput!) { register(input: $i) }",
                json!({ "i": { "email": "new@example.org", "password": PASSWORD, "displayName": "New", "locale": "en" } }),
            )
            .await;
        assert_eq!(error_code(&r), "password_sign_up_off");
        assert!(server.login("boss@example.org", PASSWORD).await.is_ok(), "staff still may");

        let both_off: [(&str, &str); 0] = [];
        server.post_form(&s.admin_cookie, "/admin/sign-in-providers/password", &both_off).await;
        assert_eq!(error_code(&server.login("boss@example.org", PASSWORD).await.unwrap_err()), "password_sign_in_off");
        let page = server.get("/sign-in").await.text().await.unwrap();
        assert!(!page.contains("name=\"password\"") && page.contains("Continue with City account"));

        // The operator's way back: the feature switched off from the command line.
        let out = cli(
            server.dir.path(),
            &["--database-url", &server.database_url, "features", "disable", "single_sign_on"],
            &[],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        // Another process changed the switch: the server sees it once its copy (5 s) is stale.
        let mut passed = false;
        for _ in 0..150 {
            if server.login("boss@example.org", PASSWORD).await.is_ok() {
                passed = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(passed, "passwords work again once the feature is off");
        let _ = &s.admin;
    }
}

#[tokio::test]
async fn a_removed_provider_leaves_accounts_that_can_set_a_password() {
    for db in backends() {
        let Some(smtp) = SmtpServer::start() else { return };
        let Some(s) = setup(&db, Options { env: smtp.env(), ..Options::default() }).await else { return };
        let server = &s.server;
        let mut alice = Cookies::default();
        let back = authorized(&s, &mut alice, "/auth/oidc/city", "alice-sub").await;
        get(server, &mut alice, &back).await;
        let id = number(server, "SELECT id FROM sso_providers WHERE slug = 'city'").await;
        let r = server.post_form(&s.admin_cookie, &format!("/admin/sign-in-providers/{id}/delete"), &[]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(number(server, "SELECT COUNT(*) FROM sso_links").await, 0);
        assert!(!server.get("/sign-in").await.text().await.unwrap().contains("City account"));
        assert_eq!(server.get("/auth/oidc/city").await.status(), 404);

        let ask = "mutation($e: String!) { requestPasswordReset(email: $e) }";
        server.graphql(ask, json!({ "e": "alice@example.org" })).await;
        let mail = smtp.wait_for("alice@example.org", 1).await;
        let token = link_in(&mail.text, "/reset-password?token=").split("token=").nth(1).unwrap().to_owned();
        let reset = "mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }";
        let done = server.graphql(reset, json!({ "t": token, "p": "a passphrase of her own now" })).await;
        assert_eq!(done["data"]["resetPassword"], true, "{done}");
        assert!(server.login("alice@example.org", "a passphrase of her own now").await.is_ok(), "{}", db.name());
    }
}

#[tokio::test]
async fn the_back_office_checks_tests_and_changes_a_provider() {
    let Some(s) = setup(&Db::Sqlite, Options::default()).await else { return };
    let server = &s.server;
    let id = number(server, "SELECT id FROM sso_providers WHERE slug = 'city'").await;
    let page = server.get_as(&s.admin_cookie, &format!("/admin/sign-in-providers/{id}")).await.text().await.unwrap();
    assert!(page.contains(&html(&server.url("/auth/oidc/city/callback"))), "the redirect URI to register");
    assert!(!page.contains(CLIENT_SECRET), "the secret is never shown");
    let tested = server.post_form(&s.admin_cookie, &format!("/admin/sign-in-providers/{id}/test"), &[]).await;
    let tested = tested.text().await.unwrap();
    assert!(tested.contains("The service answers"), "{tested}");
    assert!(tested.contains(&html(&format!("{}/token", s.provider.issuer))));

    // A bad issuer is refused; a change with an empty secret keeps the stored one.
    let bad = [
        ("label", "City"),
        ("slug", "city"),
        ("purpose", "sign_in"),
        ("issuer", "http://id.example.org"),
        ("client_id", CLIENT_ID),
    ];
    let r = server.post_form(&s.admin_cookie, &format!("/admin/sign-in-providers/{id}"), &bad).await;
    assert_eq!(r.status(), 422);
    let good = [
        ("label", "City ID"),
        ("slug", "city"),
        ("purpose", "sign_in"),
        ("issuer", s.provider.issuer.as_str()),
        ("client_id", CLIENT_ID),
        ("client_secret", ""),
    ];
    assert_eq!(server.post_form(&s.admin_cookie, &format!("/admin/sign-in-providers/{id}"), &good).await.status(), 303);
    let mut cookies = Cookies::default();
    let back = authorized(&s, &mut cookies, "/auth/oidc/city", "alice-sub").await;
    assert_eq!(get(server, &mut cookies, &back).await.status(), 303, "the stored secret still works");
    let list = server.get_as(&s.admin_cookie, "/admin/sign-in-providers").await.text().await.unwrap();
    assert!(list.contains("City ID</a></td>") && list.contains("<td>1</td>"), "one linked account: {list}");

    // A logo: fitted, shown on the sign-in button, removed again.
    let upload = format!("/admin/sign-in-providers/{id}/logo");
    let r = server.post_multipart(&s.admin_cookie, &upload, &[], &[("logo", "logo.png", png(400, 400))]).await;
    assert_eq!(r.status(), 303);
    let page = server.get("/sign-in").await.text().await.unwrap().replace("&#x2f;", "/");
    let at = page.find("src=\"/files/logos/sso-").expect("the logo on the button") + 5;
    let src = page[at..].split('"').next().unwrap().to_owned();
    let logo = server.get(&src).await;
    assert_eq!(logo.headers()["content-type"], "image/png");
    let fitted = image::load_from_memory(&logo.bytes().await.unwrap()).unwrap();
    assert_eq!((fitted.width(), fitted.height()), (96, 96));
    let r =
        server.post_multipart(&s.admin_cookie, &upload, &[], &[("logo", "logo.png", b"not a picture".to_vec())]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("Upload a PNG, JPEG, WebP or GIF picture."));
    server.post_form(&s.admin_cookie, &format!("{upload}/remove"), &[]).await;
    assert!(!server.get("/sign-in").await.text().await.unwrap().contains("logos"));
    assert_eq!(server.get(&src).await.status(), 404, "the file is gone");

    // A provider that cannot be reached: a clear page when a sign-in starts, and in the test.
    let port = townhall_testkit::free_port().unwrap();
    add_provider(server, &s.admin_cookie, "gone", "Gone", &format!("http://127.0.0.1:{port}")).await;
    let r = server.get("/auth/oidc/gone").await;
    assert_eq!(r.status(), 502);
    assert!(r.text().await.unwrap().contains("cannot be reached"));
    let gone = number(server, "SELECT id FROM sso_providers WHERE slug = 'gone'").await;
    let tested = server.post_form(&s.admin_cookie, &format!("/admin/sign-in-providers/{gone}/test"), &[]).await;
    assert!(tested.text().await.unwrap().contains("could not be used"));
    let _ = &s.admin;
}
