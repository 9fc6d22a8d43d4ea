//! The drawing every picture shares: a white canvas of a fixed size with the
//! caption at its foot, panels of lines on linear or logarithmic axes
//! (plotters' `log_scale`), rows of bars on one axis, legends, and how
//! numbers are written on them. Fixed sizes, named fonts, every number
//! formatted by a fixed rule: the same JSON gives the same bytes.

use std::ops::Range;

use anyhow::Result;
use plotters::coord::Shift;
use plotters::coord::combinators::{IntoLogRange, LogCoord};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use tour::measured::Language;

/// The font families the SVG names; the viewer picks the first it has.
pub const FONT: &str = "DejaVu Sans, Arial, Helvetica, sans-serif";

/// A drawing area of an SVG being rendered.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

// Python's blue and a second Python series; Rust's rust, rayon, the process
// pool; reference lines and captions.
pub const PYTHON: RGBColor = RGBColor(55, 110, 170);
pub const PYTHON2: RGBColor = RGBColor(40, 150, 130);
pub const RUST: RGBColor = RGBColor(200, 70, 40);
pub const RUST2: RGBColor = RGBColor(230, 150, 40);
pub const RUST3: RGBColor = RGBColor(130, 80, 160);
pub const GREY: RGBColor = RGBColor(120, 120, 120);

/// An SVG of `size`: a white background (readable in dark themes), `draw`
/// on the area above the caption, and the caption's two lines.
pub fn figure(
    size: (u32, u32),
    caption: &[String; 2],
    draw: impl FnOnce(&Area) -> Result<()>,
) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE)?;
        let (body, foot) = root.split_vertically(size.1 - 34);
        draw(&body)?;
        for (i, line) in caption.iter().enumerate() {
            let style = (FONT, 11).into_font().color(&GREY);
            foot.draw_text(line, &style, (10, 4 + 14 * i as i32))?;
        }
        root.present()?;
    }
    Ok(svg)
}

/// An axis: its range (above zero on a log one, with a tick at each power
/// of ten), its description with its units, and how a tick is written.
pub struct Axis<'a> {
    pub range: (f64, f64),
    pub log: bool,
    pub desc: String,
    pub tick: Box<dyn Fn(f64) -> String + 'a>,
}

impl<'a> Axis<'a> {
    pub fn linear(range: (f64, f64), desc: String, tick: impl Fn(f64) -> String + 'a) -> Self {
        let tick = Box::new(tick);
        Axis {
            range,
            log: false,
            desc,
            tick,
        }
    }

    pub fn log(range: (f64, f64), desc: String, tick: impl Fn(f64) -> String + 'a) -> Self {
        Axis {
            log: true,
            ..Axis::linear(range, desc, tick)
        }
    }

    fn scale(&self) -> Scale {
        let (a, b) = self.range;
        if self.log {
            // A hair wider, so that rounding keeps the tick at each end.
            Scale::Log((a * (1.0 - 1e-9)..b * (1.0 + 1e-9)).log_scale().into())
        } else {
            Scale::Linear((a..b).into())
        }
    }

    fn labels(&self) -> usize {
        match self.log {
            true => (self.range.1 / self.range.0).log10().round() as usize + 1,
            false => 6,
        }
    }
}

/// A linear or a logarithmic coordinate, so one kind of chart serves both.
pub enum Scale {
    Linear(RangedCoordf64),
    Log(LogCoord<f64>),
}

impl Ranged for Scale {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        match self {
            Scale::Linear(c) => c.map(value, limit),
            Scale::Log(c) => c.map(value, limit),
        }
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        match self {
            Scale::Linear(c) => c.key_points(hint),
            Scale::Log(c) => c.key_points(hint),
        }
    }

    fn range(&self) -> Range<f64> {
        match self {
            Scale::Linear(c) => c.range(),
            Scale::Log(c) => c.range(),
        }
    }
}

/// A whole number of decades around `values` (all above zero), at least one.
pub fn decades(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) =
        (values.into_iter()).fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo > hi {
        return (1.0, 10.0);
    }
    let (lo, hi) = (lo.log10().floor(), hi.log10().ceil());
    (10f64.powf(lo), 10f64.powf(hi.max(lo + 1.0)))
}

