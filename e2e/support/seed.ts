import { randomUUID } from 'node:crypto';
import { createSqliteStore, openSqliteDatabase } from '@roomlog/server';
import { must } from './must.js';

/** A message to put straight into a server's SQLite file, with the time it was said. */
export interface SeedLine {
  author: string;
  text: string;
  at: Date;
}

/**
 * Appends messages to a room in a (stopped) server's SQLite file through the real store, so a
 * test or the screenshot script can start with a long log spread over days.
 */
export async function seedRoom(
  dbPath: string,
  room: string,
  lines: readonly SeedLine[],
): Promise<void> {
  const store = createSqliteStore(openSqliteDatabase(dbPath));
  try {
    for (const { author, text, at } of lines) {
      await store.append({ room, id: randomUUID(), author, text, at: at.toISOString() });
    }
  } finally {
    await store.close();
  }
}

/** `count` numbered lines from `authors` in turn, a minute apart, ending `endAt`. */
export function numberedLines(
  count: number,
  options: { authors?: readonly string[]; endAt?: Date; prefix?: string } = {},
): SeedLine[] {
  const authors = options.authors ?? ['ada', 'bob'];
  const end = (options.endAt ?? new Date()).getTime();
  return Array.from({ length: count }, (_, i) => ({
    author: must(authors[Math.floor(i / 3) % authors.length]),
    text: `${options.prefix ?? 'line'} ${i + 1}`,
    at: new Date(end - (count - 1 - i) * 60_000),
  }));
}

const daysAgo = (days: number, hour: number, minute: number): Date => {
  const date = new Date();
  date.setDate(date.getDate() - days);
  date.setHours(hour, minute, 0, 0);
  return date;
};

/**
 * A conversation over three days, as a busy room looks: groups, a day change at midnight, links,
 * long lines and code-ish text. The last line is a few minutes before now.
 */
export function busyRoomLines(): SeedLine[] {
  const script: Array<[number, number, number, string, string]> = [
    [
      2,
      10,
      2,
      'ada',
      'Morning all. The release checklist is up: https://example.com/release/checklist',
    ],
    [2, 10, 3, 'bob', 'Thanks! I will take the migration step.'],
    [2, 10, 4, 'bob', 'Does anyone know if the staging database was refreshed?'],
    [2, 10, 9, 'cleo', 'It was, last night. Logs in https://example.com/ops/logs?day=yesterday'],
    [2, 16, 40, 'ada', 'Migration ran clean on staging.'],
    [1, 23, 55, 'dmitri', 'Late one: the nightly build failed on the lint step.'],
    [1, 23, 57, 'dmitri', 'Looks like a formatting change slipped in.'],
    [0, 0, 10, 'ada', 'Fixed on main, re-running the nightly now.'],
    [0, 0, 11, 'ada', 'Should be green in ten minutes.'],
    [0, 8, 30, 'bob', 'Green again.'],
    [0, 9, 0, 'cleo', 'Stand-up notes:\n- ship the export\n- dark theme review\n- phone layout'],
    [
      0,
      9,
      1,
      'cleo',
      'Design review link: https://example.com/design/roomlog-dark (comments welcome)',
    ],
    [0, 9, 2, 'ada', 'Looks good. Contrast on the muted text is fine now.'],
    [
      0,
      9,
      3,
      'bob',
      'One nit: the member list on phones was a cramped strip, now it says "+N more".',
    ],
    [0, 9, 4, 'bob', 'Much better.'],
    [
      0,
      9,
      5,
      'dmitri',
      'Pasting the long id for the record: 7f3c9a1e-52b4-4d8e-9a0f-aa11bb22cc33-deadbeefcafebabe0123456789',
    ],
    [0, 9, 6, 'ada', 'Ship it.'],
  ];
  const now = Date.now();
  // This morning's lines end a few minutes ago, two minutes apart, whatever the time now.
  return script.map(([days, hour, minute, author, text], i) => ({
    author,
    text,
    at:
      days === 0 && hour > 0
        ? new Date(now - (script.length - i) * 2 * 60_000)
        : daysAgo(days, hour, minute),
  }));
}
