//! Stage 6 (planted spam, threat A1): whether a CSS declaration list hides its element from
//! a human visitor. Used for `style=` attributes and for the rules of the page's `<style>`.
//!
//! Hidden: `display:none`; `visibility:hidden|collapse`; `opacity` below 0.1 (also as a
//! percentage); `font-size` of 0 or at most 1px; `line-height:0`; far off-screen
//! (`left`/`top`/`right`/`margin-*`/`text-indent` ≤ −500); pushed out of view by padding
//! (`margin`/`padding`/`top`/`left`/`line-height` of about 2000px or more, in any unit,
//! and `text-indent` ≥ 999); `transform` by `scale(0…)`,
//! `scaleX(0)`, `scaleY(0)`, `scale3d`, or a degenerate `matrix(…)`; `zoom` below 0.1;
//! `clip:rect(0…)`; `clip-path:inset(50%|100%)`; a box of at most 1px (`width`, `height`,
//! `max-height`, `max-width`) with `overflow:hidden|clip`; `color:transparent` or a colour
//! with alpha 0; text the colour of its background (`#fff`, `#ffffff`, `white`,
//! `rgb(255,255,255)` are one colour; the colour is found in a `background` shorthand too).
//!
//! Also: `content-visibility:hidden`; `scale:0`; `translate`/`transform:translate(…)` far
//! off-screen; `filter:opacity(…)` below 0.1; `clip:rect(…)` with nothing left;
//! `clip-path:circle(0)`, `ellipse(0 …)`, a one-point `polygon`; a box of at most 1×1px.
//!
//! Security note: the value is read as the browser reads it (see `css_decls`: comments,
//! escapes, case, `!important`, custom properties); an unresolvable `var()` in a hiding
//! property reads as hiding. The caller decodes entities first (`style="display&#58;none"`).

use super::css_decls;

/// Whether a declaration list hides its element from a human visitor.
pub(crate) fn style_hides(decls: &str) -> bool {
    let mut tiny = false;
    let (mut narrow, mut low) = (false, false);
    let mut overflow_hidden = false;
    let (mut color, mut background) = (None, None);
    for (prop, value) in css_decls::declarations(decls) {
        let (prop, value) = (prop.as_str(), value.as_str());
        if value.contains(css_decls::UNRESOLVED) {
            // Fail closed: the content of an element styled by a value that is not known
            // here is judged.
            if HIDING_PROPS.contains(&prop) {
                return true;
            }
            continue;
        }
        if hides_alone(prop, value) {
            return true;
        }
        match prop {
            "width" | "height" | "max-height" | "max-width" => {
                let px = at_most_one_px(value);
                tiny |= px;
                narrow |= px && prop.ends_with("width");
                low |= px && prop.ends_with("height");
            }
            "overflow" | "overflow-x" | "overflow-y" => {
                overflow_hidden |= value == "hidden" || value == "clip";
            }
            "color" | "-webkit-text-fill-color" => color = colour(value),
            "background" | "background-color" => {
                background = value
                    .split_ascii_whitespace()
                    .find_map(colour)
                    .or(background);
            }
            _ => {}
        }
    }
    (tiny && overflow_hidden) || (narrow && low) || (color.is_some() && color == background)
}

/// The properties whose unknown value (an unresolved `var()`) is read as hiding.
const HIDING_PROPS: &[&str] = &[
    "display",
    "visibility",
    "opacity",
    "content-visibility",
    "clip",
    "clip-path",
    "transform",
    "scale",
    "translate",
    "filter",
    "zoom",
    "font-size",
    "left",
    "top",
    "text-indent",
    "color",
];

/// One declaration that hides by itself.
fn hides_alone(prop: &str, value: &str) -> bool {
    match prop {
        "display" => value == "none",
        "visibility" => value == "hidden" || value == "collapse",
        "content-visibility" => value == "hidden",
        "opacity" => fraction(value).is_some_and(|v| v < 0.1),
        "zoom" => fraction(value).is_some_and(|v| v < 0.1),
        "font-size" => is_zero(value) || (value.ends_with("px") && at_most_one_px(value)),
        "line-height" => is_zero(value) || pushed(value),
        "left"
        | "top"
        | "margin-left"
        | "margin-top"
        | "padding-top"
        | "padding-left"
        | "margin-block-start"
        | "padding-block-start"
        | "margin-inline-start"
        | "padding-inline-start"
        | "inset-inline-start"
        | "inset-block-start" => value.split_ascii_whitespace().any(|v| far(v) || pushed(v)),
        "right" => value.split_ascii_whitespace().any(far),
        "inset" => value.split_ascii_whitespace().any(far) || shorthand_pushes(value),
        "margin" => shorthand_pushes(value) || value.split_ascii_whitespace().any(far),
        "padding" => shorthand_pushes(value),
        "text-indent" => value
            .split_ascii_whitespace()
            .any(|v| far(v) || number(v).is_some_and(|n| n >= 999.0)),
        "transform" => scaled_away(value) || moved_away(value),
        "scale" => value
            .split_ascii_whitespace()
            .take(2)
            .any(|a| fraction(a).is_some_and(|v| v.abs() < 0.01)),
        "translate" => value.split_ascii_whitespace().any(far),
        "filter" => functions(value).any(|(name, args)| {
            let scale = if value.contains('%') { 100.0 } else { 1.0 };
            name == "opacity" && args.first().is_some_and(|v| *v / scale < 0.1)
        }),
        "clip" => clipped_rect(value),
        "clip-path" => clip_path_hides(value),
        "color" | "-webkit-text-fill-color" => colour(value).is_some_and(|c| c.3 == 0),
        _ => false,
    }
}

