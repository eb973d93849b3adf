// Types of build-inputs.mjs for the TypeScript that imports it (tests/scripts).
export interface WatchedFolder {
  dir: string;
  suffix: string;
}
export interface InputsRecord {
  id: string;
  inputs: Record<string, { size: number; mtimeMs: number | null; sha256: string }>;
  folders: (WatchedFolder & { files: string[] })[];
}
export declare function listFolder(root: string, folder: WatchedFolder): string[];
export declare function recordInputs(root: string, files: string[], folders: WatchedFolder[], salt: string, startedMs?: number): InputsRecord;
export declare function changedInput(root: string, record: InputsRecord): string | null;
export declare function readRecord(path: string): InputsRecord | null;
export declare function packageManifest(input: string): string;
export declare const PUBLIC_RECORD: string;
export declare function publicBundleChange(root: string): string | null;
