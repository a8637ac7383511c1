import * as Comlink from 'comlink';
import type { WorkerEngine } from '../../worker/main';
import type { EngineEvent } from '../../worker/api';
import type { DialectName } from '../../worker/imap/dialect';
import { encodeShare } from '../persist/share';
import workerUrl from '../../worker/main.ts?worker&url';

/**
 * `<mail-session dialect="imap4rev1" scenario="default">` — a live session any page can embed
 * (docs/embedding.md). The client lines inside (one per line, optional `C:`; `S:` lines are the
 * author's expected answers and are skipped) are played against the real engine in a worker of
 * the element's own, shown in a compact terminal with Run, Step and a line of one's own, and
 * "Try it yourself" opens the full playground replaying what was sent. Everything lives in a
 * shadow root, so the host page's styles neither reach in nor are touched. `<pre class=
 * "mail-session">` blocks (Markdown's code blocks) are upgraded to the element.
 */

const DIALECTS: Record<DialectName, string> = {
  imap2: 'IMAP2 (RFC 1176)',
  imap2bis: 'IMAP2bis (RFC 1732)',
  imap3: 'IMAP3 (RFC 1203)',
  imap4: 'IMAP4 (RFC 1730)',
  imap4rev1: 'IMAP4rev1 (RFC 3501)',
  imap4rev2: 'IMAP4rev2 (RFC 9051)',
};
/** The playground's IMAP host whose dialect the element sets; "try it yourself" connects there. */
const HOST = 'imap.north.example';
/** How long a step waits for its tagged answer before moving on (IDLE never answers by itself). */
const STEP_WAIT_MS = 1500;
/** Limits: what an author may put in one element, and what the screen keeps. */
const MAX_LINES = 200;
const MAX_LINE = 8192;
const MAX_SCREEN_LINES = 2000;

/**
 * The engine worker's code, fetched once per page and started from a blob: URL, because a
 * page may not start a worker from another origin's URL (the script may be hosted elsewhere).
 */
let workerBlob: Promise<string> | null = null;
function startWorker(): Promise<Worker> {
  workerBlob ??= fetch(new URL(workerUrl, import.meta.url))
    .then((r) => {
      if (!r.ok) throw new Error(`engine worker: HTTP ${r.status}`);
      return r.blob();
    })
    .then((b) => URL.createObjectURL(new Blob([b], { type: 'text/javascript' })));
  return workerBlob.then((url) => new Worker(url, { type: 'module', name: 'mail-session engine' }));
}

/** The client lines of an element's text: `C:` prefixes dropped, `S:` lines and blanks skipped. */
export function clientLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line || /^S:/.test(line)) continue;
    out.push(line.replace(/^C:\s?/, '').slice(0, MAX_LINE));
    if (out.length >= MAX_LINES) break;
  }
  return out;
}

const CSS = `
:host { display: block; margin: 1em 0; font: 13px/1.4 system-ui, sans-serif; color: #1f2328; }
.box { border: 1px solid #d0d7de; border-radius: 6px; background: #fff; overflow: hidden; }
.bar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 4px 8px; background: #f4f4f0; border-bottom: 1px solid #d0d7de; }
.title { font-weight: 600; margin-right: auto; }
button { font: inherit; padding: 2px 10px; border: 1px solid #8c959f; border-radius: 4px; background: #fff; color: #1f2328; cursor: pointer; }
button:disabled { opacity: .5; cursor: default; }
button:focus-visible, a:focus-visible, input:focus-visible { outline: 2px solid #0b5cad; outline-offset: 1px; }
a { color: #0b5cad; }
.screen { margin: 0; padding: 6px 8px; max-height: 22em; overflow: auto; background: #fbfbf8; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
.c { color: #0b6e79; }
.s { color: #1f2328; }
.ok { color: #1a7f37; }
.no { color: #8a5a00; }
.bad { color: #b42318; }
.note { color: #57606a; font-style: italic; }
.next { border-top: 1px dashed #d0d7de; padding: 4px 8px; font: 12px ui-monospace, monospace; color: #57606a; white-space: pre-wrap; overflow-wrap: anywhere; }
form { display: flex; gap: 6px; padding: 4px 8px 6px; border-top: 1px solid #d0d7de; }
input { flex: 1; min-width: 0; font: 12px ui-monospace, monospace; padding: 2px 6px; border: 1px solid #8c959f; border-radius: 4px; }
`;

