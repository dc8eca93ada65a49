"""platform/k8s: every manifest is valid against the Kubernetes API's own schemas
(kubernetes-validate, strict: a misspelt field fails), runs exactly the Procfile's
processes, and carries the probes, autoscalers and disruption budgets a cluster needs."""

import re
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

PLATFORM = Path(__file__).resolve().parents[3] / "platform"
PROCFILE = dict(
    line.split(": ", 1) for line in (PLATFORM / "Procfile").read_text().splitlines() if re.match(r"^\w+: ", line)
)


def documents():
    return [doc for path in sorted((PLATFORM / "k8s").glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text())]


# The oldest Kubernetes minor release the manifests must apply to, and the newest schemas shipped.
KUBERNETES_VERSIONS = ("1.30.0", kubernetes_validate.latest_version())


def by_kind(kind):
    return {doc["metadata"]["name"]: doc for doc in documents() if doc["kind"] == kind}


def container(deployment):
    (only,) = deployment["spec"]["template"]["spec"]["containers"]
    return only


def test_every_document_is_a_named_kubernetes_object():
    for doc in documents():
        assert {"apiVersion", "kind", "metadata"} <= set(doc) and doc["metadata"]["name"].startswith("balance")


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_manifest_is_valid_against_the_kubernetes_schemas(version):
    refused = []
    for doc in documents():
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            where = ".".join(str(step) for step in error.path)
            refused.append(f"{doc['kind']}/{doc['metadata']['name']} {where}: {error.message}")
    assert refused == []


def test_the_schema_check_refuses_a_misspelt_field():
    web = by_kind("Deployment")["balance-web"]
    web["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {"httpGet": {"path": "/readyz", "port": 8000}}
    with pytest.raises(kubernetes_validate.ValidationError, match="readinesProbe"):
        kubernetes_validate.validate(web, KUBERNETES_VERSIONS[0], strict=True)


def test_the_pods_run_the_procfile_processes():
    commands = {name: " ".join(container(d)["command"]) for name, d in by_kind("Deployment").items()}
    assert commands["balance-web"].endswith(PROCFILE["web"])
    for worker in ("notifications", "jobs"):
        queues = re.search(r"--queues=\S+", PROCFILE[worker]).group(0)
        assert queues in commands[f"balance-worker-{worker}"]
    assert commands["balance-beat"].startswith("celery -A config beat")
    (job,) = by_kind("Job").values()
    assert "migrate --noinput" in " ".join(job["spec"]["template"]["spec"]["containers"][0]["command"])


def test_web_probes_ask_readiness_without_the_workers_and_liveness_of_the_process():
    web = container(by_kind("Deployment")["balance-web"])
    assert web["readinessProbe"]["httpGet"]["path"] == "/readyz?checks=database,migrations,redis"
    assert web["livenessProbe"]["httpGet"]["path"] == "/healthz"


def test_web_and_workers_autoscale_and_every_deployment_has_a_disruption_budget():
    deployments, hpas, pdbs = by_kind("Deployment"), by_kind("HorizontalPodAutoscaler"), by_kind("PodDisruptionBudget")
    assert set(hpas) == set(deployments) - {"balance-beat"}  # beat scales by its lock, not by load
    assert set(pdbs) == set(deployments)
    for name, hpa in hpas.items():
        assert hpa["spec"]["scaleTargetRef"]["name"] == name
        assert hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
    for name, pdb in pdbs.items():
        assert pdb["spec"]["selector"]["matchLabels"] == deployments[name]["spec"]["selector"]["matchLabels"]


def test_a_standby_beat_runs_because_the_lock_lets_only_one_send():
    from config.settings import base

    beat = by_kind("Deployment")["balance-beat"]
    assert beat["spec"]["replicas"] == 2
    assert base.CELERY_BEAT_SCHEDULER == "apps.core.beat:SingleBeatScheduler"


def test_the_data_tier_names_a_primary_a_read_replica_for_the_portal_and_redis():
    external = {name for name, doc in by_kind("Service").items() if doc["spec"].get("type") == "ExternalName"}
    assert external == {"balance-postgres", "balance-postgres-replica", "balance-redis"}
    notes = (PLATFORM / "k8s" / "data.yaml").read_text()
    for variable, service in (
        ("DATABASE_URL", "balance-postgres"),
        ("DATABASE_REPLICA_URL", "balance-postgres-replica"),
        ("REDIS_URL", "balance-redis"),
    ):
        assert re.search(rf"{variable}=\S+@{service}:", notes), variable
