//! The schema of the case view, with one source: the migrations.
//!
//! Migrations 0002 (table and first indexes) and 0004 (queue indexes) create `case_view` and
//! `projection_checkpoints`; PostgreSQL's migrations 0014 (the bandeja's page index) and 0016
//! (the reports' column and its index) add what SQLite's views file gets from here (SQLite's
//! migrations run before the views file exists); `migrations/sqlite_views` holds what only
//! SQLite's case view has (the two indexes the reports read). SQLite keeps the views in their
//! own attached file (migration 0005), created here when missing, and a rebuild replays into a
//! shadow table with the same columns and indexes: both take their DDL from the migration text
//! itself, so a column or an index is written once.

use crate::db::Backend;
use crate::error::StoreError;
use sqlx::AnyPool;

/// The live case view.
pub const CASE_VIEW: &str = "case_view";

const PROJECTIONS_MIGRATION: &str = include_str!("../migrations/sqlite/0002_projections.sql");
const QUEUE_INDEXES_MIGRATION: &str = include_str!("../migrations/sqlite/0004_queue_indexes.sql");
/// The bandeja's page index (issue 14), written once in PostgreSQL's migration; plain SQL that
/// SQLite reads the same way.
const OPEN_PAGE_INDEX_MIGRATION: &str =
    include_str!("../migrations/postgres/0014_open_page_index.sql");
const AUTOVACUUM_MIGRATION: &str =
    include_str!("../migrations/postgres/0015_case_view_autovacuum.sql");
/// The column of what the reports read of each case, and the index that finds rows still
/// without it (issue 11, item 20), written once in PostgreSQL's migration.
const REPORT_COLUMN_MIGRATION: &str =
    include_str!("../migrations/postgres/0016_case_view_report.sql");
/// SQLite only: the index the reports read the case view from, without walking each row's
/// overflow pages, and the one that finds rows without their document beside it (issue 11,
/// item 20).
const REPORT_COVER_SQLITE: &str =
    include_str!("../migrations/sqlite_views/0016_case_view_report_cover.sql");

/// Migration 0009, whose blind index of petitioners SQLite keeps in the views file
/// ([`move_blind_index`]).
const PERSONAL_DATA_MIGRATION: &str =
    include_str!("../migrations/sqlite/0009_personal_data_keys.sql");
/// The blind index of petitioners (issue 16, docs/privacy.md).
pub const BLIND_INDEX: &str = "personal_data_index";
/// The blind index's newest entries, before they are merged into [`BLIND_INDEX`]
/// (docs/privacy.md).
pub const BLIND_INDEX_RECENT: &str = "personal_data_index_recent";
/// Its table, written once in PostgreSQL's migration 0017; plain SQL that SQLite reads the
/// same way.
const BLIND_INDEX_RECENT_MIGRATION: &str =
    include_str!("../migrations/postgres/0017_personal_data_index_recent.sql");

