//! Fuzz targets' shared code: the invariant checks and the random document generator.
pub mod checks;
pub mod gen;
