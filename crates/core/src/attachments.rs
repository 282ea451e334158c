// SPDX-License-Identifier: AGPL-3.0-only
//! Attached files: what a file is comes from its bytes, never from its name or the browser's
//! word, and only documents people commonly share are taken. Names are cleaned for display.

/// Attachments larger than this are refused.
pub const MAX_ATTACHMENT_BYTES: usize = 5 * 1024 * 1024;

/// A recognised kind of document: its content type and the file extension we store it under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub content_type: &'static str,
    pub extension: &'static str,
}

const fn kind(content_type: &'static str, extension: &'static str) -> Kind {
    Kind { content_type, extension }
}

/// What the bytes are, if we take such files.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"%PDF-") {
        return Some(kind("application/pdf", "pdf"));
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Some(kind("image/png", "png"));
    }
    if starts(b"\xff\xd8\xff") {
        return Some(kind("image/jpeg", "jpg"));
    }
    if starts(b"PK\x03\x04") {
        return office_document(bytes);
    }
    // Plain text (also CSV): valid UTF-8 without control characters other than white space.
    let text = std::str::from_utf8(bytes).ok()?;
    let plain = !text.is_empty() && text.chars().all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
    plain.then_some(kind("text/plain; charset=utf-8", "txt"))
}

/// ZIP files are taken only as OpenDocument (whose first entry is a `mimetype` file naming the
/// type) or Office Open XML documents (which carry `[Content_Types].xml` and a `word/`, `xl/`
/// or `ppt/` folder).
fn office_document(bytes: &[u8]) -> Option<Kind> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if bytes.get(30..38) == Some(b"mimetype") {
        let rest = &bytes[38..bytes.len().min(120)];
        let names = |t: &[u8]| rest.windows(t.len()).any(|w| w == t);
        if names(b"application/vnd.oasis.opendocument.text") {
            return Some(kind("application/vnd.oasis.opendocument.text", "odt"));
        }
        if names(b"application/vnd.oasis.opendocument.spreadsheet") {
            return Some(kind("application/vnd.oasis.opendocument.spreadsheet", "ods"));
        }
        if names(b"application/vnd.oasis.opendocument.presentation") {
            return Some(kind("application/vnd.oasis.opendocument.presentation", "odp"));
        }
        return None;
    }
    if !has(b"[Content_Types].xml") {
        return None;
    }
    if has(b"word/") {
        Some(kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"))
    } else if has(b"xl/") {
        Some(kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"))
    } else if has(b"ppt/") {
        Some(kind("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"))
    } else {
        None
    }
}

/// A file name fit to show and to offer on download: no folders, no control characters or
/// quotes, at most 120 characters, never empty.
pub fn clean_name(name: &str, extension: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String =
        base.chars().filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '*' | '?' | '|' | ':')).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    let cleaned: String = cleaned.chars().take(120).collect();
    if cleaned.is_empty() { format!("file.{extension}") } else { cleaned }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_decides_not_the_name() {
        assert_eq!(sniff(b"%PDF-1.7 ...").map(|k| k.extension), Some("pdf"));
        assert_eq!(sniff("Rue de la Gare; 12\n".as_bytes()).map(|k| k.extension), Some("txt"));
        assert_eq!(sniff(b"MZ\x90\x00\x03 an executable"), None);
        assert_eq!(sniff(b"<html><script>alert(1)</script>\x00"), None);
        assert_eq!(sniff(b"PK\x03\x04 a zip of anything"), None);
        let mut odt = b"PK\x03\x04".to_vec();
        odt.resize(30, 0);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(sniff(&odt).map(|k| k.extension), Some("odt"));
        let mut docx = b"PK\x03\x04".to_vec();
        docx.resize(30, 0);
        docx.extend_from_slice(b"[Content_Types].xml ... word/document.xml");
        assert_eq!(sniff(&docx).map(|k| k.extension), Some("docx"));
    }

    #[test]
    fn names_lose_folders_and_dangerous_characters() {
        assert_eq!(clean_name("C:\\Users\\ana\\plan <v2>.pdf", "pdf"), "plan v2.pdf");
        assert_eq!(clean_name("../../etc/passwd", "txt"), "passwd");
        assert_eq!(clean_name("\"\u{7}", "pdf"), "file.pdf");
        assert_eq!(clean_name(".hidden", "txt"), "hidden");
    }
}
