//! How server functions' answers and errors, and the page's hydration data, travel: JSON, as
//! `server_fn`'s own `Json` and `Resource::new` write it, read from text in the browser by the
//! browser's own `JSON.parse` (then `serde_wasm_bindgen`), not by `serde_json` compiled to WASM.
//!
//! Why not `server_fn`'s `Json`: it reads an answer with `serde_json` (from bytes), a second
//! reader of every type beside the page's data's (the fourteenth session found two such readers
//! of `MapData`, `AppError` and the rest: 60 KiB before compression), and now the one that would
//! bring `serde_json`'s parser back into the WASM. Every server function names this one
//! (`output = JsonText`, and `AppError`'s encoder). What is sent is unchanged
//! (`application/json`, the same bytes).
//!
//! Why not `serde_json` in the browser at all: its parser, compiled into each type's reader, was
//! 81 KiB of the map's main WASM before compression. The browser parses JSON natively;
//! `serde_wasm_bindgen` only walks the parsed value (40 KiB in its place): the main WASM is
//! 11.9 kB lighter as sent (bench/RESULTS.md, nineteenth session). So every resource is a
//! [`JsonResource`] (a test in `architecture.rs` fails for a `Resource::new`), and [`read`] is the
//! browser's one way to read JSON.
//!
//! What `serde_json` reads and the browser's reader does not, so that no type handed to the page
//! may hold it (on the server and in native tests `read` is `serde_json`: only the browser tests
//! would see it, as a page that stops while hydrating or a server function's answer that « did
//! not arrive »): a map whose keys are numbers or booleans (JSON's keys are text; `serde_json`
//! converts them back), an integer beyond 2^53 (`JSON.parse` makes it a float), and a missing
//! field named as a property every JavaScript object has (`constructor`, `toString`…).

use leptos::prelude::Resource;
use leptos::server::codee::{Decoder, Encoder};
use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// JSON, written as `server_fn`'s `JsonEncoding` writes it and read with [`read`].
pub struct JsonTextEncoding;

/// A server function's answer in JSON, read from text (`#[server(output = JsonText)]`).
pub type JsonText = Post<JsonTextEncoding>;

impl ContentType for JsonTextEncoding {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonTextEncoding {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonTextEncoding {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonTextEncoding {
    type Error = String;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        read(std::str::from_utf8(&bytes).map_err(|error| error.to_string())?)
    }
}

/// `text`, JSON, read as a `T`: by the browser's `JSON.parse` in the browser, by `serde_json` on
/// the server (and in native tests). The error says why: in serde's words, or « not JSON ».
pub fn read<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    #[cfg(all(feature = "hydrate", target_arch = "wasm32"))]
    {
        let value = js_sys::JSON::parse(text).map_err(|_| String::from("not JSON"))?;
        serde_wasm_bindgen::from_value(value).map_err(|error| error.to_string())
    }
    #[cfg(not(all(feature = "hydrate", target_arch = "wasm32")))]
    {
        serde_json::from_str(text).map_err(|error| error.to_string())
    }
}

/// The page's hydration data as `Resource::new` writes it (JSON), read with [`read`].
pub struct JsonTextCodec;

impl<T: Serialize> Encoder<T> for JsonTextCodec {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, Self::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for JsonTextCodec {
    type Error = String;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, Self::Error> {
        read(text)
    }
}

/// A resource whose value the server hands to the page in JSON, read with [`read`].
pub type JsonResource<T> = Resource<T, JsonTextCodec>;

/// `Resource::new`, with its value read by [`read`] in the browser.
#[track_caller]
pub fn json_resource<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> JsonResource<T>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_writes_what_json_writes_and_reads_it_back() {
        use leptos::server_fn::codec::JsonEncoding;
        let value = (String::from("Forum des métiers « Dreux »"), 28_u32, Some(1.5_f64));
        let ours = <JsonTextEncoding as Encodes<_>>::encode(&value).unwrap();
        assert_eq!(ours, <JsonEncoding as Encodes<_>>::encode(&value).unwrap());
        let back: (String, u32, Option<f64>) = JsonTextEncoding::decode(ours).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn bytes_that_are_not_text_are_an_error_not_a_panic() {
        let result: Result<String, _> = JsonTextEncoding::decode(Bytes::from_static(b"\"\xff\""));
        assert!(result.is_err());
    }
}
