/**
 * The course's content, checked as data: every lesson's front matter, every source it cites
 * (only RFC sections, IMSP drafts and rows of the dated timeline are allowed), every dated
 * claim carries a citation, RFC dates agree with the RFCs, the often-repeated wrong claims are
 * not repeated, and the timeline links into the lessons. Facts, not folklore.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInline, textUnits, walkInlines, inlineText, type Block, type Inline } from '../../web/lessons/markdown';
import { parseSource, type Source } from '../../web/lessons/sources';
import { parseTimeline } from '../../web/lessons/timeline';
import type { Lesson } from '../../web/lessons/format';
import { loadLessons, ROOT } from './harness';

const files = loadLessons();
const lessons = files.map((f) => f.lesson);
const timelineText = readFileSync(join(ROOT, 'content/timeline.md'), 'utf8');
const timeline = parseTimeline(timelineText);
const HISTORY = join(ROOT, '../shared/specs/history.md');
const history = existsSync(HISTORY) ? readFileSync(HISTORY, 'utf8') : null;

/** Publication month of every RFC the course dates (from the RFCs' own headers, as history.md records them). */
const RFC_DATES: Record<number, string> = {
  918: 'Oct 1984',
  937: 'Feb 1985',
  1064: 'Jul 1988',
  1081: 'Nov 1988',
  1176: 'Aug 1990',
  1203: 'Feb 1991',
  1225: 'May 1991',
  1460: 'Jun 1993',
  1725: 'Nov 1994',
  1730: 'Dec 1994',
  1731: 'Dec 1994',
  1732: 'Dec 1994',
  1733: 'Dec 1994',
  1939: 'May 1996',
  2060: 'Dec 1996',
  2061: 'Dec 1996',
  2062: 'Dec 1996',
  2086: 'Jan 1997',
  2095: 'Jan 1997',
  2088: 'Jan 1997',
  2177: 'Jun 1997',
  2195: 'Sep 1997',
  2222: 'Oct 1997',
  2244: 'Nov 1997',
  2342: 'May 1998',
  2595: 'Jun 1999',
  2971: 'Oct 2000',
  3348: 'Jul 2002',
  3501: 'Mar 2003',
  3691: 'Feb 2004',
  4314: 'Dec 2005',
  4315: 'Dec 2005',
  4959: 'Sep 2007',
  5161: 'Mar 2008',
  5256: 'Jun 2008',
  5267: 'Jul 2008',
  5464: 'Feb 2009',
  5802: 'Jul 2010',
  5957: 'Jul 2010',
  6075: 'Dec 2010',
  6154: 'Mar 2011',
  6352: 'Aug 2011',
  6851: 'Jan 2013',
  7162: 'May 2014',
  7888: 'May 2016',
  8314: 'Jan 2018',
  9051: 'Aug 2021',
};
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function allBlocks(l: Lesson): Block[] {
  return [...l.intro, ...l.steps.flatMap((s) => [...s.body, ...s.hints.flat()]), ...l.outro];
}

function cites(blocks: Block[]): Source[] {
  const out: Source[] = [];
  for (const n of walkInlines(blocks)) if (n.t === 'cite') out.push(n.source);
  return out;
}

/** Text of inlines without code spans (a date inside a command is not a claim). */
function proseText(c: Inline[]): string {
  return c
    .map((n) => (n.t === 'text' ? n.v : n.t === 'code' || n.t === 'cite' ? ' ' : n.t === 'link' || n.t === 'em' || n.t === 'strong' ? proseText(n.c) : ''))
    .join('');
}

const historyDates = new Set(timeline.rows.map((r) => r.date));

