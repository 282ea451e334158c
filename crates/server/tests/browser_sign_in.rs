// SPDX-License-Identifier: AGPL-3.0-only
//! Browser tests of Standard's sign-in with an OpenID provider: an administrator configures
//! the real provider, residents sign up, sign in and link it through the provider's own login
//! page, and every page of ours on the way passes axe-core (WCAG 2.1 A/AA).
#![cfg(feature = "standard")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "support/oidc.rs"]
mod oidc;
mod support;

use common::*;
use oidc::{CLIENT_ID, CLIENT_SECRET, OidcProvider};
use support::Browser;
use townhall_license::Plan;

async fn sign_in_with_password(browser: &Browser, server: &TestServer, email: &str) {
    browser.visit(&server.url("/sign-in?lang=en")).await;
    browser.fill("#email", email).await;
    browser.fill("#password", PASSWORD).await;
    browser.click("form[action='/sign-in'] button[type=submit]").await;
    browser.wait_for_text(".account-nav", "Sign out").await;
}

async fn sign_out(browser: &Browser) {
    browser.click("form[action='/sign-out'] button").await;
    browser.wait_for_text("body", "Sign in").await;
}

/// At the provider's login page (another site): says who signs in.
async fn at_the_provider(browser: &Browser, provider: &OidcProvider, login: &str) {
    browser.wait_for_text("h1", "Sign in to the test provider").await;
    assert!(browser.url().await.starts_with(&provider.issuer));
    browser.fill("#login", login).await;
    browser.click("#provider-sign-in").await;
}

#[tokio::test]
async fn residents_sign_up_sign_in_and_link_through_a_provider() {
    let Some(browser) = Browser::start().await else { return };
    let key = dev_key(&claims(Plan::Standard, 30));
    let server = TestServer::start_with(&Db::Sqlite, Options { license: Some(&key), ..Options::default() }).await;
    let Some(provider) = OidcProvider::start(&[server.url("/auth/oidc/city/callback")]) else { return };
    server.make_admin("boss@example.org");
    let token = server.login("boss@example.org", PASSWORD).await.unwrap();
    enable_feature(&server, &token, "single_sign_on").await;
    server.register("bob@example.org", "Bob").await;
    server.register("victim@example.org", "Victim").await;

    // The administrator adds the provider and tests it.
    sign_in_with_password(&browser, &server, "boss@example.org").await;
    browser.visit(&server.url("/admin/sign-in-providers")).await;
    browser.assert_accessible("no sign-in service yet").await;
    browser.click("a[href='/admin/sign-in-providers/new']").await;
    browser.wait_for_text("h1", "New sign-in service").await;
    browser.assert_accessible("a new sign-in service").await;
    browser.fill("#label", "City account").await;
    browser.fill("#slug", "city").await;
    browser.fill("#issuer", "not an address").await;
    browser.fill("#client_id", CLIENT_ID).await;
    browser.fill("#client_secret", CLIENT_SECRET).await;
    browser.click("form[action='/admin/sign-in-providers'] button[type=submit]").await;
    browser.wait_for_text("#error-summary", "issuer").await;
    browser.assert_accessible("a refused sign-in service").await;
    browser.fill("#issuer", &provider.issuer).await;
    browser.fill("#client_secret", CLIENT_SECRET).await;
    browser.click("form[action='/admin/sign-in-providers'] button[type=submit]").await;
    browser.wait_for_text("#redirect-uri", "/auth/oidc/city/callback").await;
    browser.click("form[action$='/test'] button").await;
    browser.wait_for_text("#check", "The service answers").await;
    browser.assert_accessible("a tested sign-in service").await;
    browser.visit(&server.url("/admin/sign-in-providers")).await;
    browser.assert_accessible("the list of sign-in services").await;
    sign_out(&browser).await;

    // Alice signs up through the provider from the sign-up page, and lands where she was.
    browser.visit(&server.url("/sign-up?lang=en")).await;
    browser.assert_accessible("sign-up with a service").await;
    browser.visit(&server.url("/sign-in?lang=en&next=/events")).await;
    browser.assert_accessible("sign-in with a service").await;
    browser.click("a[href^='/auth/oidc/city']").await;
    at_the_provider(&browser, &provider, "alice-sub").await;
    browser.wait_for_text(".account-nav", "Alice Provider").await;
    assert!(browser.url().await.ends_with("/events"), "{}", browser.url().await);
    browser.visit(&server.url("/account?lang=en")).await;
    browser.wait_for_text("#sso-account-title", "Sign-in services").await;
    let account = browser.body_text().await;
    assert!(account.contains("City account") && account.contains("no password"), "{account}");
    browser.assert_accessible("the account of a resident who signs in through a service").await;
    sign_out(&browser).await;

    // She signs in again the same way (the provider still knows her: no login page).
    browser.visit(&server.url("/sign-in?lang=en")).await;
    browser.click("a[href^='/auth/oidc/city']").await;
    browser.wait_for_text(".account-nav", "Alice Provider").await;
    sign_out(&browser).await;
    browser.forget_cookies_of(&format!("{}/jwks", provider.issuer)).await;

    // Bob, who has a password, links the provider from his account page.
    sign_in_with_password(&browser, &server, "bob@example.org").await;
    browser.visit(&server.url("/account?lang=en")).await;
    browser.click("a[href='/auth/oidc/city?link=1']").await;
    at_the_provider(&browser, &provider, "fresh-sub").await;
    browser.wait_for_text("#sso-account-title", "Sign-in services").await;
    browser.wait_for_text("main", "Unlink City account").await;
    browser.assert_accessible("an account with a linked service").await;
    browser.click("form[action$='/remove'] button").await;
    browser.wait_for_text("main", "Link City account").await;
    sign_out(&browser).await;
    browser.forget_cookies_of(&format!("{}/jwks", provider.issuer)).await;

    // Someone whose address the provider does not vouch for cannot take over the victim's
    // account: a clear page, with the way for the owner.
    browser.visit(&server.url("/sign-in?lang=en")).await;
    browser.click("a[href^='/auth/oidc/city']").await;
    at_the_provider(&browser, &provider, "mallory-sub").await;
    browser.wait_for_text("h1", "Signing in did not work").await;
    browser.wait_for_text("[role=alert]", "Sign in with your password once").await;
    browser.assert_accessible("a refused sign-in").await;
    for lang in ["nl", "fr"] {
        browser.visit(&server.url(&format!("/sign-in?lang={lang}"))).await;
        browser.assert_accessible(&format!("sign-in with a service ({lang})")).await;
    }
    browser.close().await;
}

