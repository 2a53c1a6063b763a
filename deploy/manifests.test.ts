// The deployment files read as the tools that run them would: the Kubernetes manifests against the
// Kubernetes schemas and against each other, the Dockerfile against the workspace it builds, and
// the settings of compose.yaml and the ConfigMap against the API that reads them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, startApiProcess } from '@studentdesk/testing';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const root = join(import.meta.dirname, '..');
const manifestsDir = join(import.meta.dirname, 'kubernetes');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Each kind we ship, checked by its model from the Kubernetes OpenAPI schemas. */
const MODELS: Record<string, new (data: any) => { validate: () => void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

const manifestFiles = readdirSync(manifestsDir).filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml');
const objects = manifestFiles.flatMap((file) =>
  parseAllDocuments(readFileSync(join(manifestsDir, file), 'utf8')).map((document) => ({ file, object: document.toJS() })),
);
const one = (kind: string) => {
  const found = objects.filter(({ object }) => object.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!.object;
};

/** Every variable the API reads is named in its configuration module. */
const configSource = read('apps/api/src/config.ts');
const readByTheApi = (name: string) => new RegExp(`\\b${name}\\b`).test(configSource);

describe('the Kubernetes manifests', () => {
  it('are each a valid object of its kind', () => {
    expect(objects.length).toBe(manifestFiles.length);
    for (const { file, object } of objects) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect(Model, `${file}: ${object.apiVersion} ${object.kind}`).toBeDefined();
      expect(() => new Model!(object).validate(), file).not.toThrow();
    }
  });

  it('are all listed in the kustomization', () => {
    const kustomization = parse(readFileSync(join(manifestsDir, 'kustomization.yaml'), 'utf8'));
    expect([...kustomization.resources].sort()).toEqual([...manifestFiles].sort());
  });

  it('point the Service, disruption budget and autoscaler at the Deployment’s pods', () => {
    const deployment = one('Deployment');
    const podLabels = deployment.spec.template.metadata.labels;
    expect(podLabels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(podLabels).toMatchObject(one('Service').spec.selector);
    expect(podLabels).toMatchObject(one('PodDisruptionBudget').spec.selector.matchLabels);
    const target = one('HorizontalPodAutoscaler').spec.scaleTargetRef;
    expect(target).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    expect(one('PodDisruptionBudget').spec.minAvailable).toBeLessThan(one('HorizontalPodAutoscaler').spec.minReplicas);
    const ingressBackend = one('Ingress').spec.rules[0].http.paths[0].backend.service;
    expect(ingressBackend.name).toBe(one('Service').metadata.name);
  });

  it('probe readiness on /health and liveness on /health/live, through the container’s named port', () => {
    const container = one('Deployment').spec.template.spec.containers[0];
    const portNames = container.ports.map((port: { name: string }) => port.name);
    expect(container.readinessProbe.httpGet.path).toBe('/health');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.startupProbe.httpGet.path).toBe('/health/live');
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      expect(portNames).toContain(probe.httpGet.port);
    }
    expect(String(container.ports[0].containerPort)).toBe(one('ConfigMap').data.PORT);
    expect(one('Service').spec.ports[0].targetPort).toBe(container.ports[0].name);
  });

  it('give a pod longer to stop than its drain plus the API’s own shutdown deadline (15 s)', () => {
    const drainSeconds = Number(one('ConfigMap').data.SHUTDOWN_DRAIN_MS) / 1000;
    expect(drainSeconds).toBeGreaterThan(0);
    expect(one('Deployment').spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(drainSeconds + 15);
  });

  it('run unprivileged on a read-only root, with /data and /tmp writable', () => {
    for (const pod of [one('Deployment').spec.template.spec, one('Job').spec.template.spec]) {
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      for (const container of pod.containers) {
        expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      }
    }
    const api = one('Deployment').spec.template.spec.containers[0];
    expect(api.volumeMounts.map((mount: { mountPath: string }) => mount.mountPath).sort()).toEqual(['/data', '/tmp']);
  });

  it('migrate in the Job with the database CLI, and set only variables the API reads', () => {
    expect(one('Job').spec.template.spec.containers[0].command).toEqual(['node', 'packages/db/bin/studentdesk-db.js', 'migrate']);
    expect(existsSync(join(root, 'packages/db/bin/studentdesk-db.js'))).toBe(true);
    const names = [
      ...Object.keys(one('ConfigMap').data),
      ...one('Deployment').spec.template.spec.containers[0].env.map((variable: { name: string }) => variable.name),
    ];
    expect(names.filter((name) => !readByTheApi(name))).toEqual([]);
  });
});

describe('the API with the ConfigMap’s settings', () => {
  // The secret's part, as the test's own services.
  const settings = () => {
    const { PORT: _port, PUBLIC_URL: _publicUrl, ...data } = one('ConfigMap').data as Record<string, string>;
    return data;
  };

  it('starts on a migrated database and answers both probes', async () => {
    const db = await createTestDatabase('postgresql');
    const api = await startApiProcess({ ...settings(), DATABASE_URL: db.url, REDIS_URL: 'redis://127.0.0.1:6379' });
    try {
      for (const path of ['/health', '/health/live']) expect((await fetch(`${api.origin}${path}`)).status, path).toBe(200);
    } finally {
      await api.stop();
      await db.drop();
    }
  });

  it('refuses to start on a database the migration Job has not brought up to date', async () => {
    const db = await createTestDatabase('postgresql');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = NULL, rolled_back_at = now()
       WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations")`,
    );
    await client.end();
    try {
      await expect(startApiProcess({ ...settings(), DATABASE_URL: db.url }, { healthyWithinMs: 30_000 })).rejects.toThrow(
        /The database is 1 migration\(s\) behind .*run `studentdesk-db migrate` \(the migration Job\) first/,
      );
    } finally {
      await db.drop();
    }
  });
});