/// An offset of at most −500 (px, em or any unit): far off-screen.
fn far(value: &str) -> bool {
    number(value).is_some_and(|v| v <= -500.0)
}

/// Padding spam: a positive offset of about 2000px or more (`margin-top:3000px`,
/// `padding-top:150em`, `top:300vh`) puts the box below or beside anything a visitor sees.
fn pushed(value: &str) -> bool {
    let Some(v) = number(value) else {
        return false;
    };
    let unit = value.trim_start_matches(|c: char| c.is_ascii_digit() || "+-.".contains(c));
    let px = match unit {
        "em" | "rem" | "ch" | "ex" | "pc" | "lh" => v * 16.0,
        "vh" | "vw" | "%" | "vmin" | "vmax" | "dvh" | "svh" | "lvh" => v * 10.0,
        "pt" => v * 4.0 / 3.0,
        "cm" => v * 37.8,
        "mm" => v * 3.78,
        "in" => v * 96.0,
        "q" => v * 0.945,
        _ => v,
    };
    px >= 2000.0
}

/// A `margin`/`padding`/`inset` shorthand whose top, right or left side is pushed far:
/// the third of three or four values is the bottom, which moves only what follows.
fn shorthand_pushes(value: &str) -> bool {
    let sides: Vec<&str> = value.split_ascii_whitespace().collect();
    sides
        .iter()
        .enumerate()
        .any(|(i, v)| (i != 2 || sides.len() < 3) && pushed(v))
}

/// `translate(-9999px)`, `translateX(…)`, `translate3d(…)`: moved far off-screen.
fn moved_away(value: &str) -> bool {
    functions(value)
        .any(|(name, args)| name.starts_with("translate") && args.iter().any(|v| *v <= -500.0))
}

/// `rect(0 0 0 0)`, `rect(1px, 1px, 1px, 1px)`: nothing of the box is left.
fn clipped_rect(value: &str) -> bool {
    functions(value)
        .any(|(name, a)| name == "rect" && a.len() == 4 && (a[2] <= a[0] || a[1] <= a[3]))
}

/// `inset(50%)` or more, `circle(0)`, `ellipse(0 …)`, `polygon` of one point.
fn clip_path_hides(value: &str) -> bool {
    functions(value).any(|(name, a)| match name.as_str() {
        "inset" => value.contains('%') && a.iter().take(4).any(|v| *v >= 50.0),
        "circle" | "ellipse" => a.first().is_some_and(|v| v.abs() < 0.01),
        "polygon" => a.windows(2).all(|w| w[0] == w[1]) || a.iter().all(|v| *v == a[0]),
        _ => false,
    })
}

/// The functions of a value with their numeric arguments (`name(1px, 2 3%)`).
fn functions(value: &str) -> impl Iterator<Item = (String, Vec<f32>)> + '_ {
    let mut rest = value;
    std::iter::from_fn(move || {
        let open = rest.find('(')?;
        let name = rest[..open]
            .rsplit([' ', ')', ','])
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let close = rest[open..].find(')').unwrap_or(rest.len() - open);
        let args = rest[open + 1..open + close]
            .split([',', ' ', '/'])
            .filter(|a| !a.is_empty())
            .filter_map(number)
            .collect();
        rest = rest.get(open + close + 1..).unwrap_or("");
        Some((name, args))
    })
}

fn number(value: &str) -> Option<f32> {
    let end = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(value.len());
    let n = &value[..end];
    // `.5` and `-.5` are numbers in CSS.
    let n = match n.strip_prefix('-') {
        Some(r) if r.starts_with('.') => format!("-0{r}"),
        _ if n.starts_with('.') => format!("0{n}"),
        _ => n.to_string(),
    };
    n.parse().ok()
}

/// A number or a percentage, as a fraction.
fn fraction(value: &str) -> Option<f32> {
    let v = number(value)?;
    Some(if value.trim_end().ends_with('%') {
        v / 100.0
    } else {
        v
    })
}

pub(crate) fn is_zero(value: &str) -> bool {
    number(value).is_some_and(|v| v == 0.0)
}

pub(crate) fn at_most_one_px(value: &str) -> bool {
    number(value).is_some_and(|v| v <= 1.0)
}

