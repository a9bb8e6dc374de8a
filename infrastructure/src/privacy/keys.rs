//! The keyring of this process: the KEK, the blind-index key and a bounded cache of the cases'
//! unwrapped data keys (so filing and reading stay fast), and the `data_keys` table.

use crate::crypto::{CryptoError, SecretKey};
use crate::db::Db;
use crate::error::StoreError;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// The state of one case's data key.
#[derive(Debug, Clone)]
pub enum KeyState {
    /// The key: the case's personal data can be read.
    Live(SecretKey),
    /// Destroyed by a suppression: the case's personal data is gone.
    Destroyed,
    /// The wrapped key does not open under this KEK (a wrong KEK or a changed row).
    Unreadable,
}

/// The data keys a read needs, by radicado. A radicado missing here has no data key: a case
/// filed before encryption, stored in clear.
pub type Keys = HashMap<String, KeyState>;

/// Cached keys are read again after this long, so a suppression made by another process
/// is honoured here within it.
const CACHE_TTL: Duration = Duration::from_secs(30);
/// At most this many unwrapped keys are cached; past it the cache starts over.
const CACHE_MAX: usize = 100_000;

/// The keys of this process.
#[derive(Debug)]
pub struct Keyring {
    kek: SecretKey,
    kek_id: String,
    index: SecretKey,
    cache: Mutex<HashMap<String, (Instant, KeyState)>>,
}

static KEYRING: RwLock<Option<Arc<Keyring>>> = RwLock::new(None);

/// The keyring installed in this process, if personal data is encrypted here.
pub fn keyring() -> Option<Arc<Keyring>> {
    KEYRING.read().ok().and_then(|k| k.clone())
}

/// Installs `kek` as this process's KEK (replacing any other).
pub fn install(kek: SecretKey) -> Arc<Keyring> {
    let ring = Arc::new(Keyring::new(kek));
    if let Ok(mut k) = KEYRING.write() {
        *k = Some(ring.clone());
    }
    ring
}

impl Keyring {
    /// A keyring on `kek`.
    pub fn new(kek: SecretKey) -> Keyring {
        Keyring {
            kek_id: kek.id(),
            index: kek.derive("pqrs-blind-index-v1"),
            kek,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The id of the KEK (see [`SecretKey::id`]).
    pub fn kek_id(&self) -> &str {
        &self.kek_id
    }

    /// The KEK.
    pub fn kek(&self) -> &SecretKey {
        &self.kek
    }

    /// The keyed blind index of a normalised value (see [`crate::privacy::index`]).
    pub fn blind(&self, kind: &str, normalised: &str) -> String {
        self.index.mac_hex(&format!("{kind}\0{normalised}"))
    }

    /// Forgets the cached key of `radicado` (after its suppression or rectification).
    pub fn forget(&self, radicado: &str) {
        if let Ok(mut c) = self.cache.lock() {
            c.remove(radicado);
        }
    }

    fn cached(&self, radicado: &str) -> Option<KeyState> {
        let c = self.cache.lock().ok()?;
        c.get(radicado)
            .filter(|(at, _)| at.elapsed() < CACHE_TTL)
            .map(|(_, k)| k.clone())
    }

    fn remember(&self, radicado: &str, state: &KeyState) {
        if let Ok(mut c) = self.cache.lock() {
            if c.len() >= CACHE_MAX {
                c.clear();
            }
            c.insert(radicado.to_owned(), (Instant::now(), state.clone()));
        }
    }

    /// The state of a stored row of `data_keys`.
    fn state_of(&self, radicado: &str, wrapped: &str, destroyed: bool) -> KeyState {
        if destroyed {
            return KeyState::Destroyed;
        }
        match self.kek.unwrap_key(radicado, wrapped) {
            Ok(k) => KeyState::Live(k),
            Err(_) => KeyState::Unreadable,
        }
    }

    /// The data keys of `radicados` this process remembers, and the radicados it does not.
    fn cached_and_missing<'a>(
        &self,
        radicados: impl IntoIterator<Item = &'a str>,
    ) -> (Keys, Vec<String>) {
        let mut keys = Keys::new();
        let mut missing: Vec<String> = Vec::new();
        // A page names up to a thousand cases: a set, not a scan of `missing` for each.
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for r in radicados {
            if !seen.insert(r) {
                continue;
            }
            match self.cached(r) {
                Some(k) => {
                    keys.insert(r.to_owned(), k);
                }
                None => missing.push(r.to_owned()),
            }
        }
        (keys, missing)
    }

    /// The data keys of `radicados`, from the cache or the `data_keys` table on `conn`.
    pub async fn keys_for<'a>(
        &self,
        conn: &mut AnyConnection,
        radicados: impl IntoIterator<Item = &'a str>,
    ) -> Result<Keys, sqlx::Error> {
        let (keys, missing) = self.cached_and_missing(radicados);
        self.read_missing(conn, keys, &missing).await
    }

