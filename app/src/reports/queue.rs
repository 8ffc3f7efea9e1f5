//! Reports kept on the phone until the server has them (with the app
//! loaded). A report is written to IndexedDB before it is sent and removed
//! only when the server took it, so a signal lost between opening the page
//! and sending never loses it; its client id makes every resend the same
//! report (the server opens one case per id). A report the server refused
//! (a code replaced meanwhile, a photo it cannot read) stays on the phone
//! with the reason until the person has seen it and removes it.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, File, FormData, HtmlFormElement};

use super::report_path;
use super::sending::{Sent, answer};
use crate::error::AppError;
use crate::offline::db::{self, REPORTS};
use crate::offline::device_error::DeviceError;
use crate::offline::net::post_form;

/// A report as the form holds it.
#[derive(Clone, Debug)]
pub struct Draft {
    /// The report's id (the same for every resend).
    pub client_id: String,
    /// The room's QR token.
    pub token: String,
    /// Text fields by name (the client id included).
    pub fields: Vec<(String, String)>,
    /// The chosen photos.
    pub photos: Vec<Blob>,
    /// Why the server refused it, once it has.
    pub refused: Option<AppError>,
}

impl Draft {
    /// The report in `form`, with `client_id` as its id.
    pub fn from_form(form: &HtmlFormElement, token: &str, client_id: &str) -> Option<Draft> {
        let data = FormData::new_with_form(form).ok()?;
        let mut fields = Vec::new();
        let mut photos = Vec::new();
        let entries = js_sys::try_iter(&data).ok().flatten()?;
        for entry in entries.flatten() {
            let pair: Array = entry.unchecked_into();
            let name = pair.get(0).as_string().unwrap_or_default();
            let value = pair.get(1);
            if let Some(text) = value.as_string() {
                if name != "client_id" {
                    fields.push((name, text));
                }
            } else if let Ok(file) = value.dyn_into::<File>() {
                // An empty file input still sends a nameless, empty file.
                if file.size() > 0.0 {
                    photos.push(file.into());
                }
            }
        }
        fields.push(("client_id".to_owned(), client_id.to_owned()));
        Some(Draft {
            client_id: client_id.to_owned(),
            token: token.to_owned(),
            fields,
            photos,
            refused: None,
        })
    }

    /// The "what happened" text, as typed.
    pub fn description(&self) -> &str {
        self.fields
            .iter()
            .find(|(name, _)| name == "description")
            .map_or("", |(_, value)| value.as_str())
    }

    fn to_js(&self) -> Result<JsValue, JsValue> {
        let object = Object::new();
        Reflect::set(
            &object,
            &"client_id".into(),
            &self.client_id.as_str().into(),
        )?;
        Reflect::set(&object, &"token".into(), &self.token.as_str().into())?;
        let fields = Array::new();
        for (name, value) in &self.fields {
            fields.push(&Array::of2(&name.as_str().into(), &value.as_str().into()));
        }
        Reflect::set(&object, &"fields".into(), &fields)?;
        let photos: Array = self.photos.iter().collect();
        Reflect::set(&object, &"photos".into(), &photos)?;
        if let Some(error) = &self.refused {
            let reason = serde_json::to_string(error).map_err(|_| JsValue::NULL)?;
            Reflect::set(&object, &"refused".into(), &reason.into())?;
        }
        Ok(object.into())
    }

    fn from_js(value: &JsValue) -> Option<Draft> {
        let text = |key: &str| Reflect::get(value, &key.into()).ok()?.as_string();
        let fields: Array = Reflect::get(value, &"fields".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let photos: Array = Reflect::get(value, &"photos".into())
            .ok()?
            .dyn_into()
            .ok()?;
        Some(Draft {
            client_id: text("client_id")?,
            token: text("token")?,
            fields: fields
                .iter()
                .filter_map(|pair| {
                    let pair: Array = pair.dyn_into().ok()?;
                    Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
                })
                .collect(),
            photos: photos
                .iter()
                .filter_map(|blob| blob.dyn_into().ok())
                .collect(),
            // A reason this version cannot read still means "refused".
            refused: text("refused")
                .map(|reason| serde_json::from_str(&reason).unwrap_or(AppError::Internal)),
        })
    }

    fn form_data(&self) -> Option<FormData> {
        let data = FormData::new().ok()?;
        for (name, value) in &self.fields {
            data.append_with_str(name, value).ok()?;
        }
        for (n, photo) in self.photos.iter().enumerate() {
            data.append_with_blob_and_filename("photo", photo, &format!("photo-{n}.jpg"))
                .ok()?;
        }
        Some(data)
    }
}

/// Keeps the report on the phone (before anything is sent).
pub async fn keep(draft: &Draft) -> Result<(), DeviceError> {
    let value = draft.to_js().map_err(|_| DeviceError::ReportNotKept)?;
    let transaction = db::write(&[REPORTS]).await?;
    let store = db::store(&transaction, REPORTS)?;
    let work = db::put_at(&store, &draft.client_id, &value).await;
    Ok(db::finish(transaction, work).await?)
}

/// Sends the report once; forgets it when the server has it, and keeps
/// it with the reason when the server refused it.
pub async fn send(draft: &Draft) -> Sent {
    let Some(form) = draft.form_data() else {
        return Sent::Waiting;
    };
    let Some((status, body)) = post_form(&report_path(&draft.token), &form).await else {
        return Sent::Waiting;
    };
    let sent = answer(status, &body);
    match &sent {
        // Failing to forget only means one more (harmless) resend later.
        Sent::Received { .. } => drop(forget(&draft.client_id).await),
        Sent::Refused(error) => {
            let refused = Draft {
                refused: Some(error.clone()),
                ..draft.clone()
            };
            // Not kept as refused means kept as waiting: sent (and refused)
            // again later, never lost.
            let _ = keep(&refused).await;
        }
        Sent::Waiting => {}
    }
    sent
}

/// Removes a report from the phone (a refused one, once the person has read why).
pub async fn forget(client_id: &str) -> Result<(), String> {
    let transaction = db::write(&[REPORTS]).await?;
    let store = db::store(&transaction, REPORTS)?;
    let work = db::delete(&store, &JsValue::from_str(client_id)).await;
    db::finish(transaction, work).await
}

/// Every report still waiting to be sent from this phone.
pub async fn waiting() -> Vec<Draft> {
    kept(false).await
}

/// Every report the server refused that is still on this phone.
pub async fn refused() -> Vec<Draft> {
    kept(true).await
}

/// The reports on this phone that the server refused, or that still wait.
async fn kept(refused: bool) -> Vec<Draft> {
    let Ok(transaction) = db::read(&[REPORTS]).await else {
        return Vec::new();
    };
    let Ok(store) = db::store(&transaction, REPORTS) else {
        return Vec::new();
    };
    let Ok(request) = store.get_all(None, None) else {
        return Vec::new();
    };
    request
        .await
        .map(|values| {
            values
                .iter()
                .filter_map(Draft::from_js)
                .filter(|draft| draft.refused.is_some() == refused)
                .collect()
        })
        .unwrap_or_default()
}

/// Sends whatever reports wait on this phone (at start and when the
/// network returns), one at a time.
pub async fn send_waiting() {
    for draft in waiting().await {
        if send(&draft).await == Sent::Waiting {
            return;
        }
    }
}
