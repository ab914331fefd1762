{{/* The chart's name, or nameOverride. */}}
{{- define "pco.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Names of the release's cluster-wide objects (ClusterRoles, bindings): fullnameOverride, else the chart's name when
the release name contains it, else "<release>-<chart>". Two releases need two names.
*/}}
{{- define "pco.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Selector labels: stable across upgrades. */}}
{{- define "pco.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pco.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "pco.labels" -}}
{{ include "pco.selectorLabels" . }}
app.kubernetes.io/part-of: proton-connection-operator
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{/* The ServiceAccount the pods run as: created by the chart, or an existing one named in serviceAccount.name. */}}
{{- define "pco.serviceAccountName" -}}
{{- .Values.serviceAccount.name }}
{{- end }}

{{/* The Lease the operator's leader election takes: fixed in the operator (LeaderElection.LEASE_NAME). */}}
{{- define "pco.leaseName" -}}
proton-connection-operator
{{- end }}
