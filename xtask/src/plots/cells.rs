//! The notebook's cells, CPython beside Rust, as bars on a log scale.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::data::{Doc, Reading};
use super::draw::{self, Axis, Corner, FONT, err, figure, legend};
use super::strings::Strings;
use super::ticks;

/// 6: each notebook cell's whole-process time, CPython and Rust, log scale.
pub fn cells(compare: &Doc, s: &Strings) -> Result<String, String> {
    let ids = ["cell/gil", "cell/lock", "cell/pool", "cell/asyncio"];
    let mut bars = Vec::new(); // (band, stats, colour, ratio)
    for (i, id) in ids.iter().enumerate() {
        let top = (ids.len() - 1 - i) as f64 * 2.0; // the first cell on top
        for (band, side, color) in [
            (top + 1.0, "python", draw::PYTHON),
            (top, "rust", draw::RUST),
        ] {
            if let Reading::Got(v) = compare.value(id, side, "time") {
                let ratio = if side == "rust" {
                    compare.ratio(id).map(|r| r.median)
                } else {
                    None
                };
                bars.push((band, v, color, ratio));
            }
        }
    }
    let (lo, hi) = bars.iter().fold((f64::MAX, f64::MIN), |(lo, hi), b| {
        (lo.min(b.1.min), hi.max(b.1.max))
    });
    let (lo, hi) = if lo > hi {
        (1e-3, 10.0)
    } else {
        (
            10f64.powf(lo.log10().floor()),
            10f64.powf(hi.log10().ceil() + 1.0),
        )
    };
    let x = Axis {
        range: (lo, hi),
        log: true,
        desc: s.cells_x,
        format: ticks::seconds,
        lang: s,
    };
    figure((900, 460), &compare.caption(s), |body| {
        let mut chart = ChartBuilder::on(body)
            .caption(s.cells_title, (FONT, 16))
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(190)
            .build_cartesian_2d(lo.log10()..hi.log10(), 0f64..(2.0 * ids.len() as f64))
            .map_err(err)?;
        let name = |v: &f64| {
            let slot = v.round() as usize;
            let even = (v - v.round()).abs() < 1e-6 && slot % 2 == 1;
            if even {
                s.cells
                    .get(ids.len() - 1 - slot / 2)
                    .copied()
                    .unwrap_or("")
                    .to_string()
            } else {
                String::new()
            }
        };
        let x_label = |v: &f64| x.label_of(*v);
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_labels(((hi / lo).log10().round() as usize) + 1)
            .y_labels(2 * ids.len() + 1)
            .x_label_formatter(&x_label)
            .y_label_formatter(&name)
            .x_desc(x.desc)
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 12))
            .draw()
            .map_err(err)?;
        for (band, v, color, ratio) in &bars {
            let (y0, y1) = (band + 0.15, band + 0.85);
            let bar = Rectangle::new([(lo.log10(), y0), (v.median.log10(), y1)], color.filled());
            chart.draw_series([bar]).map_err(err)?;
            let mid = band + 0.5;
            let whisker = PathElement::new(
                vec![(v.min.log10(), mid), (v.max.log10(), mid)],
                BLACK.stroke_width(1),
            );
            chart.draw_series([whisker]).map_err(err)?;
            let mut text = ticks::duration(v.median, s);
            if let Some(r) = ratio {
                text += &format!(" · {} {}", s.ratio, ticks::factor(*r));
            }
            let style = (FONT, 11)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Center));
            let label = Text::new(text, (v.max.log10() + 0.05, mid), style);
            chart.draw_series([label]).map_err(err)?;
        }
        let entries = [(s.python, draw::PYTHON, false), (s.rust, draw::RUST, false)];
        legend(
            &chart.plotting_area().strip_coord_spec(),
            &entries,
            Corner::UpperRight,
        )
    })
}
