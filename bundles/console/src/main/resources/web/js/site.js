// The site the runtime serves (GET /api/v1/site): its name, time zone and centre.
export const site = { name: '', zone: 'UTC', utcOffset: '', latitude: 0, longitude: 0 };

export function useSite(answer) {
  Object.assign(site, answer);
}
