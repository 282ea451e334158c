// SPDX-License-Identifier: AGPL-3.0-only
//! Template keyword arguments to Fluent arguments.
use fluent_bundle::{FluentArgs, FluentValue};
use minijinja::Value;
use minijinja::value::{Kwargs, ValueKind};

pub fn to_fluent_args(kwargs: &Kwargs) -> Result<FluentArgs<'static>, minijinja::Error> {
    let mut args = FluentArgs::new();
    for key in kwargs.args() {
        let value: Value = kwargs.get(key)?;
        let fluent = match value.kind() {
            ValueKind::Number => {
                value.as_i64().map(FluentValue::from).unwrap_or_else(|| FluentValue::from(value.to_string()))
            }
            _ => FluentValue::from(value.to_string()),
        };
        args.set(key.to_owned(), fluent);
    }
    Ok(args)
}
