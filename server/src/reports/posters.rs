//! Room posters: the QR code (an SVG made by the `qrcode` crate) and the
//! short address printed under it, and replacing a room's code.

use anyhow::Context;
use app::domain::access::{Action, UnitTree};
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::places::structure::PlaceKind;
use app::reports::{Poster, report_path};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use crate::auth::access;
use crate::db::history::{self, Change};
use crate::db::now_ms;
use crate::db::places::{self, NamedRoom};
use crate::db::structure;
use crate::errors::internal;
use crate::state::AppState;

/// Letters and digits that cannot be mistaken for each other when typed
/// from paper (no 0/o, 1/l/i).
const TOKEN_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
/// About 50 bits: guessing a room's code is hopeless under the rate limit,
/// and ten characters are still short enough to type.
const TOKEN_LEN: usize = 10;

/// A new QR token for a room.
pub fn new_room_token() -> String {
    // Bytes at or above the largest multiple of the alphabet's length are
    // skipped, so every character is equally likely.
    let bound = 256 - 256 % TOKEN_ALPHABET.len();
    let mut token = String::with_capacity(TOKEN_LEN);
    while token.len() < TOKEN_LEN {
        let mut bytes = [0_u8; 16];
        OsRng.fill_bytes(&mut bytes);
        for byte in bytes.into_iter().map(usize::from).filter(|&b| b < bound) {
            if token.len() < TOKEN_LEN {
                token.push(char::from(TOKEN_ALPHABET[byte % TOKEN_ALPHABET.len()]));
            }
        }
    }
    token
}

/// The room if `user` manages its unit (`NotFound` for an unknown room).
async fn managed_room(
    state: &AppState,
    user: &CurrentUser,
    room_id: &str,
) -> Result<NamedRoom, AppError> {
    let room = places::poster_room(state.db.pool(), room_id)
        .await
        .map_err(internal("load a room"))?
        .ok_or(AppError::NotFound)?;
    access::require(&state.db, user, Action::ManageOrganisation, &room.unit_id).await?;
    Ok(room)
}

/// A room's poster.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn poster(
    state: &AppState,
    user: &CurrentUser,
    room_id: &str,
) -> Result<Poster, AppError> {
    let room = managed_room(state, user, room_id).await?;
    poster_of(state, room)
}

/// Posters of every room of a unit and the units below it, for a sheet
/// of labels.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn label_sheet(
    state: &AppState,
    user: &CurrentUser,
    kind: PlaceKind,
    id: &str,
) -> Result<Vec<Poster>, AppError> {
    let pool = state.db.pool();
    // A building's rooms are all in its owner's subtree (a room's building
    // belongs to the room's unit or a unit above it), so the owner's admin
    // may print them all.
    let owner = match kind {
        PlaceKind::Unit => id.to_owned(),
        PlaceKind::Building => {
            structure::place(pool, kind, id)
                .await
                .map_err(internal("load a building"))?
                .ok_or(AppError::NotFound)?
                .owner_unit
        }
        PlaceKind::Area | PlaceKind::Room => {
            return Err(AppError::Malformed(
                "labels are made per unit or building".into(),
            ));
        }
    };
    access::require(&state.db, user, Action::ManageOrganisation, &owner).await?;
    let units = crate::db::units::all(pool)
        .await
        .map_err(internal("load units"))?;
    let tree = UnitTree::new(units.into_iter().map(|unit| (unit.id, unit.parent_id)));
    let rooms = places::all_poster_rooms(pool)
        .await
        .map_err(internal("load rooms"))?;
    rooms
        .into_iter()
        .filter(|room| match kind {
            PlaceKind::Building => room.building_id == id,
            _ => tree.chain(&room.unit_id).iter().any(|unit| unit == id),
        })
        .map(|room| poster_of(state, room))
        .collect()
}

fn poster_of(state: &AppState, room: NamedRoom) -> Result<Poster, AppError> {
    let url = format!("{}{}", state.public_url, report_path(&room.qr_token));
    let qr_svg = qr_svg(&url).map_err(internal("draw a QR code"))?;
    Ok(Poster {
        room_id: room.id,
        room: room.name,
        floor: room.floor,
        building: room.building,
        unit: room.unit_name,
        url,
        qr_svg,
    })
}

/// The QR code of `url` as an SVG document (black on white, with the
/// quiet zone scanners need). Medium error correction survives a scuffed
/// or partly covered poster.
pub fn qr_svg(url: &str) -> anyhow::Result<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .context("the address does not fit in a QR code")?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(256, 256)
        .quiet_zone(true)
        .build())
}

/// Gives the room a new code; the old one is kept as retired.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn regenerate(
    state: &AppState,
    user: &CurrentUser,
    room_id: &str,
) -> Result<(), AppError> {
    let room = managed_room(state, user, room_id).await?;
    let new_token = new_room_token();
    let now = now_ms();
    let write = async {
        let mut tx = state.db.begin_write().await.context("begin")?;
        places::replace_qr_token(&mut tx, &room.id, (&room.qr_token, &new_token), now)
            .await
            .context("replace the code")?;
        let change = Change {
            entity_kind: "room",
            entity_id: &room.id,
            unit_id: Some(&room.unit_id),
            action: "qr_regenerated",
            actor_user_id: Some(&user.id),
            data: serde_json::json!({}),
        };
        history::append(&mut tx, &change, now)
            .await
            .context("record history")?;
        tx.commit().await.context("commit")?;
        anyhow::Ok(())
    };
    write
        .await
        .map_err(|error| internal("regenerate a room's code")(format!("{error:#}")))?;
    tracing::info!(room_id = %room.id, "room's QR code replaced");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_tokens_are_short_and_unambiguous() {
        let token = new_room_token();
        assert_eq!(token.len(), TOKEN_LEN);
        assert!(token.bytes().all(|b| TOKEN_ALPHABET.contains(&b)));
        assert_ne!(token, new_room_token());
    }

    #[test]
    fn the_code_is_an_svg_document() {
        let svg = qr_svg("https://vern.example.no/r/k7q2m9xwab").expect("svg");
        assert!(svg.starts_with("<?xml") && svg.contains("<svg"), "{svg}");
    }
}
