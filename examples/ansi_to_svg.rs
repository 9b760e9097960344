//! Turns a terminal capture (`tmux capture-pane -e -p -N`) into an SVG screenshot; used by
//! `scripts/screenshots.sh`.
//!
//! ```text
//! tmux capture-pane -e -p -N -t shots | cargo run --release --example ansi_to_svg -- --cols 120 --rows 36 > shot.svg
//! ```
//!
//! `vt100` plays the capture into a terminal grid of cells (text, colours, bold, dim, italic,
//! underline, reverse), and this program draws that grid: one rectangle per run of cells with the
//! same background, and the text on the cells' columns. Every non-ASCII character sits on its own
//! column, so a glyph from a fallback font (CJK, emoji) or a wide character cannot shift the rest
//! of its line; runs of ASCII are drawn whole, since the font draws them exactly one cell apart.
//!
//! Input: ANSI text on stdin, or in the file named as the argument. Output: SVG on stdout.

use std::fmt::Write as _;
use std::io::Read as _;
use std::num::NonZeroU16;
use std::process::ExitCode;

use clap::Parser;
use unicode_width::UnicodeWidthStr as _;

/// The font the grid is measured for (Debian: fonts-dejavu-core). It has the box-drawing characters
/// and ✔ ✗ ▶ ▾ ▸ × → ⚠ · …, in regular and bold, all of the same advance.
const FONT_FAMILY: &str = "'DejaVu Sans Mono', monospace";
/// DejaVu Sans Mono metrics, in font units: the advance of every glyph, the ascent and the descent.
const UNITS_PER_EM: f64 = 2048.0;
const ADVANCE: f64 = 1233.0;
const ASCENT: f64 = 1901.0;
const DESCENT: f64 = 483.0;

/// An RGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rgb(u8, u8, u8);

/// Default foreground and background, and the 16 ANSI colours: a dark theme in which the dim
/// (bright black) text stays readable.
const FOREGROUND: Rgb = Rgb(0xd8, 0xdc, 0xe3);
const BACKGROUND: Rgb = Rgb(0x1c, 0x1f, 0x26);
const PALETTE: [Rgb; 16] = [
    Rgb(0x3b, 0x40, 0x4c), // black
    Rgb(0xe0, 0x6c, 0x75), // red
    Rgb(0x98, 0xc3, 0x79), // green
    Rgb(0xe5, 0xc0, 0x7b), // yellow
    Rgb(0x61, 0xaf, 0xef), // blue
    Rgb(0xc6, 0x78, 0xdd), // magenta
    Rgb(0x56, 0xb6, 0xc2), // cyan
    Rgb(0xd8, 0xdc, 0xe3), // white
    Rgb(0x7f, 0x86, 0x93), // bright black
    Rgb(0xff, 0x7b, 0x86), // bright red
    Rgb(0xb5, 0xe8, 0x90), // bright green
    Rgb(0xff, 0xd5, 0x8f), // bright yellow
    Rgb(0x7c, 0xc5, 0xff), // bright blue
    Rgb(0xde, 0x9c, 0xf7), // bright magenta
    Rgb(0x7a, 0xdf, 0xeb), // bright cyan
    Rgb(0xff, 0xff, 0xff), // bright white
];

/// Renders ANSI text as an SVG image of a terminal screen.
#[derive(Parser)]
struct Args {
    /// File with the ANSI text; stdin when absent.
    file: Option<std::path::PathBuf>,
    /// Width of the screen in columns (0: the widest line of the capture).
    #[arg(long, default_value_t = 0)]
    cols: u16,
    /// Height of the screen in rows (0: the lines of the capture).
    #[arg(long, default_value_t = 0)]
    rows: u16,
    /// Font size in pixels.
    #[arg(long, default_value_t = 14.0)]
    font_size: f64,
    /// Empty space around the screen, in pixels.
    #[arg(long, default_value_t = 16.0)]
    padding: f64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match read_input(args.file.as_deref()) {
        Ok(input) => {
            print!("{}", convert(&input, &args));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("ansi_to_svg: {error}");
            ExitCode::FAILURE
        }
    }
}

fn read_input(file: Option<&std::path::Path>) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    match file {
        Some(path) => bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?,
        None => {
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("stdin: {e}"))?;
        }
    }
    Ok(bytes)
}

fn convert(input: &[u8], args: &Args) -> String {
    let lines: Vec<&[u8]> = input.strip_suffix(b"\n").unwrap_or(input).split(|&b| b == b'\n').collect();
    let rows = if args.rows > 0 { args.rows } else { u16::try_from(lines.len()).unwrap_or(u16::MAX) };
    let cols = if args.cols > 0 { args.cols } else { widest(&lines) };
    let rows = NonZeroU16::new(rows).unwrap_or(NonZeroU16::MIN);
    let cols = NonZeroU16::new(cols).unwrap_or(NonZeroU16::MIN);
    let mut terminal = vt100::Parser::new(rows, cols, 0);
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            // tmux ends each row with a bare newline; a terminal needs the carriage return too.
            terminal.process(b"\r\n");
        }
        terminal.process(line);
    }
    draw(terminal.screen(), &Grid::new(args.font_size, args.padding))
}

/// The widest line, in columns, with its escape sequences played on a wide scratch screen.
fn widest(lines: &[&[u8]]) -> u16 {
    let wide = NonZeroU16::new(1000).unwrap_or(NonZeroU16::MAX);
    let width = |line: &&[u8]| {
        let mut scratch = vt100::Parser::new(NonZeroU16::MIN, wide, 0);
        scratch.process(line);
        let text = scratch.screen().contents();
        u16::try_from(text.trim_end().width()).unwrap_or(u16::MAX)
    };
    lines.iter().map(width).max().unwrap_or(0)
}

