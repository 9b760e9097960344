//! Turns a terminal capture (`tmux capture-pane -e -p`) into an SVG screenshot; used by
//! `scripts/screenshots.sh`.
//!
//! ```text
//! tmux capture-pane -e -p -t shots | cargo run --release --example ansi_to_svg -- --cols 120 --rows 36 > shot.svg
//! ```
//!
//! `anstyle-svg` parses the escape codes and names the colours and effects (CSS classes from its palette);
//! this program then lays the text out on the terminal's grid itself, because `anstyle-svg` alone:
//! - lets text flow at the font's advance, so a glyph from a fallback font (CJK, emoji) or a wide
//!   character shifts the rest of its line; here every non-ASCII character sits at its own column;
//! - paints backgrounds with `█` glyphs 18 px apart, which leaves gaps between rows and, for text with
//!   `&`, `<` or `>`, the wrong width (it measures the escaped text); here they are rectangles;
//! - reads `ESC[4;7m` (what tmux writes for underline + reverse) as underline alone, and colours
//!   followed by more parameters wrongly; here every SGR parameter is sent on its own first;
//! - has no setting for the font, whose metrics the grid below depends on.
//!
//! Input: ANSI text on stdin, or in the file named as the argument. Output: SVG on stdout.

use std::fmt::Write as _;
use std::io::Read as _;
use std::process::ExitCode;

use clap::builder::styling::{Color, RgbColor}; // `anstyle`, re-exported by clap
use clap::Parser;
use unicode_width::UnicodeWidthChar as _;

/// The font the grid is measured for (Debian: fonts-dejavu-core). It has the box-drawing characters
/// and ✔ ✗ ▶ ▾ ▸ × → ⚠ · …, in regular and bold, all of the same advance.
const FONT_FAMILY: &str = "'DejaVu Sans Mono', monospace";
/// DejaVu Sans Mono metrics, in font units: the advance of every glyph, the ascent and the descent.
const UNITS_PER_EM: f64 = 2048.0;
const ADVANCE: f64 = 1233.0;
const ASCENT: f64 = 1901.0;
const DESCENT: f64 = 483.0;

/// Default foreground and background, and the 16 ANSI colours: a dark theme in which the dim
/// (bright black) text stays readable.
const FOREGROUND: RgbColor = RgbColor(0xd8, 0xdc, 0xe3);
const BACKGROUND: RgbColor = RgbColor(0x1c, 0x1f, 0x26);
const PALETTE: [RgbColor; 16] = [
    RgbColor(0x3b, 0x40, 0x4c), // black
    RgbColor(0xe0, 0x6c, 0x75), // red
    RgbColor(0x98, 0xc3, 0x79), // green
    RgbColor(0xe5, 0xc0, 0x7b), // yellow
    RgbColor(0x61, 0xaf, 0xef), // blue
    RgbColor(0xc6, 0x78, 0xdd), // magenta
    RgbColor(0x56, 0xb6, 0xc2), // cyan
    RgbColor(0xd8, 0xdc, 0xe3), // white
    RgbColor(0x7f, 0x86, 0x93), // bright black
    RgbColor(0xff, 0x7b, 0x86), // bright red
    RgbColor(0xb5, 0xe8, 0x90), // bright green
    RgbColor(0xff, 0xd5, 0x8f), // bright yellow
    RgbColor(0x7c, 0xc5, 0xff), // bright blue
    RgbColor(0xde, 0x9c, 0xf7), // bright magenta
    RgbColor(0x7a, 0xdf, 0xeb), // bright cyan
    RgbColor(0xff, 0xff, 0xff), // bright white
];

