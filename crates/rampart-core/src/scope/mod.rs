//! Scope matchers (being written).
