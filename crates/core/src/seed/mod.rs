// SPDX-License-Identifier: AGPL-3.0-only
//! Filling a platform: `demo` writes a small, realistic demo through the services (so every
//! rule and counter applies), `scale` bulk-writes synthetic data for benchmarks.
mod bulk;
mod demo;
mod demo_content;
mod demo_methods;
mod pictures;
mod scale;
mod scale_vote;
#[cfg(test)]
mod tests;
mod words;

pub use demo::DemoReport;
pub use scale::{ScalePlan, ScaleReport};
pub use scale_vote::ScaleVote;

/// How long work reports how far it got (the command line draws a bar from this).
pub trait Progress: Send + Sync {
    /// A new stage of `total` steps begins.
    fn stage(&self, name: &str, total: u64);
    /// `done` more steps of the current stage are finished.
    fn advance(&self, done: u64);
}

/// Progress that goes nowhere (tests).
pub struct Quiet;

impl Progress for Quiet {
    fn stage(&self, _: &str, _: u64) {}
    fn advance(&self, _: u64) {}
}

/// A small deterministic generator (SplitMix64): the same seed gives the same data, and core
/// needs no random-number crate for it.
pub(crate) struct Dice(u64);

impl Dice {
    pub(crate) fn new(seed: u64) -> Self {
        Dice(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}
