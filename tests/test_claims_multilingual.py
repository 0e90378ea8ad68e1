"""Claims in Portuguese, Spanish, French and German: direct quotes with the attribution after
them, reported speech with que/dass (and German Konjunktiv without dass), according-to cues
(segundo/según/selon/laut/zufolge), pronoun speakers and hedges. Examples written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import newsdesk
import pytest


def _claims(text: str) -> list[dict]:
    rows = newsdesk.claims([text], clean=False, entities=True).to_dicts()
    for r in rows:
        assert text[r["content_start"] : r["content_end"]] == r["content"]
        if r["speaker"] is not None:
            assert text[r["speaker_start"] : r["speaker_end"]] == r["speaker"]
    return rows


def _find(rows: list[dict], prefix: str) -> dict:
    hits = [r for r in rows if r["content"].startswith(prefix)]
    assert hits, (prefix, [(r["content"], r["speaker"]) for r in rows])
    return hits[0]


def _spoken_by(row: dict, name: str) -> bool:
    return any(s and name in s for s in (row["speaker"], row["speaker_resolved"]))


PT = (
    "A prefeitura de Campinas anunciou nesta segunda-feira um plano para reformar 40 escolas da "
    "rede municipal até o fim do ano. O secretário de Educação, Marcos Ribeiro, afirmou que as "
    "obras começam em agosto e que nenhuma escola ficará fechada durante o período letivo.\n\n"
    "“Vamos trabalhar nas férias e nos fins de semana para não atrapalhar as aulas”, disse Ribeiro.\n\n"
    "Segundo o sindicato dos professores, o cronograma é otimista demais. Especialistas ouvidos pela "
    "reportagem avaliam que o custo pode superar o previsto."
)
ES = (
    "El Ayuntamiento de Valencia aprobó este martes un nuevo plan de movilidad que reducirá el "
    "tráfico en el centro histórico. La concejala de Urbanismo, Lucía Ferrer, aseguró que las "
    "obras comenzarán en septiembre y que los comercios recibirán ayudas.\n\n"
    "«Queremos un centro pensado para las personas y no para los coches», dijo Ferrer.\n\n"
    "Según la asociación de vecinos, el plan llega tarde. Los comerciantes, por su parte, creen que "
    "las ventas podrían caer durante las obras."
)
FR = (
    "La municipalité de Lyon a présenté mardi un plan de rénovation de 30 écoles. L'adjoint à "
    "l'éducation, Thomas Girard, a déclaré que les travaux commenceraient dès l'été et qu'aucune "
    "classe ne serait fermée.\n\n"
    "« Nous voulons des écoles adaptées aux fortes chaleurs », a affirmé Thomas Girard.\n\n"
    "Selon les syndicats d'enseignants, le calendrier est trop serré. Le coût pourrait dépasser "
    "les prévisions, estiment des experts."
)
DE = (
    "Die Stadt Leipzig will in diesem Jahr 25 Schulen sanieren. Bürgermeister Andreas Keller "
    "sagte am Montag, die Arbeiten würden in den Sommerferien beginnen. Er betonte, dass kein "
    "Unterricht ausfallen solle.\n\n"
    "„Wir investieren so viel wie nie zuvor in unsere Schulen“, sagte Keller.\n\n"
    "Laut dem Elternrat kommt der Plan zu spät. Experten zufolge dürften die Kosten deutlich steigen."
)


def test_portuguese():
    rows = _claims(PT)
    r = _find(rows, "as obras começam em agosto")
    assert r["kind"] == "indirect" and r["cue"] == "afirmou" and _spoken_by(r, "Marcos Ribeiro")
    r = _find(rows, "Vamos trabalhar nas férias")
    assert r["kind"] == "direct" and r["cue"] == "disse" and _spoken_by(r, "Ribeiro")
    r = _find(rows, "o cronograma é otimista")
    assert r["kind"] == "according_to" and r["cue"] == "segundo" and _spoken_by(r, "sindicato")
    r = _find(rows, "o custo pode superar")
    assert r["speaker"] == "Especialistas ouvidos pela reportagem" and r["speaker_type"] == "ANONYMOUS"
    assert r["hedged"] and "pode" in r["hedges"]


def test_spanish():
    rows = _claims(ES)
    r = _find(rows, "las obras comenzarán")
    assert r["kind"] == "indirect" and r["cue"] == "aseguró" and _spoken_by(r, "Lucía Ferrer")
    r = _find(rows, "Queremos un centro")
    assert r["kind"] == "direct" and r["cue"] == "dijo" and _spoken_by(r, "Ferrer")
    r = _find(rows, "el plan llega tarde")
    assert r["kind"] == "according_to" and r["cue"] == "según" and _spoken_by(r, "asociación de vecinos")
    r = _find(rows, "las ventas podrían caer")
    assert _spoken_by(r, "Los comerciantes") and "podrían" in r["hedges"]


def test_french():
    rows = _claims(FR)
    r = _find(rows, "les travaux commenceraient")
    assert r["kind"] == "indirect" and r["cue"] == "a déclaré" and _spoken_by(r, "Thomas Girard")
    assert "qu'aucune classe ne serait fermée" in r["content"]  # a coordinated clause stays in
    r = _find(rows, "Nous voulons des écoles")
    assert r["kind"] == "direct" and r["cue"] == "a affirmé" and _spoken_by(r, "Thomas Girard")
    r = _find(rows, "le calendrier est trop serré")
    assert r["kind"] == "according_to" and r["cue"] == "selon" and _spoken_by(r, "syndicats")
    r = _find(rows, "Le coût pourrait dépasser")
    assert r["speaker"] == "des experts" and r["speaker_type"] == "ANONYMOUS" and r["hedged"]


def test_german():
    rows = _claims(DE)
    r = _find(rows, "die Arbeiten würden")
    assert r["kind"] == "indirect" and r["cue"] == "sagte" and _spoken_by(r, "Andreas Keller")
    r = _find(rows, "kein Unterricht")
    assert r["cue"] == "betonte" and r["speaker"] == "Er" and r["speaker_resolved"] == "Andreas Keller"
    r = _find(rows, "Wir investieren so viel")
    assert r["kind"] == "direct" and _spoken_by(r, "Keller")
    r = _find(rows, "kommt der Plan zu spät")
    assert r["kind"] == "according_to" and r["cue"] == "laut" and _spoken_by(r, "Elternrat")
    r = _find(rows, "dürften die Kosten")
    assert r["speaker"] == "Experten" and r["cue"] == "zufolge" and "dürften" in r["hedges"]


@pytest.mark.parametrize(
    "text, content, speaker",
    [
        ("O ministro disse que a proposta não será alterada.", "a proposta não será alterada", "O ministro"),
        (
            "A inflação deve desacelerar no segundo semestre, afirmou o economista Pedro Lima.",
            "A inflação deve desacelerar",
            "Pedro Lima",
        ),
        ("La economía crecerá un 2 % este año, dijo la ministra de Hacienda.", "La economía crecerá", "la ministra"),
        ("D'après la préfecture, la situation est sous contrôle.", "la situation est sous contrôle", "la préfecture"),
        ("Le gouvernement a indiqué qu'il ne changerait pas le texte.", "il ne changerait pas", "Le gouvernement"),
        ("Die Lage sei ernst, sagte die Ministerin am Dienstag.", "Die Lage sei ernst", "die Ministerin"),
        ("Wie die Polizei am Abend mitteilte, wurde niemand verletzt.", "wurde niemand verletzt", "die Polizei"),
        ("O presidente da empresa, João Mendes, disse: «Não haverá aumento de preços».", "Não haverá aumento", "João Mendes"),
        ("As chuvas devem continuar até sexta-feira, segundo o instituto.", "As chuvas devem continuar", "o instituto"),
        ("De acuerdo con el banco central, la economía crecerá un 2 % este año.", "la economía crecerá", "el banco central"),
        (
            "La inflación bajará, dijo el presidente del banco, Pablo Hernández, en Madrid.",
            "La inflación bajará",
            "Pablo Hernández",
        ),
        ("Les enquêteurs estiment que l'incendie est d'origine criminelle.", "l'incendie est", "Les enquêteurs"),
        ("« La situation reste très tendue », a expliqué le préfet du Nord.", "La situation reste", "le préfet du Nord"),
        ("Nach Angaben der Feuerwehr wurden zwei Menschen leicht verletzt.", "wurden zwei Menschen", "der Feuerwehr"),
        ("„Wir sind auf einem guten Weg“, sagte Ministerin Petra Vogel am Mittwoch in Berlin.", "Wir sind auf", "Petra Vogel"),
        (
            "Ein Sprecher des Ministeriums betonte, man prüfe alle Optionen.",
            "man prüfe alle Optionen",
            "Ein Sprecher des Ministeriums",
        ),
    ],
)
def test_one_sentence_constructions(text, content, speaker):
    lang = {
        "O ": "pt",
        "A ": "pt",
        "As": "pt",
        "La": "es",
        "De": "es",
        "D'": "fr",
        "Le": "fr",
        "« ": "fr",
        "Di": "de",
        "Wi": "de",
        "Na": "de",
        "„W": "de",
        "Ei": "de",
    }[text[:2]]
    rows = newsdesk._core.table_to_pylist(newsdesk._core.claims_table([text], languages=[lang]), drop=["doc_id"])
    hits = [r for r in rows if r["content"].startswith(content)]
    assert hits, rows
    assert speaker in (hits[0]["speaker"] or ""), hits[0]
    if len(speaker.split()) > 1 and speaker[0].isupper() and speaker.split()[0][0].isupper() and speaker.split()[1][0].isupper():
        # a name: the speaker phrase ends with it (no time or place phrase after it)
        assert hits[0]["speaker"].endswith(speaker), hits[0]


def test_english_text_keeps_the_english_rules():
    rows = _claims('"We will win," Kevin Mayer said. Analysts say sales may fall.')
    assert [(r["kind"], r["speaker"], r["cue"]) for r in rows] == [
        ("direct", "Kevin Mayer", "said"),
        ("indirect", "Analysts", "say"),
    ]


def test_german_subjunctive_continues_the_attribution_before_it():
    text = (
        "Der Zustand der Verletzten sei stabil, sagte eine Sprecherin des Krankenhauses. Lebensgefahr bestehe nicht. "
        "Zudem fehle es an Betten.\n\nDie Polizei ermittelt. Der Schaden sei hoch."
    )
    rows = _claims(text)
    for prefix in ("Lebensgefahr bestehe nicht", "fehle es an Betten"):
        r = _find(rows, prefix)
        assert r["kind"] == "indirect" and _spoken_by(r, "Sprecherin"), r
    # an indicative sentence ends the reported speech
    assert not [r for r in rows if r["content"].startswith("Der Schaden")]


def test_german_title_before_a_given_name_is_not_the_speaker():
    rows = _claims("„Wir werden das Urteil prüfen“, sagte Oberstaatsanwalt Frank Lehner nach der Verhandlung.")
    r = _find(rows, "Wir werden das Urteil")
    assert r["speaker"] == "Frank Lehner", r


# Dev-set guard: content + speaker F1 on each language's dev set (tests/data/claims, annotated by
# its GUIDELINES.md) must not fall below what the rules reach now. Pages of the shared news-pages
# set are scored only when the shared folder is there.
_DEV = Path(__file__).parent / "data" / "claims"
_SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news-pages" / "gold.jsonl"
_FLOORS = {"de": 0.48, "es": 0.60, "fr": 0.48, "pt": 0.60}


def _dev_f1(lang: str) -> float:
    pages = {}
    if _SHARED.exists():
        for line in _SHARED.read_text().splitlines():
            p = json.loads(line)
            pages[p["id"]] = "\n\n".join(x["text"] for x in p["paragraphs"])
    ids, texts = [], []
    for line in (_DEV / f"{lang}_texts.jsonl").read_text().splitlines():
        r = json.loads(line)
        text = r.get("text") or pages.get(r.get("source", "").removeprefix("news-pages:"))
        if text:
            ids.append(r["article_id"])
            texts.append(text)
    gold = [json.loads(x) for x in (_DEV / f"{lang}.jsonl").read_text().splitlines()]
    gold = [g for g in gold if g["article_id"] in ids]
    df = newsdesk.claims(texts, clean=False)
    preds = {i: [] for i in range(len(ids))}
    for r in df.iter_rows(named=True):
        preds[r["doc_id"]].append(r)
    tp = 0
    for d, aid in enumerate(ids):
        used = set()
        for g in (g for g in gold if g["article_id"] == aid):
            best, best_ov = None, 0
            for i, p in enumerate(preds[d]):
                ov = min(g["content_end"], p["content_end"]) - max(g["content_start"], p["content_start"])
                longer = max(g["content_end"] - g["content_start"], p["content_end"] - p["content_start"])
                if i not in used and ov > 0 and 2 * ov >= longer and ov > best_ov:
                    best, best_ov = i, ov
            if best is None:
                continue
            used.add(best)
            p = preds[d][best]
            if (p["speaker_resolved"] or "").lower() == (g["speaker_resolved"] or "").lower() or (
                g["speaker"] and (p["speaker"] or "").lower() == g["speaker"].lower()
            ):
                tp += 1
    n_pred = sum(len(v) for v in preds.values())
    prec, rec = tp / max(n_pred, 1), tp / max(len(gold), 1)
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


@pytest.mark.parametrize("lang", sorted(_FLOORS))
def test_dev_set_content_and_speaker_f1_holds(lang):
    f1 = _dev_f1(lang)
    assert f1 >= _FLOORS[lang], (lang, round(f1, 3))
