//! A small W3C WebDriver client over `reqwest` for the portal's browser tests: Debian's
//! Chromium driven by its `chromedriver`, headless. No extra crate: the protocol is JSON over
//! HTTP. If the browser or driver is missing, [`Browser::start`] fails saying how to install
//! them.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

/// Where Debian puts Chromium (`apt-get install -y chromium chromium-driver`).
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Where Debian puts chromedriver.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// How to get what the browser tests need.
pub const HOW_TO_INSTALL: &str = "the browser tests need Debian's Chromium and chromedriver \
     (`apt-get install -y chromium chromium-driver`, giving /usr/bin/chromium and \
     /usr/bin/chromedriver) and axe-core (`npm install --prefix tests/browser`); .ci/run \
     installs them";

/// A headless Chromium session.
pub struct Browser {
    http: reqwest::Client,
    base: String,
    /// Held so that `kill_on_drop` ends chromedriver with the session.
    _driver: Child,
    _profile: tempdir::Dir,
}

mod tempdir {
    /// A directory removed on drop.
    pub struct Dir(pub std::path::PathBuf);
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// The axe-core script, from `tests/browser/node_modules`.
pub fn axe_source() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("browser/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}; {HOW_TO_INSTALL}", path.display()))
}

/// Where screenshots are kept: `tests/browser/screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("browser/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

