//! How server functions' answers and errors travel: JSON, as `server_fn`'s own `Json`, but read
//! from text in the browser.
//!
//! Why not `Json` itself: it reads an answer from bytes (`serde_json::from_slice`), while the
//! page's hydration data, the same types, is read from text (`serde_json::from_str`). serde
//! compiles every type's reader once per kind of input, so the map's WASM carried two readers of
//! `MapData`, `AppError` and the rest: 60 KiB before compression (bench/RESULTS.md, fourteenth
//! session). Every server function names this one (`output = JsonText`, and `AppError`'s
//! encoder): one reader per type. What is sent is unchanged (`application/json`, the same bytes).

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::de::{DeserializeOwned, Error as _};
use serde::Serialize;

/// JSON, written as `server_fn`'s `JsonEncoding` writes it and read from text.
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
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde_json::Error::custom)?;
        serde_json::from_str(text)
    }
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