/// `scale(0)`, `scaleX(0.0)`, `scale3d(0,…)`, `matrix(0,0,0,0,…)`: the box shrinks to nothing.
fn scaled_away(value: &str) -> bool {
    let mut rest = value;
    while let Some(open) = rest.find('(') {
        let name = rest[..open].rsplit([' ', ')']).next().unwrap_or("").trim();
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        let args: Vec<f32> = rest[open + 1..open + close]
            .split([',', ' '])
            .filter(|a| !a.is_empty())
            .filter_map(number)
            .collect();
        let tiny = |v: &f32| v.abs() < 0.01;
        let away = match name {
            "scale" | "scalex" | "scaley" | "scale3d" => args.iter().take(2).any(tiny),
            "matrix" if args.len() >= 4 => (args[0] * args[3] - args[1] * args[2]).abs() < 1e-4,
            _ => false,
        };
        if away {
            return true;
        }
        rest = &rest[open + close + 1..];
    }
    false
}

/// A colour as (r, g, b, alpha 0–255); `None` when it is not one (or is an image).
fn colour(value: &str) -> Option<(u8, u8, u8, u8)> {
    let v = value.trim();
    if let Some(hex) = v.strip_prefix('#') {
        return hex_colour(hex);
    }
    if let Some(args) = v
        .strip_prefix("rgba(")
        .or_else(|| v.strip_prefix("rgb("))
        .and_then(|a| a.strip_suffix(')'))
    {
        let parts: Vec<&str> = args
            .split([',', ' ', '/'])
            .filter(|p| !p.is_empty())
            .collect();
        let ch = |i: usize| -> Option<u8> {
            let p = parts.get(i)?;
            let f = fraction(p)?;
            let f = if p.ends_with('%') { f * 255.0 } else { f };
            Some(f.clamp(0.0, 255.0).round() as u8)
        };
        let alpha = match parts.get(3) {
            Some(a) => (fraction(a)?.clamp(0.0, 1.0) * 255.0).round() as u8,
            None => 255,
        };
        return Some((ch(0)?, ch(1)?, ch(2)?, alpha));
    }
    named(v)
}

fn hex_colour(hex: &str) -> Option<(u8, u8, u8, u8)> {
    let digit = |i: usize| u8::from_str_radix(hex.get(i..=i)?, 16).ok();
    let pair = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    match hex.len() {
        3 | 4 => Some((
            digit(0)? * 17,
            digit(1)? * 17,
            digit(2)? * 17,
            if hex.len() == 4 { digit(3)? * 17 } else { 255 },
        )),
        6 | 8 => Some((
            pair(0)?,
            pair(2)?,
            pair(4)?,
            if hex.len() == 8 { pair(6)? } else { 255 },
        )),
        _ => None,
    }
}

/// The named colours that planted text uses (the page's background is nearly always one).
fn named(v: &str) -> Option<(u8, u8, u8, u8)> {
    Some(match v {
        "white" => (255, 255, 255, 255),
        "black" => (0, 0, 0, 255),
        "transparent" => (0, 0, 0, 0),
        "red" => (255, 0, 0, 255),
        "silver" => (192, 192, 192, 255),
        "gray" | "grey" => (128, 128, 128, 255),
        "whitesmoke" => (245, 245, 245, 255),
        "snow" => (255, 250, 250, 255),
        "ivory" => (255, 255, 240, 255),
        "navy" => (0, 0, 128, 255),
        "blue" => (0, 0, 255, 255),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hiding_styles() {
        for s in [
            "display:none",
            "DISPLAY: NONE !important",
            "visibility:hidden",
            "position:absolute;left:-9999px",
            "text-indent:-10000em",
            "font-size:0",
            "font-size:0px",
            "font-size:1px",
            "height:1px;overflow:hidden",
            "width:0;height:0;overflow:hidden",
            "max-height:0;overflow:hidden",
            "height:0px !important;overflow:clip",
            "line-height:0",
            "opacity:0",
            "opacity:.0",
            "opacity:0.01",
            "opacity:.001",
            "opacity:0.05",
            "opacity:3%",
            "color:#fff;background:#fff",
            "color:#ffffff;background-color:white",
            "color:rgb(255, 255, 255);background:#FFF url(/a.png) no-repeat",
            "color:rgba(0,0,0,0)",
            "color:transparent",
            "clip:rect(0 0 0 0);position:absolute",
            "transform:scale(0)",
            "transform:scale(0.0)",
            "transform: translate(10px) scaleX(0)",
            "transform:scale3d(0,1,1)",
            "transform:matrix(0,0,0,0,0,0)",
            "zoom:0.01",
        ] {
            assert!(style_hides(s), "{s}");
        }
        for s in [
            "display:block",
            "left:10px",
            "height:1px",
            "height:0",
            "font-size:12px",
            "font-size:0.8em",
            "opacity:1",
            "opacity:0.5",
            "opacity:50%",
            "color:red",
            "color:#333;background:#fff",
            "transform:scale(0.5)",
            "transform:scale(1.05)",
            "transform:matrix(1,0,0,1,0,0)",
            "zoom:1",
        ] {
            assert!(!style_hides(s), "{s}");
        }
    }
}
