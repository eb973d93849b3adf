/**
 * Absolute links for people to click or paste into a panel: from the public address (`VLAB_PUBLIC_URL`) when
 * it is set, else from http://localhost and the port the server listens on (or would, for a CLI verb).
 *
 * @example absoluteLink('/s/abc', { publicUrl: 'https://survey.example.org', port: 3000 }) // 'https://survey.example.org/s/abc'
 */
export function absoluteLink(path: string, { publicUrl, port }: { publicUrl: string | null; port: number }): string {
  return `${publicUrl ?? `http://localhost:${port}`}${path}`;
}
