// A browser for single sign-on tests, driven over HTTP: cookies kept per host name (ports share
// them, as in browsers), redirects followed by hand.
/** Cookies per host name (ports share them, as in browsers), and redirects followed by hand. */
export class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  /** `headers` go with every request (an X-Forwarded-For, to come from another address). */
  constructor(private readonly headers: Record<string, string> = {}) {}

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  setCookie(host: string, name: string, value: string) {
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    this.jar.set(host, cookies);
    cookies.set(name, value);
  }

  async request(url: URL, init: { method?: string; body?: URLSearchParams } = {}): Promise<Response> {
    const cookies = [...(this.jar.get(url.hostname) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`);
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...this.headers, ...(cookies.length ? { cookie: cookies.join('; ') } : {}) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')).trim(), pair!.slice(pair!.indexOf('=') + 1).trim()];
      const expired = attributes.some((attribute) => /^\s*expires=Thu, 01 Jan 1970/i.test(attribute)) || value === '';
      if (expired) this.jar.get(url.hostname)?.delete(name);
      else this.setCookie(url.hostname, name, value);
    }
    return response;
  }

  /** Follows redirects from `url` until an answer that is not one, or until `stopAt` says this URL is far enough. */
  async browse(url: URL, options: { method?: string; body?: URLSearchParams; stopAt?: (url: URL) => boolean } = {}) {
    let current = url;
    let response = await this.request(current, options);
    while (response.status >= 300 && response.status < 400) {
      current = new URL(response.headers.get('location')!, current);
      if (options.stopAt?.(current)) break;
      response = await this.request(current);
    }
    return { url: current, response };
  }
}
