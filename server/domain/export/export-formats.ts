/** The files a wave exports to; in a module of its own so `vlab export --help` can list them without loading the exporter. */
/** `profiles-csv`: a conjoint wave's profile rows (participant × task × profile), the shape cregg reads. */
export const EXPORT_FORMATS = ['csv', 'long-csv', 'json', 'codebook', 'profiles-csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