/// One series, for the legend by its name: solid with a mark at each
/// point, or a dashed reference.
#[derive(Clone)]
pub struct Line {
    pub name: String,
    pub color: RGBColor,
    pub points: Vec<(f64, f64)>,
    pub dashed: bool,
}

/// A solid line with a mark at each point.
pub fn line(name: String, color: RGBColor, points: Vec<(f64, f64)>) -> Line {
    let dashed = false;
    Line {
        name,
        color,
        points,
        dashed,
    }
}

/// A dashed reference line, from `a` to `b`.
pub fn dashed(name: String, color: RGBColor, a: (f64, f64), b: (f64, f64)) -> Line {
    Line {
        dashed: true,
        ..line(name, color, vec![a, b])
    }
}

/// A text whose right end is at a point of a panel.
pub struct Note {
    pub at: (f64, f64),
    pub text: String,
    pub color: RGBColor,
}

/// Where a panel's legend goes: nowhere (a shared one above), or a corner.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Corner {
    None,
    UpperLeft,
    UpperRight,
}

/// A legend's entries: name, colour, dashed.
pub type Entries<'a> = [(&'a str, RGBColor, bool)];

/// Labels, descriptions and grid lines, the same on every chart.
fn mesh(
    chart: &mut ChartContext<'_, SVGBackend<'_>, Cartesian2d<Scale, Scale>>,
    x: &Axis,
    y: Option<&Axis>,
    y_label: &dyn Fn(&f64) -> String,
    y_labels: usize,
) -> Result<()> {
    let x_label = |v: &f64| (x.tick)(*v);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(x.labels())
        .y_labels(y_labels)
        .x_label_formatter(&x_label)
        .y_label_formatter(y_label)
        .x_desc(x.desc.as_str())
        .label_style((FONT, 12))
        .axis_desc_style((FONT, 12))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215));
    match y {
        Some(y) => mesh.y_desc(y.desc.as_str()),
        None => mesh.disable_y_mesh(),
    };
    Ok(mesh.draw()?)
}

/// A panel: a title, two axes, lines, notes, and a legend in one corner.
pub fn panel(
    area: &Area,
    title: &str,
    (x, y): (&Axis, &Axis),
    lines: &[Line],
    notes: &[Note],
    corner: Corner,
) -> Result<()> {
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FONT, 15))
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(x.scale(), y.scale())?;
    let y_label = |v: &f64| (y.tick)(*v);
    mesh(&mut chart, x, Some(y), &y_label, y.labels())?;
    for line in lines {
        let style = line.color.stroke_width(2);
        if line.dashed {
            chart.draw_series(DashedLineSeries::new(line.points.clone(), 6, 4, style))?;
        } else {
            chart.draw_series(LineSeries::new(line.points.clone(), style))?;
            let marks = (line.points.iter()).map(|&p| Circle::new(p, 3, line.color.filled()));
            chart.draw_series(marks)?;
        }
    }
    let texts = notes.iter().map(|n| {
        // Right-aligned at its point, so a note at the right edge stays inside.
        let style = (FONT, 11).into_font().color(&n.color);
        Text::new(
            n.text.clone(),
            n.at,
            style.pos(Pos::new(HPos::Right, VPos::Center)),
        )
    });
    chart.draw_series(texts)?;
    let area = chart.plotting_area().strip_coord_spec();
    legend(&area, &entries(lines), corner)
}

/// The legend's entries of some lines.
pub fn entries(lines: &[Line]) -> Vec<(&str, RGBColor, bool)> {
    (lines.iter())
        .map(|l| (l.name.as_str(), l.color, l.dashed))
        .collect()
}

/// A bar in a band: from, to, in which part of the band's height (from the
/// bottom: `(0.15, 0.85)`), a whisker across its middle (min to max), and
/// a text: inside if it fits, else after its end (or its whisker's), or with
/// `inside`, left out.
pub struct Bar {
    pub span: (f64, f64),
    pub lane: (f64, f64),
    pub color: RGBColor,
    pub whisker: Option<(f64, f64)>,
    pub text: String,
    pub inside: bool,
}

