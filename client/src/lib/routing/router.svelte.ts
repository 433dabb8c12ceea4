/**
 * A small history-based router: the app has a handful of screens, and their paths are the
 * article's own places (My account > Users is /admin/users). A library would add weight to the
 * register's bundle for no gain.
 */
class Router {
  path = $state(location.pathname);

  constructor() {
    addEventListener('popstate', () => {
      this.path = location.pathname;
    });
  }

  go(path: string, opts: { replace?: boolean } = {}): void {
    if (path === this.path) return;
    if (opts.replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    this.path = path;
    scrollTo(0, 0);
  }

  /** The part after `prefix/`, e.g. the user ID in /admin/users/abc. */
  param(prefix: string): string | null {
    if (!this.path.startsWith(prefix + '/')) return null;
    const rest = this.path.slice(prefix.length + 1);
    return rest && !rest.includes('/') ? decodeURIComponent(rest) : null;
  }
}

export const router = new Router();
