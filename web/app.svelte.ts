import { EngineClient, type DialectInfo, type HostConfig, type ImspModeInfo, type StateView, type StoreSnapshot } from './engine';
import { IMAP3_V3_COMMANDS, IMSP_COMMANDS, POP3_COMMANDS } from './imap/keywords';
import { kv } from './persist/db';
import { salvageTabs, validateHistory, validateSettings, validateTabs, type SavedTab, type Settings } from './persist/saved';
import type { ExportFile } from './persist/exchange';
import type { KeptAside } from './persist/aside';
import type { SharedSession } from './persist/share';
import { Session, type Entry } from './terminal/session';
import { validateCourse } from './lessons/progress';
import { deltaEntries, forSaving, takeUnloadState, writeUnloadState } from './terminal/unload-save';

/** More connections than this would only crowd the strip (and the saved list holds 50). */
export const MAX_TABS = 20;

/** The note over restored tabs: after a reload, or on a later visit (a new tab, a shared link). */
const RELOADED = 'Page reloaded';
const REVISITED = 'Restored from your last visit';

/**
 * A restored transcript ends with the previous reload's note and greeting when nothing was
 * typed since: drop them, so reloading again and again does not pile them up.
 */
function dropReloadResidue(entries: Entry[]): Entry[] {
  const dec = new TextDecoder();
  let at = -1;
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.dir === 'C') return entries;
    const head = e.dir === 'N' ? dec.decode(e.bytes.subarray(0, 40)) : '';
    if (head.startsWith(RELOADED) || head.startsWith(REVISITED)) {
      at = i;
      break;
    }
  }
  return at < 0 ? entries : entries.slice(0, at);
}

/**
 * The page's state and the things that change it: tabs (sessions), settings, the engine's
 * state as last inspected, and persistence. Components read it; only this class writes.
 */
export class AppState {
  engine: EngineClient;
  ready = $state(false);
  hosts = $state.raw<HostConfig[]>([]);
  dialects = $state.raw<Map<string, DialectInfo>>(new Map());
  /** IMSP modes by name (`cyrus-1.8`, `draft-1995`): commands, syntax, references. */
  imspModes = $state.raw<Map<string, ImspModeInfo>>(new Map());
  sessions = $state.raw<Session[]>([]);
  activeKey = $state<string | null>(null);
  settings = $state<Settings>({ theme: 'auto', autoTag: true, screenReader: false });
  /** Bumped whenever a session's status, login or transcript changes. */
  tick = $state(0);
  /**
   * The plain command line's text (web/ui/MobileInput.svelte: phones and screen-reader mode).
   * Kept here so that "Show me" can put a lesson's command where the student types.
   */
  lineDraft = $state('');
  view = $state.raw<StateView | null>(null);
  inspected = $state.raw<{ key: string; n: number } | null>(null);
  pendingShare = $state.raw<SharedSession | null>(null);
  toast = $state<string | null>(null);
  /** Saved data that could not be restored and was kept aside (shown until dismissed). */
  aside = $state.raw<KeptAside | null>(null);
  /**
   * A shared replay runs in a throwaway store: while this is true the store is not saved, so
   * the student's own mail stays in IndexedDB untouched (and comes back on reload or with
   * leaveReplaySandbox).
   */
  replaySandbox = $state(false);
  /**
   * Set by the page once the lesson controller has loaded (it loads after the prompt): where
   * the student is in a lesson (a shared link carries it), and how to open a lesson at a step.
   */
  lessonLink: LessonLink | null = null;
  embed: boolean;
  history: string[] = [];
  /**
   * Terminals register here to be typed into ("Show me" in a lesson): the text appears in the
   * line editor as if typed; with `submit` it is entered.
   */
  typers = new Map<string, (text: string, submit: boolean) => Promise<void>>();
  /** A lesson's name for a tab (its connection role: `a`, `b`, `imsp`…), shown on the tab. */
  tabRoles = $state<Record<string, string>>({});
  /** Called after an import replaced the saved state (the lesson panel re-reads its progress). */
  importListeners = new Set<() => void | Promise<void>>();
  private lastVersion = -1;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private snapTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  /** Per tab, the last entry number that reached IndexedDB (the rest goes out at pagehide). */
  private savedUpTo = new Map<string, number>();

