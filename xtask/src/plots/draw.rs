//! The drawing every picture shares: a white canvas of a fixed size with the
//! caption at its foot, panels of lines on linear or log axes, and legends.
//!
//! Everything is deterministic: fixed sizes, fonts named, every number on an
//! axis formatted by a fixed rule, no time stamp; the same JSON gives the
//! same bytes. Log axes are drawn on a linear scale of `log10(value)`, so one
//! kind of chart serves both, with a label at each power of ten.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::strings::Strings;

/// The font families the SVG names; the viewer picks the first it has.
pub const FONT: &str = "DejaVu Sans, Arial, Helvetica, sans-serif";

/// A drawing area of an SVG being rendered.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Colours: Python's blue, Rust's rust, and the others for the other series.
pub const PYTHON: RGBColor = RGBColor(55, 110, 170);
/// Rust's side.
pub const RUST: RGBColor = RGBColor(200, 70, 40);
/// A second Rust series (rayon).
pub const RUST2: RGBColor = RGBColor(230, 150, 40);
/// A third Rust series (the process pool).
pub const RUST3: RGBColor = RGBColor(130, 80, 160);
/// A second Python series (processes).
pub const PYTHON2: RGBColor = RGBColor(40, 150, 130);
/// Reference lines.
pub const GREY: RGBColor = RGBColor(120, 120, 120);

/// Any plotters error, as the text xtask reports.
pub fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("plotters: {e:?}")
}

/// Renders an SVG of `size`: a white background (readable in dark themes),
/// `draw` on the area above the caption, and the caption's two lines.
pub fn figure(
    size: (u32, u32),
    caption: &[String; 2],
    draw: impl FnOnce(&Area) -> Result<(), String>,
) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let (body, foot) = root.split_vertically(size.1 - 34);
        draw(&body)?;
        for (i, line) in caption.iter().enumerate() {
            let style = (FONT, 11).into_font().color(&GREY);
            foot.draw_text(line, &style, (10, 4 + 14 * i as i32))
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// An axis: its range (in data units), whether it is logarithmic, its
/// description with units, and how a tick's value is written.
pub struct Axis<'a> {
    /// From, to, in data units (both above zero on a log axis).
    pub range: (f64, f64),
    /// Logarithmic.
    pub log: bool,
    /// The description, with its units.
    pub desc: &'a str,
    /// How a tick's value (in data units) is written, in `lang`.
    pub format: fn(f64, &Strings) -> String,
    /// The language of the ticks' units.
    pub lang: &'a Strings,
}

impl Axis<'_> {
    fn to_scale(&self, v: f64) -> f64 {
        if self.log { v.max(1e-12).log10() } else { v }
    }

    fn scaled_range(&self) -> std::ops::Range<f64> {
        self.to_scale(self.range.0)..self.to_scale(self.range.1)
    }

    /// The tick label of a point of the scale: every power of ten on a log axis.
    pub fn label_of(&self, v: f64) -> String {
        if !self.log {
            return (self.format)(v, self.lang);
        }
        if (v - v.round()).abs() > 1e-6 {
            return String::new();
        }
        (self.format)(10f64.powf(v.round()), self.lang)
    }

    fn ticks(&self) -> usize {
        let r = self.scaled_range();
        if self.log {
            (r.end - r.start).round() as usize + 1
        } else {
            6
        }
    }
}

/// One series: its name, colour and points, drawn dashed (a reference) or
/// solid with a mark at each point.
pub struct Line {
    /// For the legend.
    pub name: String,
    /// Its colour.
    pub color: RGBColor,
    /// The points, in data units.
    pub points: Vec<(f64, f64)>,
    /// A dashed reference line, without marks.
    pub dashed: bool,
}

/// A text at a point of a panel, in data units.
pub struct Note {
    /// Where its right end goes.
    pub at: (f64, f64),
    /// What it says.
    pub text: String,
    /// Its colour.
    pub color: RGBColor,
}

/// Where a panel's legend goes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Corner {
    /// No legend in the panel (a shared one above, say).
    None,
    /// Upper left.
    UpperLeft,
    /// Upper right.
    UpperRight,
    /// Lower right.
    LowerRight,
}

