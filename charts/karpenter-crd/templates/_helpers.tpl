{{/* Common labels. */}}
{{- define "karpenter-crd.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.additionalLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The conversion webhook's Service. */}}
{{- define "karpenter-crd.webhookServiceName" -}}
{{- .Values.webhook.serviceName | default "karpenter-webhook" }}
{{- end }}

{{- define "karpenter-crd.webhookServiceNamespace" -}}
{{- .Values.webhook.serviceNamespace | default .Release.Namespace }}
{{- end }}

{{/* CRD annotations: cert-manager CA injection when enabled, then the user's. */}}
{{- define "karpenter-crd.annotations" -}}
{{- if .Values.webhook.certManager.enabled }}
{{- $certificate := .Values.webhook.certManager.certificateName | default (include "karpenter-crd.webhookServiceName" .) }}
cert-manager.io/inject-ca-from: {{ printf "%s/%s" (include "karpenter-crd.webhookServiceNamespace" .) $certificate }}
{{- end }}
{{- with .Values.additionalAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
caBundle of the conversion webhook: nothing with cert-manager (cainjector writes it), else
webhook.caBundle (a PEM is base64-encoded), else ca.crt of the webhook certificate Secret.
*/}}
{{- define "karpenter-crd.caBundle" -}}
{{- if not .Values.webhook.certManager.enabled }}
{{- if .Values.webhook.caBundle }}
{{- if hasPrefix "-----BEGIN" .Values.webhook.caBundle }}
{{- .Values.webhook.caBundle | b64enc }}
{{- else }}
{{- .Values.webhook.caBundle }}
{{- end }}
{{- else }}
{{- $secretName := .Values.webhook.certSecretName | default (printf "%s-cert" (include "karpenter-crd.webhookServiceName" .)) }}
{{- $secret := lookup "v1" "Secret" (include "karpenter-crd.webhookServiceNamespace" .) $secretName }}
{{- if and $secret $secret.data }}
{{- index $secret.data "ca.crt" | default "" }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
