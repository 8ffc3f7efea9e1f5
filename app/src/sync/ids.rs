//! UUIDv7 ids made on the device: time-ordered, so they sort by creation.

/// Formats a UUIDv7 from a Unix time in milliseconds and ten random bytes.
pub fn uuid_v7(unix_ms: u64, random: [u8; 10]) -> String {
    let mut bytes = [0u8; 16];
    bytes[..6].copy_from_slice(&unix_ms.to_be_bytes()[2..]);
    bytes[6..].copy_from_slice(&random);
    bytes[6] = 0x70 | (bytes[6] & 0x0f);
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
    format_uuid(&bytes)
}

/// The finding id of a checklist point in a room of a round: the same on
/// every device, so two phones answering the same point write to one
/// finding (and the server's conflict rules apply) instead of making two.
/// A name-based UUID (version 8) from two FNV-1a hashes of the parts.
pub fn point_finding_id(round_id: &str, room_id: Option<&str>, item_id: &str) -> String {
    let name = format!("{round_id}/{}/{item_id}", room_id.unwrap_or("-"));
    let hash = |seed: u64| {
        name.bytes().fold(seed, |h, byte| {
            (h ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&hash(0xcbf2_9ce4_8422_2325).to_be_bytes());
    bytes[8..].copy_from_slice(&hash(0x6c62_272e_07bb_0142).to_be_bytes());
    bytes[6] = 0x80 | (bytes[6] & 0x0f);
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
    format_uuid(&bytes)
}

fn format_uuid(bytes: &[u8; 16]) -> String {
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// Whether `value` looks like a UUID (any version), as ids from devices must.
pub fn is_uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    let lengths = [8, 4, 4, 4, 12];
    groups.len() == lengths.len()
        && groups.iter().zip(lengths).all(|(group, length)| {
            group.len() == length && group.chars().all(|c| c.is_ascii_hexdigit())
        })
}

/// The one form a device-made UUID is stored and compared in (lowercase),
/// so `0190C3A2-…` and `0190c3a2-…` name the same thing; other text is kept as it is.
pub fn canonical(value: &str) -> String {
    if is_uuid(value) {
        value.to_ascii_lowercase()
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v7_ids_carry_version_variant_and_time_order() {
        let early = uuid_v7(1_700_000_000_000, [0xff; 10]);
        let late = uuid_v7(1_700_000_000_001, [0x00; 10]);
        assert!(is_uuid(&early));
        assert_eq!(&early[14..15], "7");
        assert!(matches!(&early[19..20], "8" | "9" | "a" | "b"));
        assert!(early < late);
    }

    #[test]
    fn a_point_has_the_same_finding_id_on_every_device() {
        let id = point_finding_id("r1", Some("kitchen"), "item-4");
        assert!(is_uuid(&id));
        assert_eq!(&id[14..15], "8");
        assert_eq!(id, point_finding_id("r1", Some("kitchen"), "item-4"));
        assert_ne!(id, point_finding_id("r1", None, "item-4"));
        assert_ne!(id, point_finding_id("r1", Some("kitchen"), "item-5"));
        assert_ne!(id, point_finding_id("r2", Some("kitchen"), "item-4"));
    }

    #[test]
    fn an_uppercase_uuid_is_the_same_id_as_its_lowercase_form() {
        let id = "0190C3A2-7B1C-7D3E-8F00-00000000000A";
        assert_eq!(canonical(id), id.to_ascii_lowercase());
        assert_eq!(canonical("Nordby-Skole"), "Nordby-Skole");
    }

    #[test]
    fn malformed_ids_are_refused() {
        assert!(!is_uuid("round-1"));
        assert!(!is_uuid("0190c3a2-7b1c-7d3e-8f00-00000000000g"));
        assert!(!is_uuid(""));
    }
}
