import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NON_CJK_ZH_KEYS, format, strings, t } from './strings.ts';

const CJK = /\p{Script=Han}/u;
const contentDir = fileURLToPath(new URL('../../content/', import.meta.url));

function mdxFiles(lang: string): string[] {
  const dir = `${contentDir}${lang}`;
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.mdx')).sort() : [];
}

function read(lang: string, name: string): string {
  return readFileSync(`${contentDir}${lang}/${name}`, 'utf8');
}

/** The bodies of the ```bash fenced blocks, in order. */
function bashBlocks(source: string): string[] {
  const blocks: string[] = [];
  const fence = /^([ \t]*)(`{3,}|~{3,})[ \t]*bash\b[^\n]*\n([\s\S]*?)^[ \t]*\2[ \t]*$/gm;
  for (const match of source.matchAll(fence)) blocks.push((match[3] ?? '').replace(/\s+$/, ''));
  return blocks;
}

function frontmatterOrder(source: string): string | undefined {
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '';
  return /^order:\s*(.+)$/m.exec(frontmatter)?.[1]?.trim();
}

describe('UI strings', () => {
  const enKeys = Object.keys(strings.en).sort();
  const zhKeys = Object.keys(strings.zh).sort();

  it('has the same keys in English and Chinese', () => {
    expect(zhKeys).toEqual(enKeys);
  });

  it('has no empty values', () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const [key, value] of Object.entries(strings[lang])) {
        expect(value.trim(), `${lang}.${key}`).not.toBe('');
      }
    }
  });

  it('writes Chinese values in Chinese, except the deliberate ones', () => {
    for (const [key, value] of Object.entries(strings.zh)) {
      if ((NON_CJK_ZH_KEYS as readonly string[]).includes(key)) continue;
      expect(CJK.test(value), `zh.${key} = ${JSON.stringify(value)}`).toBe(true);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (value: string) => [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of enKeys as (keyof typeof strings.en)[]) {
      expect(placeholders(strings.zh[key]), key).toEqual(placeholders(strings.en[key]));
    }
  });

  it('fills placeholders', () => {
    expect(t('en', 'progressSummary', { done: 2, total: 4 })).toBe('2 of 4 done');
    expect(t('zh', 'progressSummary', { done: 2, total: 4 })).toBe('已完成 2/4');
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});

describe('lesson prose', () => {
  const en = mdxFiles('en');
  const zh = mdxFiles('zh');

  it('exists', () => {
    expect(en.length).toBeGreaterThan(0);
  });

  it('has a Chinese twin for every English lesson and the other way round', () => {
    expect(zh).toEqual(en);
  });

  for (const name of en) {
    it(`${name}: same bash blocks in the same order, same order number`, () => {
      expect(existsSync(`${contentDir}zh/${name}`), `content/zh/${name}`).toBe(true);
      const enSource = read('en', name);
      const zhSource = read('zh', name);
      expect(bashBlocks(zhSource)).toEqual(bashBlocks(enSource));
      expect(frontmatterOrder(zhSource)).toBe(frontmatterOrder(enSource));
    });
  }
});
