// The portal's web app manifest in the school's name and colour, so a phone that installs the
// portal shows the school, not "StudentDesk". The portal's build holds the manifest
// (apps/portal/public/manifest.webmanifest) in StudentDesk's name and colour; that is what goes out
// before first-run setup and while the database does not answer: installing never fails for a name.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from 'express';
import type { App } from '../context.js';

export const WEB_MANIFEST_PATH = '/manifest.webmanifest';
/** Launchers cut a longer short_name under the icon; the build's (StudentDesk) is kept then. */
const SHORT_NAME_MAX = 12;

export function schoolManifest(
  built: Record<string, unknown>,
  school: { name: string; primaryColor: string } | null,
): Record<string, unknown> {
  if (!school) return built;
  return {
    ...built,
    name: school.name,
    ...(school.name.length <= SHORT_NAME_MAX ? { short_name: school.name } : {}),
    // The colour of the portal's header (schoolCssVariables), which the phone's bar continues.
    theme_color: school.primaryColor,
  };
}

/** Serves the portal's manifest in the school's name; null when the portal's build has none. */
export function webManifestRoute(app: App, portalDir: string): RequestHandler | null {
  const file = join(portalDir, 'manifest.webmanifest');
  if (!existsSync(file)) return null;
  const built = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return async (_req, res) => {
    const school = await app.prisma.school
      .findUnique({ where: { id: 1 }, select: { name: true, primaryColor: true } })
      .catch((error: unknown) => {
        app.logger.warn({ err: error }, 'web manifest without the school: the database did not answer');
        return null;
      });
    res.setHeader('Cache-Control', 'no-cache');
    res.type('application/manifest+json').send(JSON.stringify(schoolManifest(built, school)));
  };
}
