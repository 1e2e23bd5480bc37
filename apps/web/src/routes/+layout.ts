// A client-only app: the socket lives in the browser, and the server serves the static build.
export const ssr = false;
export const prerender = false;
