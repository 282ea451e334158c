# SPDX-License-Identifier: AGPL-3.0-only
"""Schemathesis hooks for `cargo xtask test`: values for Townhall's own GraphQL scalars, and
the check that the API never fails on the server.

A GraphQL error with a `path` (a resolver's error) counts as a server failure only when its
code is `internal` or missing: refusals such as `not_signed_in`, `forbidden` or `not_found`
are the API's answers, in its documented form, not failures.
"""
import graphql
import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

schemathesis.graphql.scalar(
    "DateTime",
    st.datetimes(min_value=__import__("datetime").datetime(2000, 1, 1), max_value=__import__("datetime").datetime(2100, 1, 1))
    .map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ"))
    .map(nodes.String),
)
schemathesis.graphql.scalar("NaiveDate", st.dates().map(lambda d: d.isoformat()).map(nodes.String))
# Multilingual texts: an object from language codes to text, sometimes something else.
schemathesis.graphql.scalar(
    "JSON",
    st.one_of(
        st.dictionaries(st.sampled_from(["en", "nl", "fr", "de"]), st.text(max_size=40), max_size=3).map(
            lambda d: nodes.Object(
                [graphql.ObjectFieldNode(name=graphql.NameNode(value=k), value=nodes.String(v)) for k, v in d.items()]
            )
        ),
        st.text(max_size=20).map(nodes.String),
    ),
)

# Actions are an open set, a scalar: the methods' own, written bare as the former enum was
# and as strings, and names no method offers (which the API refuses).
ACTIONS = ["posting_idea", "commenting_idea", "reacting_idea", "voting", "taking_poll", "taking_survey", "volunteering"]
schemathesis.graphql.scalar(
    "Action",
    st.one_of(
        st.sampled_from(ACTIONS).map(lambda a: graphql.EnumValueNode(value=a)),
        st.sampled_from(ACTIONS).map(nodes.String),
        st.text(max_size=20).map(nodes.String),
    ),
)


@schemathesis.check
def no_server_failure(ctx, response, case):
    """No 5xx, and no resolver error whose code says it failed on the server."""
    if response.status_code >= 500:
        raise AssertionError(f"the server answered {response.status_code}")
    try:
        body = response.json()
    except Exception:
        return None
    for error in (body or {}).get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        if "path" in error and code in (None, "internal"):
            raise AssertionError(f"a resolver failed on the server: {error}")
    return None