describe('the Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stage = (name: string) => dockerfile.split(/^FROM /m).find((part) => part.includes(` AS ${name}\n`)) ?? '';
  const workspacePackages = ['apps', 'packages']
    .flatMap((folder) => readdirSync(join(root, folder)).map((name) => `${folder}/${name}`))
    .concat('deploy')
    .filter((dir) => existsSync(join(root, dir, 'package.json')));

  it('installs with every workspace package’s manifest, as the lockfile expects', () => {
    const copied = [...stage('build').matchAll(/^COPY (\S+)\/package\.json /gm)].map((match) => match[1]);
    expect(copied.sort()).toEqual(workspacePackages.sort());
  });

  it('gives the runtime the API’s workspace dependencies, built', () => {
    const runtime = stage('runtime');
    const needed = ['apps/api', 'packages/db', 'packages/domain'];
    const workspaceDeps = (dir: string): string[] => {
      const manifest = JSON.parse(read(`${dir}/package.json`));
      return Object.entries<string>(manifest.dependencies ?? {})
        .filter(([, version]) => version.startsWith('workspace:'))
        .map(([name]) => workspacePackages.find((candidate) => JSON.parse(read(`${candidate}/package.json`)).name === name)!)
        .flatMap((dep) => [dep, ...workspaceDeps(dep)]);
    };
    expect([...new Set(['apps/api', ...workspaceDeps('apps/api')])].sort()).toEqual(needed);
    for (const dir of needed) {
      expect(stage('runtime-deps'), dir).toContain(`${dir}/package.json ${dir}/`);
      expect(runtime, dir).toContain(`/src/${dir}/dist ${dir}/dist`);
    }
  });

  it('copies into the runtime only what the build makes, and runs the API as the unprivileged node user', () => {
    const sources = [...stage('runtime').matchAll(/^COPY --from=build \/src\/(\S+) /gm)].map((match) => match[1]!);
    expect(sources.length).toBeGreaterThan(5);
    expect(sources.filter((path) => !existsSync(join(root, path)))).toEqual([]);
    expect(stage('runtime')).toMatch(/^USER node$/m);
    expect(stage('runtime')).toContain('CMD ["node", "--max-old-space-size=192", "apps/api/dist/main.js"]');
    expect(stage('runtime')).toContain('/health/live');
    expect(stage('runtime')).toMatch(/^ENV .*HOST=0\.0\.0\.0/m);
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'));

  it('runs two API containers behind Caddy, which lists both', () => {
    const apis = Object.keys(compose.services).filter((name) => name.startsWith('api-'));
    expect(apis).toEqual(['api-1', 'api-2']);
    expect(compose.services.proxy.environment.API_UPSTREAMS.split(' ')).toEqual(apis.map((name) => `${name}:4000`));
    expect(compose.services.proxy.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
  });

  it('gives a container longer to stop than its drain plus the API’s own shutdown deadline (15 s)', () => {
    const api = compose.services['api-1'];
    expect(Number.parseInt(api.stop_grace_period, 10)).toBeGreaterThan(Number(api.environment.SHUTDOWN_DRAIN_MS) / 1000 + 15);
  });

  it('sets only variables the API reads, and shares one files volume and the database and Redis', () => {
    const api = compose.services['api-1'];
    expect(compose.services['api-2']).toEqual(api);
    expect(Object.keys(api.environment).filter((name) => !readByTheApi(name))).toEqual([]);
    expect(api.environment.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(api.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(api.volumes).toEqual(['files:/data']);
  });
});