  constructor() {
    this.embed = new URLSearchParams(location.search).get('embed') === '1';
    this.engine = new EngineClient();
    this.engine.onNotice((n) => {
      if (n.kind === 'restarted') void this.afterRestart(n.reason);
    });
  }

  get active(): Session | undefined {
    return this.sessions.find((s) => s.key === this.activeKey);
  }

  async init(): Promise<void> {
    const [hosts, dialects] = await Promise.all([this.engine.hosts(), this.engine.dialectInfo()]);
    this.hosts = hosts;
    this.dialects = new Map(dialects.map((d) => [d.name, d]));
    // The earlier eras' dialects come with their own chunk, after the prompt (the switcher,
    // completion and the inspector fill in when it arrives).
    void this.engine.allDialects().then(
      (all) => {
        this.dialects = new Map(all.map((d) => [d.name, d]));
        this.tagWordCache = null;
      },
      () => undefined,
    );
    // IMSP's command tables come with its server, loaded after the prompt (completion and the
    // inspector fall back to the plain command list until then).
    void this.engine.imspModes().then(
      (modes) => {
        this.imspModes = new Map(modes.map((m) => [m.mode, m]));
        this.tagWordCache = null;
      },
      () => undefined,
    );
    await this.applySavedDialects();
    const [snap, tabs, history, settings, savedActive, openKeys] = await Promise.all([
      kv.get<StoreSnapshot>('snapshot'),
      kv.get<SavedTab[]>('tabs'),
      kv.get<string[]>('history'),
      kv.get<Settings>('settings'),
      kv.get<string>('active'),
      kv.get<string[]>('tabsOpen'),
    ]);
    let active = savedActive;
    this.settings = validateSettings(settings);
    this.history = validateHistory(history);
    if (snap) {
      try {
        // The worker checks it with the store's own rules (worker/store/valid.ts) before use.
        await this.engine.restore(snap);
      } catch (e) {
        // Never deleted: kept under its own key, and the student is told (AsideNotice).
        await this.keepAside('snapshot', snap, e);
      }
    } else await this.engine.snapshot();
    let saved: SavedTab[] = salvageTabs(tabs);
    // Which connections were open: a tab whose connection had closed comes back closed.
    let open = new Set(Array.isArray(openKeys) ? openKeys.filter((k) => typeof k === 'string') : saved.map((t) => t.key));
    // What IndexedDB holds; anything newer goes into the next pagehide delta.
    for (const t of saved) this.savedUpTo.set(t.key, t.entries.at(-1)?.n ?? 0);
    // What the last moments before the reload changed (see unload-save.ts): it wins.
    const delta = takeUnloadState();
    if (delta) {
      const merged: SavedTab[] = [];
      for (const d of delta.tabs) {
        const base = saved.find((t) => t.key === d.key)?.entries ?? [];
        try {
          const fresh = validateTabs([{ key: d.key, host: d.host, tagCounter: d.tagCounter, entries: d.entries }])[0];
          const first = fresh.entries[0]?.n ?? Infinity;
          merged.push({ ...fresh, entries: [...base.filter((e) => e.n < first), ...fresh.entries] });
        } catch {
          const t = saved.find((x) => x.key === d.key);
          if (t) merged.push(t);
        }
      }
      saved = merged;
      open = new Set(delta.tabs.filter((t) => t.open).map((t) => t.key));
      if (delta.active) active = delta.active;
    }
    if (this.embed) saved = saved.slice(0, 1);
    const nav = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
    const restored = nav?.type === 'reload' ? RELOADED : REVISITED;
    for (const t of saved.slice(0, MAX_TABS)) {
      if (!this.hosts.some((h) => h.name === t.host)) continue;
      const s = this.makeSession(this.hosts.find((h) => h.name === t.host)!, t.key);
      const entries = dropReloadResidue(t.entries);
      s.restoreEntries(entries, t.tagCounter);
      this.sessions = [...this.sessions, s];
      // What happened to the mail: kept, or (rarely) kept aside with the sample mail in its place.
      const mail = this.aside ? 'the saved mail could not be restored and was kept aside (see the notice above); this is the sample mail' : 'the mail store was kept';
      if (open.has(t.key)) {
        if (entries.length) s.note(`${restored}: ${mail}; reconnected to ${t.host} (log in again).`, this.aside ? 'warn' : undefined);
        void s.connect();
      } else if (entries.length) s.note(`${restored}: ${mail}; this connection was closed before — press Enter to connect again.`, this.aside ? 'warn' : undefined);
    }
    // The merged delta (and the dropped reload notes) reach IndexedDB now, not at the next change.
    if (delta) void this.saveNow();
    if (!this.sessions.length && this.hosts.length) {
      const s = await this.openTab(this.hosts[0].name);
      // A phone's terminal has about 11 rows and no Tab or Esc key: a shorter note, of what it has.
      const phone = matchMedia('(pointer: coarse), (max-width: 600px)').matches;
      s?.note(
        phone
          ? 'Welcome! Type IMAP commands in the box below and press Send; tags are added for you. Tap a line to have it explained.'
          : 'Welcome! Type IMAP commands and press Enter; tags are added for you (to choose your own, type it ' +
              'first: x1 NOOP). Tab completes, ↑/↓ recall, Ctrl-C abandons a line, Esc then Tab leaves the ' +
              'terminal. Click any line to have it explained.',
      );
    }
    this.activeKey = this.sessions.some((s) => s.key === active) ? active! : (this.sessions[0]?.key ?? null);
    this.ready = true;
    this.pollTimer = setInterval(() => void this.poll(), 400);
    void this.poll();
    await this.checkHash();
    addEventListener('hashchange', () => void this.checkHash());
    addEventListener('pagehide', () => {
      this.saveUnload();
      void this.saveNow();
    });
  }

