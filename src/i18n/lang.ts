// The site's languages are the lessons' languages.
import { LANGS, type Lang } from '../../lessons/types.ts';

export type { Lang };
export { LANGS };

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'zh';
}

/** The value of <html lang> and the locale for dates. */
export const htmlLang: Record<Lang, string> = { en: 'en', zh: 'zh-CN' };

/** The same path in another language: /en/lessons/x/ -> /zh/lessons/x/. */
export function switchLangPath(pathname: string, to: Lang): string {
  const rest = pathname.replace(/^\/(en|zh)(?=\/|$)/, '');
  return `/${to}${rest.startsWith('/') ? rest : `/${rest}`}`;
}
