export function slowestFiles(passes: { text: string; suffix?: string }[], options?: { count?: number; root?: string }): string[];
