{{/*
Expand the name of the chart.
*/}}
{{- define "cognito-confirm-service.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
If release name contains chart name it will be used as a full name.
*/}}
{{- define "cognito-confirm-service.fullname" -}}
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

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "cognito-confirm-service.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels
*/}}
{{- define "cognito-confirm-service.labels" -}}
helm.sh/chart: {{ include "cognito-confirm-service.chart" . }}
{{ include "cognito-confirm-service.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels
*/}}
{{- define "cognito-confirm-service.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cognito-confirm-service.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Create the name of the service account to use
*/}}
{{- define "cognito-confirm-service.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "cognito-confirm-service.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image reference: repository:tag, or repository@digest when a digest is given.
*/}}
{{- define "cognito-confirm-service.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/*
True (non-empty) when actuator listens on its own port.
*/}}
{{- define "cognito-confirm-service.separateManagementPort" -}}
{{- if and .Values.management.port (ne (int .Values.management.port) (int .Values.containerPort)) }}true{{ end }}
{{- end }}

{{/*
Name of the container port that serves actuator (probes, metrics).
*/}}
{{- define "cognito-confirm-service.managementPortName" -}}
{{- if include "cognito-confirm-service.separateManagementPort" . }}management{{ else }}http{{ end }}
{{- end }}

{{/*
A Spring map key: kept as is when it is plain, else wrapped in [] so that Spring keeps dots and
other characters (role names such as "cognito:admins" or "team.support").
*/}}
{{- define "cognito-confirm-service.mapKey" -}}
{{- if regexMatch "^[A-Za-z0-9-]+$" . }}{{ . }}{{ else }}{{ printf "[%s]" . }}{{ end }}
{{- end }}

{{/*
Environment variable that carries one app client's secret into the pod.
Input: dict "pool" <pool alias> "client" <client alias> "override" <secretEnv or empty>.
*/}}
{{- define "cognito-confirm-service.clientSecretEnv" -}}
{{- $name := .override | default (regexReplaceAll "[^A-Z0-9_]" (printf "%s_%s_SECRET" .pool .client | upper) "_") }}
{{- if not (regexMatch "^[A-Z_][A-Z0-9_]*$" $name) }}
{{- fail (printf "config.userPools.%s.appClients.%s: %q is not a usable environment variable name; set secretEnv" .pool .client $name) }}
{{- end }}
{{- $name }}
{{- end }}

