//! Bar charts drawn as SVG on the server: nothing to download, readable without JavaScript.
//! Each chart is an image named by its caption, and its figures are also a table (a chart
//! alone tells a screen reader nothing). Their words (captions, labels, the table's summary)
//! come from the page, in its language.

use leptos::prelude::*;

/// One bar: what it counts, how many, its colour.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub colour: String,
}

/// The words around a chart's total in the summary of its table: « Les chiffres (12 en
/// tout) », "The figures (12 in all)".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FiguresWords {
    pub before: String,
    pub after: String,
}

/// Width of the label column and of the longest bar, height of a bar and of its row (SVG units).
const LABEL_WIDTH: f64 = 250.0;
const BAR_SPACE: f64 = 300.0;
const BAR_HEIGHT: f64 = 18.0;
const ROW_HEIGHT: f64 = 26.0;

/// Horizontal bars, one per row, each with its label and its value.
#[component]
pub fn BarChart(
    id: String,
    caption: String,
    bars: Vec<Bar>,
    /// The words of the table's summary, in the page's language.
    figures: FiguresWords,
    #[prop(default = "")] unit: &'static str,
) -> impl IntoView {
    let largest = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
    let height = ROW_HEIGHT * bars.len().max(1) as f64;
    let caption_id = format!("{id}-titre");
    let total: i64 = bars.iter().map(|b| b.value).sum();
    let rows = bars.iter().enumerate().map(|(n, bar)| {
        let y = n as f64 * ROW_HEIGHT;
        let width = BAR_SPACE * bar.value as f64 / largest;
        view! {
            <g>
                <text x="0" y=y + BAR_HEIGHT - 4.0 class="chart__label">{truncate(&bar.label)}</text>
                <rect x=LABEL_WIDTH y=y width=width.max(1.0) height=BAR_HEIGHT fill=bar.colour.clone() rx="3"></rect>
                <text x=LABEL_WIDTH + width + 6.0 y=y + BAR_HEIGHT - 4.0 class="chart__value">{bar.value}</text>
            </g>
        }
    }).collect_view();
    view! {
        <figure class="chart" id=id.clone()>
            <figcaption id=caption_id.clone()>{caption.clone()}</figcaption>
            <svg
                role="img"
                aria-labelledby=caption_id
                viewBox=format!("0 0 {} {height}", LABEL_WIDTH + BAR_SPACE + 50.0)
                preserveAspectRatio="xMinYMin meet"
            >
                {rows}
            </svg>
            <details class="chart__data">
                <summary>{format!("{}{total}{unit}{}", figures.before, figures.after)}</summary>
                <table class="holder-table">
                    <caption class="sr-only">{caption}</caption>
                    <tbody>
                        {bars.into_iter().map(|bar| view! {
                            <tr><th scope="row">{bar.label}</th><td>{bar.value}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

/// A label short enough for its column; the table below gives it whole.
fn truncate(label: &str) -> String {
    const MAX: usize = 34;
    if label.chars().count() <= MAX {
        label.to_string()
    } else {
        format!("{}…", label.chars().take(MAX - 1).collect::<String>())
    }
}
