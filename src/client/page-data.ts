// What the page rendered for client code: the language, the lesson and the UI
// strings of that language, in <script type="application/json" id="wharf-page-data">.
import type { Lang } from '../i18n/lang.ts';
import { format } from '../i18n/format.ts';
import type { StringKey, Strings } from '../i18n/strings.ts';

export interface PageData {
  lang: Lang;
  /** BCP 47 locale for dates, e.g. zh-CN. */
  locale: string;
  lessonId?: string;
  strings: Strings;
}

let cached: PageData | undefined;

export function pageData(): PageData {
  if (!cached) {
    const element = document.getElementById('wharf-page-data');
    cached = JSON.parse(element?.textContent ?? '{}') as PageData;
  }
  return cached;
}

/** A UI string of the page's language, placeholders filled. */
export function s(key: StringKey, vars?: Record<string, string | number>): string {
  return format(pageData().strings[key] ?? key, vars);
}
