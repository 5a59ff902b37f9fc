//! The OpenAPI 3 document served at `/api/openapi.json`, written by hand
//! so that it says what each route means, not only its types. A test in
//! [`crate::router`] checks that it lists exactly the API routes and, for
//! each, exactly the query parameters the handler accepts.

use serde_json::{json, Value};

fn param(name: &str, description: &str, schema: Value, required: bool) -> Value {
    json!({ "name": name, "in": "query", "required": required, "description": description, "schema": schema })
}

fn iso3(name: &str, description: &str, required: bool) -> Value {
    param(name, description, json!({ "type": "string", "pattern": "^[A-Za-z]{3}$", "example": "CHN" }), required)
}

fn date(name: &str, description: &str) -> Value {
    param(name, description, json!({ "type": "string", "format": "date" }), false)
}

fn period(default: &str) -> Value {
    param("period", "Period length.", json!({ "type": "string", "enum": ["week", "month", "quarter", "year"], "default": default }), false)
}

fn errors() -> Value {
    let e = |d: &str| json!({ "description": d, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } });
    json!({
        "400": e("Malformed parameter (bad date, unknown parameter, limit exceeded)."),
        "404": e("Nothing there (unknown route or document)."),
        "405": e("Method other than GET or HEAD."),
        "413": e("The request has a body."),
        "414": e("Request target or query string too long."),
        "422": e("Unknown actor (country) code."),
        "500": e("Internal error."),
        "503": e("The query ran past the time limit.")
    })
}

fn get(summary: &str, parameters: Vec<Value>, ok: &str) -> Value {
    let mut responses = errors();
    responses["200"] = json!({ "description": ok, "content": { "application/json": { "schema": { "type": "object" } } } });
    json!({ "get": { "summary": summary, "parameters": parameters, "responses": responses } })
}

/// The OpenAPI document.
pub fn document() -> Value {
    let from = || date("from", "First date (inclusive), YYYY-MM-DD.");
    let to = || date("to", "Last date (inclusive), YYYY-MM-DD; at most 60 years after `from`.");
    let directed = || param("directed", "Only events of `a` towards `b`.", json!({ "type": "boolean", "default": false }), false);
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Faultline dashboard API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Read-only access to a Faultline event database: events with their evidence, dyad series, says-vs-does gap, UN vote affinity, strategic triangles and rift alerts. Errors are {\"error\": {\"status\", \"message\"}}."
        },
        "paths": {
            "/api/openapi.json": { "get": { "summary": "This document.", "parameters": [], "responses": { "200": { "description": "OpenAPI 3 document." } } } },
            "/api/events": get("Stored events, filtered and paginated, in id order.", vec![
                iso3("source", "Source country (ISO3).", false),
                iso3("target", "Target country (ISO3).", false),
                from(), to(),
                param("root", "CAMEO root 01-20.", json!({ "type": "string" }), false),
                param("quad", "Quad class 1-4.", json!({ "type": "integer", "minimum": 1, "maximum": 4 }), false),
                param("q", "Text to find in the evidence sentence (literal, at most 200 characters).", json!({ "type": "string" }), false),
                param("all", "Include negated, hypothetical and prescriptive events.", json!({ "type": "boolean", "default": false }), false),
                param("limit", "Page size (at most 500).", json!({ "type": "integer", "minimum": 0, "maximum": 500, "default": 50 }), false),
                param("offset", "Events to skip (at most 100000).", json!({ "type": "integer", "minimum": 0, "maximum": 100000, "default": 0 }), false),
            ], "{total, limit, offset, events: [...]}"),
            "/api/dyad": get("A dyad's series per period: counts per quad class, Goldstein sum and mean, per-1,000 normalisation.", vec![
                iso3("a", "First state.", true), iso3("b", "Second state.", true), period("month"), from(), to(), directed(),
            ], "The series: {dyad, period, points: [...]}"),
            "/api/gap": get("Says vs does: verbal against material cooperation and conflict per period.", vec![
                iso3("a", "First state.", true), iso3("b", "Second state.", true), period("month"), from(), to(), directed(),
            ], "{dyad, period, points, total}"),
            "/api/votes": get("UN General Assembly vote affinity (S, kappa, pi) per pair; only when the server was started with --votes and --roll-calls (404 otherwise).", vec![
                param("countries", "2-8 ISO3 codes, comma-separated.", json!({ "type": "string", "example": "USA,CHN,RUS" }), true),
                param("by", "Group by session or year.", json!({ "type": "string", "enum": ["session", "year"], "default": "session" }), false),
                param("important", "Only roll calls marked important.", json!({ "type": "boolean", "default": false }), false),
            ], "[{period, a, b, affinity}]"),
            "/api/triangle": get("The strategic triangle of three states per period: scores, signs, Dittmer's configuration, roles, transitions, change points.", vec![
                iso3("a", "First state.", true), iso3("b", "Second state.", true), iso3("c", "Third state.", true), period("year"), from(), to(),
            ], "{timeline, change_points}"),
            "/api/rifts": get("Rift alerts: a partnership cooling while a third state's ties to both hold, with the evidence events.", vec![
                param("actors", "3-8 ISO3 codes, comma-separated.", json!({ "type": "string", "example": "USA,CHN,RUS" }), true),
                period("year"), from(), to(),
            ], "[{drop, third, evidence}]"),
            "/api/documents/{id}": {
                "get": {
                    "summary": "A stored document with its sentences and every coded event. The id is percent-encoded and may contain slashes.",
                    "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ],
                    "responses": errors_with_ok("{id, date, title, source, url, text, sentences, events}")
                }
            }
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": { "error": { "type": "object", "properties": { "status": { "type": "integer" }, "message": { "type": "string" } } } }
                }
            }
        }
    })
}

fn errors_with_ok(ok: &str) -> Value {
    let mut r = errors();
    r["200"] = json!({ "description": ok, "content": { "application/json": { "schema": { "type": "object" } } } });
    r
}
