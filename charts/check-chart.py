#!/usr/bin/env python3
"""Lints and renders charts/karpenter with Helm (via helm-python-sdk) and checks the rendered
objects the webhook depends on. Run by .ci/run: python check-chart.py charts/karpenter"""
import sys

import helm_python as helm
import yaml


def fail(message):
    print(f"chart check failed: {message}", file=sys.stderr)
    sys.exit(1)


def render(chart_path, values):
    rendered = helm.Chart.load(chart_path).render(values, name="karpenter", namespace="kube-system")
    objects = []
    for source, text in sorted(rendered.items()):
        for document in yaml.safe_load_all(text):
            if document:
                objects.append(document)
    return objects


def by_kind(objects, kind):
    return [o for o in objects if o.get("kind") == kind]


def check_webhook_configurations(objects, cert_manager):
    configurations = by_kind(objects, "ValidatingWebhookConfiguration") + by_kind(objects, "MutatingWebhookConfiguration")
    if len(configurations) != 2:
        fail(f"expected a validating and a mutating configuration, found {len(configurations)}")
    for configuration in configurations:
        annotations = configuration["metadata"].get("annotations", {})
        if annotations.get("admissions.enforcer/disabled") != "true":
            fail("webhook configurations must carry admissions.enforcer/disabled: \"true\" for AKS")
        if cert_manager != ("cert-manager.io/inject-ca-from" in annotations):
            fail("cert-manager.io/inject-ca-from must be set exactly when cert-manager is enabled")
        for webhook in configuration["webhooks"]:
            if webhook["admissionReviewVersions"] != ["v1"] or webhook["sideEffects"] != "None":
                fail(f"{webhook['name']}: admissionReviewVersions [v1] and sideEffects None are required")
            if webhook["failurePolicy"] != "Fail" or webhook["matchPolicy"] != "Equivalent":
                fail(f"{webhook['name']}: failurePolicy Fail and matchPolicy Equivalent expected")
            if not 1 <= webhook["timeoutSeconds"] <= 5:
                fail(f"{webhook['name']}: timeoutSeconds must be 5 or less")
            for rule in webhook["rules"]:
                if sorted(rule["operations"]) != ["CREATE", "UPDATE"] or "*" in rule["resources"]:
                    fail(f"{webhook['name']}: rules must be CREATE/UPDATE on named resources")
            has_bundle = bool(webhook["clientConfig"].get("caBundle"))
            if has_bundle == cert_manager:
                fail(f"{webhook['name']}: caBundle must come from the chart's certificate unless cert-manager injects it")


def check_deployments(objects):
    deployments = {d["metadata"]["name"]: d for d in by_kind(objects, "Deployment")}
    if set(deployments) != {"karpenter", "karpenter-webhook"}:
        fail(f"expected controller and webhook deployments, found {sorted(deployments)}")
    for name, deployment in deployments.items():
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        context = container["securityContext"]
        if not (context["runAsNonRoot"] and context["readOnlyRootFilesystem"] and context["capabilities"]["drop"] == ["ALL"]):
            fail(f"{name}: container must run non-root with a read-only root filesystem and no capabilities")
        if "livenessProbe" not in container or "readinessProbe" not in container:
            fail(f"{name}: probes are required")
        spec = deployment["spec"]["template"]["spec"]
        if spec.get("priorityClassName") != "system-cluster-critical" or not spec.get("topologySpreadConstraints"):
            fail(f"{name}: priority class and topology spread expected")
    webhook = deployments["karpenter-webhook"]["spec"]["template"]["spec"]
    env = {e["name"]: e.get("value") for e in webhook["containers"][0]["env"]}
    for variable in ["WEBHOOK_CERT_DIR", "WEBHOOK_PORT", "HEALTH_PROBE_PORT", "WEBHOOK_METRICS_PORT"]:
        if variable not in env:
            fail(f"webhook container lacks {variable}")


def main():
    chart = sys.argv[1] if len(sys.argv) > 1 else "charts/karpenter"
    result = helm.lint(chart, strict=True)
    problems = [m for m in result.get("messages", []) if m.get("severity", 0) > 1] + result.get("errors", [])
    if problems:
        fail(f"helm lint: {problems}")
    print(f"helm lint {chart}: ok")

    objects = render(chart, {})
    check_webhook_configurations(objects, cert_manager=False)
    check_deployments(objects)
    secret = [s for s in by_kind(objects, "Secret") if s["metadata"]["name"] == "karpenter-webhook-cert"]
    if not secret or set(secret[0]["data"]) != {"ca.crt", "tls.crt", "tls.key"}:
        fail("the generated webhook certificate Secret must hold ca.crt, tls.crt and tls.key")
    print(f"helm template {chart} (defaults): {len(objects)} objects ok")

    objects = render(chart, {"webhook": {"certManager": {"enabled": True}},
                             "serviceAccount": {"annotations": {"azure.workload.identity/client-id": "00000000-0000-0000-0000-000000000000"}},
                             "podLabels": {"azure.workload.identity/use": "true"}})
    check_webhook_configurations(objects, cert_manager=True)
    if not by_kind(objects, "Certificate"):
        fail("cert-manager mode must render a Certificate")
    print(f"helm template {chart} (cert-manager, workload identity): {len(objects)} objects ok")

    objects = render(chart, {"webhook": {"enabled": False}})
    if by_kind(objects, "ValidatingWebhookConfiguration") or len(by_kind(objects, "Deployment")) != 1:
        fail("webhook.enabled=false must drop the webhook")
    print(f"helm template {chart} (webhook disabled): {len(objects)} objects ok")


if __name__ == "__main__":
    main()
