//! KDBush 4's static KD-tree, as Supercluster makes one per zoom (`Float32Array` coordinates):
//! the same sort, so the same order of ids and coordinates, the same search, so neighbours come
//! in the same order (which sets a cluster's centre to its last bit), and the same buffer, which
//! the page reads with `KDBush.from`.

use crate::math;

pub struct KdTree {
    ids: Vec<u32>,
    coords: Vec<f32>,
    node_size: usize,
    /// The node size asked for, which KDBush writes in its buffer's header as given.
    asked_node_size: u16,
}

/// An entry while sorting: its position and its id together, moved as one.
#[derive(Clone, Copy)]
struct Entry {
    at: [f32; 2],
    id: u32,
}

impl KdTree {
    /// KDBush's `add` of each position, in order, then `finish`.
    pub fn new(positions: impl Iterator<Item = (f32, f32)>, node_size: u16) -> KdTree {
        let mut items: Vec<Entry> =
            positions.enumerate().map(|(id, (x, y))| Entry { at: [x, y], id: id as u32 }).collect();
        let asked_node_size = node_size;
        // KDBush's bounds.
        let node_size = usize::from(node_size.max(2));
        let last = items.len() as isize - 1;
        if last >= 0 {
            sort(&mut items, node_size as isize, 0, last, 0);
        }
        KdTree {
            ids: items.iter().map(|item| item.id).collect(),
            coords: items.iter().flat_map(|item| item.at).collect(),
            node_size,
            asked_node_size,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// KDBush's `within`: the ids of the items within `r` of (`qx`, `qy`), in KDBush's order,
    /// into `found` (cleared first).
    pub fn within(&self, qx: f64, qy: f64, r: f64, found: &mut Vec<u32>) {
        found.clear();
        if self.ids.is_empty() {
            return;
        }
        let (ids, coords) = (&self.ids, &self.coords);
        let r2 = r * r;
        // Left, right, axis of each range still to search; a range leaves at most one pending
        // beside it per level of the tree, 32 levels at most.
        let mut stack = [0_usize; 3 * 64];
        stack[..3].copy_from_slice(&[0, ids.len() - 1, 0]);
        let mut top = 3;
        while top > 0 {
            let (left, right, axis) = (stack[top - 3], stack[top - 2], stack[top - 1]);
            top -= 3;
            if right - left <= self.node_size {
                for i in left..=right {
                    if squared_distance(coords[2 * i], coords[2 * i + 1], qx, qy) <= r2 {
                        found.push(ids[i]);
                    }
                }
                continue;
            }
            let middle = (left + right) >> 1;
            let (x, y) = (coords[2 * middle], coords[2 * middle + 1]);
            if squared_distance(x, y, qx, qy) <= r2 {
                found.push(ids[middle]);
            }
            let (x, y) = (f64::from(x), f64::from(y));
            if if axis == 0 { qx - r <= x } else { qy - r <= y } {
                stack[top..top + 3].copy_from_slice(&[left, middle - 1, 1 - axis]);
                top += 3;
            }
            if if axis == 0 { qx + r >= x } else { qy + r >= y } {
                stack[top..top + 3].copy_from_slice(&[middle + 1, right, 1 - axis]);
                top += 3;
            }
        }
    }

    /// KDBush's buffer (`index.data` before Supercluster puts its own `data` there): a header
    /// (magic byte, version 1 and `Float32Array`'s type, node size, item count), the ids
    /// (`Uint16Array` under 65 536 items, else `Uint32Array`), padding to 8 bytes, the coordinates.
    pub fn buffer(&self) -> Vec<u8> {
        let count = self.ids.len();
        let wide = count >= 65_536;
        let ids_bytes = count * if wide { 4 } else { 2 };
        let padding = (8 - ids_bytes % 8) % 8;
        let mut buffer = Vec::with_capacity(8 + ids_bytes + padding + 8 * count);
        buffer.extend_from_slice(&[0xdb, (1 << 4) + 7]);
        buffer.extend_from_slice(&self.asked_node_size.to_le_bytes());
        buffer.extend_from_slice(&(count as u32).to_le_bytes());
        for &id in &self.ids {
            if wide {
                buffer.extend_from_slice(&id.to_le_bytes());
            } else {
                buffer.extend_from_slice(&(id as u16).to_le_bytes());
            }
        }
        buffer.resize(buffer.len() + padding, 0);
        for &coordinate in &self.coords {
            buffer.extend_from_slice(&coordinate.to_le_bytes());
        }
        buffer
    }
}

fn squared_distance(ax: f32, ay: f32, bx: f64, by: f64) -> f64 {
    let (dx, dy) = (f64::from(ax) - bx, f64::from(ay) - by);
    dx * dx + dy * dy
}

/// KDBush's `sort`: halves around the middle item, on x then y in turn, down to `node_size`.
fn sort(items: &mut [Entry], node_size: isize, left: isize, right: isize, axis: usize) {
    if right - left <= node_size {
        return;
    }
    let middle = (left + right) >> 1;
    select(items, middle, left, right, axis);
    sort(items, node_size, left, middle - 1, 1 - axis);
    sort(items, node_size, middle + 1, right, 1 - axis);
}

/// KDBush's Floyd-Rivest selection: the `k`th item in place on `axis`, smaller ones before it.
fn select(items: &mut [Entry], k: isize, mut left: isize, mut right: isize, axis: usize) {
    let at = |items: &[Entry], i: isize| items[i as usize].at[axis];
    while right > left {
        if right - left > 600 {
            let n = (right - left + 1) as f64;
            let m = (k - left + 1) as f64;
            let z = math::log(n);
            let s = 0.5 * math::exp(2.0 * z / 3.0);
            let sd = 0.5 * (z * s * (n - s) / n).sqrt() * if m - n / 2.0 < 0.0 { -1.0 } else { 1.0 };
            let new_left = (left as f64).max((k as f64 - m * s / n + sd).floor());
            let new_right = (right as f64).min((k as f64 + (n - m) * s / n + sd).floor());
            select(items, k, new_left as isize, new_right as isize, axis);
        }
        let t = at(items, k);
        let (mut i, mut j) = (left, right);
        items.swap(left as usize, k as usize);
        if at(items, right) > t {
            items.swap(left as usize, right as usize);
        }
        while i < j {
            items.swap(i as usize, j as usize);
            i += 1;
            j -= 1;
            while at(items, i) < t {
                i += 1;
            }
            while at(items, j) > t {
                j -= 1;
            }
        }
        if at(items, left) == t {
            items.swap(left as usize, j as usize);
        } else {
            j += 1;
            items.swap(j as usize, right as usize);
        }
        if j <= k {
            left = j + 1;
        }
        if k <= j {
            right = j - 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Points on a 0.001 grid with repeats: ties on either axis, as pins at one address make.
    fn scatter(count: u32) -> Vec<(f32, f32)> {
        (0..count)
            .map(|n| ((n.wrapping_mul(7_919) % 1_000) as f32 / 1_000.0, (n.wrapping_mul(104_729) % 997) as f32 / 997.0))
            .collect()
    }

    #[test]
    fn within_finds_what_a_full_scan_finds_and_nothing_else() {
        let points = scatter(5_000);
        let tree = KdTree::new(points.iter().copied(), 64);
        let mut found = Vec::new();
        for (qx, qy, r) in [(0.5, 0.5, 0.05), (0.0, 0.0, 0.2), (0.123, 0.877, 0.001), (2.0, 2.0, 0.5), (0.3, 0.7, 0.0)]
        {
            tree.within(qx, qy, r, &mut found);
            let mut ours = found.clone();
            ours.sort_unstable();
            let all: Vec<u32> = (0..points.len() as u32)
                .filter(|&n| squared_distance(points[n as usize].0, points[n as usize].1, qx, qy) <= r * r)
                .collect();
            assert_eq!(ours, all, "within {r} of ({qx}, {qy})");
        }
        // Not a trivial query set: some find many points.
        tree.within(0.5, 0.5, 0.05, &mut found);
        assert!(found.len() > 20);
    }

    #[test]
    fn the_buffer_is_kdbushs() {
        let tree = KdTree::new(scatter(3).into_iter(), 64);
        let buffer = tree.buffer();
        // Magic byte, version 1 with Float32Array (type 7), node size 64, three items.
        assert_eq!(buffer[..8], [0xdb, 0x17, 64, 0, 3, 0, 0, 0]);
        // Three 16-bit ids (in order: too few to sort), two bytes of padding, six 32-bit floats.
        assert_eq!(buffer.len(), 8 + 6 + 2 + 24);
        assert_eq!(buffer[8..14], [0, 0, 1, 0, 2, 0]);
        assert_eq!(buffer[16..20], scatter(3)[0].0.to_le_bytes());
        // From 65 536 items, 32-bit ids: no padding after them.
        let wide = KdTree::new(scatter(65_536).into_iter(), 64).buffer();
        assert_eq!(wide.len(), 8 + 4 * 65_536 + 8 * 65_536);
        assert_eq!(wide[4..8], 65_536_u32.to_le_bytes());
    }

    #[test]
    fn the_sort_keeps_every_item_and_halves_on_each_axis_in_turn() {
        let points = scatter(10_000);
        let tree = KdTree::new(points.iter().copied(), 64);
        let mut ids = tree.ids.clone();
        ids.sort_unstable();
        assert_eq!(ids, (0..10_000).collect::<Vec<u32>>());
        for (n, &id) in tree.ids.iter().enumerate() {
            assert_eq!((tree.coords[2 * n], tree.coords[2 * n + 1]), points[id as usize]);
        }
        // The root: its x splits the items, smaller ones before it, larger ones after.
        let middle = (tree.len() - 1) / 2;
        let x = tree.coords[2 * middle];
        assert!((0..middle).all(|n| tree.coords[2 * n] <= x));
        assert!((middle + 1..tree.len()).all(|n| tree.coords[2 * n] >= x));
    }
}
