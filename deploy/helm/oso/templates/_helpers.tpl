{{- define "oso.env" -}}
- name: DOSSIER_OSO_SCHEMA_DIR
  value: /oso
{{- range $k, $v := .Values.env }}
- name: {{ $k }}
  value: {{ $v | quote }}
{{- end }}
envFrom:
  - secretRef:
      name: {{ .Values.existingSecret }}
{{- end -}}
