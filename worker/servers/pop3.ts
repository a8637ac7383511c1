/**
 * Plugs the POP3 server into MailNetwork (a side effect of importing this module): Node imports
 * it with the engine; the browser's engine worker loads it when a connection to a POP3 host first
 * needs it (Engine.prepare), so it is not part of the first download.
 */
import { registerServer } from '../network';
import { Pop3Session } from '../pop3/session';

registerServer('pop3', (env, options) => new Pop3Session(env, options.pop3));
