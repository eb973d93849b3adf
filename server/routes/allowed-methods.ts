import type { Express, RequestHandler } from 'express';
import { DomainError } from '../domain/errors.ts';
import { shortened } from '../domain/shortened.ts';

/** What a layer of Express's router stack exposes (router 2.x): its path matchers, a route's methods, a sub-router's stack. */
interface StackLayer {
  matchers?: Array<(path: string) => false | { path: string }>;
  /** A router mounted at `/`: it sees every path whole. */
  slash?: boolean;
  route?: { methods: Record<string, boolean> };
  handle?: { stack?: StackLayer[] };
}

/** A layer's match of `path`, or undefined; a path the matcher cannot decode (`/assets/%ff`) matches nothing. */
function matched(layer: StackLayer, path: string): { path: string } | undefined {
  if (layer.slash) return { path: '' }; // Express does not ask its matcher either
  for (const match of layer.matchers ?? []) {
    try {
      const found = match(path);
      if (found) return found;
    } catch {
      // decodeParam's URIError: the request's own handler answers it with its 400.
    }
  }
  return undefined;
}

function collectMethods(stack: readonly StackLayer[], path: string, into: Set<string>): void {
  for (const layer of stack) {
    const found = matched(layer, path);
    if (!found) continue;
    if (layer.route) {
      for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') into.add(method.toUpperCase());
    } else if (layer.handle?.stack) {
      // A mounted router sees the path below its mount point, as Express passes it on.
      collectMethods(layer.handle.stack, path.slice(found.path.length) || '/', into);
    }
  }
}

/**
 * The methods the app's routes answer at `path`, sorted, as an `Allow` header lists them (GET brings HEAD, and
 * OPTIONS is answered everywhere a route is); empty when no route has the path. Read from the app's own router,
 * so a route added anywhere is known without a list to keep in step.
 */
export function allowedMethods(app: Express, path: string): string[] {
  const methods = new Set<string>();
  collectMethods((app as unknown as { router: { stack: StackLayer[] } }).router.stack, path, methods);
  if (methods.size === 0) return [];
  if (methods.has('GET')) methods.add('HEAD');
  methods.add('OPTIONS');
  return [...methods].sort();
}

/**
 * `OPTIONS` on a known path: 204 with `Allow`, and no CORS headers — the respondent page and the dashboard are
 * served from this origin, so no other origin is invited (Express's own answer was a 200 with the list as its body,
 * and only under /api and the pages; `OPTIONS /healthz` was a 404). An unknown path goes on to the 404.
 */
export function optionsAnswer(app: Express): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'OPTIONS') return next();
    const allow = allowedMethods(app, req.path);
    if (allow.length === 0) return next();
    res.set('Allow', allow.join(', ')).status(204).end();
  };
}

/**
 * The end of the routes (and of each API mount): 405 with `Allow` when the path is known for other methods
 * (`DELETE /healthz`; it was a 404 "no route"), else 404 naming the method and the path — shortened, so a
 * 9,000-character id sent in the path is not echoed back whole. `what` names the kind of route in the message.
 */
export function noRoute(app: Express, what: 'route' | 'API route'): RequestHandler {
  return (req, res, next) => {
    // req.path is relative to the mount point (`/waves/…` under /api): the message names the path the client sent.
    const path = `${req.baseUrl}${req.path}`;
    const allow = allowedMethods(app, path);
    const shown = shortened(path, 100);
    // A route of this method that passed the request on (`/assets/:file` for a file it does not have) is a 404 too.
    if (allow.length === 0 || allow.includes(req.method)) return next(new DomainError('not_found', `no ${what} ${req.method} ${shown}`));
    res.set('Allow', allow.join(', '));
    next(new DomainError('method_not_allowed', `${shown} does not answer ${req.method}; it answers ${allow.join(', ')}`));
  };
}
