/**
 * In-app navigation for every leg without importing the router (which only `routes.ts` does):
 * the router listens for this event, the same one its own `Router.go` fires.
 */
export function navigate(path: string): void {
  const { pathname, search, hash } = new URL(path, window.location.origin);
  window.dispatchEvent(new CustomEvent('vaadin-router-go', { cancelable: true, detail: { pathname, search, hash } }));
}
