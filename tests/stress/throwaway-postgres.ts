// A PostgreSQL cluster of the test's own (initdb into a temporary folder, on a free port, trust auth on 127.0.0.1
// only), for proofs that stop and restart the server: the machine's server on 5432 is never touched.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The newest PostgreSQL server binaries Debian's packages installed, or undefined. */
function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length ? join(root, versions.at(-1)!, 'bin') : undefined;
}

const isRoot = () => process.getuid?.() === 0;

/** Why a throwaway cluster cannot be made here, or undefined when it can. */
export function throwawayClusterSkipReason(): string | undefined {
  if (!postgresBin()) return 'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)';
  // initdb refuses to run as root: root runs it as the postgres user, which Debian's package creates.
  if (isRoot() && spawnSync('id', ['postgres']).status !== 0) return 'running as root and there is no postgres user to run initdb as';
  return undefined;
}

/** A command line run as the cluster's owner (the postgres user when we are root, else ourselves). */
function asOwner(command: string): string {
  const [file, args] = ownerCommand(command);
  return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The same without blocking the event loop: a load run in this process keeps going while the command runs. */
function asOwnerAsync(command: string): Promise<void> {
  const [file, args] = ownerCommand(command);
  return new Promise((resolve, reject) => execFile(file, args, (error, _stdout, stderr) => (error ? reject(new Error(`${command}: ${stderr || error.message}`)) : resolve())));
}

const ownerCommand = (command: string): [string, string[]] => (isRoot() ? ['su', ['postgres', '-c', command]] : ['sh', ['-c', command]]);

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ThrowawayCluster {
  port: number;
  /** A URL to database `name` on the cluster, as user postgres. */
  url(name: string): string;
  /** `pg_ctl stop -m immediate`: every backend quits at once, no checkpoint (crash recovery at the next start). */
  stopImmediate(): Promise<void>;
  /** `pg_ctl start -w`: resolves once the server accepts connections. */
  start(): Promise<void>;
  /** Stops the cluster (if running) and deletes its folder. */
  destroy(): void;
}

export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error(throwawayClusterSkipReason());
  const dir = mkdtempSync(join(tmpdir(), 'vlab-pg-cluster-'));
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  asOwner(`${bin}/initdb -D ${data} --auth=trust -U postgres --no-sync`);
  // Its socket lives in its own folder, so nothing of the machine's server (/var/run/postgresql) is shared.
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}`;
  const start = () => asOwnerAsync(`${bin}/pg_ctl -D ${data} -o '${options}' -l ${dir}/server.log -w start`);
  const running = () => spawnSync('sh', ['-c', `${bin}/pg_isready -q -h 127.0.0.1 -p ${port}`]).status === 0;
  try {
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    stopImmediate: () => asOwnerAsync(`${bin}/pg_ctl -D ${data} -m immediate -w stop`),
    start,
    destroy() {
      if (running() || existsSync(join(data, 'postmaster.pid'))) {
        try {
          asOwner(`${bin}/pg_ctl -D ${data} -m fast -w stop`);
        } catch {
          // Already stopped: nothing to do before removing the folder.
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Who the cluster's commands run as, for the test's log line. */
export const clusterOwner = () => (isRoot() ? 'postgres (via su)' : userInfo().username);
