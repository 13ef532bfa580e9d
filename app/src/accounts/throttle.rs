//! Sign-in throttling: a few attempts per account from one address, more per address, then a
//! wait. Guessing a password then takes years, while a person who mistypes twice never notices.
//! Every attempt counts, successful or not, and unknown emails are throttled like known ones, so
//! that the throttle does not reveal who has an account. The per-account allowance is kept per
//! address: someone hammering an account from elsewhere never locks its owner out.
//!
//! Addresses are keyed by [`network_key`]: an IPv6 client can pick any of the 2^64 addresses of
//! its network, so its /64 is what identifies it.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::domain::network::network_key;
use crate::domain::Message;

/// Attempts on one account before waiting, then one more per period.
const ACCOUNT_BURST: u32 = 5;
const ACCOUNT_PERIOD: Duration = Duration::from_secs(60);
/// Attempts from one address (a school or a library shares one: more room).
pub const IP_BURST: u32 = 30;
const IP_PERIOD: Duration = Duration::from_secs(10);
/// Citizens' suggestions and reports from one address: plenty for a person (a class reporting
/// from one school connection included), too few for a bot to flood the queue.
pub const CONTRIBUTION_BURST: u32 = 10;
const CONTRIBUTION_PERIOD: Duration = Duration::from_secs(6 * 60);
/// Mails a stranger can make the site send to one address (a sign-up with a taken address, a
/// forgotten password, a change of address): enough for a person, too few to flood a mailbox.
const MAIL_BURST: u32 = 3;
const MAIL_PERIOD: Duration = Duration::from_secs(20 * 60);
/// « Toujours à jour » clicks by one account: a holder with many initiatives confirms them all
/// in a row; a script looping on it is slowed.
const CONFIRMATION_BURST: u32 = 60;
const CONFIRMATION_PERIOD: Duration = Duration::from_secs(10);
/// Past this many remembered keys, forget those that are back to a full allowance.
const FORGET_ABOVE: usize = 10_000;

/// The limits of sign-in (per account and per IP), sign-up (per IP) and citizens'
/// contributions (per IP), shared by all requests.
pub struct Throttle {
    per_account: DefaultKeyedRateLimiter<(String, Option<IpAddr>)>,
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    contributions: DefaultKeyedRateLimiter<IpAddr>,
    mail_to: DefaultKeyedRateLimiter<String>,
    confirmations: DefaultKeyedRateLimiter<i64>,
    clock: DefaultClock,
}

impl std::fmt::Debug for Throttle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Throttle").finish_non_exhaustive()
    }
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle::new(ACCOUNT_BURST, ACCOUNT_PERIOD, IP_BURST, IP_PERIOD)
    }
}

fn quota(burst: u32, period: Duration) -> Quota {
    Quota::with_period(period).expect("a non-zero period").allow_burst(NonZeroU32::new(burst.max(1)).expect("non-zero"))
}

impl Throttle {
    /// The default limits, but `sign_in` attempts at once per network address (sign-in,
    /// sign-up, links) before one every 10 seconds (`SIGN_IN_BURST_PER_ADDRESS`), and
    /// `contributions` suggestions and reports before one every 6 minutes
    /// (`CONTRIBUTIONS_BURST_PER_ADDRESS`). The browser tests, all from 127.0.0.1, sign in and
    /// contribute more than any one person.
    pub fn with_address_bursts(sign_in: u32, contributions: u32) -> Throttle {
        Throttle {
            contributions: RateLimiter::keyed(quota(contributions, CONTRIBUTION_PERIOD)),
            ..Throttle::new(ACCOUNT_BURST, ACCOUNT_PERIOD, sign_in, IP_PERIOD)
        }
    }

