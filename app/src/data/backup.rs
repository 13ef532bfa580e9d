//! Copies of the database: `server backup --to FILE` while the server runs, `server restore
//! --from FILE` while it is stopped, and a copy the server takes by itself before it applies a
//! migration (a migration that went wrong is then undone by restoring it).
//!
//! A copy is SQLite's `VACUUM INTO`: one consistent snapshot of the database, even while other
//! connections write (WAL), written to a new file; the copy is then opened and must pass
//! `PRAGMA integrity_check`.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection, SqlitePool};

use super::{DataError, Db};

/// What a checked copy holds: its schema version (the last migration applied to it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Copy {
    pub schema_version: i64,
}

/// The last migration this server knows.
pub fn known_schema_version() -> i64 {
    sqlx::migrate!("./migrations").iter().map(|m| m.version).max().unwrap_or(0)
}

/// Writes a consistent copy of `pool`'s database to `to` (which must not exist yet).
async fn vacuum_into(pool: &SqlitePool, to: &Path) -> Result<(), DataError> {
    if to.exists() {
        return Err(DataError::Refused(format!("{} existe déjà : choisissez un autre nom de fichier.", to.display())));
    }
    if let Some(folder) = to.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    let target = to.to_str().ok_or_else(|| DataError::Refused("Le chemin de la copie doit être en UTF-8.".into()))?;
    sqlx::query("VACUUM INTO ?1").bind(target).execute(pool).await?;
    Ok(())
}

/// Opens the copy `file` read-only and checks it: `PRAGMA integrity_check` must answer `ok`.
pub async fn check_copy(file: &Path) -> Result<Copy, DataError> {
    if !file.is_file() {
        return Err(DataError::Refused(format!("{} n'existe pas.", file.display())));
    }
    let options = SqliteConnectOptions::new().filename(file).read_only(true);
    let mut conn: SqliteConnection = options.connect().await.map_err(|e| refused_copy(file, e))?;
    let verdict: Vec<String> =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut conn).await.map_err(|e| refused_copy(file, e))?;
    if verdict != ["ok"] {
        return Err(DataError::Refused(format!(
            "{} est endommagé (PRAGMA integrity_check : {}).",
            file.display(),
            verdict.join(" ; ")
        )));
    }
    let version: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
        .fetch_one(&mut conn)
        .await
        .map_err(|_| DataError::Refused(format!("{} n'est pas une base de Carte Orientation 28.", file.display())))?;
    conn.close().await?;
    Ok(Copy { schema_version: version.unwrap_or(0) })
}

fn refused_copy(file: &Path, error: sqlx::Error) -> DataError {
    DataError::Refused(format!("{} n'est pas une base SQLite lisible : {error}", file.display()))
}

impl Db {
    /// `server backup --to FILE`: a consistent copy of the database, checked.
    pub async fn backup_to(&self, to: &Path) -> Result<Copy, DataError> {
        vacuum_into(&self.pool, to).await?;
        check_copy(to).await
    }
}

/// `server restore --from FILE` into the database `url` (the server stopped): refused when
/// `from` fails the check or comes from a newer server (its schema is unknown here). The copy
/// replaces the database file in one rename; the old one is kept beside it as `….avant-restauration`.
pub async fn restore(from: &Path, url: &str) -> Result<Copy, DataError> {
    let copy = check_copy(from).await?;
    let known = known_schema_version();
    if copy.schema_version > known {
        return Err(DataError::Refused(format!(
            "{} vient d'une version plus récente du serveur (schéma {} ; celui-ci connaît le schéma {known}) : \
             restaurez-la avec cette version-là.",
            from.display(),
            copy.schema_version
        )));
    }
    let target = SqliteConnectOptions::from_str(url)?.get_filename().to_path_buf();
    let staged = with_suffix(&target, ".restauration");
    let _ = std::fs::remove_file(&staged);
    // The copy is re-made (not copied byte for byte) so that a WAL file beside `from` is taken in.
    let source = SqlitePool::connect_with(SqliteConnectOptions::new().filename(from).read_only(true)).await?;
    vacuum_into(&source, &staged).await?;
    source.close().await;
    if target.exists() {
        let previous = with_suffix(&target, ".avant-restauration");
        let _ = std::fs::remove_file(&previous);
        std::fs::rename(&target, &previous)?;
    }
    // A WAL left by the replaced database would be replayed into the restored one.
    for stale in [with_suffix(&target, "-wal"), with_suffix(&target, "-shm")] {
        let _ = std::fs::remove_file(stale);
    }
    std::fs::rename(&staged, &target)?;
    Ok(copy)
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Before migrating a database that already holds data, copies it beside itself
/// (`FILE.avant-migration-N`, N the schema it had), so that a failed or unwanted migration can
/// be undone with `server restore`. Returns the copy's path when one was made.
pub(super) async fn copy_before_migrating(pool: &SqlitePool, file: &Path) -> Result<Option<PathBuf>, DataError> {
    let applied: Option<i64> =
        match sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1").fetch_one(pool).await {
            Ok(version) => version,
            // A new database: nothing to keep.
            Err(_) => return Ok(None),
        };
    let Some(applied) = applied else { return Ok(None) };
    if applied >= known_schema_version() {
        return Ok(None);
    }
    let copy = with_suffix(file, &format!(".avant-migration-{applied}"));
    if copy.exists() {
        // An earlier start took it, then the migration failed: that copy is the one to keep.
        return Ok(Some(copy));
    }
    vacuum_into(pool, &copy).await?;
    check_copy(&copy).await?;
    Ok(Some(copy))
}
