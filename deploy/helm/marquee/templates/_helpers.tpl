{{/*
Names and labels, following `helm create` and Bitnami conventions.
*/}}
{{- define "marquee.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "marquee.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "marquee.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every resource. */}}
{{- define "marquee.labels" -}}
helm.sh/chart: {{ include "marquee.chart" . }}
app.kubernetes.io/name: {{ include "marquee.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: marquee
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
The five services: their values key, module name, whether they own a database, the internal services they
call and what they need. Templates range over this list.
*/}}
{{- define "marquee.services" -}}
gateway:
  module: gateway-service
  database: false
  calls: [dialogue, recommendation, analytics, privacy]
dialogue:
  module: dialogue-service
  database: true
  calls: [recommendation]
recommendation:
  module: recommendation-service
  database: true
  calls: []
analytics:
  module: analytics-service
  database: false
  calls: []
privacy:
  module: privacy-service
  database: true
  calls: []
{{- end -}}

{{/* Resource name of one service: <fullname>-<module>, e.g. marquee-gateway-service. Call with (list $ "gateway"). */}}
{{- define "marquee.serviceName" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $module := get (get (include "marquee.services" $root | fromYaml) $key) "module" -}}
{{- printf "%s-%s" (include "marquee.fullname" $root) (trimSuffix "-service" $module) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of one service's resources. Call with (list $ "gateway"). */}}
{{- define "marquee.serviceLabels" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{ include "marquee.labels" $root }}
app.kubernetes.io/component: {{ get (get (include "marquee.services" $root | fromYaml) $key) "module" }}
{{- end -}}

{{/* The selector of one service's pods. Call with (list $ "gateway"). */}}
{{- define "marquee.selectorLabels" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
app.kubernetes.io/name: {{ include "marquee.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ get (get (include "marquee.services" $root | fromYaml) $key) "module" }}
{{- end -}}

{{/* The image of one service. Call with (list $ "gateway"). */}}
{{- define "marquee.image" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $module := get (get (include "marquee.services" $root | fromYaml) $key) "module" -}}
{{- $repository := printf "%s/%s/%s" $root.Values.image.registry $root.Values.image.repositoryPrefix $module | trimPrefix "/" -}}
{{- if $root.Values.image.digest -}}
{{- printf "%s@%s" $repository $root.Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (default $root.Chart.AppVersion $root.Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/*
Kafka client security properties under a prefix (kafka. for every client, kafka-streams. for Kafka Streams).
Call with (list $ "kafka.").
*/}}
{{- define "marquee.kafkaSecurity" -}}
{{- $root := index . 0 -}}
{{- $prefix := index . 1 -}}
{{- $security := $root.Values.kafka.security -}}
{{- if ne $security.protocol "PLAINTEXT" }}
{{ $prefix }}security.protocol={{ $security.protocol }}
{{- if hasPrefix "SASL" $security.protocol }}
{{ $prefix }}sasl.mechanism={{ $security.saslMechanism }}
{{ $prefix }}sasl.jaas.config={{ if eq $security.saslMechanism "PLAIN" }}org.apache.kafka.common.security.plain.PlainLoginModule{{ else }}org.apache.kafka.common.security.scram.ScramLoginModule{{ end }} required username="{{ $security.username }}" password="${MARQUEE_KAFKA_PASSWORD}";
{{- end }}
{{- if $security.caSecret }}
{{ $prefix }}ssl.truststore.type=PEM
{{ $prefix }}ssl.truststore.location=/etc/marquee/kafka-ca/{{ $security.caKey }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "marquee.secretName" -}}
{{- default (printf "%s-secrets" (include "marquee.fullname" .)) .Values.existingSecret -}}
{{- end -}}

{{- define "marquee.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "marquee.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}
