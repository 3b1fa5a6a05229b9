// Every lesson's runnable parts, in curriculum order.
import { firstContainer } from './first-container/lesson.ts';
import type { Exercise, Lesson } from './types.ts';

export const lessons: readonly Lesson[] = [firstContainer];

export function getLesson(id: string): Lesson | undefined {
  return lessons.find((lesson) => lesson.id === id);
}

export function getExercise(lessonId: string, exerciseId: string): Exercise | undefined {
  return getLesson(lessonId)?.exercises.find((exercise) => exercise.id === exerciseId);
}
