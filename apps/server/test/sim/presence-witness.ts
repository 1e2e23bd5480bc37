import type { Member } from '@roomlog/client';
import type { SimServer } from './sim-server.js';
import type { Browser } from './workload.js';

export type Announcement = 'joined' | 'away' | 'left';
const key = (room: string, name: string) => `${room}/${name}`;

/**
 * Watches every member announcement the simulated server makes, as it makes it, against what is
 * true at that moment: a person is announced joined once and left once (alternating, away only in
 * between), never left or away while one of their connections is in the room, and a leave that a
 * drop caused (not a `room:leave` or a deliberate close) comes no sooner than the grace after it.
 */
export class PresenceWitness {
  readonly problems: string[] = [];
  /** room/name → what was last announced, in this server life (absent: not a member). */
  private readonly state = new Map<string, 'present' | 'away'>();
  /** room/name → when the person's last connection in the room went, and whether on purpose. */
  private readonly goneAt = new Map<string, { at: number; deliberate: boolean }>();

  constructor(
    private readonly graceMs: number,
    private readonly now: () => number,
  ) {}

  /** A new server life: its presence starts empty. */
  restarted(): void {
    this.state.clear();
    this.goneAt.clear();
  }

  /** The person's last connection in `room` went (dropped, or `deliberate`: left, closed). */
  gone(room: string, name: string, deliberate: boolean): void {
    this.goneAt.set(key(room, name), { at: this.now(), deliberate });
  }

  /** The server announces `kind`; `connected`: one of the person's connections is in the room. */
  announced(kind: Announcement, room: string, name: string, connected: boolean): void {
    const k = key(room, name);
    const was = this.state.get(k) ?? 'absent';
    const say = (what: string) => this.problems.push(`at ${this.now()}ms: ${name} ${what}`);
    if (kind === 'joined') {
      if (was === 'present') say(`announced joined to ${room} twice`);
      this.state.set(k, 'present');
      return;
    }
    if (connected) say(`announced ${kind} from ${room} while connected to it`);
    if (kind === 'away') {
      if (was !== 'present') say(`announced away from ${room} while ${was}`);
      this.state.set(k, 'away');
      return;
    }
    if (was === 'absent') say(`announced left ${room} while not a member (a second leave)`);
    const gone = this.goneAt.get(k);
    const after = gone ? this.now() - gone.at : Infinity;
    if (gone && !gone.deliberate && after < this.graceMs) {
      say(`announced left ${room} ${after} ms after a drop, within the ${this.graceMs} ms grace`);
    }
    this.state.delete(k);
  }
}

const describe = (members: readonly Member[]): string =>
  members.map((m) => (m.away ? `${m.name} (away)` : m.name)).join(', ');

/**
 * Once the system has settled (and every grace has run out): each connected engine's member list
 * of each room it is live in is exactly the people connected to that room, none shown away; so
 * is the server's own presence.
 */
export async function checkMemberLists(
  browsers: readonly Browser[],
  server: SimServer,
): Promise<string[]> {
  const problems: string[] = [];
  const rooms = new Set(browsers.flatMap((b) => [...(b.session?.joined ?? [])]));
  for (const room of rooms) {
    const truth = server.connectedTo(room).join(', ');
    const held = (await server.members(room)).join(', ');
    if (held !== truth)
      problems.push(`server presence of ${room} is [${held}], connected: [${truth}]`);
  }
  for (const browser of browsers) {
    const session = browser.session;
    if (session?.client.connection.state !== 'connected') continue;
    for (const room of session.joined) {
      const view = session.client.getRoom(room);
      if (view?.status !== 'live') continue;
      const truth = server.connectedTo(room).join(', ');
      const shown = describe(view.members);
      if (shown !== truth) {
        problems.push(
          `${browser.label} as ${session.name}: ${room} lists [${shown}], connected: [${truth}]`,
        );
      }
    }
  }
  return problems;
}
