//! The binding layer: the only code that touches Python. It converts Python inputs into core
//! `Document`s, releases the GIL while the core works, and hands results back as Arrow streams
//! (`__arrow_c_stream__`) that polars and pyarrow import without per-row Python objects.

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{Array, RecordBatch, RecordBatchIterator};
use arrow_schema::{DataType, TimeUnit};
use newsdesk_core::article::{Content, Document};
use newsdesk_core::{clean, dedup, pipeline, table};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyCapsule, PyDateTime, PyDict, PyList, PyString, PyTzInfo};
use pyo3::IntoPyObjectExt;

/// An Arrow table produced by the core. Export it with `pl.DataFrame(table)` or
/// `pyarrow.table(table)` (Arrow PyCapsule interface).
#[pyclass(module = "newsdesk._core", frozen)]
pub struct ArrowTable {
    batch: RecordBatch,
}

#[pymethods]
impl ArrowTable {
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema; // we always export our own schema; consumers cast
        let schema = self.batch.schema();
        let reader = RecordBatchIterator::new(vec![Ok(self.batch.clone())], schema);
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }

    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.batch.schema().fields().iter().map(|f| f.name().clone()).collect()
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowTable(rows={}, columns={:?})",
            self.batch.num_rows(),
            self.column_names()
        )
    }
}

fn content_of(obj: &Bound<'_, PyAny>, i: usize) -> PyResult<Option<Content>> {
    if obj.is_none() {
        return Ok(None);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        // lone surrogates cannot be UTF-8: replace them rather than fail the batch
        return Ok(Some(Content::Text(s.to_string_lossy().into_owned())));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Some(Content::Bytes(b.as_bytes().to_vec())));
    }
    Err(PyTypeError::new_err(format!(
        "docs[{i}]: expected str, bytes or None, got {}",
        obj.get_type().name()?
    )))
}

fn opt_list(name: &str, v: Option<Vec<Option<String>>>, n: usize) -> PyResult<Vec<Option<String>>> {
    match v {
        None => Ok(vec![None; n]),
        Some(v) if v.len() == n => Ok(v),
        Some(v) => Err(PyValueError::new_err(format!(
            "{name}: expected {n} values (one per document), got {}",
            v.len()
        ))),
    }
}

/// The pipeline options `articles_table` and `extract_one` share, checked.
fn options(language: Option<String>, day_first: Option<bool>, as_of_us: Option<i64>) -> PyResult<pipeline::Options> {
    let language = match language {
        Some(l) => Some(
            newsdesk_core::lang::normalize_tag(&l)
                .ok_or_else(|| PyValueError::new_err(format!("language: {l:?} is not an ISO 639 language code")))?,
        ),
        None => None,
    };
    let as_of = as_of_us.and_then(|us| chrono::DateTime::from_timestamp_micros(us).map(|d| d.naive_utc()));
    Ok(pipeline::Options {
        language,
        day_first,
        as_of,
    })
}

/// Process documents into the articles table (see `newsdesk.articles`).
#[pyfunction]
#[pyo3(signature = (contents, *, urls=None, titles=None, dates=None, charsets=None, doc_ids=None, language=None, day_first=None, as_of_us=None))]
#[allow(clippy::too_many_arguments)]
fn articles_table(
    py: Python<'_>,
    contents: Vec<Bound<'_, PyAny>>,
    urls: Option<Vec<Option<String>>>,
    titles: Option<Vec<Option<String>>>,
    dates: Option<Vec<Option<String>>>,
    charsets: Option<Vec<Option<String>>>,
    doc_ids: Option<Vec<i64>>,
    language: Option<String>,
    day_first: Option<bool>,
    as_of_us: Option<i64>,
) -> PyResult<ArrowTable> {
    let n = contents.len();
    let (urls, titles, dates, charsets) = (
        opt_list("urls", urls, n)?,
        opt_list("titles", titles, n)?,
        opt_list("dates", dates, n)?,
        opt_list("charsets", charsets, n)?,
    );
    let doc_ids = doc_ids.unwrap_or_else(|| (0..n as i64).collect());
    if doc_ids.len() != n {
        return Err(PyValueError::new_err(format!(
            "doc_ids: expected {n} values, got {}",
            doc_ids.len()
        )));
    }
    let mut docs = Vec::with_capacity(n);
    for (i, ((((c, url), title), date), charset)) in contents
        .iter()
        .zip(urls)
        .zip(titles)
        .zip(dates)
        .zip(charsets)
        .enumerate()
    {
        docs.push(Document {
            content: content_of(c, i)?,
            url,
            title,
            date,
            charset,
        });
    }
    let opts = options(language, day_first, as_of_us)?;
    let batch = py.detach(|| {
        let arts = pipeline::process_batch(&docs, &opts);
        table::articles_batch(&arts, &doc_ids)
    });
    let batch = batch.map_err(|e| PyValueError::new_err(format!("could not build the articles table: {e}")))?;
    Ok(ArrowTable { batch })
}

