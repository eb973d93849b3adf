/** The files a wave exports to; in a module of its own so `vlab export --help` can list them without loading the exporter. */
export const EXPORT_FORMATS = ['csv', 'long-csv', 'json', 'codebook'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
