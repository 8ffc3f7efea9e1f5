//! The demo municipality: sectors, units, departments, verneområder,
//! two buildings and their rooms.

use std::collections::HashMap;

use app::domain::units::UnitKind;
use sqlx::AnyConnection;

use crate::db::places::{self, NewRoom};
use crate::db::{new_id, units};

/// The demo municipality's name.
pub const KOMMUNE: &str = "Fjordvik kommune";

/// (name, kind, parent name)
const UNITS: [(&str, UnitKind, Option<&str>); 13] = [
    (KOMMUNE, UnitKind::Kommune, None),
    ("Oppvekst", UnitKind::Sektor, Some(KOMMUNE)),
    ("Helse og omsorg", UnitKind::Sektor, Some(KOMMUNE)),
    ("Nordby skole", UnitKind::Enhet, Some("Oppvekst")),
    ("Solsikken barnehage", UnitKind::Enhet, Some("Oppvekst")),
    (
        "Fjordvik sykehjem",
        UnitKind::Enhet,
        Some("Helse og omsorg"),
    ),
    ("Hjemmetjenesten", UnitKind::Enhet, Some("Helse og omsorg")),
    ("Barnetrinnet", UnitKind::Avdeling, Some("Nordby skole")),
    ("SFO", UnitKind::Avdeling, Some("Nordby skole")),
    (
        "Småbarnsavdelingen",
        UnitKind::Avdeling,
        Some("Solsikken barnehage"),
    ),
    (
        "Langtidsavdelingen",
        UnitKind::Avdeling,
        Some("Fjordvik sykehjem"),
    ),
    (
        "Korttidsavdelingen",
        UnitKind::Avdeling,
        Some("Fjordvik sykehjem"),
    ),
    (
        "Hjemmesykepleien sone nord",
        UnitKind::Avdeling,
        Some("Hjemmetjenesten"),
    ),
];

/// (area name, unit name)
const AREAS: [(&str, &str); 4] = [
    ("Nordby skole", "Nordby skole"),
    ("Solsikken barnehage", "Solsikken barnehage"),
    ("Sykehjemmet", "Fjordvik sykehjem"),
    ("Hjemmetjenesten", "Hjemmetjenesten"),
];

/// (building, address, owning unit, rooms as (name, floor, unit, area))
type RoomSpec = (&'static str, &'static str, &'static str, &'static str);
const SCHOOL_ROOMS: [RoomSpec; 10] = [
    ("Klasserom 1A", "1", "Barnetrinnet", "Nordby skole"),
    ("Klasserom 2A", "1", "Barnetrinnet", "Nordby skole"),
    ("Klasserom 3B", "2", "Barnetrinnet", "Nordby skole"),
    ("Naturfagrom", "2", "Nordby skole", "Nordby skole"),
    ("Gymsal", "1", "Nordby skole", "Nordby skole"),
    (
        "Kjøkken (mat og helse)",
        "1",
        "Nordby skole",
        "Nordby skole",
    ),
    ("Personalrom", "2", "Nordby skole", "Nordby skole"),
    ("SFO-base", "1", "SFO", "Nordby skole"),
    ("Fyrrom (kjeller)", "U", "Nordby skole", "Nordby skole"),
    ("Vaktmesterverksted", "U", "Nordby skole", "Nordby skole"),
];
const HEALTH_ROOMS: [RoomSpec; 10] = [
    (
        "Avdeling A, vaktrom",
        "1",
        "Langtidsavdelingen",
        "Sykehjemmet",
    ),
    (
        "Avdeling A, skyllerom",
        "1",
        "Langtidsavdelingen",
        "Sykehjemmet",
    ),
    ("Avdeling A, stue", "1", "Langtidsavdelingen", "Sykehjemmet"),
    (
        "Korttid, medisinrom",
        "2",
        "Korttidsavdelingen",
        "Sykehjemmet",
    ),
    (
        "Korttid, pasientrom 12",
        "2",
        "Korttidsavdelingen",
        "Sykehjemmet",
    ),
    ("Storkjøkken", "U", "Fjordvik sykehjem", "Sykehjemmet"),
    ("Vaskeri", "U", "Fjordvik sykehjem", "Sykehjemmet"),
    (
        "Hjemmetjenesten, kontor",
        "1",
        "Hjemmetjenesten",
        "Hjemmetjenesten",
    ),
    (
        "Hjemmetjenesten, garderobe",
        "1",
        "Hjemmetjenesten",
        "Hjemmetjenesten",
    ),
    (
        "Hjemmetjenesten, lager",
        "U",
        "Hjemmesykepleien sone nord",
        "Hjemmetjenesten",
    ),
];

/// Inserts the demo organisation; returns unit ids by name.
pub async fn insert(
    conn: &mut AnyConnection,
    now: i64,
) -> sqlx::Result<HashMap<&'static str, String>> {
    let mut unit_ids: HashMap<&'static str, String> = HashMap::new();
    for (name, kind, parent) in UNITS {
        let id = new_id();
        let parent_id = parent
            .and_then(|parent| unit_ids.get(parent))
            .map(String::as_str);
        units::insert(&mut *conn, &id, parent_id, kind, name, now).await?;
        unit_ids.insert(name, id);
    }
    let mut area_ids: HashMap<&'static str, String> = HashMap::new();
    for (area, unit) in AREAS {
        let id = new_id();
        places::insert_area(&mut *conn, &id, &unit_ids[unit], area, now).await?;
        area_ids.insert(area, id);
    }
    let buildings = [
        (
            "Nordby skole, hovedbygg",
            "Skoleveien 4",
            "Nordby skole",
            &SCHOOL_ROOMS,
        ),
        (
            "Fjordvik helsehus",
            "Strandgata 20",
            "Fjordvik sykehjem",
            &HEALTH_ROOMS,
        ),
    ];
    for (building, address, owner, rooms) in buildings {
        let building_id = new_id();
        places::insert_building(
            &mut *conn,
            &building_id,
            &unit_ids[owner],
            building,
            address,
            now,
        )
        .await?;
        for (name, floor, unit, area) in rooms.iter() {
            let id = new_id();
            let qr_token = crate::reports::posters::new_room_token();
            let room = NewRoom {
                id: &id,
                building_id: &building_id,
                unit_id: &unit_ids[unit],
                area_id: Some(&area_ids[area]),
                name,
                floor,
                qr_token: &qr_token,
            };
            places::insert_room(&mut *conn, &room, now).await?;
        }
    }
    Ok(unit_ids)
}
