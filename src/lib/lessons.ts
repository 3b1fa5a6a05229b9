// Build-time helpers joining lesson prose (content/{lang}/{lesson}.mdx) with the
// lessons' runnable parts (lessons/). Only used in .astro frontmatter, never in client code.
import { getCollection, type CollectionEntry } from 'astro:content';
import { getLesson } from '../../lessons/index.ts';
import type { Lang } from '../i18n/lang.ts';

/** What the page shows of an exercise. */
export interface ExerciseView {
  id: string;
  title: string;
  task: string;
  solution: string[];
  hasSetup: boolean;
}

export type LessonEntry = CollectionEntry<'lessons'>;

/** `en/first-container` -> { lang: 'en', slug: 'first-container' } */
export function splitId(id: string): { lang: string; slug: string } {
  const [lang = '', ...rest] = id.split('/');
  return { lang, slug: rest.join('/') };
}

/** The lessons written in `lang`, in curriculum order. */
export async function lessonsIn(lang: Lang): Promise<LessonEntry[]> {
  const entries = await getCollection('lessons', (entry) => splitId(entry.id).lang === lang);
  return entries.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
}

/** What the page shows of a lesson's exercises: no set-up or check code. */
export function exerciseViews(slug: string, lang: Lang): ExerciseView[] {
  return (getLesson(slug)?.exercises ?? []).map((exercise) => ({
    id: exercise.id,
    title: exercise.title[lang],
    task: exercise.task[lang],
    solution: [...exercise.solution],
    hasSetup: typeof exercise.setup === 'function',
  }));
}
