import type { Session } from '../terminal/session';
import type { ExchangeTracker } from './exchange';

/**
 * Feeds a terminal session's transcript into an exchange tracker from now on, and tells it
 * when the connection is replaced or ends. Returns the unsubscribe function.
 */
export function watchSession(session: Session, tracker: ExchangeTracker): () => void {
  let last = session.status;
  return session.subscribe((e) => {
    if (e.kind === 'entry') {
      tracker.push(e.entry);
      return;
    }
    if (session.status === last) return;
    if (session.status === 'connecting') tracker.reset();
    else if (session.status === 'closed') tracker.closed();
    last = session.status;
  });
}
