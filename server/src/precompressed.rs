//! Bodies compressed once and served many times: the pins of a view (`routes::pins`) and the map
//! page of anonymous visitors (`map_page_cache`) are kept in memory in the three encodings a
//! browser may ask for, so that serving one costs no compression.

use std::io::Write;

use axum::body::Bytes;
use axum::http::header::ACCEPT_ENCODING;
use axum::http::HeaderMap;

/// Brotli quality: 9 compresses 50 000 pins in tens of milliseconds, within a few percent of
/// the maximum (11), which takes about a second.
const BROTLI_QUALITY: u32 = 9;

/// One body in the encodings we answer with.
pub struct Precompressed {
    identity: Bytes,
    brotli: Bytes,
    gzip: Bytes,
}

impl Precompressed {
    /// Compresses `identity` (tens of milliseconds for hundreds of kilobytes: call it off the
    /// async workers, `tokio::task::spawn_blocking`).
    pub fn new(identity: Bytes) -> Precompressed {
        Precompressed {
            brotli: Bytes::from(compress_brotli(&identity)),
            gzip: Bytes::from(compress_gzip(&identity)),
            identity,
        }
    }

    /// The body for a client whose `Accept-Encoding` is in `headers`, and its `Content-Encoding`.
    pub fn for_client(&self, headers: &HeaderMap) -> (Option<&'static str>, Bytes) {
        self.in_encoding(preferred_encoding(headers))
    }

    /// The body in `encoding` (what [`preferred_encoding`] chose), and its `Content-Encoding`.
    pub fn in_encoding(&self, encoding: Option<&'static str>) -> (Option<&'static str>, Bytes) {
        match encoding {
            Some("br") => (Some("br"), self.brotli.clone()),
            Some("gzip") => (Some("gzip"), self.gzip.clone()),
            _ => (None, self.identity.clone()),
        }
    }

    /// Bytes held, for a cache's weight.
    pub fn weight(&self) -> usize {
        self.identity.len() + self.brotli.len() + self.gzip.len()
    }
}

fn compress_brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 2);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, BROTLI_QUALITY, 22);
        writer.write_all(bytes).expect("writing to memory cannot fail");
    }
    out
}

fn compress_gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder =
        flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 2), flate2::Compression::default());
    encoder.write_all(bytes).expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail")
}

/// The encoding to answer with: brotli, else gzip, else none. `q=0` refuses an encoding.
pub fn preferred_encoding(headers: &HeaderMap) -> Option<&'static str> {
    let accepted: Vec<(String, f32)> = headers
        .get_all(ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let quality =
                parts.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            (name, quality)
        })
        .collect();
    let accepts = |encoding: &str| accepted.iter().any(|(name, q)| (name == encoding || name == "*") && *q > 0.0);
    ["br", "gzip"].into_iter().find(|encoding| accepts(encoding))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn brotli_first_then_gzip_then_nothing() {
        assert_eq!(preferred_encoding(&accept("gzip, deflate, br, zstd")), Some("br"));
        assert_eq!(preferred_encoding(&accept("gzip")), Some("gzip"));
        assert_eq!(preferred_encoding(&accept("br;q=0, gzip;q=0.5")), Some("gzip"));
        assert_eq!(preferred_encoding(&accept("identity")), None);
        assert_eq!(preferred_encoding(&HeaderMap::new()), None);
    }
}
