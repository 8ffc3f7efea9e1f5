//! Which answer a checklist point keeps when two phones answered it without
//! seeing each other's answer.
//!
//! A device sends with each save the sequence of the finding as it last saw
//! it (`base_seq`). When the server's answer is no newer than that, or came
//! from the same device, the device knew it and its answer replaces it: an
//! ordinary edit. When the device had not seen it, the two answers were given
//! side by side by people who did not know of each other, and:
//!
//! - an avvik wins over OK or "ikke relevant", whichever came first: a
//!   danger someone saw is never undone by someone who did not know of it;
//! - otherwise the answer the server already has stays (first come);
//! - the answer that loses is kept as a conflict copy beside the finding, so
//!   a leader sees that two people disagreed and can settle it.
//!
//! The risk (probability and consequence) belongs to the answer and goes
//! with it.

use super::records::Answer;

/// The answer the server holds for a finding and where it came from.
#[derive(Clone, Copy, Debug)]
pub struct StoredAnswer<'a> {
    /// The stored answer.
    pub answer: Answer,
    /// The change sequence at which it was set.
    pub seq: i64,
    /// The device that set it.
    pub device: &'a str,
}

/// An answer a device sends and what that device had seen.
#[derive(Clone, Copy, Debug)]
pub struct SentAnswer<'a> {
    /// The answer sent.
    pub answer: Answer,
    /// The finding's sequence as the device last saw it.
    pub base_seq: i64,
    /// The sending device.
    pub device: &'a str,
}

/// What the server does with a sent answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerMerge {
    /// The sent answer (and its risk) replaces the stored one.
    TakeSent,
    /// The stored answer (and its risk) stays; the sent answer is kept as a
    /// conflict copy.
    KeepStored,
    /// The sent avvik wins; the stored answer is kept as a conflict copy.
    TakeSentKeepCopy,
}

/// Decides between a stored and a sent answer (see the module comment).
pub fn merge_answer(stored: StoredAnswer<'_>, sent: SentAnswer<'_>) -> AnswerMerge {
    let seen = sent.base_seq >= stored.seq || sent.device == stored.device;
    if seen || sent.answer == stored.answer {
        AnswerMerge::TakeSent
    } else if sent.answer == Answer::Avvik {
        AnswerMerge::TakeSentKeepCopy
    } else {
        AnswerMerge::KeepStored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(answer: Answer, seq: i64) -> StoredAnswer<'static> {
        StoredAnswer {
            answer,
            seq,
            device: "phone-a",
        }
    }

    fn sent(answer: Answer, base_seq: i64, device: &'static str) -> SentAnswer<'static> {
        SentAnswer {
            answer,
            base_seq,
            device,
        }
    }

    #[test]
    fn an_ok_given_without_seeing_an_avvik_does_not_undo_it() {
        let merge = merge_answer(stored(Answer::Avvik, 10), sent(Answer::Ok, 3, "phone-b"));
        assert_eq!(merge, AnswerMerge::KeepStored);
        let merge = merge_answer(
            stored(Answer::Avvik, 10),
            sent(Answer::IkkeRelevant, 0, "phone-b"),
        );
        assert_eq!(merge, AnswerMerge::KeepStored);
    }

    #[test]
    fn an_avvik_given_without_seeing_an_ok_wins_and_the_ok_is_kept_as_a_copy() {
        let merge = merge_answer(stored(Answer::Ok, 10), sent(Answer::Avvik, 3, "phone-b"));
        assert_eq!(merge, AnswerMerge::TakeSentKeepCopy);
    }

    #[test]
    fn a_device_that_saw_the_stored_answer_may_change_it() {
        let merge = merge_answer(stored(Answer::Avvik, 10), sent(Answer::Ok, 10, "phone-b"));
        assert_eq!(
            merge,
            AnswerMerge::TakeSent,
            "the avvik was seen and closed"
        );
        let merge = merge_answer(stored(Answer::Avvik, 10), sent(Answer::Ok, 2, "phone-a"));
        assert_eq!(
            merge,
            AnswerMerge::TakeSent,
            "a device never conflicts with itself"
        );
    }

    #[test]
    fn between_ok_and_not_relevant_the_first_stays() {
        let merge = merge_answer(
            stored(Answer::IkkeRelevant, 10),
            sent(Answer::Ok, 3, "phone-b"),
        );
        assert_eq!(merge, AnswerMerge::KeepStored);
        let merge = merge_answer(stored(Answer::Ok, 10), sent(Answer::Ok, 3, "phone-b"));
        assert_eq!(
            merge,
            AnswerMerge::TakeSent,
            "the same answer is no conflict"
        );
    }
}
