import { z } from 'zod';

/**
 * The two kinds of name a study definition gives, shared by the definition, its design, quotas and simulation
 * model so that each says the same about a slip (zod-issues.ts adds the value refused: `got "Full democracy"`).
 */

/** Question, factor, page and column names: they become R column names and CSV headers. */
export const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a snake_case identifier (lowercase letters, digits and _, starting with a letter)');

/** A factor's level codes: R's level names and the terms of the plan (`regimeautocracy`). */
export const levelCode = z.string().regex(/^[a-z0-9][a-z0-9_+-]*$/, 'expected a level code of lowercase letters, digits and _ + - (starting with a letter or digit)');
