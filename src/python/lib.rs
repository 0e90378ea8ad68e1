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

/// The core documents of a batch (the per-document lists checked against the contents).
fn documents(
    contents: &[Bound<'_, PyAny>],
    urls: Option<Vec<Option<String>>>,
    titles: Option<Vec<Option<String>>>,
    dates: Option<Vec<Option<String>>>,
    charsets: Option<Vec<Option<String>>>,
    doc_ids: Option<Vec<i64>>,
) -> PyResult<(Vec<Document>, Vec<i64>)> {
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
    Ok((docs, doc_ids))
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
    let (docs, doc_ids) = documents(&contents, urls, titles, dates, charsets, doc_ids)?;
    let opts = options(language, day_first, as_of_us)?;
    let batch = py.detach(|| {
        on_pool(|| {
            let arts = pipeline::process_batch(&docs, &opts);
            table::articles_batch(&arts, &doc_ids)
        })
    });
    let batch = batch.map_err(|e| PyValueError::new_err(format!("could not build the articles table: {e}")))?;
    Ok(ArrowTable { batch })
}

/// Articles, entities and claims of documents in one pass (see `newsdesk.analyze`): each
/// document is extracted, cleaned, tagged once, and its claims read with those mentions.
/// Returns (articles, entities or None, claims or None).
#[pyfunction]
#[pyo3(signature = (contents, *, urls=None, titles=None, dates=None, charsets=None, doc_ids=None, language=None, day_first=None, as_of_us=None, entities=true, claims=true))]
#[allow(clippy::too_many_arguments)]
fn analyze_tables(
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
    entities: bool,
    claims: bool,
) -> PyResult<(ArrowTable, Option<ArrowTable>, Option<ArrowTable>)> {
    let (docs, doc_ids) = documents(&contents, urls, titles, dates, charsets, doc_ids)?;
    let opts = options(language, day_first, as_of_us)?;
    let tables = pipeline::Tables { entities, claims };
    let out = py
        .detach(|| on_pool(|| table::analysis_tables(pipeline::analyze_batch(&docs, &opts, tables), &doc_ids, tables)));
    let (a, e, c) = out.map_err(|e| PyValueError::new_err(format!("could not build the tables: {e}")))?;
    Ok((
        ArrowTable { batch: a },
        e.map(|batch| ArrowTable { batch }),
        c.map(|batch| ArrowTable { batch }),
    ))
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
    py.detach(|| on_pool(|| texts.par_iter().map(|t| t.as_deref().map(clean::clean_text)).collect()))
}

// ---- entities (issue 4) -------------------------------------------------------------------

/// Tag clean texts with the entity tagger; one row per mention (see `newsdesk.entities`).
/// `texts[i]` is tagged exactly as given; offsets are Python `str` offsets into it.
#[pyfunction]
#[pyo3(signature = (texts, *, doc_ids=None, languages=None))]
fn entities_table(
    py: Python<'_>,
    texts: Vec<Option<String>>,
    doc_ids: Option<Vec<i64>>,
    languages: Option<Vec<Option<String>>>,
) -> PyResult<ArrowTable> {
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
        on_pool(|| {
            let refs: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
            // each text read in its language (the articles table's, else detected)
            let langs: Vec<Option<&str>> = languages.iter().flatten().map(|l| l.as_deref()).collect();
            newsdesk_core::entities::rows::entities_batch_lang(&refs, &langs, &doc_ids)
        })
    });
    let batch = batch.map_err(|e| PyValueError::new_err(format!("could not build the entities table: {e}")))?;
    Ok(ArrowTable { batch })
}

// ---- end entities --------------------------------------------------------------------------

// ---- threads: the pool batches run on ----------------------------------------------------------
//
// Batches run on a rayon pool newsdesk owns, so its size can change at any time
// (`newsdesk.set_threads`), not only before the first batch as with rayon's global pool. Its
// first size comes from `NEWSDESK_THREADS` when set, else rayon's default (`RAYON_NUM_THREADS`,
// else one thread per core).

static POOL: std::sync::RwLock<Option<std::sync::Arc<rayon::ThreadPool>>> = std::sync::RwLock::new(None);

fn threads_from_env() -> Option<usize> {
    std::env::var("NEWSDESK_THREADS")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|&n| n > 0)
}

