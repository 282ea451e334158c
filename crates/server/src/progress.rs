// SPDX-License-Identifier: AGPL-3.0-only
//! Progress for long commands. On a terminal, an `indicatif` bar per stage, redrawn in place a
//! few times a second at most however fast the work advances. Otherwise (a pipe, a file, a log)
//! a plain line every tenth of the way, which scripts and tests read: `demo: 29/29 (100%) after
//! 1.2s`.
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use townhall_core::seed::Progress;

pub struct Bar(Mutex<Output>);

enum Output {
    /// The current stage's bar, none before the first stage.
    Terminal(Option<ProgressBar>),
    Lines(Lines),
}

/// The current stage, for plain lines.
struct Lines {
    name: String,
    total: u64,
    done: u64,
    /// The last tenth reported.
    tenth: u64,
    started: Instant,
}

impl Lines {
    fn new(name: &str, total: u64) -> Lines {
        Lines { name: name.to_owned(), total, done: 0, tenth: 0, started: Instant::now() }
    }

    fn advance(&mut self, done: u64) {
        self.done = (self.done + done).min(self.total);
        let tenth = (self.done * 10).checked_div(self.total).unwrap_or(10);
        if tenth > self.tenth {
            self.tenth = tenth;
            let share = if self.total == 0 { 1.0 } else { self.done as f64 / self.total as f64 };
            let secs = self.started.elapsed().as_secs_f64();
            eprintln!("{}: {}/{} ({:.0}%) after {secs:.1}s", self.name, self.done, self.total, share * 100.0);
        }
    }
}

impl Bar {
    pub fn stderr() -> Bar {
        let output =
            if std::io::stderr().is_terminal() { Output::Terminal(None) } else { Output::Lines(Lines::new("", 0)) };
        Bar(Mutex::new(output))
    }
}

/// A stage's bar: its name, the bar, how far, how long.
fn terminal_bar(name: &str, total: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    // The template is ours and valid; should the crate refuse it, its default bar will do.
    let style = ProgressStyle::with_template("{msg:<32} [{bar:30}] {pos}/{len} {elapsed:>4}")
        .map(|style| style.progress_chars("#>-"))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(name.to_owned());
    bar
}

impl Progress for Bar {
    fn stage(&self, name: &str, total: u64) {
        let Ok(mut output) = self.0.lock() else { return };
        match &mut *output {
            Output::Terminal(bar) => {
                // The previous stage's last state stays on its own line.
                if let Some(previous) = bar.replace(terminal_bar(name, total)) {
                    previous.finish();
                }
            }
            Output::Lines(lines) => *lines = Lines::new(name, total),
        }
    }

    fn advance(&self, done: u64) {
        let Ok(mut output) = self.0.lock() else { return };
        match &mut *output {
            Output::Terminal(Some(bar)) => {
                bar.inc(done);
                if bar.position() >= bar.length().unwrap_or(0) {
                    bar.finish();
                }
            }
            Output::Terminal(None) => {}
            Output::Lines(lines) => lines.advance(done),
        }
    }
}

impl Drop for Bar {
    /// A command that ends (or fails) mid-stage leaves the bar drawn where it got to.
    fn drop(&mut self) {
        if let Ok(mut output) = self.0.lock()
            && let Output::Terminal(Some(bar)) = &mut *output
            && !bar.is_finished()
        {
            bar.abandon();
        }
    }
}
