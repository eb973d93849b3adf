/**
 * The most completes a wave may aim for: the settings schema's bound (wave.ts), which `vlab wave create --target`
 * checks before the database opens. A file of its own so that the CLI's start loads no zod for it.
 */
export const MAX_WAVE_TARGET = 10_000_000;
