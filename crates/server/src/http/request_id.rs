// SPDX-License-Identifier: AGPL-3.0-only
//! Request ids (`x-request-id`): a random prefix drawn once per process and a counter, so ids
//! are unique across the process's requests and across restarts without a system call per
//! request. A UUID v4 per request asked the kernel for randomness every time: about 3 % of the
//! server's CPU during the ballot burst.
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::{HeaderValue, Request};
use rand_core::RngCore;
use tower_http::request_id::{MakeRequestId, RequestId};

#[derive(Clone)]
pub(super) struct Sequential {
    prefix: Arc<str>,
    next: Arc<AtomicU64>,
}

impl Sequential {
    pub(super) fn new() -> Self {
        let prefix = format!("{:016x}", rand_core::OsRng.next_u64());
        Self { prefix: prefix.into(), next: Arc::new(AtomicU64::new(1)) }
    }
}

impl MakeRequestId for Sequential {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{n:x}", self.prefix)).ok().map(RequestId::new)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn ids_differ_within_a_process_and_between_processes() {
        let request = Request::new(());
        let id = |maker: &mut Sequential| maker.make_request_id(&request).unwrap().header_value().clone();
        let (mut one, mut other) = (Sequential::new(), Sequential::new());
        let mut clone = one.clone();
        let (a, b, c) = (id(&mut one), id(&mut clone), id(&mut other));
        assert_ne!(a, b, "clones share the counter");
        assert_ne!(a, c, "each process draws its own prefix");
        assert_eq!(a.to_str().unwrap().len(), 16 + 2);
    }
}
