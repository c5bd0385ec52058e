//! The app's clock: the time in Iran, for "open now", today's hours and the dates shown. It
//! changes once a minute (what those depend on), so pages redraw once a minute and not more.

use leptos::prelude::*;
use tak_core::schedule::IranTime;

#[derive(Clone, Copy)]
pub struct Clock {
    now_ms: RwSignal<f64>,
}

impl Clock {
    /// A clock that keeps itself current (checked every few seconds: a phone that slept catches
    /// up within that).
    pub fn start() -> Clock {
        let clock = Clock {
            now_ms: RwSignal::new(crate::browser::now_ms()),
        };
        let _ = set_interval_with_handle(
            move || {
                let now = crate::browser::now_ms();
                if (now / 60_000.0).floor() != (clock.now_ms.get_untracked() / 60_000.0).floor() {
                    clock.now_ms.set(now);
                }
            },
            std::time::Duration::from_secs(5),
        );
        clock
    }

    /// Now, tracked: a reactive reader redraws when the minute changes.
    pub fn now(self) -> IranTime {
        IranTime::from_unix_ms(self.now_ms.get())
    }

    pub fn now_untracked(self) -> IranTime {
        IranTime::from_unix_ms(self.now_ms.get_untracked())
    }
}

pub fn use_clock() -> Clock {
    expect_context::<Clock>()
}
