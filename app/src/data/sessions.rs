//! The store of signed-in sessions (tower-sessions' SQLite store, in the same database).
//! Sessions are stored under the SHA-256 of their id, never the id itself: the id is what the
//! browser's cookie holds, so a leaked copy of the database (a backup, a stolen disk) must not
//! let anyone sign in as the people whose sessions it lists. Each lookup hashes the cookie's id
//! and reads the row of that hash; the record handed back carries the cookie's id again.

use async_trait::async_trait;
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::SqliteStore;

/// The SQLite session store, keyed by hashed ids.
#[derive(Clone, Debug)]
pub struct HashedSessionStore(SqliteStore);

impl HashedSessionStore {
    pub fn new(store: SqliteStore) -> HashedSessionStore {
        HashedSessionStore(store)
    }
}

/// The key a session `id` is stored under: the first 128 bits of its SHA-256.
fn stored_id(id: Id) -> Id {
    let digest = Sha256::digest(id.0.to_le_bytes());
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    Id(i128::from_le_bytes(first))
}

fn stored(record: &Record) -> Record {
    Record { id: stored_id(record.id), ..record.clone() }
}

#[async_trait]
impl SessionStore for HashedSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A new id whose hash is already taken (never seen, but cheap to rule out) is drawn again.
        while self.0.load(&stored_id(record.id)).await?.is_some() {
            record.id = Id::default();
        }
        self.0.save(&stored(record)).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.0.save(&stored(record)).await
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        Ok(self.0.load(&stored_id(*id)).await?.map(|record| Record { id: *id, ..record }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.0.delete(&stored_id(*id)).await
    }
}

#[async_trait]
impl ExpiredDeletion for HashedSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        self.0.delete_expired().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_key_is_not_the_cookie_id_and_is_stable() {
        let id = Id(0x1234_5678_9abc_def0_1234_5678_9abc_def0);
        assert_ne!(stored_id(id), id);
        assert_eq!(stored_id(id), stored_id(id));
        assert_ne!(stored_id(id), stored_id(Id(id.0 + 1)));
    }
}
