/** The folders whose .ts files are compiled. */
export const COMPILED_ROOTS: readonly string[];
/** The compiled file of a source `.ts` file (both absolute or both relative to the project folder). */
export function compiledPath(projectDir: string, outDir: string, source: string): string;
/** Compiles every .ts file of COMPILED_ROOTS under `projectDir` into `outDir`; resolves to the number compiled. */
export function compileTests(projectDir: string, outDir: string): Promise<number>;