/// A plain bar across most of its band's height.
pub fn bar(span: (f64, f64), color: RGBColor) -> Bar {
    Bar {
        span,
        lane: (0.15, 0.85),
        color,
        whisker: None,
        text: String::new(),
        inside: true,
    }
}

/// A row of a band chart: its label (left of the axis), its bars, and its
/// marks (instants ticked across the row, each with its colour).
pub struct Band {
    pub label: String,
    pub bars: Vec<Bar>,
    pub marks: Vec<(f64, RGBColor)>,
}

/// Rows of bars on one x axis, the first band on top: the notebook's cells
/// as bars, a timeline's threads as rows of spans.
pub fn bands(
    area: &Area,
    title: &str,
    x: &Axis,
    bands: &[Band],
    (label_width, legend_entries): (u32, &Entries),
) -> Result<()> {
    let n = bands.len() as f64;
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FONT, 15))
        .margin(12)
        .x_label_area_size(if x.desc.is_empty() { 24 } else { 44 })
        .y_label_area_size(label_width)
        .build_cartesian_2d(x.scale(), Scale::Linear((0.0..n).into()))?;
    // A label at each band's middle: the half-way key points (2n + 1 of them).
    let name = |v: &f64| {
        let half = (v * 2.0).round() as usize;
        let top = bands.len().saturating_sub(1 + half / 2);
        let middle = half % 2 == 1 && (v * 2.0 - half as f64).abs() < 1e-6;
        if middle {
            bands[top].label.clone()
        } else {
            String::new()
        }
    };
    mesh(&mut chart, x, None, &name, 2 * bands.len() + 1)?;
    let style = |color: &RGBColor| {
        let font = (FONT, 11).into_font().color(color);
        font.pos(Pos::new(HPos::Left, VPos::Center))
    };
    let mut texts = Vec::new();
    for (i, band) in bands.iter().enumerate() {
        let base = n - 1.0 - i as f64;
        for bar in &band.bars {
            let (y0, y1) = (base + bar.lane.0, base + bar.lane.1);
            let rect = Rectangle::new([(bar.span.0, y0), (bar.span.1, y1)], bar.color.filled());
            chart.draw_series([rect])?;
            let mid = (y0 + y1) / 2.0;
            if let Some((lo, hi)) = bar.whisker {
                let whisker = PathElement::new(vec![(lo, mid), (hi, mid)], BLACK.stroke_width(1));
                chart.draw_series([whisker])?;
            }
            let pixel = |x: f64| chart.backend_coord(&(x, mid)).0;
            let width = bar.text.chars().count() as i32 * 7; // about, at this font size
            let fits = pixel(bar.span.1) - pixel(bar.span.0) > width + 4;
            // White on a dark bar, black on a light one and beside a bar.
            let RGBColor(r, g, b) = bar.color;
            let dark = 299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) < 150_000;
            let text = bar.text.clone();
            if bar.text.is_empty() || (bar.inside && !fits) {
            } else if bar.inside || fits && bar.whisker.is_none() {
                let color = if dark { WHITE } else { BLACK };
                texts.push((bar.span.0, mid, 3, style(&color), text));
            } else {
                // After the bar (or its whisker), if the plot has room for it.
                let end = bar.whisker.map_or(bar.span.1, |w| w.1);
                if pixel(x.range.1) - pixel(end) > width + 5 {
                    texts.push((end, mid, 5, style(&BLACK), text));
                }
            }
        }
        let marks = band.marks.iter().map(|&(t, color)| {
            let style = color.mix(0.5).stroke_width(1);
            PathElement::new(vec![(t, base + 0.05), (t, base + 0.95)], style)
        });
        chart.draw_series(marks)?;
    }
    // The texts last, over the marks.
    let texts = texts
        .into_iter()
        .map(|(x, y, dx, style, text)| EmptyElement::at((x, y)) + Text::new(text, (dx, 0), style));
    chart.draw_series(texts)?;
    let area = chart.plotting_area().strip_coord_spec();
    legend(&area, legend_entries, Corner::UpperRight)
}

