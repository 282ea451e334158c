// SPDX-License-Identifier: AGPL-3.0-only
//! `townhall check`: the database's own check, every counter against its rows, and each
//! module's own check (every voting chain against its hashes, totals and seal). Exit code 0 when all is sound, 1 otherwise.
use townhall_core::Platform;

pub async fn run(platform: &Platform, json: bool) -> Result<(), String> {
    let report = platform.check_integrity().await.map_err(|e| format!("cannot check the database: {e}"))?;
    if json {
        let mut out = serde_json::to_value(&report).map_err(|e| e.to_string())?;
        out["sound"] = serde_json::json!(report.is_sound());
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        println!("storage: {}", report.storage);
        println!("counters: {} checked, {} wrong", report.counters_checked, report.counter_errors.len());
        for e in &report.counter_errors {
            println!("  {e}");
        }
        for check in &report.checks {
            println!(
                "{}: {} checked, {} counted {}, {} problems",
                check.name,
                check.checked,
                check.counted,
                check.counted_what,
                check.problems.len()
            );
            for e in &check.problems {
                println!("  {e}");
            }
        }
        println!("{}", if report.is_sound() { "sound" } else { "NOT sound" });
    }
    if report.is_sound() { Ok(()) } else { Err("the database is not sound (see above)".into()) }
}
