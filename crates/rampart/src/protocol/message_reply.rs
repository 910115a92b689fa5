//! The `script-message-with-reply-received` signal of a WebKit user content manager, which
//! webkit2gtk-rs does not bind: each message posted to a handler, with the reply that settles
//! the promise the posting script's `postMessage` returned. Replying this way needs no script
//! to be compiled and evaluated in the page.
//!
//! This is the crate's only `unsafe` code: the signal's C callback and the reply's three C
//! functions. Each block says why it is sound.

#![allow(unsafe_code)]

use std::ptr::NonNull;

use javascriptcore::Value;
use webkit2gtk::UserContentManager;
use webkit2gtk::ffi;
use webkit2gtk::glib::object::ObjectType;
use webkit2gtk::glib::signal::connect_raw;
use webkit2gtk::glib::translate::{Borrowed, from_glib_borrow};
use webkit2gtk::glib::{self, ffi::gpointer};

/// A reply WebKit waits for, held until it is sent: it settles the posting script's promise
/// once. It belongs to the GTK thread (it is neither `Send` nor `Sync`).
pub(crate) struct MessageReply(NonNull<ffi::WebKitScriptMessageReply>);

impl MessageReply {
    /// Settles the promise with `value`.
    pub(crate) fn send(self, value: &Value) {
        // SAFETY: `self.0` is a reference this value owns (taken in `trampoline`, released in
        // `drop`), so the reply is alive; `value` is a live JSCValue for the call's duration;
        // both are used on the GTK thread, where WebKit made them (this type is not `Send`).
        // WebKit takes its own reference to the value.
        unsafe { ffi::webkit_script_message_reply_return_value(self.0.as_ptr(), value.as_ptr()) }
    }
}

impl Drop for MessageReply {
    fn drop(&mut self) {
        // SAFETY: releases the one reference this value took; it is never used afterwards.
        // (A reply released unsent rejects the posting script's promise, which WebKit does.)
        unsafe { ffi::webkit_script_message_reply_unref(self.0.as_ptr()) }
    }
}

/// The C callback of the signal: `(manager, value, reply, user data) -> handled`.
unsafe extern "C" fn trampoline<F: Fn(&Value, MessageReply) + 'static>(
    _manager: *mut ffi::WebKitUserContentManager,
    value: *mut <Value as ObjectType>::GlibType,
    reply: *mut ffi::WebKitScriptMessageReply,
    handler: gpointer,
) -> glib::ffi::gboolean {
    let Some(reply) = NonNull::new(reply) else {
        return glib::ffi::GFALSE;
    };
    // SAFETY: `handler` is the `Box<F>` leaked in `connect` for this very instantiation of the
    // callback; GLib keeps it for as long as the handler is connected, and calls us on the
    // GTK thread only.
    let handler: &F = unsafe { &*(handler as *const F) };
    // SAFETY: WebKit passes a valid JSCValue, borrowed for the duration of the call.
    let value: Borrowed<Value> = unsafe { from_glib_borrow(value) };
    // SAFETY: WebKit passes a valid reply; taking a reference keeps it alive past the call,
    // until the `MessageReply` that holds it sends it or is dropped.
    let reply = unsafe { ffi::webkit_script_message_reply_ref(reply.as_ptr()) };
    let Some(reply) = NonNull::new(reply) else {
        return glib::ffi::GFALSE;
    };
    handler(&value, MessageReply(reply));
    // Handled: the reply is sent later, from `MessageReply`.
    glib::ffi::GTRUE
}

/// Calls `handler` with each message posted to the handler `name` of `manager` (registered
/// with `register_script_message_handler_with_reply`) and its reply.
pub(crate) fn connect<F: Fn(&Value, MessageReply) + 'static>(
    manager: &UserContentManager,
    name: &str,
    handler: F,
) {
    let signal = format!("script-message-with-reply-received::{name}\0");
    let handler = Box::into_raw(Box::new(handler));
    // SAFETY: the signal's C signature is the trampoline's (WebKitGTK 2.40 and later, which
    // the crate requires: `webkit2gtk/v2_40`); the callback is cast to the untyped
    // `GCallback` GLib takes, as gtk-rs does for every signal; `handler` is a leaked box that
    // lives as long as the connection (the manager, which lives as long as its webview); the
    // signal name is NUL-terminated.
    unsafe {
        connect_raw(
            manager.as_ptr() as *mut _,
            signal.as_ptr() as *const _,
            Some(std::mem::transmute::<*const (), unsafe extern "C" fn()>(
                trampoline::<F> as *const (),
            )),
            handler,
        );
    }
}
