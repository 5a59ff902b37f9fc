//! Errors: [`ApiError`] is what a request gets back (a status and a
//! message, rendered as `{"error": {"status": …, "message": …}}`);
//! [`ServerError`] is what stops the server from starting.

use std::path::PathBuf;

/// A request's failure: an HTTP status and a message for the client.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status}: {message}")]
pub struct ApiError {
    /// HTTP status code (4xx for the client's mistakes, 5xx for ours).
    pub status: u16,
    /// What went wrong, in words the client can act on.
    pub message: String,
}

impl ApiError {
    /// A 400: malformed parameters.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError { status: 400, message: message.into() }
    }

    /// A 404: no such route or document.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { status: 404, message: message.into() }
    }

    /// A 422: well-formed but meaningless (an unknown actor code).
    pub fn unprocessable(message: impl Into<String>) -> ApiError {
        ApiError { status: 422, message: message.into() }
    }

    /// A 500: our fault.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError { status: 500, message: message.into() }
    }

    /// The JSON body of the error response.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({ "error": { "status": self.status, "message": self.message } })
    }
}

impl From<faultline_store::StoreError> for ApiError {
    fn from(e: faultline_store::StoreError) -> ApiError {
        let text = e.to_string();
        // A watchdog interrupts queries that run past the time limit;
        // SQLite reports that as "interrupted".
        if text.contains("interrupted") {
            ApiError { status: 503, message: "the query exceeded the server's time limit; narrow the date range or filters".into() }
        } else {
            ApiError::internal(format!("database error: {text}"))
        }
    }
}

impl From<faultline_analysis::AnalysisError> for ApiError {
    fn from(e: faultline_analysis::AnalysisError) -> ApiError {
        match e {
            faultline_analysis::AnalysisError::UnknownCountry(_) => ApiError::unprocessable(e.to_string()),
            other => ApiError::bad_request(other.to_string()),
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The database cannot be opened read-only.
    #[error("cannot open the event database: {0}")]
    Store(#[from] faultline_store::StoreError),
    /// A non-loopback address without `allow_remote`.
    #[error("refusing to bind {0}: it is not a loopback address (the dashboard has no authentication); pass --allow-remote to expose it")]
    NotLoopback(std::net::SocketAddr),
    /// The address cannot be bound.
    #[error("cannot listen on {addr}: {message}")]
    Bind {
        /// The address asked for.
        addr: std::net::SocketAddr,
        /// The system's reason.
        message: String,
    },
    /// The UN vote files cannot be read.
    #[error("cannot read the UN vote files {} and {}: {source}", votes.display(), roll_calls.display())]
    Votes {
        /// The votes file.
        votes: PathBuf,
        /// The roll-calls file.
        roll_calls: PathBuf,
        /// The reader's error (names file and line).
        #[source]
        source: faultline_analysis::AnalysisError,
    },
}
