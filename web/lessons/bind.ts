import type { Session } from '../terminal/session';
import type { ExchangeTracker } from './exchange';

/**
 * Feeds a terminal session's transcript into an exchange tracker from now on, and tells it
 * when the connection is replaced or ends. Returns the unsubscribe function.
 */
export function watchSession(session: Session, tracker: ExchangeTracker): () => void {
  let last = session.status;
  // POP3 answers untagged, in order (RFC 1939 §3): the tracker must know which it is reading.
  const protocol = () => (session.host.protocol === 'pop3' ? 'pop3' : 'imap');
  tracker.protocol = protocol();
  return session.subscribe((e) => {
    if (e.kind === 'entry') {
      tracker.protocol = protocol();
      tracker.push(e.entry);
      return;
    }
    if (session.status === last) return;
    if (session.status === 'connecting') tracker.reset();
    else if (session.status === 'closed') tracker.closed();
    last = session.status;
  });
}
