/**
 * What the site remembers about the course, kept in IndexedDB beside the rest of the
 * persisted state and carried in export files: which lesson is open, how far each lesson
 * got, which terminal tab plays which role, and the sandbox to go back to. Validated field by
 * field on the way in (it may come from an imported file).
 */

export interface LessonProgress {
  /** The step to do next (= steps passed, unless some were skipped). */
  step: number;
  done: boolean;
  /** Steps passed over with "Skip". */
  skipped: number[];
}

export interface CourseState {
  /** The lesson in progress, or null in sandbox mode. */
  active: string | null;
  /** Role → terminal tab key, for the active lesson. */
  roles: Record<string, string>;
  progress: Record<string, LessonProgress>;
}

export const EMPTY_COURSE: CourseState = { active: null, roles: {}, progress: {} };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ROLE = /^[A-Za-z][\w-]{0,30}$/;
const KEY = /^[A-Za-z0-9_-]{1,100}$/;

/** A safe copy of stored or imported course state; anything malformed is dropped. */
export function validateCourse(v: unknown): CourseState {
  if (!isObj(v)) return { active: null, roles: {}, progress: {} };
  const active = typeof v.active === 'string' && ID.test(v.active) ? v.active : null;
  const roles: Record<string, string> = {};
  if (isObj(v.roles)) for (const [r, k] of Object.entries(v.roles)) if (ROLE.test(r) && typeof k === 'string' && KEY.test(k)) roles[r] = k;
  const progress: Record<string, LessonProgress> = {};
  if (isObj(v.progress)) {
    for (const [id, p] of Object.entries(v.progress)) {
      if (!ID.test(id) || !isObj(p)) continue;
      const step = typeof p.step === 'number' && Number.isInteger(p.step) && p.step >= 0 && p.step < 1000 ? p.step : 0;
      const skipped = Array.isArray(p.skipped) ? p.skipped.filter((n): n is number => Number.isInteger(n) && n >= 0 && n < 1000).slice(0, 100) : [];
      progress[id] = { step, done: p.done === true, skipped };
    }
  }
  return { active, roles, progress };
}

/** The sandbox saved when a lesson starts: the store and the hosts' dialects to restore. */
export interface SandboxSave {
  dialects: Record<string, string>;
}