export class MailSession extends HTMLElement {
  private root: ShadowRoot;
  private screen!: HTMLPreElement;
  private next!: HTMLDivElement;
  private runBtn!: HTMLButtonElement;
  private stepBtn!: HTMLButtonElement;
  private tryLink!: HTMLAnchorElement;
  private input!: HTMLInputElement;
  private script: string[] = [];
  private pos = 0;
  private sent: string[][] = [];
  private worker: Worker | null = null;
  private engine: Comlink.Remote<WorkerEngine> | null = null;
  private conn = 0;
  private closed = false;
  private busy = false;
  /** Server text not yet ended by CRLF, and who waits for which tag. */
  private partial = '';
  /** The server's last line was a continuation request (`+`). */
  private continued = false;
  private openTag = '';
  private waiting: { tag: string; done: () => void } | null = null;
  private started: Promise<void> | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
  }

  get dialect(): DialectName {
    const d = (this.getAttribute('dialect') ?? 'imap4rev1').toLowerCase();
    return (d in DIALECTS ? d : 'imap4rev1') as DialectName;
  }

  get scenario(): 'default' | 'empty' {
    return this.getAttribute('scenario') === 'empty' ? 'empty' : 'default';
  }

  connectedCallback(): void {
    if (this.screen) return;
    this.script = clientLines(this.textContent ?? '');
    const style = document.createElement('style');
    style.textContent = CSS;
    const box = el('div', 'box');
    const bar = el('div', 'bar');
    const title = el('span', 'title');
    title.textContent = `${DIALECTS[this.dialect]} · ${this.scenario === 'empty' ? 'empty mailboxes' : 'sample mail'}`;
    this.runBtn = button('Run', () => void this.run());
    this.stepBtn = button('Step', () => void this.step());
    const reset = button('Reset', () => void this.reset());
    this.tryLink = document.createElement('a');
    this.tryLink.textContent = 'Try it yourself ↗';
    this.tryLink.target = '_blank';
    this.tryLink.rel = 'noopener';
    this.tryLink.href = playgroundUrl('');
    bar.append(title, this.runBtn, this.stepBtn, reset, this.tryLink);
    this.screen = document.createElement('pre');
    this.screen.className = 'screen';
    this.screen.setAttribute('role', 'log');
    this.screen.setAttribute('aria-label', 'Session');
    this.next = el('div', 'next') as HTMLDivElement;
    const form = document.createElement('form');
    this.input = document.createElement('input');
    this.input.setAttribute('aria-label', 'Your own command line');
    this.input.placeholder = 'a1 NOOP — your own line, Enter sends it';
    this.input.maxLength = MAX_LINE;
    form.append(this.input, button('Send', () => undefined, 'submit'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const line = this.input.value.trim();
      if (!line) return;
      this.input.value = '';
      void this.exclusive(() => this.send(line));
    });
    box.append(bar, this.screen, this.next, form);
    this.root.append(style, box);
    this.showNext();
  }

  disconnectedCallback(): void {
    // Its worker goes with it (an element moved in the DOM starts a fresh one when used again).
    this.worker?.terminate();
    this.worker = null;
    this.engine = null;
    this.started = null;
  }

  /** Plays every remaining line. */
  async run(): Promise<void> {
    await this.exclusive(async () => {
      while (this.pos < this.script.length && !this.closed) await this.send(this.script[this.pos++]);
    });
  }

  /** Plays the next line. */
  async step(): Promise<void> {
    await this.exclusive(async () => {
      if (this.pos < this.script.length && !this.closed) await this.send(this.script[this.pos++]);
    });
  }

  /** A fresh store and connection, the script from its start. */
  async reset(): Promise<void> {
    await this.exclusive(async () => {
      if (this.engine && this.conn) await this.engine.close(this.conn);
      this.conn = 0;
      this.started = null;
      this.pos = 0;
      this.sent = [];
      this.screen.textContent = '';
      this.updateTry();
      await this.start();
    });
  }

  /** One thing at a time, in order: a line typed while Run plays waits its turn, it is not dropped. */
  private exclusive(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(() => this.perform(work));
    return this.queue;
  }

  private async perform(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.runBtn.disabled = this.stepBtn.disabled = true;
    try {
      await this.start();
      await work();
    } catch (e) {
      this.print('note', `The session stopped: ${(e as Error).message}`);
    } finally {
      this.busy = false;
      this.showNext();
    }
  }

  /** Starts the worker (once) and connects to the host in this element's dialect. */
  private start(): Promise<void> {
    this.started ??= (async () => {
      if (!this.engine) {
        this.worker = await startWorker();
        this.engine = Comlink.wrap<WorkerEngine>(this.worker);
      }
      await this.engine.reset(this.scenario);
      await this.engine.setHostDialect(HOST, this.dialect);
      await this.engine.prepare(HOST); // an earlier era's dialect comes with its own module
      this.closed = false;
      this.partial = '';
      let greeted!: () => void;
      const greeting = new Promise<void>((r) => (greeted = r));
      this.conn = await this.engine.connect(
        HOST,
        Comlink.proxy((ev: EngineEvent) => {
          if (ev.kind === 'closed') {
            this.closed = true;
            this.print('note', 'Connection closed.');
            this.waiting?.done();
          } else this.output(ev.bytes);
          greeted();
        }),
      );
      await Promise.race([greeting, sleep(STEP_WAIT_MS)]);
    })();
    return this.started;
  }

  /** Sends one line and waits for its tagged answer (or a `+`, or a while). */
  private async send(line: string): Promise<void> {
    if (!this.engine || this.closed) return;
    this.print('c', line);
    // After the server's `+`, the line continues the open command: wait for that command's tag.
    const tag = this.continued ? this.openTag : line.split(' ')[0];
    this.openTag = tag;
    const answered = new Promise<void>((done) => (this.waiting = { tag, done }));
    await this.engine.send(this.conn, line + '\r\n');
    // A line sent after the server's `+` (literal octets, an AUTHENTICATE answer, DONE) belongs
    // to the open command, which is how the playground's replay expects it.
    if (this.continued && this.sent.length) this.sent[this.sent.length - 1].push(line);
    else this.sent.push([line]);
    this.continued = false;
    this.updateTry();
    await Promise.race([answered, sleep(STEP_WAIT_MS)]);
    this.waiting = null;
  }

  private output(bytes: Uint8Array): void {
    const text = this.partial + new TextDecoder().decode(bytes);
    const lines = text.split('\r\n');
    this.partial = lines.pop() ?? '';
    for (const l of lines) {
      const tagged = this.waiting && l.startsWith(this.waiting.tag + ' ');
      // Colour the completions (tagged) and BYE; other untagged data stays plain.
      const kind = /^[^*+ ]+ OK\b/.test(l) ? 'ok' : /^[^*+ ]+ NO\b/.test(l) ? 'no' : /^[^*+ ]+ BAD\b|^\* BYE\b/.test(l) ? 'bad' : 's';
      this.print(kind, l);
      this.continued = l.startsWith('+');
      if (tagged || (this.waiting && l.startsWith('+'))) this.waiting?.done();
    }
  }

  private print(kind: string, text: string): void {
    const line = el('span', kind);
    // Text only: what the server says never becomes markup.
    line.textContent = (kind === 'c' ? 'C: ' : kind === 'note' ? '' : 'S: ') + text + '\n';
    this.screen.append(line);
    while (this.screen.childNodes.length > MAX_SCREEN_LINES) this.screen.firstChild?.remove();
    this.screen.scrollTop = this.screen.scrollHeight;
  }

  private showNext(): void {
    const left = this.script.length - this.pos;
    this.next.textContent = left && !this.closed ? `next: ${this.script[this.pos]}${left > 1 ? `  (+${left - 1} more)` : ''}` : 'no more lines: type your own below';
    this.runBtn.disabled = this.stepBtn.disabled = !left || this.closed || this.busy;
  }

  /** "Try it yourself": the playground, replaying what was sent here on a fresh store. */
  private updateTry(): void {
    if (!this.sent.length) {
      this.tryLink.href = playgroundUrl('');
      return;
    }
    const host = this.dialect === 'imap2' ? 'imap.south.example' : HOST;
    void encodeShare({ v: 1, host, commands: this.sent }).then((code) => (this.tryLink.href = playgroundUrl(`#replay=${code}`)));
  }
}