/// A row of legend entries across the top of `area` (20 px high), shared
/// by the panels below it.
pub fn legend_row(area: &Area, entries: &Entries) -> Result<()> {
    let mut x = 70;
    for &(name, color, dashed) in entries {
        sample(area, (x, 10), color, dashed)?;
        let style = (FONT, 11).into_font().color(&BLACK);
        area.draw_text(
            name,
            &style.pos(Pos::new(HPos::Left, VPos::Center)),
            (x + 30, 10),
        )?;
        x += 50 + name.chars().count() as i32 * 6;
    }
    Ok(())
}

/// A line's sample, 24 px long from `(x, y)`: dashed, or solid with a mark.
fn sample(area: &Area, (x, y): (i32, i32), color: RGBColor, dashed: bool) -> Result<()> {
    let style = color.stroke_width(2);
    if dashed {
        area.draw(&PathElement::new(vec![(x, y), (x + 8, y)], style))?;
        area.draw(&PathElement::new(vec![(x + 14, y), (x + 24, y)], style))?;
    } else {
        area.draw(&PathElement::new(vec![(x, y), (x + 24, y)], style))?;
        area.draw(&Circle::new((x + 12, y), 3, color.filled()))?;
    }
    Ok(())
}

/// A legend box: a sample of each line and its name. Sized by the number of
/// characters (not bytes, as plotters' own estimate is), so that Russian
/// names get a box of the right width.
fn legend(area: &Area, entries: &Entries, corner: Corner) -> Result<()> {
    if entries.is_empty() || corner == Corner::None {
        return Ok(());
    }
    let longest = entries.iter().map(|(n, ..)| n.chars().count()).max();
    let (w, h) = (
        40 + longest.unwrap_or(0) as i32 * 6,
        8 + 16 * entries.len() as i32,
    );
    let x0 = match corner {
        Corner::UpperLeft => 8,
        _ => area.dim_in_pixel().0 as i32 - w - 8,
    };
    let frame = [(x0, 8), (x0 + w, 8 + h)];
    area.draw(&Rectangle::new(frame, WHITE.mix(0.9).filled()))?;
    area.draw(&Rectangle::new(frame, GREY.stroke_width(1)))?;
    for (i, &(name, color, dashed)) in entries.iter().enumerate() {
        let y = 20 + 16 * i as i32;
        sample(area, (x0 + 6, y), color, dashed)?;
        let style = (FONT, 11).into_font().color(&BLACK);
        area.draw_text(
            name,
            &style.pos(Pos::new(HPos::Left, VPos::Center)),
            (x0 + 36, y),
        )?;
    }
    Ok(())
}

/// Seconds for a tick: `100 µs`, `10 ms`, `1 s` (units in `lang`).
pub fn seconds(v: f64, lang: &dyn Language) -> String {
    match v {
        v if v >= 1.0 => format!("{v:.0} {}", lang.text("s")),
        v if v >= 1e-3 => format!("{:.0} {}", v * 1e3, lang.text("ms")),
        v => format!("{:.0} {}", v * 1e6, lang.text("µs")),
    }
}

/// A power of ten for a tick: `10⁶`.
pub fn power(v: f64) -> String {
    let digits = format!("{:.0}", v.log10());
    let superscript = |c: char| {
        "⁰¹²³⁴⁵⁶⁷⁸⁹"
            .chars()
            .nth(c as usize - '0' as usize)
            .unwrap_or(c)
    };
    format!("10{}", digits.chars().map(superscript).collect::<String>())
}

/// A measured time, to three significant digits: `15.5 ms`, `2.10 s`.
pub fn seconds_exact(v: f64) -> String {
    common::timing::format_duration(std::time::Duration::from_secs_f64(v.max(0.0)))
}

/// The same, its unit in `lang`.
pub fn duration(v: f64, lang: &dyn Language) -> String {
    let text = seconds_exact(v);
    let (number, unit) = text.split_once(' ').unwrap_or((&text, ""));
    format!("{number} {}", lang.text(unit))
}
