//! The server loop: accepts connections and serves the application on each, as `axum::serve`
//! does, with a deadline on request headers that axum does not set. A client that sends its
//! request a byte at a time (slowloris), or holds a kept-alive connection without asking
//! anything, is cut off after a deadline (`HEADER_DEADLINE` for the site) instead of holding a
//! socket for ever. On
//! shutdown the listener closes at once and the requests under way finish.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How long a client may take to send a request's headers (from their first byte, or from the
/// previous answer on a kept-alive connection).
pub const HEADER_DEADLINE: Duration = Duration::from_secs(20);

/// Serves `app` on `listener` until `shutdown` resolves, then waits for the requests under way;
/// a connection that takes longer than `header_deadline` to send a request's headers (or to
/// start the next one after an answer) is closed.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    header_deadline: Duration,
    shutdown: impl Future<Output = ()>,
) {
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_deadline);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: wait a little rather than spin.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = app
            .clone()
            .map_request(move |mut request: Request<Incoming>| {
                request.extensions_mut().insert(ConnectInfo(remote));
                request.map(Body::new)
            });
        let connection = builder
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}
