#!/usr/bin/env node
// Records Dovecot's FETCH answers (ENVELOPE, BODY, BODYSTRUCTURE, RFC822.SIZE and BODY.PEEK[...]
// sections) as golden data for worker/mime tests. Plain node, no dependencies.
//
//   node record-dovecot.mjs fixtures [HOST:PORT] > dovecot-fixtures.json
//       The lab fixtures (alice: INBOX, Work, Work/Projects, Archive). READ-ONLY: EXAMINE and
//       BODY.PEEK only, so it is safe against the shared lab server (default 127.0.0.1:10143).
//   node record-dovecot.mjs search [HOST:PORT] > dovecot-search.json
//       SEARCH results for the fixture mailboxes (read-only: EXAMINE + SEARCH).
//   node record-dovecot.mjs edge HOST:PORT edge/*.eml > dovecot-edge.json
//       APPENDs each file (bytes as-is) to a fresh mailbox and records it. Only for a PRIVATE
//       Dovecot (e.g. one started with PEERS_RUN=/tmp/x DOVECOT_PORT=10944 start-dovecot.sh).
//
// Output: JSON; every response is the exact octets of the untagged "* n FETCH (...)" line(s),
// stored as a latin1 string (one char per octet).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const [mode = 'fixtures', addr = '127.0.0.1:10143', ...files] = process.argv.slice(2);
const [host, port] = addr.split(':');

function connect() {
  const s = net.connect(Number(port), host);
  let buf = Buffer.alloc(0);
  let wake = null;
  let closed = false;
  s.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    if (wake) wake();
  });
  s.on('close', () => {
    closed = true;
    if (wake) wake();
  });
  s.on('error', () => {});
  // one complete response line (literals included)
  async function line() {
    for (;;) {
      let pos = 0;
      for (;;) {
        const i = buf.indexOf('\r\n', pos);
        if (i < 0) break;
        const m = /\{(\d+)\+?\}$/.exec(buf.subarray(pos, i).toString('latin1'));
        if (!m) {
          const out = buf.subarray(0, i + 2);
          buf = buf.subarray(i + 2);
          return out;
        }
        const need = i + 2 + Number(m[1]);
        if (buf.length < need) break;
        pos = need;
      }
      if (closed) throw new Error('connection closed');
      await new Promise((r) => (wake = r));
      wake = null;
    }
  }
  let n = 0;
  async function cmd(text, literal) {
    const tag = `r${++n}`;
    if (literal) {
      s.write(`${tag} ${text} {${literal.length}+}\r\n`);
      s.write(literal);
      s.write('\r\n');
    } else s.write(`${tag} ${text}\r\n`);
    const untagged = [];
    for (;;) {
      const l = await line();
      const t = l.toString('latin1');
      if (t.startsWith(`${tag} `)) {
        if (!/^\S+ OK/.test(t)) throw new Error(`${text}: ${t.trim()}`);
        return { untagged, done: t };
      }
      untagged.push(l);
    }
  }
  return { greeting: line(), cmd, close: () => s.end() };
}

// --- a small parser for one IMAP value, enough to walk BODYSTRUCTURE -----------------------
function parseValue(s, i = 0) {
  const ws = () => {
    while (s[i] === ' ') i++;
  };
  function value() {
    ws();
    if (s[i] === '(') {
      i++;
      const list = [];
      for (;;) {
        ws();
        if (s[i] === ')') {
          i++;
          return list;
        }
        list.push(value());
      }
    }
    if (s[i] === '"') {
      let out = '';
      i++;
      while (s[i] !== '"') {
        if (s[i] === '\\') i++;
        out += s[i++];
      }
      i++;
      return out;
    }
    if (s[i] === '{') {
      const m = /^\{(\d+)\}\r\n/.exec(s.slice(i));
      i += m[0].length;
      const out = s.slice(i, i + Number(m[1]));
      i += Number(m[1]);
      return out;
    }
    const m = /^[^ ()]+/.exec(s.slice(i));
    i += m[0].length;
    return m[0] === 'NIL' ? null : /^\d+$/.test(m[0]) ? Number(m[0]) : m[0];
  }
  return value();
}

/** Part paths of a BODYSTRUCTURE: [{path: '1.2', type: 'text/plain'}, ...]. */
function partPaths(body, prefix, out) {
  if (Array.isArray(body[0])) {
    let n = 0;
    for (const child of body) {
      if (!Array.isArray(child)) break;
      n++;
      const p = prefix ? `${prefix}.${n}` : `${n}`;
      if (Array.isArray(child[0])) {
        out.push({ path: p, type: 'multipart' });
        partPaths(child, p, out);
      } else visitSingle(child, p, out);
    }
    return;
  }
  visitSingle(body, prefix || '1', out, !prefix);
}

