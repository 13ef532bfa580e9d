//! Who counts as one visitor for the limits (sign-in, contributions, open event streams, the
//! geocoder's new addresses): their network address, as `client_address` resolves it.

use std::net::{IpAddr, Ipv6Addr};

/// What limits count an address as: IPv4 addresses as they are, IPv6 ones by their /64 (one
/// subscriber's network: an IPv6 client can pick any of its 2^64 addresses), IPv4-mapped IPv6
/// ones as the IPv4 address they carry.
pub fn network_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !((1u128 << 64) - 1))),
        },
    }
}
