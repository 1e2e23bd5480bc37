import type { RoomEntry } from './room-entry.js';
import type { TimerSet } from './timers.js';

/** A typist sends `typing:start` at most this often while typing. */
export const TYPING_SEND_EVERY_MS = 2000;
/** How long "is typing" shows after the last `member:typing` (unless they send or leave first). */
export const TYPING_SHOWN_MS = 5000;

/**
 * Typing indicators, both ways: throttles our own `typing:start` per room, and shows others as
 * typing until they send, leave or go silent for {@link TYPING_SHOWN_MS}. Never stored or retried.
 */
export class Typing {
  /** room → when this client last sent `typing:start` there. */
  private readonly sentAt = new Map<string, number>();
  /** room + name → the timer that ends their "typing" display. */
  private readonly shown = new Map<string, unknown>();

  constructor(
    private readonly timers: TimerSet,
    private readonly changed: () => void,
  ) {}

  /** A keystroke in `room`: `send()` at most once every {@link TYPING_SEND_EVERY_MS}, when `canSend()`. */
  keystroke(room: string, canSend: () => boolean, send: () => void): void {
    const now = this.timers.now();
    const last = this.sentAt.get(room);
    if (last !== undefined && now - last < TYPING_SEND_EVERY_MS) return;
    if (!canSend()) return;
    this.sentAt.set(room, now);
    send();
  }

  /**
   * We sent a message in `room`: the others stop showing us as typing when it arrives, so the next
   * keystroke (the next message) tells them again at once, not up to an interval later.
   */
  sent(room: string): void {
    this.sentAt.delete(room);
  }

  /** `member:typing`: `name` shows as typing in the room for {@link TYPING_SHOWN_MS}. */
  heard(entry: RoomEntry, name: string): void {
    entry.typing(name);
    const key = `${entry.room}\u0000${name}`;
    this.timers.cancel(this.shown.get(key));
    this.shown.set(
      key,
      this.timers.after(TYPING_SHOWN_MS, () => {
        this.shown.delete(key);
        entry.stoppedTyping(name);
        this.changed();
      }),
    );
  }

  /** `name` sent a message, went away or left: no longer typing (in `entry`, when joined). */
  stop(room: string, entry: RoomEntry | undefined, name: string): void {
    const key = `${room}\u0000${name}`;
    this.timers.cancel(this.shown.get(key));
    this.shown.delete(key);
    entry?.stoppedTyping(name);
  }
}
