//! Maps from positions in derived text back to byte offsets in the source.
//!
//! Every stage of the pipeline (UTF-8 repair, HTML extraction, clean-up,
//! quote/dash/space normalisation) produces text that no longer lines up with
//! the bytes it came from. Faultline promises byte-offset evidence into the
//! *original* file, so each stage records an [`OffsetMap`]: a sorted list of
//! segments, each either *exact* (a run copied byte for byte, so offsets move
//! in lock-step) or a *replacement* (derived text that stands for a whole
//! source span, such as `&amp;` → `&`, `—` → `--`, or a collapsed run of
//! whitespace). Positions inside a replacement map to the ends of its span,
//! so a decoded character always maps to the entity's original span.
//!
//! Source text that was dropped (tags, boilerplate) needs no segment: it is
//! simply the gap between two segments.

use std::ops::Range;

/// One run of derived text and the source span it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    /// Derived offset where the run starts (it ends where the next one starts).
    at: usize,
    /// Source offset of the run's first byte.
    src: usize,
    /// Source offset one past the run's last byte.
    src_end: usize,
    /// True when the run was copied byte for byte (derived and source lengths equal).
    exact: bool,
}

/// A map from byte positions in a derived text to byte offsets in its source.
///
/// Built with [`OffsetMapBuilder`]; looked up with [`OffsetMap::start`] (for
/// the first byte of a span) and [`OffsetMap::end`] (for one past its last
/// byte). Look-ups never panic: positions past the end clamp to the end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segs: Vec<Seg>,
    len: usize,
}

impl OffsetMap {
    /// The identity map over `len` bytes starting at source offset `base`.
    pub fn identity(base: usize, len: usize) -> OffsetMap {
        let mut b = OffsetMapBuilder::default();
        b.exact(0, base, len);
        b.finish(len)
    }

    /// Length of the derived text this map covers.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the map covers no text.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// True when derived offset `p` is source offset `p` everywhere, so
    /// composing with this map can be skipped.
    pub fn is_identity(&self) -> bool {
        match self.segs.as_slice() {
            [] => true,
            [s] => s.exact && s.at == 0 && s.src == 0,
            _ => false,
        }
    }

    /// Source offset of the derived byte at `p` (use for span starts).
    pub fn start(&self, p: usize) -> usize {
        if self.segs.is_empty() {
            return p;
        }
        let p = p.min(self.len);
        let i = self.segs.partition_point(|s| s.at <= p).saturating_sub(1);
        let s = self.segs[i];
        if p < s.at {
            return s.src;
        }
        if s.exact {
            (s.src + (p - s.at)).min(s.src_end)
        } else if p == s.at || p < self.seg_end(i) {
            s.src
        } else {
            s.src_end
        }
    }

    /// Source offset one past the derived byte before `p` (use for span ends).
    pub fn end(&self, p: usize) -> usize {
        if self.segs.is_empty() {
            return p;
        }
        let p = p.min(self.len);
        if p == 0 {
            return self.segs[0].src;
        }
        let i = self.segs.partition_point(|s| s.at < p).saturating_sub(1);
        let s = self.segs[i];
        if p <= s.at {
            return s.src;
        }
        if s.exact {
            (s.src + (p - s.at)).min(s.src_end)
        } else {
            s.src_end
        }
    }

    /// Source span of the derived range `r`.
    pub fn span(&self, r: Range<usize>) -> Range<usize> {
        let start = self.start(r.start);
        let end = self.end(r.end).max(start);
        start..end
    }

    fn seg_end(&self, i: usize) -> usize {
        self.segs.get(i + 1).map_or(self.len, |n| n.at)
    }

    /// The part of this map covering derived range `r`, re-based so that
    /// `r.start` becomes 0.
    pub fn slice(&self, r: Range<usize>) -> OffsetMap {
        let r = r.start.min(self.len)..r.end.min(self.len).max(r.start.min(self.len));
        let mut b = OffsetMapBuilder::default();
        if self.segs.is_empty() {
            b.exact(0, r.start, r.len());
            return b.finish(r.len());
        }
        let first = self.segs.partition_point(|s| s.at <= r.start).saturating_sub(1);
        for i in first..self.segs.len() {
            let s = self.segs[i];
            let (lo, hi) = (s.at.max(r.start), self.seg_end(i).min(r.end));
            if s.at >= r.end {
                break;
            }
            if lo >= hi {
                continue;
            }
            if s.exact {
                b.exact(lo - r.start, s.src + (lo - s.at), hi - lo);
            } else {
                b.replace(lo - r.start, s.src, s.src_end);
            }
        }
        b.finish(r.len())
    }

    /// Appends this map's runs to `b`, shifted to start at derived offset `at`.
    pub fn append_to(&self, b: &mut OffsetMapBuilder, at: usize) {
        for (i, s) in self.segs.iter().enumerate() {
            if s.exact {
                b.exact(at + s.at, s.src, self.seg_end(i) - s.at);
            } else {
                b.replace(at + s.at, s.src, s.src_end);
            }
        }
    }

