export const CHROMIUM_NAMES: string[];
export const CHROMIUM_HINT: string;
export function findChromium(
  env?: Record<string, string | undefined>,
  exists?: (path: string) => boolean,
): { path?: string; problem?: string };
