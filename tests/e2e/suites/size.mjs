// Issue 9 "Done when": the start-up weight budgets, measured on the built site by
// scripts/size.mjs (the same code that writes the README's table).
import { BUDGETS, measure } from '../../../scripts/size.mjs';
import { assert } from '../helpers.mjs';

export const tests = [
  {
    name: 'size: a working prompt needs ≤ 200 KB gzip of JS; a first visit transfers ≤ 400 KB in 6 s',
    async run({ context }) {
      const m = await measure({ browser: context.browser() });
      assert(m.prompt.worker > 0 && m.prompt.page > 0, `both the page and the engine worker were found: ${JSON.stringify(m.prompt.files)}`);
      assert(m.prompt.total <= BUDGETS.promptJs, `prompt JS ${m.prompt.total} octets > ${BUDGETS.promptJs}: ${JSON.stringify(m.prompt.files)}`);
      assert(m.visit.octets <= BUDGETS.firstVisit, `first visit ${m.visit.octets} octets > ${BUDGETS.firstVisit}: ${JSON.stringify(m.visit.byPath)}`);
      // Load-independent: the whole first visit, until the service worker has precached, also fits.
      assert(m.visit.settledOctets <= BUDGETS.firstVisit, `whole first visit ${m.visit.settledOctets} octets > ${BUDGETS.firstVisit}`);
      assert(!m.visit.byPath.some((r) => /EditorPanel|editor\.worker|codicon/.test(r.path)), 'Monaco is not part of the first visit');
    },
  },
];
