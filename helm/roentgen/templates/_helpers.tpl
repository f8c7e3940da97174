{{/* ---- names and labels -------------------------------------------------------------- */}}

{{- define "roentgen.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "roentgen.fullname" -}}
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

{{/* The services: name (module, image, quarkus.application.name) -> key in values.yaml. */}}
{{- define "roentgen.services" -}}
ingest: ingest
labeling-validation: labelingValidation
artifact-detection: artifactDetection
router: router
archive: archive
{{- end }}

{{/* Labels of everything the chart makes; (list $ "ingest") adds the service as component. */}}
{{- define "roentgen.labels" -}}
{{- $ := index . 0 -}}
helm.sh/chart: {{ printf "%s-%s" $.Chart.Name $.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "roentgen.name" $ }}
app.kubernetes.io/instance: {{ $.Release.Name }}
app.kubernetes.io/version: {{ $.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $.Release.Service }}
app.kubernetes.io/part-of: roentgen
{{- if gt (len .) 1 }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}
{{- end }}

{{/* The selector of one service's pods: (list $ "ingest"). */}}
{{- define "roentgen.selectorLabels" -}}
{{- $ := index . 0 -}}
app.kubernetes.io/name: {{ include "roentgen.name" $ }}
app.kubernetes.io/instance: {{ $.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* A service's image: (list $ "ingest"). */}}
{{- define "roentgen.image" -}}
{{- $ := index . 0 }}
{{- $repo := printf "%s/%s" $.Values.image.repository (index . 1) }}
{{- with $.Values.image.registry }}{{ $repo = printf "%s/%s" (trimSuffix "/" .) $repo }}{{ end }}
{{- printf "%s:%s" $repo (default $.Chart.AppVersion $.Values.image.tag) }}
{{- end }}

{{/* ---- values ------------------------------------------------------------------------ */}}

{{/* A scalar as text: whole numbers without an exponent (YAML numbers arrive as float64). */}}
{{- define "roentgen.scalar" -}}
{{- if and (kindIs "float64" .) (eq . (floor .)) }}{{ int64 . }}
{{- else if kindIs "slice" . }}{{ join "," . }}
{{- else }}{{ . }}
{{- end }}
{{- end }}

{{/* Properties lines of a map under a prefix, nested maps flattened: (dict "prefix" p "map" m). */}}
{{- define "roentgen.properties" -}}
{{- $prefix := .prefix }}
{{- range $key, $value := .map }}
{{- $name := ternary $key (printf "%s.%s" $prefix $key) (eq $prefix "") }}
{{- if kindIs "map" $value }}
{{- include "roentgen.properties" (dict "prefix" $name "map" $value) }}
{{- else }}
{{ $name }}={{ include "roentgen.scalar" $value }}
{{- end }}
{{- end }}
{{- end }}

{{/*
"true" when an optional resource is wanted: (list enabled "group/version/Kind" $.Capabilities).
enabled is true, false, or "auto": when the cluster serves the API.
*/}}
{{- define "roentgen.wanted" -}}
{{- $enabled := index . 0 }}
{{- if eq (toString $enabled) "auto" }}
{{- if (index . 2).APIVersions.Has (index . 1) }}true{{ end }}
{{- else if $enabled }}true
{{- end }}
{{- end }}

{{/* ---- connections ------------------------------------------------------------------- */}}

{{- define "roentgen.kafka.bootstrapServers" -}}
{{- if .Values.kafka.enabled }}
{{- printf "%s-kafka:9092" .Release.Name }}
{{- else }}
{{- required "externalKafka.bootstrapServers is required when kafka.enabled is false" .Values.externalKafka.bootstrapServers }}
{{- end }}
{{- end }}

{{- define "roentgen.s3.endpoint" -}}
{{- if .Values.minio.enabled }}
{{- printf "http://%s-minio:9000" .Release.Name }}
{{- else }}
{{- required "externalS3.endpoint is required when minio.enabled is false" .Values.externalS3.endpoint }}
{{- end }}
{{- end }}

{{- define "roentgen.s3.bucket" -}}
{{- if .Values.minio.enabled }}{{ .Values.minio.defaultBuckets | splitList "," | first | trim }}
{{- else }}{{ .Values.externalS3.bucket }}
{{- end }}
{{- end }}

{{/* The S3 credentials as env entries (ROENTGEN_S3_ACCESS_KEY, ROENTGEN_S3_SECRET_KEY). */}}
{{- define "roentgen.s3.credentials" -}}
{{- $secret := printf "%s-s3" (include "roentgen.fullname" .) }}
{{- $access := "access-key" }}
{{- $key := "secret-key" }}
{{- if .Values.minio.enabled }}
{{- $secret = default (printf "%s-minio" .Release.Name) (dig "auth" "existingSecret" "" .Values.minio) }}
{{- $access = "root-user" }}
{{- $key = "root-password" }}
{{- else if .Values.externalS3.existingSecret }}
{{- $secret = .Values.externalS3.existingSecret }}
{{- $access = .Values.externalS3.existingSecretAccessKeyKey }}
{{- $key = .Values.externalS3.existingSecretSecretKeyKey }}
{{- end }}
- name: ROENTGEN_S3_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $access }}
- name: ROENTGEN_S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $key }}
{{- end }}