    /// `keys` with those of `missing` read from the `data_keys` table on `conn`.
    async fn read_missing(
        &self,
        conn: &mut AnyConnection,
        mut keys: Keys,
        missing: &[String],
    ) -> Result<Keys, sqlx::Error> {
        for chunk in crate::db::in_shapes(missing) {
            let style = crate::db::Placeholders::of_conn(conn);
            let sql = format!(
                "SELECT radicado, wrapped_key, destroyed_at FROM data_keys WHERE radicado IN ({})",
                style.list(1, chunk.len())
            );
            let mut q = sqlx::query(&sql);
            for r in chunk {
                q = q.bind(r.clone());
            }
            for row in q.fetch_all(&mut *conn).await? {
                let radicado: String = row.try_get(0)?;
                let wrapped: String = row.try_get(1)?;
                let destroyed: Option<String> = row.try_get(2)?;
                let state = self.state_of(&radicado, &wrapped, destroyed.is_some());
                self.remember(&radicado, &state);
                keys.insert(radicado, state);
            }
        }
        Ok(keys)
    }
}

/// The data keys of `radicados` on `db`, or none when this process has no keyring.
pub async fn keys_on<'a>(
    db: &Db,
    radicados: impl IntoIterator<Item = &'a str>,
) -> Result<Keys, StoreError> {
    let Some(ring) = keyring() else {
        return Ok(Keys::new());
    };
    let (keys, missing) = ring.cached_and_missing(radicados);
    if missing.is_empty() {
        // Nothing to read: no connection taken (tracking a case asks for its key each time).
        return Ok(keys);
    }
    let mut conn = db.pool.acquire().await?;
    Ok(ring.read_missing(&mut conn, keys, &missing).await?)
}

/// Where a KEK comes from at start.
#[derive(Debug, Clone)]
pub enum KekSource {
    /// `data_key_file` / `PQRS_DATA_KEY_FILE`.
    File(PathBuf),
    /// None configured: the file beside the SQLite store, created if missing.
    BesideSqlite(PathBuf),
    /// None configured and none to create (PostgreSQL).
    None,
}

/// The key file pqrs creates beside a SQLite store at `path`: `pqrs.db` → `pqrs.key`.
pub fn beside_sqlite(path: &str) -> PathBuf {
    PathBuf::from(crate::db::sqlite_sibling(path, "key"))
}

/// Why the keys cannot be used at start.
#[derive(Debug, thiserror::Error)]
pub enum KeyStartError {
    /// The key file.
    #[error(transparent)]
    File(#[from] CryptoError),
    /// The store.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The KEK given is not the one this store's keys are wrapped under.
    #[error(
        "la llave maestra de datos personales ({given}) no es la de este almacén (sus llaves \
         están cifradas con {expected}). Indique el archivo correcto en data_key_file o \
         PQRS_DATA_KEY_FILE; con otra llave los datos personales no se pueden leer"
    )]
    WrongKek {
        /// The id of the KEK given.
        given: String,
        /// The id of the KEK of the store.
        expected: String,
    },
    /// The store is encrypted and no KEK was given.
    #[error(
        "este almacén guarda los datos personales cifrados y no se indicó su llave maestra: \
         configure data_key_file o PQRS_DATA_KEY_FILE"
    )]
    Missing,
}

