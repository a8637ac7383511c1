import { visibleText } from './visible';

/**
 * A readline-like editor drawn with plain VT sequences. It owns the rows from the start of the
 * prompt to the end of the input; whoever writes other output first calls `hide()` (which
 * returns the sequence that erases the input) and then `render()`. xterm itself never echoes.
 */

export interface EditorHost {
  write(s: string): void;
  cols(): number;
  /** The prompt, already styled; `width` is its width in cells. */
  prompt(): { text: string; width: number };
}

export interface EditorEvents {
  line(text: string): void;
  interrupt(): void;
  clearScreen(): void;
  complete(before: string): { start: number; candidates: string[] } | null;
  /**
   * A paste too big to edit (a message for APPEND): handed over whole, line ends included,
   * with what was typed before it in front. Without this handler it is split into lines.
   */
  bulk?(text: string): void;
}

/** Pastes longer than this skip the line editor (one character per cell would take seconds). */
export const BULK_PASTE = 8192;

const CTL_ON = '\x1b[4;1m';
const CTL_OFF = '\x1b[24;22m';
const HISTORY_MAX = 300;

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** How one typed character is drawn: control characters as stand-ins, never raw. */
function cell(ch: string): { text: string; width: number } {
  const pieces = visibleText(ch);
  if (pieces.length === 1 && !pieces[0].ctl) {
    const cp = ch.codePointAt(0)!;
    return { text: ch, width: isWide(cp) ? 2 : 1 };
  }
  const text = pieces.map((p) => p.text).join('');
  return { text: CTL_ON + text + CTL_OFF, width: [...text].length };
}

