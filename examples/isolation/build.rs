//! Rebuilds the app when a file of its configuration or pages is added, removed or changed.

fn main() {
    rampart_build::track_app();
}
