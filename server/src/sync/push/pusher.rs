//! Who pushes, and what one attempt at a push has read and answered.

use std::collections::HashMap;

use app::domain::users::CurrentUser;
use app::sync::protocol::OperationResult;
use sqlx::AnyConnection;

use super::places::Places;
use crate::db::rounds::{self, RoundRow};

/// Who pushes, from which device, and what this attempt at the push has
/// read and answered (all dropped with a transaction that is rolled back).
pub struct Pusher<'a> {
    /// The logged-in user.
    pub user: &'a CurrentUser,
    /// The device id from the request.
    pub device_id: &'a str,
    /// The organisation and checklists as read in this push.
    pub places: Places,
    /// Rounds as read or left by this push. The push holds the lock every
    /// writer of rounds and findings takes first, so only its own
    /// operations change them, and each forgets a round before changing it.
    rounds: HashMap<String, RoundRow>,
    /// The results of operation ids answered before, by canonical id (an id
    /// sent twice in one push gets its first answer).
    pub answered: HashMap<String, OperationResult>,
    /// The answers given in this push, to be stored at its commit.
    pub new_answers: Vec<OperationResult>,
}

impl<'a> Pusher<'a> {
    /// A push of `user` from `device_id`, nothing read yet.
    pub fn new(user: &'a CurrentUser, device_id: &'a str) -> Pusher<'a> {
        Pusher {
            user,
            device_id,
            places: Places::default(),
            rounds: HashMap::new(),
            answered: HashMap::new(),
            new_answers: Vec::new(),
        }
    }

    /// The round, if it exists.
    pub async fn round(
        &mut self,
        conn: &mut AnyConnection,
        round_id: &str,
    ) -> sqlx::Result<Option<RoundRow>> {
        if let Some(round) = self.rounds.get(round_id) {
            return Ok(Some(round.clone()));
        }
        let round = rounds::by_id(conn, round_id).await?;
        if let Some(round) = &round {
            self.rounds.insert(round_id.to_owned(), round.clone());
        }
        Ok(round)
    }

    /// Forgets a round the push is about to change.
    pub fn forget_round(&mut self, round_id: &str) {
        self.rounds.remove(round_id);
    }

    /// Keeps `result` as the answer to `op_id`, and returns it.
    pub fn answer(&mut self, op_id: String, result: OperationResult) -> OperationResult {
        self.answered.insert(op_id, result.clone());
        self.new_answers.push(result.clone());
        result
    }
}