    /// Composes `self` (derived → middle) with `outer` (middle → source),
    /// giving derived → source.
    pub fn compose(&self, outer: &OffsetMap) -> OffsetMap {
        if outer.is_identity() {
            return self.clone();
        }
        let mut b = OffsetMapBuilder::default();
        for (i, s) in self.segs.iter().enumerate() {
            let end = self.seg_end(i);
            if !s.exact {
                b.replace(s.at, outer.start(s.src), outer.end(s.src_end));
                continue;
            }
            // Split the exact run wherever the outer map changes segment.
            let piece = outer.slice(s.src..s.src + (end - s.at));
            for (j, o) in piece.segs.iter().enumerate() {
                let o_end = piece.seg_end(j);
                if o.exact {
                    b.exact(s.at + o.at, o.src, o_end - o.at);
                } else {
                    b.replace(s.at + o.at, o.src, o.src_end);
                }
            }
        }
        b.finish(self.len)
    }
}

/// Builds an [`OffsetMap`] from runs given in increasing derived order.
#[derive(Debug, Default)]
pub struct OffsetMapBuilder {
    segs: Vec<Seg>,
}

impl OffsetMapBuilder {
    /// Records that derived bytes `at..at+len` are source bytes `src..src+len`.
    pub fn exact(&mut self, at: usize, src: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.segs.last_mut() {
            // Extend the previous exact run when this one continues it in
            // both texts: keeps plain text at one segment.
            if last.exact && last.at + (last.src_end - last.src) == at && last.src_end == src {
                last.src_end += len;
                return;
            }
            if last.at == at {
                // A zero-length derived run was superseded.
                *last = Seg { at, src, src_end: src + len, exact: true };
                return;
            }
        }
        self.segs.push(Seg { at, src, src_end: src + len, exact: true });
    }

    /// Records that derived text starting at `at` (up to the next run)
    /// stands for source bytes `src..src_end`.
    pub fn replace(&mut self, at: usize, src: usize, src_end: usize) {
        let src_end = src_end.max(src);
        if let Some(last) = self.segs.last_mut() {
            if last.at == at {
                *last = Seg { at, src, src_end, exact: false };
                return;
            }
        }
        self.segs.push(Seg { at, src, src_end, exact: false });
    }

    /// Finishes the map for a derived text of `len` bytes.
    pub fn finish(mut self, len: usize) -> OffsetMap {
        // Exact runs must not claim more derived text than the source they
        // copied; trim their source ends to their derived extents.
        for i in 0..self.segs.len() {
            let end = self.segs.get(i + 1).map_or(len, |n| n.at);
            let s = &mut self.segs[i];
            if s.exact {
                let n = end.saturating_sub(s.at);
                s.src_end = s.src + n.min(s.src_end - s.src);
            }
        }
        OffsetMap { segs: self.segs, len }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_and_clamping() {
        let m = OffsetMap::identity(10, 5);
        assert_eq!(m.start(0), 10);
        assert_eq!(m.end(5), 15);
        assert_eq!(m.end(99), 15);
        assert_eq!(m.span(1..3), 11..13);
    }

    #[test]
    fn replacement_maps_to_whole_span() {
        // "a&amp;b" → "a&b"
        let mut b = OffsetMapBuilder::default();
        b.exact(0, 0, 1);
        b.replace(1, 1, 6);
        b.exact(2, 6, 1);
        let m = b.finish(3);
        assert_eq!(m.span(1..2), 1..6);
        assert_eq!(m.span(0..3), 0..7);
        assert_eq!(m.span(2..3), 6..7);
    }

    #[test]
    fn gaps_are_skipped() {
        // "ab" from "a<b>b"
        let mut b = OffsetMapBuilder::default();
        b.exact(0, 0, 1);
        b.exact(1, 4, 1);
        let m = b.finish(2);
        assert_eq!(m.end(1), 1);
        assert_eq!(m.start(1), 4);
        assert_eq!(m.span(0..2), 0..5);
    }

    #[test]
    fn slice_and_compose() {
        let mut b = OffsetMapBuilder::default();
        b.exact(0, 0, 4);
        b.replace(4, 4, 9);
        b.exact(5, 9, 4);
        let inner = b.finish(9);
        let s = inner.slice(2..7);
        assert_eq!(s.span(0..5), 2..11);
        assert_eq!(s.span(2..3), 4..9);
        // Outer shifts everything by 100 except a replaced middle.
        let mut o = OffsetMapBuilder::default();
        o.exact(0, 100, 3);
        o.replace(3, 103, 110);
        o.exact(4, 110, 20);
        let outer = o.finish(24);
        let c = inner.compose(&outer);
        assert_eq!(c.span(0..3), 100..103);
        assert_eq!(c.span(3..4), 103..110);
        assert_eq!(c.span(4..5), 110..115);
        assert_eq!(c.end(9), 119);
    }
}
