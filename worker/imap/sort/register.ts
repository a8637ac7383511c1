/**
 * Makes SORT and THREAD answer synchronously (a side effect of importing this module): Node
 * imports it with the engine; the browser's engine loads ./impl.ts on demand (./lazy.ts).
 */
import * as impl from './impl';
import { provideSortThread } from './lazy';

provideSortThread(impl);
