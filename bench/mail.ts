/** Deterministic synthetic mail for benchmarks: realistic sizes, varied words, a few MIME shapes. */
const WORDS = 'meeting budget report quarterly project alpha beta release schedule invoice travel lunch review draft contract design sprint retro coffee garden rabbit queen tea party hatter croquet'.split(' ');

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticMessage(i: number): string {
  const r = rng(i + 1);
  const pick = () => WORDS[Math.floor(r() * WORDS.length)];
  const subject = `${pick()} ${pick()} #${i}`;
  const lines = Array.from({ length: 8 + Math.floor(r() * 20) }, () => Array.from({ length: 10 }, pick).join(' '));
  const date = new Date(Date.UTC(2024, 0, 1) + i * 3600_000).toUTCString().replace('GMT', '+0000');
  // Every third message answers the one before it (In-Reply-To/References), so THREAD has threads to find.
  const reply = i % 3 === 1 ? `In-Reply-To: <bench-${i - 1}@example.org>\r\nReferences: <bench-${i - 1}@example.org>\r\n` : '';
  const head = `From: Sender ${i % 97} <sender${i % 97}@example.org>\r\nTo: Alice <alice@example.org>\r\nSubject: ${i % 3 === 1 ? 'Re: ' : ''}${subject}\r\nDate: ${date}\r\nMessage-ID: <bench-${i}@example.org>\r\n${reply}`;
  if (i % 5 === 0) {
    return `${head}MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b${i}"\r\n\r\n--b${i}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${lines.join('\r\n')}\r\n--b${i}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>${lines.join('</p><p>')}</p>\r\n--b${i}--\r\n`;
  }
  return `${head}\r\n${lines.join('\r\n')}\r\n`;
}
