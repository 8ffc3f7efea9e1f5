//! The address of the person behind a request. Behind a reverse proxy (the
//! normal way to serve Vern over https) every connection comes from the
//! proxy, so the login limit per address would become one limit for
//! everybody. The proxy says who its client was in `X-Forwarded-For` or
//! `Forwarded`, but anyone can send those headers: they are believed only
//! from the proxies named in the `trusted_proxies` setting, and read from
//! the right, where the trusted proxies appended what they saw, to the
//! first address that is not itself a trusted proxy.

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use app::backend::ClientAddress;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

/// An address or a CIDR range (`10.0.0.1`, `10.0.0.0/8`, `fd00::/8`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpRange {
    network: IpAddr,
    prefix: u8,
}

impl IpRange {
    /// Whether `address` lies in the range (IPv4-mapped IPv6 counts as IPv4).
    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.network, address.to_canonical()) {
            (IpAddr::V4(network), IpAddr::V4(address)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(network) & mask == u32::from(address) & mask
            }
            (IpAddr::V6(network), IpAddr::V6(address)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(network) & mask == u128::from(address) & mask
            }
            _ => false,
        }
    }
}

impl FromStr for IpRange {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (address, prefix) = text.trim().split_once('/').unwrap_or((text.trim(), ""));
        let network: IpAddr = address
            .parse()
            .map_err(|_| format!("`{text}` is not an IP address or CIDR range"))?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            "" => max,
            bits => bits
                .parse::<u8>()
                .ok()
                .filter(|bits| *bits <= max)
                .ok_or_else(|| format!("`{text}` has a prefix length outside 0–{max}"))?,
        };
        Ok(IpRange { network, prefix })
    }
}

/// The client's address: the peer's, or (when the peer is a trusted proxy)
/// the right-most forwarded address that is not a trusted proxy.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpRange]) -> IpAddr {
    let is_trusted = |address: IpAddr| trusted.iter().any(|range| range.contains(address));
    if !is_trusted(peer) {
        return peer.to_canonical();
    }
    let mut chain = forwarded_for(headers);
    chain.reverse();
    chain
        .iter()
        .copied()
        .find(|address| !is_trusted(*address))
        .or_else(|| chain.last().copied())
        .unwrap_or(peer)
        .to_canonical()
}

/// The addresses in `Forwarded: for=…` (RFC 7239), or else in
/// `X-Forwarded-For`, left to right. Unreadable entries (`unknown`,
/// obfuscated names) are skipped.
fn forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    let values = |name: &str| -> Vec<String> {
        headers
            .get_all(name)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(|part| part.trim().to_owned())
            .collect()
    };
    let forwarded: Vec<IpAddr> = values("forwarded")
        .iter()
        .flat_map(|element| element.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, _)| name.eq_ignore_ascii_case("for"))
        .filter_map(|(_, value)| parse_node(value))
        .collect();
    if !forwarded.is_empty() {
        return forwarded;
    }
    values("x-forwarded-for")
        .iter()
        .filter_map(|value| parse_node(value))
        .collect()
}

/// `192.0.2.1`, `"[2001:db8::1]:4711"`, `192.0.2.1:80` → the address.
fn parse_node(value: &str) -> Option<IpAddr> {
    let value = value.trim().trim_matches('"');
    if let Ok(address) = value.parse::<IpAddr>() {
        return Some(address);
    }
    if let Ok(socket) = value.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    let bracketed = value.strip_prefix('[')?.split(']').next()?;
    bracketed.parse().ok()
}

/// Middleware: puts the [`ClientAddress`] of each request into its extensions.
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    if let Some(peer) = peer {
        let address = client_address(peer, request.headers(), &state.trusted_proxies);
        request.extensions_mut().insert(ClientAddress(address));
    }
    next.run(request).await
}

#[cfg(test)]
#[path = "client_address_tests.rs"]
mod tests;
