"""The Ray engine in local mode (2 CPUs): the same analyses and the same store as the local
engine, a killed actor loses nothing, an interrupted ingest into PostgreSQL resumes without
duplicates, the reprints found on Ray are the local engine's, and a store's reuse index grows on
Ray as it grows locally.

One small Ray instance serves the whole module and the inputs are a handful of short texts:
each Ray Data run starts its own actors, so the tests make few runs. Only the first test
loads the real pipeline (the byte-for-byte comparison); the ingest tests use the store
tests' fake analyser. The tests skip when Ray is not installed.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

ray = pytest.importorskip("ray")

from sourcier.cli.main import main  # noqa: E402
from sourcier.store import open_store, schema  # noqa: E402
from sourcier.store.export import export  # noqa: E402
from sourcier.store.ingest import ingest  # noqa: E402

HERE = Path(__file__).resolve().parent
STORE_TESTS = HERE.parent / "store"
sys.path.insert(0, str(STORE_TESTS))
import store_fake_analyzer as fake  # noqa: E402

FAKE = "store_fake_analyzer:analyze_many"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Ray on 2 CPUs whose workers import the test analysers (their env is fixed at start)."""
    from sourcier.scale.engine import connect

    marker = tmp_path_factory.mktemp("ray") / "died-once"
    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", "SOURCIER_TEST_DIE_ONCE")}
    os.environ["PYTHONPATH"] = os.pathsep.join([str(HERE), str(STORE_TESTS), saved["PYTHONPATH"] or ""])
    os.environ["SOURCIER_TEST_DIE_ONCE"] = str(marker)
    connect(num_cpus=2)
    yield marker
    ray.shutdown()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _inputs(root: Path) -> Path:
    """A folder with what `analyze` reads: .txt files, a JSONL file, a Parquet file, and an empty
    file (a failure both engines must report)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = root / "in"
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "a.txt").write_text(
        "Le ministre de l'Économie, Paul Martin, a déclaré mardi : « Les prix baisseront avant l'été. »\n\n"
        "Selon l'Agence France-Presse, la réforme sera votée en juin.", encoding="utf-8")
    (folder / "texts" / "b.txt").write_text(
        "« Nous ne céderons rien », a affirmé la maire de Lyon, Claire Dubois, lors d'une réunion publique. "
        "Elle a ajouté que le projet de tramway serait terminé en 2026.", encoding="utf-8")
    (folder / "texts" / "vide.txt").write_text("   \n", encoding="utf-8")
    records = [
        {"id": "j1", "url": "https://example.org/j1", "title": "Budget",
         "text": "Le député Marc Leroy a estimé que « ce budget ne tient pas debout », selon Le Monde."},
        {"id": "j2", "text": "La présidente de la région, Anne Morel, a annoncé la fermeture de deux lycées."},
    ]
    (folder / "articles.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                           encoding="utf-8")
    pq.write_table(pa.Table.from_pylist([
        {"id": "p1", "title": "Port", "text": "« Le port rouvrira lundi », a assuré le préfet Jean Roux à Marseille."},
    ]), folder / "more.parquet")
    return folder


def _analyze(folder: Path, out: Path, *extra: str) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(main, ["analyze", str(folder), "--format", "jsonl", "-o", str(out), "-q", *extra])
    return result.exit_code, out.read_text(encoding="utf-8").splitlines(), result.stderr


def test_analyze_on_ray_gives_the_local_analyses_byte_for_byte(cluster, tmp_path):
    import pyarrow.parquet as pq

    folder = _inputs(tmp_path)
    code_local, local, err_local = _analyze(folder, tmp_path / "local.jsonl")
    code_ray, on_ray, err_ray = _analyze(folder, tmp_path / "ray.jsonl", "--engine", "ray", "--actors", "1",
                                         "--parquet", str(tmp_path / "tables"))
    assert len(local) == 5 and code_local == code_ray == 1  # vide.txt is skipped by both
    assert sorted(on_ray) == sorted(local)
    assert on_ray == local  # and in the same (input) order
    assert "vide.txt" in err_local and "vide.txt" in err_ray
    articles = pq.read_table(tmp_path / "tables" / "analyses").to_pylist()
    assert sorted(a["analysis"] for a in articles) == sorted(json.dumps(json.loads(line), ensure_ascii=False)
                                                            for line in local)
    quotes = pq.read_table(tmp_path / "tables" / "quotes").to_pylist()
    assert len(quotes) == sum(len(json.loads(line)["quotes"]) for line in local) > 0
    assert [f["reason"] for f in pq.read_table(tmp_path / "tables" / "failures").to_pylist()] == ["E103 EmptyInput"]


def _corpus(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "corpus"
    fake.write_corpus(folder, n)
    (folder / "article-copy.txt").write_text(fake.article_text(3), encoding="utf-8")  # a second publication
    (folder / "article-copy.meta.json").write_text('{"url": "https://example.org/copie"}', encoding="utf-8")
    (folder / "article-bad.txt").write_text("ÉCHEC de lecture, texte illisible.", encoding="utf-8")
    return folder


def _exported(store, path: Path) -> list[str]:
    """The store's JSONL export, sorted, without the wall-clock time each publication was first
    seen (two runs never share it; everything else must be equal)."""
    export(store, "jsonl", path)
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for publication in record.get("publications", []):
            publication.pop("first_seen", None)
        rows.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    return sorted(rows)


def _counts(store) -> tuple[int, int]:
    with store.connect() as conn:
        return tuple(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                     for t in (schema.articles, schema.publications))


def _local_rows(folder: Path, tmp_path: Path):
    """The local engine's summary and exported store for ``folder`` (fake analyser)."""
    from sourcier.ingest import iter_documents

    with open_store(str(tmp_path / "local.db")) as local:
        summary = ingest(iter_documents([str(folder)]), local, workers=0, batch_size=4, analyzer=FAKE)
        return summary, _exported(local, tmp_path / "local.jsonl")


