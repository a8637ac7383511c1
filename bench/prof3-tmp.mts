import { MailNetwork } from '../worker/network';
import { scenarioStore } from '../worker/node/engine';
import { syntheticMessage } from './mail';
const enc = new TextEncoder();
const store = scenarioStore('empty');
const inbox = store.mailbox(store.account('alice')!, 'INBOX')!;
const N = Number(process.argv[3] ?? 100000);
for (let i = 0; i < N; i++) store.append(inbox, enc.encode(syntheticMessage(i)), i % 3 ? ['\\Seen'] : [], Date.UTC(2024, 0, 1) + i * 3600_000, 0);
const net = new MailNetwork(store, [{ name: 'imap', protocol: 'imap', dialect: 'imap4rev1', port: 143 }]);
let last = '';
const conn = net.connect('imap', { output: (b) => { last = Buffer.from(b).toString('latin1').slice(0, 80); }, closed: () => {} });
const cmd = (l: string) => conn.write(enc.encode(l + '\r\n'));
cmd('a LOGIN alice wonderland'); cmd('b SELECT INBOX');
for (const q of process.argv[2].split('|')) {
  const c0 = process.cpuUsage(); const t = performance.now();
  cmd('x ' + q);
  const c = process.cpuUsage(c0);
  console.log(q.padEnd(40), ((c.user + c.system) / 1000).toFixed(0), 'ms cpu', (performance.now() - t).toFixed(0), 'ms wall', last.length);
}