const SEQ = /^\x1b(?:\[[0-9;?]*[A-Za-z~]|O[A-Za-z]|[bfdBF\x7f])/;

export class LineEditor {
  private chars: string[] = [];
  private cur = 0;
  private history: string[] = [];
  private hIndex = 0;
  private draft: string[] = [];
  private shown = false;
  private cursorRow = 0;
  private quoteNext = false;
  private paste: string | null = null;
  private lastWasTab = false;
  /** A space the last completion added: dropped if Enter follows at once (IMAP rejects it). */
  private completionSpace = false;
  enabled = true;

  constructor(
    private host: EditorHost,
    private events: EditorEvents,
  ) {}

  get text(): string {
    return this.chars.join('');
  }

  setHistory(h: string[]): void {
    this.history = h.slice(-HISTORY_MAX);
    this.hIndex = this.history.length;
  }

  /** Erases the prompt and input; the cursor is left at the start of the prompt row. */
  hide(): string {
    if (!this.shown) return '';
    this.shown = false;
    return '\r' + (this.cursorRow ? `\x1b[${this.cursorRow}A` : '') + '\x1b[J';
  }

  render(): void {
    const cols = Math.max(2, this.host.cols());
    const p = this.host.prompt();
    let s = this.hide();
    s += p.text + '\x1b[0m';
    let total = p.width;
    let atCursor = p.width;
    this.chars.forEach((ch, i) => {
      const c = cell(ch);
      s += c.text;
      total += c.width;
      if (i < this.cur) atCursor += c.width;
    });
    // At an exact multiple of the width the cursor waits in the last column; force the wrap
    // so the row arithmetic below holds.
    if (total > 0 && total % cols === 0) s += ' \r\x1b[K';
    const endRow = Math.floor(total / cols);
    const row = Math.floor(atCursor / cols);
    const col = atCursor % cols;
    if (endRow > row) s += `\x1b[${endRow - row}A`;
    s += '\r' + (col ? `\x1b[${col}C` : '');
    this.cursorRow = row;
    this.shown = true;
    this.host.write(s);
  }

  private set(chars: string[], cur = chars.length): void {
    this.chars = chars;
    this.cur = cur;
  }

  /** Everything xterm's onData delivers: keys, escape sequences, bracketed pastes. */
  input(data: string): void {
    let i = 0;
    let dirty = false;
    while (i < data.length) {
      if (this.paste !== null) {
        const end = data.indexOf('\x1b[201~', i);
        if (end < 0) {
          this.paste += data.slice(i);
          return;
        }
        this.paste += data.slice(i, end);
        i = end + 6;
        const text = this.paste;
        this.paste = null;
        this.pasteText(text);
        dirty = true;
        continue;
      }
      if (data.startsWith('\x1b[200~', i)) {
        this.paste = '';
        i += 6;
        continue;
      }
      if (this.quoteNext) {
        // Quoted insert (Ctrl-Q): the next character goes in as it is, even ESC.
        this.quoteNext = false;
        const ch = String.fromCodePoint(data.codePointAt(i)!);
        this.insert(ch);
        i += ch.length;
        dirty = true;
        continue;
      }
      const m = data[i] === '\x1b' ? SEQ.exec(data.slice(i)) : null;
      const key = m ? m[0] : String.fromCodePoint(data.codePointAt(i)!);
      i += key.length;
      if (this.key(key)) dirty = true;
    }
    if (dirty && this.enabled) this.render();
  }

  private insert(s: string): void {
    const add = [...s];
    // No spread into splice's arguments: a pasted line can be millions of characters long.
    this.chars = this.chars.slice(0, this.cur).concat(add, this.chars.slice(this.cur));
    this.cur += add.length;
  }

  /** A multi-line paste submits every complete line in turn; the last part stays editable. */
  private pasteText(text: string): void {
    if (text.length > BULK_PASTE && this.events.bulk) {
      // What follows the last line end stays editable when it is short; the rest goes whole.
      const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
      const tail = cut >= 0 && text.length - cut - 1 <= 200 ? text.slice(cut + 1) : '';
      const whole = this.text + text.slice(0, text.length - tail.length);
      this.host.write(this.hide());
      this.set([...tail]);
      this.hIndex = this.history.length;
      this.events.bulk(whole);
      return;
    }
    const parts = text.split(/\r\n|\r|\n/);
    for (let k = 0; k < parts.length; k++) {
      this.insert(parts[k]);
      if (k < parts.length - 1) this.submit();
    }
  }

  private submit(): void {
    let line = this.text;
    if (this.completionSpace && line.endsWith(' ')) line = line.slice(0, -1);
    this.completionSpace = false;
    this.host.write(this.hide());
    this.set([]);
    this.hIndex = this.history.length;
    this.events.line(line);
  }

  private wordLeft(): number {
    let k = this.cur;
    while (k > 0 && this.chars[k - 1] === ' ') k--;
    while (k > 0 && this.chars[k - 1] !== ' ') k--;
    return k;
  }

  private wordRight(): number {
    let k = this.cur;
    while (k < this.chars.length && this.chars[k] === ' ') k++;
    while (k < this.chars.length && this.chars[k] !== ' ') k++;
    return k;
  }

  /** One key; returns whether the input needs redrawing. */
  private key(k: string): boolean {
    const wasTab = this.lastWasTab;
    this.lastWasTab = false;
    if (k !== '\r' && k !== '\n') this.completionSpace = false;
    switch (k) {
      case '\r':
      case '\n':
        this.submit();
        return true;
      case '\x7f':
      case '\b':
        if (this.cur > 0) this.chars.splice(--this.cur, 1);
        return true;
      case '\x1b[3~':
      case '\x04':
        if (this.cur < this.chars.length) this.chars.splice(this.cur, 1);
        return true;
      case '\x1b[D':
      case '\x02':
        this.cur = Math.max(0, this.cur - 1);
        return true;
      case '\x1b[C':
      case '\x06':
        this.cur = Math.min(this.chars.length, this.cur + 1);
        return true;
      case '\x1b[1;5D':
      case '\x1b[1;3D':
      case '\x1bb':
        this.cur = this.wordLeft();
        return true;
      case '\x1b[1;5C':
      case '\x1b[1;3C':
      case '\x1bf':
        this.cur = this.wordRight();
        return true;
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
      case '\x01':
        this.cur = 0;
        return true;
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
      case '\x05':
        this.cur = this.chars.length;
        return true;
      case '\x15':
        this.chars.splice(0, this.cur);
        this.cur = 0;
        return true;
      case '\x0b':
        this.chars.splice(this.cur);
        return true;
      case '\x17': {
        const k2 = this.wordLeft();
        this.chars.splice(k2, this.cur - k2);
        this.cur = k2;
        return true;
      }
      case '\x1b[A':
      case '\x10':
        if (this.hIndex === 0) return false;
        if (this.hIndex === this.history.length) this.draft = this.chars.slice();
        this.hIndex--;
        this.set([...this.history[this.hIndex]]);
        return true;
      case '\x1b[B':
      case '\x0e':
        if (this.hIndex >= this.history.length) return false;
        this.hIndex++;
        this.set(this.hIndex === this.history.length ? this.draft.slice() : [...this.history[this.hIndex]]);
        return true;
      case '\x03': {
        // Keep the abandoned line on screen, marked, like a shell does.
        this.cur = this.chars.length;
        this.render();
        this.host.write('\x1b[2m^C\x1b[0m\r\n');
        this.shown = false;
        this.set([]);
        this.hIndex = this.history.length;
        this.events.interrupt();
        return true;
      }
      case '\x0c':
        this.host.write(this.hide());
        this.events.clearScreen();
        return true;
      case '\x11':
        this.quoteNext = true;
        return false;
      case '\t':
        return this.complete(wasTab);
      default:
        if (k.length > 1 && k.startsWith('\x1b')) return false; // an unbound key
        if (k === '\x1b' || (k.length === 1 && k.charCodeAt(0) < 0x20)) return false;
        this.insert(k);
        return true;
    }
  }

  private complete(second: boolean): boolean {
    const before = this.chars.slice(0, this.cur).join('');
    const r = this.events.complete(before);
    this.lastWasTab = true;
    if (!r || r.candidates.length === 0) return false;
    const word = before.slice(r.start);
    const cands = r.candidates;
    let common = cands[0];
    for (const c of cands) {
      let n = 0;
      while (n < common.length && n < c.length && common[n].toUpperCase() === c[n].toUpperCase()) n++;
      common = common.slice(0, n);
    }
    const wordLen = [...word].length;
    if (cands.length === 1) {
      const space = !/[[(]$/.test(cands[0]);
      const add = cands[0] + (space ? ' ' : '');
      this.chars.splice(this.cur - wordLen, wordLen, ...add);
      this.cur += [...add].length - wordLen;
      this.completionSpace = space && this.cur === this.chars.length;
      return true;
    }
    if (common.length > word.length) {
      this.chars.splice(this.cur - wordLen, wordLen, ...common);
      this.cur += [...common].length - wordLen;
      return true;
    }
    if (second) {
      this.host.write(this.hide() + '\x1b[2m' + cands.join('  ') + '\x1b[0m\r\n');
      return true;
    }
    return false;
  }
}
