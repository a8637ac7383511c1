/**
 * Plugs the IMSP server into MailNetwork, and its fixture player into the scenario loader (a side
 * effect of importing this module). Node imports it with the engine; the browser's engine worker
 * loads it when a connection to an IMSP host first needs it (Engine.prepare): the page starts
 * with the default scenario's IMSP state precomputed (content/scenarios/default/imsp-state.json).
 */
import { loadImspScenario } from '../imsp/fixture';
import { ImspSession } from '../imsp/session';
import type { ImspMode } from '../imsp/types';
import { registerServer } from '../network';
import { setImspPlayer } from '../scenario';

// The mode is the host's dialect; the host list gives the IMAP servers of the draft-1995
// mailbox location table.
registerServer('imsp', (env, options, { host, hosts }) =>
  new ImspSession(env, host.dialect as ImspMode, {
    imapHosts: () => hosts().filter((h) => h.protocol === 'imap').map((h) => h.name),
    limits: options.imsp,
  }),
);
setImspPlayer(loadImspScenario);
