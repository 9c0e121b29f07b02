"""Celery beat on a fresh deployment: production settings, no data folder yet."""

import time

from tests.production.lineup import REPO, Processes, free_port, production_env


def test_beat_starts_on_a_fresh_deployment_and_ticks(tmp_path):
    data_dir = tmp_path / "data"  # not there yet, as on a fresh clone
    # Until a task is due, beat talks to none of these; nothing needs to listen.
    nowhere = free_port()
    env = production_env(
        database_url=f"postgres://clinic@127.0.0.1:{nowhere}/clinic",
        redis_url=f"redis://127.0.0.1:{nowhere}/1",
        broker_url=f"redis://127.0.0.1:{nowhere}/0",
        smtp_port=nowhere,
        web_port=free_port(),
        DATA_DIR=str(data_dir),
    )
    with Processes(tmp_path) as processes:
        processes.start("beat", "celery -A clinic beat --loglevel=DEBUG", env=env, cwd=REPO)
        processes.wait_for("beat", r"beat: Waking up in", timeout=30)
        time.sleep(1)
        processes.check_up("beat")
    assert list(data_dir.glob("celerybeat-schedule*"))
