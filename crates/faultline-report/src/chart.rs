//! A rendered chart and its two output formats: SVG (our own bytes) and
//! PNG (that SVG rasterised by `resvg` with an embedded font).

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::ReportError;

/// How much larger than the SVG's pixel size PNGs are drawn: 2 keeps
/// 11-pixel labels crisp on high-density screens and in slides.
pub const PNG_SCALE: f32 = 2.0;

/// A chart: its SVG document and nominal size in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// A short title (also the SVG's `<title>`).
    pub title: String,
    /// The complete SVG document.
    pub svg: String,
    /// Width in CSS pixels.
    pub width: f64,
    /// Height in CSS pixels.
    pub height: f64,
}

/// Chart file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Scalable vector graphics.
    Svg,
    /// Portable network graphics, drawn at [`PNG_SCALE`].
    Png,
}

impl Format {
    /// The format named by `path`'s extension (`.svg` or `.png`, any case).
    pub fn from_path(path: &Path) -> Result<Format, ReportError> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Ok(Format::Svg),
            "png" => Ok(Format::Png),
            _ => Err(ReportError::UnknownFormat { path: path.to_path_buf(), ext }),
        }
    }
}

/// The font database of the rasteriser: DejaVu Sans (regular and bold)
/// from the `dejavu` crate, compiled into the binary, and nothing else —
/// so PNGs look the same on every machine, fonts installed or not, and
/// nothing is read or fetched at run time. Built once per process.
fn fonts() -> Arc<resvg::usvg::fontdb::Database> {
    static DB: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_font_data(dejavu::sans::regular().to_vec());
        db.load_font_data(dejavu::sans::bold().to_vec());
        // Every generic family resolves to the one embedded font.
        db.set_sans_serif_family("DejaVu Sans");
        db.set_serif_family("DejaVu Sans");
        db.set_monospace_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

/// Rasterises an SVG document to PNG bytes at `scale`.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, ReportError> {
    let opts = resvg::usvg::Options { fontdb: fonts(), font_family: "DejaVu Sans".into(), ..Default::default() };
    let tree = resvg::usvg::Tree::from_str(svg, &opts).map_err(|e| ReportError::Raster(e.to_string()))?;
    let size = tree.size();
    let (w, h) = ((size.width() * scale).ceil() as u32, (size.height() * scale).ceil() as u32);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| ReportError::Raster(format!("cannot allocate a {w}×{h} image")))?;
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| ReportError::Raster(e.to_string()))
}

impl Chart {
    /// The chart as PNG bytes.
    pub fn to_png(&self) -> Result<Vec<u8>, ReportError> {
        svg_to_png(&self.svg, PNG_SCALE)
    }

    /// The chart in `format`.
    pub fn encode(&self, format: Format) -> Result<Vec<u8>, ReportError> {
        match format {
            Format::Svg => Ok(self.svg.clone().into_bytes()),
            Format::Png => self.to_png(),
        }
    }

    /// Writes the chart to `path` in the format its extension names.
    pub fn write(&self, path: &Path) -> Result<(), ReportError> {
        let bytes = self.encode(Format::from_path(path)?)?;
        std::fs::write(path, bytes).map_err(|source| ReportError::Io { path: path.to_path_buf(), source })
    }
}
