import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Replaces what stands between `start` and `end` (two HTML comments) in a README with `body`, so
 * a figure there is always the one the script that measured it wrote. Returns false, leaving the
 * file as it is, when the markers are missing.
 */
export function writeSection(file, start, end, body) {
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return false;
  writeFileSync(file, `${text.slice(0, a + start.length)}\n${body}${text.slice(b)}`);
  return true;
}
