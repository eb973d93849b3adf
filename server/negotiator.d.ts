// The part of negotiator (a direct dependency; Express ranks Accept headers with it) that busy-page.ts uses. It ships
// no types, and @types/negotiator would be a dependency for two methods.
declare module 'negotiator' {
  class Negotiator {
    constructor(request: { headers: Record<string, string | undefined> });
    /** The most preferred of `available` by the Accept header (the first of `available` among equals), or undefined. */
    mediaType(available: string[]): string | undefined;
    /** The most preferred of `available` by Accept-Language, or undefined. */
    language(available: string[]): string | undefined;
  }
  export = Negotiator;
}