  /** Keeps saved data that failed to restore aside (IndexedDB) and shows the notice. */
  async keepAside(source: KeptAside['source'], value: unknown, err: unknown): Promise<void> {
    const reason = err instanceof Error ? err.message : String(err);
    try {
      const { keepAside } = await import('./persist/aside');
      this.aside = await keepAside(source, value, reason);
    } catch {
      this.aside = { key: '', source, reason, at: new Date().toISOString() };
    }
  }

  commandsFor(host: HostConfig): string[] {
    if (host.protocol === 'pop3') return POP3_COMMANDS;
    if (host.protocol === 'imsp') return this.imspModes.get(host.dialect)?.commands.map((c) => c.name) ?? IMSP_COMMANDS;
    const d = this.dialects.get(host.dialect);
    return d ? d.commands.map((c) => c.name) : [];
  }

  private tagWordCache: Set<string> | null = null;

  /**
   * The words that get an auto tag: every command of every dialect and IMSP mode. A command
   * the connected server does not know still goes out tagged, so its answer is the server's
   * `a1 BAD …` (a lesson in itself) rather than the word being taken for a tag.
   */
  tagWords(): Set<string> {
    if (this.tagWordCache?.size) return this.tagWordCache;
    const words = new Set<string>([...IMSP_COMMANDS, ...IMAP3_V3_COMMANDS]);
    for (const d of this.dialects.values()) for (const c of d.commands) words.add(c.name);
    for (const m of this.imspModes.values()) for (const c of m.commands) words.add(c.name);
    return (this.tagWordCache = words);
  }

  private makeSession(host: HostConfig, key?: string): Session {
    const s: Session = new Session(
      this.engine,
      host,
      {
        autoTag: () => this.settings.autoTag,
        commands: () => this.tagWords(),
        remember: (line) => this.remember(line),
        currentHost: () => this.hosts.find((h) => h.name === host.name) ?? s.host,
        suggest: (word) => this.suggest(word, this.hosts.find((h) => h.name === host.name) ?? s.host),
      },
      key,
    );
    s.subscribe((e) => {
      this.tick++;
      if (e.kind !== 'state') this.scheduleSave();
    });
    return s;
  }

  /**
   * Did you mean …: the note under a refused command word, from this host's commands and every
   * other dialect's and protocol's (loaded on the first refusal, not with the page).
   */
  private async suggest(word: string, host: HostConfig): Promise<string | null> {
    const { suggestCommand } = await import('./terminal/didyoumean');
    // The likeliest homes first: the host's own protocol, then IMAP, newest era first.
    const worlds = [
      ...[...this.dialects.values()].reverse().map((d) => ({ key: d.name, protocol: 'imap', title: d.title, commands: d.commands.map((c) => c.name) })),
      ...[...this.imspModes.values()].map((m) => ({ key: m.mode, protocol: 'imsp', title: m.title, commands: m.commands.map((c) => c.name) })),
      { key: 'rfc1939', protocol: 'pop3', title: 'POP3 (RFC 1939)', commands: POP3_COMMANDS },
    ];
    const rank = (protocol: string) => (protocol === host.protocol ? 0 : protocol === 'imap' ? 1 : 2);
    const here = worlds.find((w) => w.key === host.dialect);
    return suggestCommand(word, {
      here: this.commandsFor(host),
      hereTitle: here?.title ?? host.dialect,
      elsewhere: worlds.filter((w) => w !== here && w.title !== here?.title).sort((a, b) => rank(a.protocol) - rank(b.protocol)),
    });
  }