def test_ingest_on_ray_stores_what_the_local_ingest_stores_and_a_killed_actor_loses_nothing(cluster, tmp_path):
    from sourcier.scale.ingest import ingest_on_ray

    folder = _corpus(tmp_path, 8)
    expected, local_rows = _local_rows(folder, tmp_path)
    with open_store(str(tmp_path / "ray.db")) as store:
        summary = ingest_on_ray([str(folder)], store, actors=1, batch_size=4,
                                analyzer="ray_dying_analyzer:analyze_many")
        assert cluster.exists()  # an actor did die, and its batch was redone by a new one
        assert (summary.ingested, summary.new_publications, len(summary.failed)) == (8, 1, 1)
        assert (summary.ingested, summary.new_publications) == (expected.ingested, expected.new_publications)
        assert _exported(store, tmp_path / "ray.jsonl") == local_rows
        assert _counts(store) == (8, 9)


class _Interrupt:
    """A progress reporter that stops the run (as Ctrl-C would) once a batch is stored."""

    def started(self, total):
        pass

    def advanced(self, summary):
        if summary.ingested:
            raise KeyboardInterrupt


@pytest.mark.postgres
def test_an_interrupted_ray_ingest_into_postgresql_resumes_without_duplicates(cluster, pg_url, tmp_path):
    from sourcier.scale.ingest import ingest_on_ray

    folder = _corpus(tmp_path, 10)
    _, local_rows = _local_rows(folder, tmp_path)
    with open_store(pg_url) as store:
        with pytest.raises(KeyboardInterrupt):
            ingest_on_ray([str(folder)], store, actors=1, batch_size=4, analyzer=FAKE, reporter=_Interrupt())
        stored, _ = _counts(store)
        assert 0 < stored < 10
        again = ingest_on_ray([str(folder)], store, actors=1, batch_size=4, analyzer=FAKE)
        assert again.ingested == 10 - stored
        assert _counts(store) == (10, 11)
        assert _exported(store, tmp_path / "pg.jsonl") == local_rows


