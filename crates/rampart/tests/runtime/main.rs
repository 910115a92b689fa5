//! The runtime's integration tests, one binary (each test binary links GTK and WebKit): the
//! real door, gate, Authority and handlers through the mock runtime (`rampart::mock`).

// Each module uses the parts of the shared apps it needs.
#![allow(dead_code)]

mod calls_app;
mod support;

mod asset;
mod byte_channels;
mod channels;
mod clipboard;
mod command_macro;
mod context;
mod dev_server;
mod dialog;
mod events;
mod extractors;
mod fs;
mod hooks;
mod http;
mod https_server;
mod isolation;
mod mock_door;
mod notification;
mod opener;
mod path;
mod plugins;
mod scope_files;
mod shell;
mod window;
