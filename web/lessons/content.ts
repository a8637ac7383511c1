/**
 * The course as bundled into the site: every content/lessons/*.md and the timeline, parsed
 * once. Imported lazily by the lesson panel, so lesson text is not part of the first load.
 */
import { LessonFormatError, parseLesson, type Lesson } from './format';
import { parseTimeline, type Timeline } from './timeline';

const files = import.meta.glob('../../content/lessons/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
import timelineText from '../../content/timeline.md?raw';

export interface Course {
  lessons: Lesson[];
  timeline: Timeline;
  /** Lessons that did not parse (the content tests make sure this stays empty). */
  errors: string[];
}

export function loadCourse(): Course {
  const lessons: Lesson[] = [];
  const errors: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    const file = path.split('/').pop()!;
    try {
      lessons.push(parseLesson(text, file));
    } catch (e) {
      errors.push(e instanceof LessonFormatError ? e.message : `${file}: ${(e as Error).message}`);
    }
  }
  lessons.sort((a, b) => a.order - b.order);
  return { lessons, timeline: parseTimeline(timelineText), errors };
}
