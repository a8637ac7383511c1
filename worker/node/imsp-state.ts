import '../servers/imsp'; // the fixture player
import { loadScenario, type ImspState, type ScenarioFiles } from '../scenario';
import { snapshotImsp } from '../store/imsp';
import { MailStore } from '../store/store';

/**
 * A scenario's IMSP state as loading it with its fixture played through the IMSP server gives
 * (and, for `empty`, with only its logins): what imsp-state.json precomputes.
 */
export function imspStateOf(files: ScenarioFiles): ImspState {
  const played = Object.fromEntries(Object.entries(files).filter(([name]) => name !== 'imsp-state.json'));
  const play = (empty: boolean) => {
    const store = new MailStore();
    loadScenario(store, played, { empty });
    return snapshotImsp(store.imsp);
  };
  return { full: play(false), empty: play(true) };
}
