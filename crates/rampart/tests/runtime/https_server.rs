//! A local HTTPS server for the http plugin's tests: a CA and a `localhost` certificate made at
//! start, rustls on a loopback port, a thread per connection, and a few routes:
//!
//! - `/hello`: `hello`;
//! - `/echo`: the request's method, then its body;
//! - `/redirect?to=<url>`: 302 to that URL; `/see-other?to=<url>`: 303 to it;
//! - `/loop`: 302 to itself;
//! - `/big`: 20 MB of `x`;
//! - `/forever`: a response that never ends (a byte every 50 ms);
//! - `/slow`: answers after 5 s;
//! - `/headers`: the request's headers, one per line.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use rustls::ServerConfig;
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// A running server: its port and the CA certificate (PEM) clients must trust.
pub struct HttpsServer {
    pub port: u16,
    pub ca_pem: String,
}

impl HttpsServer {
    /// Starts a server on a free loopback port; it runs until the test process ends.
    pub fn start() -> HttpsServer {
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = ca_params.self_signed(&ca_key).expect("CA certificate");
        let issuer = Issuer::new(ca_params, ca_key);
        let leaf_key = KeyPair::generate().expect("server key");
        let leaf = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .expect("server params")
            .signed_by(&leaf_key, &issuer)
            .expect("server certificate");
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("protocols")
            .with_no_client_auth()
            .with_single_cert(
                vec![leaf.der().clone()],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
            )
            .expect("server config");
        let config = Arc::new(config);
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().expect("address").port();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let config = config.clone();
                thread::spawn(move || serve(stream, config, port));
            }
        });
        HttpsServer {
            port,
            ca_pem: ca.pem(),
        }
    }
}

fn serve(stream: TcpStream, config: Arc<ServerConfig>, port: u16) {
    let Ok(connection) = rustls::ServerConnection::new(config) else {
        return;
    };
    let mut tls = rustls::StreamOwned::new(connection, stream);
    let mut reader = BufReader::new(&mut tls);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut headers = Vec::new();
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() || line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.trim_end().split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
            headers.push(line.trim_end().to_string());
        }
    }
    let mut body = vec![0u8; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    drop(reader);
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().unwrap_or_default().to_string();
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let to = query.strip_prefix("to=").unwrap_or_default().to_string();
    let reply = |tls: &mut rustls::StreamOwned<rustls::ServerConnection, TcpStream>,
                 status: &str,
                 extra: &str,
                 body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n{extra}\r\n",
            body.len()
        );
        let _ = tls.write_all(head.as_bytes());
        let _ = tls.write_all(body);
        let _ = tls.flush();
    };
    match path {
        "/hello" => reply(&mut tls, "200 OK", "content-type: text/plain\r\n", b"hello"),
        "/echo" => {
            let mut echoed = method.into_bytes();
            echoed.push(b' ');
            echoed.extend_from_slice(&body);
            reply(&mut tls, "200 OK", "", &echoed);
        }
        "/headers" => reply(&mut tls, "200 OK", "", headers.join("\n").as_bytes()),
        "/redirect" => reply(&mut tls, "302 Found", &format!("location: {to}\r\n"), b""),
        "/see-other" => reply(
            &mut tls,
            "303 See Other",
            &format!("location: {to}\r\n"),
            b"",
        ),
        "/loop" => reply(
            &mut tls,
            "302 Found",
            &format!("location: https://localhost:{port}/loop\r\n"),
            b"",
        ),
        "/big" => reply(&mut tls, "200 OK", "", &vec![b'x'; 20_000_000]),
        "/forever" => {
            let _ = tls.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 1000000000\r\n\r\n");
            while tls.write_all(b"x").and_then(|()| tls.flush()).is_ok() {
                thread::sleep(Duration::from_millis(50));
            }
        }
        "/slow" => {
            thread::sleep(Duration::from_secs(5));
            reply(&mut tls, "200 OK", "", b"slow");
        }
        _ => reply(&mut tls, "404 Not Found", "", b"not found"),
    }
}
