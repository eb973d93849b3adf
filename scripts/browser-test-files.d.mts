export function browserTestFiles(files: string[]): string[];
