// The few platform globals the engine may use. Both a Web Worker and Node provide them; the
// engine's tsconfig has no DOM or Node library, so nothing else can be touched by accident.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(input: string, dest: Uint8Array): { read: number; written: number };
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function queueMicrotask(cb: () => void): void;
declare function atob(data: string): string;
declare function btoa(data: string): string;
declare const console: { log(...a: unknown[]): void; error(...a: unknown[]): void; warn(...a: unknown[]): void };
declare const performance: { now(): number };
