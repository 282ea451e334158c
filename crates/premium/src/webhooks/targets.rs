// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Where webhooks may go. Unless the operator allows private targets
//! (`webhooks_allow_private_targets`, for intranets and for development), an endpoint must be
//! on the public internet: an address that is loopback, private, link-local, shared (CGNAT),
//! reserved, multicast, for documentation… is refused, written as such in the URL when the
//! endpoint is registered, and among the addresses its name resolves to at each delivery.
//!
//! The delivery check lives in the HTTP client's resolver ([`PublicOnly`]): the addresses it
//! checks are the very ones the client connects to, so a name that answers a public address
//! to a check and a private one to the connection (DNS rebinding) cannot slip through.
//! Decision 0022.
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Why `ip` is not an address on the public internet, or `None` when it is.
pub fn non_public(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => non_public_v4(v4),
        IpAddr::V6(v6) => non_public_v6(v6),
    }
}

fn non_public_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, d] = ip.octets();
    Some(match (a, b, c, d) {
        (0, ..) => "unspecified",
        (10, ..) | (172, 16..=31, ..) | (192, 168, ..) => "private",
        (100, 64..=127, ..) => "shared",
        (127, ..) => "loopback",
        (169, 254, ..) => "link-local",
        (192, 0, 0, _) | (192, 88, 99, _) => "reserved",
        (192, 0, 2, _) | (198, 51, 100, _) | (203, 0, 113, _) => "documentation",
        (198, 18..=19, ..) => "benchmarking",
        (224..=239, ..) => "multicast",
        (255, 255, 255, 255) => "broadcast",
        (240..=255, ..) => "reserved",
        _ => return None,
    })
}

fn non_public_v6(ip: Ipv6Addr) -> Option<&'static str> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return non_public_v4(v4);
    }
    let s = ip.segments();
    let embedded = |high: u16, low: u16| Ipv4Addr::from((u32::from(high) << 16) | u32::from(low));
    Some(match s {
        _ if ip.is_unspecified() => "unspecified",
        _ if ip.is_loopback() => "loopback",
        // NAT64 (RFC 6052): the IPv4 address it stands for decides.
        [0x64, 0xff9b, 0, 0, 0, 0, high, low] => return non_public_v4(embedded(high, low)),
        // 6to4: likewise.
        [0x2002, high, low, ..] => return non_public_v4(embedded(high, low)),
        [0x2001, 0x0db8, ..] => "documentation",
        [0x3fff, second, ..] if second < 0x1000 => "documentation",
        [0x2001, second, ..] if second < 0x0200 => "reserved",
        [first, ..] if first & 0xfe00 == 0xfc00 => "unique-local",
        [first, ..] if first & 0xffc0 == 0xfe80 => "link-local",
        [first, ..] if first & 0xff00 == 0xff00 => "multicast",
        // Only 2000::/3 is handed out for global unicast.
        [first, ..] if first & 0xe000 != 0x2000 => "reserved",
        _ => return None,
    })
}

/// A refused target: the name as written, the address and why it is not public.
#[derive(Debug)]
pub struct Refused {
    pub host: String,
    pub ip: IpAddr,
    pub kind: &'static str,
}

/// What a refused delivery's log starts with (the page shows it translated).
pub const REFUSED: &str = "not a public address: ";

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.host == self.ip.to_string() {
            write!(f, "{REFUSED}{} ({})", self.ip, self.kind)
        } else {
            write!(f, "{REFUSED}{} → {} ({})", self.host, self.ip, self.kind)
        }
    }
}

impl std::error::Error for Refused {}

/// The address written in `url` when its host is one, else `None`. The URL parser has already
/// turned other spellings of an IPv4 address (`2130706433`, `0x7f.1`) into the dotted one.
pub fn literal(url: &Url) -> Option<IpAddr> {
    let host = url.host_str()?;
    host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host).parse().ok()
}

/// The refusal of `url` when its host is an address that is not public.
pub fn refused_literal(url: &Url) -> Option<Refused> {
    let ip = literal(url)?;
    non_public(ip).map(|kind| Refused { host: ip.to_string(), ip, kind })
}

