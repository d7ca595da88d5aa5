//! Stage 6 (planted spam, threat A1): whether a CSS declaration list hides its element from
//! a human visitor. Used for `style=` attributes and for the rules of the page's `<style>`.
//!
//! Hidden: `display:none`; `visibility:hidden|collapse`; `opacity` below 0.1 (also as a
//! percentage); `font-size` of 0 or at most 1px; `line-height:0`; far off-screen
//! (`left`/`top`/`right`/`margin-*`/`text-indent` ≤ −500); `transform` by `scale(0…)`,
//! `scaleX(0)`, `scaleY(0)`, `scale3d`, or a degenerate `matrix(…)`; `zoom` below 0.1;
//! `clip:rect(0…)`; `clip-path:inset(50%|100%)`; a box of at most 1px (`width`, `height`,
//! `max-height`, `max-width`) with `overflow:hidden|clip`; `color:transparent` or a colour
//! with alpha 0; text the colour of its background (`#fff`, `#ffffff`, `white`,
//! `rgb(255,255,255)` are one colour; the colour is found in a `background` shorthand too).
//!
//! Security note: the value is read lower-cased with `!important` dropped; the caller
//! decodes entities first (`style="display&#58;none"`).

/// Whether a declaration list hides its element from a human visitor.
pub(crate) fn style_hides(decls: &str) -> bool {
    let decls = decls.to_ascii_lowercase();
    let mut tiny = false;
    let mut overflow_hidden = false;
    let (mut color, mut background) = (None, None);
    for d in decls.split(';') {
        let Some((prop, value)) = d.split_once(':') else {
            continue;
        };
        let prop = prop.trim();
        let value = value.trim().trim_end_matches("!important").trim();
        if hides_alone(prop, value) {
            return true;
        }
        match prop {
            "width" | "height" | "max-height" | "max-width" => tiny |= at_most_one_px(value),
            "overflow" | "overflow-x" | "overflow-y" => {
                overflow_hidden |= value == "hidden" || value == "clip";
            }
            "color" => color = colour(value),
            "background" | "background-color" => {
                background = value
                    .split_ascii_whitespace()
                    .find_map(colour)
                    .or(background);
            }
            _ => {}
        }
    }
    (tiny && overflow_hidden) || (color.is_some() && color == background)
}

/// One declaration that hides by itself.
fn hides_alone(prop: &str, value: &str) -> bool {
    match prop {
        "display" => value == "none",
        "visibility" => value == "hidden" || value == "collapse",
        "opacity" => fraction(value).is_some_and(|v| v < 0.1),
        "zoom" => fraction(value).is_some_and(|v| v > 0.0 && v < 0.1),
        "font-size" => is_zero(value) || (value.ends_with("px") && at_most_one_px(value)),
        "line-height" => is_zero(value),
        "left" | "top" | "right" | "margin-left" | "margin-top" | "text-indent" => {
            number(value).is_some_and(|v| v <= -500.0)
        }
        "transform" => scaled_away(value),
        "clip" => value.replace(' ', "").contains("rect(0"),
        "clip-path" => value.contains("inset(50%") || value.contains("inset(100%"),
        "color" => colour(value).is_some_and(|c| c.3 == 0),
        _ => false,
    }
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