/// Clean one scraped text: boilerplate, credits and header lines removed, paragraphs joined by a
/// blank line.
#[pyfunction]
fn clean_text(py: Python<'_>, text: &Bound<'_, PyString>) -> String {
    let s = text.to_string_lossy().into_owned();
    py.detach(|| clean::clean_text(&s))
}

/// Clean many texts in parallel (same as `clean_text` on each).
#[pyfunction]
fn clean_texts(py: Python<'_>, texts: Vec<Option<String>>) -> Vec<Option<String>> {
    use rayon::prelude::*;
    py.detach(|| texts.par_iter().map(|t| t.as_deref().map(clean::clean_text)).collect())
}

// ---- entities (issue 4) -------------------------------------------------------------------

/// Tag clean texts with the entity tagger; one row per mention (see `newsdesk.entities`).
/// `texts[i]` is tagged exactly as given; offsets are Python `str` offsets into it.
#[pyfunction]
#[pyo3(signature = (texts, *, doc_ids=None))]
fn entities_table(py: Python<'_>, texts: Vec<Option<String>>, doc_ids: Option<Vec<i64>>) -> PyResult<ArrowTable> {
    let n = texts.len();
    let doc_ids = doc_ids.unwrap_or_else(|| (0..n as i64).collect());
    if doc_ids.len() != n {
        return Err(PyValueError::new_err(format!(
            "doc_ids: expected {n} values, got {}",
            doc_ids.len()
        )));
    }
    let batch = py.detach(|| {
        let refs: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
        newsdesk_core::entities::rows::entities_batch(&refs, &doc_ids)
    });
    let batch = batch.map_err(|e| PyValueError::new_err(format!("could not build the entities table: {e}")))?;
    Ok(ArrowTable { batch })
}

// ---- end entities --------------------------------------------------------------------------

/// Number of threads the core uses for batches.
#[pyfunction]
fn thread_count() -> usize {
    rayon::current_num_threads()
}

/// Size the core's thread pool (call before the first batch; e.g. one thread per Dask worker).
#[pyfunction]
fn set_thread_count(n: usize) -> PyResult<()> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global()
        .map_err(|e| PyValueError::new_err(format!("n: the thread pool is already running ({e})")))
}

// ---- one page: extract_one and ArrowTable.to_pylist (scraper integration) -------------------
//
// `newsdesk.extract` processes one page per call, where the cost of building a polars frame and
// reading it back (~130 µs) would dwarf the work on a small page. These return plain Python
// objects straight from the Arrow batch: one generic row reader, so every column the table
// builders add appears in the dict without a second list of fields to keep in step.

fn cell_to_py<'py>(py: Python<'py>, arr: &dyn Array, i: usize) -> PyResult<Bound<'py, PyAny>> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{
        Float32Type, Float64Type, Int32Type, Int64Type, TimestampMicrosecondType, UInt32Type, UInt64Type,
    };
    if arr.is_null(i) {
        return Ok(py.None().into_bound(py));
    }
    match arr.data_type() {
        DataType::Utf8View => arr.as_string_view().value(i).into_bound_py_any(py),
        DataType::Utf8 => arr.as_string::<i32>().value(i).into_bound_py_any(py),
        DataType::LargeUtf8 => arr.as_string::<i64>().value(i).into_bound_py_any(py),
        DataType::Boolean => arr.as_boolean().value(i).into_bound_py_any(py),
        DataType::Int64 => arr.as_primitive::<Int64Type>().value(i).into_bound_py_any(py),
        DataType::Int32 => arr.as_primitive::<Int32Type>().value(i).into_bound_py_any(py),
        DataType::UInt32 => arr.as_primitive::<UInt32Type>().value(i).into_bound_py_any(py),
        DataType::UInt64 => arr.as_primitive::<UInt64Type>().value(i).into_bound_py_any(py),
        DataType::Float32 => arr.as_primitive::<Float32Type>().value(i).into_bound_py_any(py),
        DataType::Float64 => arr.as_primitive::<Float64Type>().value(i).into_bound_py_any(py),
        // naive (wall-clock) timestamps become naive datetimes, UTC ones aware datetimes
        DataType::Timestamp(TimeUnit::Microsecond, tz) => {
            use chrono::{Datelike, Timelike};
            let us = arr.as_primitive::<TimestampMicrosecondType>().value(i);
            let Some(d) = chrono::DateTime::from_timestamp_micros(us).map(|d| d.naive_utc()) else {
                return Ok(py.None().into_bound(py));
            };
            let utc = match tz {
                Some(_) => Some(PyTzInfo::utc(py)?.to_owned()),
                None => None,
            };
            let dt = PyDateTime::new(
                py,
                d.year(),
                d.month() as u8,
                d.day() as u8,
                d.hour() as u8,
                d.minute() as u8,
                d.second() as u8,
                d.nanosecond() / 1000 % 1_000_000,
                utc.as_ref(),
            )?;
            Ok(dt.into_any())
        }
        DataType::List(_) => {
            let values = arr.as_list::<i32>().value(i);
            let items = (0..values.len())
                .map(|j| cell_to_py(py, values.as_ref(), j))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(PyList::new(py, items)?.into_any())
        }
        other => Err(PyTypeError::new_err(format!(
            "cannot convert an Arrow {other} column to Python objects"
        ))),
    }
}

