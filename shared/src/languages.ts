/**
 * The languages Tapin speaks, by their BCP 47 tag. Without a schema, so the register can name them
 * at start without zod (the schema, `Language`, is in organisation.ts).
 */
export const LANGUAGES = ['en', 'nl'] as const;
export type LanguageTag = (typeof LANGUAGES)[number];