{{- define "roentgen.database.url" -}}
{{- if .Values.postgresql.enabled }}
{{- printf "jdbc:postgresql://%s-postgresql:5432/%s" .Release.Name .Values.postgresql.auth.database }}
{{- else }}
{{- with .Values.externalDatabase }}
{{- printf "jdbc:postgresql://%s:%s/%s" (required "externalDatabase.host is required when postgresql.enabled is false" .host) (include "roentgen.scalar" .port) .database }}
{{- end }}
{{- end }}
{{- end }}

{{- define "roentgen.database.user" -}}
{{- if .Values.postgresql.enabled }}{{ .Values.postgresql.auth.username }}
{{- else }}{{ .Values.externalDatabase.user }}
{{- end }}
{{- end }}

{{/* The database password as an env entry (ROENTGEN_ARCHIVE_DB_PASSWORD). */}}
{{- define "roentgen.database.password" -}}
{{- $secret := printf "%s-database" (include "roentgen.fullname" .) }}
{{- $key := "password" }}
{{- if .Values.postgresql.enabled }}
{{- $secret = default (printf "%s-postgresql" .Release.Name) (dig "auth" "existingSecret" "" .Values.postgresql) }}
{{- else if .Values.externalDatabase.existingSecret }}
{{- $secret = .Values.externalDatabase.existingSecret }}
{{- $key = .Values.externalDatabase.existingSecretPasswordKey }}
{{- end }}
- name: ROENTGEN_ARCHIVE_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $key }}
{{- end }}

{{/* ---- each service's environment (its ConfigMap) and secrets ------------------------ */}}

{{- define "roentgen.env.ingest" -}}
{{- $v := .Values.ingest }}
INGEST_KAFKA_BOOTSTRAP_SERVERS: {{ include "roentgen.kafka.bootstrapServers" . | quote }}
INGEST_S3_ENDPOINT: {{ include "roentgen.s3.endpoint" . }}
INGEST_S3_REGION: {{ .Values.externalS3.region }}
INGEST_S3_BUCKET: {{ include "roentgen.s3.bucket" . }}
INGEST_DICOM_AE_TITLE: {{ $v.dicom.aeTitle | quote }}
INGEST_DICOM_PORT: {{ include "roentgen.scalar" $v.dicom.port }}
{{- with $v.dicom.allowedCallingAeTitles }}
INGEST_DICOM_ALLOWED_CALLING_AE_TITLES: {{ join "," . | quote }}
{{- end }}
INGEST_SPOOL_DIR: /var/lib/roentgen/spool
{{- end }}
{{- define "roentgen.secretEnv.ingest" -}}
{{ include "roentgen.s3.credentials" . }}
{{- end }}

{{- define "roentgen.env.labeling-validation" -}}
{{- $v := .Values.labelingValidation }}
VALIDATION_KAFKA_BOOTSTRAP_SERVERS: {{ include "roentgen.kafka.bootstrapServers" . | quote }}
{{- with $v.worklist }}
{{- if .host }}
VALIDATION_WORKLIST_HOST: {{ .host | quote }}
VALIDATION_WORKLIST_PORT: {{ include "roentgen.scalar" .port }}
VALIDATION_WORKLIST_CALLED_AE_TITLE: {{ .calledAeTitle | quote }}
VALIDATION_WORKLIST_CALLING_AE_TITLE: {{ .callingAeTitle | quote }}
{{- end }}
{{- end }}
{{- if $v.rules }}
VALIDATION_RULES_FILE: /deployments/config/rules.yaml
{{- end }}
{{- end }}
{{- define "roentgen.secretEnv.labeling-validation" -}}
{{- end }}

{{- define "roentgen.env.artifact-detection" -}}
{{- $v := .Values.artifactDetection }}
QC_KAFKA_BOOTSTRAP_SERVERS: {{ include "roentgen.kafka.bootstrapServers" . | quote }}
QC_KAFKA_CONSUMERS: {{ include "roentgen.scalar" $v.consumers }}
QC_S3_ENDPOINT: {{ include "roentgen.s3.endpoint" . }}
QC_S3_REGION: {{ .Values.externalS3.region }}
QC_S3_BUCKET: {{ include "roentgen.s3.bucket" . }}
{{- end }}
{{- define "roentgen.secretEnv.artifact-detection" -}}
{{ include "roentgen.s3.credentials" . }}
{{- end }}