fn build_pool(n: usize) -> PyResult<std::sync::Arc<rayon::ThreadPool>> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("newsdesk-{i}"))
        .build()
        .map(std::sync::Arc::new)
        .map_err(|e| PyValueError::new_err(format!("n: could not start {n} threads ({e})")))
}

/// The pool batches run on (made at first use).
fn pool() -> std::sync::Arc<rayon::ThreadPool> {
    if let Some(p) = POOL.read().ok().and_then(|g| g.clone()) {
        return p;
    }
    let mut g = POOL.write().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = g.clone() {
        return p;
    }
    let n = threads_from_env().unwrap_or_else(rayon::current_num_threads);
    let p = build_pool(n)
        .or_else(|_| build_pool(1))
        .expect("a one-thread pool starts");
    *g = Some(p.clone());
    p
}

/// Run `work` (a batch) on newsdesk's pool.
fn on_pool<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    pool().install(work)
}

/// Number of threads the core uses for batches.
#[pyfunction]
fn thread_count() -> usize {
    pool().current_num_threads()
}

/// Size the core's thread pool; takes effect from the next batch (batches running keep theirs).
#[pyfunction]
fn set_thread_count(n: usize) -> PyResult<()> {
    if n == 0 {
        return Err(PyValueError::new_err("n: expected a positive number of threads, got 0"));
    }
    let p = build_pool(n)?;
    *POOL.write().unwrap_or_else(|e| e.into_inner()) = Some(p);
    Ok(())
}

// ---- end threads ---------------------------------------------------------------------------------

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

/// One document on the calling thread, all in one pass (see `newsdesk.extract` with
/// `entities=`/`claims=`): the articles row as a dict without `doc_id`, plus `"entities"` /
/// `"claims"` lists of row dicts (without `doc_id`) when asked for.
#[pyfunction]
#[pyo3(signature = (content, *, url=None, title=None, date=None, charset=None, language=None, day_first=None, as_of_us=None, entities=false, claims=false))]
#[allow(clippy::too_many_arguments)]
fn analyze_one<'py>(
    py: Python<'py>,
    content: &Bound<'py, PyAny>,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    charset: Option<String>,
    language: Option<String>,
    day_first: Option<bool>,
    as_of_us: Option<i64>,
    entities: bool,
    claims: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let doc = Document {
        content: content_of(content, 0)?,
        url,
        title,
        date,
        charset,
    };
    let opts = options(language, day_first, as_of_us)?;
    let tables = pipeline::Tables { entities, claims };
    let out = py.detach(|| table::analysis_tables(vec![pipeline::analyze(&doc, &opts, tables)], &[0], tables));
    let (a, e, c) = out.map_err(|e| PyValueError::new_err(format!("could not build the row: {e}")))?;
    let drop = ["doc_id".to_string()];
    let d = row_to_dict(py, &a, 0, &drop)?;
    for (key, batch) in [("entities", e), ("claims", c)] {
        if let Some(b) = batch {
            let rows = (0..b.num_rows())
                .map(|r| row_to_dict(py, &b, r, &drop))
                .collect::<PyResult<Vec<_>>>()?;
            d.set_item(key, PyList::new(py, rows)?)?;
        }
    }
    Ok(d)
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
        on_pool(|| {
            let found: Vec<Vec<newsdesk_core::claims::Claim>> = texts
                .par_iter()
                .enumerate()
                .map(|(i, t)| {
                    let t = t.as_deref().unwrap_or("");
                    // the article's language when known, else detected from the text
                    let lang = languages.as_ref().and_then(|l| l.get(i)).and_then(|l| l.as_deref());
                    std::panic::catch_unwind(|| {
                        if entities {
                            // speakers named by the entity pass, names read in the language the
                            // claim rules read (given or detected)
                            let lang = Some(newsdesk_core::claims::claims_language(t, lang));
                            let mentions = newsdesk_core::entities::extract_lang(t, lang);
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
        })
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
        py.detach(|| on_pool(|| hasher.extend(&texts, sigs)));
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
            let g = on_pool(|| dedup::group(sigs, threshold));
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
    m.add_function(wrap_pyfunction!(analyze_tables, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_one, m)?)?;
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
