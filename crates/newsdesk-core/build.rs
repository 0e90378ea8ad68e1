//! Lays out the entity model's tables at build time (see `src/entities/layout.rs`): every
//! `data/ner/*.bin` weights file becomes `$OUT_DIR/ner/<name>.layout`, and the word cluster and
//! lexicon files become `$OUT_DIR/word_table.layout` (and `word_table_<lang>.layout` for a
//! language with its own lexicon), in the target's byte order. The crate
//! embeds them with `include_bytes!` and uses them in place, so the first entity call of a
//! process does not parse anything.

#[path = "src/entities/hashing.rs"]
mod hashing;
#[path = "src/entities/layout.rs"]
mod layout;

use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let le = std::env::var("CARGO_CFG_TARGET_ENDIAN").map_or(cfg!(target_endian = "little"), |e| e == "little");
    let data = Path::new("data");
    println!("cargo:rerun-if-changed=src/entities/layout.rs");
    println!("cargo:rerun-if-changed=src/entities/hashing.rs");

    let ner_out = out.join("ner");
    std::fs::create_dir_all(&ner_out).expect("create OUT_DIR/ner");
    println!("cargo:rerun-if-changed=data/ner");
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("ner"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "bin"));
    files.sort();
    for f in files {
        println!("cargo:rerun-if-changed={}", f.display());
        let bytes = std::fs::read(&f).expect("read weights");
        // a malformed weights file gives an empty blob: the crate then uses an empty model
        let blob = layout::model_blob(&bytes, le).unwrap_or_default();
        let name = f.file_stem().expect("file name").to_string_lossy().into_owned();
        write_if_changed(&ner_out.join(format!("{name}.layout")), &blob);
    }

    let clusters = data.join("entities/word_clusters.txt");
    let lexicon = data.join("entities/word_lexicon.txt");
    println!("cargo:rerun-if-changed={}", clusters.display());
    println!("cargo:rerun-if-changed={}", lexicon.display());
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    let blob = layout::word_blob(&read(&clusters), &read(&lexicon), le);
    write_if_changed(&out.join("word_table.layout"), &blob);
    // languages with a large-corpus table of their own (`word_lexicon_<lang>.txt`)
    for lang in ["de", "es"] {
        let lexicon = data.join(format!("entities/word_lexicon_{lang}.txt"));
        println!("cargo:rerun-if-changed={}", lexicon.display());
        let blob = layout::word_blob(&read(&clusters), &read(&lexicon), le);
        write_if_changed(&out.join(format!("word_table_{lang}.layout")), &blob);
    }
}

fn write_if_changed(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return;
    }
    std::fs::write(path, bytes).expect("write layout");
}
