/**
 * Puts `key` → `value` in `map` as its most recently used entry and, when `map` already holds `max` other entries,
 * drops the least recently used one first. A Map iterates in insertion order, so re-inserting on every use keeps
 * the least recently used entry first. Bounds the in-memory maps that a flood of distinct keys could grow (wave
 * languages, participant write buckets, known participant codes, cached estimates).
 */
export function setMostRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  if (map.size >= max) map.delete(map.keys().next().value!);
  map.set(key, value);
}
