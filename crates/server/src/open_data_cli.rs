// SPDX-License-Identifier: AGPL-3.0-only
//! `townhall open-data --out DIR`: every open-data dataset in both formats into a directory, as
//! `/open-data` serves them, with a progress stage per file on standard error. Each file is
//! written next to its place and renamed once whole.
use std::io::Write;
use std::path::Path;

use townhall_core::Platform;
use townhall_core::open_data::Format;
use townhall_core::seed::Progress;

pub async fn write_all(platform: &Platform, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let bar = crate::progress::Bar::stderr();
    for dataset in platform.datasets() {
        for format in Format::ALL {
            let mut data = platform.open_data(dataset.clone(), format).await.map_err(|e| e.public_message())?;
            let path = dir.join(data.file_name());
            let partial = path.with_extension(format!("{}.partial", format.extension()));
            bar.stage(&format!("open data {}", data.file_name()), data.total);
            let written = copy(&mut data, &partial, &bar).await;
            if let Err(e) = written {
                let _ = std::fs::remove_file(&partial);
                return Err(e);
            }
            std::fs::rename(&partial, &path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            eprintln!("wrote {} rows to {}", data.rows(), path.display());
        }
    }
    Ok(())
}

async fn copy(
    data: &mut townhall_core::open_data::OpenData,
    path: &Path,
    bar: &crate::progress::Bar,
) -> Result<(), String> {
    let cannot = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let file = std::fs::File::create(path).map_err(cannot)?;
    let mut out = std::io::BufWriter::new(file);
    let mut done = 0;
    while let Some(chunk) = data.next_chunk().await.map_err(|e| e.public_message())? {
        out.write_all(chunk.as_bytes()).map_err(cannot)?;
        bar.advance(data.steps - done);
        done = data.steps;
    }
    out.flush().map_err(cannot)
}
