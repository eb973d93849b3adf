export function failedTests(tap: string): { name: string; location: string; error: string }[];
