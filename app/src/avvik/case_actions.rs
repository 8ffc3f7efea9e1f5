//! What a case's page sends, and what is being typed for it: page-level
//! state, so that a note, a comment or a measure being written survives a
//! failed send and the case reloading around it.

use leptos::prelude::*;

use super::case_comments::Comments;
use super::moves::{AssignAvvik, MoveAvvik, RerateAvvik};
use crate::tiltak::work::TiltakWork;

/// The page's actions and drafts.
#[derive(Clone, Copy)]
pub struct CaseActions {
    /// Moves the case along the workflow.
    pub mover: ServerAction<MoveAvvik>,
    /// The note a step needs, as typed.
    pub note: RwSignal<String>,
    /// The comment being written.
    pub comments: Comments,
    /// Makes someone responsible.
    pub assign: ServerAction<AssignAvvik>,
    /// Rates the risk again.
    pub rerate: ServerAction<RerateAvvik>,
    /// The measures' actions and drafts.
    pub work: TiltakWork,
}

impl CaseActions {
    /// Empty drafts; the note is cleared once a step is taken.
    pub fn new() -> Self {
        let actions = CaseActions {
            mover: ServerAction::new(),
            note: RwSignal::new(String::new()),
            comments: Comments::empty(),
            assign: ServerAction::new(),
            rerate: ServerAction::new(),
            work: TiltakWork::new(),
        };
        Effect::new(move |_| {
            if let Some(Ok(())) = actions.mover.value().get() {
                actions.note.set(String::new());
            }
        });
        actions
    }

    /// Changes whenever something was sent (for reloading the case).
    pub fn sent(&self) -> ([usize; 4], [usize; 3]) {
        let versions = [
            self.mover.version(),
            self.comments.sender.version(),
            self.assign.version(),
            self.rerate.version(),
        ];
        (versions.map(|version| version.get()), self.work.sent())
    }
}

impl Default for CaseActions {
    fn default() -> Self {
        Self::new()
    }
}