{{- define "roentgen.env.router" -}}
ROUTER_KAFKA_BOOTSTRAP_SERVERS: {{ include "roentgen.kafka.bootstrapServers" . | quote }}
ROUTER_S3_ENDPOINT: {{ include "roentgen.s3.endpoint" . }}
ROUTER_S3_REGION: {{ .Values.externalS3.region }}
ROUTER_S3_BUCKET: {{ include "roentgen.s3.bucket" . }}
ROUTER_RULES_FILE: /deployments/config/rules.yaml
{{- end }}
{{- define "roentgen.secretEnv.router" -}}
{{ include "roentgen.s3.credentials" . }}
- name: ROENTGEN_DEIDENTIFY_KEY
  valueFrom:
    secretKeyRef:
      name: {{ default (printf "%s-deidentify" (include "roentgen.fullname" .)) .Values.router.deidentify.existingSecret }}
      key: {{ ternary .Values.router.deidentify.existingSecretKey "site-key" (ne .Values.router.deidentify.existingSecret "") }}
{{- range $i, $s := .Values.router.destinationSecrets }}
- name: {{ printf "ROENTGEN_DESTINATION_SECRET_%d" $i }}
  valueFrom:
    secretKeyRef:
      name: {{ $s.secretName }}
      key: {{ $s.secretKey }}
{{- end }}
{{- end }}

{{- define "roentgen.env.archive" -}}
{{- $v := .Values.archive }}
ARCHIVE_KAFKA_BOOTSTRAP_SERVERS: {{ include "roentgen.kafka.bootstrapServers" . | quote }}
ARCHIVE_S3_ENDPOINT: {{ include "roentgen.s3.endpoint" . }}
ARCHIVE_S3_REGION: {{ .Values.externalS3.region }}
ROENTGEN_ARCHIVE_DB_URL: {{ include "roentgen.database.url" . }}
ROENTGEN_ARCHIVE_DB_USER: {{ include "roentgen.database.user" . }}
{{- with $v.dicomwebBaseUrl }}
ARCHIVE_DICOMWEB_BASE_URL: {{ . | quote }}
{{- end }}
{{- if $v.auth.usersSecret }}
ROENTGEN_ARCHIVE_USERS_FILE: /etc/roentgen/archive/users
{{- end }}
{{- with $v.auth.oidc }}
{{- if .enabled }}
ROENTGEN_OIDC_ENABLED: "true"
ROENTGEN_OIDC_ROLE_CLAIM: {{ .roleClaim }}
QUARKUS_OIDC_AUTH_SERVER_URL: {{ required "archive.auth.oidc.authServerUrl is required when OIDC is enabled" .authServerUrl }}
QUARKUS_OIDC_CLIENT_ID: {{ required "archive.auth.oidc.clientId is required when OIDC is enabled" .clientId }}
{{- end }}
{{- end }}
{{- end }}
{{- define "roentgen.secretEnv.archive" -}}
{{ include "roentgen.s3.credentials" . }}
{{ include "roentgen.database.password" . }}
{{- with .Values.archive.auth.oidc }}
{{- if and .enabled .existingSecret }}
- name: QUARKUS_OIDC_CREDENTIALS_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .existingSecretKey }}
{{- end }}
{{- end }}
{{- end }}

{{/* ---- each service's files (its -config ConfigMap, mounted at /deployments/config) --- */}}

{{/* application.properties: the service's config map, the router's destinations and pools. */}}
{{- define "roentgen.applicationProperties" -}}
{{- $ := index . 0 }}
{{- $name := index . 1 }}
{{- $v := index $.Values (index (include "roentgen.services" $ | fromYaml) $name) -}}
# {{ $name }}: read by Quarkus from config/application.properties (over the built-in defaults,
# under the environment variables). Rendered from the chart's values.
{{- include "roentgen.properties" (dict "prefix" "" "map" $v.config) }}
{{- if eq $name "router" }}
{{- include "roentgen.properties" (dict "prefix" "router.destinations" "map" $v.destinations) }}
{{- include "roentgen.properties" (dict "prefix" "router.pools" "map" $v.pools) }}
{{- range $i, $s := $v.destinationSecrets }}
{{ printf "router.destinations.%s.%s=${ROENTGEN_DESTINATION_SECRET_%d}" $s.destination $s.key $i }}
{{- end }}
{{- end }}
{{- end }}

{{- define "roentgen.files" -}}
{{- $ := index . 0 }}
{{- $name := index . 1 }}
application.properties: |
{{- include "roentgen.applicationProperties" . | nindent 2 }}
{{- if eq $name "router" }}
rules.yaml: |
{{- required "router.rules is required: the router reads its rule file" $.Values.router.rules | nindent 2 }}
{{- else if and (eq $name "labeling-validation") $.Values.labelingValidation.rules }}
rules.yaml: |
{{- $.Values.labelingValidation.rules | nindent 2 }}
{{- end }}
{{- end }}
