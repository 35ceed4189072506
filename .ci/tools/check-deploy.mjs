#!/usr/bin/env node
// Structural checks behind .ci/deploy-checks. Prints one line per failed check and a count.
//
//   node check-deploy.mjs manifests <rendered.yaml> --kinds Deployment,Service,... [--irsa]
//   node check-deploy.mjs values-docs <chart dir>
//   node check-deploy.mjs dockerfile <Dockerfile> <.dockerignore>
//
// Exit code 0 when every check holds, 1 otherwise, 2 on bad usage.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

const failures = [];
let checks = 0;
function check(ok, message) {
  checks++;
  if (!ok) failures.push(message);
  return ok;
}
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const get = (obj, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
const subset = (small, big) =>
  isObject(small) && Object.keys(small).length > 0 && isObject(big) &&
  Object.entries(small).every(([k, v]) => big[k] === v);

// A key that names a secret must hold a ${ENV} placeholder, never a value.
const SECRET_KEY = /(password|secret|token|credential|private-?key|access-?key)/i;
const PLACEHOLDER = /^\$\{([A-Za-z0-9_.-]+)(:[^}]*)?\}$/;
// Values that look like secrets whatever their key.
const SECRET_LOOKING = [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, /\bAKIA[0-9A-Z]{16}\b/, /\bASIA[0-9A-Z]{16}\b/];

function walk(value, path, visit) {
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, visit);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, visit));
  } else {
    visit(path, value);
  }
}

// ---------------------------------------------------------------------------------------------
function checkPodSpec(where, spec, podLabels) {
  const podSc = spec.securityContext || {};
  check(spec.automountServiceAccountToken === false, `${where}: automountServiceAccountToken must be false`);
  check(podSc.runAsNonRoot === true, `${where}: securityContext.runAsNonRoot must be true`);
  check(get(podSc, 'seccompProfile.type') === 'RuntimeDefault', `${where}: securityContext.seccompProfile.type must be RuntimeDefault`);
  check(Array.isArray(spec.containers) && spec.containers.length > 0, `${where}: no containers`);
  for (const c of [...(spec.initContainers || []), ...(spec.containers || [])]) {
    const cw = `${where}: container ${c.name}`;
    const sc = c.securityContext || {};
    check(!!c.name, `${where}: a container has no name`);
    check(typeof c.image === 'string' && /(:[\w][\w.-]*|@sha256:[0-9a-f]{64})$/.test(c.image) && !c.image.endsWith(':latest'),
      `${cw}: image "${c.image}" needs a fixed tag or digest`);
    check(sc.readOnlyRootFilesystem === true, `${cw}: securityContext.readOnlyRootFilesystem must be true`);
    check(sc.allowPrivilegeEscalation === false, `${cw}: securityContext.allowPrivilegeEscalation must be false`);
    check(sc.privileged !== true, `${cw}: must not be privileged`);
    check((get(sc, 'capabilities.drop') || []).includes('ALL'), `${cw}: securityContext.capabilities.drop must contain ALL`);
    check(!(get(sc, 'capabilities.add') || []).length, `${cw}: must add no capabilities`);
    check((sc.runAsNonRoot ?? podSc.runAsNonRoot) === true, `${cw}: runAsNonRoot must be true`);
    check((sc.runAsUser ?? podSc.runAsUser) !== 0, `${cw}: runAsUser must not be 0`);
    check((get(sc, 'seccompProfile.type') ?? get(podSc, 'seccompProfile.type')) === 'RuntimeDefault', `${cw}: seccomp must be RuntimeDefault`);
    check(isObject(c.resources) && get(c, 'resources.limits.memory') !== undefined && get(c, 'resources.requests.memory') !== undefined,
      `${cw}: resources.requests.memory and resources.limits.memory are required`);
    const names = new Set();
    for (const e of c.env || []) {
      check(typeof e.name === 'string' && e.name.length > 0, `${cw}: an env entry has no name`);
      check(!names.has(e.name), `${cw}: env ${e.name} is set twice`);
      names.add(e.name);
      if (e.valueFrom) {
        const ref = e.valueFrom.secretKeyRef || e.valueFrom.configMapKeyRef;
        if (ref) check(!!ref.name && !!ref.key, `${cw}: env ${e.name} refers to a Secret/ConfigMap without name or key`);
        check(e.value === undefined, `${cw}: env ${e.name} has both value and valueFrom`);
      } else {
        check(typeof e.value === 'string' && e.value.trim().length > 0, `${cw}: env ${e.name} has an empty value`);
      }
    }
    for (const e of c.envFrom || []) {
      check(!!(get(e, 'secretRef.name') || get(e, 'configMapRef.name')), `${cw}: envFrom entry names no Secret/ConfigMap`);
    }
  }
}