function visitSingle(part, p, out, isRoot = false) {
  const type = `${String(part[0]).toLowerCase()}/${String(part[1]).toLowerCase()}`;
  out.push({ path: p, type, isRoot });
  if (type === 'message/rfc822' && Array.isArray(part[8])) {
    const inner = part[8];
    if (Array.isArray(inner[0])) partPaths(inner, p, out);
    else visitSingle(inner, `${p}.1`, out);
  }
}

const bodyItems = (paths) => {
  const items = [
    'BODY.PEEK[]',
    'BODY.PEEK[HEADER]',
    'BODY.PEEK[TEXT]',
    'BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT)]',
    'BODY.PEEK[HEADER.FIELDS.NOT (SUBJECT)]',
    'BODY.PEEK[HEADER.FIELDS (x-none)]',
    'BODY.PEEK[0]',
    'BODY.PEEK[1]',
    'BODY.PEEK[1.MIME]',
    'BODY.PEEK[1.1]',
    'BODY.PEEK[99]',
    'BODY.PEEK[2.HEADER]',
    'BODY.PEEK[]<0.20>',
    'BODY.PEEK[]<100000.10>',
    'BODY.PEEK[TEXT]<5.10>',
    'BODY.PEEK[HEADER.FIELDS (SUBJECT)]<2.5>',
    'BODY.PEEK[1]<3.7>',
  ];
  // deep or huge trees: the first 8 parts are enough (the answers grow with the depth)
  for (const { path: p, type } of paths.slice(0, 8)) {
    items.push(`BODY.PEEK[${p}]`, `BODY.PEEK[${p}.MIME]`);
    if (type === 'message/rfc822') {
      items.push(
        `BODY.PEEK[${p}.HEADER]`,
        `BODY.PEEK[${p}.TEXT]`,
        `BODY.PEEK[${p}.HEADER.FIELDS (FROM SUBJECT)]`,
        `BODY.PEEK[${p}.HEADER.FIELDS.NOT (FROM)]`,
        `BODY.PEEK[${p}.1]`,
        `BODY.PEEK[${p}.TEXT]<2.9>`,
      );
    }
  }
  return [...new Set(items)];
};

async function recordMessage(c, seq, source, mailbox, big = false) {
  const responses = [];
  const fetch = async (items) => {
    const r = await c.cmd(`FETCH ${seq} ${items}`);
    const mine = r.untagged.filter((l) => l.toString('latin1').startsWith(`* ${seq} FETCH `));
    responses.push({ items, response: Buffer.concat(mine).toString('latin1') });
    return Buffer.concat(mine).toString('latin1');
  };
  await fetch('(ENVELOPE BODY BODYSTRUCTURE RFC822.SIZE)');
  const bs = await fetch('(BODYSTRUCTURE)');
  const prefix = `* ${seq} FETCH (BODYSTRUCTURE `;
  const structure = parseValue(bs.slice(prefix.length));
  const paths = [];
  partPaths(structure, '', paths);
  // big messages: skip the items that would copy whole bodies into the recording
  const items = bodyItems(paths).filter((i) => !big || i.includes('<') || i.includes('FIELDS'));
  for (const item of items) await fetch(`(${item})`);
  return { source, mailbox, seq, responses };
}

