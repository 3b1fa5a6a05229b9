// Complements messages.test.ts: exactly the site's languages, no English left
// untranslated in Chinese, placeholders of any style kept, and the example a
// message shows the learner actually works.
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../lessons/types.ts';
import { messages, parseLang, type MessageKey } from './messages.ts';

const entries = Object.entries(messages) as Array<[MessageKey, Record<string, string>]>;
// Words that are names or syntax, the same in both languages.
const UNTRANSLATED_OK = new Set(['Docker', 'docker', 'JSON', 'lang', 'zh']);

describe('server messages, language by language', () => {
  it('give every message in exactly the site’s languages', () => {
    for (const [key, text] of entries) expect(Object.keys(text).sort(), key).toEqual([...LANGS].sort());
  });

  it('leave no English words in the Chinese text beyond names and syntax', () => {
    for (const [key, { zh }] of entries) {
      const latin = (zh!.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !UNTRANSLATED_OK.has(word));
      expect(latin, key).toEqual([]);
    }
  });

  it('keep placeholders of every common style identical between languages', () => {
    const tokens = (text: string) => (text.match(/\{\{\s*\w+\s*\}\}|\$\{\w+\}|%[sd]|\{\w+\}/g) ?? []).sort();
    for (const [key, { en, zh }] of entries) expect(tokens(zh!), key).toEqual(tokens(en!));
  });

  it('show, in each language, a request example that is valid JSON asking for that language', () => {
    for (const lang of LANGS) {
      const text = messages.badRequest[lang];
      const example = text.match(/\{.*\}/)?.[0];
      expect(example, lang).toBeDefined();
      const parsed = JSON.parse(example!) as { lang: unknown };
      expect(parseLang(parsed.lang), lang).toBe(lang);
    }
  });
});
