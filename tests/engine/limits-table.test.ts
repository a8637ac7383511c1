import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as L from '../../worker/limits';
import { DEFAULT_BRIDGE_OPTIONS } from '../../worker/node/bridge';
import { DEFAULT_SESSION_LIMITS } from '../../worker/imap/session';
import { DEFAULT_IMSP_LIMITS } from '../../worker/imsp/session';
import { DEFAULT_FRAMER_LIMITS } from '../../worker/wire/framer';
import { DEFAULT_MAX_DEPTH } from '../../worker/wire/parser';
import { DEFAULT_STORE_LIMITS } from '../../worker/store/store';
import { DEFAULT_QUOTA } from '../../worker/store/quota';

/** The README's "Limits" table and the code agree: every constant, its value, where it is used. */
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const table = readme.slice(readme.indexOf('## Limits'), readme.indexOf('## Layout'));

/** How the README writes a value: times in s or min, sizes in KiB/MiB, counts with commas. */
function shown(name: string, v: number): string {
  if (name.endsWith('_MS')) return v <= 60_000 ? `${v / 1000} s` : `${v / 60_000} min`;
  if (name === 'IMSP_INPUT_BUFFER') return `${v} octets`;
  if (v % (1024 * 1024) === 0) return `${v / (1024 * 1024)} MiB`;
  if (v % 1024 === 0) return `${v / 1024} KiB`;
  return v.toLocaleString('en-US');
}

describe('README "Limits"', () => {
  for (const [name, value] of Object.entries(L)) {
    it(`lists ${name} = ${value}`, () => {
      const row = table.split('\n').find((l) => l.includes(`\`${name}\``));
      expect(row, `a row naming ${name}`).toBeTruthy();
      expect(row!.split('|')[2].trim()).toMatch(new RegExp(`^${shown(name, value as number).replace('.', '\\.')}`));
    });
  }

  it('the engine and the bridge take their defaults from worker/limits.ts', () => {
    expect(DEFAULT_FRAMER_LIMITS).toMatchObject({ maxLineLength: L.MAX_LINE_LENGTH, maxLiteralSize: L.MAX_LITERAL_SIZE, maxCommandSize: L.MAX_COMMAND_SIZE });
    expect(DEFAULT_MAX_DEPTH).toBe(L.MAX_NESTING);
    expect(DEFAULT_STORE_LIMITS.maxMailboxes).toBe(L.MAX_MAILBOXES);
    expect(DEFAULT_STORE_LIMITS).toMatchObject({ maxMetadataValueSize: L.MAX_METADATA_VALUE_SIZE, maxMetadataEntries: L.MAX_METADATA_ENTRIES });
    expect(DEFAULT_QUOTA).toEqual({ messagesPerMailbox: L.MAX_MESSAGES_PER_MAILBOX, messagesPerAccount: L.MAX_MESSAGES_PER_ACCOUNT, bytesPerAccount: L.MAX_ACCOUNT_BYTES });
    expect(DEFAULT_SESSION_LIMITS).toMatchObject({
      maxBadCommandsBeforeLogin: L.MAX_BAD_COMMANDS_BEFORE_LOGIN,
      maxCommandBeforeLogin: L.MAX_COMMAND_BEFORE_LOGIN,
      commandBudgetMs: L.COMMAND_BUDGET_MS,
    });
    expect(DEFAULT_IMSP_LIMITS).toMatchObject({ maxLiteral: L.IMSP_MAX_LITERAL, maxLiteralBeforeLogin: L.IMSP_MAX_LITERAL_BEFORE_LOGIN });
    expect(DEFAULT_BRIDGE_OPTIONS).toEqual({
      maxConnections: L.MAX_CONNECTIONS,
      highWater: L.OUTPUT_HIGH_WATER,
      loginTimeoutMs: L.LOGIN_TIMEOUT_MS,
      idleTimeoutMs: L.IDLE_TIMEOUT_MS,
      authFailureDelayMs: L.AUTH_FAILURE_DELAY_MS,
      commandBudgetMs: L.COMMAND_BUDGET_MS,
    });
    // RFC 3501 §5.4: the autologout timer after login is at least 30 minutes.
    expect(L.IDLE_TIMEOUT_MS).toBeGreaterThanOrEqual(30 * 60_000);
  });
});
