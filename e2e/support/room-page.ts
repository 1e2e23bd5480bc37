import { expect, type Locator, type Page } from '@playwright/test';

/** What one `[data-testid="message"]` item shows. */
export interface ShownMessage {
  text: string;
  author: string;
  state: string | null;
  seq: string | null;
}

/**
 * `expect.poll` intervals: re-check soon and often (the default waits 100, 250, 500, then
 * 1000 ms, which adds up to seconds over a test full of round trips).
 */
export const QUICK_POLL = { intervals: [50, 100, 100, 250] };

let roomCounter = 0;

/** A room name no other test uses (room names are `a-z0-9_-`, at most 64 characters). */
export function uniqueRoom(label = 't'): string {
  roomCounter += 1;
  const worker = process.env.TEST_WORKER_INDEX ?? '0';
  return `${label}-${Date.now().toString(36)}-${worker}-${roomCounter}`;
}

export const connectionState = (page: Page): Locator => page.getByTestId('connection-state');
export const transport = (page: Page): Locator => page.getByTestId('transport');
export const messagesRegion = (page: Page): Locator =>
  page.getByRole('region', { name: 'Messages', exact: true });
export const messageItems = (page: Page): Locator => messagesRegion(page).getByTestId('message');
export const composer = (page: Page): Locator => page.getByLabel('Message', { exact: true });
export const membersRegion = (page: Page): Locator =>
  page.getByRole('region', { name: 'Members', exact: true });
export const resumeMarkers = (page: Page): Locator => page.getByTestId('resume-marker');

/** Opens `/r/<room>` (with a stored name) and waits until it is connected and can send. */
export async function enterRoom(
  page: Page,
  room: string,
  options: { polling?: boolean } = {},
): Promise<void> {
  await page.goto(`/r/${room}${options.polling ? '?transport=polling' : ''}`);
  await expectReady(page);
}

/** Connected, with the Messages region and the composer on screen. */
export async function expectReady(page: Page): Promise<void> {
  await expect(connectionState(page)).toHaveText('connected');
  await expect(messagesRegion(page)).toBeVisible();
  await expect(composer(page)).toBeVisible();
}

/** Types `text` into the composer and presses Enter. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** Everything the Messages region shows right now, top to bottom. */
export async function readMessages(page: Page): Promise<ShownMessage[]> {
  // innerText, not textContent: what a person sees, so a newline must really show as one.
  return messageItems(page).evaluateAll((items) =>
    items.map((item) => ({
      text: item.querySelector<HTMLElement>('[data-testid="message-text"]')?.innerText.trim() ?? '',
      author: item.querySelector<HTMLElement>('.author')?.innerText.trim() ?? '',
      state: item.getAttribute('data-state'),
      seq: item.getAttribute('data-seq'),
    })),
  );
}

/** The texts shown, in order. */
export async function readTexts(page: Page): Promise<string[]> {
  return (await readMessages(page)).map((message) => message.text);
}

/**
 * Waits until the page shows exactly these messages, in this order, each once, all `sent`,
 * numbered 1..n (every test uses a fresh room, whose log starts at seq 1).
 */
export async function expectLog(
  page: Page,
  expected: ReadonlyArray<{ text: string; author?: string }>,
  message?: string,
): Promise<void> {
  await expect
    .poll(
      async () => (await readMessages(page)).map(({ text, state, seq }) => ({ text, state, seq })),
      {
        ...QUICK_POLL,
        message: message ?? 'the Messages region shows exactly the expected log',
      },
    )
    .toEqual(expected.map(({ text }, index) => ({ text, state: 'sent', seq: String(index + 1) })));
  const authors = expected.map(({ author }) => author);
  if (authors.every((author) => author !== undefined)) {
    expect((await readMessages(page)).map(({ author }) => author)).toEqual(authors);
  }
}
