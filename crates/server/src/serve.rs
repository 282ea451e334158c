// SPDX-License-Identifier: AGPL-3.0-only
//! `townhall serve`: binds, serves until SIGINT/SIGTERM, then lets in-flight requests finish.
use std::sync::Arc;

use townhall_core::Platform;

use crate::config::Config;
use crate::http::{AppParts, AppState, router};
use crate::ui::Ui;
use crate::{app, graphql, jobs};

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: std::net::SocketAddr, source: std::io::Error },
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

pub async fn serve(platform: Platform, config: &Config) -> Result<(), ServeError> {
    let state = AppState::new(AppParts {
        metrics: Default::default(),
        ui: Arc::new(Ui::new(&platform)),
        schema: graphql::schema(),
        sqlite_file: app::sqlite_file(&config.database_url()),
        availability: Default::default(),
        access_log: config.access_log,
        platform: platform.clone(),
    });
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|source| ServeError::Bind { addr: config.bind, source })?;
    let local = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut job_tasks = jobs::spawn(&platform, &stopped);
    let monitor = crate::http::availability::spawn_monitor(&state, stopped.clone());
    // The configured public address is kept, so command-line work uses it without being told.
    if config.base_url.is_some()
        && let Err(e) = platform.remember_base_url().await
    {
        tracing::warn!(error = %e, "cannot keep the public address with the settings");
    }
    match platform.first_admin_setup_link().await {
        Ok(Some(link)) => tracing::warn!(
            "no administrator yet: create the first one at {link} (valid 7 days, once), or run `townhall admin create --email …`"
        ),
        Ok(None) => {}
        Err(e) => tracing::error!(error = %e, "cannot check for an administrator"),
    }
    tracing::info!(
        edition = platform.edition().as_str(),
        "Townhall is serving on {} (listening on http://{local})",
        platform.base_url()
    );
    crate::listen::serve(listener, router(state), shutdown_signal()).await;
    tracing::info!("shutting down: in-flight requests finished");
    let _ = stop.send(true);
    while job_tasks.join_next().await.is_some() {}
    let _ = monitor.await;
    platform.db().clone().close().await.ok();
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("SIGINT received"),
        () = terminate => tracing::info!("SIGTERM received"),
    }
}
