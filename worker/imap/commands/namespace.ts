import { AUTH, ok, type CommandSpec } from '../types';

/** RFC 2342: one personal namespace with `/` as delimiter, no shared or other users'. */
export const NAMESPACE: CommandSpec = {
  name: 'NAMESPACE',
  states: AUTH,
  syntax: 'NAMESPACE',
  rfc: 'RFC 2342 §5',
  run({ session, args }) {
    args.end();
    session.untagged('NAMESPACE (("" "/")) NIL NIL');
    return ok('Namespace completed.');
  },
};
