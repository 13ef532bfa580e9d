//! Who a request comes from. Behind a reverse proxy every socket peer is the proxy: limits keyed
//! by it would put every visitor in one bucket, so one person could block sign-in or suggestions
//! for everyone. `TRUSTED_PROXIES` names the proxies; only a request whose socket peer is one of
//! them has its client read from `X-Forwarded-For`, right to left, skipping trusted hops (the
//! left part of that header is whatever the client wrote, and proves nothing).

use std::net::{IpAddr, SocketAddr};

use app::ssr::ClientAddress;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

/// The reverse proxies whose `X-Forwarded-For` is believed: `TRUSTED_PROXIES`, addresses or
/// CIDRs separated by commas (e.g. `127.0.0.1, 10.0.0.0/8, ::1`). Empty by default: the socket
/// peer is the client.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses `TRUSTED_PROXIES`; the error names the entry that is neither an address nor a CIDR.
    pub fn parse(value: &str) -> Result<TrustedProxies, String> {
        value
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("{entry:?} is neither an IP address nor a CIDR (e.g. 10.0.0.0/8)"))
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client of a request from socket peer `peer` carrying these `X-Forwarded-For` values.
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        let mut client = canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        // Several headers count as one list, in order.
        let hops = forwarded_for.iter().flat_map(|value| value.split(',')).map(str::trim).collect::<Vec<_>>();
        for hop in hops.into_iter().rev() {
            // An entry we cannot read ends the chain: the last hop we could read stands.
            let Some(ip) = parse_hop(hop) else { break };
            client = canonical(ip);
            if !self.trusts(client) {
                break;
            }
        }
        client
    }
}

/// An `X-Forwarded-For` entry: an address, with or without a port (`192.0.2.1:4711`,
/// `[2001:db8::1]:4711`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>().ok().or_else(|| hop.parse::<SocketAddr>().ok().map(|socket| socket.ip()))
}

/// An IPv4 client reaching an IPv6 socket shows as `::ffff:a.b.c.d`: it is that IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        IpAddr::V4(_) => ip,
    }
}

/// Puts the request's [`ClientAddress`] in its extensions, for the limits and the server
/// functions. Without a socket address (tests that call the router directly) there is none.
pub async fn resolve(
    State(proxies): State<std::sync::Arc<TrustedProxies>>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>().copied() {
        let forwarded_for: Vec<&str> =
            request.headers().get_all("x-forwarded-for").iter().filter_map(|value| value.to_str().ok()).collect();
        let client = proxies.client(peer.ip(), &forwarded_for);
        request.extensions_mut().insert(ClientAddress(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_socket_peer_is_the_client_whatever_it_says() {
        let none = TrustedProxies::default();
        assert_eq!(none.client(ip("203.0.113.9"), &["198.51.100.1"]), ip("203.0.113.9"));
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        // The client wrote a fake first entry; the proxy appended the real address.
        assert_eq!(proxies.client(ip("127.0.0.1"), &["6.6.6.6, 203.0.113.9"]), ip("203.0.113.9"));
        // Two proxies in a row, the second one trusted too.
        assert_eq!(proxies.client(ip("127.0.0.1"), &["203.0.113.9", "10.1.2.3"]), ip("203.0.113.9"));
        // Ports and IPv4-mapped IPv6 are read as the address they carry.
        assert_eq!(proxies.client(ip("::ffff:127.0.0.1"), &["203.0.113.9:4711"]), ip("203.0.113.9"));
        assert_eq!(proxies.client(ip("127.0.0.1"), &["[2001:db8::7]:443"]), ip("2001:db8::7"));
        // No header, or nonsense: the proxy itself is all we know.
        assert_eq!(proxies.client(ip("127.0.0.1"), &[]), ip("127.0.0.1"));
        assert_eq!(proxies.client(ip("127.0.0.1"), &["pas une adresse"]), ip("127.0.0.1"));
        // A peer that is not a trusted proxy is the client.
        assert_eq!(proxies.client(ip("203.0.113.50"), &["198.51.100.1"]), ip("203.0.113.50"));
    }

    #[test]
    fn nonsense_in_trusted_proxies_is_refused_with_the_entry_named() {
        assert!(TrustedProxies::parse("").unwrap().0.is_empty());
        assert!(TrustedProxies::parse("::1, 192.168.0.0/16").is_ok());
        assert!(TrustedProxies::parse("10.0.0.0/8, proxy.local").unwrap_err().contains("proxy.local"));
    }
}
