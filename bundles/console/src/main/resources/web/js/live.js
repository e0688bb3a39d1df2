// One EventSource to /api/v1/events for the whole console; views listen to the types they show.
const TYPES = ['health', 'alarm', 'command'];
const listeners = new Map(TYPES.map(type => [type, new Set()]));
let source = null;

function mark(state) {
  document.body.dataset.live = state;
}

export function connect() {
  if (source && source.readyState !== EventSource.CLOSED) return;
  source = new EventSource(`/api/v1/events?types=${TYPES.join(',')}`, { withCredentials: true });
  source.onopen = () => mark('open');
  // EventSource reconnects on its own (with Last-Event-ID); only the indicator changes meanwhile.
  source.onerror = () => mark(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
  // The stream lost more than its ring holds: what the page shows may be stale, so it is drawn anew.
  source.addEventListener('reset', () => window.dispatchEvent(new Event('urbis:reset')));
  for (const type of TYPES) {
    source.addEventListener(type, event => {
      const data = JSON.parse(event.data);
      listeners.get(type).forEach(listener => listener(data));
    });
  }
}

export function disconnect() {
  source?.close();
  source = null;
  mark('closed');
}

// Calls listener with every event of a type; returns what stops it.
export function listen(type, listener) {
  listeners.get(type).add(listener);
  return () => listeners.get(type).delete(listener);
}
