// SPDX-License-Identifier: AGPL-3.0-only
//! Progress for long commands: a bar redrawn in place on a terminal, a line every tenth of the
//! way otherwise (so logs of scripted runs stay short).
use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::Instant;

use townhall_core::seed::Progress;

pub struct Bar {
    terminal: bool,
    state: Mutex<State>,
}

struct State {
    name: String,
    total: u64,
    done: u64,
    /// The last tenth reported when not on a terminal.
    tenth: u64,
    started: Instant,
}

impl Bar {
    pub fn stderr() -> Bar {
        Bar {
            terminal: std::io::stderr().is_terminal(),
            state: Mutex::new(State { name: String::new(), total: 0, done: 0, tenth: 0, started: Instant::now() }),
        }
    }

    fn draw(&self, s: &State) {
        let mut err = std::io::stderr().lock();
        let share = if s.total == 0 { 1.0 } else { s.done as f64 / s.total as f64 };
        let secs = s.started.elapsed().as_secs_f64();
        if self.terminal {
            let filled = (share * 30.0).round() as usize;
            let bar: String = "#".repeat(filled) + &"-".repeat(30 - filled.min(30));
            let _ = write!(err, "\r{:<32} [{bar}] {}/{} {:>5.1}s", s.name, s.done, s.total, secs);
            if s.done >= s.total {
                let _ = writeln!(err);
            }
        } else {
            let _ = writeln!(err, "{}: {}/{} ({:.0}%) after {:.1}s", s.name, s.done, s.total, share * 100.0, secs);
        }
    }
}

impl Progress for Bar {
    fn stage(&self, name: &str, total: u64) {
        let Ok(mut s) = self.state.lock() else { return };
        *s = State { name: name.to_owned(), total, done: 0, tenth: 0, started: Instant::now() };
        if self.terminal {
            self.draw(&s);
        }
    }

    fn advance(&self, done: u64) {
        let Ok(mut s) = self.state.lock() else { return };
        s.done = (s.done + done).min(s.total);
        let tenth = (s.done * 10).checked_div(s.total).unwrap_or(10);
        if self.terminal || tenth > s.tenth {
            s.tenth = tenth;
            self.draw(&s);
        }
    }
}
