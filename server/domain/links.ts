/**
 * Absolute links for people to click or paste into a panel: from the public address (`VLAB_PUBLIC_URL`) when
 * it is set; else, for a CLI verb, from the address the last `vlab serve` on the database recorded (its own
 * VLAB_PUBLIC_URL, or the port it took: `--port`, or port 0's pick); else from http://localhost and the port.
 *
 * @example absoluteLink('/s/abc', { publicUrl: 'https://survey.example.org', port: 3000 }) // 'https://survey.example.org/s/abc'
 * @example absoluteLink('/s/abc', { publicUrl: null, servedOrigin: 'http://localhost:4000', port: 3000 }) // 'http://localhost:4000/s/abc'
 */
export function absoluteLink(path: string, { publicUrl, servedOrigin, port }: { publicUrl: string | null; servedOrigin?: string; port: number }): string {
  return `${publicUrl ?? servedOrigin ?? localOrigin(port)}${path}`;
}

/** Where a server listening on `port` of this machine answers. */
export const localOrigin = (port: number): string => `http://localhost:${port}`;
