import type { Browser, BrowserContext, Page } from '@playwright/test';

/** The localStorage key the web app keeps the display name under. */
export const NAME_KEY = 'roomlog:name';
/** The localStorage key the web app keeps the server's session token under, next to the name. */
export const SESSION_KEY = 'roomlog:session';

/** One person: their own browser context (cookies, storage, network) and one page in it. */
export interface Person {
  /** The stored display name, or null for someone who has not given one yet. */
  readonly name: string | null;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console messages and page errors, in order, for failure reports. */
  readonly console: string[];
  /** Every dialog (alert/confirm/prompt) the page opened; each is dismissed. */
  readonly dialogs: string[];
  /** URLs of the real WebSockets the page opened to `/socket.io/`. */
  readonly socketIoWebSockets: string[];
}

export interface OpenPersonOptions {
  baseURL: string;
  /** Stored in localStorage before any page script runs; `null` leaves the name unset. */
  name: string | null;
  /** A session token to store with the name (the same person as in an earlier context). */
  session?: string | null;
}

/** Opens a fresh browser context for one person and starts recording what their page does. */
export async function openPerson(browser: Browser, options: OpenPersonOptions): Promise<Person> {
  const context = await browser.newContext({ baseURL: options.baseURL });
  if (options.name !== null) {
    await context.addInitScript(
      ([key, value]) => {
        if (localStorage.getItem(key) === null) localStorage.setItem(key, value);
      },
      [NAME_KEY, options.name] as const,
    );
  }
  if (options.session) {
    await context.addInitScript(
      ([key, value]) => {
        if (localStorage.getItem(key) === null) localStorage.setItem(key, value);
      },
      [SESSION_KEY, options.session] as const,
    );
  }
  const page = await context.newPage();
  const person: Person = {
    name: options.name,
    context,
    page,
    console: [],
    dialogs: [],
    socketIoWebSockets: [],
  };
  const stamp = () => new Date().toISOString().slice(11, 23);
  page.on('console', (message) => {
    person.console.push(`${stamp()} [${message.type()}] ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    person.console.push(`${stamp()} [pageerror] ${error.stack ?? error.message}`);
  });
  page.on('dialog', (dialog) => {
    person.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on('websocket', (ws) => {
    if (/\/socket\.io\//.test(ws.url())) person.socketIoWebSockets.push(ws.url());
  });
  return person;
}
