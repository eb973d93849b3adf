import { Router, type Request } from 'express';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

interface Asset {
  type: string;
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

export interface PublicBundle {
  /** Logical name → hashed file name, e.g. `respondent.js` → `respondent-3F2A1B.js`. */
  manifest: Record<string, string>;
  assets: Map<string, Asset>;
}

/**
 * Loads public/dist (built by scripts/build-public.mjs) into memory once. The files are small and
 * content-hashed, so serving them from memory with their pre-compressed siblings is both simple and fast.
 */
export function loadPublicBundle(publicDir: string): PublicBundle {
  const dist = join(publicDir, 'dist');
  const manifestPath = join(dist, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(`${manifestPath} is missing: run \`npm run build\` first`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>;
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dist)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const file = join(dist, name);
    assets.set(name, {
      type,
      identity: readFileSync(file),
      br: existsSync(`${file}.br`) ? readFileSync(`${file}.br`) : undefined,
      gzip: existsSync(`${file}.gz`) ? readFileSync(`${file}.gz`) : undefined,
    });
  }
  return { manifest, assets };
}

/** br, then gzip, then identity, honouring `;q=0` refusals. */
function preferredEncoding(req: Request, asset: Asset): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>();
  for (const part of String(req.headers['accept-encoding'] ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name) accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (asset.br && ok('br')) return 'br';
  if (asset.gzip && ok('gzip')) return 'gzip';
  return null;
}

/** `/assets/<hashed name>`: cacheable forever, because a new build changes the name. */
export function publicAssets(bundle: PublicBundle): Router {
  const router = Router();
  router.get('/:file', (req, res, next) => {
    const asset = bundle.assets.get(req.params.file);
    if (!asset) return next();
    const encoding = preferredEncoding(req, asset);
    const body = encoding ? asset[encoding]! : asset.identity;
    res.set({
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=31536000, immutable',
      Vary: 'Accept-Encoding',
      'Content-Length': String(body.length),
    });
    if (encoding) res.set('Content-Encoding', encoding);
    res.end(body);
  });
  return router;
}
