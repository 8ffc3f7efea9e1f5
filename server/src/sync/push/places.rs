//! What a push reads of the organisation and the checklists, read once per
//! push: a round's hundred findings ask the same access question of the same
//! unit, of the same rooms and the same checklist version. These change by
//! hand in the admin pages, not under a push, and a published checklist
//! version never changes.

use std::collections::{HashMap, HashSet};

use app::domain::access::Action;
use app::domain::users::CurrentUser;
use sqlx::AnyConnection;

use crate::auth::access;
use crate::db::{findings, units};
use crate::sync::outcome::ApplyError;

/// A room's unit and verneområde.
pub type RoomPlace = (String, Option<String>);

/// What this push has read.
#[derive(Default)]
pub struct Places {
    /// Ancestry chains (the unit first) by unit id.
    chains: HashMap<String, Vec<String>>,
    /// Rooms' places by room id (`None`: no such room).
    rooms: HashMap<String, Option<RoomPlace>>,
    /// `(point, version)` pairs found in the checklist.
    points: HashSet<(String, String)>,
}

impl Places {
    /// The unit and its ancestors; empty if it does not exist.
    pub async fn of(&mut self, conn: &mut AnyConnection, unit_id: &str) -> sqlx::Result<&[String]> {
        if !self.chains.contains_key(unit_id) {
            let chain = units::chain(&mut *conn, unit_id).await?;
            self.chains.insert(unit_id.to_owned(), chain);
        }
        Ok(self.chains.get(unit_id).map_or(&[], Vec::as_slice))
    }

    /// The unit and verneområde of a room, if it exists.
    pub async fn room(
        &mut self,
        conn: &mut AnyConnection,
        room_id: &str,
    ) -> sqlx::Result<Option<&RoomPlace>> {
        if !self.rooms.contains_key(room_id) {
            let place = findings::room_place(conn, room_id).await?;
            self.rooms.insert(room_id.to_owned(), place);
        }
        Ok(self.rooms.get(room_id).and_then(Option::as_ref))
    }

    /// Whether the point is in the checklist version.
    pub async fn point_in_version(
        &mut self,
        conn: &mut AnyConnection,
        item_id: &str,
        version_id: &str,
    ) -> sqlx::Result<bool> {
        let key = (item_id.to_owned(), version_id.to_owned());
        if self.points.contains(&key) {
            return Ok(true);
        }
        let found = findings::item_in_version(conn, item_id, version_id).await?;
        if found {
            self.points.insert(key);
        }
        Ok(found)
    }

    /// Succeeds when `user` may do `action` on `unit_id` (the one check of
    /// [`access::require`], over the chain read once); an unknown unit is
    /// refused as not found.
    pub async fn require(
        &mut self,
        conn: &mut AnyConnection,
        user: &CurrentUser,
        action: Action,
        unit_id: &str,
    ) -> Result<(), ApplyError> {
        let chain = self.of(conn, unit_id).await?;
        access::decide(user, action, chain).map_err(ApplyError::from)
    }
}
