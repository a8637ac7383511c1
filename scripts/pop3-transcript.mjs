#!/usr/bin/env node
// pop3-transcript: replay the client side of a POP3 transcript against a real server and
// record what the server sent, byte for byte (the POP3 counterpart of
// ../shared/peers/run-transcript, which waits for IMAP tags and so cannot frame POP3).
//
// Usage: node scripts/pop3-transcript.mjs [-o FILE] [--timeout MS] HOST:PORT TRANSCRIPT
//
// Transcript format (the subset of run-transcript's that POP3 needs; the in-process
// replayer tests/support/transcript.ts reads the same files):
//   # comment, blank line       ignored
//   COMMAND ARGS                sent with CRLF; the tool waits for the whole response: one
//                               status line, or, for a +OK to CAPA, RETR, TOP, AUTH without
//                               argument, LIST or UIDL without argument, the lines up to ".";
//                               a "+ " continuation (AUTH) also completes it
//   @send ESCAPED               send bytes exactly (\r \n \t \\ \xHH), then read until quiet
//   @open NAME / @use NAME      another connection (its bytes go to FILE with .NAME.out)
//   @close NAME                 close a connection
//   @sleep MS                   read for MS milliseconds
//   @wait-close                 read until the server closes (bounded by the timeout)
// Exit status: 0 clean, 2 a response timed out, 1 usage or connection error.
import net from 'node:net';
import fs from 'node:fs';

const args = process.argv.slice(2);
let out = null;
let timeout = 10000;
const pos = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '-o') out = args[++i];
  else if (args[i] === '--timeout') timeout = Number(args[++i]);
  else pos.push(args[i]);
}
if (pos.length !== 2) {
  process.stderr.write('usage: pop3-transcript.mjs [-o FILE] [--timeout MS] HOST:PORT TRANSCRIPT\n');
  process.exit(1);
}
const [, host, port] = /^(.*):(\d+)$/.exec(pos[0]) ?? [];
const lines = fs.readFileSync(pos[1], 'utf8').replace(/\r\n/g, '\n').split('\n');

class Conn {
  constructor(name) {
    this.name = name;
    this.buf = Buffer.alloc(0);
    this.closed = false;
    this.waiters = [];
    this.sock = net.connect(Number(port), host);
    this.sock.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    this.sock.on('close', () => {
      this.closed = true;
      this.wake();
    });
    this.sock.on('error', () => {});
  }
  wake() {
    for (const w of this.waiters.splice(0)) w();
  }
  /** Resolves once `done(textSinceMark)` holds or the connection closes; false on timeout. */
  until(mark, done, ms = timeout) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      const check = () => {
        if (done(this.buf.subarray(mark).toString('latin1')) || this.closed) {
          clearTimeout(timer);
          resolve(true);
        } else this.waiters.push(check);
      };
      check();
    });
  }
}

const unescape = (s) =>
  Buffer.from(
    s.replace(/\\(r|n|t|\\|x[0-9a-fA-F]{2})/g, (_, e) =>
      e === 'r' ? '\r' : e === 'n' ? '\n' : e === 't' ? '\t' : e === '\\' ? '\\' : String.fromCharCode(parseInt(e.slice(1), 16)),
    ),
    'latin1',
  );

/** Does this command's +OK carry a multi-line body (RFC 1939, RFC 2449, RFC 5034)? */
function multiLine(cmd) {
  const w = cmd.trim().split(/ +/);
  const verb = w[0].toUpperCase();
  if (verb === 'CAPA' || verb === 'RETR' || verb === 'TOP') return true;
  if (verb === 'LIST' || verb === 'UIDL' || verb === 'AUTH') return w.length === 1;
  return false;
}

function complete(text, multi) {
  const eol = text.indexOf('\r\n');
  if (eol < 0) return false;
  if (!text.startsWith('+OK') || !multi) return true;
  return text.startsWith('.\r\n', eol + 2) || text.includes('\r\n.\r\n', eol);
}

const conns = new Map();
let cur = new Conn('main');
conns.set('main', cur);
let status = 0;
await cur.until(0, (t) => t.includes('\r\n'));
let pendingAuth = false;

for (const line of lines) {
  if (line === '' || line.startsWith('#')) continue;
  if (line.startsWith('@') && !line.startsWith('@@')) {
    const [dir, ...rest] = line.split(' ');
    const arg = rest.join(' ');
    if (dir === '@open') {
      cur = new Conn(arg);
      conns.set(arg, cur);
      await cur.until(0, (t) => t.includes('\r\n'));
    } else if (dir === '@use') cur = conns.get(arg);
    else if (dir === '@close') conns.get(arg)?.sock.end();
    else if (dir === '@sleep') await cur.until(cur.buf.length, () => false, Number(arg));
    else if (dir === '@wait-close') await cur.until(cur.buf.length, () => false);
    else if (dir === '@send') {
      const mark = cur.buf.length;
      cur.sock.write(unescape(arg));
      await cur.until(mark, () => false, 700);
    } else throw new Error(`unknown directive ${dir}`);
    continue;
  }
  const cmd = line.startsWith('@@') ? line.slice(1) : line;
  if (cur.closed) break;
  const mark = cur.buf.length;
  cur.sock.write(cmd + '\r\n');
  // The line after an AUTH continuation is the client's SASL response: one status line back.
  const multi = !pendingAuth && multiLine(cmd);
  const ok = await cur.until(mark, (t) => complete(t, multi));
  if (!ok) {
    process.stderr.write(`timeout waiting for the answer to: ${cmd}\n`);
    status = 2;
  }
  const answer = cur.buf.subarray(mark).toString('latin1');
  pendingAuth = answer.startsWith('+ ');
}
for (const c of conns.values()) c.sock.end();
await new Promise((r) => setTimeout(r, 100));
const write = (name, data) => {
  if (!out) return name === 'main' && process.stdout.write(data);
  fs.writeFileSync(name === 'main' ? out : out.replace(/\.out$/, `.${name}.out`), data);
};
for (const c of conns.values()) write(c.name, c.buf);
process.exit(status);
