//! `fetch`: one request, every hop checked, its answer bounded.

use std::error::Error as _;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rampart_core::acl::ScopeRule;
use rampart_core::ipc::{IpcError, framed, same_origin};
use reqwest::header::{
    AUTHORIZATION, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName, HeaderValue, LOCATION,
    PROXY_AUTHORIZATION,
};
use reqwest::{Client, Method, StatusCode, Url};
use serde::{Deserialize, Serialize};
use url::Host;

use super::addresses::{LocalAddress, PublicOnly, is_public};
use super::{
    Clients, DEFAULT_MAX_RESPONSE, DEFAULT_TIMEOUT, InFlight, MAX_REDIRECTS, MAX_RESPONSE,
    MAX_TIMEOUT, Options,
};
use crate::caller::CallScope;
use crate::command::{Invocation, Reply};
use crate::page_table::random_id;
use crate::plugins::framed_body;

/// Headers a page may not set: the request's routing and framing are the client's.
const FORBIDDEN_HEADERS: [&str; 11] = [
    "host",
    "connection",
    "content-length",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "keep-alive",
    "expect",
    "proxy-authorization",
    "proxy-connection",
];

/// The most headers a request may carry.
const MAX_HEADERS: usize = 64;

/// The head of a `fetch` call's framed body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Head {
    url: String,
    method: Option<String>,
    #[serde(default)]
    headers: Vec<(String, String)>,
    timeout_ms: Option<u64>,
    max_response_bytes: Option<u64>,
    request_id: Option<String>,
}

/// The head of the answer's framed body.
#[derive(Serialize)]
struct ResponseHead {
    status: u16,
    url: String,
    redirected: bool,
    headers: Vec<(String, String)>,
}

/// A request, checked as far as it can be before anything is sent.
struct Request {
    /// The URL as the page wrote it, for messages.
    written: String,
    url: Url,
    method: Method,
    headers: HeaderMap,
    body: Vec<u8>,
    timeout: Duration,
    max_response: u64,
    id: Option<String>,
}

/// A client for the plugin: no proxy, no redirects of its own, and for `local == false` a
/// resolver that keeps public addresses only.
pub(super) fn client(options: &Options, local: bool) -> Result<Client, String> {
    let mut builder = Client::builder()
        .use_rustls_tls()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none());
    for root in &options.extra_roots {
        builder = builder.add_root_certificate(root.clone());
    }
    if !local {
        builder = builder.dns_resolver(Arc::new(PublicOnly));
    }
    builder
        .build()
        .map_err(|e| format!("cannot build the HTTP client: {e}"))
}

/// `fetch`: checks what can be checked now, then runs the request as a task this page can
/// cancel.
pub(super) fn fetch(
    mut call: Invocation,
    clients: Result<Arc<Clients>, String>,
    in_flight: Arc<InFlight>,
) -> impl Future<Output = Result<Reply, IpcError>> + Send {
    let request = call.take_bytes().and_then(|body| request(&body));
    let scope = call.call_scope();
    let webview = call.webview_label().to_string();
    async move {
        let request = request?;
        let clients = clients.map_err(IpcError::internal)?;
        // Every request is kept, under the page's id or one of ours: the page's going away
        // cancels it.
        let id = match &request.id {
            Some(id) => id.clone(),
            None => random_id("a request id")?,
        };
        let task = tokio::spawn(run(request, scope, clients));
        let task_id = task.id();
        in_flight.insert(&webview, &id, task.abort_handle())?;
        let outcome = task.await;
        in_flight.forget(&webview, &id, task_id);
        match outcome {
            Ok(result) => result,
            Err(error) if error.is_cancelled() => {
                Err(IpcError::bad_request("the request was cancelled"))
            }
            Err(_) => Err(IpcError::internal("the request failed")),
        }
    }
}

/// The request a framed body describes.
fn request(body: &[u8]) -> Result<Request, IpcError> {
    let (head, data): (Head, &[u8]) = framed_body(body)?;
    let written: String = head.url.chars().take(2048).collect();
    let url = Url::parse(&head.url)
        .map_err(|e| IpcError::bad_request(format!("`{written}` is not a URL: {e}")))?;
    let method = match head
        .method
        .as_deref()
        .unwrap_or("GET")
        .to_ascii_uppercase()
        .as_str()
    {
        "GET" => Method::GET,
        "POST" => Method::POST,
        "PUT" => Method::PUT,
        "PATCH" => Method::PATCH,
        "DELETE" => Method::DELETE,
        "HEAD" => Method::HEAD,
        "OPTIONS" => Method::OPTIONS,
        other => {
            return Err(IpcError::bad_request(format!(
                "the method `{}` is not one fetch makes: use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS",
                other.chars().take(32).collect::<String>().escape_debug()
            )));
        }
    };
    let timeout = head
        .timeout_ms
        .map_or(DEFAULT_TIMEOUT, Duration::from_millis)
        .min(MAX_TIMEOUT);
    let max_response = head.max_response_bytes.unwrap_or(DEFAULT_MAX_RESPONSE);
    if max_response > MAX_RESPONSE {
        return Err(IpcError::bad_request(format!(
            "maxResponseBytes is at most {MAX_RESPONSE}"
        )));
    }
    if head
        .request_id
        .as_ref()
        .is_some_and(|id| id.is_empty() || id.len() > 64)
    {
        return Err(IpcError::bad_request("a requestId is 1 to 64 bytes"));
    }
    Ok(Request {
        written,
        url,
        method,
        headers: headers(&head.headers)?,
        body: data.to_vec(),
        timeout,
        max_response,
        id: head.request_id,
    })
}