/// How one cell is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Look {
    foreground: Rgb,
    background: Rgb,
    bold: bool,
    dim: bool,
    italic: bool,
    underline: bool,
}

impl Look {
    fn of(cell: &vt100::Cell) -> Look {
        let mut foreground = color(cell.fgcolor(), FOREGROUND);
        let mut background = color(cell.bgcolor(), BACKGROUND);
        if cell.inverse() {
            std::mem::swap(&mut foreground, &mut background);
        }
        Look {
            foreground,
            background,
            bold: cell.bold(),
            dim: cell.dim(),
            italic: cell.italic(),
            underline: cell.underline(),
        }
    }

    fn text_attributes(&self) -> String {
        let mut attributes = format!(r#" fill="{}""#, hex(self.foreground));
        if self.bold {
            attributes.push_str(r#" font-weight="bold""#);
        }
        if self.dim {
            // librsvg ignores `opacity` on a tspan; `fill-opacity` it draws.
            attributes.push_str(r#" fill-opacity="0.55""#);
        }
        if self.italic {
            attributes.push_str(r#" font-style="italic""#);
        }
        if self.underline {
            attributes.push_str(r#" text-decoration="underline""#);
        }
        attributes
    }
}

/// A terminal colour as RGB: the 16 of the palette, the 6×6×6 cube, the grey ramp, or RGB itself.
fn color(color: vt100::Color, default: Rgb) -> Rgb {
    match color {
        vt100::Color::Default => default,
        vt100::Color::Idx(n) if n < 16 => PALETTE[usize::from(n)],
        vt100::Color::Idx(n) if n < 232 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            let n = n - 16;
            Rgb(level(n / 36), level((n / 6) % 6), level(n % 6))
        }
        vt100::Color::Idx(n) => {
            let grey = 8 + (n - 232) * 10;
            Rgb(grey, grey, grey)
        }
        vt100::Color::Rgb(r, g, b) => Rgb(r, g, b),
    }
}

fn hex(Rgb(r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
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

    fn x(&self, column: u16) -> f64 {
        self.padding + f64::from(column) * self.cell_width
    }

    fn top(&self, row: u16) -> f64 {
        self.padding + f64::from(row) * self.row_height
    }
}

/// A piece of text drawn from one column on, in one look: a run of ASCII, or one other character
/// (with its combining marks) on its own column.
struct Run {
    column: u16,
    text: String,
    look: Look,
}

/// The text of one row as runs; blank cells end runs and are not drawn (unless underlined).
fn runs(screen: &vt100::Screen, row: u16, cols: u16) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut last_ascii = false;
    for column in 0..cols {
        let Some(cell) = screen.cell(row, column) else { continue };
        if cell.is_wide_continuation() {
            continue;
        }
        let look = Look::of(cell);
        let text = cell.contents();
        let blank = text.trim().is_empty();
        if blank && !look.underline {
            last_ascii = false;
            continue;
        }
        let text = if blank { " " } else { text };
        let ascii = text.is_ascii();
        match runs.last_mut() {
            Some(run) if ascii && last_ascii && run.look == look => run.text.push_str(text),
            _ => runs.push(Run { column, text: text.to_owned(), look }),
        }
        last_ascii = ascii;
    }
    runs
}

fn draw(screen: &vt100::Screen, grid: &Grid) -> String {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    let width = (2.0 * grid.padding + f64::from(cols) * grid.cell_width).ceil();
    let height = (2.0 * grid.padding + f64::from(rows) * grid.row_height).ceil();

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">"#
    );
    let _ = writeln!(
        svg,
        "  <style>text {{ font-family: {FONT_FAMILY}; font-size: {}px; white-space: pre; }} \
         rect {{ shape-rendering: crispEdges; }}</style>",
        grid.font_size
    );
    let _ = writeln!(svg, r#"  <rect width="{width}" height="{height}" rx="6" fill="{}"/>"#, hex(BACKGROUND));

    svg.push_str("  <g>\n");
    for row in 0..rows {
        let mut open: Option<(u16, Rgb)> = None;
        for column in 0..=cols {
            let background = screen.cell(row, column).map(|cell| Look::of(cell).background);
            if let Some((start, color)) = open {
                if background == Some(color) {
                    continue;
                }
                rect(&mut svg, grid, row, start, column, color);
            }
            open = background.filter(|color| *color != BACKGROUND).map(|color| (column, color));
        }
    }
    svg.push_str("  </g>\n");

    svg.push_str("  <text xml:space=\"preserve\">\n");
    for row in 0..rows {
        let y = grid.top(row) + grid.baseline;
        for run in runs(screen, row, cols) {
            let _ = writeln!(
                svg,
                r#"    <tspan x="{:.3}" y="{y:.3}"{}>{}</tspan>"#,
                grid.x(run.column),
                run.look.text_attributes(),
                escape(&run.text)
            );
        }
    }
    svg.push_str("  </text>\n</svg>\n");
    svg
}

fn rect(svg: &mut String, grid: &Grid, row: u16, start: u16, end: u16, color: Rgb) {
    let x = grid.x(start);
    let width = grid.x(end) - x;
    let _ = writeln!(
        svg,
        r#"    <rect x="{x:.3}" y="{:.3}" width="{width:.3}" height="{:.3}" fill="{}"/>"#,
        grid.top(row),
        grid.row_height,
        hex(color)
    );
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