/// The KEK id recorded in the store, if any.
pub async fn recorded_kek(db: &Db) -> Result<Option<String>, StoreError> {
    let row = sqlx::query("SELECT kek_id FROM data_key_check WHERE id = 1")
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|r| r.try_get(0)).transpose()?)
}

/// Loads (or, beside a SQLite store, creates) the KEK, checks it against the store and
/// installs it. Returns the keyring and whether a key file was created, or `None` when no key
/// is configured for a store that has none (PostgreSQL without `data_key_file`): personal
/// data is then stored in clear. `require` refuses an encrypted store without its KEK.
pub async fn start(
    db: &Db,
    source: KekSource,
    now: &str,
    require: bool,
) -> Result<Option<(Arc<Keyring>, bool)>, KeyStartError> {
    let recorded = recorded_kek(db).await?;
    let (kek, created) = match &source {
        KekSource::File(path) => (SecretKey::read_file(path)?, false),
        KekSource::BesideSqlite(path) if path.exists() => (SecretKey::read_file(path)?, false),
        KekSource::BesideSqlite(path) if recorded.is_none() => {
            (SecretKey::create_file(path)?, true)
        }
        KekSource::BesideSqlite(_) | KekSource::None => {
            return match recorded {
                Some(_) if require => Err(KeyStartError::Missing),
                _ => Ok(None),
            };
        }
    };
    let id = kek.id();
    match recorded {
        Some(expected) if expected != id => {
            return Err(KeyStartError::WrongKek {
                given: id,
                expected,
            })
        }
        Some(_) => {}
        None => {
            sqlx::query(
                "INSERT INTO data_key_check (id, kek_id, set_at) VALUES (1, $1, $2) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(id.clone())
            .bind(now.to_owned())
            .execute(&db.pool)
            .await
            .map_err(StoreError::from)?;
            if let Some(expected) = recorded_kek(db).await?.filter(|e| *e != id) {
                return Err(KeyStartError::WrongKek {
                    given: id,
                    expected,
                });
            }
        }
    }
    Ok(Some((install(kek), created)))
}

/// Re-wraps every live data key of the store under `new` (rotation of the KEK), in one
/// transaction, and records `new` as the store's KEK. Events are not touched. Returns how
/// many keys were re-wrapped.
pub async fn rotate(
    db: &Db,
    old: &SecretKey,
    new: &SecretKey,
    now: &str,
) -> Result<u64, StoreError> {
    let mut tx = db.pool.begin().await?;
    let rows =
        sqlx::query("SELECT radicado, wrapped_key FROM data_keys WHERE destroyed_at IS NULL")
            .fetch_all(&mut *tx)
            .await?;
    let mut n = 0;
    for row in rows {
        let radicado: String = row.try_get(0)?;
        let wrapped: String = row.try_get(1)?;
        let key = old.unwrap_key(&radicado, &wrapped).map_err(|e| {
            StoreError::Corrupt(format!("la llave del caso {radicado} no abre: {e}"))
        })?;
        sqlx::query("UPDATE data_keys SET wrapped_key = $1, kek_id = $2 WHERE radicado = $3")
            .bind(new.wrap(&radicado, &key))
            .bind(new.id())
            .bind(radicado)
            .execute(&mut *tx)
            .await?;
        n += 1;
    }
    sqlx::query("UPDATE data_key_check SET kek_id = $1, set_at = $2 WHERE id = 1")
        .bind(new.id())
        .bind(now.to_owned())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(n)
}
