import { describe, expect, it } from 'vitest';
import { message, messages, parseLang, type MessageKey } from './messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('server messages', () => {
  it('exist in English and Chinese, neither empty, the Chinese one written in Chinese', () => {
    const keys = Object.keys(messages) as MessageKey[];
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) {
      const { en, zh } = messages[key];
      expect(en.trim(), key).not.toBe('');
      expect(zh.trim(), key).not.toBe('');
      expect(zh, key).toMatch(/[\u4e00-\u9fff]/);
      expect(en, key).not.toMatch(/[\u4e00-\u9fff]/);
      expect(zh, key).not.toBe(en);
      expect(placeholders(zh), key).toEqual(placeholders(en));
    }
  });

  it('picks Chinese for any zh tag and English for everything else', () => {
    for (const tag of ['zh', 'zh-CN', 'ZH-hans']) expect(parseLang(tag)).toBe('zh');
    for (const tag of ['en', 'fr', '', undefined, 42, null, { zh: 1 }]) expect(parseLang(tag)).toBe('en');
    expect(message('unknownLesson', 'zh')).toBe(messages.unknownLesson.zh);
  });
});
