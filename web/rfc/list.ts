/**
 * The RFCs whose examples the `?rfc=NUMBER` view shows, for links from the course and the
 * timeline. Kept here (not read from the index) so those links cost the start-up bundle
 * nothing; tests/transcripts/rfc-examples.test.ts checks it against the index.
 */
export const RFC_EXAMPLE_RFCS = [1176, 1203, 1730, 2177, 2342, 3501, 4731, 5267, 5464, 9051] as const;

/** The view's address for one RFC, relative so it works under any base path. */
export const rfcHref = (n: number) => `?rfc=${n}`;
