/**
 * Tight lists (items written back to back) are a feature of the project encoder
 * (worker/wire/values.ts, encode.ts); these names remain for the MIME modules and their tests.
 */
export { TIGHT, tight, tightCount } from '../wire/values';
export { encodeValue as encodeMimeValue, writeValue as writeMimeValue } from '../wire/encode';
