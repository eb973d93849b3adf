import { DEFAULT_CONFIG, type Config } from '../../config.ts';
import { absoluteLink } from '../../domain/links.ts';
import type { Store } from '../../storage/store.ts';

/** How the CLI makes a wave's respondent link, and, when it had no address to go by, the note that says so. */
export interface WaveLinks {
  link: (path: string) => string;
  /** Set when the link is http://localhost and PORT of the shell the verb ran in: a guess to say as one. */
  guessNote: string | null;
}

/**
 * The links `vlab wave create` and `wave list` print: on VLAB_PUBLIC_URL, else on the address the last `vlab serve`
 * on the database recorded, else on http://localhost and PORT. The last is only a guess (a panel given it would send
 * respondents to the researcher's own machine), so it comes with a note saying where it came from and how to fix it.
 */
export async function waveLinks(config: Config, store: Store, links: 'link' | 'links'): Promise<WaveLinks> {
  const served = config.publicUrl ? undefined : await store.repos.servedAddress.get();
  const link = (path: string) => absoluteLink(path, { publicUrl: config.publicUrl, servedOrigin: served?.origin, port: config.port });
  if (config.publicUrl || served) return { link, guessNote: null };
  const port = config.port === DEFAULT_CONFIG.port ? `the default port ${config.port}` : `PORT (${config.port})`;
  return {
    link,
    guessNote:
      `note: the ${links} ${links === 'link' ? 'is a guess' : 'are a guess'}: no vlab serve has run on this database and VLAB_PUBLIC_URL is not set, ` +
      `so ${links === 'link' ? 'it uses' : 'they use'} http://localhost and ${port}. Respondents on other machines need the server's public ` +
      'address: set it where the server runs, e.g. VLAB_PUBLIC_URL=https://survey.example.org (docs/deploy.md, "Reverse proxy"); ' +
      'once vlab serve has run on this database, vlab wave list prints the links on the address it recorded',
  };
}
