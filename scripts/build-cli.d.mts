// Types of build-cli.mjs for the TypeScript that imports it (bench/cli-startup.ts, tests/scripts).
export declare const CLI_EXTERNAL: string[];
export declare function currentCliBuild(): { main: string; reason: null } | { main: null; reason: string };
export declare function buildCli(): Promise<string>;
export declare function markBuildInUse(dir: string): void;
export declare function removeOldBuilds(out: string, current: string): void;
