/**
 * The kinds of source a lesson may cite, and nothing else:
 *   RFC <n> §<section>      a numbered section (6.3.1), an appendix (A, E.1), or a quoted
 *                           title for the early RFCs without numbered sections
 *                           (RFC 1176 §"Typical Scenario");
 *   IMSP draft (<date>) <part>   one of the IMSP Internet drafts, by date, and the part of it
 *                           that was read (the drafts survive, but only their opening pages
 *                           could be read here: docs/imsp-fidelity.md);
 *   BID <n>                 a Bugtraq ID from SecurityFocus's vulnerability database, for the
 *                           few security advisories the course tells of (only those listed in
 *                           ADVISORIES, each checked against a primary record);
 *   history.md <date>       a dated row of the project's timeline (../shared/specs/history.md,
 *                           mirrored with its sources in content/timeline.md).
 */

export type Source =
  | { kind: 'rfc'; rfc: number; section: string; label: string; href: string }
  | { kind: 'imsp-draft'; date: string; part: string; label: string }
  | { kind: 'history'; date: string; label: string; href: string }
  | { kind: 'advisory'; id: number; label: string; href: string };

/**
 * Advisories the course cites, by Bugtraq ID. 9227: the Cyrus IMSP abook_dbname overflow,
 * reported 15 Dec 2003, fixed in 1.6a4 and 1.7a (the Nessus/OpenVAS check 11953 cites it).
 */
export const ADVISORIES: Record<number, string> = { 9227: 'Cyrus IMSP abook_dbname buffer overflow' };

/** The IMSP drafts whose dates history.md records, and the parts of them that were read. */
export const IMSP_DRAFTS = ['June 1993', 'October 1994', 'June 1995'] as const;
export const IMSP_DRAFT_PARTS = ['Abstract', 'Introduction', 'The protocol'] as const;

const RFC = /^RFC (\d{3,4}) §(\d+(?:\.\d+)*|[A-F](?:\.\d+)*|"[^"\]]{3,60}")$/;
const DRAFT = /^IMSP draft \(([A-Z][a-z]+ \d{4})\) (.+)$/;
const HISTORY = /^history\.md (.+)$/;
const ADVISORY = /^BID (\d{1,6})$/;

/** A timeline date as written in history.md's first column ("Dec 1994", "14 Jun 1994", "c. 1986"). */
const DATE = /^(c\. )?(\d{1,2}(–\d{1,2})? )?([A-Z][a-z]{2} )?\d{4}\??$/;

export function parseSource(text: string): Source | null {
  const s = text.trim();
  let m = RFC.exec(s);
  if (m) {
    const rfc = Number(m[1]);
    const section = m[2];
    const anchor = /^\d/.test(section) ? `#section-${section}` : /^[A-F]/.test(section) ? `#appendix-${section}` : '';
    return { kind: 'rfc', rfc, section, label: s, href: `https://www.rfc-editor.org/rfc/rfc${rfc}${anchor}` };
  }
  m = DRAFT.exec(s);
  if (m && (IMSP_DRAFTS as readonly string[]).includes(m[1]) && (IMSP_DRAFT_PARTS as readonly string[]).includes(m[2])) {
    return { kind: 'imsp-draft', date: m[1], part: m[2], label: s };
  }
  m = ADVISORY.exec(s);
  if (m && ADVISORIES[Number(m[1])]) return { kind: 'advisory', id: Number(m[1]), label: s, href: `https://www.securityfocus.com/bid/${m[1]}` };
  m = HISTORY.exec(s);
  if (m && DATE.test(m[1])) return { kind: 'history', date: m[1], label: s, href: `timeline:${dateAnchor(m[1])}` };
  return null;
}

/** The anchor of a timeline row ("14–15 Mar 1996" → "14-15-mar-1996"). */
export function dateAnchor(date: string): string {
  return date
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
