//! The measure actions of a case's page and what is being typed into them:
//! page-level state, so that a draft survives the case reloading around it.

use leptos::prelude::*;

use super::changes::{AddTiltak, EditTiltak, MoveTiltak};
use super::rules::TiltakDraft;
use crate::layout::loaded::count_taken;

/// The page's measure actions and what is being typed into them, kept
/// while the case reloads around them.
#[derive(Clone, Copy)]
pub struct TiltakWork {
    pub(super) add: ServerAction<AddTiltak>,
    pub(super) edit: ServerAction<EditTiltak>,
    pub(super) mover: ServerAction<MoveTiltak>,
    pub(super) new_draft: RwSignal<TiltakDraft>,
    /// The measure being changed (one at a time), and its draft.
    pub(super) editing: RwSignal<Option<String>>,
    pub(super) edit_draft: RwSignal<TiltakDraft>,
    /// The measure being dropped, and the reason typed.
    pub(super) dropping: RwSignal<Option<String>>,
    pub(super) reason: RwSignal<String>,
    /// The measure last moved (where a refusal is shown).
    pub(super) moved: RwSignal<Option<String>>,
    /// How many sends the server took.
    taken: RwSignal<usize>,
}

impl TiltakWork {
    /// Empty forms, with a draft cleared once it is saved.
    pub fn new() -> Self {
        let work = TiltakWork {
            add: ServerAction::new(),
            edit: ServerAction::new(),
            mover: ServerAction::new(),
            new_draft: RwSignal::new(TiltakDraft::default()),
            editing: RwSignal::new(None),
            edit_draft: RwSignal::new(TiltakDraft::default()),
            dropping: RwSignal::new(None),
            reason: RwSignal::new(String::new()),
            moved: RwSignal::new(None),
            taken: RwSignal::new(0),
        };
        Effect::new(move |_| {
            if let Some(Ok(_)) = work.add.value().get() {
                work.new_draft.set(TiltakDraft::default());
            }
        });
        Effect::new(move |_| {
            if let Some(Ok(())) = work.edit.value().get() {
                work.editing.set(None);
            }
        });
        Effect::new(move |_| {
            if let Some(Ok(())) = work.mover.value().get() {
                work.dropping.set(None);
                work.reason.set(String::new());
            }
        });
        count_taken(work.add, work.taken);
        count_taken(work.edit, work.taken);
        count_taken(work.mover, work.taken);
        work
    }

    /// Changes whenever the server took a measure's send (for reloading
    /// the case; a failed send leaves it, see `CaseActions::sent`).
    pub fn sent(&self) -> usize {
        self.taken.get()
    }
}

impl Default for TiltakWork {
    fn default() -> Self {
        Self::new()
    }
}
