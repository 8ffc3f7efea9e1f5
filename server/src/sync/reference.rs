//! `GET /api/v1/sync/reference`: the units, areas, rooms and checklist a
//! device keeps for walking rounds offline.

use std::collections::HashSet;

use app::backend::Authenticated;
use app::domain::access::Action;
use app::error::AppError;
use app::sync::reference::{
    AreaRef, ChecklistRef, ItemRef, ReferenceData, RoomRef, SectionRef, UnitRef,
};
use axum::extract::State;
use axum::{Extension, Json};

use crate::db::{reference, units};
use crate::errors::{ApiError, internal};
use crate::services::scope::units_in_scope;
use crate::state::AppState;

/// Reference data for the units where the user may walk rounds; 403 when
/// there are none.
#[utoipa::path(
    get,
    path = "/api/v1/sync/reference",
    responses(
        (status = 200, description = "Units, areas with rooms, the current checklist", body = ReferenceData),
        (status = 401, description = "Not logged in"),
        (status = 403, description = "No role that walks rounds"),
    ),
    tag = "sync"
)]
#[tracing::instrument(skip_all)]
pub async fn reference(
    State(state): State<AppState>,
    auth: Option<Extension<Authenticated>>,
) -> Result<Json<ReferenceData>, ApiError> {
    let Extension(auth) = auth.ok_or(AppError::Unauthenticated)?;
    let pool = state.db.pool();
    let rows = units::all(pool).await.map_err(internal("load units"))?;
    let units: Vec<UnitRef> = units_in_scope(&rows, &auth.user, Action::WalkRound)
        .into_iter()
        .map(|unit| UnitRef {
            id: unit.id,
            name: unit.name,
        })
        .collect();
    if units.is_empty() {
        return Err(AppError::Forbidden.into());
    }
    let unit_ids: HashSet<&str> = units.iter().map(|unit| unit.id.as_str()).collect();
    let rooms = reference::area_rooms(pool)
        .await
        .map_err(internal("load rooms"))?;
    let areas = reference::areas(pool)
        .await
        .map_err(internal("load areas"))?
        .into_iter()
        .filter(|(_, unit_id, _)| unit_ids.contains(unit_id.as_str()))
        .map(|(id, unit_id, name)| AreaRef {
            rooms: rooms
                .iter()
                .filter(|room| room.verneomrade_id == id)
                .map(|room| RoomRef {
                    id: room.id.clone(),
                    name: room.name.clone(),
                    floor: room.floor.clone(),
                    building: room.building.clone(),
                    qr_token: room.qr_token.clone(),
                })
                .collect(),
            id,
            unit_id,
            name,
        })
        .collect();
    let checklist = load_checklist(&state).await?;
    Ok(Json(ReferenceData {
        user_id: auth.user.id.clone(),
        user_name: auth.user.display_name.clone(),
        units,
        areas,
        checklist,
    }))
}

async fn load_checklist(state: &AppState) -> Result<Option<ChecklistRef>, AppError> {
    let pool = state.db.pool();
    let Some((version_id, name, version)) = reference::current_checklist(pool)
        .await
        .map_err(internal("load the checklist"))?
    else {
        return Ok(None);
    };
    let items = reference::checklist_items(pool, &version_id)
        .await
        .map_err(internal("load checklist points"))?;
    let mut sections: Vec<SectionRef> = Vec::new();
    for item in items {
        if sections
            .last()
            .is_none_or(|section| section.id != item.section_id)
        {
            sections.push(SectionRef {
                id: item.section_id.clone(),
                title: item.section_title.clone(),
                items: Vec::new(),
            });
        }
        if let Some(section) = sections.last_mut() {
            section.items.push(ItemRef {
                id: item.id,
                text: item.text,
                guidance: item.guidance,
                legal_ref: item.legal_ref,
            });
        }
    }
    Ok(Some(ChecklistRef {
        version_id,
        name,
        version,
        sections,
    }))
}
