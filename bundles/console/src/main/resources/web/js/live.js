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

// A stream of one device's values, for as long as its page is open (the shared stream leaves values
// out: at thousands of devices they would swamp every page). Returns what closes it.
export function deviceValues(deviceId, onValue) {
  const values = new EventSource(`/api/v1/events?types=value&device=${encodeURIComponent(deviceId)}`, { withCredentials: true });
  values.addEventListener('value', event => onValue(JSON.parse(event.data)));
  return () => values.close();
}

// Calls listener with every event of a type; returns what stops it.
export function listen(type, listener) {
  listeners.get(type).add(listener);
  return () => listeners.get(type).delete(listener);
}
