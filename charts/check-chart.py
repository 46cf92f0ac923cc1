#!/usr/bin/env python3
"""Lints and renders the charts with Helm (via helm-python-sdk) and checks the rendered objects
the webhook depends on. Run by .ci/run: python check-chart.py charts/karpenter charts/karpenter-crd
(no arguments: both). A chart named karpenter-crd gets the CRD chart's checks."""
import base64
import os
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


def check_controller_chart(chart):
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


CONVERTED_CRDS = {"nodepools.karpenter.sh", "nodeclaims.karpenter.sh"}


def check_crds(chart, objects, service, ca_bundle, inject_from):
    """The rendered CRDs are the plain ones in charts/karpenter/crds plus the templated webhook fields."""
    crds = {o["metadata"]["name"]: o for o in by_kind(objects, "CustomResourceDefinition")}
    if set(crds) != CONVERTED_CRDS | {"aksnodeclasses.karpenter.azure.com"} or len(objects) != 3:
        fail(f"{chart}: expected exactly the three CRDs, found {sorted(crds)}")
    plain_dir = os.path.join(os.path.dirname(os.path.abspath(chart)), "karpenter", "crds")
    for name, crd in crds.items():
        group, plural = name.split(".", 1)[1], name.split(".", 1)[0]
        with open(os.path.join(plain_dir, f"{group}_{plural}.yaml")) as stream:
            plain = next(d for d in yaml.safe_load_all(stream) if d)
        if crd["spec"]["versions"] != plain["spec"]["versions"] or crd["spec"]["names"] != plain["spec"]["names"]:
            fail(f"{name}: versions or names differ from charts/karpenter/crds")
        if crd["metadata"].get("labels", {}).get("app.kubernetes.io/managed-by") != "Helm":
            fail(f"{name}: the chart's labels are missing")
        annotations = crd["metadata"].get("annotations") or {}
        if name not in CONVERTED_CRDS:
            if "conversion" in crd["spec"] or annotations:
                fail(f"{name}: has no second schema, so no conversion webhook and no CA injection")
            continue
        if [v["name"] for v in crd["spec"]["versions"] if v["served"]] != ["v1", "v1beta1"]:
            fail(f"{name}: v1 and v1beta1 must be served")
        conversion = crd["spec"]["conversion"]
        config = conversion["webhook"]["clientConfig"]
        if conversion["strategy"] != "Webhook" or config["service"] != dict(service, path="/convert"):
            fail(f"{name}: conversion webhook service {config['service']} != {service}")
        if config.get("caBundle") != ca_bundle:
            fail(f"{name}: caBundle {config.get('caBundle')!r}, expected {ca_bundle!r}")
        if annotations.get("cert-manager.io/inject-ca-from") != inject_from:
            fail(f"{name}: cert-manager.io/inject-ca-from {annotations.get('cert-manager.io/inject-ca-from')!r}, expected {inject_from!r}")


def check_crd_chart(chart):
    default_service = {"name": "karpenter-webhook", "namespace": "kube-system", "port": 443}
    objects = render(chart, {})
    check_crds(chart, objects, default_service, ca_bundle=None, inject_from=None)
    print(f"helm template {chart} (defaults, no CA known yet): {len(objects)} objects ok")

    bundle = base64.b64encode(b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").decode()
    values = {"webhook": {"serviceName": "kp-webhook", "serviceNamespace": "karpenter", "port": 8443, "caBundle": bundle},
              "additionalLabels": {"team": "platform"}}
    objects = render(chart, values)
    check_crds(chart, objects, {"name": "kp-webhook", "namespace": "karpenter", "port": 8443}, ca_bundle=bundle, inject_from=None)
    if any(o["metadata"]["labels"].get("team") != "platform" for o in objects):
        fail("additionalLabels must reach every CRD")
    print(f"helm template {chart} (service values, base64 caBundle): {len(objects)} objects ok")

    pem = base64.b64decode(bundle).decode()
    objects = render(chart, {"webhook": {"caBundle": pem}})
    check_crds(chart, objects, default_service, ca_bundle=bundle, inject_from=None)
    print(f"helm template {chart} (PEM caBundle encoded): {len(objects)} objects ok")

    objects = render(chart, {"webhook": {"caBundle": bundle, "certManager": {"enabled": True}}})
    check_crds(chart, objects, default_service, ca_bundle=None, inject_from="kube-system/karpenter-webhook")
    objects = render(chart, {"webhook": {"serviceNamespace": "karpenter", "certManager": {"enabled": True, "certificateName": "serving"}}})
    check_crds(chart, objects, dict(default_service, namespace="karpenter"), ca_bundle=None, inject_from="karpenter/serving")
    print(f"helm template {chart} (cert-manager CA injection): {len(objects)} objects ok")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    charts = sys.argv[1:] or [os.path.join(here, "karpenter"), os.path.join(here, "karpenter-crd")]
    for chart in charts:
        result = helm.lint(chart, strict=True)
        problems = [m for m in result.get("messages", []) if m.get("severity", 0) > 1] + result.get("errors", [])
        if problems:
            fail(f"helm lint {chart}: {problems}")
        print(f"helm lint {chart}: ok")
        if os.path.basename(os.path.normpath(chart)) == "karpenter-crd":
            check_crd_chart(chart)
        else:
            check_controller_chart(chart)


if __name__ == "__main__":
    main()