/**
 * The full playground next to this script (dist/embed/ → dist/). The base goes through a
 * variable: Vite would read `new URL(template, import.meta.url)` as an asset pattern.
 */
const scriptUrl = import.meta.url;
const playgroundUrl = (hash: string) => new URL('../' + hash, scriptUrl).href;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const el = (tag: string, cls: string) => Object.assign(document.createElement(tag), { className: cls });
function button(label: string, onclick: () => void, type: 'button' | 'submit' = 'button'): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = type;
  b.textContent = label;
  if (type === 'button') b.addEventListener('click', onclick);
  return b;
}

/** `<pre class="mail-session" data-dialect=… data-scenario=…>` becomes a `<mail-session>`. */
export function upgradePres(root: ParentNode = document): void {
  for (const pre of Array.from(root.querySelectorAll('pre.mail-session'))) {
    const s = document.createElement('mail-session');
    for (const a of ['dialect', 'scenario']) {
      const v = pre.getAttribute(`data-${a}`) ?? pre.getAttribute(a);
      if (v) s.setAttribute(a, v);
    }
    s.textContent = pre.textContent;
    pre.replaceWith(s);
  }
}

if (!customElements.get('mail-session')) customElements.define('mail-session', MailSession);
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => upgradePres());
else upgradePres();