  private remember(line: string): void {
    if (this.history[this.history.length - 1] !== line) this.history.push(line);
    if (this.history.length > 300) this.history.splice(0, this.history.length - 300);
    this.historyListeners.forEach((fn) => fn(this.history));
  }

  historyListeners = new Set<(h: string[]) => void>();

  /**
   * "Connect" to a host: the tab already open to it (reconnected if its connection closed),
   * or a new tab when there is none. "+" (openTab) is the way to a second connection.
   */
  async connectTo(hostName: string): Promise<Session | undefined> {
    const dialect = this.hosts.find((h) => h.name === hostName)?.dialect;
    // A tab fits when it is closed (it reconnects in the host's dialect of now) or open in
    // that dialect; an open one in the dialect the host spoke before stays as it is.
    const fits = (s: Session) => s.host.name === hostName && (s.status === 'closed' || s.host.dialect === dialect);
    const here = this.active && fits(this.active) ? this.active : this.sessions.find(fits);
    if (!here) return this.openTab(hostName);
    this.select(here.key);
    if (here.status === 'closed') await here.connect();
    return here;
  }

  async openTab(hostName: string): Promise<Session | undefined> {
    const host = this.hosts.find((h) => h.name === hostName);
    if (!host) return;
    if (this.sessions.length >= MAX_TABS) {
      this.flash(`At most ${MAX_TABS} connections: close one first.`);
      return;
    }
    const s = this.makeSession(host);
    this.sessions = [...this.sessions, s];
    this.activeKey = s.key;
    await s.connect();
    this.scheduleSave();
    return s;
  }

  async closeTab(key: string): Promise<void> {
    const s = this.sessions.find((x) => x.key === key);
    if (!s) return;
    const i = this.sessions.indexOf(s);
    this.sessions = this.sessions.filter((x) => x !== s);
    if (this.activeKey === key) this.activeKey = this.sessions[Math.min(i, this.sessions.length - 1)]?.key ?? null;
    if (this.inspected?.key === key) this.inspected = null;
    this.savedUpTo.delete(key);
    // Saved at once: a reload right after closing must not bring the tab back.
    await this.saveNow();
    await s.close();
  }

  select(key: string): void {
    this.activeKey = key;
    void kv.set('active', key);
  }

  setSetting<K extends keyof Settings>(k: K, v: Settings[K]): void {
    this.settings[k] = v;
    void kv.set('settings', $state.snapshot(this.settings));
    if (k === 'theme') {
      try {
        localStorage.setItem('mpp-theme', String(v));
      } catch {
        /* storage may be off: the theme then lasts for this visit */
      }
    }
  }

  // --- engine state ----------------------------------------------------------------------

  private async poll(): Promise<void> {
    let v: number;
    try {
      v = await this.engine.version();
    } catch {
      return;
    }
    if (v === this.lastVersion) return;
    this.lastVersion = v;
    try {
      this.view = await this.engine.inspect();
    } catch {
      return;
    }
    clearTimeout(this.snapTimer);
    this.snapTimer = setTimeout(() => void this.saveSnapshot(), 300);
  }

  private async saveSnapshot(): Promise<void> {
    if (this.replaySandbox) return;
    try {
      const snap = await this.engine.snapshot();
      await kv.set('snapshot', snap);
    } catch {
      /* the worker was replaced meanwhile; the next change saves again */
    }
  }

  private async afterRestart(reason: string): Promise<void> {
    // A fresh worker starts with the default dialects: give the hosts theirs back first.
    await this.applySavedDialects();
    for (const s of this.sessions) {
      s.note(`The engine stopped answering (${reason}); it was restarted from the last snapshot. Reconnecting…`, 'warn');
      if (s.status === 'closed') void s.connect();
    }
    this.lastVersion = -1;
    void this.poll();
  }

