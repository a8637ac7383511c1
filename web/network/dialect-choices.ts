import type { AppState } from '../app.svelte';
import type { HostConfig } from '../engine';
import { DIALECT_NAMES } from '../../worker/imap/dialect';
import { IMSP_MODES } from '../../worker/imsp/types';

/**
 * The dialects (IMAP) or modes (IMSP) a host can be switched to, labelled for people: every one
 * the engine can serve, oldest first (their tables may still be on their way: the engine loads
 * an earlier era's dialect and the IMSP server on demand), with draft-1995 marked as
 * reconstructed (its mailbox layer: from the Cyrus source and design notes, not the drafts' text).
 */

const IMAP_YEARS: Record<string, string> = { imap2: '1990', imap2bis: '1993', imap3: '1991', imap4: '1994', imap4rev1: '2003', imap4rev2: '2021' };

export const isReconstructed = (dialect: string) => dialect === 'draft-1995';

/** Why draft-1995's badge says "reconstructed" (its tooltip, wherever the badge is shown). */
export const RECONSTRUCTED_WHY =
  'The IMSP drafts survive, but only their opening pages were read here: the mailbox layer is rebuilt from the Cyrus IMSP source and ' +
  'its 1994 design notes, its exact syntax our reconstruction (IMSP.md §10–§11, docs/imsp-fidelity.md)';

export function dialectLabel(app: AppState, protocol: HostConfig['protocol'], name: string): string {
  if (protocol === 'pop3') return 'POP3 — RFC 1939, with CAPA, UIDL, TOP and SASL (as Dovecot 2.3)';
  if (protocol === 'imsp') {
    if (name === 'draft-1995') return 'draft-1995 — IMSP drafts 1994–95, mailbox layer reconstructed';
    if (name === 'cyrus-1.8') return 'cyrus-1.8 — the real Cyrus IMSP 1.8 (2005)';
    return app.imspModes.get(name)?.title ?? name;
  }
  const d = app.dialects.get(name);
  const year = IMAP_YEARS[name];
  return d ? `${name} — ${d.title}${year && !d.title.includes(year) ? `, ${year}` : ''}` : name;
}

export function dialectChoices(app: AppState, h: HostConfig): Array<{ value: string; label: string }> {
  // POP3 has one language: its only choice is itself.
  if (h.protocol === 'pop3') return [{ value: h.dialect, label: dialectLabel(app, h.protocol, h.dialect) }];
  const names: string[] = h.protocol === 'imsp' ? [...IMSP_MODES] : [...DIALECT_NAMES];
  if (!names.includes(h.dialect)) names.unshift(h.dialect);
  return names.map((n) => ({ value: n, label: dialectLabel(app, h.protocol, n) }));
}
