//! Helpers for the staff console's tests (issue 14): accounts created with the real CLI, a
//! browser signed in through the real login page, and an HTTP client that keeps the console's
//! cookies.

use crate::{pqrs_cli_ok, wait_for, TestDb};
use serde_json::{json, Value};
use std::time::Duration;

/// The WebDriver client of the browser tests (`tests/browser/webdriver.rs`), shared here so
/// [`sign_in`] can drive the same [`webdriver::Browser`] the test files use.
#[path = "../browser/webdriver.rs"]
pub mod webdriver;

pub use webdriver::Browser;

/// Creates a console account with `pqrs user create` on `db`; returns its one-time password.
pub async fn create_account(db: &TestDb, email: &str, name: &str, role: &str) -> String {
    let out = pqrs_cli_ok(&[
        "user",
        "create",
        "--email",
        email,
        "--name",
        name,
        "--role",
        role,
        "--database-url",
        &db.url,
    ])
    .await;
    let password = out.trim().to_owned();
    assert_eq!(password.len(), 19, "a one-time password: {out}");
    password
}

/// The password [`sign_in`] chooses at a first login for an account whose one-time password
/// is `one_time`.
pub fn new_password_for(one_time: &str) -> String {
    format!("{one_time}-clave-propia")
}

/// Waits until the browser shows a loaded page with its `<main>`.
pub async fn wait_for_page(browser: &Browser) {
    wait_for(Duration::from_secs(20), || async {
        browser
            .eval(
                "return document.readyState === 'complete' && !!document.querySelector('main');",
                json!([]),
            )
            .await
            == Value::Bool(true)
    })
    .await;
}

/// Fills the fields by id and submits the form that holds the first one; waits for the next
/// page.
pub async fn fill_and_submit(browser: &Browser, fields: Value) {
    let before = browser
        .eval("return String(performance.timeOrigin);", json!([]))
        .await;
    browser
        .eval(
            "const f = arguments[0]; let form = null;\
             for (const [id, v] of Object.entries(f)) {\
               const el = document.getElementById(id);\
               if (el.type === 'radio' || el.type === 'checkbox') { el.checked = true; }\
               else { el.value = v; }\
               form = form || el.form;\
             }\
             form.requestSubmit();",
            json!([fields]),
        )
        .await;
    wait_for(Duration::from_secs(20), || async {
        browser
            .eval("return String(performance.timeOrigin);", json!([]))
            .await
            != before
    })
    .await;
    wait_for_page(browser).await;
}

/// The path of the page the browser shows.
pub async fn path(browser: &Browser) -> String {
    browser
        .eval("return location.pathname;", json!([]))
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Signs in through the login page at `base_url` with `email` and `password`; at a first
/// login, changes the one-time password to `new_password`. Returns the path the console
/// landed on.
pub async fn sign_in_changing(
    browser: &Browser,
    base_url: &str,
    email: &str,
    password: &str,
    new_password: &str,
) -> String {
    browser.goto(&format!("{base_url}/funcionarios")).await;
    wait_for_page(browser).await;
    fill_and_submit(browser, json!({"correo": email, "clave": password})).await;
    if path(browser).await == "/funcionarios/clave" {
        fill_and_submit(
            browser,
            json!({"actual": password, "nueva": new_password, "repetir": new_password}),
        )
        .await;
    }
    let landed = path(browser).await;
    assert!(
        landed != "/funcionarios" && landed != "/funcionarios/clave",
        "signing in as {email} stayed on {landed}: {}",
        browser.text().await
    );
    landed
}

/// Signs in through the login page; at a first login the one-time password is changed to
/// [`new_password_for`]`(password)`. Returns the password in force afterwards.
pub async fn sign_in(browser: &Browser, base_url: &str, email: &str, password: &str) -> String {
    let new = new_password_for(password);
    browser.goto(&format!("{base_url}/funcionarios")).await;
    wait_for_page(browser).await;
    fill_and_submit(browser, json!({"correo": email, "clave": password})).await;
    if path(browser).await == "/funcionarios/clave" {
        fill_and_submit(
            browser,
            json!({"actual": password, "nueva": new, "repetir": new}),
        )
        .await;
        assert_ne!(
            path(browser).await,
            "/funcionarios/clave",
            "{}",
            browser.text().await
        );
        return new;
    }
    assert_ne!(
        path(browser).await,
        "/funcionarios",
        "{}",
        browser.text().await
    );
    password.to_owned()
}

/// An official of `role` signed in over plain HTTP at `app`: an account made with the CLI,
/// its first login and its own password. On SQLite, make accounts after the server started
/// when it is given a key-encryption key (the server records it in the store).
pub async fn client_as(app: &crate::App, db: &TestDb, role: &str) -> ConsoleClient {
    let email = format!("http-{role}@entidad.gov.co");
    let one_time = create_account(db, &email, &format!("Http {role}"), role).await;
    let mut c = ConsoleClient::new(&app.base);
    c.log_in_first_time(&email, &one_time, &new_password_for(&one_time))
        .await;
    c
}

/// An HTTP client for the console without a browser: it keeps the session and CSRF cookies
/// and reads the forms' hidden CSRF fields.
pub struct ConsoleClient {
    /// e.g. `http://127.0.0.1:40123`.
    pub base: String,
    http: reqwest::Client,
    /// The cookies held, `name=value`.
    pub cookies: std::collections::BTreeMap<String, String>,
}

/// A response read whole.
#[derive(Debug)]
pub struct Page {
    /// Status code.
    pub status: u16,
    /// `Location`, for redirects.
    pub location: Option<String>,
    /// The `Set-Cookie` headers.
    pub set_cookies: Vec<String>,
    /// `Cache-Control`.
    pub cache_control: Option<String>,
    /// `Content-Security-Policy`.
    pub csp: Option<String>,
    /// The body.
    pub body: String,
}

impl Page {
    /// The value of the first hidden field named `name`.
    pub fn hidden(&self, name: &str) -> Option<String> {
        let key = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&key)? + key.len();
        let end = self.body[start..].find('"')?;
        Some(self.body[start..start + end].to_owned())
    }
}

