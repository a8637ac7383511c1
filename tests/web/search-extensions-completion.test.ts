import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../worker/api';
import '../../worker/dialects'; // every era's dialect, as in Node
import { readScenarioDir } from '../../worker/node/scenarios';
import { complete } from '../../web/terminal/complete';

/** Tab completion offers what the dialect's command table says its extensions add (the engine's own data). */
describe('completion of the search extensions and NOTIFY', () => {
  it('rev1 and rev2 offer RETURN and its options (RFC 4731, 5182, 5267), OLDER/YOUNGER (RFC 5032) and CANCELUPDATE; IMAP4 (RFC 1730) does not', () => {
    const info = new Engine({ default: readScenarioDir(fileURLToPath(new URL('../../content/scenarios/default', import.meta.url))) }).dialectInfo();
    const ctxOf = (name: string) => {
      const d = info.find((x) => x.name === name)!;
      const commandWords = Object.fromEntries(d.commands.filter((c) => c.words).map((c) => [c.name, c.words!]));
      return { commands: d.commands.map((c) => c.name), uidCommands: d.uidCommands, mailboxes: [], recent: d.recent, commandWords };
    };
    for (const name of ['imap4rev1', 'imap4rev2']) {
      const ctx = ctxOf(name);
      expect(complete('a SEARCH RET', ctx)?.candidates).toEqual(['RETURN']);
      expect(complete('a SEARCH RETURN (', ctx)?.candidates).toEqual(expect.arrayContaining(['MIN', 'MAX', 'COUNT', 'SAVE', 'UPDATE', 'PARTIAL']));
      expect(complete('a UID SEARCH RETURN (MIN) YOU', ctx)?.candidates).toEqual(['YOUNGER']);
      expect(complete('a SEARCH OLD', ctx)?.candidates).toEqual(name === 'imap4rev1' ? ['OLD', 'OLDER'] : ['OLDER']);
      expect(complete('a CANCEL', ctx)?.candidates).toEqual(['CANCELUPDATE']);
      // NOTIFY (RFC 5465): its keywords, filters and events.
      expect(complete('a NOTIFY S', ctx)?.candidates).toEqual(['SET', 'STATUS', 'SELECTED', 'SELECTED-DELAYED', 'SUBSCRIBED', 'SUBTREE', 'SubscriptionChange']);
      expect(complete('a NOTIFY SET (PERSONAL (MessageN', ctx)?.candidates).toEqual(['MessageNew']);
    }
    const imap4 = ctxOf('imap4');
    expect(complete('a SEARCH RET', imap4)?.candidates).toEqual([]);
    expect(complete('a SEARCH OLD', imap4)?.candidates).toEqual(['OLD']);
  });
});
