import type { z } from 'zod';

type Def = { type: string; shape?: Record<string, z.core.$ZodType>; innerType?: z.core.$ZodType; in?: z.core.$ZodType; options?: z.core.$ZodType[]; element?: z.core.$ZodType; valueType?: z.core.$ZodType; getter?: () => z.core.$ZodType };

/** The object schemas a schema is, through optional, default, pipe, lazy and union wrappers (every option of a union). */
function objectsOf(schema: z.core.$ZodType, depth = 0): Def[] {
  const def = schema._zod.def as unknown as Def;
  if (depth > 20) return [];
  if (def.type === 'object') return [def];
  const inner = def.innerType ?? def.in ?? def.getter?.();
  if (inner) return objectsOf(inner, depth + 1);
  return (def.options ?? []).flatMap((option) => objectsOf(option, depth + 1));
}

/** The schemas a value's `key` is checked by: an object's field, a list's element, a record's values. */
function childrenOf(schema: z.core.$ZodType, key: PropertyKey, depth = 0): z.core.$ZodType[] {
  const def = schema._zod.def as unknown as Def;
  if (depth > 20) return [];
  if (def.type === 'object') return def.shape && typeof key === 'string' && Object.hasOwn(def.shape, key) ? [def.shape[key]!] : [];
  if (def.type === 'array') return typeof key === 'number' && def.element ? [def.element] : [];
  if (def.type === 'record') return def.valueType ? [def.valueType] : [];
  const inner = def.innerType ?? def.in ?? def.getter?.();
  if (inner) return childrenOf(inner, key, depth + 1);
  return (def.options ?? []).flatMap((option) => childrenOf(option, key, depth + 1));
}

/**
 * The field names a schema takes at `path` of a value (at a union, every option's): what an unknown field there was
 * probably meant to be (zod's unrecognized_keys names the stray key, not the fields it could have been).
 *
 * @example schemaFieldsAt(studyDefinitionSchema, ['analysisPlan', 'hypotheses', 0]) // ['id', 'description', …, 'moderators', …]
 */
export function schemaFieldsAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let reached = [schema];
  for (const key of path) reached = reached.flatMap((s) => childrenOf(s, key));
  return [...new Set(reached.flatMap((s) => objectsOf(s).flatMap((def) => Object.keys(def.shape ?? {}))))];
}
