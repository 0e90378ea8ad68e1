"""Claims in Portuguese, Spanish, French and German: direct quotes with the attribution after
them, reported speech with que/dass (and German Konjunktiv without dass), according-to cues
(segundo/según/selon/laut/zufolge), pronoun speakers and hedges. Examples written for these tests.
"""

from __future__ import annotations

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