impl Browser {
    /// Starts chromedriver on a free port and a headless Chromium session `width` px wide.
    pub async fn start(width: u32) -> Browser {
        for bin in [CHROMIUM, CHROMEDRIVER] {
            assert!(Path::new(bin).exists(), "{bin} not found: {HOW_TO_INSTALL}");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("free port");
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {CHROMEDRIVER}: {e}; {HOW_TO_INSTALL}"));
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .expect("client");
        let status = format!("{base}/status");
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            let ready = match http.get(&status).send().await {
                Ok(r) => r
                    .json::<Value>()
                    .await
                    .is_ok_and(|v| v["value"]["ready"] == true),
                Err(_) => false,
            };
            if ready {
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "chromedriver did not start: {HOW_TO_INSTALL}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = std::env::temp_dir().join(format!("pqrs-chromium-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&profile).expect("profile dir");
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage",
                    format!("--window-size={width},900"),
                    format!("--user-data-dir={}", profile.display()),
                    // A Colombian browser: it asks for Spanish, as the portal's citizens'
                    // do (Chromium's default is en-US, which the portal now answers in
                    // English); English pages are reached with the page's own link.
                    "--lang=es-CO".to_owned(),
                ],
                "prefs": {"intl.accept_languages": "es-CO,es"},
            },
        }}});
        let r: Value = http
            .post(format!("{base}/session"))
            .json(&caps)
            .send()
            .await
            .expect("new session")
            .json()
            .await
            .expect("session json");
        let id = r["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {r}; {HOW_TO_INSTALL}"))
            .to_owned();
        let browser = Browser {
            http,
            base: format!("{base}/session/{id}"),
            _driver: driver,
            _profile: tempdir::Dir(profile),
        };
        // Headless Chromium keeps windows at least 500 px wide: emulate the phone's viewport.
        browser
            .call(
                reqwest::Method::POST,
                "/goog/cdp/execute",
                Some(
                    json!({"cmd": "Emulation.setDeviceMetricsOverride", "params": {
                        "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": true,
                    }}),
                ),
            )
            .await;
        browser
    }

    /// The width of the layout viewport, in CSS pixels.
    pub async fn viewport_width(&self) -> u64 {
        self.eval("return document.documentElement.clientWidth;", json!([]))
            .await
            .as_u64()
            .unwrap_or_default()
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let v: Value = req
            .send()
            .await
            .expect("webdriver")
            .json()
            .await
            .expect("json");
        if let Some(e) = v["value"].get("error") {
            panic!("webdriver {path}: {e} {}", v["value"]["message"]);
        }
        v["value"].clone()
    }

    /// The value of the cookie `name` of the current page (HttpOnly ones too), if set.
    #[allow(dead_code)] // the console's tests use it; `portal_browser.rs` includes this file too
    pub async fn cookie(&self, name: &str) -> Option<String> {
        let all = self.call(reqwest::Method::GET, "/cookie", None).await;
        all.as_array()?
            .iter()
            .find(|c| c["name"] == name)
            .and_then(|c| c["value"].as_str())
            .map(str::to_owned)
    }

    /// Opens `url` and waits for it to load.
    pub async fn goto(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", Some(json!({ "url": url })))
            .await;
    }

    /// Runs `script` (a function body) with `args`; returns its result.
    pub async fn eval(&self, script: &str, args: Value) -> Value {
        self.call(
            reqwest::Method::POST,
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
        .await
    }

    /// Runs an async `script` that calls `arguments[arguments.length - 1]` with its result.
    pub async fn eval_async(&self, script: &str) -> Value {
        self.call(
            reqwest::Method::POST,
            "/execute/async",
            Some(json!({"script": script, "args": []})),
        )
        .await
    }

    /// The id of the focused element ("" for none).
    pub async fn focused_id(&self) -> String {
        self.eval(
            "return document.activeElement ? document.activeElement.id : '';",
            json!([]),
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    /// Presses keys (WebDriver key codes, e.g. "\u{E004}" for Tab) as a keyboard would.
    pub async fn keys(&self, keys: &str) {
        let mut actions = Vec::new();
        for k in keys.chars() {
            actions.push(json!({"type": "keyDown", "value": k.to_string()}));
            actions.push(json!({"type": "keyUp", "value": k.to_string()}));
        }
        self.call(
            reqwest::Method::POST,
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "teclado", "actions": actions}]})),
        )
        .await;
    }

    /// Presses Tab until the element with `id` has the focus (at most 60 times).
    pub async fn tab_to(&self, id: &str) {
        for _ in 0..60 {
            if self.focused_id().await == id {
                return;
            }
            self.keys(TAB).await;
        }
        panic!("Tab never reached #{id}");
    }

    /// The page's text content.
    pub async fn text(&self) -> String {
        self.eval("return document.body.innerText;", json!([]))
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Whether the page scrolls sideways.
    pub async fn scrolls_sideways(&self) -> bool {
        self.eval(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth;",
            json!([]),
        )
        .await
            == Value::Bool(true)
    }

    /// Runs axe-core (WCAG 2.0/2.1 A and AA) on the page; returns the violations.
    pub async fn axe(&self, axe: &str) -> Vec<Value> {
        self.eval(axe, json!([])).await;
        let v = self
            .eval_async(
                "const done = arguments[arguments.length - 1];\
                 axe.run(document, {runOnly: {type: 'tag', values: \
                 ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})\
                 .then(r => done(r.violations.map(v => ({id: v.id, help: v.help, \
                 nodes: v.nodes.map(n => n.html)}))))\
                 .catch(e => done([{id: 'axe-error', help: String(e)}]));",
            )
            .await;
        v.as_array().cloned().unwrap_or_default()
    }

    /// Checks the page shown as every page of pqrs is checked: a screenshot `shot`.png (in
    /// [`screenshot_dir`]), a 360 px viewport that does not scroll sideways, and axe-core (WCAG
    /// 2.0/2.1 A and AA; `axe` from [`axe_source`]) finding nothing. `name` names the page in a
    /// failure.
    pub async fn check_page(&self, axe: &str, name: &str, shot: &str) {
        self.screenshot(shot).await;
        assert_eq!(
            self.viewport_width().await,
            360,
            "{name}: a 360 px viewport"
        );
        assert!(
            !self.scrolls_sideways().await,
            "{name}: scrolls sideways at 360 px"
        );
        let violations = self.axe(axe).await;
        assert!(
            violations.is_empty(),
            "{name}: {} axe violations: {}",
            violations.len(),
            serde_json::to_string_pretty(&violations).unwrap_or_default()
        );
    }

    /// Saves a PNG screenshot of the page as `name`.png in [`screenshot_dir`].
    pub async fn screenshot(&self, name: &str) {
        let b64 = self.call(reqwest::Method::GET, "/screenshot", None).await;
        let png = base64_decode(b64.as_str().unwrap_or_default());
        std::fs::write(screenshot_dir().join(format!("{name}.png")), png).expect("screenshot");
    }

    /// Ends the session (the browser closes) and the driver.
    pub async fn quit(self) {
        let _ = self.http.delete(&self.base).send().await;
    }
}

impl Drop for Browser {
    /// Ends the session also when a test fails halfway (a blocking `DELETE` to chromedriver,
    /// which closes the browser it started), so no Chromium outlives its test; chromedriver
    /// itself is ended by `kill_on_drop`.
    fn drop(&mut self) {
        use std::io::{Read, Write};
        let Some(rest) = self.base.strip_prefix("http://") else {
            return;
        };
        let Some((host, path)) = rest.split_once('/') else {
            return;
        };
        if let Ok(mut stream) = std::net::TcpStream::connect(host) {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
            let request = format!(
                "DELETE /{path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\n\
                 Connection: close\r\n\r\n"
            );
            if stream.write_all(request.as_bytes()).is_ok() {
                let mut reply = Vec::new();
                let _ = stream.read_to_end(&mut reply);
            }
        }
    }
}

/// The Tab key.
pub const TAB: &str = "\u{E004}";
/// The Enter key.
pub const ENTER: &str = "\u{E007}";
/// The space bar.
pub const SPACE: &str = " ";

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(value) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}
