use super::*;
use axum::http::HeaderValue;

fn ip(text: &str) -> IpAddr {
    text.parse().expect("ip")
}

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(*name, HeaderValue::from_str(value).expect("value"));
    }
    map
}

fn ranges(list: &[&str]) -> Vec<IpRange> {
    list.iter()
        .map(|text| text.parse().expect("range"))
        .collect()
}

#[test]
fn forwarded_headers_from_an_untrusted_peer_are_ignored() {
    let sent = headers(&[("x-forwarded-for", "198.51.100.7")]);
    assert_eq!(
        client_address(ip("203.0.113.9"), &sent, &[]),
        ip("203.0.113.9")
    );
    let trusted = ranges(&["10.0.0.0/8"]);
    assert_eq!(
        client_address(ip("203.0.113.9"), &sent, &trusted),
        ip("203.0.113.9")
    );
}

#[test]
fn behind_a_trusted_proxy_the_right_most_untrusted_address_is_the_client() {
    let trusted = ranges(&["10.0.0.0/8", "192.168.1.5"]);
    // A client that forges an address on the left cannot choose its own.
    let sent = headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.7, 192.168.1.5")]);
    assert_eq!(
        client_address(ip("10.1.2.3"), &sent, &trusted),
        ip("198.51.100.7")
    );
    let sent = headers(&[(
        "forwarded",
        "for=1.2.3.4, for=\"[2001:db8::7]:4711\";proto=https",
    )]);
    assert_eq!(
        client_address(ip("10.1.2.3"), &sent, &trusted),
        ip("2001:db8::7")
    );
    let only_proxies = headers(&[("x-forwarded-for", "10.9.9.9")]);
    assert_eq!(
        client_address(ip("10.1.2.3"), &only_proxies, &trusted),
        ip("10.9.9.9")
    );
    assert_eq!(
        client_address(ip("10.1.2.3"), &HeaderMap::new(), &trusted),
        ip("10.1.2.3")
    );
}

#[test]
fn ranges_parse_addresses_and_cidr_and_refuse_the_rest() {
    let range: IpRange = "10.0.0.0/8".parse().expect("range");
    assert!(range.contains(ip("10.255.0.1")));
    assert!(!range.contains(ip("11.0.0.1")));
    assert!(range.contains(ip("::ffff:10.0.0.1")), "IPv4-mapped IPv6");
    let one: IpRange = "::1".parse().expect("range");
    assert!(one.contains(ip("::1")) && !one.contains(ip("::2")));
    let everything: IpRange = "0.0.0.0/0".parse().expect("range");
    assert!(everything.contains(ip("203.0.113.1")));
    assert!("10.0.0.0/33".parse::<IpRange>().is_err());
    assert!("proxy.local".parse::<IpRange>().is_err());
}
