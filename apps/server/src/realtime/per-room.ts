/**
 * Values kept per room and person (display name), listed per room without a scan of every room:
 * a join reads who is away in its room alone.
 */
export class PerRoom<V> {
  private readonly rooms = new Map<string, Map<string, V>>();
  /** How many (room, name) entries there are. */
  size = 0;

  get(room: string, name: string): V | undefined {
    return this.rooms.get(room)?.get(name);
  }

  has(room: string, name: string): boolean {
    return this.rooms.get(room)?.has(name) ?? false;
  }

  set(room: string, name: string, value: V): void {
    let names = this.rooms.get(room);
    if (!names) this.rooms.set(room, (names = new Map<string, V>()));
    if (!names.has(name)) this.size += 1;
    names.set(name, value);
  }

  delete(room: string, name: string): boolean {
    const names = this.rooms.get(room);
    if (!names?.delete(name)) return false;
    this.size -= 1;
    if (names.size === 0) this.rooms.delete(room);
    return true;
  }

  /** The names with an entry in `room`. */
  names(room: string): Iterable<string> {
    return this.rooms.get(room)?.keys() ?? [];
  }

  *values(): IterableIterator<V> {
    for (const names of this.rooms.values()) yield* names.values();
  }

  clear(): void {
    this.rooms.clear();
    this.size = 0;
  }
}
