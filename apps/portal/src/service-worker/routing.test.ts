import { describe, expect, it } from 'vitest';
import { handlingOf } from './routing.js';

const origin = 'https://desk.school.test';
const get = (path: string, mode = 'cors') => handlingOf({ method: 'GET', mode, url: origin + path }, origin);

describe('what the service worker does with a request', () => {
  it('answers the portal’s pages network first, with the shell to fall back on', () => {
    expect(get('/', 'navigate')).toBe('shell');
    expect(get('/report/guest', 'navigate')).toBe('shell');
    expect(get('/track/sdt_abc?rate=4', 'navigate')).toBe('shell');
  });

  it('serves hashed build files from the cache', () => {
    expect(get('/assets/index-ClkuVwwI.js')).toBe('asset');
    expect(get('/assets/index-DNJQ0KZz.css', 'no-cors')).toBe('asset');
  });

  it('leaves the API, its downloads, sign-in doors and the console to the network, even as pages', () => {
    for (const path of [
      '/graphql',
      '/graphiql',
      '/attachments/a1/photo.png',
      '/privacy/export?format=html',
      '/auth/oidc/start',
      '/saml/login',
      '/scim/v2/Users',
      '/health',
      '/console/',
      '/console/assets/index-abc.js',
      '/sw.js',
      '/manifest.webmanifest',
    ]) {
      expect(get(path, 'navigate'), path).toBe('network');
      expect(get(path), path).toBe('network');
    }
  });

  it('never touches a request that is not a GET of its own origin', () => {
    expect(handlingOf({ method: 'POST', mode: 'cors', url: `${origin}/graphql` }, origin)).toBe('network');
    expect(handlingOf({ method: 'POST', mode: 'navigate', url: `${origin}/report/guest` }, origin)).toBe('network');
    expect(handlingOf({ method: 'GET', mode: 'cors', url: 'https://elsewhere.test/assets/x.js' }, origin)).toBe('network');
    // Same path prefix, other words: only whole path segments count.
    expect(get('/graphql-guide', 'navigate')).toBe('shell');
    expect(get('/icons/icon-192.png')).toBe('network');
  });
});