function containerPorts(container) {
  const ports = new Map();
  for (const p of container.ports || []) {
    ports.set(p.containerPort, p);
    if (p.name) ports.set(p.name, p);
  }
  return ports;
}

function manifests(file, args) {
  const kindsIdx = args.indexOf('--kinds');
  const expectedKinds = kindsIdx >= 0 ? args[kindsIdx + 1].split(',').filter(Boolean).sort() : null;
  const irsa = args.includes('--irsa');
  const docs = yaml.loadAll(readFileSync(file, 'utf8')).filter((d) => d != null);
  const byKind = {};
  for (const d of docs) (byKind[d.kind] ||= []).push(d);
  const one = (kind) => (byKind[kind] || [])[0];

  check(docs.length > 0, `${file}: nothing rendered`);
  if (expectedKinds) {
    const kinds = Object.keys(byKind).sort();
    check(JSON.stringify(kinds) === JSON.stringify(expectedKinds),
      `${file}: kinds rendered [${kinds}] but expected [${expectedKinds}]`);
  }
  check(!byKind.Secret, `${file}: the chart must never render a Secret`);

  for (const d of docs) {
    const w = `${d.kind}/${get(d, 'metadata.name')}`;
    check(typeof d.apiVersion === 'string' && d.apiVersion.length > 0, `${w}: apiVersion missing`);
    check(typeof get(d, 'metadata.name') === 'string' && /^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/.test(d.metadata.name),
      `${w}: metadata.name missing or not a DNS name`);
    for (const l of ['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/managed-by']) {
      check(!!get(d, 'metadata.labels')?.[l], `${w}: label ${l} missing`);
    }
    const suspicious = [];
    walk(d, '', (path, v) => {
      if (typeof v === 'string' && SECRET_LOOKING.some((re) => re.test(v))) suspicious.push(path);
    });
    check(suspicious.length === 0, `${w}: ${suspicious.join(', ')} look like secret values`);
  }

  const deploy = one('Deployment');
  if (!check(!!deploy && (byKind.Deployment || []).length === 1, `${file}: exactly one Deployment expected`)) return;
  const dn = `Deployment/${deploy.metadata.name}`;
  const tmpl = get(deploy, 'spec.template') || {};
  const podLabels = get(tmpl, 'metadata.labels') || {};
  const spec = tmpl.spec || {};
  const app = (spec.containers || [])[0] || {};
  const ports = containerPorts(app);
  check(subset(get(deploy, 'spec.selector.matchLabels'), podLabels), `${dn}: selector does not match the pod labels`);
  check(!!get(tmpl, 'metadata.annotations')?.['checksum/config'], `${dn}: pod annotation checksum/config missing`);
  checkPodSpec(dn, spec, podLabels);
  check(!!get(app, 'resources.requests.cpu'), `${dn}: resources.requests.cpu missing`);
  check(ports.has('http'), `${dn}: container port "http" missing`);

  for (const [probe, group] of [['livenessProbe', 'liveness'], ['readinessProbe', 'readiness'], ['startupProbe', 'liveness']]) {
    const p = app[probe];
    if (!check(isObject(p) && isObject(p.httpGet), `${dn}: ${probe} with httpGet missing`)) continue;
    check(p.httpGet.path === `/actuator/health/${group}`, `${dn}: ${probe} path ${p.httpGet.path} is not /actuator/health/${group}`);
    check(ports.has(p.httpGet.port), `${dn}: ${probe} port ${p.httpGet.port} is not a container port`);
    check(!(p.timeoutSeconds > (p.periodSeconds ?? 10)), `${dn}: ${probe} timeoutSeconds exceeds periodSeconds`);
  }

  // /tmp is an emptyDir; the configuration comes from the ConfigMap at SPRING_CONFIG_ADDITIONAL_LOCATION.
  const volumes = new Map((spec.volumes || []).map((v) => [v.name, v]));
  const mounts = app.volumeMounts || [];
  const tmp = mounts.find((m) => m.mountPath === '/tmp');
  check(!!tmp && isObject(volumes.get(tmp.name)?.emptyDir),
    `${dn}: /tmp must be an emptyDir mount`);
  const env = new Map((app.env || []).map((e) => [e.name, e]));
  const location = env.get('SPRING_CONFIG_ADDITIONAL_LOCATION')?.value || '';
  const cm = one('ConfigMap');
  if (check(!!cm, `${file}: ConfigMap missing`)) {
    const cmMount = mounts.find((m) => volumes.get(m.name)?.configMap?.name === cm.metadata.name);
    check(!!cmMount && location === `file:${cmMount.mountPath.replace(/\/?$/, '/')}`,
      `${dn}: SPRING_CONFIG_ADDITIONAL_LOCATION (${location}) does not point at the ConfigMap mount`);
    const text = get(cm, 'data')?.['application.yaml'];
    if (check(typeof text === 'string', `ConfigMap/${cm.metadata.name}: data.application.yaml missing`)) {
      let config;
      try { config = yaml.load(text); } catch (e) { check(false, `ConfigMap: application.yaml does not parse: ${e.message}`); }
      if (config) {
        check(!!get(config, 'spring.security.oauth2.resourceserver.jwt.issuer-uri'), `ConfigMap: issuer-uri missing`);
        check(get(config, 'server.port') === ports.get('http')?.containerPort, `ConfigMap: server.port differs from the http container port`);
        const mgmt = get(config, 'management.server.port');
        if (mgmt !== undefined) check(ports.get('management')?.containerPort === mgmt, `ConfigMap: management.server.port has no "management" container port`);
        // the image's Spring AOT build has actuator on the application's port; it refuses to start otherwise
        if (mgmt !== undefined && mgmt !== get(config, 'server.port')) {
          check(/-Dspring\.aot\.enabled=false/.test(env.get('JDK_JAVA_OPTIONS')?.value || ''),
            `${dn}: a separate management port needs JDK_JAVA_OPTIONS=-Dspring.aot.enabled=false`);
        }
        walk(config, '', (path, v) => {
          const key = path.split('.').pop().replace(/\[\d+\]$/, '');
          if (typeof v === 'string' && SECRET_KEY.test(key)) {
            const m = PLACEHOLDER.exec(v);
            if (check(!!m, `ConfigMap: ${path} holds a literal value; secrets must be \${ENV} placeholders`)) {
              const e = env.get(m[1]);
              check(!!e && !!get(e, 'valueFrom.secretKeyRef.name'),
                `ConfigMap: ${path} uses \${${m[1]}} but the Deployment does not set ${m[1]} from a Secret`);
            }
          }
        });
      }
    }
  }
  for (const [name, e] of env) {
    if (/PASSWORD|SECRET|TOKEN/.test(name) && name !== 'JAVA_TOOL_OPTIONS') {
      check(!!get(e, 'valueFrom.secretKeyRef'), `${dn}: env ${name} must come from a secretKeyRef`);
    }
  }

  const hpa = one('HorizontalPodAutoscaler');
  check(!!hpa === (get(deploy, 'spec.replicas') === undefined), `${dn}: replicas must be omitted exactly when an HPA exists`);
  if (hpa) {
    check(get(hpa, 'spec.scaleTargetRef.name') === deploy.metadata.name && get(hpa, 'spec.scaleTargetRef.kind') === 'Deployment',
      `HPA: scaleTargetRef is not the Deployment`);
    check(get(hpa, 'spec.minReplicas') <= get(hpa, 'spec.maxReplicas'), `HPA: minReplicas > maxReplicas`);
    check((get(hpa, 'spec.metrics') || []).length > 0, `HPA: no metrics`);
  }

  const tsc = spec.topologySpreadConstraints || [];
  check(tsc.length > 0, `${dn}: topologySpreadConstraints missing`);
  for (const t of tsc) check(subset(get(t, 'labelSelector.matchLabels'), podLabels), `${dn}: a topology spread constraint does not select the pods`);

  const sa = one('ServiceAccount');
  if (sa) {
    check(spec.serviceAccountName === sa.metadata.name, `${dn}: serviceAccountName is not the rendered ServiceAccount`);
    const arn = get(sa, 'metadata.annotations')?.['eks.amazonaws.com/role-arn'];
    if (irsa) check(/^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/.+$/.test(arn || ''), `ServiceAccount: IRSA role-arn annotation missing or malformed`);
    else check(arn === undefined, `ServiceAccount: unexpected IRSA annotation`);
  } else {
    check(!irsa, `${file}: IRSA expected but no ServiceAccount rendered`);
  }

  const svc = one('Service');
  if (check(!!svc, `${file}: Service missing`)) {
    check(subset(get(svc, 'spec.selector'), podLabels), `Service: selector does not match the pod labels`);
    for (const p of get(svc, 'spec.ports') || []) check(ports.has(p.targetPort), `Service: targetPort ${p.targetPort} is not a container port`);
  }
  const svcPorts = new Map((get(svc, 'spec.ports') || []).flatMap((p) => [[p.name, p], [p.port, p]]));

  const pdb = one('PodDisruptionBudget');
  if (pdb) {
    check(subset(get(pdb, 'spec.selector.matchLabels'), podLabels), `PDB: selector does not match the pod labels`);
    check((get(pdb, 'spec.minAvailable') === undefined) !== (get(pdb, 'spec.maxUnavailable') === undefined), `PDB: exactly one of minAvailable/maxUnavailable`);
  }

  const np = one('NetworkPolicy');
  if (np) {
    check(subset(get(np, 'spec.podSelector.matchLabels'), podLabels), `NetworkPolicy: podSelector does not match the pod labels`);
    check((get(np, 'spec.policyTypes') || []).includes('Ingress'), `NetworkPolicy: policyTypes lacks Ingress`);
    for (const rule of get(np, 'spec.ingress') || []) {
      for (const p of rule.ports || []) check(ports.has(p.port), `NetworkPolicy: ingress port ${p.port} is not a container port`);
    }
    if ((get(np, 'spec.policyTypes') || []).includes('Egress')) {
      const egressPorts = (get(np, 'spec.egress') || []).flatMap((r) => (r.ports || []).map((p) => p.port));
      check(egressPorts.includes(53), `NetworkPolicy: egress restricted but DNS (53) not allowed`);
    }
  }

  const sm = one('ServiceMonitor');
  if (sm && svc) {
    check(subset(get(sm, 'spec.selector.matchLabels'), svc.metadata.labels), `ServiceMonitor: selector does not match the Service`);
    for (const ep of get(sm, 'spec.endpoints') || []) {
      check(svcPorts.has(ep.port), `ServiceMonitor: endpoint port ${ep.port} is not a Service port`);
      check(typeof ep.path === 'string' && ep.path.startsWith('/'), `ServiceMonitor: endpoint path missing`);
    }
  }

  const ing = one('Ingress');
  if (ing && svc) {
    for (const rule of get(ing, 'spec.rules') || []) {
      for (const p of get(rule, 'http.paths') || []) {
        const b = get(p, 'backend.service') || {};
        check(b.name === svc.metadata.name, `Ingress: backend ${b.name} is not the Service`);
        check(svcPorts.has(get(b, 'port.name') ?? get(b, 'port.number')), `Ingress: backend port is not a Service port`);
        check(['Prefix', 'Exact', 'ImplementationSpecific'].includes(p.pathType), `Ingress: pathType missing`);
      }
    }
  }

  for (const pod of byKind.Pod || []) {
    const w = `Pod/${pod.metadata.name}`;
    check(get(pod, 'metadata.annotations')?.['helm.sh/hook'] === 'test', `${w}: a bare Pod must be a helm test hook`);
    check(!svc || !subset(get(svc, 'spec.selector'), get(pod, 'metadata.labels')), `${w}: the Service must not select the test pod`);
    checkPodSpec(w, pod.spec || {}, get(pod, 'metadata.labels'));
  }
}