{{/*
Fails rendering when a key that names a secret holds a literal value instead of a ${ENV}
placeholder: secret values come from existing Secrets only, never from a ConfigMap.
Input: dict "path" <dotted path so far> "value" <map>.
*/}}
{{- define "cognito-confirm-service.assertNoSecrets" -}}
{{- $path := .path }}
{{- range $k, $val := .value }}
{{- $p := ternary $k (printf "%s.%s" $path $k) (eq $path "") }}
{{- if kindIs "map" $val }}
{{- include "cognito-confirm-service.assertNoSecrets" (dict "path" $p "value" $val) }}
{{- else if and (kindIs "string" $val) (regexMatch "(?i)(password|secret|token|credential|private-?key|access-?key)" $k) (not (regexMatch "^\\$\\{[A-Za-z0-9_.-]+(:[^}]*)?\\}$" $val)) }}
{{- fail (printf "%s holds a literal value: secrets must come from an existing Secret (see README, \"Secrets\"), never from values" $p) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The application.yaml rendered into the ConfigMap, built from .Values.config.
Only what is set is rendered, so that the application's own defaults apply to the rest.
*/}}
{{- define "cognito-confirm-service.applicationConfig" -}}
{{- $v := .Values.config }}
{{- $confirm := dict }}
{{- /* confirm.security */}}
{{- $sec := dict }}
{{- $audienceCheck := $v.security.audienceCheck | default "" | toString }}
{{- if not (has $audienceCheck (list "" "required" "disabled")) }}
{{- fail (printf "config.security.audienceCheck is %q: it is required (the default) or disabled" $audienceCheck) }}
{{- end }}
{{- if eq $audienceCheck "disabled" }}
{{- $_ := set $sec "audience-check" "disabled" }}
{{- with $v.security.audience }}{{ $_ := set $sec "audience" . }}{{ end }}
{{- else }}
{{- $_ := set $sec "audience" (required "config.security.audience is required: the aud value of the tokens issued for this service (or set config.security.audienceCheck: disabled to accept any audience)" $v.security.audience) }}
{{- end }}
{{- with $v.security.rolesClaim }}{{ $_ := set $sec "roles-claim" . }}{{ end }}
{{- with $v.security.rolesClaimDelimiter }}{{ $_ := set $sec "roles-claim-delimiter" . }}{{ end }}
{{- with $v.security.auditReaderRoles }}{{ $_ := set $sec "audit-reader-roles" . }}{{ end }}
{{- with $v.security.actuatorRoles }}{{ $_ := set $sec "actuator-roles" . }}{{ end }}
{{- if $sec }}{{ $_ := set $confirm "security" $sec }}{{ end }}
{{- /* confirm.user-pools */}}
{{- $permissions := list "ADMIN_CONFIRM" "CODE_CONFIRM" "READ_USER" "FORCE_ALIAS" }}
{{- $pools := dict }}
{{- range $alias, $pool := $v.userPools }}
{{- range $key, $_ := $pool }}
{{- if not (has $key (list "id" "requireReason" "roleArn" "sourceIdentity" "lookupAttributes" "grants" "appClients")) }}
{{- fail (printf "config.userPools.%s.%s is not a known key (id, requireReason, roleArn, sourceIdentity, lookupAttributes, grants, appClients)" $alias $key) }}
{{- end }}
{{- end }}
{{- $id := required (printf "config.userPools.%s.id is required" $alias) $pool.id }}
{{- if not (regexMatch "^[\\w-]+_[0-9a-zA-Z]+$" $id) }}
{{- fail (printf "config.userPools.%s.id %q is not a Cognito user pool id (region_Id)" $alias $id) }}
{{- end }}
{{- $p := dict "id" $id }}
{{- if hasKey $pool "requireReason" }}{{ $_ := set $p "require-reason" $pool.requireReason }}{{ end }}
{{- with $pool.roleArn }}{{ $_ := set $p "role-arn" . }}{{ end }}
{{- if hasKey $pool "sourceIdentity" }}{{ $_ := set $p "source-identity" $pool.sourceIdentity }}{{ end }}
{{- if hasKey $pool "lookupAttributes" }}{{ $_ := set $p "lookup-attributes" $pool.lookupAttributes }}{{ end }}
{{- $grants := dict }}
{{- range $role, $perms := $pool.grants }}
{{- range $perms }}
{{- if not (has . $permissions) }}
{{- fail (printf "config.userPools.%s.grants.%s: %q is not one of %s" $alias $role . (join ", " $permissions)) }}
{{- end }}
{{- end }}
{{- $_ := set $grants (include "cognito-confirm-service.mapKey" $role) $perms }}
{{- end }}
{{- if $grants }}{{ $_ := set $p "grants" $grants }}{{ end }}
{{- $clients := dict }}
{{- range $clientAlias, $client := $pool.appClients }}
{{- if hasKey $client "secret" }}
{{- fail (printf "config.userPools.%s.appClients.%s.secret: client secrets never go into values; name the key of clientSecrets.existingSecret in secretKey" $alias $clientAlias) }}
{{- end }}
{{- range $key, $_ := $client }}
{{- if not (has $key (list "id" "secretKey" "secretEnv")) }}
{{- fail (printf "config.userPools.%s.appClients.%s.%s is not a known key (id, secretKey, secretEnv)" $alias $clientAlias $key) }}
{{- end }}
{{- end }}
{{- $c := dict "id" (required (printf "config.userPools.%s.appClients.%s.id is required" $alias $clientAlias) $client.id) }}
{{- if $client.secretKey }}
{{- $env := include "cognito-confirm-service.clientSecretEnv" (dict "pool" $alias "client" $clientAlias "override" $client.secretEnv) }}
{{- $_ := set $c "secret" (printf "${%s:}" $env) }}
{{- end }}
{{- $_ := set $clients (include "cognito-confirm-service.mapKey" $clientAlias) $c }}
{{- end }}
{{- if $clients }}{{ $_ := set $p "app-clients" $clients }}{{ end }}
{{- $_ := set $pools (include "cognito-confirm-service.mapKey" $alias) $p }}
{{- end }}
{{- if $pools }}{{ $_ := set $confirm "user-pools" $pools }}{{ end }}
{{- /* confirm.cognito */}}
{{- $cognito := dict }}
{{- with $v.cognito.endpoint }}{{ $_ := set $cognito "endpoint" . }}{{ end }}
{{- with $v.cognito.maxRequestsPerSecond }}{{ $_ := set $cognito "max-requests-per-second" . }}{{ end }}
{{- with $v.cognito.apiCallTimeout }}{{ $_ := set $cognito "api-call-timeout" . }}{{ end }}
{{- with $v.cognito.userReadRequestsPerSecond }}{{ $_ := set $cognito "user-read-requests-per-second" . }}{{ end }}
{{- with $v.cognito.userUpdateRequestsPerSecond }}{{ $_ := set $cognito "user-update-requests-per-second" . }}{{ end }}
{{- with $v.cognito.userListRequestsPerSecond }}{{ $_ := set $cognito "user-list-requests-per-second" . }}{{ end }}
{{- with $v.cognito.maxBudgetWait }}{{ $_ := set $cognito "max-budget-wait" . }}{{ end }}
{{- with $v.cognito.queueDeadlineMargin }}{{ $_ := set $cognito "queue-deadline-margin" . }}{{ end }}
{{- $replicas := ternary .Values.autoscaling.maxReplicas .Values.replicaCount .Values.autoscaling.enabled }}
{{- $_ := set $cognito "expected-replicas" (int ($v.cognito.expectedReplicas | default $replicas)) }}
{{- if $cognito }}{{ $_ := set $confirm "cognito" $cognito }}{{ end }}
{{- $aws := dict }}
{{- with $v.aws.stsEndpoint }}{{ $_ := set $aws "sts-endpoint" . }}{{ end }}
{{- if $v.aws.sourceIdentity }}{{ $_ := set $aws "source-identity" true }}{{ end }}
{{- with $v.aws.sourceIdentityRoleArn }}{{ $_ := set $aws "source-identity-role-arn" . }}{{ end }}
{{- if $aws }}{{ $_ := set $confirm "aws" $aws }}{{ end }}
{{- $web := dict }}
{{- with $v.web.corsAllowedOrigins }}{{ $_ := set $web "cors" (dict "allowed-origins" .) }}{{ end }}
{{- with $v.web.maxConcurrentRequests }}{{ $_ := set $web "max-concurrent-requests" . }}{{ end }}
{{- $limits := dict }}
{{- with $v.web.bodyLimitStandard }}{{ $_ := set $limits "standard" . }}{{ end }}
{{- with $v.web.bodyLimitBatch }}{{ $_ := set $limits "batch" . }}{{ end }}
{{- if $limits }}{{ $_ := set $web "body-limits" $limits }}{{ end }}
{{- if $web }}{{ $_ := set $confirm "web" $web }}{{ end }}
{{- $jobs := dict }}
{{- with $v.jobs.budgetShare }}{{ $_ := set $jobs "budget-share" . }}{{ end }}
{{- with $v.jobs.lanes }}{{ $_ := set $jobs "lanes" . }}{{ end }}
{{- with $v.jobs.itemParallelism }}{{ $_ := set $jobs "item-parallelism" . }}{{ end }}
{{- with $v.jobs.retention }}{{ $_ := set $jobs "retention" . }}{{ end }}
{{- if $jobs }}{{ $_ := set $confirm "jobs" $jobs }}{{ end }}
{{- $audit := dict }}
{{- with $v.audit.retention }}{{ $_ := set $audit "retention" . }}{{ end }}
{{- with $v.audit.purgeCron }}{{ $_ := set $audit "purge-cron" . }}{{ end }}
{{- with $v.audit.reconcileAfter }}{{ $_ := set $audit "reconcile-after" . }}{{ end }}
{{- with $v.audit.reconcileInterval }}{{ $_ := set $audit "reconcile-interval" . }}{{ end }}
{{- if $audit }}{{ $_ := set $confirm "audit" $audit }}{{ end }}
{{- $scheduler := dict }}
{{- with $v.scheduler.pollingInterval }}{{ $_ := set $scheduler "polling-interval" . }}{{ end }}
{{- with $v.scheduler.heartbeatInterval }}{{ $_ := set $scheduler "heartbeat-interval" . }}{{ end }}
{{- with $v.scheduler.missedHeartbeatsLimit }}{{ $_ := set $scheduler "missed-heartbeats-limit" . }}{{ end }}
{{- if $scheduler }}{{ $_ := set $confirm "scheduler" $scheduler }}{{ end }}
{{- /* spring.* */}}
{{- $issuer := required "config.security.issuerUri is required: the URL of the identity provider whose JWTs the service trusts" $v.security.issuerUri }}
{{- $spring := dict "security" (dict "oauth2" (dict "resourceserver" (dict "jwt" (dict "issuer-uri" $issuer)))) }}
{{- $ds := dict "url" (required "config.datasource.url is required: the PostgreSQL database of the audit trail (jdbc:postgresql://host:5432/db)" $v.datasource.url) }}
{{- with $v.datasource.username }}{{ $_ := set $ds "username" . }}{{ end }}
{{- $_ := set $spring "datasource" $ds }}
{{- with $v.redis.host }}
{{- /* the Cognito budget shared by all replicas: confirm.cognito.budget-redis-url(+password) */}}
{{- $user := "" }}{{ with $v.redis.username }}{{ $user = printf "%s@" . }}{{ end }}
{{- $url := printf "%s://%s%s:%d" (ternary "rediss" "redis" (eq (toString $v.redis.ssl) "true")) $user . (int $v.redis.port) }}
{{- $_ := set $cognito "budget-redis-url" $url }}
{{- if $v.redis.existingSecret }}{{ $_ := set $cognito "budget-redis-password" "${CONFIRM_COGNITO_BUDGET_REDIS_PASSWORD:}" }}{{ end }}
{{- $_ := set $confirm "cognito" $cognito }}
{{- end }}
{{- $server := dict "port" (int .Values.containerPort) }}
{{- if .Values.ingress.enabled }}
{{- /* X-Forwarded-For from the ingress controller only: the audit's sourceIp is the caller's */}}
{{- $proxies := required "ingress.trustedProxies is required with ingress.enabled: a regular expression of the ingress controller pods' addresses, whose X-Forwarded-For the service trusts for the audit's sourceIp" .Values.ingress.trustedProxies }}
{{- $_ := set $server "forward-headers-strategy" "native" }}
{{- $_ := set $server "tomcat" (dict "remoteip" (dict "internal-proxies" $proxies)) }}
{{- end }}
{{- $cfg := dict "spring" $spring "server" $server }}
{{- with $v.logFormat }}{{ $_ := set $cfg "logging" (dict "structured" (dict "format" (dict "console" .))) }}{{ end }}
{{- /* rendered always, so that config.extra cannot turn it on unseen */}}
{{- $_ := set $confirm "logging" (dict "allow-wire-log" (eq (toString $v.allowWireLog) "true")) }}
{{- if $confirm }}{{ $_ := set $cfg "confirm" $confirm }}{{ end }}
{{- if include "cognito-confirm-service.separateManagementPort" . }}
{{- $_ := set $cfg "management" (dict "server" (dict "port" (int .Values.management.port))) }}
{{- end }}
{{- /* config.extra fills in what the chart does not model; the modelled values above win. */}}
{{- $cfg = mergeOverwrite (deepCopy ($v.extra | default dict)) $cfg }}
{{- include "cognito-confirm-service.assertNoSecrets" (dict "path" "" "value" $cfg) }}
{{- toYaml $cfg }}
{{- end }}