/// A panel: a title, two axes, lines, notes, and a legend in one corner.
pub fn panel(
    area: &Area,
    title: &str,
    (x, y): (&Axis, &Axis),
    lines: &[Line],
    notes: &[Note],
    corner: Corner,
) -> Result<(), String> {
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FONT, 15))
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(x.scaled_range(), y.scaled_range())
        .map_err(err)?;
    let (x_label, y_label) = (|v: &f64| x.label_of(*v), |v: &f64| y.label_of(*v));
    chart
        .configure_mesh()
        .x_labels(x.ticks())
        .y_labels(y.ticks())
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .x_desc(x.desc)
        .y_desc(y.desc)
        .label_style((FONT, 12))
        .axis_desc_style((FONT, 12))
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()
        .map_err(err)?;
    for line in lines {
        let points: Vec<(f64, f64)> = line
            .points
            .iter()
            .map(|&(a, b)| (x.to_scale(a), y.to_scale(b)))
            .collect();
        let style = line.color.stroke_width(2);
        if line.dashed {
            let series = DashedLineSeries::new(points, 6, 4, style);
            chart.draw_series(series).map_err(err)?;
        } else {
            chart
                .draw_series(LineSeries::new(points.clone(), style))
                .map_err(err)?;
            let marks = points
                .into_iter()
                .map(|p| Circle::new(p, 3, line.color.filled()));
            chart.draw_series(marks).map_err(err)?;
        }
    }
    let texts = notes.iter().map(|n| {
        // Right-aligned at its point, so a note at the right edge stays inside.
        let style = (FONT, 11)
            .into_font()
            .color(&n.color)
            .pos(Pos::new(HPos::Right, VPos::Center));
        Text::new(
            n.text.clone(),
            (x.to_scale(n.at.0), y.to_scale(n.at.1)),
            style,
        )
    });
    chart.draw_series(texts).map_err(err)?;
    legend(
        &chart.plotting_area().strip_coord_spec(),
        &entries(lines),
        corner,
    )
}

/// The legend entries of some lines: name, colour, dashed.
pub fn entries(lines: &[Line]) -> Vec<(&str, RGBColor, bool)> {
    lines
        .iter()
        .map(|l| (l.name.as_str(), l.color, l.dashed))
        .collect()
}

/// A row of legend entries across the top of `area` (20 px high), shared
/// by the panels below it.
pub fn legend_row(area: &Area, entries: &[(&str, RGBColor, bool)]) -> Result<(), String> {
    let mut x = 70;
    for (name, color, dashed) in entries {
        sample(area, (x, 10), *color, *dashed)?;
        let style = (FONT, 11)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        area.draw_text(name, &style, (x + 30, 10)).map_err(err)?;
        x += 50 + name.chars().count() as i32 * 6;
    }
    Ok(())
}

/// A line's sample, 24 px long from `(x, y)`: dashed, or solid with a mark.
fn sample(area: &Area, (x, y): (i32, i32), color: RGBColor, dashed: bool) -> Result<(), String> {
    let style = color.stroke_width(2);
    if dashed {
        area.draw(&PathElement::new(vec![(x, y), (x + 8, y)], style))
            .map_err(err)?;
        area.draw(&PathElement::new(vec![(x + 14, y), (x + 24, y)], style))
            .map_err(err)
    } else {
        area.draw(&PathElement::new(vec![(x, y), (x + 24, y)], style))
            .map_err(err)?;
        area.draw(&Circle::new((x + 12, y), 3, color.filled()))
            .map_err(err)
    }
}

/// A legend box: a sample of each line and its name. Sized by the number of
/// characters (not bytes, as plotters' own estimate is), so that Russian
/// names get a box of the right width.
pub fn legend(
    area: &Area,
    entries: &[(&str, RGBColor, bool)],
    corner: Corner,
) -> Result<(), String> {
    if entries.is_empty() || corner == Corner::None {
        return Ok(());
    }
    let longest = entries
        .iter()
        .map(|(n, ..)| n.chars().count())
        .max()
        .unwrap_or(0);
    let (w, h) = (40 + longest as i32 * 6, 8 + 16 * entries.len() as i32);
    let (width, height) = area.dim_in_pixel();
    let x0 = if corner == Corner::UpperLeft {
        8
    } else {
        width as i32 - w - 8
    };
    let y0 = if corner == Corner::LowerRight {
        height as i32 - h - 8
    } else {
        8
    };
    let frame = [(x0, y0), (x0 + w, y0 + h)];
    area.draw(&Rectangle::new(frame, WHITE.mix(0.9).filled()))
        .map_err(err)?;
    area.draw(&Rectangle::new(frame, GREY.stroke_width(1)))
        .map_err(err)?;
    for (i, (name, color, dashed)) in entries.iter().enumerate() {
        let y = y0 + 12 + 16 * i as i32;
        sample(area, (x0 + 6, y), *color, *dashed)?;
        let style = (FONT, 11)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        area.draw_text(name, &style, (x0 + 36, y)).map_err(err)?;
    }
    Ok(())
}
