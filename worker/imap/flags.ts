import type { Message } from '../store/model';
import { SYSTEM_FLAGS } from '../store/model';

/**
 * A message's flags as a session lists them: system flags in RFC order, \Recent (when the
 * dialect has it and the session holds it), then keywords in the order the store keeps them
 * (the mailbox's keyword order, worker/store/store.ts).
 */
export function flagsFor(m: Message, recent: boolean, dialectHasRecent: boolean, systemFlags: readonly string[] = SYSTEM_FLAGS): string[] {
  const out: string[] = [];
  // A flag the dialect does not have (\Draft before IMAP4) is not shown to its clients.
  for (const f of systemFlags) if (m.flags.has(f)) out.push(f);
  if (recent && dialectHasRecent) out.push('\\Recent');
  for (const f of m.flags) if (!f.startsWith('\\')) out.push(f);
  return out;
}

/** Canonical spelling of a system flag (`\SEEN` → `\Seen`), or null if it is not one. */
export function systemFlag(flag: string): string | null {
  const f = SYSTEM_FLAGS.find((s) => s.toLowerCase() === flag.toLowerCase());
  return f ?? null;
}
