//! Managed state: values the app hands to the builder, shared by every command.

use std::any::{Any, TypeId, type_name};
use std::collections::HashMap;
use std::sync::Arc;

use rampart_core::ipc::{ErrorCode, IpcError};

/// One value of each type, shared by every command. Use interior mutability (a `Mutex`,
/// atomics) for state that changes.
#[derive(Default)]
pub(crate) struct States {
    values: HashMap<TypeId, Arc<dyn Any + Send + Sync>>,
}

impl States {
    /// Stores `value`, replacing any earlier value of the same type.
    pub fn insert<T: Send + Sync + 'static>(&mut self, value: T) {
        self.values.insert(TypeId::of::<T>(), Arc::new(value));
    }

    /// The value of type `T`; an `internal` error names the type when it was never managed.
    pub fn get<T: Send + Sync + 'static>(&self) -> Result<Arc<T>, IpcError> {
        self.values
            .get(&TypeId::of::<T>())
            .cloned()
            .and_then(|value| value.downcast::<T>().ok())
            .ok_or_else(|| {
                tracing::error!(
                    state = type_name::<T>(),
                    "a command asked for unmanaged state"
                );
                IpcError::new(
                    ErrorCode::Internal,
                    format!(
                        "no state of type {} is managed: call Builder::manage",
                        type_name::<T>()
                    ),
                )
            })
    }
}
