//! The one rescue point: every failure on the request's way becomes a fixed public page, and
//! [`classify`] tells which failure an upstream client error is.
//!
//! Public bodies are fixed text and never echo anything from the request or the upstream;
//! the details go to the operational log only. Each error knows whose fault it is.

use std::time::Duration;

use http::{HeaderValue, Response, StatusCode, header};

use super::body::GatewayBody;
pub(crate) use crate::pages::fixed_page;

use super::deadline::BodyTimeout;
use crate::upstream::pool::UpstreamError;

/// Whose fault a failure is; decides the log level and the status family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    Client,
    Upstream,
    Internal,
}

/// Every way a request can fail before a response is produced.
#[derive(Debug, thiserror::Error)]
pub(crate) enum GatewayError {
    #[error("malformed request: {0}")]
    BadRequest(&'static str),
    #[error("request body not received in time: {0}")]
    RequestTimeout(#[from] super::deadline::BodyTimeout),
    #[error("request body larger than {limit} bytes")]
    PayloadTooLarge { limit: u64 },
    #[error("no site serves host {0:?}")]
    UnknownHost(String),
    #[error("TLS name {sni:?} does not serve host {host:?}")]
    Misdirected { sni: String, host: String },
    #[error("refused by guard rule {rule}")]
    Refused {
        status: StatusCode,
        rule: &'static str,
        retry_after: Option<Duration>,
    },
    #[error("upstream unavailable: {0}")]
    UpstreamUnavailable(String),
    #[error("upstream did not answer within {0:?}")]
    UpstreamTimeout(Duration),
    #[error("internal error: {0}")]
    Internal(String),
}

impl GatewayError {
    pub(crate) fn fault(&self) -> Fault {
        match self {
            Self::BadRequest(_)
            | Self::RequestTimeout(_)
            | Self::PayloadTooLarge { .. }
            | Self::UnknownHost(_)
            | Self::Misdirected { .. }
            | Self::Refused { .. } => Fault::Client,
            Self::UpstreamUnavailable(_) | Self::UpstreamTimeout(_) => Fault::Upstream,
            Self::Internal(_) => Fault::Internal,
        }
    }

    /// The fixed status for this error. `unknown_host` is the configured 421 or 404.
    pub(crate) fn status(&self, unknown_host: StatusCode) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnknownHost(_) => unknown_host,
            Self::Misdirected { .. } => StatusCode::MISDIRECTED_REQUEST,
            Self::Refused { status, .. } => *status,
            Self::UpstreamUnavailable(_) => StatusCode::BAD_GATEWAY,
            Self::UpstreamTimeout(_) => StatusCode::GATEWAY_TIMEOUT,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Logs the details and builds the fixed public response.
    pub(crate) fn into_response(
        self,
        unknown_host: StatusCode,
        request_id: &str,
    ) -> Response<GatewayBody> {
        match self.fault() {
            Fault::Client => tracing::info!(request_id, error = %self, "request refused"),
            Fault::Upstream => tracing::warn!(request_id, error = %self, "upstream failure"),
            Fault::Internal => tracing::error!(request_id, error = %self, "internal failure"),
        }
        let mut resp = fixed_page(self.status(unknown_host));
        if let Self::Refused {
            retry_after: Some(after),
            ..
        } = self
        {
            let secs = after.as_secs().max(1);
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        resp
    }
}

/// Maps an upstream client error to the failure the client is told about.
pub(crate) fn classify(
    err: &UpstreamError,
    limit: u64,
    connect_timeout: std::time::Duration,
) -> GatewayError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if e.is::<http_body_util::LengthLimitError>() {
            return GatewayError::PayloadTooLarge { limit };
        }
        if let Some(t) = e.downcast_ref::<BodyTimeout>() {
            return GatewayError::RequestTimeout(BodyTimeout(t.0));
        }
        if e.is::<crate::guard::upload::UploadBlocked>() {
            return GatewayError::Refused {
                status: StatusCode::FORBIDDEN,
                rule: "upload.multipart_exec",
                retry_after: None,
            };
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::TimedOut
        {
            return GatewayError::UpstreamTimeout(connect_timeout);
        }
        source = e.source();
    }
    GatewayError::UpstreamUnavailable(format!("{err:#}: {}", chain(err)))
}

fn chain(err: &dyn std::error::Error) -> String {
    let mut out = Vec::new();
    let mut source = err.source();
    while let Some(e) = source {
        out.push(e.to_string());
        source = e.source();
    }
    out.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_fixed() {
        let u = StatusCode::MISDIRECTED_REQUEST;
        assert_eq!(
            GatewayError::UpstreamTimeout(Duration::from_secs(1)).status(u),
            504
        );
        assert_eq!(GatewayError::UpstreamUnavailable("x".into()).status(u), 502);
        assert_eq!(
            GatewayError::UnknownHost("x".into()).status(StatusCode::NOT_FOUND),
            404
        );
        assert_eq!(GatewayError::PayloadTooLarge { limit: 1 }.status(u), 413);
    }

    #[test]
    fn refusal_carries_retry_after() {
        let e = GatewayError::Refused {
            status: StatusCode::TOO_MANY_REQUESTS,
            rule: "rate.limit",
            retry_after: Some(Duration::from_millis(1500)),
        };
        let resp = e.into_response(StatusCode::MISDIRECTED_REQUEST, "r1");
        assert_eq!(resp.status(), 429);
        assert_eq!(resp.headers()[header::RETRY_AFTER], "1");
    }
}