    pub fn new(account_burst: u32, account_period: Duration, ip_burst: u32, ip_period: Duration) -> Throttle {
        Throttle {
            per_account: RateLimiter::keyed(quota(account_burst, account_period)),
            per_ip: RateLimiter::keyed(quota(ip_burst, ip_period)),
            contributions: RateLimiter::keyed(quota(CONTRIBUTION_BURST, CONTRIBUTION_PERIOD)),
            mail_to: RateLimiter::keyed(quota(MAIL_BURST, MAIL_PERIOD)),
            confirmations: RateLimiter::keyed(quota(CONFIRMATION_BURST, CONFIRMATION_PERIOD)),
            clock: DefaultClock::default(),
        }
    }

    /// Counts one suggestion or report from `ip`; `Err` with the time to wait past the limit.
    pub fn contribution_from(&self, ip: Option<IpAddr>) -> Result<(), Duration> {
        let Some(ip) = ip.map(network_key) else { return Ok(()) };
        self.forget_recovered();
        self.contributions.check_key(&ip).map_err(|late| late.wait_time_from(self.clock.now()))
    }

    /// Counts one « Toujours à jour » by account `account_id`; `Err` with the time to wait.
    pub fn confirmation_by(&self, account_id: i64) -> Result<(), Duration> {
        self.forget_recovered();
        self.confirmations.check_key(&account_id).map_err(|late| late.wait_time_from(self.clock.now()))
    }

    /// Whether one more mail asked by a stranger may go to `email` (a normalised address).
    /// Past the limit the person asking is answered the same, and no mail leaves.
    pub fn may_mail(&self, email: &str) -> bool {
        self.forget_recovered();
        self.mail_to.check_key(&email.to_string()).is_ok()
    }

    /// Counts one attempt on `account` (a normalised email) from `ip`; `Err` with the time to
    /// wait when the address, or this account from this address, is over its allowance.
    pub fn sign_in(&self, account: &str, ip: Option<IpAddr>) -> Result<(), Duration> {
        self.attempt_from(ip)?;
        self.forget_recovered();
        let key = (account.to_string(), ip.map(network_key));
        self.per_account.check_key(&key).map_err(|late| late.wait_time_from(self.clock.now()))
    }

    /// Counts one attempt from `ip` (sign-up, or the address part of a sign-in).
    pub fn attempt_from(&self, ip: Option<IpAddr>) -> Result<(), Duration> {
        // Without an address (a test calling the router directly) only accounts are limited.
        let Some(ip) = ip.map(network_key) else { return Ok(()) };
        self.per_ip.check_key(&ip).map_err(|late| late.wait_time_from(self.clock.now()))
    }

    fn forget_recovered(&self) {
        if self.per_account.len() > FORGET_ABOVE {
            self.per_account.retain_recent();
        }
        if self.per_ip.len() > FORGET_ABOVE {
            self.per_ip.retain_recent();
        }
        if self.contributions.len() > FORGET_ABOVE {
            self.contributions.retain_recent();
        }
        if self.mail_to.len() > FORGET_ABOVE {
            self.mail_to.retain_recent();
        }
        if self.confirmations.len() > FORGET_ABOVE {
            self.confirmations.retain_recent();
        }
    }
}

/// What to tell a person who must wait `wait`.
pub fn wait_message(wait: Duration) -> Message {
    let minutes = wait.as_secs().div_ceil(60).max(1);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    Message::new(
        format!("Trop de tentatives en peu de temps. Pour protéger les comptes, réessayez dans {minutes} {unit}."),
        format!("Too many attempts in a short time. To protect accounts, try again in {minutes} {unit}."),
    )
}

