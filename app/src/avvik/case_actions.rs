//! What a case's page sends, and what is being typed for it: page-level
//! state, so that a note, a comment or a measure being written survives a
//! failed send and the case reloading around it.

use leptos::prelude::*;

use super::case_comments::Comments;
use super::moves::{AssignAvvik, MoveAvvik, RerateAvvik};
use crate::layout::loaded::count_taken;
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
    /// How many of the case's own sends the server took.
    taken: RwSignal<usize>,
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
            taken: RwSignal::new(0),
        };
        Effect::new(move |_| {
            if let Some(Ok(())) = actions.mover.value().get() {
                actions.note.set(String::new());
            }
        });
        count_taken(actions.mover, actions.taken);
        count_taken(actions.comments.sender, actions.taken);
        count_taken(actions.assign, actions.taken);
        count_taken(actions.rerate, actions.taken);
        actions
    }

    /// Changes whenever the server took something sent (for reloading the
    /// case). A send that failed leaves it: without network the reload
    /// would fail too, and the page would lose the case it shows.
    pub fn sent(&self) -> (usize, usize) {
        (self.taken.get(), self.work.sent())
    }
}

impl Default for CaseActions {
    fn default() -> Self {
        Self::new()
    }
}