impl ConsoleClient {
    /// A client for the server at `base` (no redirects followed).
    pub fn new(base: &str) -> ConsoleClient {
        ConsoleClient {
            base: base.to_owned(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(60))
                .build()
                .expect("http client"),
            cookies: Default::default(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn read(&mut self, res: reqwest::Response) -> Page {
        let header = |n: &str| {
            res.headers()
                .get(n)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let set_cookies: Vec<String> = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect();
        for c in &set_cookies {
            if let Some((name, rest)) = c.split_once('=') {
                let value = rest.split(';').next().unwrap_or("");
                if value.is_empty() || c.contains("Max-Age=0") {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        Page {
            status: res.status().as_u16(),
            location: header("location"),
            cache_control: header("cache-control"),
            csp: header("content-security-policy"),
            set_cookies,
            body: res.text().await.expect("body"),
        }
    }

    /// GETs `path` with the cookies held.
    pub async fn get(&mut self, path: &str) -> Page {
        let res = self
            .http
            .get(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .send()
            .await
            .expect("GET");
        self.read(res).await
    }

    /// POSTs the form `fields` to `path` with the cookies held.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .form(fields)
            .send()
            .await
            .expect("POST");
        self.read(res).await
    }

    /// Submits the login form with `email` and `password`; returns the answer.
    pub async fn log_in(&mut self, email: &str, password: &str) -> Page {
        let form = self.get("/funcionarios").await;
        let csrf = form
            .hidden("pqrs_csrf")
            .expect("the login form's CSRF field");
        self.post(
            "/funcionarios",
            &[("pqrs_csrf", &csrf), ("correo", email), ("clave", password)],
        )
        .await
    }

    /// Logs in with a one-time password and changes it to `new`; panics if either fails.
    pub async fn log_in_first_time(&mut self, email: &str, one_time: &str, new: &str) {
        let page = self.log_in(email, one_time).await;
        assert_eq!(page.status, 303, "login: {}", page.body);
        let form = self.get("/funcionarios/clave").await;
        assert_eq!(form.status, 200, "{}", form.body);
        let csrf = form.hidden("csrf").expect("csrf field");
        let done = self
            .post(
                "/funcionarios/clave",
                &[
                    ("csrf", &csrf),
                    ("actual", one_time),
                    ("nueva", new),
                    ("repetir", new),
                ],
            )
            .await;
        assert_eq!(done.status, 303, "password change: {}", done.body);
    }

    /// The CSRF token of the session, read from the page at `path`.
    pub async fn csrf(&mut self, path: &str) -> String {
        let page = self.get(path).await;
        page.hidden("csrf")
            .unwrap_or_else(|| panic!("no csrf field on {path} ({}): {}", page.status, page.body))
    }
}