/// What to tell a person whose connection sent too many suggestions or reports.
pub fn contribution_wait_message(wait: Duration) -> Message {
    let minutes = wait.as_secs().div_ceil(60).max(1);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    Message::new(
        format!(
            "Beaucoup d'envois sont partis de votre connexion en peu de temps : pour protéger la carte des robots, \
             réessayez dans {minutes} {unit}. Ce que vous avez écrit est toujours dans le formulaire."
        ),
        format!(
            "Many forms were sent from your connection in a short time: to protect the map from robots, \
             try again in {minutes} {unit}. What you wrote is still in the form."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_gets_a_few_attempts_per_address_then_must_wait() {
        let throttle = Throttle::new(3, Duration::from_secs(60), 100, Duration::from_secs(1));
        let here: IpAddr = "192.0.2.1".parse().unwrap();
        let there: IpAddr = "198.51.100.7".parse().unwrap();
        for _ in 0..3 {
            assert!(throttle.sign_in("camille@exemple.fr", Some(here)).is_ok());
        }
        let wait = throttle.sign_in("camille@exemple.fr", Some(here)).unwrap_err();
        assert!(wait > Duration::from_secs(30) && wait <= Duration::from_secs(60), "{wait:?}");
        assert!(throttle.sign_in("dominique@exemple.fr", Some(here)).is_ok(), "other accounts are not affected");
        // Whoever hammers Camille's account from `here`, Camille signs in from home.
        assert!(
            throttle.sign_in("camille@exemple.fr", Some(there)).is_ok(),
            "the owner is never locked out from elsewhere"
        );
    }

    #[test]
    fn an_ipv6_network_counts_as_one_address() {
        let throttle = Throttle::new(100, Duration::from_secs(1), 2, Duration::from_secs(60));
        assert!(throttle.attempt_from(Some("2001:db8:1:2::1".parse().unwrap())).is_ok());
        assert!(throttle.attempt_from(Some("2001:db8:1:2:ffff::9".parse().unwrap())).is_ok());
        assert!(throttle.attempt_from(Some("2001:db8:1:2:abcd::1".parse().unwrap())).is_err(), "same /64");
        assert!(throttle.attempt_from(Some("2001:db8:1:3::1".parse().unwrap())).is_ok(), "another /64");
        assert_eq!(network_key("::ffff:192.0.2.1".parse().unwrap()), "192.0.2.1".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn an_address_gets_its_own_allowance_across_accounts() {
        let throttle = Throttle::new(100, Duration::from_secs(1), 2, Duration::from_secs(60));
        let here: IpAddr = "192.0.2.1".parse().unwrap();
        assert!(throttle.sign_in("a@exemple.fr", Some(here)).is_ok());
        assert!(throttle.sign_in("b@exemple.fr", Some(here)).is_ok());
        assert!(throttle.sign_in("c@exemple.fr", Some(here)).is_err());
        assert!(throttle.sign_in("c@exemple.fr", Some("192.0.2.2".parse().unwrap())).is_ok());
    }

    #[test]
    fn an_address_sends_a_few_contributions_then_waits() {
        let throttle = Throttle::default();
        let here: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..CONTRIBUTION_BURST {
            assert!(throttle.contribution_from(Some(here)).is_ok());
        }
        let wait = throttle.contribution_from(Some(here)).unwrap_err();
        assert!(wait > Duration::from_secs(60) && wait <= CONTRIBUTION_PERIOD, "{wait:?}");
        assert!(throttle.contribution_from(Some("192.0.2.2".parse().unwrap())).is_ok());
        assert!(contribution_wait_message(wait).french.contains("réessayez dans 6 minutes"));
    }

    #[test]
    fn an_address_gets_a_few_mails_a_stranger_asked_for() {
        let throttle = Throttle::default();
        for _ in 0..MAIL_BURST {
            assert!(throttle.may_mail("camille@exemple.fr"));
        }
        assert!(!throttle.may_mail("camille@exemple.fr"));
        assert!(throttle.may_mail("dominique@exemple.fr"));
    }

    #[test]
    fn the_message_says_how_long_to_wait() {
        assert!(wait_message(Duration::from_secs(10)).french.ends_with("dans 1 minute."));
        assert!(wait_message(Duration::from_secs(150)).french.ends_with("dans 3 minutes."));
        assert!(wait_message(Duration::from_secs(150)).english.ends_with("in 3 minutes."));
    }
}