# Reprints: texts written for this test. A relayed dispatch (whole, trimmed, lightly edited),
# a quote block taken into another article, and unrelated articles.
DISPATCH = (
    "La préfecture de la Manche a ordonné mercredi la fermeture de trois plages de la côte ouest après la "
    "découverte de fûts rejetés par la mer entre Granville et Carteret. Les pompiers ont établi un périmètre "
    "de sécurité et des prélèvements ont été confiés à un laboratoire de Caen, dont les résultats sont attendus "
    "en fin de semaine. Les communes concernées demandent à l'État de prendre en charge le nettoyage, estimé à "
    "plusieurs centaines de milliers d'euros, et les pêcheurs à pied s'inquiètent pour la saison des coques."
)
BLOCK = (
    "« Nous avons prévenu les services de l'État dès le premier fût repéré sur le sable, et personne n'est "
    "venu avant le lendemain matin », a regretté le maire de Carteret devant le conseil municipal réuni en urgence."
)
OTHER = (
    "Le festival de musique de Brest accueillera cette année quarante groupes venus de douze pays, sur trois "
    "scènes installées le long du port de commerce. Les organisateurs ont renforcé les navettes depuis la gare "
    "et promettent des tarifs réduits pour les étudiants et les demandeurs d'emploi inscrits avant la fin du mois."
)


def _reprints(db: str, *extra: str) -> dict:
    return _reprints_of("--db", db, *extra)


def _reprints_of(*args: str) -> dict:
    result = CliRunner().invoke(main, ["reprints", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _sorted(report: dict) -> list[str]:
    return sorted(json.dumps(part, sort_keys=True, ensure_ascii=False)
                  for key in ("clusters", "partial_reuse") for part in report[key])


FIRST = [DISPATCH, OTHER, DISPATCH[: len(DISPATCH) * 2 // 3]]
LATER = [DISPATCH.replace("mercredi", "mercredi soir"), "Sur la côte, l'inquiétude monte. " + BLOCK + " " + OTHER[:150],
         BLOCK + " La séance a duré deux heures."]


def _press(path: Path, texts: list[str], first: int = 0) -> Path:
    """``texts`` as dated articles of a JSONL file, numbered from ``first``."""
    records = [{"id": f"p{n}", "url": f"https://press.example/{n}", "date": f"2024-03-{n + 1:02d}", "text": text}
               for n, text in enumerate(texts, start=first)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _add_press(db: str, path: Path, texts: list[str], first: int) -> None:
    """Ingest ``texts`` into the store ``db`` (see :func:`_press`)."""
    from sourcier.ingest import iter_documents

    with open_store(db) as store:
        ingest(iter_documents([str(_press(path, texts, first))]), store, workers=0, batch_size=4, analyzer=FAKE)


def test_reprints_of_files_on_ray_are_the_local_reprints(cluster, tmp_path):
    path = str(_press(tmp_path / "press.jsonl", FIRST + LATER))
    local = _reprints_of("--input", path)
    assert [len(c["members"]) for c in local["clusters"]] == [3, 2] and local["partial_reuse"]
    assert _sorted(_reprints_of("--input", path, "--engine", "ray", "--actors", "1")) == _sorted(local)


def test_a_store_index_grows_on_ray_as_it_grows_locally(cluster, tmp_path, monkeypatch):
    import sourcier.scale.reprints as on_ray

    sent: list[int] = []
    add_on_ray = on_ray.add_on_ray

    def counting(index, texts, **kwargs):
        sent.append(len(texts))
        return add_on_ray(index, texts, **kwargs)

    monkeypatch.setattr(on_ray, "add_on_ray", counting)
    ray_db, local_db = f"sqlite:///{tmp_path / 'ray.db'}", f"sqlite:///{tmp_path / 'local.db'}"
    for db in (ray_db, local_db):
        _add_press(db, tmp_path / "first.jsonl", FIRST, 0)
    assert _sorted(_reprints(ray_db, "--engine", "ray", "--actors", "1")) == _sorted(_reprints(local_db))
    for db in (ray_db, local_db):
        _add_press(db, tmp_path / "later.jsonl", LATER, len(FIRST))
    on_ray_report = _reprints(ray_db, "--engine", "ray", "--actors", "1")
    local = _reprints(local_db)
    assert sent == [3, 3]  # the second call sent the three new publications only
    assert [len(c["members"]) for c in local["clusters"]] == [3, 2] and local["partial_reuse"]
    assert _sorted(on_ray_report) == _sorted(local)
    with open_store(ray_db) as store, store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.reuse_sketches)).scalar() == 6
