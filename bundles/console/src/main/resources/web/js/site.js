// The site the runtime serves (GET /api/v1/site): its time zone and offset, and its name where given.
export const site = { name: '', zone: 'UTC', utcOffset: '+00:00' };

export function useSite(answer) {
  Object.assign(site, answer);
}