/// The statements of a migration, comments dropped and whitespace collapsed.
fn statements(sql: &str) -> Vec<String> {
    let text = sql
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    text.split(';')
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The `CREATE TABLE <name> (…)` of migration 0002, created as `create` (e.g. `CREATE TABLE
/// views.x`).
fn table_ddl(name: &str, create: &str) -> String {
    table_ddl_in(PROJECTIONS_MIGRATION, name, create)
}

/// The `CREATE TABLE <name> (…)` of `migration`, created as `create`.
fn table_ddl_in(migration: &str, name: &str, create: &str) -> String {
    let prefix = format!("CREATE TABLE {name} (");
    statements(migration)
        .into_iter()
        .find_map(|s| {
            s.strip_prefix(&prefix)
                .map(|rest| format!("{create} ({rest}"))
        })
        .unwrap_or_default()
}

/// The columns later migrations add to the case view (`ALTER TABLE case_view ADD COLUMN …`),
/// as column definitions.
fn added_columns() -> Vec<String> {
    let prefix = format!("ALTER TABLE {CASE_VIEW} ADD COLUMN ");
    statements(REPORT_COLUMN_MIGRATION)
        .into_iter()
        .filter_map(|s| s.strip_prefix(&prefix).map(str::to_owned))
        .collect()
}

/// The DDL of a case-view table named `table`, without its secondary indexes: migration
/// 0002's table with the columns added since.
pub fn case_view_table_ddl(table: &str) -> String {
    let created = table_ddl(CASE_VIEW, &format!("CREATE TABLE {table}"));
    let Some(body) = created.strip_suffix(" )") else {
        return created;
    };
    let mut ddl = body.to_owned();
    for column in added_columns() {
        ddl.push_str(", ");
        ddl.push_str(&column);
    }
    ddl.push_str(" )");
    ddl
}

/// The PostgreSQL storage settings of the case view (its autovacuum thresholds, migration
/// 0015), for `table`: a rebuilt case view keeps them.
pub fn case_view_storage_ddl(table: &str) -> Vec<String> {
    let prefix = format!("ALTER TABLE {CASE_VIEW} ");
    statements(AUTOVACUUM_MIGRATION)
        .into_iter()
        .filter_map(|s| {
            s.strip_prefix(&prefix)
                .map(|rest| format!("ALTER TABLE {table} {rest}"))
        })
        .collect()
}

/// The secondary indexes of the case view on `backend`, as migrations 0002, 0004,
/// PostgreSQL's 0014 and 0016, and on SQLite `sqlite_views/0016`, create them: each index's
/// name and what follows `ON case_view` (its columns, and its `WHERE` for a partial one).
fn case_view_indexes(backend: Backend) -> Vec<(String, String)> {
    let on = format!(" ON {CASE_VIEW} ");
    let sqlite_only = match backend {
        Backend::Sqlite => statements(REPORT_COVER_SQLITE),
        Backend::Postgres => Vec::new(),
    };
    statements(PROJECTIONS_MIGRATION)
        .into_iter()
        .chain(statements(QUEUE_INDEXES_MIGRATION))
        .chain(statements(OPEN_PAGE_INDEX_MIGRATION))
        .chain(statements(REPORT_COLUMN_MIGRATION))
        .chain(sqlite_only)
        .filter_map(|s| {
            let rest = s.strip_prefix("CREATE INDEX ")?;
            let (name, columns) = rest.split_once(&on)?;
            Some((name.to_owned(), columns.to_owned()))
        })
        .collect()
}

/// The DDL of the secondary indexes of a case-view table named `table` on `backend`
/// ([`case_view_indexes`]), in schema `schema` (`Db::views_schema`), their names suffixed with
/// `suffix` so a shadow table's indexes never collide with the live one's after a swap.
pub fn case_view_index_ddl(
    backend: Backend,
    schema: &str,
    table: &str,
    suffix: &str,
) -> Vec<String> {
    case_view_indexes(backend)
        .into_iter()
        .map(|(name, columns)| format!("CREATE INDEX {schema}{name}{suffix} ON {table} {columns}"))
        .collect()
}

/// Creates the views in SQLite's views file when it does not hold them (a new store, a store
/// migrated before the views had their own file, or a views file deleted to rebuild them):
/// an empty case view with its indexes, at checkpoint 0, which the runner fills from the log.
/// The caller holds the views' write turn.
pub async fn ensure_sqlite_views(pool: &AnyPool) -> Result<(), StoreError> {
    // Two processes starting on one file may race here; the loser sees the winner's tables.
    let mut attempt = 0;
    loop {
        attempt += 1;
        match create_sqlite_views(pool).await {
            Err(e) if attempt < 3 => {
                tracing::warn!(error = %e, "creating the views file failed; trying again");
            }
            other => return other,
        }
    }
}

async fn create_sqlite_views(pool: &AnyPool) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    let checkpoints = table_ddl(
        "projection_checkpoints",
        "CREATE TABLE IF NOT EXISTS views.projection_checkpoints",
    );
    sqlx::query(&checkpoints).execute(&mut *tx).await?;
    let exists =
        sqlx::query("SELECT 1 FROM views.sqlite_master WHERE type = 'table' AND name = $1")
            .bind(CASE_VIEW)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
    if !exists {
        sqlx::query(&case_view_table_ddl(&format!("views.{CASE_VIEW}")))
            .execute(&mut *tx)
            .await?;
        for ddl in case_view_index_ddl(Backend::Sqlite, "views.", CASE_VIEW, "") {
            sqlx::query(&ddl).execute(&mut *tx).await?;
        }
        // A view that starts empty starts at the beginning of the log.
        sqlx::query("DELETE FROM views.projection_checkpoints WHERE name = $1")
            .bind(CASE_VIEW)
            .execute(&mut *tx)
            .await?;
    } else {
        // A views file made before a column was added gets it now, empty (NULL) until the
        // runner writes the row again or a rebuild writes them all.
        for column in added_columns() {
            let name = column.split_whitespace().next().unwrap_or_default();
            let present: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM views.pragma_table_info($1) WHERE name = $2",
            )
            .bind(CASE_VIEW)
            .bind(name.to_owned())
            .fetch_one(&mut *tx)
            .await?;
            if present == 0 {
                sqlx::query(&format!(
                    "ALTER TABLE views.{CASE_VIEW} ADD COLUMN {column}"
                ))
                .execute(&mut *tx)
                .await?;
            }
        }
        // A views file made before an index was added gets it now. A rebuilt case view has
        // its indexes under the rebuild's suffixed names (`case_view_open_due_r…`): an index
        // counts as present under either name. (An earlier version looked for the bare name
        // only and built a second copy of every index on the first start after a rebuild,
        // which the runner then kept up on every write: that copy is dropped here.)
        for (name, columns) in case_view_indexes(Backend::Sqlite) {
            let names: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM views.sqlite_master WHERE type = 'index' AND tbl_name = $1 \
                 AND (name = $2 OR name GLOB $3)",
            )
            .bind(CASE_VIEW)
            .bind(name.clone())
            // The rebuild's suffix is `_r` and digits: `case_view_status_received` is not a
            // rebuilt `case_view_status`.
            .bind(format!("{name}_r[0-9]*"))
            .fetch_all(&mut *tx)
            .await?;
            let bare = names.contains(&name);
            let rebuilt = names.iter().any(|n| *n != name);
            if bare && rebuilt {
                sqlx::query(&format!("DROP INDEX views.{name}"))
                    .execute(&mut *tx)
                    .await?;
            } else if names.is_empty() {
                sqlx::query(&format!(
                    "CREATE INDEX views.{name} ON {CASE_VIEW} {columns}"
                ))
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    move_blind_index(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// The DDL of the blind index (table and index) as migration 0009 writes it, in schema
/// `views.`.
fn blind_index_ddl() -> Vec<String> {
    let table = format!("CREATE TABLE {BLIND_INDEX} ");
    let index = format!("CREATE INDEX {BLIND_INDEX}_");
    statements(PERSONAL_DATA_MIGRATION)
        .into_iter()
        .filter_map(|s| {
            if let Some(rest) = s.strip_prefix(&table) {
                Some(format!("CREATE TABLE views.{BLIND_INDEX} {rest}"))
            } else {
                s.strip_prefix(&index)
                    .map(|rest| format!("CREATE INDEX views.{BLIND_INDEX}_{rest}"))
            }
        })
        .collect()
}

/// The DDL of the blind index's newest entries as migration 0017 writes it, in schema
/// `views.`, created only when missing.
fn blind_index_recent_ddl() -> String {
    table_ddl_in(
        BLIND_INDEX_RECENT_MIGRATION,
        BLIND_INDEX_RECENT,
        &format!("CREATE TABLE IF NOT EXISTS views.{BLIND_INDEX_RECENT}"),
    )
}

/// On SQLite the blind index of petitioners lives in the views file: the case projection
/// derives it there (docs/privacy.md), under the views' own write lock instead of the log's.
/// Migration 0009 created it in the log's file; it is created in the views file when missing,
/// and a copy in the log's file (a store from before the move) is moved over and dropped.
/// A views file created anew starts its case view at checkpoint 0, and the runner adds every
/// entry again as it folds the log.
/// The table of its newest entries (migration 0017) is created beside it when missing.
async fn move_blind_index(tx: &mut sqlx::AnyConnection) -> Result<(), StoreError> {
    let present = |schema: &'static str| {
        format!(
            "SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = '{BLIND_INDEX}'"
        )
    };
    if sqlx::query(&present("views"))
        .fetch_optional(&mut *tx)
        .await?
        .is_none()
    {
        for ddl in blind_index_ddl() {
            sqlx::query(&ddl).execute(&mut *tx).await?;
        }
    }
    sqlx::query(&blind_index_recent_ddl())
        .execute(&mut *tx)
        .await?;
    if sqlx::query(&present("main"))
        .fetch_optional(&mut *tx)
        .await?
        .is_some()
    {
        sqlx::query(&format!(
            "INSERT INTO views.{BLIND_INDEX} (kind, digest, radicado) \
             SELECT kind, digest, radicado FROM main.{BLIND_INDEX} WHERE true \
             ON CONFLICT DO NOTHING"
        ))
        .execute(&mut *tx)
        .await?;
        sqlx::query(&format!("DROP TABLE main.{BLIND_INDEX}"))
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_case_view_table_is_read_from_its_migration() {
        let ddl = case_view_table_ddl("views.shadow");
        assert!(
            ddl.starts_with(
                "CREATE TABLE views.shadow ( radicado text PRIMARY KEY, year integer NOT NULL,"
            ),
            "{ddl}"
        );
        assert!(
            ddl.ends_with("state text NOT NULL, position bigint NOT NULL, report text )"),
            "{ddl}"
        );
        assert_eq!(ddl.matches(',').count(), 20, "21 columns: {ddl}");
    }

    #[test]
    fn the_case_view_storage_settings_are_read_from_their_migration() {
        let ddl = case_view_storage_ddl("case_view_rebuild");
        assert_eq!(ddl.len(), 1, "{ddl:?}");
        assert!(
            ddl[0].starts_with("ALTER TABLE case_view_rebuild SET (autovacuum_vacuum_scale_factor"),
            "{ddl:?}"
        );
    }

    #[test]
    fn the_blind_index_is_read_from_migration_0009() {
        assert_eq!(
            blind_index_ddl(),
            vec![
                "CREATE TABLE views.personal_data_index ( kind text NOT NULL CHECK (kind IN \
                 ('id_number', 'email')), digest text NOT NULL, radicado text NOT NULL, \
                 PRIMARY KEY (kind, digest, radicado) )"
                    .to_owned(),
                "CREATE INDEX views.personal_data_index_radicado ON personal_data_index \
                 (radicado)"
                    .to_owned(),
            ]
        );
    }

    #[test]
    fn the_blind_index_recent_entries_table_is_read_from_migration_0017() {
        assert_eq!(
            blind_index_recent_ddl(),
            "CREATE TABLE IF NOT EXISTS views.personal_data_index_recent ( kind text NOT \
             NULL CHECK (kind IN ('id_number', 'email')), digest text NOT NULL, radicado \
             text NOT NULL )"
        );
    }

    #[test]
    fn the_checkpoints_table_is_read_from_its_migration() {
        assert_eq!(
            table_ddl("projection_checkpoints", "CREATE TABLE x"),
            "CREATE TABLE x ( name text PRIMARY KEY, position bigint NOT NULL CHECK (position >= 0) )"
        );
    }

    #[test]
    fn the_case_view_indexes_are_read_from_migrations_0002_0004_0014_and_0016() {
        let ddl = case_view_index_ddl(Backend::Postgres, "", "shadow", "_r1");
        assert_eq!(ddl.len(), 11, "{ddl:#?}");
        assert!(ddl.iter().all(|d| !d.contains("report_cover")), "{ddl:#?}");
        let sqlite = case_view_index_ddl(Backend::Sqlite, "views.", "shadow", "_r1");
        assert_eq!(sqlite.len(), 13, "{sqlite:#?}");
        assert_eq!(
            sqlite[11],
            "CREATE INDEX views.case_view_report_cover_r1 ON shadow (radicado, position, report)"
        );
        assert_eq!(
            sqlite[12],
            "CREATE INDEX views.case_view_report_absent_r1 ON shadow (report) \
             WHERE report IS NULL"
        );
        let ddl = sqlite;
        assert_eq!(
            ddl[0],
            "CREATE INDEX views.case_view_open_due_r1 ON shadow (closed, due_date)"
        );
        assert_eq!(
            ddl[5],
            "CREATE INDEX views.case_view_overdue_r1 ON shadow (due_date, radicado) \
             WHERE closed = 0 AND suspended = 0"
        );
        assert_eq!(
            ddl[8],
            "CREATE INDEX views.case_view_status_received_r1 ON shadow \
             (status, received_at, radicado)"
        );
        assert_eq!(
            ddl[9],
            "CREATE INDEX views.case_view_open_page_r1 ON shadow (due_date, radicado) \
             WHERE closed = 0"
        );
        assert_eq!(
            ddl[10],
            "CREATE INDEX views.case_view_report_missing_r1 ON shadow (radicado) \
             WHERE report IS NULL"
        );
    }
}
