//! Stage 1, accept: one listening socket per worker for every gateway listener, all bound to
//! the same address with `SO_REUSEPORT`, so that the kernel spreads new connections across
//! the workers by a hash of the connection's addresses.
//!
//! Why: when the workers shared one socket, the worker that woke first took a whole burst of
//! connections (all 64 of a `wrk -c64` run landed on one worker while the other idled), and
//! keep-alive connections never move afterwards.
//!
//! Security note: `SO_REUSEPORT` lets another process running as the *same user* bind the
//! same address and take a share of the connections. Run the gateway under its own user, as
//! `deploy/lachan.service` does. A second gateway started by mistake with the same config
//! is refused by [`bind_first`], which probes the address without `SO_REUSEPORT` first.

use std::io;
use std::net::{SocketAddr, TcpListener};

use socket2::{Domain, Protocol, Socket, Type};

/// Pending connections the kernel queues per socket (as tokio's own `bind`).
const BACKLOG: i32 = 1024;

/// The first listening socket on `addr`, refused with `AddrInUse` when any other socket
/// (another gateway's `SO_REUSEPORT` one included) already holds the address.
///
/// Without this, a second `lachan run` with the same config would join the first one's
/// sockets and silently take half its connections. The probe is a plain socket without
/// `SO_REUSEPORT`, which the kernel refuses on an address in use and which holds nothing
/// once dropped; no lock file means nothing is left behind by a crash. A port of 0 is
/// always fresh, so it is not probed.
pub fn bind_first(addr: SocketAddr) -> io::Result<TcpListener> {
    if addr.port() != 0 {
        let probe = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
        // SO_REUSEADDR still lets a restart bind over its predecessor's TIME_WAIT sockets.
        probe.set_reuse_address(true)?;
        probe.bind(&addr.into())?;
    }
    bind(addr)
}

/// A non-blocking listening socket on `addr` that further sockets may share.
fn bind(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    socket.set_reuse_address(true)?;
    socket.set_reuse_port(true)?;
    socket.set_nonblocking(true)?;
    socket.bind(&addr.into())?;
    socket.listen(BACKLOG)?;
    Ok(socket.into())
}

/// Another socket on the address `listener` is bound to (its real port, when it was bound to
/// port 0), for another worker.
pub fn sibling(listener: &TcpListener) -> io::Result<TcpListener> {
    bind(listener.local_addr()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_share_the_port_the_first_socket_got() {
        let first = bind_first("127.0.0.1:0".parse().unwrap()).unwrap();
        let second = sibling(&first).unwrap();
        assert_ne!(first.local_addr().unwrap().port(), 0);
        assert_eq!(first.local_addr().unwrap(), second.local_addr().unwrap());
    }

    #[test]
    fn a_second_gateway_cannot_join_a_listening_port() {
        let first = bind_first("127.0.0.1:0".parse().unwrap()).unwrap();
        let addr = first.local_addr().unwrap();
        let second = bind_first(addr).unwrap_err();
        assert_eq!(second.kind(), io::ErrorKind::AddrInUse);
        drop(first);
        assert!(bind_first(addr).is_ok(), "a freed port binds again");
    }

    #[test]
    fn a_plain_socket_on_the_same_port_is_still_refused() {
        let first = bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let plain = std::net::TcpListener::bind(first.local_addr().unwrap());
        assert!(
            plain.is_err(),
            "a socket without SO_REUSEPORT must not share the port"
        );
    }
}