/// Resolves names with the system's resolver and refuses a name when any of its addresses is
/// not public (one bad address is enough: the client might pick it).
#[derive(Debug, Default)]
pub struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if let Some(kind_of) = found.iter().find_map(|a| non_public(a.ip()).map(|kind| (a.ip(), kind))) {
                let (ip, kind) = kind_of;
                return Err(Box::new(Refused { host, ip, kind }) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(found.into_iter()) as Addrs)
        })
    }
}

/// The refusal in an error's chain of causes, if the resolver refused.
pub fn refusal<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a Refused> {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if let Some(refused) = e.downcast_ref::<Refused>() {
            return Some(refused);
        }
        cause = e.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_pass() {
        let kind = |text: &str| non_public(text.parse().unwrap_or_else(|e| panic!("{text}: {e}")));
        for (address, expected) in [
            ("127.0.0.1", "loopback"),
            ("127.255.0.9", "loopback"),
            ("10.0.0.1", "private"),
            ("172.16.0.1", "private"),
            ("172.31.255.255", "private"),
            ("192.168.1.1", "private"),
            ("169.254.169.254", "link-local"),
            ("100.64.0.1", "shared"),
            ("100.127.255.254", "shared"),
            ("0.0.0.0", "unspecified"),
            ("0.1.2.3", "unspecified"),
            ("224.0.0.1", "multicast"),
            ("255.255.255.255", "broadcast"),
            ("240.0.0.1", "reserved"),
            ("192.0.2.10", "documentation"),
            ("198.51.100.10", "documentation"),
            ("203.0.113.10", "documentation"),
            ("198.18.0.1", "benchmarking"),
            ("::1", "loopback"),
            ("::", "unspecified"),
            ("fe80::1", "link-local"),
            ("fc00::1", "unique-local"),
            ("fd12:3456::1", "unique-local"),
            ("ff02::1", "multicast"),
            ("2001:db8::1", "documentation"),
            ("::ffff:127.0.0.1", "loopback"),
            ("::ffff:10.1.2.3", "private"),
            ("::ffff:169.254.169.254", "link-local"),
            ("64:ff9b::a00:1", "private"),
            ("2002:7f00:1::", "loopback"),
            ("::127.0.0.1", "reserved"),
            ("fec0::1", "reserved"),
        ] {
            assert_eq!(kind(address), Some(expected), "{address}");
        }
        for public in [
            "8.8.8.8",
            "1.1.1.1",
            "172.32.0.1",
            "100.128.0.1",
            "2a00:1450:4001::1",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            assert_eq!(kind(public), None, "{public}");
        }
    }

    #[test]
    fn written_addresses_are_read_as_the_client_reads_them() {
        let refused = |url: &str| refused_literal(&Url::parse(url).unwrap_or_else(|e| panic!("{e}"))).map(|r| r.kind);
        assert_eq!(refused("https://10.0.0.1/hook"), Some("private"));
        assert_eq!(refused("https://[::1]:8443/hook"), Some("loopback"));
        // Other spellings of 127.0.0.1 that URL parsers accept.
        assert_eq!(refused("https://2130706433/hook"), Some("loopback"));
        assert_eq!(refused("https://0x7f.1/hook"), Some("loopback"));
        assert_eq!(refused("https://[::ffff:7f00:1]/hook"), Some("loopback"));
        assert_eq!(refused("https://crm.example.org/hook"), None, "names are checked when delivering");
        assert_eq!(refused("https://8.8.8.8/hook"), None);
    }

    #[tokio::test]
    async fn the_resolver_refuses_a_name_of_this_machine() {
        let client = reqwest::Client::builder()
            .dns_resolver(std::sync::Arc::new(PublicOnly))
            .no_proxy()
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        let error = client.get("http://localhost:9/").send().await.err().unwrap_or_else(|| panic!("sent"));
        let refused = refusal(&error).unwrap_or_else(|| panic!("not refused: {error:?}"));
        assert_eq!((refused.host.as_str(), refused.kind), ("localhost", "loopback"));
        assert!(refused.to_string().starts_with("not a public address: localhost → "), "{refused}");
    }
}