/// Row `row` of `batch` as a dict, without the columns named in `drop`.
fn row_to_dict<'py>(py: Python<'py>, batch: &RecordBatch, row: usize, drop: &[String]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (field, col) in batch.schema().fields().iter().zip(batch.columns()) {
        if drop.iter().any(|n| n == field.name()) {
            continue;
        }
        d.set_item(field.name(), cell_to_py(py, col.as_ref(), row)?)?;
    }
    Ok(d)
}

/// The rows of a table as a list of dicts (column → value; dates as `datetime`), without polars.
/// For small tables such as one page's entities; big tables are better read as a DataFrame.
#[pyfunction]
#[pyo3(signature = (table, drop=Vec::new()))]
fn table_to_pylist<'py>(py: Python<'py>, table: &ArrowTable, drop: Vec<String>) -> PyResult<Bound<'py, PyList>> {
    let rows = (0..table.batch.num_rows())
        .map(|r| row_to_dict(py, &table.batch, r, &drop))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, rows)
}

/// Process one document on the calling thread (no thread pool hand-off, GIL released) and
/// return its articles row as a dict without `doc_id` (see `newsdesk.extract`).
#[pyfunction]
#[pyo3(signature = (content, *, url=None, title=None, date=None, charset=None, language=None, day_first=None, as_of_us=None))]
#[allow(clippy::too_many_arguments)]
fn extract_one<'py>(
    py: Python<'py>,
    content: &Bound<'py, PyAny>,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    charset: Option<String>,
    language: Option<String>,
    day_first: Option<bool>,
    as_of_us: Option<i64>,
) -> PyResult<Bound<'py, PyDict>> {
    let doc = Document {
        content: content_of(content, 0)?,
        url,
        title,
        date,
        charset,
    };
    let opts = options(language, day_first, as_of_us)?;
    let batch = py.detach(|| {
        let article = pipeline::process(&doc, &opts);
        table::articles_batch(std::slice::from_ref(&article), &[0])
    });
    let batch = batch.map_err(|e| PyValueError::new_err(format!("could not build the articles row: {e}")))?;
    row_to_dict(py, &batch, 0, &["doc_id".to_string()])
}

// ---- end one page ------------------------------------------------------------------------------
// ---- claims (issue 5) -------------------------------------------------------------------------

/// Claims of clean texts (see `newsdesk.claims`): one row per claim, offsets as Python `str`
/// offsets into each text. Texts are processed in parallel; a text that makes the core panic
/// yields no rows instead of failing the batch.
#[pyfunction]
#[pyo3(signature = (texts, *, doc_ids=None, entities=true, languages=None))]
fn claims_table(
    py: Python<'_>,
    texts: Vec<Option<String>>,
    doc_ids: Option<Vec<i64>>,
    entities: bool,
    languages: Option<Vec<Option<String>>>,
) -> PyResult<ArrowTable> {
    use rayon::prelude::*;
    let n = texts.len();
    let doc_ids = doc_ids.unwrap_or_else(|| (0..n as i64).collect());
    if doc_ids.len() != n {
        return Err(PyValueError::new_err(format!(
            "doc_ids: expected {n} values, got {}",
            doc_ids.len()
        )));
    }
    if languages.as_ref().is_some_and(|l| l.len() != n) {
        return Err(PyValueError::new_err(format!("languages: expected {n} values")));
    }
    let batch = py.detach(|| {
        let found: Vec<Vec<newsdesk_core::claims::Claim>> = texts
            .par_iter()
            .enumerate()
            .map(|(i, t)| {
                let t = t.as_deref().unwrap_or("");
                // the article's language when known, else detected from the text
                let lang = languages.as_ref().and_then(|l| l.get(i)).and_then(|l| l.as_deref());
                std::panic::catch_unwind(|| {
                    if entities {
                        // speakers named by the entity pass
                        let mentions = newsdesk_core::entities::extract(t);
                        newsdesk_core::claims::extract_with_mentions_lang(t, lang, &mentions)
                    } else {
                        newsdesk_core::claims::extract_lang(t, lang, &[])
                    }
                })
                .unwrap_or_default()
            })
            .collect();
        let rows: Vec<(i64, &str, Vec<newsdesk_core::claims::Claim>)> = doc_ids
            .iter()
            .zip(&texts)
            .zip(found)
            .map(|((id, t), c)| (*id, t.as_deref().unwrap_or(""), c))
            .collect();
        newsdesk_core::claims::batch::claims_batch(&rows)
    });
    let batch = batch.map_err(|e| PyValueError::new_err(format!("could not build the claims table: {e}")))?;
    Ok(ArrowTable { batch })
}