  // --- host dialects (IMAP dialect / IMSP mode per host) -------------------------------------

  /** Switches a host's dialect or IMSP mode for new connections; open ones keep theirs. */
  async setHostDialect(hostName: string, dialect: HostConfig['dialect']): Promise<void> {
    this.hosts = await this.engine.setHostDialect(hostName, dialect);
    const saved = (await kv.get<Record<string, string>>('hostDialects').catch(() => undefined)) ?? {};
    saved[hostName] = dialect;
    await kv.set('hostDialects', { ...saved }).catch(() => undefined);
    this.tick++;
  }

  /** Re-applies the dialects chosen earlier (kept across reloads and worker restarts). */
  private async applySavedDialects(): Promise<void> {
    let saved: unknown;
    try {
      saved = await kv.get('hostDialects');
    } catch {
      return;
    }
    if (!saved || typeof saved !== 'object') return;
    for (const [name, d] of Object.entries(saved as Record<string, unknown>)) {
      const h = this.hosts.find((x) => x.name === name);
      if (!h || typeof d !== 'string' || d === h.dialect) continue;
      if (h.protocol === 'pop3') continue;
      // The engine checks the name (a dialect's or IMSP mode's tables may not be loaded yet).
      try {
        this.hosts = await this.engine.setHostDialect(name, d as HostConfig['dialect']);
      } catch {
        /* a dialect this engine does not serve: keep the default */
      }
    }
  }

