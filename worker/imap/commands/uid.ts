import { SELECTED, type CommandSpec } from '../types';

/**
 * RFC 3501 §6.4.8. The session resolves `UID <command>` through the dialect's uidCommands
 * table, so this entry only marks that the dialect has UID at all.
 */
export const UID: CommandSpec = {
  name: 'UID',
  states: SELECTED,
  syntax: 'UID (COPY | MOVE | FETCH | SEARCH | STORE | EXPUNGE) arguments',
  rfc: 'RFC 3501 §6.4.8',
  run() {
    throw new Error('UID is dispatched by the session');
  },
};