// `{}` marks a UTF-8 literal argument (sent as LITERAL+)
const SEARCHES = [
  'SUBJECT garden', 'SUBJECT "Garden Party"', 'SUBJECT "=?UTF-8?"', 'CHARSET UTF-8 SUBJECT {}café',
  'CHARSET UTF-8 SUBJECT {}Grüße aus Köln', 'CHARSET UTF-8 SUBJECT {}GRÜSSE', 'SUBJECT "Subject"', 'SUBJECT "names\\", commas"',
  'FROM carol', 'FROM "Carol Danvers <carol@example.com>"', 'CHARSET UTF-8 FROM {}andré', 'FROM "=?ISO"',
  'FROM "Doe, John"', 'FROM "\\"Doe, John\\""', 'FROM "From"', 'TO "undisclosed-recipients"', 'TO "undisclosed-recipients:;"',
  'CC "Tea Lovers"', 'CC "Tea Lovers: duchess"', 'CC "Mary Smith"', "CC \"O'Brien\"", 'BCC mockturtle',
  'CHARSET UTF-8 TO {}Jürgen', 'HEADER Message-ID msg05', 'HEADER X-Missing ""', 'HEADER Subject ""',
  'HEADER In-Reply-To "<msg02.meeting@example.org>"', 'HEADER References msg02', 'HEADER Content-Type alternative',
  'BODY zebracorn', 'BODY hedgehog', 'CHARSET UTF-8 BODY {}Köln', 'CHARSET UTF-8 BODY {}café', 'BODY caf',
  'BODY JVBERi', 'BODY report.pdf', 'BODY croquet', 'BODY treacle', 'BODY "Earl Grey"', 'BODY "invited to"',
  'BODY "Content-Type"', 'BODY "multi-part message"', 'BODY "--alt-boundary"', 'BODY "<b>roses"', 'BODY "r=C3=A9sum"',
  'CHARSET UTF-8 BODY {}naïve', 'CHARSET UTF-8 BODY {}Grü', 'BODY "queen@wonderland"',
  'TEXT hedgehog', 'TEXT report.pdf', 'TEXT "queen@wonderland"', 'TEXT "Subject: Hello"', 'TEXT "Return-Path"',
  'TEXT zebracorn', 'CHARSET UTF-8 TEXT {}Jürgen', 'TEXT "Content-Transfer-Encoding: base64"', 'TEXT "fwd-inner-05"',
  'TEXT "Quarterly report"', 'TEXT JVBERi',
  'HEADER FROM "Carol Danvers <carol@example.com>"', 'HEADER CC "Tea Lovers: duchess"', 'HEADER TO "Alice Liddell"',
  'HEADER SUBJECT "=?UTF-8?B"', 'CHARSET UTF-8 HEADER SUBJECT {}Köln', 'SUBJECT "party,  everyone"', 'SUBJECT "party, everyone"',
  'HEADER From "=?ISO"', 'CHARSET UTF-8 HEADER From {}André',
];

async function main() {
  const c = connect();
  await c.greeting;
  await c.cmd('LOGIN alice wonderland');
  const out = { server: '', recorded: new Date().toISOString().slice(0, 10), messages: [] };
  const idResp = await c.cmd('ID NIL').catch(() => null);
  out.server = idResp ? idResp.untagged.map((l) => l.toString('latin1').trim()).join(' ') : '';

  if (mode === 'search') {
    out.searches = [];
    for (const box of ['INBOX', 'Work', 'Work/Projects', 'Archive']) {
      await c.cmd(`EXAMINE "${box}"`);
      for (const q of SEARCHES) {
        const m = /^(.*)\{\}(.*)$/.exec(q);
        const bytes = m ? Buffer.from(m[2], 'utf8') : null;
        const r = await c.cmd(m ? `SEARCH ${m[1]}` : `SEARCH ${q}`, bytes);
        const line = r.untagged.map((l) => l.toString('latin1')).find((l) => l.startsWith('* SEARCH'));
        out.searches.push({ mailbox: box, query: q, result: line.trim().split(' ').slice(2).map(Number) });
      }
    }
  } else if (mode === 'fixtures') {
    const fixDir = '/work/shared/peers/fixtures';
    const manifest = fs
      .readFileSync(path.join(fixDir, 'manifest.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t'))
      .filter((r) => r[0] === 'alice');
    const boxes = [...new Set(manifest.map((r) => r[1]))];
    for (const box of boxes) {
      await c.cmd(`EXAMINE "${box}"`);
      const rows = manifest.filter((r) => r[1] === box);
      for (let i = 0; i < rows.length; i++) {
        out.messages.push(await recordMessage(c, i + 1, rows[i][2], box));
      }
    }
  } else {
    const box = `MimeEdge${Date.now()}`;
    await c.cmd(`CREATE ${box}`);
    for (const f of files) {
      await c.cmd(`APPEND ${box}`, fs.readFileSync(f));
    }
    await c.cmd(`EXAMINE ${box}`);
    for (let i = 0; i < files.length; i++) {
      const big = fs.statSync(files[i]).size > 20000;
      out.messages.push(await recordMessage(c, i + 1, path.relative(here, files[i]), box, big));
    }
  }
  await c.cmd('LOGOUT').catch(() => {});
  c.close();
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
}

// The shared lab server may be reset at any moment: retry the whole recording a few times.
for (let attempt = 1; ; attempt++) {
  try {
    await main();
    break;
  } catch (e) {
    if (attempt >= 4 || mode !== 'fixtures') {
      console.error(e.message);
      process.exit(1);
    }
    console.error(`attempt ${attempt} failed (${e.message}); retrying`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}
