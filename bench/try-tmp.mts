import { realClientRows } from './clients';
const n = Number(process.argv[2] ?? 1000);
const r = await realClientRows(n, (row) => console.log(row.row.padEnd(56), row.ours.toFixed(1), row.dovecot?.toFixed(1), row.dovecot ? (row.ours / row.dovecot).toFixed(2) : ''));
console.log(r);
