//! The pins' positions read straight from the map's pin payload (`/api/pins`, written by
//! `PinSet::encode` in `app/src/domain/pins.rs`: postcard of its `PinColumns`), so that the
//! clustering worker can index a view the moment its payload arrives, without waiting for the
//! page to decode it (`fetchPins` in `public/clustering-worker.js`). Only what the index
//! needs is read: the pins' count and their quantised positions; the rest is skipped.
//! `app`'s tests check it against `PinSet::decode` (`domain/pins.rs`).

/// The box the positions are quantised in, margins included (`SOUTH`… in `domain/pins.rs`).
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    pub south: f64,
    pub north: f64,
    pub west: f64,
    pub east: f64,
}

/// Each pin's longitude then latitude, in the payload's order, restored with `PinSet::decode`'s
/// arithmetic; `None` when `bytes` are not a payload of `version` (the page then says why).
pub fn positions(bytes: &[u8], version: u8, frame: Frame) -> Option<Vec<f64>> {
    let mut reader = Reader { bytes, at: 0 };
    if reader.byte()? != version {
        return None;
    }
    // The kinds: code, label, English label and colour, four strings each.
    for _ in 0..reader.varint()? {
        for _ in 0..4 {
            reader.raw()?;
        }
    }
    let count = reader.varint()?;
    for _ in 0..count {
        reader.varint()?;
    }
    // Each pin's kind, one byte.
    let kind = reader.raw()?;
    let lat = reader.raw()?;
    let lon = reader.raw()?;
    if kind.len() as u64 != count || lat.len() as u64 != 2 * count || lon.len() as u64 != 2 * count {
        return None;
    }
    let restore = |column: &[u8], n: usize, min: f64, max: f64| {
        min + f64::from(u16::from_le_bytes([column[2 * n], column[2 * n + 1]])) / 65_535.0 * (max - min)
    };
    let mut points = Vec::with_capacity(lat.len());
    for n in 0..kind.len() {
        points.push(restore(lon, n, frame.west, frame.east));
        points.push(restore(lat, n, frame.south, frame.north));
    }
    Some(points)
}

/// Postcard's encoding, as far as the payload uses it: bytes as they are, lengths and numbers
/// as LEB128 varints.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let byte = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(value);
            }
        }
        None
    }

    fn raw(&mut self) -> Option<&'a [u8]> {
        let length = usize::try_from(self.varint()?).ok()?;
        let end = self.at.checked_add(length).filter(|&end| end <= self.bytes.len())?;
        let raw = &self.bytes[self.at..end];
        self.at = end;
        Some(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Numbers binary floating point holds exactly, so that the corners come back exactly.
    const FRAME: Frame = Frame { south: 47.5, north: 49.0, west: 0.5, east: 2.0 };

    #[test]
    fn bytes_that_end_early_or_of_another_version_are_no_payload() {
        // Version 3, no kind, one pin (gap 1), its kind 0, then a latitude cut short.
        let cut = [3, 0, 1, 1, 1, 0, 2, 0];
        assert_eq!(positions(&cut, 3, FRAME), None);
        assert_eq!(positions(&[2, 0, 0, 0, 0, 0, 0], 3, FRAME), None);
        assert_eq!(positions(&[], 3, FRAME), None);
    }

    #[test]
    fn columns_of_different_lengths_are_no_payload() {
        // One pin, but two bytes of kinds.
        let bytes = [3, 0, 1, 1, 2, 0, 0, 2, 0, 0, 2, 0, 0, 0];
        assert_eq!(positions(&bytes, 3, FRAME), None);
    }

    #[test]
    fn positions_come_as_longitude_then_latitude_within_the_frame() {
        // Two pins: the frame's south-west corner, then its north-east one.
        let bytes = [3, 0, 2, 1, 1, 2, 0, 0, 4, 0, 0, 255, 255, 4, 0, 0, 255, 255, 0];
        assert_eq!(positions(&bytes, 3, FRAME), Some(vec![0.5, 47.5, 2.0, 49.0]));
    }
}
