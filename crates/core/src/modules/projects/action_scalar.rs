// SPDX-License-Identifier: AGPL-3.0-only
//! Actions in the API. The set is open (each participation method declares its own), so the
//! schema has a scalar `Action` rather than an enum. Queries written against the former enum
//! keep working: a bare name (`action: posting_idea`) is taken like a string.
use async_graphql::{InputValueError, InputValueResult, Name, Scalar, ScalarType, Value};

use crate::permissions::Action;

/// An action's id (`posting_idea`, `voting`, `taking_poll`, …); which ones a phase offers
/// depends on its method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionId(pub String);

impl From<Action> for ActionId {
    fn from(action: Action) -> Self {
        Self(action.as_str().to_owned())
    }
}

#[Scalar(name = "Action")]
impl ScalarType for ActionId {
    fn parse(value: Value) -> InputValueResult<Self> {
        match value {
            Value::Enum(name) => Ok(Self(name.to_string())),
            Value::String(text) => Ok(Self(text)),
            other => Err(InputValueError::expected_type(other)),
        }
    }

    fn is_valid(value: &Value) -> bool {
        matches!(value, Value::Enum(_) | Value::String(_))
    }

    fn to_value(&self) -> Value {
        Value::Enum(Name::new(&self.0))
    }
}
