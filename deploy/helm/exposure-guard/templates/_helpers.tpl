{{/*
Names. Kubernetes names are at most 63 characters for labels and Services, so every prefix is cut to leave room
for the longest suffix the chart appends ("-webhook-tls", 12 characters).
*/}}
{{- define "exposure-guard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 50 | trimSuffix "-" }}
{{- end }}

{{/* <release>-exposure-guard, or just the release name when it already contains the chart name. */}}
{{- define "exposure-guard.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "exposure-guard.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every object. Call with (dict "ctx" $ "component" "operator"); component says which part of
exposure-guard the object belongs to (operator, webhook, webhook-tls, rbac, metrics, alerting, dashboard, policy).
*/}}
{{- define "exposure-guard.labels" -}}
helm.sh/chart: {{ include "exposure-guard.chart" .ctx }}
{{ include "exposure-guard.selectorLabels" .ctx }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: exposure-guard
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
{{- with .ctx.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
metadata.annotations of an object: commonAnnotations and the object's own, the object's own winning on the same key.
Call with (dict "ctx" $) or (dict "ctx" $ "own" <map>); renders nothing when both are empty.
*/}}
{{- define "exposure-guard.annotations" -}}
{{- with merge (deepCopy (default (dict) .own)) (default (dict) .ctx.Values.commonAnnotations) -}}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* The labels that select the operator pods (stable across upgrades: never add version here). */}}
{{- define "exposure-guard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "exposure-guard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "exposure-guard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "exposure-guard.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "exposure-guard.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The webhook Service; the serving certificate names <this>.<namespace>.svc. */}}
{{- define "exposure-guard.webhookService" -}}
{{- printf "%s-webhook" (include "exposure-guard.fullname" .) }}
{{- end }}

{{/* Both webhook configurations (validating and mutating) carry this name; the operator patches their caBundle. */}}
{{- define "exposure-guard.webhookConfiguration" -}}
{{- include "exposure-guard.fullname" . }}
{{- end }}

{{/* The Secret with the webhook's serving certificate (written by the operator or by cert-manager). */}}
{{- define "exposure-guard.webhookTlsSecret" -}}
{{- printf "%s-webhook-tls" (include "exposure-guard.fullname" .) }}
{{- end }}

{{/* cert-manager Certificate for the webhook Service; the configurations' inject-ca-from points at it. */}}
{{- define "exposure-guard.webhookCertificate" -}}
{{- printf "%s-webhook" (include "exposure-guard.fullname" .) }}
{{- end }}

{{- define "exposure-guard.selfSignedIssuer" -}}
{{- printf "%s-selfsigned" (include "exposure-guard.fullname" .) }}
{{- end }}

{{- define "exposure-guard.selfManagedTls" -}}
{{- if and .Values.webhook.enabled (eq .Values.webhook.tls.mode "self-managed") }}true{{ end }}
{{- end }}

{{- define "exposure-guard.certManagerTls" -}}
{{- if and .Values.webhook.enabled (eq .Values.webhook.tls.mode "cert-manager") }}true{{ end }}
{{- end }}

{{/* The Lease the replicas elect their leader with (fixed in the operator: Leadership.LEASE). */}}
{{- define "exposure-guard.leaderLease" -}}
exposure-guard-leader
{{- end }}

{{/* The Secret holding the key that signs quarantine NetworkPolicies (fixed in the operator: QuarantineKeyStore.SECRET). */}}
{{- define "exposure-guard.quarantineKeySecret" -}}
exposure-guard-quarantine-key
{{- end }}

{{/*
One webhook's fields shared by /validate and /mutate (the settings of deploy/webhook/webhook-configurations.yaml).
Call with (dict "ctx" $ "path" "/validate").
*/}}
{{- define "exposure-guard.webhookCommon" -}}
admissionReviewVersions: [v1]
sideEffects: None
timeoutSeconds: {{ .ctx.Values.webhook.timeoutSeconds }}
failurePolicy: {{ .ctx.Values.webhook.failurePolicy }}
matchPolicy: Equivalent
clientConfig:
  service:
    name: {{ include "exposure-guard.webhookService" .ctx }}
    namespace: {{ .ctx.Release.Namespace }}
    path: {{ .path }}
    port: 443
{{- if .ownKinds }}
{{- /* The exposureguard.io kinds: exceptions live in the release namespace, so only kube-system is left out, and no
user selector applies (it could let a wrong exception through). */}}
namespaceSelector:
  matchExpressions:
    - {key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system]}
{{- else }}
{{- /* webhook.namespaceSelector is appended, never replaces the exclusion: selector terms are ANDed, so no user term can
bring kube-system or the release namespace back. */}}
{{- $namespaces := default (dict) .ctx.Values.webhook.namespaceSelector }}
namespaceSelector:
  {{- with $namespaces.matchLabels }}
  matchLabels:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  matchExpressions:
    - key: kubernetes.io/metadata.name
      operator: NotIn
      values:
        {{- range concat (list "kube-system" .ctx.Release.Namespace) .ctx.Values.webhook.excludedNamespaces | uniq }}
        - {{ . | quote }}
        {{- end }}
    {{- with $namespaces.matchExpressions }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- with .ctx.Values.webhook.objectSelector }}
objectSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The annotations of both webhook configurations, a YAML map: webhook.annotations, and in cert-manager mode the
inject-ca-from annotation (cainjector copies the Certificate's CA into every webhook's clientConfig.caBundle), which
wins on the same key: without it the API server could not trust the webhook.
*/}}
{{- define "exposure-guard.webhookAnnotations" -}}
{{- $own := dict }}
{{- if include "exposure-guard.certManagerTls" . }}
{{- $_ := set $own "cert-manager.io/inject-ca-from" (printf "%s/%s" .Release.Namespace (include "exposure-guard.webhookCertificate" .)) }}
{{- end }}
{{- toYaml (merge $own (default (dict) .Values.webhook.annotations)) }}
{{- end }}

{{/*
The scrape endpoint of the ServiceMonitor (and the PodMonitor): the management port's /q/metrics. Call with the
monitor's values (metrics.serviceMonitor, say): interval, relabelings (before the scrape, on the target's labels)
and metricRelabelings (after it, on every sample).
*/}}
{{- define "exposure-guard.scrapeEndpoint" -}}
- port: management
  path: /q/metrics
  interval: {{ .interval }}
  # Keep the metrics' own labels: exposureguard_exposures{namespace=...} names the namespace of the
  # exposed datastore, which Prometheus would otherwise rename to exported_namespace (and the alerts
  # and their routing by namespace and team would break).
  honorLabels: true
  {{- with .relabelings }}
  relabelings:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .metricRelabelings }}
  metricRelabelings:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{/*
The report APIs reports.api selects, as a YAML list of {group, version, plural, clusterPlural} (the operator's
ReportApi): what RBAC grants and report-crds.yaml installs.
*/}}
{{- define "exposure-guard.reportApis" -}}
{{- if has .Values.reports.api (list "openreports" "both") }}
- {group: openreports.io, version: v1alpha1, plural: reports, clusterPlural: clusterreports}
{{- end }}
{{- if has .Values.reports.api (list "wgpolicy" "both") }}
- {group: wgpolicyk8s.io, version: v1alpha2, plural: policyreports, clusterPlural: clusterpolicyreports}
{{- end }}
{{- end }}