// ---- end claims -------------------------------------------------------------------------------
// ---- dedup (near-duplicate groups) ----

/// MinHash signatures of documents, accumulated batch by batch, and their near-duplicate groups
/// (see `newsdesk.duplicates`). Holds 256 bytes per document.
#[pyclass(module = "newsdesk._core")]
pub struct MinHashIndex {
    hasher: dedup::MinHasher,
    sigs: Vec<u32>,
}

#[pymethods]
impl MinHashIndex {
    #[new]
    fn new() -> Self {
        MinHashIndex {
            hasher: dedup::MinHasher::default(),
            sigs: Vec::new(),
        }
    }

    /// Append the signatures of `texts` (clean body texts; `None` = no text), in parallel.
    fn add(&mut self, py: Python<'_>, texts: Vec<Option<String>>) {
        let (hasher, sigs) = (&self.hasher, &mut self.sigs);
        py.detach(|| hasher.extend(&texts, sigs));
    }

    /// Group all documents added so far: an Arrow table with `group_row` (Int64, row of the
    /// group's first member) and `similarity` (Float32, estimated Jaccard to that member; null
    /// for a text without words).
    #[pyo3(signature = (threshold=0.5))]
    fn groups(&self, py: Python<'_>, threshold: f32) -> PyResult<ArrowTable> {
        if !(0.0..=1.0).contains(&threshold) {
            return Err(PyValueError::new_err(format!(
                "threshold: expected a number in [0, 1], got {threshold}"
            )));
        }
        let sigs = &self.sigs;
        let batch = py.detach(|| {
            use arrow_array::{Float32Array, Int64Array};
            use arrow_schema::{DataType, Field, Schema};
            let g = dedup::group(sigs, threshold);
            let rows = Int64Array::from_iter_values(g.iter().map(|x| x.group as i64));
            let sim = Float32Array::from_iter(g.iter().map(|x| (!x.similarity.is_nan()).then_some(x.similarity)));
            let schema = Schema::new(vec![
                Field::new("group_row", DataType::Int64, false),
                Field::new("similarity", DataType::Float32, true),
            ]);
            RecordBatch::try_new(
                std::sync::Arc::new(schema),
                vec![std::sync::Arc::new(rows), std::sync::Arc::new(sim)],
            )
        });
        let batch = batch.map_err(|e| PyValueError::new_err(format!("could not build the groups table: {e}")))?;
        Ok(ArrowTable { batch })
    }

    /// Bytes held by the signatures.
    #[getter]
    fn nbytes(&self) -> usize {
        self.sigs.len() * 4
    }

    fn __len__(&self) -> usize {
        self.sigs.len() / dedup::NUM_PERM
    }
}

// ---- end dedup ----

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ArrowTable>()?;
    m.add_class::<MinHashIndex>()?;
    m.add_function(wrap_pyfunction!(articles_table, m)?)?;
    m.add_function(wrap_pyfunction!(clean_text, m)?)?;
    m.add_function(wrap_pyfunction!(clean_texts, m)?)?;
    m.add_function(wrap_pyfunction!(entities_table, m)?)?;
    m.add_function(wrap_pyfunction!(thread_count, m)?)?;
    m.add_function(wrap_pyfunction!(set_thread_count, m)?)?;
    m.add_function(wrap_pyfunction!(extract_one, m)?)?;
    m.add_function(wrap_pyfunction!(table_to_pylist, m)?)?;
    m.add_function(wrap_pyfunction!(claims_table, m)?)?; // claims (issue 5)
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
