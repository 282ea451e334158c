// SPDX-License-Identifier: AGPL-3.0-only
//! Amounts of a budget in the platform's currency, written the way each language writes them:
//! "€1,500" in English, "€ 1.500" in Dutch, "1 500 €" in French. Budgets are whole units.

/// The sign of the currencies cities use most; others are written with their code.
fn symbol(code: &str) -> &str {
    match code {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        "BRL" => "R$",
        other => other,
    }
}

/// Digits in groups of three with `separator`.
fn grouped(amount: u64, separator: &str) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

pub fn format(amount: i64, currency: &str, locale: &str) -> String {
    let minus = if amount < 0 { "-" } else { "" };
    let (amount, sign) = (amount.unsigned_abs(), symbol(currency));
    // A code rather than a sign reads better with a space in every language.
    let code = sign.len() == 3 && sign.bytes().all(|b| b.is_ascii_uppercase());
    match locale {
        // A narrow no-break space groups digits in French and keeps the sign on the same line.
        "fr" => format!("{minus}{}\u{202f}{sign}", grouped(amount, "\u{202f}")),
        "nl" => format!("{minus}{sign}\u{a0}{}", grouped(amount, ".")),
        _ if code => format!("{minus}{sign}\u{a0}{}", grouped(amount, ",")),
        _ => format!("{minus}{sign}{}", grouped(amount, ",")),
    }
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn each_language_writes_amounts_its_way() {
        assert_eq!(format(1_500, "EUR", "en"), "€1,500");
        assert_eq!(format(1_234_567, "EUR", "nl"), "€\u{a0}1.234.567");
        assert_eq!(format(1_500, "EUR", "fr"), "1\u{202f}500\u{202f}€");
        assert_eq!(format(999, "CHF", "en"), "CHF\u{a0}999");
        assert_eq!(format(-20, "USD", "en"), "-$20");
        assert_eq!(format(0, "GBP", "en"), "£0");
    }
}
