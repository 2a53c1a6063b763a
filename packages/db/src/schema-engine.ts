// Prisma's schema engine, in its WASM build, driven through the pg driver adapter. The CLI cannot
// download the native engine here; the WASM build still gives us Prisma's own DDL generator.
// Introspecting a live database through adapter-pg fails on Postgres' "char" catalog columns, so
// we only ever diff schema files: `migration:new` (cli.ts) and the parity test use that.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { startEmbeddedPostgres } from './embedded.js';

// @types/node 20 does not declare the WebAssembly global; this is the one call we need from it.
const { WebAssembly } = globalThis as unknown as {
  WebAssembly: {
    instantiate: (bytes: Uint8Array, imports: object) => Promise<{ instance: { exports: Record<string, unknown> } }>;
  };
};

interface WasmSchemaEngine {
  diff: (params: unknown) => Promise<{ exitCode: number; stdout: string | null }>;
  free: () => void;
}

interface EngineModule {
  SchemaEngine: { new: (options: unknown, log: () => void, adapter: unknown) => Promise<WasmSchemaEngine> };
}

let engineModule: Promise<EngineModule> | undefined;

/**
 * Instantiates the WASM once per process: the package is a bundler-style wasm-bindgen build whose
 * glue module caches views of the first instance's memory, so a second instance corrupts strings.
 */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = (await import(pathToFileURL(gluePath).href)) as EngineModule & { __wbg_set_wasm: (exports: unknown) => void };
    const { instance } = await WebAssembly.instantiate(readFileSync(join(dirname(gluePath), 'schema_engine_bg.wasm')), {
      './schema_engine_bg.js': glue,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return glue;
  })();
  return engineModule;
}

async function loadEngine(schema: string, url: string): Promise<WasmSchemaEngine> {
  const { SchemaEngine } = await loadEngineModule();
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: url }));
  return SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => {}, factory);
}

/** Prisma's SQL that turns a database shaped like `from` (null: empty) into one shaped like `to`. */
export async function diffSchemas(from: string | null, to: string): Promise<string> {
  // The engine connects on start even for a schema-to-schema diff; an in-memory PGlite suffices.
  const scratch = await startEmbeddedPostgres({ dataDir: 'memory://', maxConnections: 4 });
  const engine = await loadEngine(to, scratch.url);
  try {
    const datamodel = (content: string) => ({ tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content }] });
    const result = await engine.diff({
      from: from === null ? { tag: 'empty' } : datamodel(from),
      to: datamodel(to),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
    await scratch.stop();
  }
}