describe('lesson files', () => {
  it('there are at least 16 lessons, in a clear order', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(16);
    const orders = lessons.map((l) => l.order);
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('the README and docs/lessons.md say how many lessons there are', () => {
    for (const doc of ['README.md', 'docs/lessons.md']) {
      const said = [...readFileSync(join(ROOT, doc), 'utf8').matchAll(/(\d+) lessons\b/g)].map((m) => Number(m[1]));
      expect(said, doc).toEqual(said.map(() => lessons.length));
    }
  });

  for (const { file, lesson } of files) {
    describe(file, () => {
      it('front matter: id matches the file, fields are filled in', () => {
        expect(file).toBe(`${lesson.id}.md`);
        expect(lesson.title.length).toBeGreaterThan(5);
        expect(lesson.summary.length).toBeGreaterThan(20);
        expect(lesson.era.length).toBeGreaterThan(1);
        expect(lesson.year).toBeGreaterThanOrEqual(1984); // RFC 918, POP
        expect(lesson.year).toBeLessThanOrEqual(2021);
        expect(['default', 'empty']).toContain(lesson.scenario);
        expect(lesson.connections.length).toBeGreaterThan(0);
        expect(lesson.sources.length).toBeGreaterThan(0);
      });

      it('every step has a check, something to type, and a connection the lesson declares', () => {
        const roles = lesson.connections.map((c) => c.role);
        for (const s of lesson.steps) {
          expect(roles, s.title).toContain(s.role);
          expect(s.solution.length, s.title).toBeGreaterThan(0);
          expect(s.tryLines.length, `${s.title}: a suggested command for "Show me"`).toBeGreaterThan(0);
          const c = s.check;
          expect(c.command.length + c.state.length + c.data.length, s.title).toBeGreaterThan(0);
          for (const line of [...s.tryLines, ...s.solution, ...s.also.flat(), ...s.wrong.flat()]) {
            const m = /^@([A-Za-z][\w-]*)(?: |$)/.exec(line);
            if (m) expect(roles, `${s.title}: ${line}`).toContain(m[1]);
          }
        }
      });

      it('every cited source is of an allowed kind, and listed in the front matter', () => {
        const listed = new Set(lesson.sources.map((s) => s.label));
        for (const c of cites(allBlocks(lesson))) expect([...listed], `${c.label} is cited but not in sources:`).toContain(c.label);
        // Anything written like a citation must parse as one (a typo would silently become text).
        for (const m of files.find((f) => f.lesson === lesson)!.text.matchAll(/\[((?:RFC \d+ §|IMSP draft|history\.md |BID )[^\]]*)\]/g)) {
          expect(parseSource(m[1]), `not an allowed source: [${m[1]}]`).not.toBeNull();
        }
      });

      it('history.md citations name a row of the timeline', () => {
        for (const s of [...lesson.sources, ...cites(allBlocks(lesson))]) {
          if (s.kind === 'history') expect([...historyDates], `history.md ${s.date}`).toContain(s.date);
        }
      });

      it('every dated claim carries a citation', () => {
        for (const unit of textUnits(allBlocks(lesson))) {
          const text = proseText(unit);
          if (!/\b(19[89]\d|20[0-2]\d)\b/.test(text)) continue;
          const cited = unit.some((n) => n.t === 'cite') || [...walkInlines([{ t: 'p', c: unit }])].some((n) => n.t === 'cite');
          expect(cited, `dated claim without a source in ${lesson.id}: “${inlineText(unit).slice(0, 160)}”`).toBe(true);
        }
      });

      it('RFC dates in the prose agree with the RFCs', () => {
        for (const unit of textUnits(allBlocks(lesson))) {
          const text = proseText(unit);
          for (const m of text.matchAll(/RFC (\d{3,4})(?:,| of| in| \(| —)? ((?:January|February|March|April|May|June|July|August|September|October|November|December) )?(\d{4})\b/g)) {
            const rfc = Number(m[1]);
            const known = RFC_DATES[rfc];
            if (!known) continue;
            const [mon, year] = known.split(' ');
            expect(m[3], `RFC ${rfc} is dated ${known}: “${m[0]}”`).toBe(year);
            if (m[2]) expect(m[2].trim().slice(0, 3), `RFC ${rfc} is dated ${known}: “${m[0]}”`).toBe(mon);
          }
        }
      });

      it('in-site links point to lessons that exist', () => {
        for (const n of walkInlines(allBlocks(lesson))) {
          if (n.t === 'link' && n.href.startsWith('lesson:')) expect(lessons.map((l) => l.id)).toContain(n.href.slice(7));
        }
      });
    });
  }
});

describe('often-repeated claims are checked, not repeated', () => {
  const corpus = files.map((f) => ({ id: f.lesson.id, text: f.text.replace(/\s+/g, ' ') })).concat([{ id: 'timeline', text: timelineText.replace(/\s+/g, ' ') }]);
  const sentences = corpus.flatMap((c) => c.text.split(/(?<=[.!?])(?<!\bc\.)\s+/).map((s) => ({ id: c.id, s })));

  it('no text says RFC 1203 obsoletes RFC 1176', () => {
    for (const { id, s } of sentences) {
      if (/1203[^.]*\bobsoletes\b[^.]*1176/.test(s) || /\b1176\b[^.]*obsoleted by[^.]*1203/.test(s)) {
        expect(/\bnot\b|wrong|often repeated/i.test(s), `${id}: ${s}`).toBe(true);
      }
    }
  });

  it('the 1993 Historic reclassification is never stated as fact', () => {
    for (const { id, s } of sentences) {
      if (/Historic/i.test(s) && /1993/.test(s)) expect(/not (been )?confirm|unverified|could not|is not confirmed|\?/i.test(s), `${id}: ${s}`).toBe(true);
    }
  });

  it('IMAP2bis is never called an RFC, nor IMSP turned into ACAP’s RFC', () => {
    for (const { id, s } of sentences) {
      if (/IMAP2bis (was|became|is) an RFC/i.test(s)) expect(/wrong|never|not/i.test(s), `${id}: ${s}`).toBe(true);
      if (/IMSP became (ACAP|RFC 2244)/i.test(s)) expect(/wrong|not/i.test(s), `${id}: ${s}`).toBe(true);
      if (/IMSP[^.]*\bRFC \d+\b/.test(s) && /IMSP (was|is) RFC/i.test(s)) throw new Error(`${id}: ${s}`);
    }
  });

  it('1986 is given as an estimate, not a date', () => {
    for (const { id, s } of sentences) {
      if (/\b1986\b/.test(s) && !/1986–|–1986|1986-2021|, 1986–/.test(s)) expect(/circa|c\. 1986|about 1986|estimate|mid-1980s/i.test(s), `${id}: ${s}`).toBe(true);
    }
  });
});

/**
 * Claims an independent fact-check of the course (issue 10) found wrong, misattributed or
 * unsupported. Each pattern matches the wrong wording, so that it cannot come back; the note
 * says what the sources say instead. Checked against every lesson, the timeline and docs/.
 */
const KNOWN_FALSE: { n: number; pattern: RegExp; truth: string }[] = [
  { n: 1, pattern: /\bdrafts?\b[^.]{0,80}\b(?:is|are) lost\b/i, truth: 'the IMSP drafts survive (June 1993 on the InfoMagic CD; draft -03 of June 1995 on archive.cweiske.de)' },
  { n: 1, pattern: /drafts['’] (?:text|bodies) (?:is|are) lost/i, truth: 'the IMSP drafts survive' },
  { n: 2, pattern: /must pick a new\s+UIDVALIDITY/i, truth: 'RFC 3501 §2.3.1.1: keep the UIDs ascending above all old ones, or a new and greater UIDVALIDITY' },
  { n: 2, pattern: /only asks that it never repeat/i, truth: 'RFC 3501 requires a greater UIDVALIDITY whenever UIDs are not preserved' },
  { n: 3, pattern: /IMAP4 \(December 1994\) added `BODYSTRUCTURE`[^.]*numbered body parts/i, truth: 'BODY, BODY[section] and PARTIAL came with IMAP2bis (RFC 1732; RFC 2061); BODYSTRUCTURE is new in IMAP4' },
  { n: 4, pattern: /RFC 9051 calls such early variants[^.]*presumed extinct/i, truth: 'RFC 9051 §1.3 means the IMAP2 variants of RFC 1732; "extinct or extremely rare" for RFC 1064, 1176 and 1203 is RFC 2061' },
  { n: 5, pattern: /removes what "proved problematic"/i, truth: 'RFC 9051 §1.3 says that of facilities added in RFC 1730 and 3501; \\Recent, CHECK and RFC822* date from RFC 1176, and only CHECK is removed' },
  { n: 6, pattern: /(?:offer|offers) plaintext mechanisms and no TLS/i, truth: 'Cyrus IMSP 1.6+ authenticates through Cyrus SASL with SASL security layers; only "no STARTTLS" is true' },
  { n: 6, pattern: /imsp: no way to encrypt/i, truth: 'SASL security layers can encrypt an IMSP session' },
  { n: 7, pattern: /IMAP4rev2 turns the 1999 advice around/i, truth: 'RFC 8314 (2018) made the turn to implicit TLS; RFC 9051 follows it' },
  { n: 8, pattern: /port 143 assignment goes back to IMAP2 in August 1990/i, truth: 'RFC 1176 is only the earliest text read here; IANA registers 143 as "imap2", Interim Mail Access Protocol v2' },
  { n: 9, pattern: /version first, then extensions, then the ways it accepts a login/i, truth: 'RFC 3501 sets no order; only RFC 1730 required IMAP4 first' },
  { n: 10, pattern: /IMSP outlived (?:it|ACAP)/i, truth: 'RFC 2244 is still a Proposed Standard, updated by RFC 6075 in 2010' },
  { n: 11, pattern: /RFC 1730['’]s abstract points to IMSP[^.]*RFC 3501['’]s to ACAP/i, truth: 'the switch to ACAP in the abstract comes already in RFC 2060 (December 1996)' },
  { n: 12, pattern: /needed a server-to-server protocol that was never written\.(?![^.]*reconstruct)/i, truth: 'a guess from reply strings; mark it as the playground’s reconstruction' },
  { n: 12, pattern: /A mailbox the table says nothing about is on every IMAP server of the site\./i, truth: 'a guess from reply strings; mark it as the playground’s reconstruction' },
  { n: 13, pattern: /first\s+"shared configuration" service on the Internet/i, truth: 'unsourced' },
  { n: 14, pattern: /so that firewalls do not drop/i, truth: 'RFC 2177 §3 / RFC 9051 §6.3.13: re-issue at least every 29 minutes because of the server’s autologout timer' },
  { n: 15, pattern: /client\s+"uses the IMAP2 protocol"/i, truth: 'Crispin wrote that MM-D, the whole system, uses IMAP2' },
  { n: 16, pattern: /`EXISTS` count around the expunges, as the sample session/i, truth: 'the EXISTS/EXPUNGE sequence is in RFC 1176’s "A Typical Scenario"; the sample session has no EXPUNGE' },
  { n: 17, pattern: /IMAP4 kept the command only as an obsolete form \[RFC 1730 §A\]\./i, truth: 'in RFC 1730 App. A, FIND MAILBOXES returns the subscribed names; FIND ALL.MAILBOXES returns all' },
  { n: 18, pattern: /\[RFC 3501 §[\d.]+\], and attributes such as `\\HasChildren`/i, truth: '\\HasChildren comes from RFC 3348' },
  { n: 19, pattern: /server then owes each of\s+them/i, truth: 'RFC 3501 §5.2: size updates MUST, flag updates SHOULD' },
  { n: 20, pattern: /almost every server added the same dozen extensions/i, truth: 'no source; RFC 9051 folds in only SPECIAL-USE’s attributes, not the whole extension' },
  { n: 21, pattern: /RFC 2595[^|]{0,80}separate port 993/i, truth: 'RFC 2595 §7 names "imaps" without a number; 993 comes from IANA and RFC 9051 §12' },
  { n: 21, pattern: /\| 993 \|[^|]*\| RFC 2595 \(registered/i, truth: 'RFC 2595 gives no number for imaps' },
  { n: 22, pattern: /\*\*Tags\.\*\* Each command starts with a tag the client chooses; the server's final answer to that\s+command carries the same tag, so several commands can be in flight at once and their answers\s+still find their owners \[RFC 1730 §2\.2\.1\]\. The terminal/i, truth: 'tags date from IMAP2 (RFC 1064 / RFC 1176); only the 1988 interim protocol lacked them' },
  // A second, independent fact-check of what issue 10's own pass added (numbered on from 22).
  { n: 23, pattern: /\| `d` \| delete: `\\Deleted`, EXPUNGE, the mailbox/i, truth: 'RFC 2086 §3: d = STORE \\Deleted and EXPUNGE; which right controls DELETE was ambiguous (RFC 4314 §2.1.1)' },
  { n: 24, pattern: /server must refuse a mechanism it does not support/i, truth: 'RFC 3501 / RFC 9051 §6.2.2: the server SHOULD reject an unsupported mechanism with NO' },
  { n: 25, pattern: /SCRAM is what a modern server offers first/i, truth: 'no source; which mechanisms a server offers, and in what order, is configuration' },
  { n: 26, pattern: /`Cyrus IMSP version 1\.6a3 ready` or older was flagged/i, truth: 'the 2003 check (Nessus/OpenVAS 11953) flags 0.x, 1.0–1.5, 1.6, 1.6a0–1.6a3 and also 1.7' },
  { n: 27, pattern: /vulnerable server copied such a name into a small buffer; this one simply finds no such user/i, truth: 'the report says only "a too long argument as his name"; the patch of 15 Dec 2003 bounds abook_dbname, which the address-book commands call with a book name' },
  { n: 28, pattern: /All of these are old: they date from IMAP2's RFC 1176/i, truth: 'LSUB came with RFC 1730 (IMAP4); \\Recent, RECENT, CHECK and the RFC822 items are RFC 1176’s' },
  { n: 29, pattern: /Only the last needs names for messages that outlive a session/i, truth: 'RFC 1730 §6.4.9 and RFC 3501 §2.3.1.1: persistent UIDs serve "disconnected or offline access clients"' },
  { n: 30, pattern: /IANA's port registry lists 143 under the name "imap2"|IANA's name: "imap2"/i, truth: 'RFC 9051 §12: the registry names the service on 143 "imap"; "imap2" survives in older lists such as /etc/services' },
  { n: 31, pattern: /must be at least 30 minutes \[RFC 2177 §3\]/i, truth: 'the 30-minute minimum is the autologout rule, RFC 9051 §5.4 (RFC 3501 §5.4); RFC 2177 §3 gives the 29 minutes' },
  { n: 32, pattern: /Walnut Creek "Internet Info" CD/i, truth: 'not found; the copy of the August 1993 IMAP2bis draft found is ftp.mizar.org packages/imap/old/imap2bis-draft-00.txt' },
  { n: 33, pattern: /text0050\.txt|March 1993, "IMSP -- Interactive Mail Support Protocol"|the March and June 1993 drafts survive/i, truth: 'no March 1993 IMSP draft could be found; the earliest found is June 1993 (text0141.txt)' },
  { n: 33, pattern: /draft-myers-imap-imsp-00[^|\n]{0,40}March 1994|\| Mar 1994 \| draft-myers-imap-imsp-00|draft -00 of March 1994/i, truth: 'a March 1994 draft-myers-imap-imsp-00 could not be found; -01 (26 Oct 1994) is the earliest of that name found' },
  { n: 34, pattern: /lived on in ACAP['’]s mailbox dataset/i, truth: 'only the Cyrus notes say the concept "continues on" in an ACAP Mailboxes dataset; no ACAP dataset class was registered (imsp-legacy)' },
  { n: 35, pattern: /server offers only `?PLAIN`?\b/i, truth: 'the playground’s IMAP servers announce AUTH=PLAIN and AUTH=LOGIN' },
  { n: 36, pattern: /as `HIGHESTMODSEQ` \[RFC 7162 §3\.1\.1\]/i, truth: 'RFC 7162 §3.1.1 is "Advertising Support for CONDSTORE"; mod-sequences are defined in §3.1' },
  { n: 37, pattern: /reconstructed from the drafts\b/i, truth: 'only the drafts’ opening pages were read; the mailbox layer is rebuilt from the Cyrus source and its design notes (docs/imsp-fidelity.md)' },
];

describe('known false claims (issue 10) are not repeated', () => {
  const DOCS = join(ROOT, 'docs');
  const docs = readdirSync(DOCS).filter((f) => f.endsWith('.md')).map((f) => ({ id: `docs/${f}`, text: readFileSync(join(DOCS, f), 'utf8') }));
  // The page's own words about the IMSP modes (greeting, badges, inspector) make the same claims.
  const ui = ['worker/imsp/dialects.ts', 'worker/imsp/commands/mailbox.ts', 'web/network/NetworkDiagram.svelte', 'web/state/ImspState.svelte', 'web/inspector/imsp.ts'].map((f) => ({ id: f, text: readFileSync(join(ROOT, f), 'utf8') }));
  const texts = files.map((f) => ({ id: f.file, text: f.text })).concat([{ id: 'timeline', text: timelineText }], docs, ui);
  for (const c of KNOWN_FALSE) {
    it(`claim ${c.n}: ${c.pattern.source.slice(0, 60)}`, () => {
      for (const t of texts) {
        const m = c.pattern.exec(t.text.replace(/[ \t]*\n[ \t]*/g, ' ').replace(/ {2,}/g, ' '));
        expect(m, `${t.id} repeats a known false claim: “${m?.[0]}” — ${c.truth}`).toBeNull();
      }
    });
  }
});

describe('the timeline', () => {
  it('has its dated rows in order, each with a source', () => {
    expect(timeline.rows.length).toBeGreaterThan(25);
    let last = 0;
    for (const r of timeline.rows) {
      expect(r.year, r.date).toBeGreaterThanOrEqual(last);
      last = r.year;
      expect(inlineText(r.source).trim().length, `${r.date} has no source`).toBeGreaterThan(2);
    }
  });

  it('RFC rows carry the RFCs’ own publication dates', () => {
    for (const r of timeline.rows) {
      const m = /^RFC (\d{3,4}),/.exec(inlineText(r.event));
      if (!m || !RFC_DATES[Number(m[1])]) continue;
      expect(r.date, `RFC ${m[1]}`).toBe(RFC_DATES[Number(m[1])]);
    }
  });

  it('links into lessons that exist, and every era lesson is linked', () => {
    const linked = new Set<string>();
    for (const r of timeline.rows) for (const n of r.lessons) if (n.t === 'link' && n.href.startsWith('lesson:')) linked.add(n.href.slice(7));
    for (const id of linked) expect(lessons.map((l) => l.id)).toContain(id);
    for (const l of lessons) expect([...linked], `${l.id} is not linked from the timeline`).toContain(l.id);
  });

  it.skipIf(!history)('every row is a row of history.md, with the same date — or names a primary source of its own', () => {
    const rows = history!
      .split('\n')
      .filter((l) => /^\| [^|-]/.test(l) && !/^\| (date|key|port)\b/.test(l))
      .map((l) => l.split('|')[1].trim());
    // Rows added after history.md was written (issue 10) must name an RFC, an Internet draft
    // or a Bugtraq ID as their source — something a reader can look up, not a summary.
    for (const r of timeline.rows) {
      if (rows.includes(r.date)) continue;
      expect(inlineText(r.source), `timeline row ${r.date} is not in history.md and names no RFC, draft or BID`).toMatch(/\bRFC \d{3,4}\b|\bdraft-[a-z0-9-]+|\bBID \d+|InfoMagic/);
    }
  });

  it.skipIf(!history)('history.md dates the RFCs as the course does', () => {
    for (const line of history!.split('\n')) {
      const m = /^\| ([^|]+) \| \*\*RFC (\d{3,4})\*\*/.exec(line);
      if (!m || !RFC_DATES[Number(m[2])]) continue;
      expect(m[1].trim(), `RFC ${m[2]}`).toBe(RFC_DATES[Number(m[2])]);
    }
  });
});

describe('citations parse only in the allowed forms', () => {
  it('accepts RFC sections, IMSP drafts and history rows', () => {
    expect(parseSource('RFC 3501 §6.3.1')?.kind).toBe('rfc');
    expect(parseSource('RFC 9051 §E')?.kind).toBe('rfc');
    expect(parseSource('RFC 1176 §"Introduction"')?.kind).toBe('rfc');
    expect(parseSource('IMSP draft (October 1994) Abstract')?.kind).toBe('imsp-draft');
    expect(parseSource('history.md Dec 1994')?.kind).toBe('history');
    expect(parseSource('history.md c. 1986')?.kind).toBe('history');
    expect(parseSource('BID 9227')).toMatchObject({ kind: 'advisory', href: 'https://www.securityfocus.com/bid/9227' });
  });
  it('refuses everything else', () => {
    for (const s of ['Wikipedia', 'RFC 3501', 'RFC 3501 section 6', 'IMSP draft (May 1999) Abstract', 'IMSP draft (June 1993) §4.2', 'history.md yesterday', 'https://example.com', 'BID 1', 'BID', 'CVE-2003-0001']) {
      expect(parseSource(s), s).toBeNull();
    }
    expect(parseInline('[Wikipedia]').some((n) => n.t === 'cite')).toBe(false);
  });
});

describe('RFC months', () => {
  it('the table uses three-letter months', () => {
    for (const v of Object.values(RFC_DATES)) expect(MONTHS.map((m) => m.slice(0, 3))).toContain(v.split(' ')[0]);
  });
});
