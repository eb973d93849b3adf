export const MINIMUM_NODE: string;
export function nodeVersionProblem(version: string): string | undefined;