/// Renders ANSI text as an SVG image of a terminal screen.
#[derive(Parser)]
struct Args {
    /// File with the ANSI text; stdin when absent.
    file: Option<std::path::PathBuf>,
    /// Width of the image in columns at least (tmux drops trailing blank cells).
    #[arg(long, default_value_t = 0)]
    cols: usize,
    /// Height of the image in rows at least.
    #[arg(long, default_value_t = 0)]
    rows: usize,
    /// Font size in pixels.
    #[arg(long, default_value_t = 14.0)]
    font_size: f64,
    /// Empty space around the screen, in pixels.
    #[arg(long, default_value_t = 16.0)]
    padding: f64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let input = match read_input(args.file.as_deref()) {
        Ok(input) => input,
        Err(error) => {
            eprintln!("ansi_to_svg: {error}");
            return ExitCode::FAILURE;
        }
    };
    match convert(&input, &args) {
        Ok(svg) => {
            print!("{svg}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("ansi_to_svg: {error}");
            ExitCode::FAILURE
        }
    }
}

fn read_input(file: Option<&std::path::Path>) -> Result<String, String> {
    let mut bytes = Vec::new();
    match file {
        Some(path) => bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?,
        None => {
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("stdin: {e}"))?;
        }
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn convert(input: &str, args: &Args) -> Result<String, String> {
    let mut palette = anstyle_svg::VGA;
    palette.0 = PALETTE;
    let term = anstyle_svg::Term::new()
        .palette(palette)
        .fg_color(Color::Rgb(FOREGROUND))
        .bg_color(Color::Rgb(BACKGROUND))
        .min_width_px(0);
    let svg = term.render_svg(&normalize(input));
    let parsed = parse_anstyle_svg(&svg)?;
    Ok(layout(&parsed, &Grid::new(args.font_size, args.padding), args.cols, args.rows))
}

/// Rewrites the escape codes into the subset `anstyle-svg` reads right: one SGR parameter per
/// sequence, colours in the `;` form, the DEC line-drawing set (tmux's SO/SI) as box-drawing
/// characters, and nothing else (cursor movement, modes). Drops the newline after the last row.
fn normalize(input: &str) -> String {
    let mut out = String::with_capacity(input.len() * 2);
    let mut chars = input.chars().peekable();
    let mut line_drawing = false;
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => match chars.next() {
                Some('[') => {
                    let mut params = String::new();
                    let mut final_byte = None;
                    for c in chars.by_ref() {
                        if ('\x40'..='\x7e').contains(&c) {
                            final_byte = Some(c);
                            break;
                        }
                        params.push(c);
                    }
                    let private = params.starts_with(['<', '=', '>', '?']);
                    if final_byte == Some('m') && !private {
                        for param in split_sgr(&params) {
                            let _ = write!(out, "\x1b[{param}m");
                        }
                    }
                }
                Some(']') => {
                    // OSC (hyperlinks): kept whole, ended by BEL or ST.
                    out.push_str("\x1b]");
                    while let Some(c) = chars.next() {
                        out.push(c);
                        if c == '\x07' {
                            break;
                        }
                        if c == '\x1b' && chars.peek() == Some(&'\\') {
                            out.push('\\');
                            chars.next();
                            break;
                        }
                    }
                }
                Some('(') => line_drawing = chars.next() == Some('0'),
                Some(_) | None => {}
            },
            '\x0e' => line_drawing = true,
            '\x0f' => line_drawing = false,
            '\n' => out.push('\n'),
            '\t' => out.push_str("        "),
            c if c.is_control() => {}
            c if line_drawing => out.push(dec_line_drawing(c)),
            c => out.push(c),
        }
    }
    drop_final_newline(&mut out);
    out
}

/// tmux ends every row with a newline; without this the image would get an empty last row.
fn drop_final_newline(out: &mut String) {
    let Some(last) = out.rfind('\n') else { return };
    let rest = &out[last + 1..];
    let only_escapes =
        rest.split('\x1b').all(|part| part.is_empty() || (part.starts_with('[') && part.ends_with('m')));
    if only_escapes {
        out.remove(last);
    }
}

