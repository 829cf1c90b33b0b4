{{/* Names: every object is named after the release, so two releases can share a namespace. */}}
{{- define "oso.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "oso.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* (list $ "component") -> "<fullname>-<component>" */}}
{{- define "oso.componentName" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" (include "oso.fullname" $root) (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* (list $ "service") -> the in-cluster URL of that service */}}
{{- define "oso.url" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $port := "" -}}
{{- range $root.Values.services -}}
{{- if eq .name $name -}}{{- $port = .port -}}{{- end -}}
{{- end -}}
{{- if not $port -}}{{- fail (printf "oso.url: no service %q in .Values.services" $name) -}}{{- end -}}
{{- printf "http://%s:%v" (include "oso.componentName" (list $root $name)) $port -}}
{{- end -}}

{{- define "oso.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "oso.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "oso.labels" -}}
{{- $root := index . 0 -}}
{{ include "oso.selectorLabels" . }}
app.kubernetes.io/part-of: oso
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "oso.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "oso.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "oso.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The OSO XSD is required when validation is on: fail at render time rather than validate without it. */}}
{{- define "oso.requireSchema" -}}
{{- if and .Values.validation.xsd (not .Values.validation.configMap) -}}
{{- fail "validation.xsd is true: set validation.configMap to the ConfigMap holding OSO_gegevensset.xsd (see docs/operations.md)" -}}
{{- end -}}
{{- end -}}

{{/*
The pod template shared by services and workers.
(dict "root" $ "svc" <service entry> "component" <name> "command" <list> "replicas" <n> "resources" <map> "http" <bool>)
*/}}
{{- define "oso.podTemplate" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
metadata:
  labels:
    {{- include "oso.labels" (list $root .component) | nindent 4 }}
  annotations:
    checksum/env: {{ include "oso.envConfigMap" (dict "root" $root "svc" $svc) | sha256sum | trunc 16 }}
spec:
  serviceAccountName: {{ include "oso.serviceAccountName" $root }}
  automountServiceAccountToken: false
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml $root.Values.podSecurityContext | nindent 4 }}
  containers:
    - name: {{ .component }}
      image: {{ include "oso.image" $root | quote }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      command:
        {{- toYaml .command | nindent 8 }}
      {{- include "oso.secretEnv" (dict "root" $root "svc" $svc) | nindent 6 }}
      envFrom:
        - configMapRef:
            name: {{ include "oso.componentName" (list $root $svc.name) }}-env
        - secretRef:
            name: {{ $root.Values.secrets.shared }}
        {{- with $svc.secret }}
        - secretRef:
            name: {{ . }}
        {{- end }}
      {{- if .http }}
      ports:
        - { name: http, containerPort: {{ $svc.port }}, protocol: TCP }
      startupProbe:
        httpGet: { path: /health/live, port: http }
        {{- toYaml $root.Values.probes.startup | nindent 8 }}
      livenessProbe:
        httpGet: { path: /health/live, port: http }
        {{- toYaml $root.Values.probes.liveness | nindent 8 }}
      readinessProbe:
        httpGet: { path: /health/ready, port: http }
        {{- toYaml $root.Values.probes.readiness | nindent 8 }}
      {{- else }}
      {{- $probe := dict "exec" (dict "command" (list "python" "-m" "oso_shared.probe" $svc.module)) }}
      startupProbe:
        {{- toYaml (merge (dict "failureThreshold" 10) $probe $root.Values.probes.worker) | nindent 8 }}
      livenessProbe:
        {{- toYaml (merge (dict) $probe $root.Values.probes.worker) | nindent 8 }}
      readinessProbe:
        {{- toYaml (merge (dict) $probe $root.Values.probes.worker) | nindent 8 }}
      {{- end }}
      resources:
        {{- toYaml .resources | nindent 8 }}
      securityContext:
        {{- toYaml $root.Values.securityContext | nindent 8 }}
      volumeMounts:
        - { name: tmp, mountPath: /tmp }
        {{- if and $svc.schema $root.Values.validation.xsd }}
        - { name: oso-schema, mountPath: /oso, readOnly: true }
        {{- end }}
  volumes:
    - name: tmp
      emptyDir: { sizeLimit: 256Mi }
    {{- if and $svc.schema $root.Values.validation.xsd }}
    - name: oso-schema
      configMap: { name: {{ $root.Values.validation.configMap }}, optional: false }
    {{- end }}
{{- end -}}

{{/* The plain environment of one service (its pods and its workers'). */}}
{{- define "oso.envConfigMap" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{ $svc.envPrefix }}HOST: "0.0.0.0"
{{ $svc.envPrefix }}PORT: {{ $svc.port | quote }}
{{- if and $svc.schema $root.Values.validation.xsd }}
{{ $svc.envPrefix }}OSO_SCHEMA_DIR: "/oso"
{{- end }}
{{- range $k, $v := $root.Values.env }}
{{ $k }}: {{ tpl (toString $v) $root | quote }}
{{- end }}
{{- range $k, $v := $svc.env }}
{{ $k }}: {{ tpl (toString $v) $root | quote }}
{{- end }}
{{- end -}}


{{/* The required secrets of one service as env vars from secretKeyRefs: a missing key keeps the pod from starting. */}}
{{- define "oso.secretEnv" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
env:
{{- range $root.Values.secrets.sharedKeys }}
  - name: {{ . }}
    valueFrom: { secretKeyRef: { name: {{ $root.Values.secrets.shared }}, key: {{ . }}, optional: false } }
{{- end }}
{{- range ($svc.secretKeys | default list) }}
{{- if not $svc.secret }}{{ fail (printf "services[%s].secretKeys needs services[].secret" $svc.name) }}{{ end }}
  - name: {{ . }}
    valueFrom: { secretKeyRef: { name: {{ $svc.secret }}, key: {{ . }}, optional: false } }
{{- end }}
{{- end -}}
