// SPDX-License-Identifier: AGPL-3.0-only
//! `cargo xtask license keygen|issue`.
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::{NaiveDate, Utc};
use clap::Subcommand;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{EncodePrivateKey, EncodePublicKey};
use townhall_license::{Claims, DEV_KID, ISSUER, Plan, issue};

/// The committed development private key (trusted by debug builds only).
const DEV_PRIVATE_KEY: &str = "crates/license/dev-keys/townhall-dev.INSECURE-DEVELOPMENT-ONLY.private.pem";

#[derive(Subcommand)]
pub enum LicenseCommand {
    /// Make an Ed25519 key pair: `<kid>.private.pem` and `<kid>.pub.pem` in DIR.
    Keygen {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Key id written into issued keys' headers.
        #[arg(long, default_value = "townhall-new")]
        kid: String,
    },
    /// Issue a licence key and print it alone on stdout.
    Issue {
        /// Private key (PKCS#8 PEM) to sign with.
        #[arg(long, value_name = "FILE", conflicts_with = "dev", required_unless_present = "dev")]
        key: Option<PathBuf>,
        /// Sign with the committed development key (trusted by debug builds only).
        #[arg(long)]
        dev: bool,
        /// Key id for `--key` (default: the file name up to its first dot).
        #[arg(long)]
        kid: Option<String>,
        #[arg(long)]
        licensee: String,
        #[arg(long, value_parser = ["standard", "premium"])]
        plan: String,
        /// Last day of validity (UTC), YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        expires: String,
        /// Allowed hostnames, comma-separated.
        #[arg(long, value_delimiter = ',')]
        hosts: Vec<String>,
        /// Extra feature ids, comma-separated.
        #[arg(long, value_delimiter = ',')]
        features: Vec<String>,
        /// Licence id (default: generated from the licensee and the date).
        #[arg(long)]
        lid: Option<String>,
    },
}

pub fn run(command: LicenseCommand) -> anyhow::Result<()> {
    match command {
        LicenseCommand::Keygen { out, kid } => keygen(&out, &kid),
        LicenseCommand::Issue { key, dev, kid, licensee, plan, expires, hosts, features, lid } => {
            let (pem, kid) = if dev {
                let path = crate::test::workspace_root().join(DEV_PRIVATE_KEY);
                (
                    std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?,
                    DEV_KID.to_owned(),
                )
            } else {
                let path = key.context("--key FILE or --dev is required")?;
                let pem = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
                (pem, kid.unwrap_or_else(|| kid_from_file(&path)))
            };
            let plan = Plan::parse(&plan).context("plan must be standard or premium")?;
            let last_day = NaiveDate::parse_from_str(&expires, "%Y-%m-%d")
                .with_context(|| format!("--expires `{expires}` is not YYYY-MM-DD"))?;
            let exp = last_day.and_hms_opt(23, 59, 59).context("bad date")?.and_utc().timestamp();
            let now = Utc::now().timestamp();
            if exp <= now {
                eprintln!("xtask: warning: this key is already expired");
            }
            let claims = Claims {
                iss: ISSUER.to_owned(),
                lid: lid.unwrap_or_else(|| format!("{}-{}", slug(&licensee), Utc::now().format("%Y%m%d%H%M%S"))),
                sub: licensee,
                plan,
                features: features.into_iter().filter(|f| !f.is_empty()).collect(),
                hosts: hosts.into_iter().filter(|h| !h.is_empty()).collect(),
                iat: now,
                nbf: now,
                exp,
            };
            println!("{}", issue(&claims, &pem, &kid)?);
            Ok(())
        }
    }
}

fn keygen(out: &Path, kid: &str) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let private = out.join(format!("{kid}.private.pem"));
    let public = out.join(format!("{kid}.pub.pem"));
    if private.exists() || public.exists() {
        bail!("{} or {} already exists; refusing to overwrite a key", private.display(), public.display());
    }
    let key = SigningKey::generate(&mut rand_core::OsRng);
    let private_pem = key.to_pkcs8_pem(LineEnding::LF).context("encoding the private key")?;
    let public_pem = key.verifying_key().to_public_key_pem(LineEnding::LF).context("encoding the public key")?;
    write_private(&private, private_pem.as_bytes())?;
    std::fs::write(&public, public_pem).with_context(|| format!("writing {}", public.display()))?;
    eprintln!("wrote {} (keep it secret) and {} (kid {kid})", private.display(), public.display());
    Ok(())
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("writing {}", path.display()))?;
    file.write_all(bytes)?;
    Ok(())
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

fn kid_from_file(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.split('.').next().unwrap_or_default().to_owned()
}

fn slug(text: &str) -> String {
    let s: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
}
