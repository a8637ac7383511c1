/**
 * Every lesson is solvable by construction: its solution is typed, step by step, into the
 * same terminal sessions the page uses, against the engine on the network the site ships
 * (DEFAULT_HOSTS), and every step's check must pass. Each step's `wrong` answers must be
 * refused (and say which part failed), and each `also` answer must pass on a fresh run.
 *
 * A lesson switches a host to the dialect it needs, as the page does. A lesson whose dialect
 * the engine does not have fails with the missing part named — unless it is listed in
 * WAITING, which turns its replay into a todo.
 */
import { describe, expect, it } from 'vitest';
import { DIALECT_NAMES } from '../../worker/imap/dialect';
import { DEFAULT_HOSTS, type HostConfig } from '../../worker/network';
import { resolveHosts } from '../../web/lessons/runner';
import type { Lesson } from '../../web/lessons/format';
import { LessonDriver, loadLessons } from './harness';

/**
 * Lessons waiting for an engine part that is being built. Remove a line when the part lands:
 * the replay then runs (and runs automatically as soon as the part is there).
 */
const WAITING: Record<string, string> = {};

const lessons = loadLessons();
// Every dialect the engine can serve (an earlier era's is loaded when a lesson connects to it).
const dialects = DIALECT_NAMES;

function transcript(d: LessonDriver): string {
  const out: string[] = [];
  for (const [role, r] of d.roles) {
    out.push(`--- ${role} (${r.host.name}) ---`);
    for (const e of r.session.entries.slice(-24)) {
      const t = new TextDecoder().decode(e.bytes).replace(/\r?\n$/, '');
      out.push(`${e.dir}: ${t.length > 300 ? t.slice(0, 300) + '…' : t}`);
    }
  }
  return out.join('\n');
}

async function replay(lesson: Lesson, hosts: HostConfig[]): Promise<void> {
  const d = new LessonDriver(lesson, hosts);
  const missing = await d.start();
  if (missing.length) throw new Error(`${lesson.id} waits for an engine part: ${missing.map((m) => `${m.role}: ${m.reason}`).join('; ')}`);
  try {
    for (const step of lesson.steps) {
      const where = `${lesson.id} › step ${step.index + 1} “${step.title}”`;
      for (const w of step.wrong) {
        const r = await d.tryWrong(step.index, w);
        if (r.passed) throw new Error(`${where}: the wrong answer ${JSON.stringify(w)} passed the check\n${transcript(d)}`);
        const failed = r.last?.result.parts.filter((p) => !p.ok) ?? [];
        if (!r.last || !failed.length) throw new Error(`${where}: the wrong answer ${JSON.stringify(w)} got no check result naming a failed part\n${transcript(d)}`);
      }
      const r = await d.solve(step.index);
      if (!r.ok) {
        const why = r.last ? `${r.last.result.message} [${r.last.result.parts.map((p) => `${p.part}:${p.ok ? 'ok' : 'FAIL'}`).join(' ')}]` : 'no exchange was judged';
        throw new Error(`${where}: the solution ${JSON.stringify(step.solution)} did not pass — ${why}\n${transcript(d)}`);
      }
    }
    expect(d.run.done).toBe(true);
  } finally {
    d.close();
  }
}

async function replayAlso(lesson: Lesson, hosts: HostConfig[]): Promise<number> {
  let n = 0;
  for (const step of lesson.steps) {
    for (const alt of step.also) {
      const d = new LessonDriver(lesson, hosts);
      await d.start();
      try {
        for (const prev of lesson.steps.slice(0, step.index)) {
          const r = await d.solve(prev.index);
          if (!r.ok) throw new Error(`${lesson.id}: could not reach step ${step.index + 1} (step ${prev.index + 1} failed)`);
        }
        const r = await d.solve(step.index, alt);
        if (!r.ok) throw new Error(`${lesson.id} › step ${step.index + 1}: the right answer ${JSON.stringify(alt)} was refused — ${r.last?.result.message ?? 'not judged'}\n${transcript(d)}`);
        n++;
      } finally {
        d.close();
      }
    }
  }
  return n;
}

describe('lesson replay on the site’s network', () => {
  it('every lesson can be set up on the site’s network (or is listed as waiting)', () => {
    for (const { lesson } of lessons) {
      const missing = resolveHosts(lesson, DEFAULT_HOSTS, dialects).missing;
      expect(missing.length === 0 || !!WAITING[lesson.id], `${lesson.id}: ${missing.map((m) => m.reason).join('; ')}`).toBe(true);
    }
  });
  for (const { lesson } of lessons) {
    const missing = resolveHosts(lesson, DEFAULT_HOSTS, dialects).missing;
    if (missing.length && WAITING[lesson.id]) {
      it.todo(`${lesson.id}: waiting for ${WAITING[lesson.id]} (${missing.map((m) => m.reason).join('; ')})`);
      continue;
    }
    it(`${lesson.id}: every step's solution passes, every wrong answer is refused`, () => replay(lesson, DEFAULT_HOSTS));
    if (lesson.steps.some((s) => s.also.length)) it(`${lesson.id}: every alternative right answer passes`, async () => expect(await replayAlso(lesson, DEFAULT_HOSTS)).toBeGreaterThan(0));
  }
});
