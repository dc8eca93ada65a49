"""The production topology's files agree with the settings: tasks are routed to the queues
platform/Procfile's two workers consume, there is one beat, and release migrates."""

import re
from pathlib import Path

import yaml
from celery import Celery

from config.settings import base

ROOT = Path(__file__).resolve().parents[3]
LINES = (ROOT / "platform" / "Procfile").read_text().splitlines()
PROCFILE = dict(line.split(": ", 1) for line in LINES if re.match(r"^\w+: ", line))


def production_router():
    app = Celery("routes", set_as_current=False)
    app.conf.update(
        task_queues=base.CELERY_TASK_QUEUES,
        task_routes=base.CELERY_TASK_ROUTES,
        task_default_queue=base.CELERY_TASK_DEFAULT_QUEUE,
    )
    return lambda name: app.amqp.router.route({}, name)["queue"]


def test_tasks_go_to_their_own_queue_on_their_own_key():
    route = production_router()
    for task, queue in {
        "notifications.deliver": "notifications",
        "notifications.sweep_pending": "notifications",
        "similarity.query_words": "interactive",
        "similarity.draft_terms": "interactive",
        "similarity.index_proposal": "celery",
        "exchange.commit_import": "exchange",
        "proposals.rereview_due": "celery",
        "core.ping": "celery",
    }.items():
        assert (route(task).name, route(task).routing_key, route(task).exchange.name) == (queue, queue, queue)


def test_the_procfile_workers_consume_every_queue_and_one_beat_runs():
    consumed = set()
    for command in PROCFILE.values():
        if " worker " in command:
            consumed |= set(re.search(r"--queues=(\S+)", command).group(1).split(","))
    assert consumed == {queue.name for queue in base.CELERY_TASK_QUEUES}
    assert [name for name, command in PROCFILE.items() if " beat " in command] == ["beat"]
    assert "migrate --noinput" in PROCFILE["release"] and "collectstatic" in PROCFILE["release"]
    assert set(PROCFILE) == {"release", "web", "notifications", "jobs", "beat"}


def test_systemd_and_nginx_use_the_probes_kubernetes_uses():
    systemd = ROOT / "platform" / "systemd"
    web = (systemd / "balance-web.service").read_text()
    (deployment,) = [
        doc
        for doc in yaml.safe_load_all((ROOT / "platform" / "k8s" / "web.yaml").read_text())
        if doc["kind"] == "Deployment"
    ]
    readiness = deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGet"]["path"]
    assert f"http://127.0.0.1:8000{readiness}" in re.search(r"^ExecStartPost=.*$", web, re.M).group(0)
    liveness = (systemd / "balance-web-healthz.service").read_text()
    assert "http://127.0.0.1:8000/healthz" in liveness and "systemctl restart balance-web" in liveness
    assert "OnUnitActiveSec=30" in (systemd / "balance-web-healthz.timer").read_text()
    worker = (systemd / "balance-worker.service").read_text()
    assert "--hostname=worker@%H" in worker and "inspect ping --timeout 2 -d worker@%H" in worker
    nginx = (ROOT / "platform" / "nginx.conf").read_text()
    for probe in ("/healthz", "/readyz"):
        assert re.search(rf"location = {probe}\s+{{ proxy_pass http://balance_web;", nginx), probe