/// `1;4;38;5;208` becomes `1`, `4`, `38;5;208`; `38:2::255:0:0` becomes `38;2;255;0;0`.
fn split_sgr(params: &str) -> Vec<String> {
    if params.is_empty() {
        return vec!["0".to_owned()];
    }
    let items: Vec<&str> = params.split(';').collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let item = if items[i].is_empty() { "0" } else { items[i] };
        let head = item.split(':').next().unwrap_or("");
        if !matches!(head, "38" | "48" | "58") {
            out.push(item.to_owned());
            i += 1;
            continue;
        }
        if item.contains(':') {
            let subs: Vec<&str> = item.split(':').collect();
            match subs.get(1).copied() {
                Some("5") if subs.len() >= 3 => out.push(format!("{head};5;{}", subs[2])),
                // 38:2:R:G:B, or 38:2:COLOURSPACE:R:G:B
                Some("2") if subs.len() >= 5 => {
                    let rgb = &subs[subs.len() - 3..];
                    out.push(format!("{head};2;{};{};{}", num(rgb[0]), num(rgb[1]), num(rgb[2])));
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match items.get(i + 1).copied() {
            Some("5") if i + 2 < items.len() => {
                out.push(format!("{head};5;{}", num(items[i + 2])));
                i += 3;
            }
            Some("2") if i + 4 < items.len() => {
                let [r, g, b] = [items[i + 2], items[i + 3], items[i + 4]].map(num);
                out.push(format!("{head};2;{r};{g};{b}"));
                i += 5;
            }
            _ => i = items.len(),
        }
    }
    out
}

fn num(text: &str) -> &str {
    if text.is_empty() {
        "0"
    } else {
        text
    }
}

/// The DEC special graphics set, as terminals draw it after `ESC ( 0` or SO.
fn dec_line_drawing(c: char) -> char {
    match c {
        'j' => '┘',
        'k' => '┐',
        'l' => '┌',
        'm' => '└',
        'n' => '┼',
        'q' => '─',
        't' => '├',
        'u' => '┤',
        'v' => '┴',
        'w' => '┬',
        'x' => '│',
        'a' => '▒',
        '`' => '◆',
        'f' => '°',
        'g' => '±',
        '~' => '·',
        'y' => '≤',
        'z' => '≥',
        '{' => 'π',
        '|' => '≠',
        '}' => '£',
        other => other,
    }
}

/// What `anstyle-svg` produced: its CSS rules for colours and effects, and per row the styled text
/// (classes and text of each span) with the background class of each span.
struct Parsed {
    rules: Vec<String>,
    rows: Vec<Vec<Span>>,
}

struct Span {
    classes: String,
    background: Option<String>,
    text: String,
}

/// Reads the SVG of `anstyle-svg` 1.1: single-line CSS rules in `<style>`, then one
/// `<tspan x=".." y="..">` per row (two for a row with backgrounds: the `█` one first), each holding
/// one `<tspan class="..">text</tspan>` per styled piece of text.
fn parse_anstyle_svg(svg: &str) -> Result<Parsed, String> {
    let unexpected = |what: &str| format!("unexpected anstyle-svg output ({what}); has its format changed?");
    let style_start = svg.find("<style>").ok_or_else(|| unexpected("no <style>"))?;
    let style_end = svg.find("</style>").ok_or_else(|| unexpected("no </style>"))?;
    let rules = svg[style_start + "<style>".len()..style_end]
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with('.') && line.ends_with('}') && !line.starts_with(".container"))
        .map(str::to_owned)
        .collect();

    let text_start = svg.find("<text").ok_or_else(|| unexpected("no <text>"))?;
    let text_end = svg.rfind("</text>").ok_or_else(|| unexpected("no </text>"))?;
    let body = &svg[text_start..text_end];
    let body = &body[body.find('>').ok_or_else(|| unexpected("<text> not closed"))? + 1..];

    // (y, spans) per row tspan, in order.
    let mut lines: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("<tspan x=\"") {
        rest = &rest[start..];
        let open_end = rest.find('>').ok_or_else(|| unexpected("row tspan not closed"))?;
        let y = attribute(&rest[..open_end], "y").ok_or_else(|| unexpected("row without y"))?;
        rest = &rest[open_end + 1..];
        let mut spans = Vec::new();
        loop {
            let trimmed = rest.trim_start_matches(['\n', ' ']);
            if let Some(after) = trimmed.strip_prefix("</tspan>") {
                rest = after;
                break;
            }
            let inner = trimmed.strip_prefix("<tspan").ok_or_else(|| unexpected("span expected"))?;
            let tag_end = inner.find('>').ok_or_else(|| unexpected("span not closed"))?;
            let classes = attribute(&inner[..tag_end], "class").unwrap_or_default();
            let content_and_rest = &inner[tag_end + 1..];
            let close = content_and_rest.find("</tspan>").ok_or_else(|| unexpected("span without end"))?;
            let content = strip_link(&content_and_rest[..close]);
            spans.push((classes, unescape(content)));
            rest = &content_and_rest[close + "</tspan>".len()..];
        }
        lines.push((y, spans));
    }

    let mut rows = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let has_background = lines.get(i + 1).is_some_and(|next| next.0 == lines[i].0);
        let (backgrounds, text) = if has_background {
            i += 2;
            (Some(&lines[i - 2].1), &lines[i - 1].1)
        } else {
            i += 1;
            (None, &lines[i - 1].1)
        };
        if let Some(backgrounds) = backgrounds {
            if backgrounds.len() != text.len() {
                return Err(unexpected("background and text spans differ in number"));
            }
        }
        let row = text
            .iter()
            .enumerate()
            .map(|(n, (classes, text))| Span {
                classes: classes.clone(),
                background: backgrounds.map(|b| b[n].0.clone()).filter(|class| !class.is_empty()),
                text: text.clone(),
            })
            .collect();
        rows.push(row);
    }
    Ok(Parsed { rules, rows })
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')?;
    Some(tag[start..start + end].to_owned())
}

