// SPDX-License-Identifier: AGPL-3.0-only
//! The HTTP/1.1 listener, with the limits that keep slow or hostile clients from wearing the
//! server out: a client has 10 s to send a request's headers (a "slowloris" that trickles them
//! is dropped) and 20 s between two pieces of a body; at most `MAX_CONNECTIONS` are open at once
//! (beyond that, new ones wait in the kernel's backlog). On shutdown it stops accepting and lets
//! open requests finish, for at most 30 s.
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_http::timeout::TimeoutBody;

/// How long a client may take to send a request's headers (also the idle time of a kept-alive
/// connection).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a request body may pause between two pieces.
pub const BODY_PAUSE_TIMEOUT: Duration = Duration::from_secs(20);
/// Connections served at once.
pub const MAX_CONNECTIONS: usize = 4_096;
/// How long shutdown waits for open requests.
const DRAIN: Duration = Duration::from_secs(30);

pub async fn serve(listener: TcpListener, app: Router, shutdown: impl Future<Output = ()>) {
    let graceful = GracefulShutdown::new();
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit,
            () = &mut shutdown => break,
        };
        let Ok(permit) = permit else { break };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors, say: wait a moment instead of spinning.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let mut builder = http1::Builder::new();
        builder.timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
        let app = app.clone();
        let service = hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
            let mut request = request.map(|body| axum::body::Body::new(TimeoutBody::new(BODY_PAUSE_TIMEOUT, body)));
            // The client's address, for throttling sign-ins and for the stable random order.
            request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
            tower::ServiceExt::oneshot(app.clone(), request)
        });
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // Errors here are clients going away or timing out; nothing to report.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN) => tracing::warn!("requests still open after {} s; stopping anyway", DRAIN.as_secs()),
    }
}
