//! `Authority::decide` and scope checks allocate nothing: a counting allocator watches them.

// The counting allocator must implement `GlobalAlloc`, which is an unsafe trait.
#![allow(unsafe_code)]

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use common::{app, dirs, local, valid};
use rampart_core::acl::{Facts, Origin};
use rampart_core::scope::CheckedPath;
use url::Url;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

struct CountingAllocator;

// SAFETY: every call is forwarded unchanged to `System`, which upholds `GlobalAlloc`'s contract;
// the thread-locals are const-initialised `Cell`s, so touching them never allocates or re-enters.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            ALLOCATIONS.with(|n| n.set(n.get() + 1));
        }
        // SAFETY: same layout, forwarded to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with this layout (see `alloc`).
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// How many allocations `f` makes on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    ALLOCATIONS.with(|n| n.set(0));
    COUNTING.with(|c| c.set(true));
    f();
    COUNTING.with(|c| c.set(false));
    ALLOCATIONS.with(Cell::get)
}

#[test]
fn decisions_and_scope_checks_allocate_nothing() {
    let authority = valid(app(
        &["read_note", "save_note"],
        &["[[permission]]\nidentifier = \"no-save\"\ncommands.deny = [\"save_note\"]\n"],
        &[
            (
                "a.toml",
                "identifier = \"a\"\nwindows = [\"main\", \"doc-*\", \"d?c\"]\npermissions = [\"allow-read-note\", \"no-save\", \
                 { identifier = \"fs:read-files\", allow = [{ path = \"$HOME/**\" }], deny = [{ path = \"$HOME/private/**\" }] }]\n",
            ),
            (
                "b.toml",
                "identifier = \"b\"\nwindows = [\"web\"]\nlocal = false\nremote.urls = [\"https://*.example.com\"]\n\
                 permissions = [\"allow-read-note\", { identifier = \"http:default\", allow = [{ url = \"https://api.example.com/**\" }] }]\n",
            ),
        ],
    ));
    let path = CheckedPath::new("/home/u/notes/today.md", &dirs()).expect("valid path");
    let remote = Origin::Remote(Url::parse("https://docs.example.com").expect("valid URL"));
    let target = Url::parse("https://api.example.com/v1/x?y=1").expect("valid URL");
    let web = Facts {
        window: "web",
        webview: "web",
        origin: &remote,
    };
    let count = allocations(|| {
        for facts in [
            local("main"),
            local("doc-1"),
            local("dxc"),
            local("other"),
            web,
        ] {
            for command in [
                "read_note",
                "save_note",
                "plugin:fs|read_file",
                "plugin:http|fetch",
                "nope",
            ] {
                if let Ok(grant) = authority.decide(facts, command) {
                    let scope = grant.scope();
                    std::hint::black_box((
                        scope.check_path(&path),
                        scope.check_url(&target),
                        scope.is_empty(),
                    ));
                }
            }
        }
    });
    assert_eq!(count, 0, "decide and scope checks allocated {count} times");
    // The counter works: this allocates.
    assert!(allocations(|| drop(std::hint::black_box(vec![1u8; 16]))) > 0);
}
