//! Charts as inline SVG, drawn with plotters' SVG backend. Text is laid out with plotters'
//! built-in size estimate (no font files) and drawn by the browser in its sans-serif font.

use super::super::ReportError;
use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

const SIZE: (u32, u32) = (900, 340);

/// A qualitative palette (colour-blind-safe "Okabe–Ito" order).
const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(0, 0, 0),
];

/// Whether the x labels would overlap if written side by side (plotters' size estimate is
/// about 7 px a character at 12 px; the plot is about 820 px wide).
fn crowded(labels: &[String]) -> bool {
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    labels.len() * (widest * 7 + 10) > 820
}

/// The drawing size and x-label area: taller when the labels are turned.
fn layout(rotate: bool) -> ((u32, u32), u32) {
    if rotate {
        ((SIZE.0, SIZE.1 + 110), 150)
    } else {
        (SIZE, 40)
    }
}

/// The x-label style: turned a quarter when they would overlap, so each label keeps its
/// own column.
fn x_label_style(rotate: bool) -> TextStyle<'static> {
    let font = ("sans-serif", 12).into_font();
    if rotate {
        font.transform(FontTransform::Rotate90).into()
    } else {
        font.into()
    }
}

fn err<E: std::fmt::Display>(e: E) -> ReportError {
    ReportError::Render(format!("chart: {e}"))
}

fn y_max(max: f64) -> f64 {
    if max <= 0.0 {
        1.0
    } else {
        (max * 1.15).ceil()
    }
}

fn label_of(labels: &[String], v: &SegmentValue<u32>) -> String {
    match v {
        SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => {
            labels.get(*i as usize).cloned().unwrap_or_default()
        }
        SegmentValue::Last => String::new(),
    }
}

fn empty(title: &str) -> Result<String, ReportError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (SIZE.0, 80)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        root.draw(&Text::new(
            format!("{title}: sin datos en el periodo"),
            (20, 30),
            ("sans-serif", 18),
        ))
        .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// A bar per label.
pub(super) fn bars(
    title: &str,
    y_desc: &str,
    data: &[(String, f64)],
) -> Result<String, ReportError> {
    if data.is_empty() {
        return empty(title);
    }
    let labels: Vec<String> = data.iter().map(|(l, _)| l.clone()).collect();
    let rotate = crowded(&labels);
    let max = data.iter().map(|(_, v)| *v).fold(0.0, f64::max);
    let n = u32::try_from(data.len()).map_err(err)?;
    let mut svg = String::new();
    {
        let (size, label_area) = layout(rotate);
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(label_area)
            .y_label_area_size(50)
            .build_cartesian_2d((0u32..n).into_segmented(), 0f64..y_max(max))
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc(y_desc)
            .y_labels((y_max(max) as usize).clamp(2, 10) + 1)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_labels(data.len().min(40))
            .x_label_formatter(&|v| label_of(&labels, v))
            .x_label_style(x_label_style(rotate))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(data.iter().enumerate().map(|(i, (_, v))| {
                let i = i as u32;
                let mut bar = Rectangle::new(
                    [
                        (SegmentValue::Exact(i), 0.0),
                        (SegmentValue::Exact(i + 1), *v),
                    ],
                    PALETTE[0].filled(),
                );
                bar.set_margin(0, 0, 4, 4);
                bar
            }))
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// Stacked bars: one bar per label, one colour per series, with a legend.
pub(super) fn stacked(
    title: &str,
    y_desc: &str,
    labels: &[String],
    series: &[(String, Vec<u64>)],
) -> Result<String, ReportError> {
    if labels.is_empty() || series.is_empty() {
        return empty(title);
    }
    let totals: Vec<u64> = (0..labels.len())
        .map(|i| {
            series
                .iter()
                .map(|(_, v)| v.get(i).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0) as f64;
    let n = u32::try_from(labels.len()).map_err(err)?;
    let rotate = crowded(labels);
    let mut svg = String::new();
    {
        let (size, label_area) = layout(rotate);
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(label_area)
            .y_label_area_size(50)
            .build_cartesian_2d((0u32..n).into_segmented(), 0f64..y_max(max))
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc(y_desc)
            .y_labels((y_max(max) as usize).clamp(2, 10) + 1)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_labels(labels.len().min(40))
            .x_label_formatter(&|v| label_of(labels, v))
            .x_label_style(x_label_style(rotate))
            .draw()
            .map_err(err)?;
        let mut base = vec![0u64; labels.len()];
        for (s, (name, values)) in series.iter().enumerate() {
            let color = PALETTE[s % PALETTE.len()];
            let rects: Vec<Rectangle<(SegmentValue<u32>, f64)>> = values
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0)
                .filter_map(|(i, v)| {
                    let b = *base.get(i)?;
                    let i32_ = i as u32;
                    let mut r = Rectangle::new(
                        [
                            (SegmentValue::Exact(i32_), b as f64),
                            (SegmentValue::Exact(i32_ + 1), (b + v) as f64),
                        ],
                        color.filled(),
                    );
                    r.set_margin(0, 0, 4, 4);
                    Some(r)
                })
                .collect();
            for (i, v) in values.iter().enumerate() {
                if let Some(b) = base.get_mut(i) {
                    *b += v;
                }
            }
            chart
                .draw_series(rects)
                .map_err(err)?
                .label(name.as_str())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 10, y + 5)], color.filled())
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// A line through the defined points (a gap where a value is `None`), 0–100 on the y axis.
pub(super) fn line(
    title: &str,
    y_desc: &str,
    points: &[(String, Option<f64>)],
) -> Result<String, ReportError> {
    if points.iter().all(|(_, v)| v.is_none()) {
        return empty(title);
    }
    let labels: Vec<String> = points.iter().map(|(l, _)| l.clone()).collect();
    let rotate = crowded(&labels);
    let n = u32::try_from(points.len()).map_err(err)?;
    let mut svg = String::new();
    {
        let (size, label_area) = layout(rotate);
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(label_area)
            .y_label_area_size(50)
            .build_cartesian_2d((0u32..n).into_segmented(), 0f64..105f64)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc(y_desc)
            .y_labels(11)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_labels(points.len().min(40))
            .x_label_formatter(&|v| label_of(&labels, v))
            .x_label_style(x_label_style(rotate))
            .draw()
            .map_err(err)?;
        // One line segment per run of consecutive defined weeks.
        let mut run: Vec<(SegmentValue<u32>, f64)> = Vec::new();
        let mut runs = Vec::new();
        for (i, (_, v)) in points.iter().enumerate() {
            match v {
                Some(v) => run.push((SegmentValue::CenterOf(i as u32), *v)),
                None => runs.push(std::mem::take(&mut run)),
            }
        }
        runs.push(run);
        for r in runs.into_iter().filter(|r| !r.is_empty()) {
            chart
                .draw_series(LineSeries::new(r.clone(), PALETTE[2].stroke_width(2)))
                .map_err(err)?;
            chart
                .draw_series(
                    r.into_iter()
                        .map(|p| Circle::new(p, 4, PALETTE[2].filled())),
                )
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(svg)
}
