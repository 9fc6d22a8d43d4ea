//! How numbers are written on the pictures: ticks, measured times and
//! ratios, each by a fixed rule (so the same JSON gives the same bytes), with
//! the units in the picture's language.

use super::strings::Strings;

/// Seconds for a tick: `100 µs`, `10 ms`, `1 s`, `100 s` (units in `lang`).
pub fn seconds(v: f64, lang: &Strings) -> String {
    let [us, ms, s] = lang.units;
    match v {
        v if v >= 1.0 => format!("{v:.0} {s}"),
        v if v >= 1e-3 => format!("{:.0} {ms}", v * 1e3),
        v => format!("{:.0} {us}", v * 1e6),
    }
}

/// A power of ten for a tick: `10⁶`.
pub fn power(v: f64, _: &Strings) -> String {
    let digits = format!("{:.0}", v.log10());
    let superscript = |c| {
        "⁰¹²³⁴⁵⁶⁷⁸⁹"
            .chars()
            .nth(c as usize - '0' as usize)
            .unwrap_or(c)
    };
    format!("10{}", digits.chars().map(superscript).collect::<String>())
}

/// A plain count for a tick: `10`, `10000`.
pub fn count(v: f64, _: &Strings) -> String {
    format!("{v:.0}")
}

/// A tick with one decimal: `0.5`, `1.0`.
pub fn tenths(v: f64, _: &Strings) -> String {
    format!("{v:.1}")
}

/// MiB for a tick: `1`, `10`, `100`.
pub fn mib(v: f64, _: &Strings) -> String {
    format!("{v:.0}")
}

/// A measured time to three significant digits, units in `lang`: `15.5 ms`.
pub fn duration(v: f64, lang: &Strings) -> String {
    let text = seconds_exact(v);
    let [us, ms, s] = lang.units;
    let (number, unit) = text.split_once(' ').unwrap_or((&text, ""));
    let unit = match unit {
        "µs" => us,
        "ms" => ms,
        "s" => s,
        other => other,
    };
    format!("{number} {unit}")
}

/// A measured time, to three significant digits: `15.5 ms`, `2.10 s`.
pub fn seconds_exact(v: f64) -> String {
    common::timing::format_duration(std::time::Duration::from_secs_f64(v.max(0.0)))
}

/// A ratio as a factor, to about three significant digits: `0.995x`, `4.56x`, `136x`.
pub fn factor(x: f64) -> String {
    let decimals = match x.abs() {
        x if x >= 100.0 => 0,
        x if x >= 10.0 => 1,
        x if x >= 1.0 => 2,
        _ => 3,
    };
    format!("{x:.decimals$}x")
}