#[cfg(feature = "premium")]
#[tokio::test]
async fn a_resident_verifies_her_identity_through_an_identity_provider() {
    let Some(browser) = Browser::start().await else { return };
    let (server, token) = licensed_admin(&Db::Sqlite, Plan::Premium).await;
    let Some(provider) = OidcProvider::start(&[server.url("/verify/oidc/eid/callback")]) else { return };
    enable_feature(&server, &token, "single_sign_on").await;
    enable_feature(&server, &token, "identity_verification").await;
    let boss = server.cookie_for("boss@example.org").await;
    let eid = [
        ("label", "City eID"),
        ("slug", "eid"),
        ("purpose", "verification"),
        ("issuer", provider.issuer.as_str()),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
    ];
    assert_eq!(server.post_form(&boss, "/admin/sign-in-providers", &eid).await.status(), 303);
    server.register("ana@example.org", "Ana").await;
    server.register("ben@example.org", "Ben").await;

    sign_in_with_password(&browser, &server, "ana@example.org").await;
    browser.visit(&server.url("/verify?lang=en")).await;
    browser.assert_accessible("the verification page with an identity provider").await;
    browser.click("a[href^='/verify/oidc/eid']").await;
    at_the_provider(&browser, &provider, "carla-sub").await;
    browser.wait_for_text("[role=status]", "Your identity was verified").await;
    browser.assert_accessible("a verified identity").await;
    sign_out(&browser).await;

    // The same person at the provider cannot verify a second account.
    sign_in_with_password(&browser, &server, "ben@example.org").await;
    browser.visit(&server.url("/verify?lang=en")).await;
    browser.click("a[href^='/verify/oidc/eid']").await;
    browser.wait_for_text("h1", "Verification did not work").await;
    browser.wait_for_text("[role=alert]", "already verified another account").await;
    browser.assert_accessible("a refused verification").await;
    browser.close().await;
}
