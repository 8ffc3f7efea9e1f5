//! A photo's metadata as stored in `photo_meta` (the blob lives apart).

use serde::{Deserialize, Serialize};

use super::LocalPhoto;

/// The stored metadata of a photo.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct PhotoMeta {
    /// The photo's id.
    pub id: String,
    /// Its finding.
    pub finding_id: String,
    /// The finding's round (the index key).
    pub round_id: String,
    /// Hex SHA-256 of the stored JPEG (empty for pulled photos).
    pub sha256: String,
    /// Size of the stored JPEG.
    pub byte_size: u64,
    /// Pixel width.
    pub width: u32,
    /// Pixel height.
    pub height: u32,
    /// The server has it.
    pub uploaded: bool,
    /// Why the server refused it.
    pub error: Option<String>,
    /// The blob is stored on this device.
    pub has_blob: bool,
    /// Who was logged in when it was taken (see [`crate::sync::ownership`]).
    #[serde(default)]
    pub user_id: Option<String>,
    /// No smaller copy will be made: the blob on the device is a thumbnail
    /// (the photo itself is on the server), or it could not be shrunk.
    #[serde(default)]
    pub thumbnail_only: bool,
}

impl PhotoMeta {
    /// The view pages get.
    pub fn local(&self) -> LocalPhoto {
        LocalPhoto {
            id: self.id.clone(),
            finding_id: self.finding_id.clone(),
            round_id: self.round_id.clone(),
            uploaded: self.uploaded,
            error: self.error.clone(),
            has_blob: self.has_blob,
            byte_size: self.byte_size,
        }
    }

    /// Waiting to go up: not uploaded, not refused, and its image is here.
    pub fn waiting(&self) -> bool {
        !self.uploaded && self.error.is_none() && self.has_blob
    }

    /// On the server, with the full image still taking room on the device.
    pub fn shrinkable(&self) -> bool {
        self.uploaded && self.has_blob && !self.thumbnail_only
    }
}