// ---------------------------------------------------------------------------------------------
// Every value is commented in values.yaml and named in README.md.
function valuesDocs(chart) {
  const valuesText = readFileSync(join(chart, 'values.yaml'), 'utf8');
  const readme = readFileSync(join(chart, 'README.md'), 'utf8');
  const values = yaml.load(valuesText);
  const leaves = [];
  (function flatten(v, path) {
    if (isObject(v) && Object.keys(v).length > 0) {
      for (const [k, c] of Object.entries(v)) flatten(c, path ? `${path}.${k}` : k);
    } else {
      leaves.push(path);
    }
  })(values, '');
  for (const leaf of leaves) {
    const parts = leaf.split('.');
    const exact = readme.includes('`' + leaf + '`');
    // A leaf is documented by its own row, or by the row of an ancestor documented as a whole
    // (e.g. `resources`, `podSecurityContext`).
    const ancestor = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'))
      .find((p) => new RegExp('^\\|\\s*`' + p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '`', 'm').test(readme));
    check(exact || !!ancestor, `README.md: value ${leaf} is not documented`);
  }
  // Every key line outside a list item has a comment line right above it.
  const lines = valuesText.split('\n');
  let listIndent = -1;
  let previous = '';
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const indent = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) { previous = trimmed; return; }
    if (trimmed.startsWith('- ')) { listIndent = indent; previous = trimmed; return; }
    if (listIndent >= 0 && indent > listIndent) { previous = trimmed; return; }
    listIndent = -1;
    if (/^[\w."-]+:/.test(trimmed)) {
      check(previous.startsWith('#'), `values.yaml:${i + 1}: "${trimmed}" has no comment above it`);
    }
    previous = trimmed;
  });
}