/// The page's headers, each checked.
fn headers(written: &[(String, String)]) -> Result<HeaderMap, IpcError> {
    if written.len() > MAX_HEADERS {
        return Err(IpcError::bad_request(format!(
            "a request carries at most {MAX_HEADERS} headers"
        )));
    }
    let mut headers = HeaderMap::new();
    for (name, value) in written {
        let shown: String = name.chars().take(64).collect();
        let parsed = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            IpcError::bad_request(format!("`{}` is not a header name", shown.escape_debug()))
        })?;
        if FORBIDDEN_HEADERS.contains(&parsed.as_str()) || parsed.as_str().starts_with("proxy-") {
            return Err(IpcError::bad_request(format!(
                "the header `{shown}` is the client's to set, not the page's"
            )));
        }
        let value = HeaderValue::from_str(value).map_err(|_| {
            IpcError::bad_request(format!(
                "the value of `{shown}` is not a valid header value"
            ))
        })?;
        headers.append(parsed, value);
    }
    Ok(headers)
}

/// Sends the request, following redirects the scope allows, and reads the answer.
async fn run(request: Request, scope: CallScope, clients: Arc<Clients>) -> Result<Reply, IpcError> {
    let deadline = Instant::now() + request.timeout;
    let Request {
        written,
        mut url,
        mut method,
        mut headers,
        mut body,
        timeout,
        max_response,
        ..
    } = request;
    let mut redirects = 0;
    loop {
        let local = check_hop(&scope, &url, &written, redirects > 0)?;
        let client = if local {
            &clients.local
        } else {
            &clients.public
        };
        let remaining = deadline.saturating_duration_since(Instant::now());
        let mut builder = client
            .request(method.clone(), url.clone())
            .headers(headers.clone())
            .timeout(remaining);
        if !body.is_empty() {
            builder = builder.body(body.clone());
        }
        let mut response = builder
            .send()
            .await
            .map_err(|e| send_error(&e, &written, timeout))?;
        let status = response.status();
        let location = response.headers().get(LOCATION).cloned();
        if let (true, Some(location)) = (status.is_redirection(), location) {
            redirects += 1;
            if redirects > MAX_REDIRECTS {
                return Err(IpcError::bad_request(format!(
                    "`{written}` redirected more than {MAX_REDIRECTS} times"
                )));
            }
            let next = location
                .to_str()
                .ok()
                .and_then(|l| url.join(l).ok())
                .ok_or_else(|| {
                    IpcError::bad_request(format!("`{written}` redirected to an invalid URL"))
                })?;
            let to_get = status == StatusCode::SEE_OTHER
                || (matches!(status, StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND)
                    && method == Method::POST);
            if to_get {
                method = Method::GET;
                body.clear();
                headers.remove(CONTENT_TYPE);
            }
            if !same_origin(&url, &next) {
                for secret in [AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION] {
                    headers.remove(secret);
                }
            }
            url = next;
            continue;
        }
        let head = ResponseHead {
            status: status.as_u16(),
            url: url.to_string(),
            redirected: redirects > 0,
            headers: response
                .headers()
                .iter()
                .map(|(name, value)| {
                    (
                        name.to_string(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect(),
        };
        let mut data = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| send_error(&e, &written, timeout))?
        {
            if (data.len() + chunk.len()) as u64 > max_response {
                return Err(IpcError::too_large(format!(
                    "the response of `{written}` is larger than {max_response} bytes (maxResponseBytes)"
                )));
            }
            data.extend_from_slice(&chunk);
        }
        let head = serde_json::to_vec(&head)
            .map_err(|e| IpcError::internal(format!("the response cannot be sent: {e}")))?;
        return Ok(Reply::Bytes(framed::join(&head, &data)));
    }
}

/// Checks one hop: the URL against the scope, and an IP literal against the addresses the
/// matching rule reaches. Whether the hop may reach the local network.
fn check_hop(
    scope: &CallScope,
    url: &Url,
    written: &str,
    redirected: bool,
) -> Result<bool, IpcError> {
    let refused = || {
        IpcError::denied(if redirected {
            format!("`{written}` redirected to a URL the http scope does not allow")
        } else {
            format!("`{written}` is not allowed by the http scope")
        })
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Err(refused());
    }
    let scope = scope.scope();
    if !scope.check_url(url).is_allowed() {
        return Err(refused());
    }
    let local = scope
        .check(|rule| matches!(rule, ScopeRule::Url(p) if p.local_network() && p.matches(url)))
        .is_allowed();
    let literal = match url.host() {
        Some(Host::Ipv4(ip)) => Some(ip.into()),
        Some(Host::Ipv6(ip)) => Some(ip.into()),
        _ => None,
    };
    if !local && literal.is_some_and(|ip| !is_public(ip)) {
        return Err(local_refused(written));
    }
    Ok(local)
}

fn local_refused(written: &str) -> IpcError {
    IpcError::denied(format!(
        "`{written}` leads to a loopback, private or link-local address: only a rule with `local-network = true` reaches those"
    ))
}

/// A failure to send or read, as the page should see it.
fn send_error(error: &reqwest::Error, written: &str, timeout: Duration) -> IpcError {
    let mut source = error.source();
    while let Some(cause) = source {
        if cause.is::<LocalAddress>() {
            return local_refused(written);
        }
        source = cause.source();
    }
    if error.is_timeout() {
        return IpcError::internal(format!(
            "`{written}` did not answer within {} ms",
            timeout.as_millis()
        ));
    }
    let mut message = format!("`{written}`: {error}");
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    IpcError::internal(message)
}
