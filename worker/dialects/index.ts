import { imap2 } from './imap2';
import { imap2bis } from './imap2bis';
import { imap3 } from './imap3';
import { imap4 } from './imap4';
import { registerDialect } from './registry';

/**
 * Every dialect the engine serves: importing this module registers the earlier eras' beside
 * rev1 and rev2 (see ./registry.ts). Node and the tests import it; the browser loads it on demand.
 */
for (const d of [imap2, imap2bis, imap3, imap4]) registerDialect(d);

export { dialect, dialects, DIALECT_NAMES } from './registry';
