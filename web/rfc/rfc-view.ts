import { mount } from 'svelte';
import RfcView from './RfcView.svelte';

/** `?rfc=NUMBER`: the RFC examples view instead of the playground (its own chunk). */
export function mountRfcView(target: HTMLElement, rfc: number): void {
  mount(RfcView, { target, props: { rfc } });
}
