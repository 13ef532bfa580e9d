//! How server functions' answers and errors, and the page's hydration data, travel between the
//! server and the page: in [postcard], the compact binary format `/api/pins` already uses, read in
//! the browser by `postcard`'s small reader. Every server function names this encoding
//! (`output = crate::wire::Wire`, and `AppError`'s encoder), every resource is a
//! [`WireResource`] (a test in `architecture.rs` fails for a `Resource::new`).
//!
//! Why not JSON for the page: reading it in the browser takes a reader compiled into each type.
//! `serde_json`'s parser was 81 KiB of the map's main WASM before compression; after it, the
//! browser's `JSON.parse` walked by `serde_wasm_bindgen` was still 49 KiB (every function of
//! the names-kept build that names it), field names matched as text and every field a call
//! into JavaScript. postcard reads fields in order from bytes: the map's first visit is 11.9 kB
//! lighter as sent (bench/RESULTS.md, twenty-third session), and so is every page's chunk.
//!
//! **JSON for everyone else.** A server function answers in postcard only to a request that
//! accepts `application/x-postcard` (the page's own calls: server_fn sends its encoding's
//! content type as `Accept`), in JSON otherwise: a form sent without JavaScript
//! (`server/src/sent_forms.rs` keeps the JSON answer to show on the next page), `curl`, the
//! tests. The server's `wire_answers` layer makes that choice per request ([`answering`]) and
//! labels the answer. What the JSON says is unchanged (`server_fn`'s own `Json` writes the same).
//!
//! What postcard cannot carry, so that no type handed to the page may hold it (a test that
//! writes and reads such a value back sees it; otherwise only the browser tests would, as a page
//! that stops while hydrating or a server function's answer that « did not arrive »): a field
//! left out when serialising (`skip_serializing_if`: the fields after it are then read from the
//! wrong bytes), anything read with `deserialize_any` (`untagged` or internally tagged enums,
//! `flatten`, `serde_json::Value`), and a sequence serialised without its length.
//!
//! postcard has no field names: a page of an older release would misread the answers of a newer
//! server, silently where the bytes happen to fit. So every answer in postcard starts with
//! [`WIRE_RELEASE`], which the page checks: an answer of another release is an error (« the way
//! there or back failed »), and a reload gets the page of the server's release. The page's
//! hydration data needs no mark: it comes with its page.

use leptos::prelude::Resource;
use leptos::server::codee::{Decoder, Encoder};
use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// postcard for the page's own calls, JSON for any other caller (see the module's comment).
pub struct WireEncoding;

/// A server function's answer (`#[server(output = crate::wire::Wire)]`).
pub type Wire = Post<WireEncoding>;

/// What the page's calls accept, and the label of an answer in postcard.
pub const POSTCARD: &str = "application/x-postcard";

// `WIRE_RELEASE`: a hash of this crate's code and of Cargo.lock (build.rs), the first four bytes
// of every answer in postcard.
include!(concat!(env!("OUT_DIR"), "/wire_release.rs"));

impl ContentType for WireEncoding {
    const CONTENT_TYPE: &'static str = POSTCARD;
}

impl FormatType for WireEncoding {
    const FORMAT_TYPE: Format = Format::Binary;
}

impl<T: Serialize> Encodes<T> for WireEncoding {
    type Error = String;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        #[cfg(feature = "ssr")]
        if !answers_in_postcard() {
            return serde_json::to_vec(output).map(Bytes::from).map_err(|error| error.to_string());
        }
        let mark = WIRE_RELEASE.to_le_bytes().to_vec();
        postcard::to_extend(output, mark).map(Bytes::from).map_err(|error| error.to_string())
    }
}

impl<T: DeserializeOwned> Decodes<T> for WireEncoding {
    type Error = String;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        match bytes.split_first_chunk::<4>() {
            Some((mark, value)) if u32::from_le_bytes(*mark) == WIRE_RELEASE => whole(value),
            _ => Err(String::from("an answer of another release of the site")),
        }
    }
}

