//! newsdesk-polars: the newsdesk core as polars expression plugins. Strings in (one column of
//! HTML or scraped text), one string per row out; nulls stay null. Each call processes the chunk
//! polars hands over in parallel through the same `pipeline` as `newsdesk.articles`, so the
//! expressions work lazily, in `select`/`with_columns`, and in polars' streaming engine, without
//! the GIL. A panic inside the core becomes that row's error (the pipeline catches it); a wrong
//! input dtype is a polars ComputeError.

use newsdesk_core::article::{Article, Content, Document};
use newsdesk_core::{clean, pipeline};
use polars::prelude::*;
use pyo3::prelude::*;
use pyo3_polars::derive::polars_expr;
use pyo3_polars::PolarsAllocator;
use rayon::prelude::*;
use serde::Deserialize;

#[global_allocator]
static ALLOC: PolarsAllocator = PolarsAllocator::new();

#[derive(Deserialize, Default)]
struct ArticleKwargs {
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    day_first: Option<bool>,
}

fn strings(s: &Series) -> PolarsResult<&StringChunked> {
    s.str()
        .map_err(|_| polars_err!(ComputeError: "newsdesk: expected a String column of HTML or text, got {}", s.dtype()))
}

/// Run the pipeline over one chunk of a String column and take one field of each article.
fn article_field(
    inputs: &[Series],
    kwargs: ArticleKwargs,
    field: fn(Article) -> Option<String>,
) -> PolarsResult<Series> {
    let ca = strings(&inputs[0])?;
    let language = match kwargs.language {
        Some(l) => Some(
            newsdesk_core::lang::normalize_tag(&l)
                .ok_or_else(|| polars_err!(ComputeError: "language: {:?} is not an ISO 639 language code", l))?,
        ),
        None => None,
    };
    let opts = pipeline::Options {
        language,
        day_first: kwargs.day_first,
        as_of: None,
    };
    let values: Vec<Option<&str>> = ca.downcast_iter().flat_map(|arr| arr.iter()).collect();
    let out: Vec<Option<String>> = values
        .par_iter()
        .with_min_len(4)
        .map(|v| {
            v.map(|t| {
                let doc = Document {
                    content: Some(Content::Text(t.to_string())),
                    ..Document::default()
                };
                field(pipeline::process(&doc, &opts))
            })
            .flatten()
        })
        .collect();
    Ok(StringChunked::from_iter_options(ca.name().clone(), out.into_iter()).into_series())
}

#[polars_expr(output_type=String)]
fn text(inputs: &[Series], kwargs: ArticleKwargs) -> PolarsResult<Series> {
    article_field(inputs, kwargs, |a| Some(a.text))
}

#[polars_expr(output_type=String)]
fn title(inputs: &[Series], kwargs: ArticleKwargs) -> PolarsResult<Series> {
    article_field(inputs, kwargs, |a| a.title)
}

#[polars_expr(output_type=String)]
fn language(inputs: &[Series], kwargs: ArticleKwargs) -> PolarsResult<Series> {
    article_field(inputs, kwargs, |a| a.language)
}

#[polars_expr(output_type=String)]
fn clean_text(inputs: &[Series]) -> PolarsResult<Series> {
    let ca = strings(&inputs[0])?;
    let values: Vec<Option<&str>> = ca.downcast_iter().flat_map(|arr| arr.iter()).collect();
    let out: Vec<Option<String>> = values
        .par_iter()
        .with_min_len(8)
        .map(|v| v.and_then(|t| std::panic::catch_unwind(|| clean::clean_text(t)).ok()))
        .collect();
    Ok(StringChunked::from_iter_options(ca.name().clone(), out.into_iter()).into_series())
}

/// The Python module only exists so the library can be imported and found; the expressions are
/// loaded by polars through `register_plugin_function`.
#[pymodule]
fn _plugin(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