  // --- persistence -----------------------------------------------------------------------

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveNow(), 250);
  }

  tabsData(): SavedTab[] {
    return this.sessions.map((s) => ({ key: s.key, host: s.host.name, tagCounter: s.tagCounter, entries: forSaving(s.entries) }));
  }

  async saveNow(): Promise<void> {
    clearTimeout(this.saveTimer);
    const tabs = this.tabsData();
    await Promise.all([
      kv.set('tabs', tabs),
      kv.set('tabsOpen', this.sessions.filter((s) => s.status !== 'closed').map((s) => s.key)),
      kv.set('history', this.history.slice()),
      this.activeKey ? kv.set('active', this.activeKey) : Promise.resolve(),
    ]);
    for (const t of tabs) this.savedUpTo.set(t.key, Math.max(this.savedUpTo.get(t.key) ?? 0, t.entries.at(-1)?.n ?? 0));
  }

  /** At pagehide: what IndexedDB may not get in time goes to sessionStorage (unload-save.ts). */
  private saveUnload(): void {
    writeUnloadState({
      active: this.activeKey,
      tabs: this.sessions.map((s) => ({
        key: s.key,
        host: s.host.name,
        tagCounter: s.tagCounter,
        open: s.status !== 'closed',
        entries: deltaEntries(s.entries, this.savedUpTo.get(s.key) ?? 0),
      })),
    });
  }

  /** Saves everything now (tests call it before a reload; pagehide does too). */
  async flush(): Promise<void> {
    clearTimeout(this.snapTimer);
    await Promise.all([this.saveNow(), this.saveSnapshot()]);
  }

  /** Closes every connection, replaces the store, and reconnects each tab. */
  private async replaceStore(action: () => Promise<void>, why: string): Promise<void> {
    for (const s of this.sessions) await s.close();
    await action();
    this.lastVersion = -1;
    await this.poll();
    await this.saveSnapshot();
    for (const s of this.sessions) {
      s.note(why);
      void s.connect();
    }
  }

  /**
   * Replaces the store with every tab closed: `action` swaps it (a lesson's scenario, or the
   * sandbox given back), then the state panel and the saved snapshot follow.
   */
  async swapStore(action: () => Promise<void>): Promise<void> {
    // A lesson's store (or the sandbox it gives back) replaces any replay sandbox, and is saved.
    this.replaySandbox = false;
    for (const s of [...this.sessions]) await this.closeTab(s.key);
    await action();
    this.lastVersion = -1;
    await this.poll();
    await this.saveSnapshot();
  }

  async reset(scenario = 'default'): Promise<void> {
    await this.replaceStore(() => this.engine.reset(scenario), `The mail store was reset to the “${scenario}” scenario.`);
    this.flash('Mail reset to the sample scenario.');
  }

  /** Forgets everything: store, tabs, history. */
  async resetAll(): Promise<void> {
    for (const s of [...this.sessions]) await this.closeTab(s.key);
    this.history = [];
    this.historyListeners.forEach((fn) => fn([]));
    const { clearKeepingAside } = await import('./persist/aside');
    await clearKeepingAside();
    this.replaySandbox = false;
    await this.engine.reset('default');
    await this.saveSnapshot();
    this.lastVersion = -1;
    await this.poll();
    if (this.hosts.length) await this.openTab(this.hosts[0].name);
    this.flash('Everything was reset.');
  }

  async exportFile(): Promise<string> {
    const snap = await this.engine.snapshot();
    const file: ExportFile = {
      format: 'mpp-export/1',
      exportedAt: new Date().toISOString(),
      snapshot: snap,
      tabs: this.tabsData(),
      history: this.history.slice(),
      settings: $state.snapshot(this.settings),
      lessons: validateCourse(await kv.get('lessons').catch(() => undefined)),
    };
    // Files are rare: their code loads when first needed, not at start.
    const { exportText } = await import('./persist/exchange');
    return exportText(file);
  }

  async importFile(text: string): Promise<void> {
    const { importText } = await import('./persist/exchange');
    const f = importText(text);
    this.replaySandbox = false; // an import is the student's own mail again: saved from now on
    for (const s of [...this.sessions]) await this.closeTab(s.key);
    if (f.snapshot) await this.engine.restore(f.snapshot);
    else await this.engine.reset('default');
    this.lastVersion = -1;
    await this.saveSnapshot();
    this.settings = f.settings;
    void kv.set('settings', f.settings);
    this.history = f.history;
    this.historyListeners.forEach((fn) => fn(this.history));
    for (const t of f.tabs) {
      const host = this.hosts.find((h) => h.name === t.host);
      if (!host) continue;
      const s = this.makeSession(host);
      s.restoreEntries(t.entries, t.tagCounter);
      s.note(`Imported; reconnected to ${host.name}.`);
      this.sessions = [...this.sessions, s];
      void s.connect();
    }
    if (!this.sessions.length && this.hosts.length) await this.openTab(this.hosts[0].name);
    this.activeKey = this.sessions[0]?.key ?? null;
    await this.saveNow();
    if (f.lessons) {
      await kv.set('lessons', f.lessons).catch(() => undefined);
      for (const fn of this.importListeners) await fn();
    }
    this.flash('Imported.');
  }

  // --- sharing ---------------------------------------------------------------------------

  async shareUrl(): Promise<string | null> {
    const s = this.active;
    if (!s) return null;
    // Sharing is occasional: its code loads on first use, not at start.
    const { commandsOf, encodeShare } = await import('./persist/share');
    const commands = commandsOf(s.entries);
    // In a lesson, the link also says which lesson, which step and which of its connections.
    const lesson = this.lessonLink?.position(s.key) ?? undefined;
    const code = await encodeShare({ v: 1, host: s.host.name, commands, ...(lesson ? { lesson } : {}) });
    const url = new URL(location.href);
    url.hash = `replay=${code}`;
    return url.href;
  }

  private async checkHash(): Promise<void> {
    const hash = location.hash;
    if (!hash.startsWith('#replay=')) return;
    // The hash goes first: a link that hangs or crashes the decoder is not tried again on reload.
    history.replaceState(null, '', location.pathname + location.search);
    const m = /^#replay=([A-Za-z0-9_-]+)$/.exec(hash);
    const { decodeShare, SHARE_LIMITS, ShareError } = await import('./persist/share');
    try {
      if (!m) throw new ShareError('damaged');
      this.pendingShare = await decodeShare(m[1]);
    } catch (e) {
      this.flash(
        e instanceof ShareError && e.why === 'too-large'
          ? `That shared link is too large (over ${SHARE_LIMITS.maxJsonOctets / 1024 / 1024} MiB once unpacked) and was ignored.`
          : 'That shared link is damaged and was ignored.',
      );
    }
  }

  /**
   * Replays a shared session in a new tab, one command at a time: in a fresh sandbox (sample
   * mail, not saved), or on the student's own mail — never that in embed mode, where a framing
   * page could have chosen the link.
   */
  async replay(share: SharedSession, where: 'sandbox' | 'mine' | 'lesson'): Promise<void> {
    this.pendingShare = null;
    if (where === 'lesson' && share.lesson) {
      // A lesson has its own mail (the student's is saved and given back on leaving it): the
      // lesson opens, the commands run on its connection, and it is left at the shared step.
      await waitFor(() => this.lessonLink !== null, 15_000);
      const link = this.lessonLink;
      const s = link ? await link.open(share.lesson.id, share.lesson.role) : undefined;
      if (!link || !s) {
        this.flash(`The shared lesson “${share.lesson.id}” could not be opened here.`);
        return;
      }
      await this.replayInto(s, share);
      link.goTo(share.lesson.step);
      return;
    }
    if (where === 'sandbox' || this.embed) {
      if (!this.replaySandbox) await this.flush();
      this.replaySandbox = true;
      await this.replaceStore(
        () => this.engine.reset('default'),
        'A sandbox with the sample mail was opened for a shared replay; your own mail is saved and comes back with “Back to my mail” or a reload.',
      );
    }
    const host = this.hosts.find((h) => h.name === share.host)?.name ?? this.hosts[0]?.name;
    if (!host) return;
    const s = await this.openTab(host);
    if (!s) return;
    await this.replayInto(s, share);
  }

  /** Types a shared session's commands into a tab, one command at a time. */
  private async replayInto(s: Session, share: SharedSession): Promise<void> {
    const { literalBytes } = await import('./persist/share');
    s.note(`Replaying a shared session: ${share.commands.length} command(s).`);
    await waitFor(() => s.entries.some((e) => e.dir === 'S'), 3000);
    for (const cmd of share.commands) {
      if (s.status !== 'open') break;
      const done = new Promise<void>((resolve) => {
        const [first, ...rest] = cmd;
        if (typeof first !== 'string') return resolve();
        s.enter(first, () => resolve());
        for (const it of rest) {
          if (typeof it === 'string') s.enter(it);
          else s.enterBytes(literalBytes(it));
        }
      });
      // IDLE and other long-running commands do not complete until the next line: move on.
      await Promise.race([done, sleep(1500)]);
    }
    s.note('Replay finished. The connection is yours now.');
  }

  /** The student's own mail: in a replay sandbox the saved copy, else the engine's store. */
  async ownSnapshot(): Promise<StoreSnapshot> {
    if (this.replaySandbox) {
      const saved = await kv.get<StoreSnapshot>('snapshot').catch(() => undefined);
      if (saved) return saved;
    }
    return this.engine.snapshot();
  }

  /** Leaves the replay sandbox: the student's saved mail is restored. */
  async leaveReplaySandbox(): Promise<void> {
    const snap = await kv.get<StoreSnapshot>('snapshot').catch(() => undefined);
    this.replaySandbox = false;
    await this.replaceStore(async () => {
      try {
        if (snap) await this.engine.restore(snap);
        else await this.engine.reset('default');
      } catch (e) {
        await this.keepAside('snapshot', snap, e);
        await this.engine.reset('default');
      }
    }, 'Back to your own mail.');
  }

  flash(msg: string): void {
    this.toast = msg;
    setTimeout(() => {
      if (this.toast === msg) this.toast = null;
    }, 4000);
  }

  inspect(key: string, n: number): void {
    this.inspected = { key, n };
  }

  inspectedEntry(): { session: Session; entry: Entry } | null {
    void this.tick;
    const i = this.inspected;
    if (!i) return null;
    const session = this.sessions.find((s) => s.key === i.key);
    const entry = session?.entries.find((e) => e.n === i.n);
    return session && entry ? { session, entry } : null;
  }

  /** Whether the student types into the plain command line rather than the terminal. */
  lineFieldInUse(): boolean {
    const field = document.getElementById('mobile-line');
    return !!field && field.offsetParent !== null;
  }
}

/** What the lesson controller offers the page for shared links (set once it has loaded). */
export interface LessonLink {
  /** The active lesson, its current step and the role of this tab in it; null outside a lesson or for another tab. */
  position(tabKey: string): { id: string; step: number; role: string } | null;
  /** Starts a lesson (its own mail; the student's is saved) and gives the tab of one of its connections. */
  open(id: string, role: string): Promise<Session | undefined>;
  /** Moves the running lesson to a step. */
  goTo(step: number): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await sleep(30);
}
