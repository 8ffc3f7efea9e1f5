//! UUIDv7 ids made on the device: time-ordered, so they sort by creation.

/// Formats a UUIDv7 from a Unix time in milliseconds and ten random bytes.
pub fn uuid_v7(unix_ms: u64, random: [u8; 10]) -> String {
    let mut bytes = [0u8; 16];
    bytes[..6].copy_from_slice(&unix_ms.to_be_bytes()[2..]);
    bytes[6..].copy_from_slice(&random);
    bytes[6] = 0x70 | (bytes[6] & 0x0f);
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
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
    fn malformed_ids_are_refused() {
        assert!(!is_uuid("round-1"));
        assert!(!is_uuid("0190c3a2-7b1c-7d3e-8f00-00000000000g"));
        assert!(!is_uuid(""));
    }
}
