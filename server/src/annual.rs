//! The årshjul: the yearly plan of HMS activities per unit. Each kind of
//! activity has a rule for when it is due ([`schedule`]); what was actually
//! recorded (a finished round of the kind, or the activity marked done)
//! makes each occurrence done, planned, due or overdue on the plan's clock
//! ([`clock`], which tests may set).

pub mod clock;
pub mod schedule;
