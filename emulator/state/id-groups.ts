/** Compares ids the way listings order them: by code unit, so paging by "last id seen" is stable. */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Items grouped under a parent id (nodes of a pool, tasks of a job); both ids are case-insensitive, as in the service. */
export class IdGroups<T extends { id: string }> {
  private readonly groups = new Map<string, Map<string, T>>();
  private readonly sorted = new Map<string, T[]>();

  /** One item of a group. */
  get(group: string, id: string): T | undefined {
    return this.groups.get(group.toLowerCase())?.get(id.toLowerCase());
  }

  /** The items of a group, ordered by id. */
  list(group: string): readonly T[] {
    const key = group.toLowerCase();
    let items = this.sorted.get(key);
    if (!items) {
      items = [...(this.groups.get(key)?.values() ?? [])].sort(byId);
      this.sorted.set(key, items);
    }
    return items;
  }

  /** Every item of every group. */
  all(): T[] {
    const items: T[] = [];
    for (const map of this.groups.values()) items.push(...map.values());
    return items;
  }

  /** Adds (or replaces) an item in its group. */
  add(group: string, item: T): void {
    const key = group.toLowerCase();
    let map = this.groups.get(key);
    if (!map) {
      map = new Map();
      this.groups.set(key, map);
    }
    map.set(item.id.toLowerCase(), item);
    this.sorted.delete(key);
  }

  /** Removes one item. */
  remove(group: string, id: string): void {
    this.groups.get(group.toLowerCase())?.delete(id.toLowerCase());
    this.sorted.delete(group.toLowerCase());
  }

  /** Removes a whole group. */
  dropGroup(group: string): void {
    this.groups.delete(group.toLowerCase());
    this.sorted.delete(group.toLowerCase());
  }

  /** Removes everything. */
  clear(): void {
    this.groups.clear();
    this.sorted.clear();
  }
}
