// Where the package's files live on disk, whether running from src/ (tests) or dist/ (built).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const migrationsDir = join(packageRoot, 'prisma', 'migrations');
export const schemaPath = join(packageRoot, 'prisma', 'schema.prisma');

/** The monorepo's root: the nearest folder above this package holding pnpm-workspace.yaml. */
export function findRepoRoot(start = packageRoot): string {
  let dir = start;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

/** The embedded database's default home: `.data/` at the repository's root. */
export function defaultDataDir(): string {
  return join(findRepoRoot(), '.data');
}
