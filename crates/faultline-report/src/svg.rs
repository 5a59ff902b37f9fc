//! A tiny SVG writer: elements appended to a string with fixed number
//! formatting, so the same chart is always the same bytes.
//!
//! Hand-written rather than a plotting crate because charts need only
//! rectangles, lines, paths, circles and text, and because byte-identical
//! output is easier to guarantee when we own every character.

use std::fmt::Write;

/// The font stack of every chart. DejaVu Sans comes first because the PNG
/// rasteriser has exactly that font embedded; browsers fall back to theirs.
pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// Escapes text for XML/HTML text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0: drop them.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most two decimals and no trailing zeros; never NaN
/// (a non-finite value is drawn at 0 rather than producing invalid SVG).
pub fn n(x: f64) -> String {
    if !x.is_finite() {
        return "0".into();
    }
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_owned() }
}

/// Horizontal text anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Text starts at x.
    Start,
    /// Text is centred on x.
    Middle,
    /// Text ends at x.
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// An SVG document being written.
#[derive(Debug, Clone)]
pub struct Svg {
    width: f64,
    height: f64,
    body: String,
}

// The drawing primitives take an element's attributes as plain arguments,
// mirroring the SVG they write; a builder per call would only add noise.
#[allow(clippy::too_many_arguments)]
impl Svg {
    /// An empty document of `width` × `height` user units (= CSS pixels).
    pub fn new(width: f64, height: f64) -> Svg {
        let mut s = Svg { width, height, body: String::new() };
        s.rect(0.0, 0.0, width, height, "#ffffff", None);
        s
    }

    /// Width in pixels.
    pub fn width(&self) -> f64 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> f64 {
        self.height
    }

    /// A filled rectangle, optionally outlined (`stroke`).
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, stroke: Option<&str>) {
        let _ = write!(self.body, r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}""#, n(x), n(y), n(w.max(0.0)), n(h.max(0.0)), fill);
        if let Some(s) = stroke {
            let _ = write!(self.body, r#" stroke="{s}" stroke-width="1""#);
        }
        self.body.push_str("/>\n");
    }

    /// A straight line; `dash` is an SVG dash array such as `"6 4"`.
    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64, dash: Option<&str>) {
        let _ = write!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}""#,
            n(x1),
            n(y1),
            n(x2),
            n(y2),
            n(width)
        );
        if let Some(d) = dash {
            let _ = write!(self.body, r#" stroke-dasharray="{d}""#);
        }
        self.body.push_str("/>\n");
    }

    /// An open polyline through `points` (a run of at least two points;
    /// callers split lines at missing values so gaps stay visible).
    pub fn polyline(&mut self, points: &[(f64, f64)], stroke: &str, width: f64, dash: Option<&str>) {
        if points.len() < 2 {
            return;
        }
        let mut d = String::new();
        for (i, (x, y)) in points.iter().enumerate() {
            let _ = write!(d, "{}{} {}", if i == 0 { "M" } else { " L" }, n(*x), n(*y));
        }
        let _ = write!(self.body, r#"<path d="{d}" fill="none" stroke="{stroke}" stroke-width="{}" stroke-linejoin="round""#, n(width));
        if let Some(dash) = dash {
            let _ = write!(self.body, r#" stroke-dasharray="{dash}""#);
        }
        self.body.push_str("/>\n");
    }

    /// A closed, filled polygon.
    pub fn polygon(&mut self, points: &[(f64, f64)], fill: &str) {
        if points.len() < 3 {
            return;
        }
        let mut d = String::new();
        for (i, (x, y)) in points.iter().enumerate() {
            let _ = write!(d, "{}{} {}", if i == 0 { "M" } else { " L" }, n(*x), n(*y));
        }
        let _ = writeln!(self.body, r#"<path d="{d} Z" fill="{fill}"/>"#);
    }

    /// A circle, filled and outlined.
    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, fill: &str, stroke: &str, width: f64) {
        let _ = writeln!(
            self.body,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}" stroke="{stroke}" stroke-width="{}"/>"#,
            n(cx),
            n(cy),
            n(r),
            n(width)
        );
    }

    /// Text at `(x, y)` (the baseline), escaped.
    pub fn text(&mut self, x: f64, y: f64, s: &str, size: f64, anchor: Anchor, fill: &str, bold: bool) {
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="{fill}"{}>{}</text>"#,
            n(x),
            n(y),
            n(size),
            anchor.as_str(),
            if bold { r#" font-weight="bold""# } else { "" },
            esc(s)
        );
    }

    /// Text rotated by `degrees` about its anchor point (axis titles).
    pub fn text_rotated(&mut self, x: f64, y: f64, s: &str, size: f64, anchor: Anchor, fill: &str, degrees: f64) {
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="{fill}" transform="rotate({} {} {})">{}</text>"#,
            n(x),
            n(y),
            n(size),
            anchor.as_str(),
            n(degrees),
            n(x),
            n(y),
            esc(s)
        );
    }

    /// A `<title>` tooltip-less description for screen readers (first child).
    pub fn finish(self, title: &str) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT_FAMILY}\" role=\"img\">\n<title>{}</title>\n{}</svg>\n",
            esc(title),
            self.body,
            w = n(self.width),
            h = n(self.height),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_finite() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.239), "1.24");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(f64::NAN), "0");
        assert_eq!(n(12.5), "12.5");
    }

    #[test]
    fn escaping() {
        assert_eq!(esc("a<b & \"c\" 'd'\u{1}"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;");
    }
}