/// `bytes`, all of them, read as a `T`.
fn whole<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    match postcard::take_from_bytes(bytes) {
        Ok((value, [])) => Ok(value),
        Ok(_) => Err(String::from("bytes left over")),
        Err(error) => Err(error.to_string()),
    }
}

#[cfg(feature = "ssr")]
tokio::task_local! {
    /// Whether the request being answered accepts postcard (set by [`answering`]).
    static POSTCARD_ACCEPTED: bool;
}

/// Runs `answer` (the handling of one request) with its server function's answer in postcard if
/// `postcard`, in JSON otherwise: the server's `wire_answers` layer, from the request's `Accept`.
#[cfg(feature = "ssr")]
pub async fn answering<F: std::future::Future>(postcard: bool, answer: F) -> F::Output {
    POSTCARD_ACCEPTED.scope(postcard, answer).await
}

/// Outside [`answering`] (a test encoding an answer itself): JSON.
#[cfg(feature = "ssr")]
fn answers_in_postcard() -> bool {
    POSTCARD_ACCEPTED.try_with(|postcard| *postcard).unwrap_or(false)
}

/// The page's hydration data: postcard, which Leptos writes into the page in base64.
pub struct WireCodec;

impl<T: Serialize> Encoder<T> for WireCodec {
    type Error = postcard::Error;
    type Encoded = Vec<u8>;

    fn encode(value: &T) -> Result<Vec<u8>, Self::Error> {
        postcard::to_allocvec(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for WireCodec {
    type Error = String;
    type Encoded = [u8];

    fn decode(bytes: &[u8]) -> Result<T, Self::Error> {
        whole(bytes)
    }
}

/// A resource whose value the server hands to the page in postcard.
pub type WireResource<T> = Resource<T, WireCodec>;

/// `Resource::new`, with its value handed to the page in postcard.
#[track_caller]
pub fn wire_resource<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> WireResource<T>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_page_gets_postcard_and_anyone_else_the_json_server_fn_writes() {
        use leptos::server_fn::codec::JsonEncoding;
        let value = (String::from("Forum des métiers « Dreux »"), 28_u32, Some(1.5_f64));
        let json = <WireEncoding as Encodes<_>>::encode(&value).unwrap();
        assert_eq!(json, <JsonEncoding as Encodes<_>>::encode(&value).unwrap());
        let postcard = answering(true, async { <WireEncoding as Encodes<_>>::encode(&value).unwrap() }).await;
        assert_eq!(postcard[..4], WIRE_RELEASE.to_le_bytes());
        assert_eq!(postcard[4..], postcard::to_allocvec(&value).unwrap());
        let back: (String, u32, Option<f64>) = WireEncoding::decode(postcard).unwrap();
        assert_eq!(back, value);
        let outside = answering(false, async { <WireEncoding as Encodes<_>>::encode(&value).unwrap() }).await;
        assert_eq!(outside, json);
    }

    /// A page of another release reads no answer of this one, even one whose bytes would fit.
    #[test]
    fn an_answer_of_another_release_is_an_error() {
        let mut bytes = (WIRE_RELEASE ^ 1).to_le_bytes().to_vec();
        bytes.extend(postcard::to_allocvec(&7_u32).unwrap());
        assert!(<WireEncoding as Decodes<u32>>::decode(Bytes::from(bytes.clone())).is_err());
        bytes[..4].copy_from_slice(&WIRE_RELEASE.to_le_bytes());
        assert_eq!(<WireEncoding as Decodes<u32>>::decode(Bytes::from(bytes.clone())), Ok(7));
        bytes.push(0);
        assert!(<WireEncoding as Decodes<u32>>::decode(Bytes::from(bytes)).is_err(), "nothing left over");
    }

    #[test]
    fn bytes_that_do_not_read_are_an_error_not_a_panic() {
        let result: Result<String, _> = WireEncoding::decode(Bytes::from_static(b"\x05ab"));
        assert!(result.is_err());
        let result: Result<(String, u32), _> = <WireCodec as Decoder<_>>::decode(&[0xff; 3]);
        assert!(result.is_err());
    }
}