/// Hyperlinks (`<a href>`) are not kept: an image cannot be clicked.
fn strip_link(content: &str) -> &str {
    match (content.strip_prefix("<a href=\""), content.strip_suffix("</a>")) {
        (Some(_), Some(inner)) => inner.find('>').map_or(inner, |end| &inner[end + 1..]),
        _ => content,
    }
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Cell geometry for the font at a size.
struct Grid {
    font_size: f64,
    padding: f64,
    cell_width: f64,
    row_height: f64,
    baseline: f64,
}

impl Grid {
    fn new(font_size: f64, padding: f64) -> Grid {
        let em = font_size / UNITS_PER_EM;
        let glyph_height = (ASCENT + DESCENT) * em;
        // Rows no taller than the box-drawing glyphs (which span ascent to descent), so that
        // vertical lines join up; the glyphs are centred in the row.
        let row_height = glyph_height.floor();
        let baseline = (row_height - glyph_height) / 2.0 + ASCENT * em;
        Grid { font_size, padding, cell_width: ADVANCE * em, row_height, baseline }
    }

    fn x(&self, column: usize) -> f64 {
        self.padding + column as f64 * self.cell_width
    }

    fn top(&self, row: usize) -> f64 {
        self.padding + row as f64 * self.row_height
    }
}

/// A piece of text drawn from one column on: a run of ASCII (which the font draws exactly one cell
/// apart) or one other character with its combining marks, placed on its own column.
struct Run {
    column: usize,
    text: String,
}

fn runs(text: &str, first_column: usize) -> (Vec<Run>, usize) {
    let mut runs: Vec<Run> = Vec::new();
    let mut column = first_column;
    let mut last_ascii = false;
    for c in text.chars() {
        let width = c.width().unwrap_or(0);
        if width == 0 {
            if let Some(run) = runs.last_mut() {
                run.text.push(c);
            }
            last_ascii = false;
            continue;
        }
        let ascii = c.is_ascii();
        match runs.last_mut() {
            Some(run) if ascii && last_ascii => run.text.push(c),
            _ => runs.push(Run { column, text: c.to_string() }),
        }
        last_ascii = ascii;
        column += width;
    }
    (runs, column)
}

fn layout(parsed: &Parsed, grid: &Grid, min_cols: usize, min_rows: usize) -> String {
    let widths: Vec<usize> =
        parsed.rows.iter().map(|row| row.iter().map(|span| text_width(&span.text)).sum()).collect();
    let cols = widths.iter().copied().max().unwrap_or(0).max(min_cols);
    let rows = parsed.rows.len().max(min_rows);
    let width = (2.0 * grid.padding + cols as f64 * grid.cell_width).ceil();
    let height = (2.0 * grid.padding + rows as f64 * grid.row_height).ceil();

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">"#
    );
    svg.push_str("  <style>\n");
    for rule in &parsed.rules {
        let _ = writeln!(svg, "    {rule}");
    }
    let _ = writeln!(
        svg,
        "    text {{ font-family: {FONT_FAMILY}; font-size: {}px; white-space: pre; }}",
        grid.font_size
    );
    // anstyle-svg strokes its background classes (for its █ glyphs); rectangles need no stroke.
    svg.push_str("    rect.cell { stroke: none; shape-rendering: crispEdges; }\n");
    // librsvg draws the shorthand; anstyle-svg writes the longhand `text-decoration-line`.
    svg.push_str("    .underline { text-decoration: underline; }\n");
    svg.push_str("    .strikethrough { text-decoration: line-through; }\n");
    // librsvg ignores `opacity` on a tspan, which is how anstyle-svg dims and hides text.
    svg.push_str("    .dimmed { fill-opacity: 0.55; }\n");
    svg.push_str("    .hidden { fill-opacity: 0; }\n");
    svg.push_str("  </style>\n");
    let _ = writeln!(svg, r#"  <rect width="{width}" height="{height}" rx="6" class="bg"/>"#);

    svg.push_str("  <g>\n");
    for (r, row) in parsed.rows.iter().enumerate() {
        let mut column = 0;
        let mut open: Option<(usize, &str)> = None;
        for span in row {
            let end = column + text_width(&span.text);
            match (&mut open, span.background.as_deref()) {
                (Some((_, class)), Some(next)) if *class == next => {}
                (_, background) => {
                    if let Some((start, class)) = open.take() {
                        rect(&mut svg, grid, r, start, column, class);
                    }
                    open = background.map(|class| (column, class));
                }
            }
            column = end;
        }
        if let Some((start, class)) = open {
            rect(&mut svg, grid, r, start, column, class);
        }
    }
    svg.push_str("  </g>\n");

    svg.push_str("  <text xml:space=\"preserve\" class=\"fg\">\n");
    for (r, row) in parsed.rows.iter().enumerate() {
        let y = grid.top(r) + grid.baseline;
        let mut column = 0;
        for span in row {
            let decorated = span.classes.contains("underline") || span.classes.contains("strikethrough");
            let (runs, end) = runs(&span.text, column);
            for run in runs {
                if run.text.trim().is_empty() && !decorated {
                    continue;
                }
                let class = if span.classes.is_empty() {
                    String::new()
                } else {
                    format!(r#" class="{}""#, span.classes)
                };
                let _ = writeln!(
                    svg,
                    r#"    <tspan x="{:.3}" y="{y:.3}"{class}>{}</tspan>"#,
                    grid.x(run.column),
                    escape(&run.text)
                );
            }
            column = end;
        }
    }
    svg.push_str("  </text>\n</svg>\n");
    svg
}

fn rect(svg: &mut String, grid: &Grid, row: usize, start: usize, end: usize, class: &str) {
    let x = grid.x(start);
    let width = grid.x(end) - x;
    let _ = writeln!(
        svg,
        r#"    <rect class="cell {class}" x="{x:.3}" y="{:.3}" width="{width:.3}" height="{:.3}"/>"#,
        grid.top(row),
        grid.row_height
    );
}

fn text_width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}
