//! What lachan keeps in Redis: key names, the ban-change messages and the Lua scripts.
//!
//! Every key and channel starts with `cluster.prefix` (default `lachan`):
//!
//! | key | type | what |
//! |---|---|---|
//! | `P:ban:<ip>` | string `offences\|instance`, `PX` = time left | one active ban |
//! | `P:bans` | pub/sub channel | `ban\|ip\|ms\|offences\|instance`, `lift\|ip\|instance` |
//! | `P:rl:<rule>:<ip>` | string, µs | a limit's GCRA theoretical arrival time |
//! | `P:instances` | sorted set, score = ms | live instances (heartbeats) |
//! | `P:epoch` | string | set once per Redis data set: tells a Redis that lost its data |
//!
//! Scripts read the time with Redis `TIME`, so the instances' clocks never matter.

use std::net::IpAddr;
use std::time::Duration;

/// A change to the ban table, as published on `P:bans`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Change {
    Ban {
        ip: IpAddr,
        left: Duration,
        offences: u32,
        origin: String,
    },
    Lift {
        ip: IpAddr,
        origin: String,
    },
}

impl Change {
    pub(crate) fn encode(&self) -> String {
        match self {
            Change::Ban {
                ip,
                left,
                offences,
                origin,
            } => format!("ban|{ip}|{}|{offences}|{origin}", left.as_millis()),
            Change::Lift { ip, origin } => format!("lift|{ip}|{origin}"),
        }
    }

    /// `None` for anything malformed (ignored: the channel is ours, but Redis is shared).
    pub(crate) fn decode(s: &str) -> Option<Self> {
        let mut parts = s.split('|');
        let kind = parts.next()?;
        let ip = parts.next()?.parse().ok()?;
        match kind {
            "ban" => {
                let left = Duration::from_millis(parts.next()?.parse().ok()?);
                let offences = parts.next()?.parse().ok()?;
                let origin = parts.next()?.to_string();
                Some(Change::Ban {
                    ip,
                    left,
                    offences,
                    origin,
                })
            }
            "lift" => Some(Change::Lift {
                ip,
                origin: parts.next()?.to_string(),
            }),
            _ => None,
        }
    }

    pub(crate) fn origin(&self) -> &str {
        match self {
            Change::Ban { origin, .. } | Change::Lift { origin, .. } => origin,
        }
    }
}

/// Key and channel names under one prefix.
#[derive(Debug, Clone)]
pub(crate) struct Keys {
    prefix: String,
}

impl Keys {
    pub(crate) fn new(prefix: &str) -> Self {
        Self {
            prefix: prefix.to_string(),
        }
    }

    pub(crate) fn ban(&self, ip: IpAddr) -> String {
        format!("{}:ban:{ip}", self.prefix)
    }

    pub(crate) fn ban_pattern(&self) -> String {
        format!("{}:ban:*", self.prefix)
    }

    /// The IP in a `P:ban:<ip>` key.
    pub(crate) fn ip_of_ban(&self, key: &str) -> Option<IpAddr> {
        key.strip_prefix(&self.prefix)?
            .strip_prefix(":ban:")?
            .parse()
            .ok()
    }

    pub(crate) fn channel(&self) -> String {
        format!("{}:bans", self.prefix)
    }

    pub(crate) fn limit(&self, rule: &str, ip: IpAddr) -> String {
        format!("{}:rl:{rule}:{ip}", self.prefix)
    }

    pub(crate) fn epoch(&self) -> String {
        format!("{}:epoch", self.prefix)
    }

    pub(crate) fn instances(&self) -> String {
        format!("{}:instances", self.prefix)
    }
}

/// GCRA over several limits at once: admits only if every limit has room, and then
/// charges all of them. KEYS[i]: the limit's state; ARGV[2i-1]: emission interval (µs);
/// ARGV[2i]: burst. Returns `{0, 0}` or `{i, wait µs}` for the first full limit.
pub(crate) const GCRA: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tats = {}
for i, key in ipairs(KEYS) do
  local period = tonumber(ARGV[2 * i - 1])
  local burst = tonumber(ARGV[2 * i])
  local tat = tonumber(redis.call('GET', key) or now)
  if tat < now then tat = now end
  local allow_at = tat + period - period * burst
  if allow_at > now then return {i, math.ceil(allow_at - now)} end
  tats[i] = tat + period
end
for i, key in ipairs(KEYS) do
  local ttl = math.ceil((tats[i] - now) / 1000) + 1
  redis.call('SET', key, string.format('%.0f', tats[i]), 'PX', ttl)
end
return {0, 0}
";

/// Heartbeat: KEYS[1] the instance set; ARGV[1] this instance; ARGV[2] how long (ms)
/// an instance counts as live after its last beat. Returns the live count.
pub(crate) const HEARTBEAT: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local live = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - live)
redis.call('PEXPIRE', KEYS[1], live * 2)
return redis.call('ZCARD', KEYS[1])
";

/// The data set's epoch: KEYS[1]; set to ARGV[1] if absent. Returns the epoch.
pub(crate) const EPOCH: &str = r"
local e = redis.call('GET', KEYS[1])
if not e then
  redis.call('SET', KEYS[1], ARGV[1])
  e = ARGV[1]
end
return e
";

/// Every active ban: ARGV[1] the key pattern. Returns `key, ms left, value` triples.
pub(crate) const DUMP_BANS: &str = r"
local out = {}
local cursor = '0'
repeat
  local r = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
  cursor = r[1]
  for _, key in ipairs(r[2]) do
    local left = redis.call('PTTL', key)
    local value = redis.call('GET', key)
    if left > 0 and value then
      out[#out + 1] = key
      out[#out + 1] = tostring(left)
      out[#out + 1] = value
    end
  end
until cursor == '0'
return out
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_round_trip_and_junk_is_ignored() {
        let ban = Change::Ban {
            ip: "2001:db8::".parse().unwrap(),
            left: Duration::from_millis(1500),
            offences: 2,
            origin: "gw-a".into(),
        };
        assert_eq!(Change::decode(&ban.encode()), Some(ban));
        let lift = Change::Lift {
            ip: "192.0.2.1".parse().unwrap(),
            origin: "gw-b".into(),
        };
        assert_eq!(Change::decode(&lift.encode()), Some(lift));
        for junk in ["", "ban|x|1|1|a", "ban|192.0.2.1|z|1|a", "nuke|192.0.2.1|a"] {
            assert_eq!(Change::decode(junk), None, "{junk}");
        }
        let keys = Keys::new("p");
        let k = keys.ban("2001:db8::".parse().unwrap());
        assert_eq!(keys.ip_of_ban(&k), "2001:db8::".parse().ok());
    }
}
