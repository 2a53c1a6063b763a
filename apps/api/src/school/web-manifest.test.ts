import { describe, expect, it } from 'vitest';
import { schoolManifest } from './web-manifest.js';

const built = { name: 'StudentDesk', short_name: 'StudentDesk', theme_color: '#0b5cad', start_url: '/' };

describe('the portal’s web app manifest', () => {
  it('is the build’s before first-run setup', () => {
    expect(schoolManifest(built, null)).toBe(built);
  });

  it('carries the school’s name and colour, and its name under the icon when it fits there', () => {
    expect(schoolManifest(built, { name: 'Hillcrest', primaryColor: '#7a1f3d' })).toEqual({
      name: 'Hillcrest',
      short_name: 'Hillcrest',
      theme_color: '#7a1f3d',
      start_url: '/',
    });
    expect(schoolManifest(built, { name: 'Riverside College of Arts', primaryColor: '#7a1f3d' })).toMatchObject({
      name: 'Riverside College of Arts',
      short_name: 'StudentDesk',
    });
  });
});