// ---------------------------------------------------------------------------------------------
// What the image must be, beyond what the linters know: the Spring Boot reference layout.
function dockerfile(file, ignoreFile) {
  const text = readFileSync(file, 'utf8');
  // logical instructions: continuation lines joined, comments dropped
  const instructions = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    .map((l) => { const m = /^(\w+)\s+(.*)$/.exec(l); return { op: m[1].toUpperCase(), args: m[2] }; });
  const froms = instructions.map((ins, i) => ({ ...ins, i })).filter((ins) => ins.op === 'FROM');
  check(froms.length >= 2, `Dockerfile: a multi-stage build expected`);
  check(/^eclipse-temurin:25-jdk\S*\s+AS\s+builder$/i.test(froms[0]?.args || ''), `Dockerfile: the first stage must be a Temurin 25 JDK named builder`);
  const last = froms[froms.length - 1] || { i: 0, args: '' };
  check(/^eclipse-temurin:25-jre\S*$/.test(last.args), `Dockerfile: the runtime stage must be a Temurin 25 JRE`);
  const builder = instructions.slice(froms[0]?.i ?? 0, last.i);
  const runtime = instructions.slice(last.i);
  check(builder.some((x) => x.op === 'RUN' && /\.\/mvnw\b.*\bpackage\b/.test(x.args)), `Dockerfile: the builder must run ./mvnw ... package`);
  check(builder.some((x) => x.op === 'RUN' && /-Djarmode=tools\s.*\bextract\s+--layers\b/.test(x.args)), `Dockerfile: the builder must run -Djarmode=tools extract --layers`);
  const copies = runtime.filter((x) => x.op === 'COPY' && /--from=builder/.test(x.args))
    .map((x) => (/extracted\/([\w-]+)\/?\s/.exec(x.args) || [])[1]);
  check(JSON.stringify(copies) === JSON.stringify(['dependencies', 'spring-boot-loader', 'snapshot-dependencies', 'application']),
    `Dockerfile: one COPY per layer in order dependencies, spring-boot-loader, snapshot-dependencies, application (found ${copies})`);
  const users = runtime.filter((x) => x.op === 'USER');
  const user = users[users.length - 1]?.args || '';
  check(/^[1-9]\d*(:[1-9]\d*)?$/.test(user), `Dockerfile: the runtime stage must end as a numeric non-root USER (found "${user}")`);
  const entry = runtime.filter((x) => x.op === 'ENTRYPOINT').pop();
  let argv = null;
  try { argv = JSON.parse(entry?.args || ''); } catch { /* shell form */ }
  if (check(Array.isArray(argv), `Dockerfile: ENTRYPOINT must be exec form (a JSON array)`)) {
    const cache = argv.find((a) => a.startsWith('-XX:AOTCache='));
    check(argv[0] === 'java' && argv.includes('-jar') && !!cache, `Dockerfile: ENTRYPOINT must run java -XX:AOTCache=... -jar`);
    const train = runtime.find((x) => x.op === 'RUN' && x.args.includes('-XX:AOTCacheOutput='));
    check(!!train && !!cache && train.args.includes(`-XX:AOTCacheOutput=${cache.split('=')[1]}`) && train.args.includes('-Dspring.context.exit=onRefresh'),
      `Dockerfile: a training RUN must write the ENTRYPOINT's AOT cache with -Dspring.context.exit=onRefresh`);
    const iUser = runtime.indexOf(users[users.length - 1]);
    check(iUser > runtime.indexOf(train), `Dockerfile: USER must come after the training run`);
  }
  const tool = runtime.find((x) => x.op === 'ENV' && x.args.startsWith('JAVA_TOOL_OPTIONS='));
  check(!!tool && /MaxRAMPercentage=/.test(tool.args) && /ExitOnOutOfMemoryError/.test(tool.args), `Dockerfile: JAVA_TOOL_OPTIONS with container memory flags expected`);
  if (check(existsSync(ignoreFile), `.dockerignore missing`)) {
    const ignore = readFileSync(ignoreFile, 'utf8').split('\n').map((l) => l.trim());
    check(ignore.includes('*') || ignore.some((l) => /^\/?target\/?$/.test(l)), `.dockerignore must keep target/ out of the build context`);
  }
}

// ---------------------------------------------------------------------------------------------
const [command, target, ...rest] = process.argv.slice(2);
try {
  if (command === 'manifests' && target) manifests(target, rest);
  else if (command === 'values-docs' && target) valuesDocs(target);
  else if (command === 'dockerfile' && target && rest[0]) dockerfile(target, rest[0]);
  else { console.error('usage: check-deploy.mjs manifests|values-docs|dockerfile ...'); process.exit(2); }
} catch (e) {
  failures.push(`${command}: ${e.stack || e}`);
}
for (const f of failures) console.log(`  FAIL ${f}`);
console.log(`  ${checks - failures.length} of ${checks} checks held`);
process.exit(failures.length ? 1 : 0);
