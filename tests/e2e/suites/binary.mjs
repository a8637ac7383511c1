// BINARY (RFC 3516) typed in the browser terminal: a literal8 `~{n}` counts its octets like a
// literal, FETCH BINARY answers with a literal8 the terminal shows, and `~{n}` where it is not
// allowed is refused before the `+` without leaving the terminal waiting for octets.
import { assert, command, login, open, text, type, waitText } from '../helpers.mjs';

export const tests = [
  {
    name: 'binary: APPEND with a literal8 ~{n}, FETCH BINARY decodes, ~{n} elsewhere is refused at once',
    async run({ page, base }) {
      await open(page, base);
      await login(page);
      // 19 + 45 + 2 + 11 octets, line ends included.
      await type(page, 'APPEND Sent ~{77}');
      await waitText(page, /^\+ OK/m);
      await type(page, 'MIME-Version: 1.0');
      await type(page, 'Content-Transfer-Encoding: quoted-printable');
      await type(page, '');
      await type(page, 'caf=C3=A9');
      await type(page, '');
      await waitText(page, /^a2 OK \[APPENDUID \d+ 1\]/m);
      await command(page, 'SELECT Sent');
      await command(page, 'FETCH 1 (BINARY.SIZE[1] BINARY.PEEK[1])');
      const t = await text(page);
      assert(/\* 1 FETCH \(BINARY\.SIZE\[1\] 7 BINARY\[1\] ~\{7\}/.test(t), `no literal8 answer:\n${t.split('\n').slice(-8).join('\n')}`);
      assert(/café/.test(t), 'the decoded octets are not shown');
      await type(page, 'SELECT ~{4}');
      await waitText(page, /^a5 BAD .*literal8 not allowed here/m);
      // Not waiting for 4 octets: the next line is a command of its own.
      await command(page, 'NOOP');
    },
  },
];
